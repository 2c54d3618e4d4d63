"""Issue 6 item 2, on the screen: a save that fails on the disk shows why, keeps what was typed,
changes nothing, and works when tried again."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from textual.widgets import Static

from oxytui.core.model import ContactDraft
from oxytui.store import Store
from oxytui.ui.app import create_app
from oxytui.ui.screens.contact_form import ContactForm
from tests.conftest import FakeClock
from tests.robust.crashkit import temp_files
from tests.robust.faults import Faults
from tests.ui.conftest import notices

FAULTS = [
    ("write", errno.ENOSPC),
    ("os.fsync", errno.EIO),
    ("os.open", errno.EACCES),  # the second open is the temp file's (a refused lock open is retried)
    ("os.replace", errno.EROFS),
]


async def test_a_failed_save_in_the_form_keeps_the_typing_and_changes_nothing(
    db_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store.open(db_path, clock=clock)
    store.update_settings(welcomed=True)
    store.add_contact(ContactDraft("Sam", "hug"))
    before = db_path.read_bytes()
    faults = Faults(monkeypatch)
    app = create_app(store, poll_interval=30)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("a", *"Noor", "tab", *"long talk", "tab", "4")
        form = app.screen
        assert isinstance(form, ContactForm)
        form.input("note").value = "by the river [b]not markup[/b]"
        typed = dict(form.values)
        for site, number in FAULTS:
            with faults.armed_at(site, 2 if site == "os.open" else 1, number):
                await pilot.press("enter")
                await pilot.pause()
            assert faults.fired == 1, site
            faults.fired = 0
            still_open = app.screen is form
            assert still_open, f"{site}: the form must stay open"
            shown = str(form.query_one("#form-error", Static).content)
            assert shown.startswith("Not saved: could not save to"), shown
            assert os.strerror(number) in shown and "try again" in shown, shown
            assert form.values == typed, site
            assert db_path.read_bytes() == before, site
            assert temp_files(db_path.parent) == [], site
        await pilot.press("enter")  # the disk is fine again: the same form saves, once
        await pilot.pause()
        assert not isinstance(app.screen, ContactForm)
        assert sorted(c.who for c in app.dashboard.today_pane.rows) == ["Noor", "Sam"]
    saved = [c for c in Store.open(db_path).all_contacts() if c.who == "Noor"]
    assert [(c.kind, c.warmth, c.note) for c in saved] == [("long talk", 4, "by the river [b]not markup[/b]")]


async def test_failed_edit_delete_undo_and_rest_day_say_so_and_change_nothing(
    db_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store.open(db_path, clock=clock)
    store.update_settings(welcomed=True)
    store.add_contact(ContactDraft("Sam", "hug", 3, None, "first"))
    faults = Faults(monkeypatch)
    app = create_app(store, poll_interval=30)
    said = notices(app, monkeypatch)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("d")  # a delete that works, so that undo has something to do
        await pilot.pause()
        before = db_path.read_bytes()
        for key in ("u", "z"):
            with faults.armed_at("os.replace", 1, errno.ENOSPC):
                await pilot.press(key)
                await pilot.pause()
            assert faults.fired == 1
            faults.fired = 0
            assert "No space left on device" in said[-1], key
            assert db_path.read_bytes() == before, key
        await pilot.press("u")  # works now: Sam is back
        await pilot.pause()
        assert [c.who for c in app.dashboard.today_pane.rows] == ["Sam"]
        before = db_path.read_bytes()
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, ContactForm)
        form.input("note").value = "second"
        with faults.armed_at("os.fsync", 2, errno.EIO):  # the folder's fsync, after the rename
            await pilot.press("enter")
            await pilot.pause()
        still_open = app.screen is form
        assert still_open and form.values["note"] == "second"
        assert "Input/output error" in str(form.query_one("#form-error", Static).content)
        assert db_path.read_bytes() == before
        await pilot.press("enter")
        await pilot.pause()
    assert [c.note for c in Store.open(db_path).all_contacts()] == ["second"]
