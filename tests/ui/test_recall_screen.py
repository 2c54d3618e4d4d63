"""The guided recall under Pilot: a whole session with a fake clock, stopping, and the safety note."""

from __future__ import annotations

from datetime import UTC, timedelta
from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.widgets import Input, Markdown, OptionList, ProgressBar, Static

from oxytui.core.model import ContactDraft, Ratings, Recall
from oxytui.core.recall_session import Phase
from oxytui.store import Store
from oxytui.store.errors import WriteFailedError
from oxytui.ui.panes.recall import RecallPane
from oxytui.ui.screens.recall import RecallScreen
from oxytui.ui.screens.recall_dialogs import StopDialog
from oxytui.ui.screens.recall_pages import PainfulBox
from tests.conftest import FakeClock


class PaneApp(App[None]):
    """Just the Recall pane, focused, so the recall runs as it does from the dashboard."""

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store

    def compose(self) -> ComposeResult:
        pane = RecallPane(self.store, id="recall")
        pane.tick_seconds = 3600  # the tests drive the timer by calling tick()
        yield pane

    def on_mount(self) -> None:
        self.query_one(RecallPane).focus()


def text_of(app: App[None], selector: str) -> str:
    return str(app.screen.query_one(selector, Static).content)


def recall_screen(app: App[None]) -> RecallScreen:
    screen = app.screen
    assert isinstance(screen, RecallScreen)
    return screen


def phase_of(screen: RecallScreen) -> Phase:
    return screen.session.phase


def top(app: App[None]) -> object:
    return app.screen


async def type_in(pilot: Pilot[Any], text: str) -> None:
    for char in text:
        await pilot.press(char)


async def start(pilot: Pilot[Any], number: str, figure: str | None, before: tuple[str, str]) -> RecallScreen:
    """Press r, choose script `number`, give the figure (when the script asks) and the before ratings."""
    await pilot.press("r")
    screen = recall_screen(pilot.app)
    assert screen.page == "choose"
    await pilot.press(number)
    if figure is not None:
        assert screen.page == "figure-page"
        await type_in(pilot, figure)
        await pilot.press("enter")
    assert screen.page == "before"
    await type_in(pilot, before[0])
    await pilot.press("tab")
    await type_in(pilot, before[1])
    await pilot.press("enter")  # one enter goes on, from either rating
    await pilot.pause()
    assert screen.page == "step"
    return screen


async def rate_after(pilot: Pilot[None], stress: str, connected: str, note: str, painful: bool) -> None:
    for value in (stress, connected, note):
        await type_in(pilot, value)
        await pilot.press("tab")
    if painful:
        await pilot.press("space")
    await pilot.press("enter")
    await pilot.pause()


async def test_rating_pages_go_on_with_one_enter(store: Store) -> None:
    app = PaneApp(store)
    async with app.run_test(size=(90, 30)) as pilot:
        await pilot.press("r", "2")
        screen = recall_screen(app)
        await type_in(pilot, "6")
        await pilot.press("enter")  # connected left empty: skipped
        await pilot.pause()
        assert screen.page == "step" and screen.session.before == Ratings(6, None)
        await pilot.press("escape", "k")
        await pilot.pause()
        assert screen.page == "after"
        await type_in(pilot, "3")
        await pilot.press("enter")
        await pilot.pause()
        assert screen.page == "summary"


async def test_the_painful_box_reads_without_colour(store: Store) -> None:
    app = PaneApp(store)
    async with app.run_test(size=(90, 30)) as pilot:
        await start(pilot, "2", None, ("5", "5"))
        await pilot.press("escape", "k")
        await pilot.pause()
        box = app.screen.query_one("#painful", PainfulBox)
        unticked = box.render().plain
        box.focus()
        await pilot.press("space")
        await pilot.pause()
        assert box.value and box.render().plain != unticked  # the mark itself changes, not only its colour
        assert "✓" in box.render().plain and "✓" not in unticked


