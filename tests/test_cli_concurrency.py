"""Two processes logging to one file at the same time lose nothing."""

from __future__ import annotations

import itertools
import subprocess
import sys
import threading
from pathlib import Path

from oxytui.store import Store

# Each worker waits for the go file, then runs the real `oxytui log` code path COUNT times.
WORKER = r"""
import os, sys, time
from pathlib import Path
from oxytui.cli import main

db, prefix, count, go = sys.argv[1], sys.argv[2], int(sys.argv[3]), Path(sys.argv[4])
sys.stdout = open(os.devnull, "w", encoding="utf-8")
while not go.exists():
    time.sleep(0.002)
failures = 0
for i in range(count):
    if main(["--db", db, "log", f"{prefix}-{i:03d}", "--kind", "hug", "--warmth", "4"]) != 0:
        failures += 1
sys.stderr.write(f"failures={failures}\n")
sys.exit(1 if failures else 0)
"""

COUNT = 200


def writers_switches(whos: list[str]) -> int:
    """How often the writer changes along the file's order: more than 1 means the writes interleaved."""
    owners = [who.split("-")[0] for who in whos]
    return sum(1 for a, b in itertools.pairwise(owners) if a != b)


def test_two_processes_logging_200_each_end_with_400(tmp_path: Path) -> None:
    db_path = tmp_path / "shared.json"
    go = tmp_path / "go"
    watcher = Store.open(db_path)  # like an open dashboard on the same file
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(db_path), name, str(COUNT), str(go)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("first", "second")
    ]
    go.touch()
    results = [worker.communicate(timeout=300) for worker in workers]
    for worker, (_, err) in zip(workers, results, strict=True):
        assert worker.returncode == 0, err
        assert "failures=0" in err
    contacts = Store.open(db_path).all_contacts()
    assert len(contacts) == 2 * COUNT
    assert len({c.id for c in contacts}) == 2 * COUNT
    expected = {f"{name}-{i:03d}" for name in ("first", "second") for i in range(COUNT)}
    assert {c.who for c in contacts} == expected
    ordered = sorted(contacts, key=lambda c: c.logged_at)
    for name in ("first", "second"):  # each writer's own records are in the order it wrote them
        assert [c.who for c in ordered if c.who.startswith(name)] == sorted(
            e for e in expected if e.startswith(name)
        )
    assert writers_switches([c.who for c in ordered]) > 1, "the two writers never ran at the same time"
    assert watcher.refresh() is True
    assert len(watcher.all_contacts()) == 2 * COUNT
    assert not [p for p in tmp_path.iterdir() if ".tmp" in p.name]


def test_separate_oxytui_log_processes(tmp_path: Path) -> None:
    db_path = tmp_path / "shared.json"
    runs = 6
    failures: list[str] = []

    def loop(name: str) -> None:
        for i in range(runs):
            done = subprocess.run(
                [sys.executable, "-m", "oxytui", "--db", str(db_path), "log", f"{name}-{i}"],
                capture_output=True,
                text=True,
                timeout=60,
                stdin=subprocess.DEVNULL,
            )
            if done.returncode != 0 or not done.stdout.startswith(f"Saved hug with {name}-{i} "):
                failures.append(done.stderr)

    threads = [threading.Thread(target=loop, args=(name,)) for name in ("first", "second")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    whos = sorted(c.who for c in Store.open(db_path).all_contacts())
    assert whos == sorted(f"{name}-{i}" for name in ("first", "second") for i in range(runs))


def test_a_store_held_open_never_overwrites_a_process_write(tmp_path: Path) -> None:
    db_path = tmp_path / "shared.json"
    dashboard = Store.open(db_path)
    from oxytui.core.model import ContactDraft

    dashboard.add_contact(ContactDraft("Before", "hug"))
    done = subprocess.run(
        [sys.executable, "-m", "oxytui", "--db", str(db_path), "log", "FromShell"],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, done.stderr
    dashboard.add_contact(ContactDraft("After", "hug"))  # its memory is stale: it must reload first
    assert sorted(c.who for c in Store.open(db_path).all_contacts()) == ["After", "Before", "FromShell"]
