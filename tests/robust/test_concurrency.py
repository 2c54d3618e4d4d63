"""Issue 6 item 3: writers in other processes and other Store objects never lose each other's changes."""

from __future__ import annotations

import fcntl
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.pilot import Pilot

from oxytui.cli import main
from oxytui.core.model import ContactDraft
from oxytui.paths import lock_path
from oxytui.store import Store
from oxytui.store import lock as store_module
from oxytui.ui.app import OxyApp, create_app
from oxytui.ui.screens.contact_form import ContactForm
from tests.conftest import FakeClock
from tests.robust.crashkit import REPO, temp_files
from tests.waiting import wait_until

DAY = "2026-11-25"  # the fake clock's day: the workers log to it explicitly (the real date is later)
COUNT = 100
FIGURES: Counter[str] = Counter()

# Each worker waits for the go file, then runs the `oxytui log` code path COUNT times.
WORKER = r"""
import os, sys, time
from pathlib import Path
from typing import Any
from oxytui.cli import main

db, prefix, count, day, go = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], Path(sys.argv[5])
sys.stdout = open(os.devnull, "w", encoding="utf-8")
while not go.exists():
    time.sleep(0.001)
failures = sum(
    main(["--db", db, "log", f"{prefix}-{i:03d}", "--kind", "hug", "--day", day]) != 0 for i in range(count)
)
sys.exit(1 if failures else 0)
"""


def _start_workers(path: Path, names: list[str], go: Path) -> list[subprocess.Popen[str]]:
    return [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(path), name, str(COUNT), DAY, str(go)],
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in names
    ]


def _finished(workers: list[subprocess.Popen[str]]) -> None:
    for worker in workers:
        _, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, err


async def _add_through_the_form(app: App[Any], pilot: Pilot[Any], who: str) -> None:
    """Open the add form with `a`, fill it in (typing each key is slow), save it with enter."""
    await pilot.press("a")
    form = app.screen
    assert isinstance(form, ContactForm)
    form.input("who").value = who
    form.input("kind").value = "cuddle"
    await pilot.press("enter")
    await pilot.pause()


def _shows(app: OxyApp, whos: list[str]) -> Callable[[], bool]:
    """A check that the app's Today pane shows exactly `whos`."""
    return lambda: sorted(c.who for c in app.dashboard.today_pane.rows) == whos


def _logged(names: list[str]) -> set[str]:
    return {f"{name}-{i:03d}" for name in names for i in range(COUNT)}


async def test_the_dashboard_shows_300_from_three_processes_while_it_writes_too(
    tmp_path: Path, clock: FakeClock
) -> None:
    path = tmp_path / "oxytui.json"
    store = Store.open(path, clock=clock)
    store.update_settings(welcomed=True)
    store.add_contact(ContactDraft("Before", "hug"))
    go = tmp_path / "go"
    names = ["first", "second", "third"]
    app = create_app(store, poll_interval=0.2)
    async with app.run_test(size=(100, 30)) as pilot:
        workers = _start_workers(path, names, go)
        go.touch()
        typed = []
        for n in range(3):  # the dashboard saves through its form while the processes write
            await _add_through_the_form(app, pilot, f"dash-{n}")
            # the form may wait for the lock: it should save and close
            await wait_until(
                pilot, lambda: not isinstance(app.screen, ContactForm), "the form to save and close"
            )
            typed.append(f"dash-{n}")
        await pilot.press("d")  # and deletes the last one it made (the cursor is on it)
        deleted = typed.pop()
        await wait_until(
            pilot,
            lambda: deleted not in {c.who for c in app.dashboard.today_pane.rows},
            "the deleted contact to go",
        )
        await wait_until(
            pilot, lambda: all(w.poll() is not None for w in workers), "the writers to end", patience=300
        )
        _finished(workers)
        pane = app.dashboard.today_pane
        expected = {"Before", *typed} | _logged(names)
        shown_all = lambda: len(pane.rows) == len(expected)  # noqa: E731
        await wait_until(pilot, shown_all, "the dashboard's poll to pick every contact up")
        assert pane.shown_day == date.fromisoformat(DAY)
        assert sorted(c.who for c in pane.rows) == sorted(expected)
        assert pane.table.row_count == len(expected)
    on_disk = Store.open(path).all_contacts()
    assert sorted(c.who for c in on_disk) == sorted(expected)
    assert deleted not in {c.who for c in on_disk}
    assert temp_files(tmp_path) == []
    FIGURES["concurrent writes"] += 3 * COUNT + 4
    FIGURES["lost writes"] += len(expected) - len(on_disk)
    print(dict(FIGURES))


async def test_two_dashboards_on_one_file_keep_each_others_changes(tmp_path: Path, clock: FakeClock) -> None:
    path = tmp_path / "oxytui.json"
    first_store = Store.open(path, clock=clock)
    first_store.update_settings(welcomed=True)
    second_store = Store.open(path, clock=clock)
    first: OxyApp = create_app(first_store, poll_interval=0.05)
    second: OxyApp = create_app(second_store, poll_interval=0.05)
    async with first.run_test() as one, second.run_test() as two:
        for n in range(2):
            for pilot, name in ((one, "one"), (two, "two")):
                await _add_through_the_form(pilot.app, pilot, f"{name}-{n}")
        await two.press("z")  # the second marks the day as a rest day
        await one.press("d")  # the first deletes its newest, "one-1" (its cursor is on it)
        whos = sorted(c.who for c in Store.open(path).all_contacts())
        assert whos == sorted(["one-0", "two-0", "two-1"])
        for pilot, app in ((one, first), (two, second)):
            await wait_until(pilot, _shows(app, whos), "both dashboards to agree")
        for app in (first, second):
            assert sorted(c.who for c in app.dashboard.today_pane.rows) == whos
        assert Store.open(path).is_rest_day(date.fromisoformat(DAY))
    FIGURES["concurrent writes"] += 6


