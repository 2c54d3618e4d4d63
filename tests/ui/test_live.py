"""Live data and the clock: other writers show up by themselves, and the day rolls over at the start hour."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

from textual.widgets import Static

from oxytui.core.model import ContactDraft
from oxytui.store import Store
from oxytui.ui.panes.today import TodayPane
from oxytui.ui.screens.contact_form import ContactForm
from tests.conftest import BERLIN, FakeClock
from tests.ui.conftest import AppFactory
from tests.waiting import Polls, wait_until


def whos(pane: TodayPane) -> list[str]:
    return [c.who for c in pane.rows]


async def test_rollover_at_the_day_start_hour(sample: Store, clock: FakeClock, make_app: AppFactory) -> None:
    app = make_app()
    polls = Polls(app)
    async with app.run_test() as pilot:
        pane = app.dashboard.today_pane
        clock.now = datetime(2026, 11, 26, 3, 59, tzinfo=BERLIN)  # still Wednesday's evening
        await polls.wait(pilot)
        assert app.sub_title == "Wed 25 Nov 2026"
        assert whos(pane) == ["Sam", "Grandma Lu", "Biscuit"]
        clock.now = datetime(2026, 11, 26, 4, 1, tzinfo=BERLIN)
        await wait_until(pilot, lambda: app.sub_title == "Thu 26 Nov 2026", "the day to roll over")
        assert pane.shown_day == sample.today()
        assert whos(pane) == []
        assert "today" in str(pane.border_subtitle)
        await pilot.press("[")  # yesterday is now Wednesday, and full
        assert whos(pane) == ["Sam", "Grandma Lu", "Biscuit"]


async def test_rollover_keeps_a_past_day_that_was_being_filled_in(
    sample: Store, clock: FakeClock, make_app: AppFactory
) -> None:
    app = make_app()
    async with app.run_test() as pilot:
        pane = app.dashboard.today_pane
        await pilot.press("[", "[")
        monday = pane.shown_day
        clock.now += timedelta(hours=8)
        await wait_until(pilot, lambda: app.sub_title == "Thu 26 Nov 2026", "the day to roll over")
        assert pane.shown_day == monday
        assert "3 days ago" in str(pane.border_subtitle)


async def test_a_second_writer_shows_up_without_touching_the_open_form(
    sample: Store, clock: FakeClock, make_app: AppFactory
) -> None:
    app = make_app()
    async with app.run_test() as pilot:
        pane = app.dashboard.today_pane
        await pilot.press("a", *"Jo", "tab", *"cud")
        form = app.screen
        assert isinstance(form, ContactForm)
        other = Store.open(sample.path, clock=clock)
        other.add_contact(ContactDraft("Ana", "hug", 5))
        await wait_until(pilot, lambda: "Ana" in whos(pane), "Ana in the Today pane")
        assert whos(pane)[-1] == "Ana"
        assert form.values["who"] == "Jo" and form.values["kind"] == "cud"
        assert app.focused is form.input("kind")
        await pilot.press("enter")
        await pilot.pause()
        assert whos(pane)[-2:] == ["Ana", "Jo"]
    assert [c.who for c in Store.open(sample.path).contacts_on(sample.today())][-2:] == ["Ana", "Jo"]


async def test_oxytui_log_in_another_process_shows_up(
    db_path: Path, clock: FakeClock, make_app: AppFactory, store: Store
) -> None:
    # The other process runs on the real clock, so this dashboard does too (the day is passed explicitly).
    clock.now = datetime.now().astimezone()
    day = store.today()
    app = make_app()
    async with app.run_test() as pilot:
        pane = app.dashboard.today_pane
        command = [sys.executable, "-m", "oxytui", "--db", str(db_path), "log", "Ana [b]", "--kind", "call"]
        done = subprocess.run(
            [*command, "--day", day.isoformat()], capture_output=True, text=True, timeout=60
        )
        assert done.returncode == 0, done.stderr
        await wait_until(pilot, lambda: pane.rows, "the logged contact in the Today pane")
        await pilot.pause()
        assert whos(pane) == ["Ana [b]"]
        assert pane.table.get_row_at(0)[1].plain == "Ana [b]"
        summary = pane.query_one("#today-summary", Static)
        assert str(summary.content).startswith("1 warm contact")


async def test_a_file_spoiled_elsewhere_is_reported_and_left_alone(
    sample: Store, make_app: AppFactory
) -> None:
    app = make_app()
    polls = Polls(app)
    async with app.run_test() as pilot:
        pane = app.dashboard.today_pane
        sample.path.write_bytes(b"{ not json")
        await polls.wait(pilot)
        assert app.is_running
        assert whos(pane) == ["Sam", "Grandma Lu", "Biscuit"]  # what was shown stays
        await pilot.press("a", *"Jo", "tab", *"hug", "enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ContactForm)
        assert "Not saved" in str(form.query_one("#form-error", Static).content)
        assert form.values["who"] == "Jo"
    assert sample.path.read_bytes() == b"{ not json"
