"""Issue 6 item 1: a writer killed with SIGKILL at random moments never loses a confirmed change."""

from __future__ import annotations

import json
import os
import signal
from datetime import timedelta
from pathlib import Path

import pytest

from oxytui.core.model import ContactDraft
from oxytui.store import Store
from oxytui.store.backups import list_backups, restore_backup
from tests.conftest import FakeClock
from tests.robust.crashkit import Figures, check_after_kill, read_state, run_kills, temp_files


def test_a_hundred_kills_lose_no_confirmed_change(tmp_path: Path) -> None:
    figures = run_kills(tmp_path, 100, seed=6)
    print(figures.summary())
    assert figures.problems == []
    assert (figures.kills, figures.unreadable, figures.lost, figures.temps_after_open) == (100, 0, 0, 0)
    # The kills really hit writes: most rounds had a change in flight, and many left a temp file.
    assert figures.confirmed > 100
    assert figures.in_flight > 50
    assert figures.temps_left_by_kill > 0


def test_kills_of_separately_started_processes(tmp_path: Path) -> None:
    figures = run_kills(tmp_path, 8, seed=7, mode="exec", max_delay=0.08)
    assert figures.problems == []
    assert (figures.unreadable, figures.lost, figures.temps_after_open) == (0, 0, 0)
    assert figures.confirmed > 0


def test_the_checker_notices_a_lost_change(tmp_path: Path) -> None:
    """The kill test can fail: a confirmed add missing from the file is counted as lost."""
    path = tmp_path / "oxytui.json"
    Store.open(path).add_contact(ContactDraft("Sam", "hug"))
    before = read_state(path)
    draft = {"who": "Ada", "kind": "hug", "warmth": 3, "minutes": None, "note": ""}
    log = [{"n": 0, "op": "add", "draft": draft, "day": "2026-11-20"}, {"n": 0, "id": "f" * 32}]
    output = b"".join(json.dumps(line).encode() + b"\n" for line in log)
    figures = Figures()
    check_after_kill(path, before, output, figures)
    assert figures.lost == 1


def test_a_kill_during_the_daily_backup_leaves_no_temp_file_after_the_next_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "oxytui.json"
    store = Store.open(path)
    store.add_contact(ContactDraft("Sam", "hug"))
    assert not (tmp_path / "backups").exists()  # the first save had nothing to back up; the next one does
    before = path.read_bytes()
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child stops inside the backup's replace and is killed there
        real_replace = os.replace

        def stall(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
            if Path(dst).parent.name == "backups":
                os.write(write_fd, b"in backup\n")
                signal.pause()
            real_replace(src, dst)

        os.replace = stall  # type: ignore[assignment]
        try:
            Store.open(path).add_contact(ContactDraft("Ada", "hug"))
        finally:
            os._exit(0)
    os.close(write_fd)
    assert os.read(read_fd, 100) == b"in backup\n"
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    os.close(read_fd)
    assert temp_files(tmp_path), "the kill should have left the backup's temp file"
    assert path.read_bytes() == before
    Store.open(path)
    assert temp_files(tmp_path) == []


def test_a_kill_during_restore_leaves_the_old_file_and_restore_then_works(
    tmp_path: Path, clock: FakeClock
) -> None:
    path = tmp_path / "oxytui.json"
    store = Store.open(path, clock=clock)
    store.add_contact(ContactDraft("Sam", "hug"))
    clock.now += timedelta(days=1)
    store.add_contact(ContactDraft("Ada", "hug"))  # takes the backup holding only Sam
    [backup] = list_backups(path)
    current = path.read_bytes()
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child stops just before the restored file is renamed in
        real_replace = os.replace

        def stall(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
            if Path(dst) == path:
                os.write(write_fd, b"restoring\n")
                signal.pause()
            real_replace(src, dst)

        os.replace = stall  # type: ignore[assignment]
        try:
            restore_backup(path, backup.path, clock.now)
        finally:
            os._exit(0)
    os.close(write_fd)
    assert os.read(read_fd, 100) == b"restoring\n"
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    os.close(read_fd)
    assert path.read_bytes() == current
    assert [c.who for c in Store.open(path).all_contacts()] == ["Sam", "Ada"]
    assert temp_files(tmp_path) == []
    restore_backup(path, backup.path, clock.now)
    assert path.read_bytes() == backup.path.read_bytes()
