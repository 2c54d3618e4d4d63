"""Daily rotating backups (14 days + 8 weeks) and restoring one."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oxytui.core.model import ContactDraft
from oxytui.core.retention import backups_to_keep
from oxytui.paths import backup_dir
from oxytui.store import Store, UnreadableFileError
from oxytui.store.backups import (
    backup_path,
    list_backups,
    newest_good_backup,
    restore_backup,
    take_daily_backup,
)
from tests.conftest import BERLIN, FakeClock

TODAY = date(2026, 11, 25)  # a Wednesday


def days_back(*offsets: int) -> set[date]:
    return {TODAY - timedelta(days=offset) for offset in offsets}


def whos(path: Path) -> list[str]:
    return [c.who for c in Store.open(path).all_contacts()]


# --- which backups are kept ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("offsets", "kept"),
    [
        ([], []),
        ([0], [0]),
        ([13], [13]),  # the 14th day back is still one of the last 14 days
        ([14], [14]),  # out of the 14 days, but the newest of its week (Mon 9 Nov to Sun 15 Nov)
        ([14, 15, 16], [14, 15, 16]),  # counted, not aged: three backups are fewer than 14
        (list(range(30)), [*range(14), 17, 24]),  # Sun 8 Nov and Sun 1 Nov kept for their weeks
        ([7 * n for n in range(20)], [7 * n for n in range(14)]),  # one a week: the newest 14
        ([2, 46, 47, 51, 52], [2, 46, 47, 51, 52]),
        ([59, 60, 100, 365], [59, 60, 100, 365]),  # old, but the newest there are: kept
        ([-200, *range(20)], [-200, *range(13), 17]),  # one from a clock set ahead pushes out one
    ],
)
def test_backups_to_keep_table(offsets: list[int], kept: list[int]) -> None:
    assert backups_to_keep(sorted(days_back(*offsets))) == days_back(*kept)


def test_backups_to_keep_a_hundred_days() -> None:
    days = sorted(days_back(*range(100)))
    kept = backups_to_keep(days)
    last_14 = days_back(*range(14))
    assert last_14 <= kept
    older = sorted(kept - last_14)
    # Weeks (Monday to Sunday) before the one 14 days back: Sundays 8 Nov, 1 Nov, 25 Oct, 18 Oct, 11 Oct.
    assert older == [
        date(2026, 10, 11),
        date(2026, 10, 18),
        date(2026, 10, 25),
        date(2026, 11, 1),
        date(2026, 11, 8),
    ]
    assert len(kept) == 14 + 5


@given(st.sets(st.integers(min_value=-400, max_value=400), max_size=60), st.integers(-400, 400))
def test_backups_to_keep_rules(offsets: set[int], wrong_clock: int) -> None:
    days = sorted({TODAY - timedelta(days=offset) for offset in offsets})
    kept = backups_to_keep(days)
    assert kept <= set(days)
    newest = sorted(days, reverse=True)
    assert set(newest[:14]) <= kept
    newest_per_week: dict[date, date] = {}
    for day in newest:
        newest_per_week.setdefault(day - timedelta(days=day.weekday()), day)
    weekly = {newest_per_week[monday] for monday in sorted(newest_per_week, reverse=True)[:8]}
    assert kept == set(newest[:14]) | weekly
    assert backups_to_keep(sorted(kept)) == kept  # pruning twice changes nothing
    # One more backup, dated by a clock set anywhere, pushes out at most one daily and one weekly.
    extra = TODAY - timedelta(days=wrong_clock)
    after = backups_to_keep([*kept, extra])
    assert len(kept - after) <= 2


# --- taking backups ----------------------------------------------------------------------------


def test_first_write_of_a_logical_day_takes_one_backup(store: Store, db_path: Path, clock: FakeClock) -> None:
    store.add_contact(ContactDraft("A", "hug"))
    assert list_backups(db_path) == []  # there was no file to back up
    before_b = db_path.read_bytes()
    store.add_contact(ContactDraft("B", "hug"))
    [backup] = list_backups(db_path)
    assert backup.day == TODAY and backup.path == backup_path(db_path, TODAY)
    assert backup.path.read_bytes() == before_b
    store.add_contact(ContactDraft("C", "hug"))
    clock.now = datetime(2026, 11, 26, 3, 59, tzinfo=BERLIN)  # still the same logical day
    store.add_contact(ContactDraft("D", "hug"))
    assert [b.day for b in list_backups(db_path)] == [TODAY]
    assert backup.path.read_bytes() == before_b
    clock.now = datetime(2026, 11, 26, 4, 0, tzinfo=BERLIN)
    before_e = db_path.read_bytes()
    store.add_contact(ContactDraft("E", "hug"))
    backups = list_backups(db_path)
    assert [b.day for b in backups] == [TODAY + timedelta(days=1), TODAY]
    assert backups[0].path.read_bytes() == before_e
    assert whos(backups[0].path) == ["A", "B", "C", "D"]


def test_reading_takes_no_backup(store: Store, db_path: Path, clock: FakeClock) -> None:
    store.add_contact(ContactDraft("A", "hug"))
    clock.now += timedelta(days=3)
    reopened = Store.open(db_path, clock=clock)
    reopened.export_data()
    reopened.refresh()
    assert list_backups(db_path) == []


def test_rotation_prunes_old_backups(store: Store, db_path: Path, clock: FakeClock) -> None:
    store.add_contact(ContactDraft("A", "hug"))
    folder = backup_dir(db_path)
    folder.mkdir()
    payload = db_path.read_bytes()
    old_days = sorted(days_back(*range(1, 90)))
    for day in old_days:
        backup_path(db_path, day).write_bytes(payload)
    others = ["oxytui-before-restore-20261101-120000.json", "notes.txt", "oxytui-2026-02-30.json"]
    for name in others:
        (folder / name).write_bytes(b"x")
    store.add_contact(ContactDraft("B", "hug"))  # takes today's backup and prunes
    expected = backups_to_keep([*old_days, TODAY])
    assert {b.day for b in list_backups(db_path)} == expected
    assert len(expected) == 14 + 5  # the weeks of 8 Nov, 1 Nov, 25 Oct, 18 Oct and 11 Oct
    for name in others:
        assert (folder / name).exists()


def test_take_daily_backup_without_a_file(tmp_path: Path) -> None:
    assert take_daily_backup(tmp_path / "none.json", TODAY) is None
    assert not (tmp_path / "backups").exists()


def test_newest_good_backup_skips_unreadable(store: Store, db_path: Path) -> None:
    store.add_contact(ContactDraft("A", "hug"))
    backup_dir(db_path).mkdir()
    good = backup_path(db_path, TODAY - timedelta(days=3))
    good.write_bytes(db_path.read_bytes())
    broken = backup_path(db_path, TODAY - timedelta(days=1))
    broken.write_bytes(db_path.read_bytes()[:-5])
    assert [b.day for b in list_backups(db_path)] == [TODAY - timedelta(days=1), TODAY - timedelta(days=3)]
    assert list_backups(db_path)[0].problem() is not None
    best = newest_good_backup(db_path)
    assert best is not None and best.path == good and best.problem() is None


# --- restoring ----------------------------------------------------------------------------------


def make_history(store: Store, db_path: Path, clock: FakeClock) -> Path:
    """A, then B on a new day (backup holds [A]), then C; returns the backup that holds [A]."""
    store.add_contact(ContactDraft("A", "hug"))
    clock.now += timedelta(days=1)
    store.add_contact(ContactDraft("B", "hug"))
    store.add_contact(ContactDraft("C", "hug"))
    [backup] = list_backups(db_path)
    return backup.path


def test_restore_round_trip(store: Store, db_path: Path, clock: FakeClock) -> None:
    backup = make_history(store, db_path, clock)
    backup_bytes = backup.read_bytes()
    current = db_path.read_bytes()
    kept = restore_backup(db_path, backup, clock.now)
    assert db_path.read_bytes() == backup_bytes
    assert whos(db_path) == ["A"]
    assert kept is not None and kept.read_bytes() == current
    assert kept.parent == backup_dir(db_path) and "before-restore" in kept.name
    assert store.refresh() is True
    assert [c.who for c in store.all_contacts()] == ["A"]
    # The kept file can be restored in turn: nothing is ever lost by a restore.
    restore_backup(db_path, kept, clock.now + timedelta(seconds=1))
    assert whos(db_path) == ["A", "B", "C"]


@pytest.mark.parametrize("garbage", [b"", b'{"meta": {"1": {"schema_ver', b"\xff\xfe", b"[]"])
def test_restore_over_a_corrupt_file(store: Store, db_path: Path, clock: FakeClock, garbage: bytes) -> None:
    backup = make_history(store, db_path, clock)
    db_path.write_bytes(garbage)
    with pytest.raises(UnreadableFileError) as caught:
        Store.open(db_path)
    assert f"restore {backup}" in str(caught.value)
    kept = restore_backup(db_path, backup, clock.now)
    assert kept is not None and kept.read_bytes() == garbage
    assert whos(db_path) == ["A"]


def test_restore_when_there_is_no_data_file(
    tmp_path: Path, store: Store, db_path: Path, clock: FakeClock
) -> None:
    backup = make_history(store, db_path, clock)
    copy = tmp_path / "elsewhere" / "copy.json"
    copy.parent.mkdir()
    copy.write_bytes(backup.read_bytes())
    fresh = tmp_path / "fresh" / "oxytui.json"
    assert restore_backup(fresh, copy, clock.now) is None
    assert whos(fresh) == ["A"]


def test_restore_refuses_a_bad_backup(store: Store, db_path: Path, clock: FakeClock, tmp_path: Path) -> None:
    make_history(store, db_path, clock)
    current = db_path.read_bytes()
    bad = tmp_path / "bad.json"
    bad.write_bytes(b'{"meta": {"1": {"schema_version": 99}}}')
    with pytest.raises(UnreadableFileError, match="newer"):
        restore_backup(db_path, bad, clock.now)
    with pytest.raises(UnreadableFileError, match="cannot read the backup"):
        restore_backup(db_path, tmp_path / "missing.json", clock.now)
    assert db_path.read_bytes() == current
    assert not any("before-restore" in p.name for p in backup_dir(db_path).iterdir())


def test_two_restores_in_one_second_keep_both_replaced_files(
    store: Store, db_path: Path, clock: FakeClock
) -> None:
    backup = make_history(store, db_path, clock)
    original = db_path.read_bytes()
    first = restore_backup(db_path, backup, clock.now)
    store.refresh()
    store.add_contact(ContactDraft("D", "hug"))
    between = db_path.read_bytes()
    second = restore_backup(db_path, backup, clock.now)  # the same second: the same stamp
    assert first is not None and second is not None and first != second
    assert first.read_bytes() == original
    assert second.read_bytes() == between
