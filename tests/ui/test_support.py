"""Support is always reachable (help, palette, About, `oxytui support`), and the gentle note after a recall
shows in every case it should, whatever was skipped; gentle mode and the step cue work from the settings."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.command import CommandPalette
from textual.widgets import Markdown, Select, Static

from oxytui.cli import main
from oxytui.core.model import ContactDraft, Ratings, Recall, new_id
from oxytui.store import Store
from oxytui.support import QUIET_LINE, support_text
from oxytui.ui.app import create_app
from oxytui.ui.panes.recall import RecallPane
from oxytui.ui.panes.streaks import StreaksPane
from oxytui.ui.screens.about import AboutScreen
from oxytui.ui.screens.help import HelpScreen
from oxytui.ui.screens.settings import SettingsScreen
from oxytui.ui.screens.support import SupportScreen
from tests.conftest import FakeClock
from tests.ui.test_recall_screen import rate_after, start
from tests.waiting import palette_offers, wait_until


class PaneApp(App[None]):
    """Just the Recall pane, its timer left to the test."""

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store

    def compose(self) -> ComposeResult:
        pane = RecallPane(self.store, id="recall")
        pane.tick_seconds = 3600
        yield pane

    def on_mount(self) -> None:
        self.query_one(RecallPane).focus()


def _support_shown(app: App[Any]) -> str:
    screen = app.screen
    assert isinstance(screen, SupportScreen)
    return screen.query_one("#support-text", Markdown).source


def test_support_text_has_every_resource_calmly_and_dated() -> None:
    text = support_text()
    for needle in ("988", "US and Canada", "116 123", "UK and Ireland", "findahelpline.com"):
        assert needle in text
    for number in ("911", "112", "999", "000"):
        assert number in text
    assert "last checked 2026-11-30" in text
    assert "!" not in text  # calmly worded


def test_oxytui_support_prints_the_same_without_a_data_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "oxytui.json"
    broken.write_text("{not json", encoding="utf-8")
    assert main(["--db", str(broken), "support"]) == 0
    out = capsys.readouterr().out
    assert "call or text 988" in out and "Samaritans on 116 123" in out and "findahelpline.com" in out
    assert "**" not in out and "Resources last checked 2026-11-30." in out
    assert broken.read_text(encoding="utf-8") == "{not json"  # never touched


async def test_support_from_help_about_and_the_palette(store: Store) -> None:
    store.update_settings(welcomed=True)
    app = create_app(store, poll_interval=0.05)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("s")
        await pilot.pause()
        assert "988" in _support_shown(app)
        await pilot.press("escape")
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, AboutScreen)
        await pilot.press("s")
        await pilot.pause()
        assert "116 123" in _support_shown(app)
        await pilot.press("escape", "escape", "escape")
        await pilot.pause()
        assert not isinstance(app.screen, (HelpScreen, AboutScreen, SupportScreen))
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        for char in "Support":
            await pilot.press(char)
        await wait_until(pilot, palette_offers(app, "Support"), "the palette to offer Support")
        await pilot.press("enter")
        await pilot.pause()
        assert "findahelpline.com" in _support_shown(app)


@pytest.mark.parametrize(
    ("before", "after", "painful"),
    [
        (("2", "5"), ("5", "5"), False),  # stress rose by 3
        (("", "5"), ("8", "5"), False),  # after-stress 8, the before rating skipped
        (("", ""), ("9", ""), False),  # after-stress 9, everything else skipped
        (("4", "7"), ("4", "4"), False),  # connected fell by 3
        (("", "7"), ("", "3"), False),  # connected fell by 4, stress skipped both times
        (("", ""), ("", ""), True),  # it brought up something painful, all ratings skipped
    ],
)
async def test_the_gentle_note_shows_whatever_was_skipped(
    store: Store, before: tuple[str, str], after: tuple[str, str], painful: bool
) -> None:
    app = PaneApp(store)
    async with app.run_test(size=(90, 40)) as pilot:
        screen = await start(pilot, "2", None, before)
        await pilot.press("space", "space", "space")
        await rate_after(pilot, after[0], after[1], "", painful=painful)
        note = screen.query_one("#safety-note", Markdown)
        assert note.display and "988" in note.source and "116 123" in note.source
        assert not screen.query_one("#summary-support", Static).display  # the note says it already


@pytest.mark.parametrize(
    ("before", "after"), [(("5", "5"), ("7", "3")), (("", ""), ("7", "")), (("2", "8"), ("4", "6"))]
)
async def test_no_note_when_nothing_suggests_it(
    store: Store, before: tuple[str, str], after: tuple[str, str]
) -> None:
    app = PaneApp(store)
    async with app.run_test(size=(90, 40)) as pilot:
        screen = await start(pilot, "2", None, before)
        await pilot.press("space", "space", "space")
        await rate_after(pilot, after[0], after[1], "", painful=False)
        assert not screen.query_one("#safety-note", Markdown).display
        assert not screen.query_one("#summary-support", Static).display


def _told(app: App[None], monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The messages the app shows as notifications from now on."""
    told: list[str] = []
    monkeypatch.setattr(app, "notify", lambda message, **_: told.append(message))
    return told


