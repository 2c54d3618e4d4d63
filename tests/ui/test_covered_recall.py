"""A recall's countdown holds while anything covers it, and only a recall followed to its end is completed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from textual.command import CommandPalette

from oxytui.core.recall_session import Phase
from oxytui.store import Store
from oxytui.ui.panes.recall import RecallPane
from oxytui.ui.screens.help import HelpScreen
from oxytui.ui.screens.recall import RecallScreen
from oxytui.ui.screens.recall_dialogs import StopDialog
from tests.conftest import FakeClock
from tests.ui.conftest import AppFactory
from tests.ui.test_recall_screen import start

HOUR = timedelta(hours=1)


async def test_left_behind_the_quit_question_it_is_kept_as_not_completed(
    make_app: AppFactory, clock: FakeClock
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        app.dashboard.query_one(RecallPane).tick_seconds = 3600
        await pilot.press("2")
        screen = await start(pilot, "2", None, ("6", "3"))
        remaining = screen.session.remaining()
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, StopDialog)
        clock.now += HOUR  # the dialog stays open far longer than the whole exercise
        for _ in range(5):
            screen.tick()
        assert screen.session.phase is Phase.STEPS and screen.session.remaining() == remaining
        await pilot.press("k")
        await pilot.pause()
    [recall] = Store.open(app.store.path).recalls()
    assert not recall.completed


@pytest.mark.parametrize("cover", ["help", "palette"])
async def test_help_and_the_palette_hold_the_countdown(
    make_app: AppFactory, clock: FakeClock, cover: str
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        app.dashboard.query_one(RecallPane).tick_seconds = 3600
        await pilot.press("2")
        screen = await start(pilot, "2", None, ("6", "3"))
        step, remaining = screen.session.step_index, screen.session.remaining()
        await pilot.press("question_mark" if cover == "help" else "ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen if cover == "help" else CommandPalette)
        clock.now += HOUR
        screen.tick()
        assert (screen.session.step_index, screen.session.phase) == (step, Phase.STEPS)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, RecallScreen)
        assert screen.session.remaining() == remaining and not screen.session.paused
        clock.now += timedelta(seconds=2)
        assert screen.session.remaining() == remaining - 2  # counting again once in view
