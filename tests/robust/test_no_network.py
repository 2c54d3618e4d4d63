"""Issue 6 item 9: no network, private file modes, and --db at something that is not a file."""

from __future__ import annotations

import asyncio
import os
import socket
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from oxytui.cli import main
from oxytui.core.model import ContactDraft
from oxytui.store import Store
from oxytui.store.backups import restore_backup
from tests.conftest import FakeClock, NetworkForbiddenError


def test_internet_sockets_are_forbidden() -> None:
    for family in (socket.AF_INET, socket.AF_INET6):
        with pytest.raises(NetworkForbiddenError):
            socket.socket(family, socket.SOCK_STREAM)
    with pytest.raises(NetworkForbiddenError):
        socket.socket()  # the default family is AF_INET
    with pytest.raises(NetworkForbiddenError):
        socket.create_connection(("127.0.0.1", 9), timeout=0.1)


async def test_local_sockets_and_event_loops_still_work() -> None:
    left, right = socket.socketpair()
    with left, right:
        left.sendall(b"ok")
        assert right.recv(2) == b"ok"
    assert await asyncio.sleep(0, result=1) == 1  # this test runs in pytest-asyncio's event loop


def test_a_new_event_loop_works() -> None:
    loop = asyncio.new_event_loop()  # makes its own AF_UNIX wake-up socketpair
    try:
        assert loop.run_until_complete(asyncio.sleep(0, result=1)) == 1
    finally:
        loop.close()


@pytest.fixture
def open_umask() -> Iterator[None]:
    """A umask that lets everything through, so the modes below come from oxytui, not the umask."""
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.usefixtures("open_umask")
def test_files_0600_and_folders_0700(tmp_path: Path, clock: FakeClock) -> None:
    path = tmp_path / "deep" / "er" / "oxytui.json"
    store = Store.open(path, clock=clock)
    store.add_contact(ContactDraft("Sam", "hug"))
    clock.now = clock.now.replace(day=clock.now.day + 1)
    store.add_contact(ContactDraft("Ada", "hug"))  # takes the day's backup
    backups = tmp_path / "deep" / "er" / "backups"
    [backup] = list(backups.iterdir())
    kept = restore_backup(path, backup, clock.now)
    assert kept is not None
    assert {name: _mode(tmp_path / name) for name in ("deep", "deep/er", "deep/er/backups")} == dict.fromkeys(
        ("deep", "deep/er", "deep/er/backups"), 0o700
    )
    files = [path, backup, kept, path.with_name("oxytui.json.lock")]
    assert {str(f): _mode(f) for f in files} == {str(f): 0o600 for f in files}
    assert [p for p in tmp_path.rglob("*") if p.is_file() and _mode(p) != 0o600] == []


def _not_files(tmp_path: Path) -> dict[str, Path]:
    folder = tmp_path / "folder"
    folder.mkdir()
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    dangling = tmp_path / "dangling"
    dangling.symlink_to(tmp_path / "nowhere" / "oxytui.json")
    to_fifo = tmp_path / "to-fifo"
    to_fifo.symlink_to(fifo)
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    a_file = tmp_path / "a-file"
    a_file.write_text("not a folder")
    return {
        "folder": folder,
        "FIFO": fifo,
        "dangling symlink": dangling,
        "symlink to a FIFO": to_fifo,
        "symlink loop": loop,
        "device": Path("/dev/null"),
        "below a file": a_file / "oxytui.json",
    }


@pytest.mark.parametrize(
    "command",
    [["log", "Sam"], ["export"], ["import", "x.json"], ["streak"], ["check"], ["restore", "b.json"], []],
)
def test_db_at_something_that_is_not_a_file_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    for name, target in _not_files(tmp_path).items():
        before = sorted(p.name for p in tmp_path.iterdir())
        code = main(["--db", str(target), *command])
        err = capsys.readouterr().err
        assert code == 2, (name, err)
        assert str(target) in err and "point --db at a file" in err, (name, err)
        assert sorted(p.name for p in tmp_path.iterdir()) == before, name
