"""The Streaks pane in the dashboard: figures, week strip, goals, heatmap, week keys, settings, snapshot."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Footer, Input, Select, Static

from oxytui.core.model import ContactDraft, Settings
from oxytui.core.sampledata import generate
from oxytui.reports import streak_summary
from oxytui.store import Store
from oxytui.store.fileformat import write_new_file
from oxytui.ui.app import OxyApp, create_app
from oxytui.ui.panes.streaks import StreaksPane, bar
from oxytui.ui.screens.settings import SettingsScreen
from oxytui.ui.widgets.weekstrip import DayState, WeekStrip
from tests.conftest import BERLIN, FakeClock
from tests.waiting import wait_until

WED = date(2026, 11, 25)
THIS_MONDAY = date(2026, 11, 23)


def demo_store(folder: Path, clock: FakeClock, days: int = 365) -> Store:
    """A year of sample data (seed 7) up to the fixed clock's evening, in a fresh file."""
    data = generate(days, WED, seed=7, zone=BERLIN)
    contacts = [c for c in data.contacts if c.logged_at <= clock.now]
    recalls = [r for r in data.recalls if r.started_at <= clock.now]
    path = folder / "demo.json"
    write_new_file(path, contacts, recalls, data.rest_days, Settings(welcomed=True))
    return Store.open(path, clock=clock)


@pytest.fixture
def year(tmp_path: Path, clock: FakeClock) -> Store:
    """A Store holding a year of demo data, on the fixed clock (Wed 25 Nov 2026, 21:30)."""
    return demo_store(tmp_path, clock)


def pane_of(app: OxyApp) -> StreaksPane:
    return app.query_one("#streaks", StreaksPane)


def text(pane: StreaksPane, selector: str) -> str:
    return str(pane.query_one(selector, Static).content)


def test_bar() -> None:
    assert [bar(0, 5), bar(3, 5), bar(5, 5), bar(9, 5), bar(0, 0)] == [
        "▱▱▱▱▱",
        "▰▰▰▱▱",
        "▰▰▰▰▰",
        "▰▰▰▰▰",
        "",  # no goal, no bar
    ]


def test_bars_are_proportional_to_the_goal() -> None:
    # One cell per unit of the goal: 1 of 3 recalls fills one cell of three, not two of five.
    assert [bar(1, 3), bar(2, 3), bar(1, 2), bar(2, 7)] == ["▰▱▱", "▰▰▱", "▰▱", "▰▰▱▱▱▱▱"]
    # Past seven cells each cell stands for more than one, and the bar is full only when the goal is met.
    assert bar(20, 21) == "▰▰▰▰▰▰▱" and bar(21, 21) == "▰▰▰▰▰▰▰" and bar(3, 21) == "▰▱▱▱▱▱▱"


async def test_pane_shows_the_year(year: Store) -> None:
    summary = streak_summary(year)
    app = create_app(year, poll_interval=0.05)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("3")
        pane = pane_of(app)
        assert app.focused is pane
        daily, weekly, week = summary.daily, summary.weekly, summary.week
        assert text(pane, "#streaks-summary") == (
            f"Daily {daily.current} best {daily.longest}  Weekly {weekly.current} best {weekly.longest}"
        )
        goals = text(pane, "#streaks-goals")
        assert f" {week.warm_days}/{week.goal_warm_days}" in goals
        assert f" {week.recalls}/{week.goal_recalls}" in goals
        states = [state for _, state in pane.query_one(WeekStrip).days]
        assert states[3:] == [DayState.FUTURE] * 4
        assert pane.border_subtitle == "this week · w review"
        heatmap = pane.heatmap
        assert not heatmap.compact and heatmap.week_count() == 26
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert heatmap.compact and heatmap.size.height == 5
        assert pane.region.bottom <= 23  # the pane ends above the footer: nothing is cut off
        await pilot.resize_terminal(160, 50)
        await pilot.pause()
        assert not heatmap.compact and heatmap.months and heatmap.week_count() == 52


async def test_week_keys(year: Store) -> None:
    app = create_app(year, poll_interval=0.05)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("3", "[")
        pane = pane_of(app)
        assert pane.week == THIS_MONDAY - timedelta(weeks=1)
        assert pane.border_subtitle == "week of Mon 16 Nov · w review"
        assert [state for _, state in pane.query_one(WeekStrip).days].count(DayState.FUTURE) == 0
        await pilot.press("[", "[")
        assert pane.week == THIS_MONDAY - timedelta(weeks=3)
        await pilot.press("]")
        assert pane.week == THIS_MONDAY - timedelta(weeks=2)
        await pilot.press("t")
        assert pane.week == THIS_MONDAY
        await pilot.press("]")  # no week after the running one
        assert pane.week == THIS_MONDAY


