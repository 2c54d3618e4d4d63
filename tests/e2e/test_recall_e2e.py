"""End to end in a real terminal (tmux): start the one-minute recall from the dashboard, finish it with
keys, see it on the Recall pane and in `oxytui export --format csv`."""

from __future__ import annotations

import csv
import io
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from oxytui.store import Store
from tests.e2e.terminal import Tmux


@pytest.fixture
def terminal(db_path: Path, tmux: Tmux) -> Tmux:
    """The dashboard on a fresh data file (first-run welcome already seen), in its own tmux, 80×24."""
    Store.open(db_path).update_settings(welcomed=True)
    tmux.start(shlex.join([sys.executable, "-m", "oxytui", "--db", str(db_path)]), 80, 24)
    return tmux


def test_the_one_minute_recall_from_the_dashboard(db_path: Path, terminal: Tmux) -> None:
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
