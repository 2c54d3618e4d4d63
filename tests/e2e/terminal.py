"""A real terminal for the end-to-end tests: one tmux session on a private server socket."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import time
from pathlib import Path

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

    def start_oxytui(self, db: Path, width: int, height: int) -> Path:
        """Open the dashboard on `db`; return the file its exit status is written to when it ends."""
        status = db.with_name(f"{db.stem}-exit-status")
        quoted = shlex.quote
        self.start(
            f"{quoted(str(OXYTUI))} --db {quoted(str(db))}; echo $? > {quoted(str(status))}", width, height
        )
        return status

    def start(self, command: str, width: int, height: int) -> None:
        self.run("new-session", "-d", "-s", self.name, "-x", str(width), "-y", str(height), command)
        self.run("set-option", "-t", self.name, "remain-on-exit", "on")

    def screen(self, *, styled: bool = False) -> str:
        """The text on the screen (with its colours as escape codes when `styled`)."""
        return self.run("capture-pane", "-p", *(["-e"] if styled else []), "-t", self.name)

    def size(self) -> str:
        return self.run("display-message", "-p", "-t", self.name, "#{window_width}x#{window_height}").strip()

    def wait_for(self, *texts: str) -> str:
        """Poll the screen until every one of `texts` shows at once; fail with the last screen if not."""
        deadline = time.monotonic() + TIMEOUT
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if all(text in screen for text in texts):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{texts!r} never showed; the screen was:\n{screen}")

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


def oxytui(db: Path, *args: str) -> str:
    """Run `oxytui --db DB ARGS` as a process of its own; it must exit 0. Returns what it printed."""
    done = subprocess.run(
        [str(OXYTUI), "--db", str(db), *args], capture_output=True, text=True, timeout=TIMEOUT, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout
