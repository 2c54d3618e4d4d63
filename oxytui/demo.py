"""`oxytui demo`: the dashboard on a throwaway file filled with sample data, deleted afterwards."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from datetime import UTC
from pathlib import Path

from oxytui.core.days import logical_day, now_local
from oxytui.core.model import Settings
from oxytui.core.sampledata import generate
from oxytui.store import Store
from oxytui.store.bulk import write_new_file

MAX_DAYS = 3660
DEMO_SEED = 7
DEMO_FILE_NAME = "oxytui-demo.json"


def make_demo_file(folder: Path, days: int) -> Path:
    """Write `days` days of sample data ending today into a new file in `folder`; return its path."""
    now = now_local()
    settings = Settings(welcomed=True)
    today = logical_day(now, settings.day_start_hour)
    data = generate(
        days, today, seed=DEMO_SEED, zone=now.tzinfo or UTC, day_start_hour=settings.day_start_hour
    )
    path = folder / DEMO_FILE_NAME
    contacts = [c for c in data.contacts if c.logged_at <= now]  # nothing logged later than now
    recalls = [r for r in data.recalls if r.started_at <= now]
    write_new_file(path, contacts, recalls, data.rest_days, settings)
    return path


def run_demo(days: int, run: Callable[[Store], int] | None = None) -> int:
    """Open the dashboard (or `run`) on a temporary demo file; the folder is removed afterwards."""
    if not 1 <= days <= MAX_DAYS:
        raise ValueError(f"--days must be from 1 to {MAX_DAYS} (not {days})")
    folder = Path(tempfile.mkdtemp(prefix="oxytui-demo-"))
    try:
        store = Store.open(make_demo_file(folder, days))
        if run is None:
            from oxytui.ui.app import run_app

            run = run_app
        return run(store)
    finally:
        shutil.rmtree(folder)
