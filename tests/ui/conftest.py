"""Fixtures for the dashboard tests: the app built by the one factory, over a Store with a fake clock."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest
from textual.app import App
from textual.widgets import Input

from oxytui.core.model import Contact, ContactDraft
from oxytui.store import Store
from oxytui.ui.app import OxyApp, create_app
from tests.conftest import FakeClock

TEST_POLL = 0.05  # seconds: the tests' dashboard looks at the file and the clock this often

AppFactory = Callable[..., OxyApp]


@pytest.fixture(autouse=True)
def still_cursor(monkeypatch: pytest.MonkeyPatch) -> None:
    """Stop the Input cursor blinking, so snapshots do not depend on when they are taken."""
    monkeypatch.setattr(Input, "cursor_blink", False)


@pytest.fixture
def make_app(store: Store) -> AppFactory:
    """Build the app on the test's Store; the first-run welcome is skipped unless `welcomed=False`."""

    def make(*, welcomed: bool = True, poll_interval: float = TEST_POLL) -> OxyApp:
        if welcomed and not store.settings.welcomed:
            store.update_settings(welcomed=True)
        return create_app(store, poll_interval=poll_interval)

    return make


def add_at(store: Store, clock: FakeClock, when: datetime, draft: ContactDraft) -> Contact:
    """Log `draft` as if at `when` (on the logical day of `when`), then put the clock back."""
    now = clock.now
    clock.now = when
    try:
        return store.add_contact(draft)
    finally:
        clock.now = now


@pytest.fixture
def sample(store: Store, clock: FakeClock) -> Store:
    """A few evenings of contacts: two on Monday, none on Tuesday, three tonight (Wed 25 Nov 2026).

    They are written by another Store on the same file, as an earlier session would have, so the
    test's Store starts with nothing to undo.
    """
    earlier = Store.open(store.path, clock=clock)
    tonight = clock.now.replace(hour=0, minute=0)
    monday = tonight - timedelta(days=2)
    add_at(
        earlier, clock, monday.replace(hour=19, minute=5), ContactDraft("Mia", "hug", 4, 5, "at the station")
    )
    add_at(earlier, clock, monday.replace(hour=22, minute=40), ContactDraft("Biscuit", "pet-time", 3, 20))
    add_at(
        earlier, clock, tonight.replace(hour=18, minute=5), ContactDraft("Sam", "hug", 4, 2, "at the door")
    )
    add_at(
        earlier,
        clock,
        tonight.replace(hour=19, minute=40),
        ContactDraft(
            "Grandma Lu", "call", 5, 35, "she told the story of the blue bicycle again, with new details"
        ),
    )
    add_at(earlier, clock, tonight.replace(hour=21, minute=10), ContactDraft("Biscuit", "pet-time", 3))
    earlier.update_settings(welcomed=True)
    store.refresh()
    return store


def notices(app: App[Any], monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Collect the messages of the app's notifications (they still show)."""
    messages: list[str] = []
    notify = app.notify

    def recording(message: str, *args: Any, **kwargs: Any) -> None:
        messages.append(message)
        notify(message, *args, **kwargs)

    monkeypatch.setattr(app, "notify", recording)
    return messages


def notifications_shown(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Collect the (message, title) of every notification as it reaches Textual, after what the app's
    own notify does to it (they still show)."""
    shown: list[tuple[str, str]] = []
    notify = App.notify

    def recording(self: App[Any], message: str, *, title: str = "", **options: Any) -> None:
        shown.append((message, title))
        notify(self, message, title=title, **options)

    monkeypatch.setattr(App, "notify", recording)
    return shown
