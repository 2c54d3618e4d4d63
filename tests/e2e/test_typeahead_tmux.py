"""Issue 10 item 7 end to end: keys sent to a real terminal in one go, with no pause after `a`, `Tab`
or `Enter`, land in the fields they were typed for, on the first and on a later opening of the form."""

from __future__ import annotations

import json
from pathlib import Path

from tests.e2e.terminal import Tmux, oxytui


def test_keys_sent_at_once_land_in_their_fields(tmp_path: Path, tmux: Tmux) -> None:
    db = tmp_path / "typeahead.json"
    status = tmux.start_oxytui(db, 100, 30)
    tmux.wait_for("Welcome")
    tmux.keys("Enter")
    tmux.wait_for("Nothing logged yet tonight")
    # One send-keys each: the terminal gets all the keys at once, the form not even built yet.
    tmux.run("send-keys", "-t", tmux.name, "a", "Bob", "Tab", "call", "Tab", "4", "Enter")
    tmux.wait_for("1 warm contact · 1 person")
    tmux.run(
        "send-keys", "-t", tmux.name, "a", "Ann", "Tab", "hug", "Enter", "a", "Noor", "Tab", "walk", "Enter"
    )
    tmux.wait_for("3 warm contacts · 3 people")
    tmux.run("send-keys", "-t", tmux.name, "q")
    assert tmux.exit_status(status) == 0

    contacts = json.loads(oxytui(db, "export"))["contacts"]
    assert [(c["who"], c["kind"], c["warmth"]) for c in contacts] == [
        ("Bob", "call", 4),
        ("Ann", "hug", 3),
        ("Noor", "walk", 3),
    ]
