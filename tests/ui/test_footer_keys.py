"""The footer shows what the Today pane can do now, and keeps its key widgets while only that changes."""

from __future__ import annotations

import asyncio

from textual.pilot import Pilot

from oxytui.ui.app import OxyApp
from oxytui.ui.widgets.footer import FooterItem, KeysFooter
from tests.ui.conftest import AppFactory

DAY_KEYS = {"edit", "delete", "undo", "next_day", "today"}


def keys(app: OxyApp) -> list[FooterItem]:
    """The Today pane's key widgets in the footer, shown or hidden."""
    return [key for key in app.screen.query(FooterItem) if key.action in DAY_KEYS]


def shown(app: OxyApp) -> set[str]:
    """The Today pane's keys the footer shows now (those that can do nothing are left out)."""
    return {key.action for key in keys(app) if key.display and key.region.width}


def footer(app: OxyApp) -> KeysFooter:
    return app.screen.query_one(KeysFooter)


async def press(pilot: Pilot[int], *names: str) -> None:
    await pilot.press(*names)
    await pilot.pause()  # the footer updates after the next refresh


async def test_footer_keys_follow_adds_days_and_undo(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert shown(app) == set()
        assert {key.action for key in keys(app)} == DAY_KEYS  # all kept, the unusable hidden
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


async def test_dimmed_keys_do_nothing_and_the_footer_is_not_rebuilt(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        pane = app.dashboard.today_pane
        widgets = keys(app)
        built = footer(app).rebuilds
        await press(pilot, "left_square_bracket")
        await press(pilot, "right_square_bracket")
        assert pane.shown_day == pane.store.today()
        await press(pilot, "right_square_bracket", "t", "e", "d")  # hidden: nothing happens
        assert pane.shown_day == pane.store.today() and app.screen is app.dashboard
        assert keys(app) == widgets and footer(app).rebuilds == built


async def test_clicking_a_key_in_the_footer_does_what_it_says(make_app: AppFactory) -> None:
    from oxytui.ui.screens.contact_form import ContactForm

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        add = next(item for item in app.screen.query(FooterItem) if item.action == "add")
        assert "Add" in str(add.render())
        await pilot.click(add)
        await pilot.pause()
        assert isinstance(app.screen, ContactForm)


async def test_updates_that_overlap_a_rebuild_wait_for_it(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        bar = footer(app)
        key = bar._keys()[0]
        await bar.mount(FooterItem(key, key.binding.key))  # items for other keys than those shown now
        bar._shown = None  # so the next update rebuilds them
        await asyncio.gather(bar._update(), bar._update(), bar._update())
        assert len(bar.query(FooterItem)) == len(bar._keys())
        assert bar._shown is not None
