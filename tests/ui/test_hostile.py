"""Names and notes are the user's words: markup, escape codes, emoji, CJK and RTL show literally."""

from __future__ import annotations

import pytest

from oxytui.core.model import ContactDraft
from oxytui.core.text import clean_line
from oxytui.store import Store
from oxytui.ui.screens.contact_form import ContactForm
from tests.conftest import FakeClock
from tests.ui.conftest import AppFactory

HOSTILE = [
    "[bold red]Sam[/]",
    "oops [/x] [link=https://example.com]click[/link]",
    "\x1b[31mred\x1b[0m \x1b]0;new title\x07 Ana",
    "山田太郎と猫",
    "שלום \u202eevil\u202c עולם",
    "😀🫶🏽 👨‍👩‍👧",
    "tab\there\nand a new line",
]


@pytest.mark.parametrize("text", HOSTILE)
async def test_hostile_names_and_notes_show_literally(
    store: Store, clock: FakeClock, make_app: AppFactory, text: str
) -> None:
    store.add_contact(ContactDraft(text, text[:40], 3, None, text * 3))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        pane = app.dashboard.today_pane
        who_cell = pane.table.get_row_at(0)[1]
        assert who_cell.spans == []  # no markup was applied
        assert clean_line(text).startswith(who_cell.plain.rstrip("…"))
        assert "\x1b" not in who_cell.plain and "\u202e" not in who_cell.plain
        screenshot = app.export_screenshot()
        assert "\x1b" not in screenshot
        assert app.title == "oxytui"
        await pilot.press("e")  # the form shows the text too
        form = app.screen
        assert isinstance(form, ContactForm)
        assert form.values["who"] == clean_line(text)
        await pilot.press("enter")  # untouched, it saves the stored text unchanged
        await pilot.pause()
        [contact] = store.contacts_on(store.today())
        assert (contact.who, contact.note) == (text.strip(), (text * 3).strip())
        await pilot.press("d")  # the notification names it, literally
        await pilot.pause()
        assert store.contacts_on(store.today()) == []
        await pilot.press("u")
        await pilot.pause()
        assert app.is_running


async def test_markup_typed_into_the_form_is_stored_as_typed(store: Store, make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.press("a", *"[bold]Sam[/]", "tab", *"hug", "tab", "tab", "tab", *"[red]x", "enter")
        await pilot.pause()
        [contact] = store.contacts_on(store.today())
        assert (contact.who, contact.note) == ("[bold]Sam[/]", "[red]x")
        assert app.dashboard.today_pane.table.get_row_at(0)[1].plain == "[bold]Sam[/]"


async def test_a_long_note_is_shortened_on_one_line(store: Store, make_app: AppFactory) -> None:
    store.add_contact(ContactDraft("Sam", "hug", 3, None, "word " * 100))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.dashboard.today_pane.table
        note = table.get_row_at(0)[5].plain
        assert note.endswith("…")
        assert len(note) < 60
        assert table.region.right <= 80
