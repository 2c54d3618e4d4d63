"""Dialogs on a small terminal (settings, the first-run welcome): what was wrong is seen, not only tinted."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from oxytui.store import Store
from oxytui.ui.screens.settings import SettingsScreen
from oxytui.ui.screens.welcome import HOUR_ERROR, WelcomeScreen
from tests.ui.conftest import AppFactory
from tests.ui.test_sizes import screen_text


async def test_the_message_is_scrolled_into_view_at_60x20(store: Store, make_app: AppFactory) -> None:
    """At 60x20 the form is taller than the screen; the message below it must still be seen, since
    the field's tint alone says nothing under NO_COLOR."""
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("3", "s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SettingsScreen)
        screen.query_one("#goal_warm_days", Input).value = "9"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        text = " ".join(screen_text(app).replace("│", " ").split())
        assert "warm days must be a whole number from 0 to 7 (not '9')" in text


@pytest.mark.parametrize("size", [(60, 20), (80, 24)], ids=["60x20", "80x24"])
async def test_the_welcome_keeps_the_hour_and_its_message_in_view(
    store: Store, make_app: AppFactory, size: tuple[int, int]
) -> None:
    """The first-run welcome's text took up to 70% of the height: at 60x20 the day-start field was
    below the edge (typing went into a field no one could see), and at 80x24 its message was."""
    app = make_app(welcomed=False)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        assert "Day starts at" in screen_text(app)
        await pilot.press("backspace", "9", "9", "enter")
        await pilot.pause()
        text = " ".join(screen_text(app).replace("│", " ").split())
        assert "Day starts at 99 :00 (0–23)" in text
        assert " ".join(HOUR_ERROR.split()) in text
