"""The dashboard frame: panes and focus, help, the command palette, quitting, themes and the welcome."""

from __future__ import annotations

from datetime import date

import pytest
from textual.command import CommandList, CommandPalette
from textual.widgets import Input, Markdown, Static

from oxytui.store import Store
from oxytui.ui.app import OxyApp
from oxytui.ui.panes.today import TodayPane
from oxytui.ui.screens.contact_form import ContactForm
from oxytui.ui.screens.dashboard import PANE_IDS
from oxytui.ui.screens.help import HelpScreen
from oxytui.ui.screens.welcome import WelcomeScreen
from oxytui.ui.widgets.keys import declared_bindings
from tests.ui.conftest import AppFactory
from tests.waiting import wait_until


def pane_of_focus(app: OxyApp) -> str | None:
    """The id of the pane that holds the focus."""
    focused = app.focused
    if focused is None:
        return None
    for node in (focused, *focused.ancestors):
        if node.id in PANE_IDS:
            return node.id
    return None


@pytest.mark.parametrize("size", [(100, 30), (120, 40)])
async def test_three_panes_visible_at_once(
    sample: Store, make_app: AppFactory, size: tuple[int, int]
) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = app.screen.region
        for pane in app.dashboard.panes:
            region = pane.region
            assert screen.contains_region(region), pane.id
            assert region.width >= 30 and region.height >= 8, (pane.id, region)


