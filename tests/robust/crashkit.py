"""Kill a writer at random moments and check that every confirmed change survived.

A worker makes random adds, edits, deletes and rest-day changes through the Store. Before each
change it writes an intent line, and after the Store returned it writes a confirmation line, each
with one `os.write` on an unbuffered pipe. The runner kills it with SIGKILL at a random moment,
then checks the file against the confirmed log: every confirmed change is there, and the one
change that may have been in flight either landed completely or not at all.

Used by tests/robust/test_kill.py (short runs) and benchmarks/crash.py (the large run).
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

from oxytui.core.model import ContactDraft
from oxytui.safe_files import TEMP_SUFFIX
from oxytui.store import Store
from oxytui.store.fileformat import decode

REPO = Path(__file__).resolve().parents[2]
NAMES = ("Sam", "Ada", "Noor", "Mia", "Ole", "Kiki the cat", "Grandma", "[b]Zoe[/b]", "Łukasz", "عمر")
KINDS = ("hug", "holding hands", "cuddle", "long talk", "pet")
MAX_CONTACTS = 40

State = tuple[dict[str, tuple[Any, ...]], dict[str, str]]


def _draft(rng: random.Random) -> dict[str, Any]:
    return {
        "who": rng.choice(NAMES),
        "kind": rng.choice(KINDS),
        "warmth": rng.randint(1, 5),
        "minutes": rng.choice([None, rng.randint(0, 180)]),
        "note": rng.choice(["", "warm", "x" * rng.randint(1, 300), "line\nbreak"]),
    }


def _emit(fd: int, record: dict[str, Any]) -> None:
    os.write(fd, (json.dumps(record) + "\n").encode())


def worker(path: Path, seed: int, fd: int, max_ops: int = 1_000_000) -> None:
    """Make random changes through a Store on `path`, logging intents and confirmations to `fd`."""
    rng = random.Random(seed)
    store = Store.open(path)
    _emit(fd, {"ready": True})
    for number in range(max_ops):
        contacts = store.all_contacts()
        today = store.today()
        choice = rng.random()
        if (choice < 0.45 and len(contacts) < MAX_CONTACTS) or not contacts:
            draft = _draft(rng)
            day = today - timedelta(days=rng.randint(0, 20))
            _emit(fd, {"n": number, "op": "add", "draft": draft, "day": day.isoformat()})
            contact = store.add_contact(ContactDraft(**draft), day)
            _emit(fd, {"n": number, "id": contact.id})
        elif choice < 0.65:
            target = rng.choice(contacts)
            draft = _draft(rng)
            _emit(fd, {"n": number, "op": "edit", "id": target.id, "draft": draft})
            store.edit_contact(target.id, ContactDraft(**draft))
            _emit(fd, {"n": number})
        elif choice < 0.85:
            target = rng.choice(contacts)
            _emit(fd, {"n": number, "op": "delete", "id": target.id})
            store.delete_contact(target.id)
            _emit(fd, {"n": number})
        else:
            day = today - timedelta(days=rng.randint(0, 20))
            if store.is_rest_day(day):
                _emit(fd, {"n": number, "op": "unrest", "day": day.isoformat()})
                store.clear_rest_day(day)
            else:
                reason = rng.choice(["", "ill", "travelling"])
                _emit(fd, {"n": number, "op": "rest", "day": day.isoformat(), "reason": reason})
                store.set_rest_day(day, reason)
            _emit(fd, {"n": number})


def read_state(path: Path) -> State:
    """Contacts (id -> fields) and rest days (day -> reason) as the file holds them."""
    data = decode(path.read_bytes(), path)[0] if path.exists() else {}
    contacts = {
        doc["id"]: (doc["day"], doc["who"], doc["kind"], doc["warmth"], doc["minutes"], doc["note"])
        for doc in data.get("contacts", {}).values()
    }
    rest = {doc["day"]: doc["reason"] for doc in data.get("rest_days", {}).values()}
    return contacts, rest


def _fields(draft: dict[str, Any], day: str) -> tuple[Any, ...]:
    return (day, draft["who"], draft["kind"], draft["warmth"], draft["minutes"], draft["note"].strip())


def apply(state: State, op: dict[str, Any], new_id: str | None = None) -> State:
    """The state after one logged change (an add needs the id the Store gave it)."""
    contacts, rest = dict(state[0]), dict(state[1])
    if op["op"] == "add":
        contacts[new_id or "?"] = _fields(op["draft"], op["day"])
    elif op["op"] == "edit":
        contacts[op["id"]] = _fields(op["draft"], contacts[op["id"]][0])
    elif op["op"] == "delete":
        del contacts[op["id"]]
    elif op["op"] == "rest":
        rest[op["day"]] = op["reason"].strip()
    elif op["op"] == "unrest":
        del rest[op["day"]]
    return contacts, rest


def parse_log(raw: bytes) -> tuple[list[tuple[dict[str, Any], str | None]], dict[str, Any] | None]:
    """The confirmed changes (with new ids) and the change in flight, from the worker's output."""
    confirmed: list[tuple[dict[str, Any], str | None]] = []
    pending: dict[str, Any] | None = None
    for line in raw.split(b"\n")[:-1]:  # a line cut by the kill has no newline and is ignored
        record = json.loads(line)
        if "op" in record:
            pending = record
        elif "n" in record:
            assert pending is not None and pending["n"] == record["n"], f"confirmation out of order: {line!r}"
            confirmed.append((pending, record.get("id")))
            pending = None
    return confirmed, pending