def test_a_held_store_and_three_processes(tmp_path: Path, clock: FakeClock) -> None:
    """A Store held open (like a dashboard) changes things while three processes log 100 each."""
    rng = random.Random(3)
    path = tmp_path / "oxytui.json"
    held = Store.open(path, clock=clock)
    mine: dict[str, str] = {}
    for n in range(5):
        contact = held.add_contact(ContactDraft(f"held-{n}", "hug"))
        mine[contact.id] = contact.who
    go = tmp_path / "go"
    names = ["a", "b", "c"]
    workers = _start_workers(path, names, go)
    go.touch()
    writes = 0
    while (any(worker.poll() is None for worker in workers) or writes < 30) and writes < 20_000:
        target = rng.choice(sorted(mine))
        choice = rng.random()
        if choice < 0.4:
            contact = held.add_contact(ContactDraft(f"held-{writes}", "hug"))
            mine[contact.id] = contact.who
        elif choice < 0.7:
            mine[target] = held.edit_contact(target, ContactDraft(f"held-edited-{writes}", "cuddle")).who
        elif len(mine) > 1:
            held.delete_contact(target)
            del mine[target]
        writes += 1
        time.sleep(0.005)  # a person is slower than this; without a pause the held store hogs the lock
    _finished(workers)
    held.refresh()
    for contacts in (held.all_contacts(), Store.open(path).all_contacts()):
        everything = {c.id: c.who for c in contacts}
        assert {i: who for i, who in everything.items() if i in mine} == mine
        assert sorted(who for i, who in everything.items() if i not in mine) == sorted(_logged(names))
    FIGURES["concurrent writes"] += 3 * COUNT + writes
    print(f"held store made {writes} changes while three processes logged {3 * COUNT}")


def test_two_store_objects_interleaved(tmp_path: Path, clock: FakeClock) -> None:
    """Two Store objects in one process, each with a stale view, taking turns at random."""
    rng = random.Random(2)
    path = tmp_path / "oxytui.json"
    stores = [Store.open(path, clock=clock), Store.open(path, clock=clock)]
    expected: dict[str, str] = {}
    for step in range(300):
        store = rng.choice(stores)
        choice = rng.random()
        if choice < 0.5 or not expected:
            contact = store.add_contact(ContactDraft(f"s{step}", "hug"))
            expected[contact.id] = contact.who
        elif choice < 0.75:
            target = rng.choice(sorted(expected))
            if store.contact(target) is None:  # this store has not seen it yet
                store.refresh()
            store.edit_contact(target, ContactDraft(f"e{step}", "hug"))
            expected[target] = f"e{step}"
        else:
            target = rng.choice(sorted(expected))
            if store.contact(target) is None:
                store.refresh()
            store.delete_contact(target)
            del expected[target]
    for store in stores:
        store.refresh()
        assert {c.id: c.who for c in store.all_contacts()} == expected
    assert {c.id: c.who for c in Store.open(path).all_contacts()} == expected
    FIGURES["concurrent writes"] += 300


def test_a_change_the_file_stamp_cannot_see_is_not_overwritten(tmp_path: Path, clock: FakeClock) -> None:
    """Two replacements within one tick of a coarse file clock can leave a file of the same size and
    time; were the first file's inode free, it could come back too, and the stat would look unchanged.
    The store holds the file it read open, so the inode cannot come back and the change is seen.
    (Without that, this test loses the other's change: the inode comes back at once on ext4.)"""
    path = tmp_path / "oxytui.json"
    first = Store.open(path, clock=clock)
    contact = first.add_contact(ContactDraft("Ann", "hug", note="aaaa"))
    seen = os.stat(path)
    second = Store.open(path, clock=clock)
    for note in ("bbbb", "cccc"):
        second.edit_contact(contact.id, ContactDraft("Ann", "hug", note=note))
    os.utime(path, ns=(seen.st_atime_ns, seen.st_mtime_ns))
    assert os.stat(path).st_size == seen.st_size
    first.add_contact(ContactDraft("Bo", "hug"))  # its memory holds "aaaa"; the write must not keep it
    assert sorted((c.who, c.note) for c in Store.open(path).all_contacts()) == [("Ann", "cccc"), ("Bo", "")]


def test_a_writer_that_does_not_let_go_gives_exit_2_and_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "oxytui.json"
    Store.open(path).add_contact(ContactDraft("Sam", "hug"))
    before = path.read_bytes()
    monkeypatch.setattr(store_module, "LOCK_TIMEOUT", 0.3)
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child takes the lock and never lets go
        with open(lock_path(path), "a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            os.write(write_fd, b"locked\n")
            signal.pause()
        os._exit(0)
    try:
        assert os.read(read_fd, 100) == b"locked\n"
        assert main(["--db", str(path), "log", "Ada"]) == 2
        err = capsys.readouterr().err
        assert str(path) in err and "did not let go" in err, err
        assert path.read_bytes() == before
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(read_fd)
        os.close(write_fd)
    assert main(["--db", str(path), "log", "Ada"]) == 0  # the lock died with its holder
    assert sorted(c.who for c in Store.open(path).all_contacts()) == ["Ada", "Sam"]
