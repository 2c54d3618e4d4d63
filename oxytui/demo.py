"""`oxytui demo`: the dashboard on a throwaway file filled with sample data, deleted afterwards."""

from __future__ import annotations

import shutil
import signal
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from pathlib import Path
from types import FrameType

from oxytui.core.days import logical_day, now_local, utc_offset_text
from oxytui.core.model import Contact, PersonRecord, Settings
from oxytui.core.sampledata import generate
from oxytui.paths import DEMO_FILE_NAME
from oxytui.store import Store
from oxytui.store.fileformat import write_new_file

MAX_DAYS = 3660
DEMO_SEED = 7


def demo_people(today: date, zone: tzinfo, days: int) -> tuple[list[Contact], list[PersonRecord]]:
    """A few people with rhythms: Grandma Lin's calls every three weeks or so, the last one five weeks
    ago (past the two weeks hoped for), Grandpa Jo remembered, Mum and Sam with rhythms of their own."""
    calls = []
    for number, back in enumerate(range(36, days, 21)):
        day = today - timedelta(days=back)
        moment = datetime.combine(day, time(18, 30 + number % 20), zone)
        calls.append(
            Contact(
                f"{0xD3110 + number:032x}",
                day,
                moment.astimezone(UTC),
                utc_offset_text(moment),
                "Grandma Lin",
                "call",
                5,
            )
        )
    records = [
        PersonRecord("Grandma Lin", every_days=14, note="Loves hearing about the garden."),
        PersonRecord("Mum", every_days=7),
        PersonRecord("Sam", every_days=30),
        PersonRecord("Grandpa Jo", remembered=True, note="His hands always smelled of sawdust and oranges."),
    ]
    return calls, records


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
    calls, people = demo_people(today, now.tzinfo or UTC, days)
    write_new_file(
        path,
        sorted([*contacts, *calls], key=lambda c: c.logged_at),
        recalls,
        data.rest_days,
        settings,
        people,
    )
    return path


def run_demo(days: int, run: Callable[[Store], int] | None = None) -> int:
    """Open the dashboard (or `run`) on a temporary demo file; the folder is removed afterwards."""
    if not 1 <= days <= MAX_DAYS:
        raise ValueError(f"--days must be from 1 to {MAX_DAYS} (not {days})")
    folder = Path(tempfile.mkdtemp(prefix="oxytui-demo-"))
    try:
        with _exit_on_hangup():
            store = Store.open(make_demo_file(folder, days))
            if run is None:
                from oxytui.ui.app import run_app

                run = run_app
            return run(store)
    finally:
        shutil.rmtree(folder)


def _hang_up(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)


@contextmanager
def _exit_on_hangup() -> Iterator[None]:
    """Turn SIGHUP and SIGTERM (a closed terminal, a kill) into SystemExit, so the demo folder goes."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    wanted = [getattr(signal, name) for name in ("SIGHUP", "SIGTERM") if hasattr(signal, name)]
    previous = {number: signal.signal(number, _hang_up) for number in wanted}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
