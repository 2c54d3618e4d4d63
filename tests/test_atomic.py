"""Atomic, durable writes: an interrupted save leaves the old file or the new one, never a mix; file modes."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

import oxytui.safe_files as atomic
from oxytui.core.model import ContactDraft
from oxytui.paths import backup_dir, lock_path
from oxytui.safe_files import atomic_write, ensure_dir, leftover_temps
from oxytui.store import Store, WriteFailedError
from tests.conftest import FakeClock

STEPS = ["write", "fsync", "replace", "fsync_dir"]


class _BrokenHandle:
    """A file handle whose write fails as on a full disk."""

    def __init__(self, handle: Any) -> None:
        self._handle = handle

    def __enter__(self) -> _BrokenHandle:
        return self

    def __exit__(self, *exc: object) -> None:
        self._handle.close()

    def write(self, payload: bytes) -> int:
        self._handle.write(payload[: len(payload) // 2])  # some bytes reach the temp file first
        raise OSError(errno.ENOSPC, "No space left on device")

    def flush(self) -> None:
        self._handle.flush()

    def fileno(self) -> int:
        return int(self._handle.fileno())


@contextmanager
def failing(step: str, *, nth: int = 1) -> Iterator[list[int]]:
    """Make the `nth` call of one step of atomic_write fail with an OSError; yields the call count."""
    calls = [0]

    def should_fail() -> bool:
        calls[0] += 1
        return calls[0] == nth

    with pytest.MonkeyPatch.context() as patch:
        if step == "write":
            real_fdopen = os.fdopen

            def fdopen(fd: int, mode: str) -> Any:
                handle = real_fdopen(fd, mode)
                return _BrokenHandle(handle) if should_fail() else handle

            patch.setattr(os, "fdopen", fdopen)
        elif step in ("fsync", "replace"):
            real: Callable[..., None] = getattr(os, step)

            def broken(*args: Any) -> None:
                if should_fail():
                    raise OSError(errno.EIO, f"{step} failed")
                real(*args)

            patch.setattr(os, step, broken)
        else:
            real_fsync_dir = atomic.fsync_dir

            def broken_dir(folder: Path) -> None:
                if should_fail():
                    raise OSError(errno.EIO, "fsync of the folder failed")
                real_fsync_dir(folder)

            patch.setattr(atomic, "fsync_dir", broken_dir)
        yield calls


def temps_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if ".tmp" in p.name)


# --- atomic_write on its own ------------------------------------------------------------------


def test_atomic_write_creates_and_replaces(tmp_path: Path) -> None:
    path = tmp_path / "f.json"
    atomic_write(path, b"one")
    assert path.read_bytes() == b"one"
    atomic_write(path, b"two, longer")
    assert path.read_bytes() == b"two, longer"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert temps_in(tmp_path) == []


@pytest.mark.parametrize("step", STEPS)
def test_atomic_write_failure_keeps_old_bytes(tmp_path: Path, step: str) -> None:
    path = tmp_path / "f.json"
    old = b'{"old": "bytes \xc3\xa9"}'
    atomic_write(path, old)
    inode = path.stat().st_ino
    with failing(step) as calls, pytest.raises(OSError):
        atomic_write(path, b'{"new": true}' * 1000)
    assert calls[0] >= 1
    assert path.read_bytes() == old
    if step != "fsync_dir":
        assert path.stat().st_ino == inode  # never even touched
    assert temps_in(tmp_path) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.json"]


@pytest.mark.parametrize("step", STEPS)
def test_atomic_write_failure_on_a_new_file_leaves_nothing(tmp_path: Path, step: str) -> None:
    path = tmp_path / "new.json"
    with failing(step), pytest.raises(OSError):
        atomic_write(path, b"{}")
    if step == "fsync_dir":
        # The rename happened but could not be made durable; with no old file, the new one stays.
        assert path.read_bytes() == b"{}"
    else:
        assert not path.exists()
    assert temps_in(tmp_path) == []


@pytest.mark.parametrize("step", STEPS)
def test_atomic_write_replaces_a_symlink_and_a_failure_puts_it_back(tmp_path: Path, step: str) -> None:
    victim, path = tmp_path / "victim.txt", tmp_path / "out.json"
    victim.write_bytes(b"keep me")
    path.symlink_to(victim)
    with failing(step), pytest.raises(OSError):
        atomic_write(path, b"{}")
    assert path.is_symlink() and os.readlink(path) == str(victim) and victim.read_bytes() == b"keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json", "victim.txt"]
    atomic_write(path, b"{}")
    assert not path.is_symlink() and path.read_bytes() == b"{}" and victim.read_bytes() == b"keep me"


def test_leftover_temps_are_found_by_name(tmp_path: Path) -> None:
    path = tmp_path / "oxytui.json"
    path.write_bytes(b"{}")
    leftovers = [".oxytui.json.abc123.tmp", ".oxytui.json.abc123.tmp.old"]
    unrelated = ["notes.tmp", ".other.json.x.tmp", "oxytui.json.lock", "oxytui.json"]
    for name in leftovers + unrelated[:-1]:
        (tmp_path / name).write_bytes(b"x")
    assert sorted(p.name for p in leftover_temps(tmp_path, "oxytui.json.")) == sorted(leftovers)


# --- the Store on failing writes -----------------------------------------------------------------


def on_disk_export(path: Path) -> dict[str, Any]:
    return Store.open(path).export_data()


@pytest.mark.parametrize("step", STEPS)
def test_store_write_failure_changes_nothing(store: Store, db_path: Path, step: str) -> None:
    kept = store.add_contact(ContactDraft("Kept", "hug"))  # also takes today's backup
    old = db_path.read_bytes()
    before = store.export_data()
    with failing(step), pytest.raises(WriteFailedError) as caught:
        store.add_contact(ContactDraft("Lost", "hug"))
    message = str(caught.value)
    assert str(db_path) in message
    assert "Nothing was changed" in message
    assert db_path.read_bytes() == old
    assert store.export_data() == before == on_disk_export(db_path)
    assert store.all_contacts() == [kept]
    assert temps_in(db_path.parent) == []
    # The lock was let go and the next save works.
    store.add_contact(ContactDraft("Next", "hug"))
    assert [c.who for c in Store.open(db_path).all_contacts()] == ["Kept", "Next"]


@pytest.mark.parametrize("step", STEPS)
def test_store_failure_of_each_edit_kind(store: Store, db_path: Path, step: str) -> None:
    contact = store.add_contact(ContactDraft("Sam", "hug"))
    store.set_rest_day(date(2026, 11, 20))
    old = db_path.read_bytes()
    actions: list[Callable[[], object]] = [
        lambda: store.edit_contact(contact.id, ContactDraft("Kim", "hug")),
        lambda: store.delete_contact(contact.id),
        lambda: store.set_rest_day(date(2026, 11, 21)),
        lambda: store.clear_rest_day(date(2026, 11, 20)),
        lambda: store.update_settings(goal_recalls=1),
        lambda: store.undo(),
    ]
    for action in actions:
        with failing(step), pytest.raises(WriteFailedError):
            action()
        assert db_path.read_bytes() == old
        assert store.export_data() == on_disk_export(db_path)
    assert store.undo() is not None  # the failed undo kept its step


@pytest.mark.parametrize("step", STEPS)
@pytest.mark.parametrize("nth", [1, 2, 3])
def test_store_first_save_is_all_or_nothing(db_path: Path, clock: FakeClock, step: str, nth: int) -> None:
    store = Store.open(db_path, clock=clock)
    with failing(step, nth=nth) as calls:
        try:
            store.add_contact(ContactDraft("Sam", "hug"))
        except WriteFailedError:
            failed = True
        else:
            failed = False
    assert failed == (calls[0] >= nth)
    # Either no file (the old state) or the whole new one; and memory says the same as the disk.
    if db_path.exists():
        assert [c.who for c in Store.open(db_path).all_contacts()] == ["Sam"]
        assert store.export_data() == on_disk_export(db_path)
    else:
        assert failed
        assert store.all_contacts() == []
    assert temps_in(db_path.parent) == []


@pytest.mark.parametrize("step", STEPS)
def test_store_failing_daily_backup_changes_nothing(
    store: Store, db_path: Path, clock: FakeClock, step: str
) -> None:
    store.add_contact(ContactDraft("Sam", "hug"))
    old = db_path.read_bytes()
    clock.now += timedelta(days=1)  # the next save is the first of a new day: it takes a backup first
    with failing(step), pytest.raises(WriteFailedError):
        store.add_contact(ContactDraft("Kim", "hug"))
    assert db_path.read_bytes() == old
    assert temps_in(db_path.parent) == []
    store.add_contact(ContactDraft("Kim", "hug"))
    assert len(Store.open(db_path).all_contacts()) == 2


def test_leftover_temps_removed_at_open(db_path: Path, clock: FakeClock) -> None:
    Store.open(db_path, clock=clock).add_contact(ContactDraft("Sam", "hug"))
    folder = db_path.parent
    (folder / ".oxytui.json.x1y2.tmp").write_bytes(b'{"half')
    (folder / ".oxytui.json.x1y2.tmp.old").write_bytes(b"{}")
    ensure_dir(backup_dir(db_path))
    (backup_dir(db_path) / ".oxytui-2026-11-25.json.q9.tmp").write_bytes(b"{")
    (folder / "keep-me.tmp").write_bytes(b"mine")
    store = Store.open(db_path, clock=clock)
    assert temps_in(folder) == ["keep-me.tmp"]
    assert [c.who for c in store.all_contacts()] == ["Sam"]


def test_leftover_temp_removed_even_when_the_data_file_is_missing(db_path: Path) -> None:
    (db_path.parent / ".oxytui.json.zz.tmp").write_bytes(b"{")
    Store.open(db_path)
    assert temps_in(db_path.parent) == []


# --- file modes ----------------------------------------------------------------------------------


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("umask", [0o000, 0o022, 0o077])
def test_file_and_folder_modes(tmp_path: Path, clock: FakeClock, umask: int) -> None:
    db_path = tmp_path / "a" / "b" / "c" / "oxytui.json"
    previous = os.umask(umask)
    try:
        store = Store.open(db_path, clock=clock)
        store.add_contact(ContactDraft("Sam", "hug"))
        clock.now += timedelta(days=1)
        store.add_contact(ContactDraft("Kim", "hug"))  # takes the first backup
    finally:
        os.umask(previous)
    assert mode(db_path) == 0o600
    for folder in (tmp_path / "a", tmp_path / "a" / "b", db_path.parent, backup_dir(db_path)):
        assert mode(folder) == 0o700, folder
    backups = list(backup_dir(db_path).iterdir())
    assert len(backups) == 1
    assert mode(backups[0]) == 0o600
    lock = lock_path(db_path)
    assert lock != db_path and lock.parent == db_path.parent
    assert lock.exists()
    assert mode(lock) & 0o077 == 0
    assert db_path.read_bytes().startswith(b"{")  # the lock never wrote into the data file


def test_existing_folder_left_alone(tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir(mode=0o755)
    os.chmod(folder, 0o755)
    ensure_dir(folder)
    assert mode(folder) == 0o755
    ensure_dir(folder / "new")
    assert mode(folder / "new") == 0o700
    assert mode(folder) == 0o755
