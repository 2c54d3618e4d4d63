"""What the screen says is true: every pane shows the core's figures, and rest days mean one thing."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from textual.widgets import Static

from oxytui.core.model import ContactDraft, Ratings, Recall
from oxytui.core.recall_session import RecallSession
from oxytui.recall_scripts import load_scripts
from oxytui.store import Store
from oxytui.ui.panes.streaks import StreaksPane
from oxytui.ui.panes.today import TodayPane
from oxytui.ui.screens.recall_summary import summary_lines
from oxytui.ui.widgets.heatmap import WarmthHeatmap
from tests.conftest import FakeClock
from tests.ui.conftest import AppFactory

MONDAY, TUESDAY, WEDNESDAY = date(2026, 11, 23), date(2026, 11, 24), date(2026, 11, 25)


def completed_recall(number: int, day: date, clock: FakeClock) -> Recall:
    start = datetime.combine(day, datetime.min.time(), clock.now.tzinfo) + timedelta(hours=20 + number)
    return Recall(
        f"r{number}",
        day,
        start,
        start + timedelta(minutes=3),
        "hand-on-heart",
        "",
        Ratings(),
        Ratings(),
        True,
    )


async def test_recall_and_streaks_panes_agree_on_a_week_with_rest_days(
    store: Store, clock: FakeClock, make_app: AppFactory
) -> None:
    store.update_settings(goal_recalls=3)
    store.set_rest_day(MONDAY)
    store.set_rest_day(TUESDAY)
    store.add_recall(completed_recall(1, WEDNESDAY, clock))
    store.add_recall(completed_recall(2, WEDNESDAY, clock))
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        recall_week = str(app.dashboard.query_one("#recall-week", Static).content)
        goals = str(app.dashboard.query_one("#streaks-goals", Static).content)
        assert recall_week == "This week: 2 of 2 recalls"  # 3 a week, scaled by two rest days
        assert "recalls ▰▰ 2/2" in goals


async def test_heatmap_rows_are_labelled_from_the_week_start(store: Store, make_app: AppFactory) -> None:
    store.add_contact(ContactDraft("Sam", "hug"))
    store.update_settings(week_start="sunday")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        heatmap = app.dashboard.query_one(WarmthHeatmap)
        rows = heatmap.render().plain.splitlines()
        labels = [row[:2] for row in rows if row[:2] in ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")]
        assert labels == ["Su", "Mo", "Tu", "We", "Th", "Fr", "Sa"]
        wednesday_row = rows[[row[:2] for row in rows].index("We")]
        week_column = heatmap.first_week(heatmap.week_count())
        column = (app.dashboard.query_one(StreaksPane).this_week - week_column).days // 7
        assert wednesday_row[3 + column] != "·"  # today's hug sits in the row labelled We


async def test_marking_a_day_with_contacts_as_rest_says_what_it_does(
    sample: Store, make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    said: list[str] = []
    monkeypatch.setattr(TodayPane, "notify", lambda self, message, **_: said.append(message))
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("1", "z")
        await pilot.pause()
        assert sample.is_rest_day(WEDNESDAY)
        assert said[-1] == (
            "Wed 25 Nov 2026 is marked as a rest day: it has warm contacts, so it still counts as a warm "
            "day and does not lower the week's goals. This week's goals: 4 warm days and 2 recalls."
        )
        goals = str(app.dashboard.query_one("#streaks-goals", Static).content)
        assert "/4" in goals  # the goal stayed at 4
        assert "Today is warm" in str(app.dashboard.query_one("#streaks-status", Static).content)


def test_the_recall_summary_points_to_what_exists(tmp_path: Path, clock: FakeClock) -> None:
    script = load_scripts(user=tmp_path).by_id("hand-on-heart")
    assert script is not None
    session = RecallSession(clock)
    session.choose(script, "", WEDNESDAY)
    session.rate_before(Ratings(5, 5))
    for _ in script.steps:
        session.next_step()
    session.rate_after(Ratings(3, 6))
    session.add_note("")
    text = "\n".join(summary_lines(session))
    assert "Recall pane say" not in text and "weekly review" in text