async def test_a_whole_session_by_timer_and_by_key(store: Store, clock: FakeClock) -> None:
    store.add_contact(ContactDraft("Sam", "hug", 4))
    started = clock.now
    app = PaneApp(store)
    async with app.run_test(size=(90, 30)) as pilot:
        screen = await start(pilot, "1", "Ana", ("6", "4"))
        assert text_of(app, "#step-title") == "Settling"
        assert "0:30 left" in text_of(app, "#step-time")
        clock.now += timedelta(seconds=12)
        screen.tick()
        await pilot.pause()
        assert "0:18 left" in text_of(app, "#step-time")
        assert screen.query_one("#step-progress", ProgressBar).progress == 12
        clock.now += timedelta(seconds=18)
        screen.tick()  # the step invites closing the eyes, so with no cue set it waits for a key
        await pilot.pause()
        assert text_of(app, "#step-title") == "Settling"
        assert "space goes on when you are ready" in text_of(app, "#step-time")
        await pilot.press("space")
        assert text_of(app, "#step-title") == "Bringing Ana to mind"
        assert "You might let Ana come to mind" in text_of(app, "#step-text")
        clock.now += timedelta(seconds=20)
        screen.tick()  # a step with open eyes moves on when its time is up
        await pilot.pause()
        assert text_of(app, "#step-title") == "One moment"
        await pilot.press("p")
        assert "paused" in text_of(app, "#step-time")
        clock.now += timedelta(minutes=10)
        screen.tick()
        await pilot.pause()
        assert text_of(app, "#step-title") == "One moment" and "paused at 1:00" in text_of(app, "#step-time")
        await pilot.press("p")
        clock.now += timedelta(seconds=15)
        screen.tick()
        await pilot.pause()
        assert "0:45 left" in text_of(app, "#step-time")
        await pilot.press("enter", "space")
        assert "a moment from today with Sam" in text_of(app, "#step-text")
        await pilot.press("space", "space")
        assert screen.page == "after"
        assert store.recalls() == []  # nothing is saved before the summary is confirmed
        clock.now += timedelta(seconds=5)
        await rate_after(pilot, "3", "8", "felt held", painful=False)
        assert screen.page == "summary"
        summary = text_of(app, "#summary-text")
        assert "Someone who loves you, with Ana" in summary and "Stress 6→3 · connected 4→8" in summary
        assert "completed · 6 of 6 steps" in summary
        assert not screen.query_one("#safety-note", Markdown).display
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, RecallScreen)
        assert text_of(app, "#recall-sessions") == (
            "Wed 25 Nov  Someone who loves you\n  stress 6→3 · connected 4→8 · Ana"
        )
        assert text_of(app, "#recall-week") == "This week: 1 of 2 recalls"
    [recall] = Store.open(store.path).recalls()
    assert recall.day == clock.now.date() and recall.script == "someone-who-loves-you"
    assert recall.figure == "Ana" and recall.completed and recall.note == "felt held"
    assert (recall.before, recall.after) == (Ratings(6, 4), Ratings(3, 8))
    assert recall.started_at == started.astimezone(UTC)
    assert recall.finished_at == clock.now.astimezone(UTC)


async def test_stop_and_keep_saves_a_session_not_completed(store: Store, clock: FakeClock) -> None:
    app = PaneApp(store)
    async with app.run_test(size=(90, 30)) as pilot:
        screen = await start(pilot, "2", None, ("", "5"))
        await pilot.press("space")
        await pilot.press("escape")
        assert isinstance(app.screen, StopDialog)
        assert phase_of(screen) is Phase.STOPPING
        await pilot.press("escape")  # go back: carry on with the same step
        assert top(app) is screen and phase_of(screen) is Phase.STEPS
        assert text_of(app, "#step-title") == "A moment of being cared for"
        await pilot.press("escape", "k")
        await pilot.pause()
        assert screen.page == "after"
        await rate_after(pilot, "", "", "", painful=False)
        assert "a shorter session, kept · 1 of 3 steps" in text_of(app, "#summary-text")
        assert screen.query_one("#summary-support", Static).display  # one quiet line pointing to Support
        assert "Support" in text_of(app, "#summary-support")
        assert not screen.query_one("#safety-note", Markdown).display
        await pilot.press("enter")
        await pilot.pause()
        assert (
            text_of(app, "#recall-sessions")
            == "Wed 25 Nov  shorter · Hand on heart\n  stress –→– · connected 5→–"
        )
        assert text_of(app, "#recall-week") == "This week: 0 of 2 recalls"
    [recall] = Store.open(store.path).recalls()
    assert (recall.script, recall.figure, recall.completed, recall.note) == ("hand-on-heart", "", False, "")
    assert (recall.before, recall.after) == (Ratings(None, 5), Ratings(None, None))


async def test_stop_and_discard_saves_nothing(store: Store) -> None:
    app = PaneApp(store)
    async with app.run_test(size=(90, 30)) as pilot:
        await start(pilot, "3", "Lee", ("4", "4"))
        await pilot.press("escape", "d")
        await pilot.pause()
        assert not isinstance(app.screen, RecallScreen)
    assert Store.open(store.path).recalls() == []


async def test_leaving_at_the_summary_asks_and_saves_nothing(store: Store) -> None:
    app = PaneApp(store)
    async with app.run_test(size=(90, 30)) as pilot:
        screen = await start(pilot, "2", None, ("", ""))
        await pilot.press("space", "space", "space")
        await rate_after(pilot, "", "", "", painful=False)
        await pilot.press("escape")
        assert isinstance(app.screen, StopDialog)
        await pilot.press("k")  # keep is not offered here
        assert isinstance(app.screen, StopDialog)
        await pilot.press("escape")
        assert screen.page == "summary"
        await pilot.press("escape", "d")
        await pilot.pause()
        assert not isinstance(app.screen, RecallScreen)
    assert Store.open(store.path).recalls() == []


