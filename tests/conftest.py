"""Shared fixtures: every test gets its own data folder and never sees the real home."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from oxytui.store import Store

BERLIN = ZoneInfo("Europe/Berlin")

# A contact and a recall as the data file stores them, every field set (tests copy and change them).
STORED_CONTACT: dict[str, Any] = {
    "id": "c" * 32,
    "day": "2026-11-25",
    "logged_at": "2026-11-25T20:30:00.000000+00:00",
    "utc_offset": "+01:00",
    "who": "Sam",
    "kind": "hug",
    "warmth": 4,
    "minutes": 10,
    "note": "by the door",
}
STORED_RECALL: dict[str, Any] = {
    "id": "r" * 32,
    "day": "2026-11-25",
    "started_at": "2026-11-25T20:30:00.000000+00:00",
    "finished_at": "2026-11-25T20:34:00.000000+00:00",
    "script": "evening",
    "figure": "Mia",
    "before": {"stress": 6, "connected": 3},
    "after": {"stress": 3, "connected": None},
    "completed": True,
    "note": "",
}


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point HOME, the XDG folders and OXYTUI_DB into a temporary folder."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("OXYTUI_DB", str(home / "data" / "oxytui" / "oxytui.json"))
    return home


class NetworkForbiddenError(RuntimeError):
    """A test tried to open an internet socket."""


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Forbid internet sockets (AF_INET, AF_INET6) in every test; local AF_UNIX sockets stay allowed.

    oxytui never uses the network, so any internet socket is a bug. Local Unix sockets are allowed
    because asyncio's event loop (used by Textual and pytest-asyncio) makes an AF_UNIX socketpair
    as its wake-up pipe; forbidding those would break every app test without protecting anything.
    Child processes are not covered: the tests start them only to run oxytui itself. The error is a
    RuntimeError, not an OSError, so that code which quietly handles network failures still fails.
    """
    real_init = socket.socket.__init__
    internet = (socket.AF_INET, socket.AF_INET6)

    def guarded_init(self: socket.socket, family: Any = -1, *args: Any, **kwargs: Any) -> None:
        fileno = kwargs.get("fileno", args[2] if len(args) > 2 else None)
        if fileno is None and (family == -1 or family in internet):
            raise NetworkForbiddenError(f"tests may not open internet sockets (family {family!r})")
        real_init(self, family, *args, **kwargs)
        if self.family in internet:
            self.close()
            raise NetworkForbiddenError(f"tests may not use internet sockets ({self.family!r})")

    monkeypatch.setattr(socket.socket, "__init__", guarded_init)


class FakeClock:
    """A clock the tests move by hand."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    """A clock at 21:30 on Wed 25 Nov 2026 in Berlin."""
    return FakeClock(datetime(2026, 11, 25, 21, 30, tzinfo=BERLIN))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A data file path in this test's folder (not created yet)."""
    return tmp_path / "oxytui.json"


@pytest.fixture
def store(db_path: Path, clock: FakeClock) -> Iterator[Store]:
    """A Store on a fresh file with the fake clock."""
    yield Store.open(db_path, clock=clock)
