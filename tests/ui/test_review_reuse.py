"""The weekly review is built once and opened again and again, each time for the pane's week and data."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from textual.containers import VerticalScroll
from textual.pilot import Pilot

from oxytui.content import kind_label
from oxytui.core.model import ContactDraft
from oxytui.core.text import clean_line
from oxytui.core.weekly import review_lines
from oxytui.reports import week_people, week_review
from oxytui.store import Store
from oxytui.ui.app import create_app
from oxytui.ui.screens.review import WeeklyReviewScreen
from tests.conftest import FakeClock
from tests.ui.test_review import body
from tests.ui.test_streaks_pane import THIS_MONDAY, demo_store


async def open_review(pilot: Pilot[int]) -> WeeklyReviewScreen:
    await pilot.press("w")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, WeeklyReviewScreen)
    return screen


def expected(store: Store, week: date) -> str:
    review = week_review(store, week)
    return "\n".join([*review_lines(review, clean_line, kind_label), "", *week_people(store, week)])


async def test_reopened_review_shows_the_panes_week_and_fresh_data(tmp_path: Path, clock: FakeClock) -> None:
    store = demo_store(tmp_path, clock, days=60)
    app = create_app(store, poll_interval=0.05)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("3")
        first = await open_review(pilot)
        assert first.week == THIS_MONDAY
        await pilot.press("[", "[", "m")  # two weeks back, saved as Markdown
        await pilot.pause()
        assert first.saved_to is not None
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("]")  # the pane follows the review to two weeks back; now one week back
        await pilot.pause()
        again = await open_review(pilot)
        assert again is first  # the same screen, opened again
        last_week = THIS_MONDAY - timedelta(weeks=1)
        assert again.week == last_week and again.saved_to is None
        assert body(again) == expected(store, last_week)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("t")  # back to the running week
        await pilot.pause()
        before = body(await open_review(pilot))
        await pilot.press("escape")
        await pilot.pause()
        store.add_contact(ContactDraft("Zora", "hug"))  # one more this week
        third = await open_review(pilot)
        assert third.week == THIS_MONDAY
        assert body(third) == expected(store, THIS_MONDAY) != before
        assert str(third.query_one("#review", VerticalScroll).border_title).startswith("Week of Mon 23 Nov")


async def test_reopened_review_starts_at_the_top_with_focus(tmp_path: Path, clock: FakeClock) -> None:
    store = demo_store(tmp_path, clock, days=60)
    app = create_app(store, poll_interval=0.05)
    async with app.run_test(size=(60, 8)) as pilot:  # too small for the whole review: it scrolls
        await pilot.press("3")
        screen = await open_review(pilot)
        box = screen.query_one("#review", VerticalScroll)
        box.scroll_end(animate=False, immediate=True)
        await pilot.pause()
        assert box.scroll_y > 0
        await pilot.press("escape")
        await pilot.pause()
        await open_review(pilot)
        await pilot.pause()
        assert box.scroll_y == 0 and app.focused is box