async def test_80x24_every_pane_reachable_and_today_readable(sample: Store, make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for key, pane_id in zip("4321", reversed(PANE_IDS), strict=True):
            await pilot.press(key)
            assert pane_of_focus(app) == pane_id
            pane = app.dashboard.query_one(f"#{pane_id}")
            assert app.screen.region.contains_region(pane.region), pane_id
            assert pane.region.height >= 8
        await pilot.press("4")  # People and Recall share a place at this size: 4 and 2 switch it
        assert pane_of_focus(app) == "people" and not app.dashboard.query_one("#recall").display
        await pilot.press("2")
        assert pane_of_focus(app) == "recall" and not app.dashboard.query_one("#people").display
        today = app.dashboard.today_pane
        # all three rows of tonight and the summary fit
        assert today.table.row_count == 3
        assert today.table.region.height >= today.table.row_count + 1


async def test_number_keys_focus_panes(sample: Store, make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test() as pilot:
        assert pane_of_focus(app) == "today"
        await pilot.press("2")
        assert pane_of_focus(app) == "recall"
        await pilot.press("3")
        assert pane_of_focus(app) == "streaks"
        await pilot.press("1")
        assert pane_of_focus(app) == "today"
        assert app.focused is app.dashboard.today_pane.table


async def test_footer_shows_the_focused_panes_keys(sample: Store, make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test() as pilot:
        bindings = app.screen.active_bindings.values()
        shown = {b.binding.action for b in bindings if b.binding.show and b.enabled}
        assert {"add", "edit", "delete", "previous_day", "rest_day", "help", "quit"} <= shown
        assert not {"undo", "next_day", "today"} & shown  # nothing to undo yet, and no days after today
        dimmed = {b.binding.action for b in bindings if b.binding.show and not b.enabled}
        assert dimmed == {"undo", "next_day", "today"}  # kept for the footer, which hides them
        await pilot.press("3")
        shown = {b.binding.action for b in app.screen.active_bindings.values() if b.binding.show}
        assert "add" not in shown
        assert "help" in shown


def test_every_binding_has_an_id_and_a_tooltip() -> None:
    from oxytui.ui.screens.dashboard import DashboardScreen

    for node_class in (OxyApp, DashboardScreen, TodayPane, ContactForm, HelpScreen, WelcomeScreen):
        for binding in declared_bindings(node_class):
            assert binding.tooltip, (node_class.__name__, binding.key)
            assert binding.id, (node_class.__name__, binding.key)


async def test_help_lists_every_key_and_the_streak_rules(sample: Store, make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = app.screen.query_one("#help-text", Markdown).source
        for binding in declared_bindings(TodayPane):
            assert binding.tooltip in text
        for words in (
            "`1`",
            "`?`",
            "`ctrl+p`",
            "`q / ^q`",
            "`escape`",
            "warm day",
            "rest day",
            "weekly goal",
        ):
            assert words in text, words
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_palette_lists_and_runs_every_action(sample: Store, make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        options = app.screen.query_one(CommandList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        listed = "\n".join(prompts)
        for binding in declared_bindings(TodayPane):
            assert binding.tooltip in listed, binding.tooltip
        for sentence in (
            "Focus the Streaks pane",
            "Show every key and the streak rules",
            "Theme",
            "Day start",
        ):
            assert sentence in listed
        await pilot.press(*"mark or unmark")

        def found() -> bool:
            shown = app.screen.query_one(CommandList)
            first = shown.highlighted
            return first is not None and "unmark" in str(shown.get_option_at_index(first).prompt).lower()

        await wait_until(pilot, found, "the palette to find the rest-day command")
        await pilot.press("enter")
        await pilot.pause()
        assert sample.is_rest_day(sample.today())


async def test_q_quits_but_is_typed_in_a_form(store: Store, make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.press("a", "q")
        form = app.screen
        assert isinstance(form, ContactForm)
        assert form.values["who"] == "q"
        await pilot.press("escape", "q")
        await pilot.pause()
        assert not app.is_running


async def test_ctrl_q_quits_from_a_form(store: Store, make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.press("a", "ctrl+q")
        await pilot.pause()
        assert not app.is_running


async def test_theme_is_warm_by_default_and_remembered(store: Store, make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test() as pilot:
        assert app.theme == "oxytui"
        app.theme = "nord"
        await pilot.pause()
        assert store.settings.theme == "nord"
    assert Store.open(store.path).settings.theme == "nord"
    again = make_app()
    async with again.run_test():
        assert again.theme == "nord"


async def test_unknown_saved_theme_falls_back_to_the_warm_one(store: Store, make_app: AppFactory) -> None:
    store.update_settings(theme="no-such-theme")
    app = make_app()
    async with app.run_test():
        assert app.theme == "oxytui"


async def test_first_run_welcome_sets_the_day_start_hour(store: Store, make_app: AppFactory) -> None:
    app = make_app(welcomed=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        welcome = app.screen
        assert isinstance(welcome, WelcomeScreen)
        text = welcome.query_one("#welcome-text", Markdown).source
        assert "not therapy" in text and "04:00" in text
        assert str(store.path) in str(welcome.query_one("#welcome-path", Static).content)
        hour = welcome.query_one("#hour", Input)
        assert hour.value == "4"
        await pilot.press(*"30", "enter")  # focus selected the old value: "30" replaces it
        assert isinstance(app.screen, WelcomeScreen)
        assert welcome.query_one("#hour-error", Static).display
        hour.value = "6"
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, WelcomeScreen)
        assert (store.settings.welcomed, store.settings.day_start_hour) == (True, 6)
    later = make_app(welcomed=False)
    async with later.run_test() as pilot:
        await pilot.pause()
        assert not isinstance(later.screen, WelcomeScreen)


async def test_escape_closes_the_welcome_and_keeps_the_hour(store: Store, make_app: AppFactory) -> None:
    app = make_app(welcomed=False)
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, WelcomeScreen)
        assert (store.settings.welcomed, store.settings.day_start_hour) == (True, 4)


async def test_changing_the_day_start_moves_the_day(store: Store, make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test() as pilot:
        app.action_day_start()
        await pilot.pause()
        hour = app.screen.query_one("#hour", Input)
        hour.value = "23"  # at 21:30 with days starting at 23:00, it is still Tuesday
        await pilot.press("enter")
        await pilot.pause()
        assert store.settings.day_start_hour == 23
        assert app.sub_title == "Tue 24 Nov 2026"
        assert app.dashboard.today_pane.shown_day == date(2026, 11, 24)
