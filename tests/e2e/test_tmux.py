"""End to end in a real terminal: start `oxytui` in tmux, add a contact with the keys, quit, export."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

OXYTUI = Path(sys.executable).parent / "oxytui"
TIMEOUT = 30.0  # seconds to wait for the screen to show something


class Tmux:
    """One tmux session on a private server socket, so nothing else running in tmux is touched."""

    def __init__(self, name: str) -> None:
        self.name = name

    def run(self, *args: str, check: bool = True) -> str:
        done = subprocess.run(
            ["tmux", "-L", self.name, *args], capture_output=True, text=True, timeout=TIMEOUT, check=False
        )
        if check and done.returncode != 0:
            raise AssertionError(f"tmux {' '.join(args)} failed: {done.stderr}")
        return done.stdout

    def start(self, command: str, width: int, height: int) -> None:
        self.run("new-session", "-d", "-s", self.name, "-x", str(width), "-y", str(height), command)
        self.run("set-option", "-t", self.name, "remain-on-exit", "on")

    def screen(self, *, styled: bool = False) -> str:
        """The text on the screen (with its colours as escape codes when `styled`)."""
        return self.run("capture-pane", "-p", *(["-e"] if styled else []), "-t", self.name)

    def size(self) -> str:
        return self.run("display-message", "-p", "-t", self.name, "#{window_width}x#{window_height}").strip()

    def wait_for(self, text: str) -> str:
        """Poll the screen until `text` shows; fail with the last screen if it never does."""
        deadline = time.monotonic() + TIMEOUT
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never showed; the screen was:\n{screen}")

    def _settled(self, before: str) -> None:
        """Wait until the screen (colours included) is no longer `before`: the last keys were handled."""
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            if self.screen(styled=True) != before:
                return
            time.sleep(0.05)
        raise AssertionError(f"the screen did not change; it was:\n{self.screen()}")

    def keys(self, *keys: str) -> None:
        """Press keys and wait until the screen shows their effect."""
        before = self.screen(styled=True)
        self.run("send-keys", "-t", self.name, *keys)
        self._settled(before)

    def type(self, text: str, shows: str) -> None:
        """Type text and wait until the screen shows `shows` (all of it was handled)."""
        self.run("send-keys", "-t", self.name, "-l", text)
        self.wait_for(shows)

    def exit_status(self, status_file: Path) -> int:
        """Wait for the program to end and return the exit status the shell wrote to `status_file`."""
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            text = status_file.read_text() if status_file.exists() else ""
            if text.endswith("\n"):
                return int(text)
            time.sleep(0.1)
        raise AssertionError(f"oxytui did not quit; the screen was:\n{self.screen()}")

    def kill(self) -> None:
        """End the session and its private server, and remove the server's socket file."""
        self.run("kill-session", "-t", self.name, check=False)
        self.run("kill-server", check=False)
        folder = Path(os.environ.get("TMUX_TMPDIR") or "/tmp") / f"tmux-{os.getuid()}"
        (folder / self.name).unlink(missing_ok=True)


@pytest.fixture
def tmux() -> Iterator[Tmux]:
    session = Tmux(f"oxytui-e2e-{uuid.uuid4().hex[:10]}")
    try:
        yield session
    finally:
        session.kill()


@pytest.mark.parametrize(("width", "height"), [(100, 30), (80, 24)])
def test_add_a_contact_with_the_keys_quit_and_export(
    tmp_path: Path, tmux: Tmux, width: int, height: int
) -> None:
    db = tmp_path / "e2e.json"
    status = tmp_path / "exit-status"
    command = f"{shlex.quote(str(OXYTUI))} --db {shlex.quote(str(db))}; echo $? > {shlex.quote(str(status))}"
    tmux.start(command, width, height)
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

    done = subprocess.run(
        [str(OXYTUI), "--db", str(db), "export"], capture_output=True, text=True, timeout=TIMEOUT, check=False
    )
    assert done.returncode == 0, done.stderr
    exported = json.loads(done.stdout)
    assert [(c["who"], c["kind"], c["warmth"], c["minutes"]) for c in exported["contacts"]] == [
        ("Sam", "hug", 4, 12)
    ]
    assert exported["settings"]["welcomed"] is True


def test_a_newcomers_first_evening(tmp_path: Path, tmux: Tmux) -> None:
    """Three contacts, one undone, yesterday filled in, quit: the export shows exactly that."""
    db = tmp_path / "first.json"
    status = tmp_path / "exit-status"
    command = f"{shlex.quote(str(OXYTUI))} --db {shlex.quote(str(db))}; echo $? > {shlex.quote(str(status))}"
    tmux.start(command, 100, 30)
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

    done = subprocess.run(
        [str(OXYTUI), "--db", str(db), "export"], capture_output=True, text=True, timeout=TIMEOUT, check=False
    )
    assert done.returncode == 0, done.stderr
    contacts = json.loads(done.stdout)["contacts"]
    assert [(c["who"], c["kind"]) for c in contacts] == [
        ("Grandma Lu", "call"),
        ("Sam", "hug"),
        ("Mia", "cuddle"),
    ]
    yesterday, today = (date.fromisoformat(contacts[i]["day"]) for i in (0, 1))
    assert today - yesterday == timedelta(days=1)
    assert contacts[2]["day"] == contacts[1]["day"]
