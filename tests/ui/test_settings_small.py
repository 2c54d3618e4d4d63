"""The settings dialog on a small terminal: what was wrong is seen, not only tinted."""

from __future__ import annotations

from textual.widgets import Input

from oxytui.store import Store
from oxytui.ui.screens.settings import SettingsScreen
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
