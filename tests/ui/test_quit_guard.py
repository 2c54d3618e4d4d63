"""Quitting in the middle of a recall asks first; the help screen leads to About; a saved recall redraws."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from oxytui.store import Store
from oxytui.ui.panes.recall import RecallPane
from oxytui.ui.panes.streaks import StreaksPane
from oxytui.ui.screens.about import AboutScreen
from oxytui.ui.screens.help import HelpScreen
from oxytui.ui.screens.recall import RecallScreen
from oxytui.ui.screens.recall_dialogs import StopDialog
from tests.ui.conftest import AppFactory
from tests.ui.test_recall_screen import start


async def _mid_recall(make_app: AppFactory, key: str, answer: str | None) -> tuple[bool, Store]:
    """Start the one-minute recall, go one step in, press `key` to quit and answer the question."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        app.dashboard.query_one(RecallPane).tick_seconds = 3600
        await pilot.press("2")
        await start(pilot, "2", None, ("6", "3"))
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, StopDialog)
        assert "Quit in the middle of this recall" in str(app.screen.query("Static").first(Static).content)
        await pilot.press(key)  # asking twice shows one question
        assert sum(isinstance(s, StopDialog) for s in app.screen_stack) == 1
        if answer is not None:
            await pilot.press(answer)
            await pilot.pause()
        still_running = app.is_running
        if answer is None:
            assert isinstance(app.screen, StopDialog)
    return still_running, app.store


@pytest.mark.parametrize("key", ["q", "ctrl+q"])
async def test_quit_mid_recall_can_keep_it_as_not_completed(make_app: AppFactory, key: str) -> None:
    running, store = await _mid_recall(make_app, key, "k")
    assert not running
    [recall] = Store.open(store.path).recalls()
    assert recall.script == "hand-on-heart"
    assert not recall.completed
    assert (recall.before.stress, recall.before.connected) == (6, 3)
    assert recall.finished_at is not None


async def test_quit_mid_recall_can_discard_it(make_app: AppFactory) -> None:
    running, store = await _mid_recall(make_app, "q", "d")
    assert not running
    assert Store.open(store.path).recalls() == []


async def test_quit_mid_recall_can_go_back_to_it(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        app.dashboard.query_one(RecallPane).tick_seconds = 3600
        await pilot.press("2")
        screen = await start(pilot, "2", None, ("", ""))
        await pilot.press("q", "escape")
        await pilot.pause()
        assert app.is_running
        assert app.screen is screen
        assert screen.session.under_way
        assert app.store.recalls() == []


async def test_quit_before_a_recall_starts_asks_nothing(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("2", "r")
        assert isinstance(app.screen, RecallScreen)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_help_leads_to_about(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("i")
        assert isinstance(app.screen, AboutScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, HelpScreen)


async def test_a_saved_recall_redraws_the_streaks_at_once(make_app: AppFactory) -> None:
    app = make_app(poll_interval=3600)  # no polling: only the message can redraw
    async with app.run_test(size=(100, 30)) as pilot:
        streaks = app.dashboard.query_one(StreaksPane)
        calls: list[None] = []
        original = streaks.reload

        def counting_reload() -> None:
            calls.append(None)
            original()

        streaks.reload = counting_reload  # type: ignore[method-assign]
        app.dashboard.query_one(RecallPane).tick_seconds = 3600
        await pilot.press("2")
        screen = await start(pilot, "2", None, ("5", "5"))
        screen.session.finish_early()
        screen.dismiss(app.store.add_recall(screen.session.record()))
        await pilot.pause()
        assert calls
