"""Sample data, the bulk writer and `oxytui demo`: realistic, readable by the Store, and throwaway."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
from collections import Counter
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

import oxytui.ui.app
from oxytui.cli import main
from oxytui.core.days import logical_day
from oxytui.core.sampledata import generate
from oxytui.demo import run_demo
from oxytui.paths import default_db_path
from oxytui.store import NotAFileError, Store
from oxytui.store.fileformat import write_new_file

LAST = date(2026, 11, 25)
BERLIN = ZoneInfo("Europe/Berlin")


def test_a_year_looks_like_a_life() -> None:
    data = generate(365, LAST, seed=3, zone=BERLIN)
    assert 1000 < len(data.contacts) < 2000
    assert 180 < len(data.recalls) < 320
    assert 1 <= len(data.rest_days) <= 20
    people = Counter(c.who for c in data.contacts)
    assert people["Alex"] > 250 and people["Biscuit"] > 200  # the same people come back
    assert len(people) <= 10
    days = {c.day for c in data.contacts} | {r.day for r in data.recalls if r.completed}
    assert 300 < len(days) < 365  # a few days with nothing logged
    weekend = [c for c in data.contacts if c.day.weekday() >= 5]
    assert len(weekend) / 104 > (len(data.contacts) - len(weekend)) / 261  # busier weekends
    quiet = generate(365, LAST, seed=3, zone=BERLIN, busy_weekends=False)
    quiet_weekend = [c for c in quiet.contacts if c.day.weekday() >= 5]
    assert len(quiet_weekend) / 104 < (len(quiet.contacts) - len(quiet_weekend)) / 261
    for record in data.contacts:
        assert logical_day(record.local_time, 4) == record.day
        assert record.day <= LAST
    for recall in data.recalls:
        if recall.completed and recall.before.stress is not None and recall.after.stress is not None:
            assert 0 <= recall.after.stress <= 10


def test_same_seed_same_data() -> None:
    assert generate(60, LAST, seed=11) == generate(60, LAST, seed=11)
    assert generate(60, LAST, seed=11) != generate(60, LAST, seed=12)
    with pytest.raises(ValueError, match="days"):
        generate(0, LAST)


def test_bulk_file_opens_normally(tmp_path: Path) -> None:
    data = generate(120, LAST, zone=BERLIN)
    path = tmp_path / "sample.json"
    size = write_new_file(path, data.contacts, data.recalls, data.rest_days)
    assert size == path.stat().st_size
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    store = Store.open(path)
    assert store.all_contacts() == sorted(data.contacts, key=lambda c: (c.day, c.logged_at))
    assert store.recalls() == data.recalls
    assert sorted(store.rest_days()) == [r.day for r in data.rest_days]
    with pytest.raises(NotAFileError, match="already exists"):
        write_new_file(path, [], [], [])


def test_demo_runs_on_a_throwaway_file(isolated_home: Path) -> None:
    seen: list[tuple[Path, int]] = []

    def fake_dashboard(store: Store) -> int:
        seen.append((store.path, len(store.all_contacts())))
        assert store.path.exists()
        assert store.settings.welcomed
        return 0

    assert run_demo(30, fake_dashboard) == 0
    [(path, contacts)] = seen
    assert contacts > 50
    assert not path.exists() and not path.parent.exists()
    assert path != default_db_path()
    assert not default_db_path().exists()


def test_demo_command_opens_the_dashboard(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    opened: list[Path] = []

    def fake_run_app(store: Store) -> int:
        opened.append(store.path)
        return 0

    monkeypatch.setattr(oxytui.ui.app, "run_app", fake_run_app)
    assert main(["--db", str(real), "demo", "--days", "14"]) == 0
    assert len(opened) == 1 and opened[0] != real
    assert not real.exists()


def test_demo_days_out_of_range(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--days", "0"]) == 1
    assert "--days must be from 1 to 3660" in capsys.readouterr().err


@pytest.mark.parametrize("days", ["٣", "1_0", "+3", "-3", "3.0", ""])
def test_demo_days_must_be_ascii_digits(capsys: pytest.CaptureFixture[str], days: str) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["demo", "--days", days])
    assert stop.value.code == 1 and "is not a whole number such as 365" in capsys.readouterr().err


def test_demo_folder_goes_when_the_terminal_closes(tmp_path: Path) -> None:
    """SIGHUP (a closed terminal) and SIGTERM end the demo and still remove its folder."""
    script = (
        "import sys, time\n"
        "from oxytui.demo import run_demo\n"
        "def wait(store):\n"
        "    print(store.path, flush=True)\n"
        "    time.sleep(60)\n"
        "    return 0\n"
        "sys.exit(run_demo(5, wait))\n"
    )
    for signum in (signal.SIGHUP, signal.SIGTERM):
        env = {**os.environ, "TMPDIR": str(tmp_path)}
        child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, env=env)
        assert child.stdout is not None
        path = Path(child.stdout.readline().strip())
        assert path.exists() and path.is_relative_to(tmp_path)
        child.send_signal(signum)
        assert child.wait(timeout=30) == 128 + signum
        assert not path.parent.exists()


def test_the_demo_recalls_use_scripts_that_ship(tmp_path: Path) -> None:
    from oxytui.recall_scripts import load_scripts

    shipped = {script.id for script in load_scripts(user=tmp_path / "no-user-scripts").scripts}
    data = generate(365, date(2026, 11, 25), seed=7, zone=ZoneInfo("Europe/Berlin"))
    used = {recall.script for recall in data.recalls}
    assert used and used <= shipped
