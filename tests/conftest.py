"""Shared fixtures: every test gets its own data folder and never sees the real home."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from oxytui.store import Store

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point HOME, the XDG folders and OXYTUI_DB into a temporary folder."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("OXYTUI_DB", str(home / "data" / "oxytui" / "oxytui.json"))
    return home


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
