"""The backup retention rule in core/retention.py keeps exactly the backups the rule it replaced kept,
for any set of days a backups folder can name (any date from year 1 to 9999)."""

from __future__ import annotations

import shutil
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from oxytui import cli
from oxytui.core.model import ContactDraft
from oxytui.core.retention import backups_to_keep
from oxytui.store import Store
from oxytui.store.backups import backup_path, list_backups
from tests.conftest import BERLIN, FakeClock


def kept_before(days: list[date]) -> set[date]:
    """The rule as store/backups.py had it before it moved to core/retention.py."""
    newest_first = sorted(set(days), reverse=True)
    keep = set(newest_first[:14])
    weeks: set[date] = set()
    for day in newest_first:
        monday = day - timedelta(days=day.weekday())
        if monday not in weeks:
            if len(weeks) == 8:
                break
            weeks.add(monday)
            keep.add(day)
    return keep


# Days anywhere a backup's name can put them, with runs of close days (the usual folder) near both ends.
near = st.integers(0, 500)
anywhere = (
    st.dates()
    | near.map(lambda n: date.max - timedelta(days=n))
    | near.map(lambda n: date.min + timedelta(days=n))
)
runs = st.tuples(anywhere, st.lists(st.integers(0, 40), max_size=30)).map(
    lambda run: [run[0] - timedelta(days=back) for back in run[1] if (run[0] - date.min).days >= back]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(anywhere, max_size=30), runs)
def test_the_same_backups_are_kept_as_before(days: list[date], run: list[date]) -> None:
    every = days + run
    assert backups_to_keep(every) == kept_before(every)


def test_the_last_days_of_the_calendar_are_kept_as_before() -> None:
    """A backup named for the last week of 9999 (a clock set far ahead once) is a day like any other."""
    days = [date.max - timedelta(days=back) for back in range(30)] + [date(2026, 11, 25)]
    assert backups_to_keep(days) == kept_before(days)


def test_a_save_beside_a_backup_of_the_year_9999_is_saved(tmp_path: Path) -> None:
    """A backups folder that holds a backup named for 31 Dec 9999 (a clock once set far ahead, or a
    copy from elsewhere) neither stops the first save of a day nor loses a backup it keeps."""
    clock = FakeClock(datetime(2026, 11, 25, 21, 30, tzinfo=BERLIN))
    path = tmp_path / "oxytui.json"
    store = Store.open(path, clock=clock)
    store.add_contact(ContactDraft("Sam", "hug", 4))
    far = backup_path(path, date(9999, 12, 31))
    far.parent.mkdir(mode=0o700, exist_ok=True)
    shutil.copyfile(path, far)
    clock.now += timedelta(days=1)  # the first save of a new day takes its backup and prunes
    store.add_contact(ContactDraft("Ada", "hug", 3))
    assert [c.who for c in Store.open(path, clock=clock).all_contacts()] == ["Sam", "Ada"]
    assert far.exists() and backup_path(path, date(2026, 11, 26)).exists()
    assert {b.day for b in list_backups(path)} == {date(9999, 12, 31), date(2026, 11, 26)}


def test_the_command_line_logs_beside_a_backup_of_the_year_9999(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "oxytui.json"
    assert cli.main(["--db", str(path), "log", "Sam", "--kind", "hug"]) == 0
    far = backup_path(path, date(9999, 12, 30))
    far.parent.mkdir(mode=0o700, exist_ok=True)
    shutil.copyfile(path, far)
    capsys.readouterr()
    assert cli.main(["--db", str(path), "log", "Ada", "--kind", "hug"]) == 0
    assert capsys.readouterr().err == ""
    assert [c.who for c in Store.open(path).all_contacts()] == ["Sam", "Ada"]
    assert far.exists() and len(list_backups(path)) == 2  # today's, taken before the save, and 9999's
