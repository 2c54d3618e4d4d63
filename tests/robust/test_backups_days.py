"""Issue 6 item 5: after months of simulated use exactly the promised backups exist, and each restores."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from pathlib import Path

from oxytui.core.model import ContactDraft
from oxytui.store import Store
from oxytui.store.backups import list_backups, restore_backup
from oxytui.store.fileformat import decode
from tests.conftest import BERLIN, FakeClock

START = datetime(2026, 6, 3, 21, 30, tzinfo=BERLIN)  # a Wednesday; the run crosses the October DST change


def promised(taken: list[date], today: date) -> set[date]:
    """The backups the design promises: the newest 14, and the newest of each of the newest 8 weeks.

    Written from the promise, independently of oxytui.store.backups: counted among the backups taken,
    never against `today` (so a wrong clock cannot empty the folder); the week of a day is the
    Monday-to-Sunday week holding it.
    """
    newest = sorted(set(taken), reverse=True)
    keep = set(newest[:14])
    newest_by_week: dict[date, date] = {}
    for day in taken:
        monday = day - timedelta(days=day.weekday())
        newest_by_week[monday] = max(day, newest_by_week.get(monday, day))
    keep |= {newest_by_week[monday] for monday in sorted(newest_by_week, reverse=True)[:8]}
    return keep


def test_after_120_days_exactly_the_promised_backups_exist_and_restore(tmp_path: Path) -> None:
    rng = random.Random(120)
    path = tmp_path / "oxytui.json"
    clock = FakeClock(START)
    store = Store.open(path, clock=clock)
    clock.now = START - timedelta(days=1)
    store.add_contact(ContactDraft("First", "hug"))  # the file exists before the run starts
    taken: list[date] = []  # the days a backup was taken, as the promise says: first save of a day
    end_of_day = {store.today(): path.read_bytes()}  # the file as the last save of each day left it
    kept: set[date] = set()
    checked_days = 0
    for offset in range(120):
        clock.now = START + timedelta(days=offset, minutes=rng.randint(-90, 150))
        today = store.today()
        if rng.random() < 0.3:
            continue  # a day without the app
        taken.append(today)
        for _ in range(rng.randint(1, 3)):
            store.add_contact(ContactDraft(rng.choice(["Sam", "Ada", "Noor"]), "hug", rng.randint(1, 5)))
        if rng.random() < 0.3:
            store.delete_contact(rng.choice(store.all_contacts()).id)
        end_of_day[today] = path.read_bytes()
        kept = promised([d for d in taken if d in kept or d == today], today)
        on_disk = {backup.day for backup in list_backups(path)}
        assert on_disk == kept, f"{today}: {sorted(on_disk ^ kept)}"
        checked_days += 1
    assert checked_days > 60
    assert len([day for day in kept if (today - day).days >= 14]) >= 5  # older weeks are kept too

    backups = list_backups(path)
    days_written = sorted(end_of_day)
    for backup in backups:
        assert backup.problem() is None
        assert (backup.path.stat().st_mode & 0o777) == 0o600
        # A day's backup is the file as the last day of use before it left it.
        before = max(day for day in days_written if day < backup.day)
        assert backup.path.read_bytes() == end_of_day[before]
        decode(backup.path.read_bytes(), backup.path)

    current = path.read_bytes()
    for backup in backups:
        probe = tmp_path / "probe" / f"{backup.day}.json"
        probe.parent.mkdir(exist_ok=True)
        probe.write_bytes(backup.path.read_bytes())
        expected = Store.open(probe).export_data()
        replaced = restore_backup(path, backup.path, clock.now)
        assert path.read_bytes() == backup.path.read_bytes()
        assert Store.open(path, clock=clock).export_data() == expected
        assert replaced is not None
        restore_backup(path, replaced, clock.now)  # and back again, exactly
        assert path.read_bytes() == current
        replaced.unlink()
