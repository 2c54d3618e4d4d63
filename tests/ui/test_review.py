"""The weekly review screen: opened from the Streaks pane, moved between weeks, exported as Markdown."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.widgets import Static

from oxytui.outputs import review_path
from oxytui.reports import week_review_markdown
from oxytui.store import Store
from oxytui.ui.app import create_app
from oxytui.ui.panes.streaks import StreaksPane
from oxytui.ui.screens.review import WeeklyReviewScreen
from tests.conftest import FakeClock
from tests.ui.test_streaks_pane import THIS_MONDAY, demo_store


def record_notices(app: App[Any], monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Collect the messages of the app's notifications (they still show)."""
    notices: list[str] = []
    notify = app.notify

    def recording(message: str, *args: Any, **kwargs: Any) -> None:
        notices.append(message)
        notify(message, *args, **kwargs)

    monkeypatch.setattr(app, "notify", recording)
    return notices


def body(screen: WeeklyReviewScreen) -> str:
    return str(screen.query_one("#review-body", Static).content)


async def test_review_of_the_selected_week(tmp_path: Path, clock: FakeClock) -> None:
    store = demo_store(tmp_path, clock)
    app = create_app(store, poll_interval=0.05)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("3", "[", "w")
        screen = app.screen
        assert isinstance(screen, WeeklyReviewScreen)
        last_week = THIS_MONDAY - timedelta(weeks=1)
        assert screen.week == last_week
        assert screen.query_one("#review").border_title == "Week of Mon 16 Nov – Sun 22 Nov 2026"
        text = body(screen)
        for start in ("Warm days: ", "Recalls completed: ", "Warm contacts: ", "People: Alex ×", "Kinds: "):
            assert start in text
        assert "Over recalls: stress " in text
        assert "After-recall stress" in text
        await pilot.press("[")
        assert screen.week == last_week - timedelta(weeks=1)
        await pilot.press("]", "]")
        assert screen.week == THIS_MONDAY
        assert "In progress" in body(screen) or "Goal met" in body(screen)
        await pilot.press("]")  # no week after the running one
        assert screen.week == THIS_MONDAY
        await pilot.press("[", "escape")
        assert not isinstance(app.screen, WeeklyReviewScreen)
        assert app.query_one("#streaks", StreaksPane).week == last_week  # the pane follows the review


async def test_markdown_is_copied_and_saved(
    tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = demo_store(tmp_path, clock, days=60)
    app = create_app(store, poll_interval=0.05)
    notices = record_notices(app, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3", "w", "m")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, WeeklyReviewScreen)
        expected = week_review_markdown(store, THIS_MONDAY)
        assert app.clipboard == expected
        saved = review_path(store.path, THIS_MONDAY)
        assert screen.saved_to == str(saved)
        assert saved.read_text(encoding="utf-8") == expected
        assert saved.parent == store.path.parent / "reviews"
        assert notices == [f"Copied to the clipboard and saved to {saved}"]


async def test_markdown_save_failure_is_reported(
    tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = demo_store(tmp_path, clock, days=14)
    (tmp_path / "reviews").write_text("a file where the folder would go", encoding="utf-8")
    app = create_app(store, poll_interval=0.05)
    notices = record_notices(app, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3", "w", "m")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, WeeklyReviewScreen)
        assert screen.saved_to is None
        assert app.clipboard.startswith("# oxytui weekly review")
        assert len(notices) == 1 and notices[0].startswith(
            "Copied to the clipboard, but could not save a file"
        )


async def test_review_of_an_empty_week(store: Store) -> None:
    store.update_settings(welcomed=True)
    app = create_app(store, poll_interval=0.05)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3", "w")
        screen = app.screen
        assert isinstance(screen, WeeklyReviewScreen)
        assert "People: none logged" in body(screen)
        assert screen.week == date(2026, 11, 23)
