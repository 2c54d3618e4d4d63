"""End to end in a real terminal (tmux): start the one-minute recall from the dashboard, finish it with
keys, see it on the Recall pane and in `oxytui export --format csv`."""

from __future__ import annotations

import csv
import io
import shlex
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from oxytui.store import Store

WAIT = 20.0  # seconds to wait for text to appear; the run takes a few seconds


class Terminal:
    """A tmux session of its own (own server socket), 80×24, running one command."""

    def __init__(self, command: list[str]) -> None:
        self.socket = f"oxytui-recall-{uuid.uuid4().hex[:8]}"
        self._tmux("new-session", "-d", "-s", "main", "-x", "80", "-y", "24", shlex.join(command))

    def _tmux(self, *args: str) -> str:
        result = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=True, timeout=10
        )
        return result.stdout

    def keys(self, *keys: str) -> None:
        for key in keys:
            self._tmux("send-keys", "-t", "main", key)
            time.sleep(0.15)  # one key at a time, as a person would

    def text(self) -> str:
        return self._tmux("capture-pane", "-p", "-t", "main")

    def wait_for(self, *wanted: str) -> str:
        deadline = time.monotonic() + WAIT
        while True:
            screen = self.text()
            if all(w in screen for w in wanted):
                return screen
            if time.monotonic() > deadline:
                raise AssertionError(f"never saw {wanted!r} on the screen:\n{screen}")
            time.sleep(0.2)

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True, timeout=10)


@pytest.fixture
def terminal(db_path: Path) -> Iterator[Terminal]:
    """The dashboard on a fresh data file (first-run welcome already seen), in its own tmux."""
    Store.open(db_path).update_settings(welcomed=True)
    opened = Terminal([sys.executable, "-m", "oxytui", "--db", str(db_path)])
    yield opened
    opened.close()


def test_the_one_minute_recall_from_the_dashboard(db_path: Path, terminal: Terminal) -> None:
    terminal.wait_for("2 Recall", "This week: 0 of 2 recalls")
    terminal.keys("2", "r")
    terminal.wait_for("Choose a recall", "Hand on heart")
    terminal.keys("2")
    terminal.wait_for("How stressed do you feel right now?")
    terminal.keys("7", "Tab", "3", "Enter")
    terminal.wait_for("A kind hand", "step 1 of 3", "0:1")
    terminal.keys("Space")
    terminal.wait_for("A moment of being cared for", "step 2 of 3")
    terminal.keys("Space")
    terminal.wait_for("Back to the room", "step 3 of 3")
    terminal.keys("Space")
    terminal.wait_for("How is it now?")
    terminal.keys("4", "Tab", "6", "Tab", "warmer", "Enter")
    screen = terminal.wait_for("Summary", "completed · 3 of 3 steps")
    assert "Stress 7→4 · connected 3→6" in screen and "988" not in screen
    terminal.keys("Enter")
    # The pane's lines can reach the screen a frame apart: wait for all of them.
    terminal.wait_for("This week: 1 of 2 recalls", "Hand on heart", "stress 7→4 · connected 3→6")
    terminal.keys("q")

    exported = subprocess.run(
        [sys.executable, "-m", "oxytui", "--db", str(db_path), "export", "--format", "csv"],
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    ).stdout
    [row] = [r for r in csv.DictReader(io.StringIO(exported)) if r["record"] == "recall"]
    assert row["script"] == "hand-on-heart" and row["figure"] == "" and row["completed"] == "yes"
    assert (row["before_stress"], row["before_connected"]) == ("7", "3")
    assert (row["after_stress"], row["after_connected"], row["note"]) == ("4", "6", "warmer")
    assert row["started_at"] and row["finished_at"] and row["day"]
