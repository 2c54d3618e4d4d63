"""Issue 10 item 7: keys typed ahead land where they were typed, as if typed slowly.

Pilot's `press` waits after every key; a fast typist, a paste or `tmux send-keys` does not. These tests
put all the keys in the app's queue at once, as the terminal driver does when they arrive together.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.app import App
from textual.keys import _character_to_key
from textual.pilot import Pilot

from oxytui.store import Store
from oxytui.ui.app import OxyApp
from oxytui.ui.screens.contact_form import ContactForm
from tests.ui.conftest import AppFactory


def type_at_once(app: App[Any], *keys: str) -> None:
    """Queue `keys` (single characters, or names such as "tab") without waiting between them."""
    for key in keys:
        if len(key) == 1:
            app.post_message(events.Key(_character_to_key(key), key))
        else:
            app.post_message(events.Key(key, "\t" if key == "tab" else None))


def typed(*texts: str) -> list[str]:
    """Texts as keys: each character its own key, "\\t" a tab."""
    return ["tab" if char == "\t" else char for text in texts for char in text]


async def settle(pilot: Pilot[Any]) -> None:
    for _ in range(3):
        await pilot.pause()


def form_of(app: OxyApp) -> ContactForm:
    form = app.screen
    assert isinstance(form, ContactForm), form
    return form


async def test_keys_typed_with_the_first_a_go_to_their_fields(store: Store, make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        type_at_once(app, *typed("aBob\tcall\t4"))
        await settle(pilot)
        values = form_of(app).values
        assert (values["who"], values["kind"], values["warmth"]) == ("Bob", "call", "4")
        type_at_once(app, "enter", *typed("aAnn\thug"))  # saved, and the form opened again at once
        await settle(pilot)
        values = form_of(app).values
        assert (values["who"], values["kind"], values["warmth"]) == ("Ann", "hug", "3")
    assert [(c.who, c.kind, c.warmth) for c in store.all_contacts()] == [("Bob", "call", 4)]


async def test_keys_typed_ahead_on_a_later_opening_start_in_who(store: Store, make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("a", "tab", "tab", "tab", "tab", "escape")  # last time the note had the cursor
        type_at_once(app, *typed("aMia\tlong talk"))
        await settle(pilot)
        values = form_of(app).values
        assert (values["who"], values["kind"], values["note"]) == ("Mia", "long talk", "")


async def test_a_pasted_tab_separated_line_fills_one_field_per_part(
    store: Store, make_app: AppFactory
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        type_at_once(app, "a")
        app.post_message(events.Paste("Bob\tcall\t5\t20\tat the lake\nsecond line"))
        await settle(pilot)
        form = form_of(app)
        assert form.values == {
            "who": "Bob",
            "kind": "call",
            "warmth": "5",
            "minutes": "20",
            "note": "at the lake",
        }
        assert app.focused is form.input("note")
        app.post_message(events.Paste("no tab [b]here[/b]"))  # a paste without tabs is one paste
        await settle(pilot)
        assert form.input("note").value == "at the lakeno tab [b]here[/b]"


async def test_keys_after_a_tab_follow_the_focus_on_the_dashboard(store: Store, make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        type_at_once(app, *typed("a\tBob"))  # the tab reaches the open form, not the dashboard
        await settle(pilot)
        form = form_of(app)
        assert (form.values["who"], form.values["kind"]) == ("", "Bob")