async def test_a_bad_rating_is_named_and_nothing_moves_on(store: Store) -> None:
    app = PaneApp(store)
    async with app.run_test(size=(90, 30)) as pilot:
        await pilot.press("r", "2")
        screen = recall_screen(app)
        await type_in(pilot, "11")
        await pilot.press("enter")
        assert screen.page == "before"
        assert text_of(app, "#before-error") == "stress must be a whole number from 0 to 10, or empty to skip"
        assert app.focused is screen.query_one("#before-stress", Input)


async def test_safety_note_shows_when_stress_rose_by_three(store: Store) -> None:
    app = PaneApp(store)
    async with app.run_test(size=(90, 40)) as pilot:
        screen = await start(pilot, "2", None, ("2", "5"))
        await pilot.press("space", "space", "space")
        await rate_after(pilot, "5", "5", "", painful=False)
        note = screen.query_one("#safety-note", Markdown)
        assert note.display
        assert "988" in note.source and "findahelpline.com" in note.source
        assert "116 123" in note.source and "last checked 2026-11-30" in note.source


async def test_safety_note_stays_away_when_stress_rose_by_two(store: Store) -> None:
    app = PaneApp(store)
    async with app.run_test(size=(90, 40)) as pilot:
        screen = await start(pilot, "2", None, ("2", "5"))
        await pilot.press("space", "space", "space")
        await rate_after(pilot, "4", "5", "", painful=False)
        assert not screen.query_one("#safety-note", Markdown).display


async def test_safety_note_shows_when_it_brought_up_something_painful(store: Store) -> None:
    app = PaneApp(store)
    async with app.run_test(size=(90, 40)) as pilot:
        screen = await start(pilot, "2", None, ("5", "5"))
        await pilot.press("escape", "k")
        await rate_after(pilot, "1", "9", "", painful=True)
        assert screen.query_one("#safety-note", Markdown).display


async def test_figure_suggestions_from_the_last_30_days_and_the_kinds(store: Store, clock: FakeClock) -> None:
    store.add_contact(ContactDraft("Old friend", "hug"), clock.now.date() - timedelta(days=40))
    store.add_contact(ContactDraft("Biscuit", "pet-time"), clock.now.date() - timedelta(days=3))
    store.add_contact(ContactDraft("Sam", "hug", 5))
    app = PaneApp(store)
    async with app.run_test(size=(90, 30)) as pilot:
        await pilot.press("r", "1")
        screen = recall_screen(app)
        options = screen.query_one("#figure-options", OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert "Old friend" not in prompts
        assert prompts[:3] == ["Biscuit", "Sam", "a partner"] or prompts[:3] == [
            "Sam",
            "Biscuit",
            "a partner",
        ]
        assert "your own kind voice" in prompts
        await pilot.press("down", "down", "enter")
        assert screen.session.figure == prompts[1]
        assert screen.page == "before"


async def test_savor_today_names_one_of_todays_contacts(store: Store) -> None:
    store.add_contact(ContactDraft("Ana", "warm-talk", 3))
    store.add_contact(ContactDraft("Sam", "hug", 5))
    app = PaneApp(store)
    async with app.run_test(size=(90, 30)) as pilot:
        await pilot.press("r", "5")
        screen = recall_screen(app)
        assert screen.query_one("#figure", Input).value == "Sam"
        await pilot.press("enter", "enter", "space")
        assert text_of(app, "#step-title") == "Back to the moment with Sam"


async def test_escape_before_the_steps_closes_without_a_question(store: Store) -> None:
    app = PaneApp(store)
    async with app.run_test(size=(90, 30)) as pilot:
        await pilot.press("r", "1")
        screen = recall_screen(app)
        await pilot.press("escape")
        assert screen.page == "choose"
        await pilot.press("2", "escape")
        assert screen.page == "choose"
        await pilot.press("escape")
        assert not isinstance(app.screen, RecallScreen)
    assert Store.open(store.path).recalls() == []


async def test_a_failed_save_is_said_and_enter_tries_again(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_recall = store.add_recall

    def full_disk(recall: Recall) -> Recall:
        raise WriteFailedError(f"could not save to {store.path}: No space left on device")

    monkeypatch.setattr(store, "add_recall", full_disk)
    app = PaneApp(store)
    async with app.run_test(size=(90, 40)) as pilot:
        screen = await start(pilot, "2", None, ("", ""))
        await pilot.press("space", "space", "space")
        await rate_after(pilot, "", "", "", painful=False)
        await pilot.press("enter")
        assert screen.page == "summary" and top(app) is screen
        assert "Not saved: could not save to" in text_of(app, "#summary-error")
        assert "Press enter to try again" in text_of(app, "#summary-error")
        monkeypatch.setattr(store, "add_recall", add_recall)
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, RecallScreen)
    assert len(Store.open(store.path).recalls()) == 1
