"""End to end in a real terminal: start `oxytui` in tmux, add a contact with the keys, quit, export."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.e2e.terminal import Tmux, oxytui


@pytest.mark.parametrize(("width", "height"), [(100, 30), (80, 24)])
def test_add_a_contact_with_the_keys_quit_and_export(
    tmp_path: Path, tmux: Tmux, width: int, height: int
) -> None:
    db = tmp_path / "e2e.json"
    status = tmux.start_oxytui(db, width, height)
    assert tmux.size() == f"{width}x{height}"
    tmux.wait_for("Welcome")
    tmux.keys("Enter")  # keep the day-start hour
    tmux.wait_for("Nothing logged yet tonight")
    tmux.keys("a")
    tmux.wait_for("Add a warm contact")
    tmux.type("Sam", shows="Who       Sam")
    tmux.keys("Tab")
    tmux.type("hug", shows="Arms around each other")  # the kind's description
    tmux.keys("Tab")
    tmux.type("4", shows="♥♥♥♥♡")
    tmux.keys("Tab")
    tmux.type("12", shows="Minutes   12")
    tmux.keys("Enter")
    screen = tmux.wait_for("1 warm contact · 1 person · 12 min")
    assert "♥♥♥♥♡" in screen
    tmux.run("send-keys", "-t", tmux.name, "q")
    assert tmux.exit_status(status) == 0

    exported = json.loads(oxytui(db, "export"))
    assert [(c["who"], c["kind"], c["warmth"], c["minutes"]) for c in exported["contacts"]] == [
        ("Sam", "hug", 4, 12)
    ]
    assert exported["settings"]["welcomed"] is True


def test_a_newcomers_first_evening(tmp_path: Path, tmux: Tmux) -> None:
    """Three contacts, one undone, yesterday filled in, quit: the export shows exactly that."""
    db = tmp_path / "first.json"
    status = tmux.start_oxytui(db, 100, 30)
    tmux.wait_for("Welcome")
    tmux.keys("Enter")
    tmux.wait_for("Nothing logged yet tonight")
    added = [
        ("Sam", "hug", "Arms around"),
        ("Mia", "cuddle", "Resting close"),
        ("Biscuit", "pet", "A pet on"),
    ]
    for count, (who, kind, description) in enumerate(added, 1):
        tmux.keys("a")
        tmux.wait_for("Add a warm contact")
        tmux.type(who, shows=f"Who       {who}")
        tmux.keys("Tab")
        tmux.type(kind, shows=description)
        tmux.keys("Enter")
        tmux.wait_for(f"{count} warm contact")
    tmux.keys("u")
    tmux.wait_for("2 warm contacts · 2 people")
    tmux.keys("[")
    tmux.wait_for("Nothing logged on")
    tmux.keys("a")
    tmux.wait_for("Add a warm contact")
    tmux.type("Grandma Lu", shows="Who       Grandma Lu")
    tmux.keys("Tab")
    tmux.type("call", shows="Hearing a familiar voice")
    tmux.keys("Enter")
    tmux.wait_for("1 warm contact · 1 person")
    tmux.run("send-keys", "-t", tmux.name, "q")
    assert tmux.exit_status(status) == 0

    contacts = json.loads(oxytui(db, "export"))["contacts"]
    assert [(c["who"], c["kind"]) for c in contacts] == [
        ("Grandma Lu", "call"),
        ("Sam", "hug"),
        ("Mia", "cuddle"),
    ]
    yesterday, today = (date.fromisoformat(contacts[i]["day"]) for i in (0, 1))
    assert today - yesterday == timedelta(days=1)
    assert contacts[2]["day"] == contacts[1]["day"]
