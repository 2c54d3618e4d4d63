"""Issue 10 item 6: the dashboard never freezes on the lock. While another oxytui holds it, a save
says it is waiting, keys (q included) keep working, and the save is made, or fails with a message,
when the wait ends. The other writer here is a real file lock on the same lock file."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import filelock
import pytest
from textual.widgets import Input, Static

from oxytui.core.model import ContactDraft
from oxytui.paths import lock_path
from oxytui.store import Store
from oxytui.ui import saving
from oxytui.ui.panes.recall import RecallPane
from oxytui.ui.panes.streaks import StreaksPane
from oxytui.ui.screens.contact_form import ContactForm
from oxytui.ui.screens.person import PersonScreen
from oxytui.ui.screens.recall_dialogs import StopDialog
from tests.ui.conftest import AppFactory, notices
from tests.ui.test_recall_screen import start
from tests.waiting import wait_until


@pytest.fixture
def other_writer(store: Store) -> Iterator[filelock.FileLock]:
    """The lock of the store's file, to hold as another oxytui would hold it while it writes."""
    lock = filelock.FileLock(str(lock_path(store.path)), timeout=0)
    try:
        yield lock
    finally:
        lock.release(force=True)


async def test_the_form_waits_for_the_other_writer_then_saves(
    store: Store, make_app: AppFactory, other_writer: filelock.FileLock
) -> None:
    app = make_app()
    other_writer.acquire()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("a", *"Jo", "tab", *"hug", "enter")
        form = app.screen
        assert isinstance(form, ContactForm)
        shown = str(form.query_one("#form-error", Static).content)
        assert shown.startswith("Waiting for another oxytui"), shown
        await pilot.press("tab", "tab", "tab", *"by the sea")  # the keys still work
        assert form.values["note"] == "by the sea"
        assert store.all_contacts() == []
        other_writer.release()
        await wait_until(pilot, lambda: app.screen is not form, "the save to be made and the form to close")
        assert [c.who for c in app.dashboard.today_pane.rows] == ["Jo"]
    assert [(c.who, c.kind) for c in Store.open(store.path).all_contacts()] == [("Jo", "hug")]


async def test_q_quits_while_a_save_waits(
    store: Store, make_app: AppFactory, other_writer: filelock.FileLock, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    other_writer.acquire()
    messages = notices(app, monkeypatch)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("z")  # mark today a rest day: waits for the lock
        assert messages[-1].startswith("Waiting for another oxytui"), messages
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running
    assert Store.open(store.path).rest_days() == {}


async def test_settings_wait_for_the_other_writer_then_save(
    store: Store, make_app: AppFactory, other_writer: filelock.FileLock
) -> None:
    app = make_app()
    other_writer.acquire()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("3", "s")  # the streaks pane, and its settings
        await pilot.pause()
        screen = app.screen
        assert type(screen).__name__ == "SettingsScreen"
        field = screen.query_one("#goal_warm_days", Input)
        field.value = "6"  # not the default
        await pilot.press("enter")
        shown = str(screen.query_one("#settings-error", Static).content)
        assert shown.startswith("Waiting for another oxytui"), shown
        other_writer.release()
        await wait_until(pilot, lambda: app.screen is not screen, "the settings to be saved and closed")
    assert Store.open(store.path).settings.goal_warm_days == 6


async def test_a_wait_that_runs_out_says_so_and_the_keys_work_meanwhile(
    store: Store,
    make_app: AppFactory,
    other_writer: filelock.FileLock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(saving, "LOCK_TIMEOUT", 2.0)  # long enough to still be waiting when the keys come
    app = make_app()
    before = store.path.read_bytes()
    other_writer.acquire()
    messages = notices(app, monkeypatch)
    async with app.run_test(size=(100, 30)) as pilot:
        pane = app.dashboard.today_pane
        today = pane.shown_day
        await pilot.press("z")
        assert any(m.startswith("Waiting for another oxytui") for m in messages), messages
        await pilot.press("[")  # moving between days works while the save waits
        assert pane.shown_day == today - timedelta(days=1)
        await wait_until(pilot, lambda: "did not let go" in messages[-1], "the wait to run out")
        assert "nothing was saved" in messages[-1], messages
        assert not store.is_rest_day(today)
    assert store.path.read_bytes() == before


async def test_a_theme_change_waits_for_the_other_writer_and_the_keys_work_meanwhile(
    store: Store, make_app: AppFactory, other_writer: filelock.FileLock, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    messages = notices(app, monkeypatch)
    other_writer.acquire()
    async with app.run_test(size=(100, 30)) as pilot:
        app.theme = "nord"
        await wait_until(pilot, lambda: any(m.startswith("Waiting for another") for m in messages), "notice")
        await pilot.press("3")  # the keys still work while the setting waits
        assert app.dashboard.query_one(StreaksPane).has_focus_within
        other_writer.release()
        await wait_until(pilot, lambda: Store.open(store.path).settings.theme == "nord", "the theme saved")


async def test_keeping_a_recall_when_quitting_waits_for_the_other_writer_then_quits(
    store: Store, make_app: AppFactory, other_writer: filelock.FileLock, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    messages = notices(app, monkeypatch)
    async with app.run_test(size=(100, 30)) as pilot:
        app.dashboard.query_one(RecallPane).tick_seconds = 3600
        await pilot.press("2")
        await start(pilot, "2", None, ("6", "3"))
        other_writer.acquire()
        await pilot.press("q")
        await wait_until(pilot, lambda: isinstance(app.screen, StopDialog), "the question")
        await pilot.press("k")
        await wait_until(pilot, lambda: any(m.startswith("Waiting for another") for m in messages), "notice")
        assert app.is_running and Store.open(store.path).recalls() == []
        other_writer.release()
        await wait_until(pilot, lambda: not app.is_running, "oxytui to close once the recall is kept")
    [recall] = Store.open(store.path).recalls()
    assert not recall.completed


async def test_a_persons_page_waits_for_the_other_writer_and_the_keys_work_meanwhile(
    store: Store, make_app: AppFactory, other_writer: filelock.FileLock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """m (remembered) on a person's page used to wait for the lock on the app's thread: nothing
    answered, escape and q included, for up to ten seconds."""
    store.add_contact(ContactDraft("Mia", "hug"))
    app = make_app()
    messages = notices(app, monkeypatch)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("4", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, PersonScreen), "Mia's page")
        other_writer.acquire()
        await pilot.press("m")
        assert messages[-1].startswith("Waiting for another oxytui"), messages
        await pilot.press("escape")  # the keys still work: the page closes
        await wait_until(pilot, lambda: app.screen is app.dashboard, "the dashboard")
        assert Store.open(store.path).person("Mia").remembered is False  # type: ignore[union-attr]
        other_writer.release()
        await wait_until(
            pilot, lambda: "remembered here" in messages[-1], "the change, once the lock is free"
        )
    person = Store.open(store.path).person("Mia")
    assert person is not None and person.remembered
