"""The footer follows what the Today pane can do, though it is rebuilt only when that changes."""

from __future__ import annotations

from textual.pilot import Pilot

from oxytui.ui.app import OxyApp
from tests.ui.conftest import AppFactory

DAY_KEYS = {"edit", "delete", "undo", "next_day", "today"}


def shown(app: OxyApp) -> set[str]:
    """The Today pane's keys the footer shows now (those that can do nothing are left out)."""
    actions = {str(key.action) for key in app.screen.query("FooterKey")}  # type: ignore[attr-defined]
    return actions & DAY_KEYS


async def press(pilot: Pilot[int], *keys: str) -> None:
    await pilot.press(*keys)
    await pilot.pause()  # the footer rebuilds after the next refresh


async def test_footer_keys_follow_adds_days_and_undo(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert shown(app) == set()
        await press(pilot, "a", *"Sam", "tab", *"hug", "enter")
        assert shown(app) == {"edit", "delete", "undo"}
        await press(pilot, "left_square_bracket")  # yesterday: nothing logged, today is ahead
        assert shown(app) == {"undo", "next_day", "today"}
        await press(pilot, "left_square_bracket")  # another empty past day: the same keys
        assert shown(app) == {"undo", "next_day", "today"}
        await press(pilot, "t")
        assert shown(app) == {"edit", "delete", "undo"}
        await press(pilot, "u")
        assert shown(app) == set()
