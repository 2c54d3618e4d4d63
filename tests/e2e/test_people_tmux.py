"""End to end in a real terminal: the People pane on 4 and a person on enter, at 100x30 and 80x24."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.e2e.terminal import Tmux, oxytui


@pytest.mark.parametrize(("width", "height"), [(100, 30), (80, 24)])
def test_people_pane_and_a_person(tmp_path: Path, tmux: Tmux, width: int, height: int) -> None:
    db = tmp_path / "people.json"
    long_ago = (date.today() - timedelta(days=40)).isoformat()
    oxytui(db, "log", "Grandma", "--kind", "call", "--day", long_ago)
    oxytui(db, "log", "Alex")
    oxytui(db, "log", "Mal\x1b[31mlory")
    oxytui(db, "people", "set", "Grandma", "--every", "14", "--note", "the garden")
    status = tmux.start_oxytui(db, width, height)
    tmux.wait_for("Welcome")
    tmux.keys("Enter")
    tmux.wait_for("a Add")  # the welcome has closed: the Today pane has the focus
    tmux.keys("4")
    tmux.wait_for("It's been a while")
    screen = tmux.wait_for("Grandma — 5 weeks since")
    assert "4 People" in screen
    assert "Mallory" in tmux.wait_for("? Help")  # the escape code stripped
    tmux.keys("Enter")
    screen = tmux.wait_for("Last warm contact")
    assert "every 2 weeks" in screen and "Note: the garden" in screen
    tmux.keys("Escape")
    tmux.wait_for("4 People")
    tmux.run("send-keys", "-t", tmux.name, "q")
    assert tmux.exit_status(status) == 0