def temp_files(folder: Path) -> list[Path]:
    """Temp files left in `folder` and its backups folder."""
    found = [p for p in folder.rglob("*") if TEMP_SUFFIX in p.name and p.name.startswith(".")]
    return sorted(found)


@dataclass
class Figures:
    """What a run of kills measured."""

    kills: int = 0
    confirmed: int = 0
    in_flight: int = 0
    in_flight_landed: int = 0
    temps_left_by_kill: int = 0
    temps_after_open: int = 0
    unreadable: int = 0
    lost: int = 0
    problems: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"kills {self.kills}, confirmed changes {self.confirmed}, kills with a change in flight "
            f"{self.in_flight} (landed {self.in_flight_landed}), kills that left a temp file "
            f"{self.temps_left_by_kill}, temp files after the next open {self.temps_after_open}, "
            f"unreadable files {self.unreadable}, lost or wrong changes {self.lost}"
        )


def _run_child(path: Path, seed: int, delay: float, mode: str) -> bytes:
    """Start a worker, let it run `delay` seconds after it is ready, SIGKILL it, return its output."""
    if mode == "fork":
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            os.close(read_fd)
            try:
                worker(path, seed, write_fd)
            finally:
                os._exit(0)
        os.close(write_fd)
        output = _read_until_ready(read_fd)
        time.sleep(delay)
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    else:
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.robust.crashkit", str(path), str(seed)],
            cwd=REPO,
            stdout=subprocess.PIPE,
        )
        assert process.stdout is not None
        read_fd = process.stdout.fileno()
        output = _read_until_ready(read_fd)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
    while chunk := os.read(read_fd, 65536):
        output += chunk
    os.close(read_fd) if mode == "fork" else None
    return output


def _read_until_ready(fd: int) -> bytes:
    output = b""
    while b"\n" not in output:
        chunk = os.read(fd, 65536)
        if not chunk:
            raise RuntimeError(f"worker ended before it was ready: {output!r}")
        output += chunk
    return output


def check_after_kill(path: Path, before: State, output: bytes, figures: Figures) -> State:
    """Check the file after one kill against `before` and the worker's log; return the state now."""
    figures.kills += 1
    confirmed, pending = parse_log(output)
    figures.confirmed += len(confirmed)
    if temp_files(path.parent):
        figures.temps_left_by_kill += 1
    try:
        actual = read_state(path)
        Store.open(path)
    except Exception as error:
        figures.unreadable += 1
        figures.problems.append(f"kill {figures.kills}: {error}")
        raise
    figures.temps_after_open += len(temp_files(path.parent))
    expected = before
    for op, new_id in confirmed:
        expected = apply(expected, op, new_id)
    if pending is not None:
        figures.in_flight += 1
        landed = _landed(expected, pending, actual)
        figures.in_flight_landed += landed
        if landed:
            return actual
    if actual != expected:
        figures.lost += 1
        figures.problems.append(f"kill {figures.kills}: file differs from confirmed log (pending {pending})")
    return actual


def _landed(expected: State, pending: dict[str, Any], actual: State) -> bool:
    """True when `actual` is `expected` with the pending change applied completely."""
    if pending["op"] != "add":
        return actual == apply(expected, pending)
    new = set(actual[0]) - set(expected[0])
    if len(new) != 1:
        return False
    return actual == apply(expected, pending, new.pop())


def run_kills(
    folder: Path, kills: int, *, seed: int = 0, mode: str = "fork", max_delay: float = 0.04
) -> Figures:
    """Run `kills` worker rounds on one data file in `folder`; return the figures."""
    rng = random.Random(seed)
    path = folder / "oxytui.json"
    figures = Figures()
    state = read_state(path)
    for _ in range(kills):
        output = _run_child(path, rng.randrange(2**32), rng.uniform(0, max_delay), mode)
        state = check_after_kill(path, state, output, figures)
    return figures


if __name__ == "__main__":  # the worker, started by _run_child in "exec" mode
    worker(Path(sys.argv[1]), int(sys.argv[2]), sys.stdout.fileno())