async def test_discarding_a_recall_shows_one_quiet_line(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = PaneApp(store)
    told = _told(app, monkeypatch)
    async with app.run_test(size=(90, 30)) as pilot:
        await start(pilot, "2", None, ("3", "5"))
        await pilot.press("escape", "d")
        await pilot.pause()
        assert told == [QUIET_LINE]
    assert store.recalls() == []


async def test_leaving_after_the_steps_without_saving_shows_the_quiet_line(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = PaneApp(store)
    told = _told(app, monkeypatch)
    async with app.run_test(size=(90, 40)) as pilot:
        await start(pilot, "2", None, ("3", "5"))
        await pilot.press("space", "space", "space")
        await pilot.pause()
        await pilot.press("escape", "d")
        await pilot.pause()
        assert told == [QUIET_LINE]


async def test_a_closed_eyes_step_rings_the_bell_when_that_cue_is_chosen(
    store: Store, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.update_settings(step_cue="bell")
    app = PaneApp(store)
    rings: list[int] = []
    monkeypatch.setattr(app, "bell", lambda: rings.append(1))
    async with app.run_test(size=(90, 30)) as pilot:
        screen = await start(pilot, "1", "Ana", ("", ""))
        assert screen.session.step.invites_closed_eyes
        clock.now += timedelta(seconds=30)
        screen.tick()
        await pilot.pause()
        assert screen.session.step_index == 1 and rings == [1]  # moved on, with a soft cue
        await pilot.press("space")  # moving on by a key needs no cue
        assert rings == [1]


async def test_gentle_mode_hides_the_streak_counts_and_is_saved(store: Store, clock: FakeClock) -> None:
    for back in range(3):
        store.add_contact(ContactDraft("Sam", "hug"), clock.now.date() - timedelta(days=back))
    store.update_settings(welcomed=True)
    app = create_app(store, poll_interval=0.05)
    async with app.run_test(size=(100, 30)) as pilot:
        pane = app.query_one("#streaks", StreaksPane)
        assert str(pane.query_one("#streaks-summary", Static).content).startswith("Daily 3 best 3")
        await pilot.press("3", "s")
        screen = app.screen
        assert isinstance(screen, SettingsScreen)
        assert screen.query_one("#gentle", Select).value is False
        screen.query_one("#gentle", Select).value = True
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, SettingsScreen)
        summary = str(pane.query_one("#streaks-summary", Static).content)
        status = str(pane.query_one("#streaks-status", Static).content)
        assert "3" not in summary and "Gentle mode" in summary
        assert status == "Today is warm."
    assert Store.open(store.path).settings.gentle is True


async def test_nothing_logged_yesterday_is_not_said_after_a_completed_recall(
    store: Store, clock: FakeClock
) -> None:
    today = clock.now.date()
    store.add_contact(ContactDraft("Sam", "hug"), today - timedelta(days=3))
    when = clock.now - timedelta(days=1)
    store.add_recall(
        Recall(
            new_id(), today - timedelta(days=1), when, when, "hand-on-heart", "", Ratings(), Ratings(), True
        )
    )
    store.update_settings(welcomed=True)
    app = create_app(store, poll_interval=0.05)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert not app.dashboard.query_one("#today-catchup", Static).display
        assert "Nothing logged yesterday" not in str(
            app.dashboard.query_one("#today-catchup", Static).content
        )