async def test_no_week_before_the_first(store: Store) -> None:
    store.add_contact(ContactDraft("Sam", "hug"))
    store.update_settings(welcomed=True)
    app = create_app(store, poll_interval=0.05)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("3", "[")
        assert pane_of(app).week == THIS_MONDAY


async def test_pane_follows_new_data(store: Store) -> None:
    store.update_settings(welcomed=True)
    app = create_app(store, poll_interval=0.05)
    async with app.run_test(size=(100, 30)) as pilot:
        pane = pane_of(app)
        assert text(pane, "#streaks-status") == "Any warm day starts a run."
        store.add_contact(ContactDraft("Sam", "hug"))
        await wait_until(pilot, lambda: "1 day" in text(pane, "#streaks-status"), "the pane to follow")
        assert text(pane, "#streaks-status") == "Today is warm: 1 day in a row."
        assert text(pane, "#streaks-summary").startswith("Daily 1 best 1")


async def test_settings_change_goals_and_week_start(year: Store) -> None:
    app = create_app(year, poll_interval=0.05)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("3", "s")
        screen = app.screen
        assert isinstance(screen, SettingsScreen)
        warm = screen.query_one("#goal_warm_days", Input)
        warm.value = "9"
        await pilot.press("enter")
        assert "warm days must be a whole number from 0 to 7" in str(
            screen.query_one("#settings-error", Static).content
        )
        assert warm.has_class("-error")
        warm.value = "3"
        screen.query_one("#goal_recalls", Input).value = "1"
        screen.query_one("#week_start", Select).value = "sunday"
        warm.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, SettingsScreen)
        settings = year.settings
        assert (settings.goal_warm_days, settings.goal_recalls, settings.week_start) == (3, 1, "sunday")
        pane = pane_of(app)
        assert pane.week == date(2026, 11, 22)
        assert "/3" in text(pane, "#streaks-goals") and "/1" in text(pane, "#streaks-goals")


async def test_settings_escape_saves_nothing(year: Store) -> None:
    app = create_app(year, poll_interval=0.05)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3", "s")
        app.screen.query_one("#day_start_hour", Input).value = "6"
        await pilot.press("escape")
        assert year.settings.day_start_hour == 4


class PaneApp(App[None]):
    """Only the Streaks pane, full screen, for the snapshot."""

    CSS = "StreaksPane { border: round $primary; padding: 0 1; height: 1fr; }"

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store

    def compose(self) -> ComposeResult:
        yield StreaksPane(self.store, id="streaks")

    def on_mount(self) -> None:
        self.theme = "textual-dark"
        self.query_one(StreaksPane).focus()


def test_snapshot_of_a_year(year: Store, snap_compare: Callable[..., Any]) -> None:
    assert snap_compare(PaneApp(year), terminal_size=(60, 16))


async def test_enter_on_the_week_start_list_saves(year: Store) -> None:
    app = create_app(year, poll_interval=0.05)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("3", "s")
        screen = app.screen
        assert isinstance(screen, SettingsScreen)
        week_start = screen.query_one("#week_start", Select)
        week_start.focus()
        await pilot.press("enter")  # opens nothing: saves what is shown
        await pilot.pause()
        assert not isinstance(app.screen, SettingsScreen)
        await pilot.press("s")
        screen = app.screen
        assert isinstance(screen, SettingsScreen)
        week_start = screen.query_one("#week_start", Select)
        week_start.focus()
        await pilot.press("space")  # space opens the list; there enter picks, and the next enter saves
        await pilot.pause()
        assert week_start.expanded
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen) and week_start.value == "tuesday"
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, SettingsScreen)
        assert year.settings.week_start == "tuesday"


async def test_the_settings_footer_shows_the_settings_keys(year: Store) -> None:
    app = create_app(year, poll_interval=0.05)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("3", "s")
        await pilot.pause()
        assert app.screen.query_one(Footer).display  # the dialog's own footer, over the dashboard's
        keys = {b.binding.description for b in app.screen.active_bindings.values() if b.binding.show}
        assert {"Cancel", "Save"} <= keys and "Review" not in keys
