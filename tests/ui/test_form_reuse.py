"""The add/edit form is built once and opened again and again: nothing of one open leaks into the next."""

from __future__ import annotations

from datetime import date, timedelta

from textual.color import Color
from textual.containers import VerticalScroll
from textual.pilot import Pilot
from textual.widgets import Input, Static

from oxytui.store import Store, StoreError
from oxytui.ui.app import OxyApp
from oxytui.ui.screens.contact_form import FIELDS, ContactForm, kind_hint, warmth_hint
from tests.ui.conftest import AppFactory

WED = date(2026, 11, 25)
MON = WED - timedelta(days=2)
EMPTY = {"who": "", "kind": "", "warmth": "3", "minutes": "", "note": ""}


async def open_form(pilot: Pilot[int], key: str = "a") -> ContactForm:
    await pilot.press(key)
    await pilot.pause()
    form = pilot.app.screen
    assert isinstance(form, ContactForm)
    return form


def title(form: ContactForm) -> str:
    return str(form.query_one("#form", VerticalScroll).border_title)


def marks(form: ContactForm) -> dict[str, str]:
    """Every error mark the form shows: the inputs marked, and the messages shown."""
    shown: dict[str, str] = {}
    for name in FIELDS:
        if form.input(name).has_class("-error"):
            shown[name] = "marked"
    for message in form.query(".error").results(Static):
        if message.display or str(message.content):
            shown[message.id or "?"] = str(message.content)
    return shown


def assert_fresh_add(app: OxyApp, form: ContactForm) -> None:
    assert form.values == EMPTY
    assert marks(form) == {}
    assert title(form).startswith("Add a warm contact")
    assert str(form.query_one("#kind-hint", Static).content) == kind_hint("")
    assert str(form.query_one("#warmth-hint", Static).content) == warmth_hint("3")
    assert app.focused is form.input("who")


async def test_typing_then_escape_leaves_nothing_for_the_next_open(
    sample: Store, make_app: AppFactory
) -> None:
    app = make_app()
    before = sample.path.read_bytes()
    async with app.run_test(size=(100, 30)) as pilot:
        first = await open_form(pilot)
        await pilot.press(*"Gra", "tab", *"long", "tab", "backspace", "5", "tab", *"40", "tab", *"secret")
        assert first.values["who"] == "Gra" and first.values["note"] == "secret"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.dashboard
        again = await open_form(pilot)
        assert again is first  # the same screen, opened again
        await pilot.pause()
        assert_fresh_add(app, again)
        await pilot.press("right")  # a suggestion left from "Gra" would be taken here
        await pilot.pause()
        assert again.values["who"] == ""
        await pilot.press("escape")
        await pilot.pause()
    assert sample.path.read_bytes() == before  # escape saved nothing, twice


async def test_a_fixed_mistake_leaves_no_mark_on_the_next_open(sample: Store, make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        form = await open_form(pilot)
        await pilot.press(*"Noor", "tab", *"hug", "tab", "backspace", "7", "enter")
        await pilot.pause()
        still_open = app.screen is form
        assert still_open and "warmth" in marks(form)
        await pilot.press("backspace", "4", "tab", "tab", *"kept", "enter")
        await pilot.pause()
        assert app.screen is app.dashboard
        assert [c.who for c in sample.contacts_on(WED)][-1] == "Noor"
        again = await open_form(pilot)
        await pilot.pause()
        assert again is form
        assert_fresh_add(app, again)
        await pilot.press(*"Noo", "right")  # the person just added is suggested now
        await pilot.pause()
        assert again.values["who"] == "Noor"


async def test_a_failed_save_message_is_gone_on_the_next_open(sample: Store, make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        form = await open_form(pilot)

        def fail(*args: object) -> None:
            raise StoreError("could not save to oxytui.json: disk full")

        real = sample.add_contact
        sample.add_contact = fail  # type: ignore[method-assign,assignment]
        await pilot.press(*"Jo", "tab", *"hug", "enter")
        await pilot.pause()
        assert "disk full" in marks(form).get("form-error", "")
        assert form.values["who"] == "Jo"  # a failed save keeps what was typed
        sample.add_contact = real  # type: ignore[method-assign]
        await pilot.press("escape")
        await pilot.pause()
        assert_fresh_add(app, await open_form(pilot))


async def test_edit_then_add_gives_an_empty_add_form_for_the_shown_day(
    sample: Store, make_app: AppFactory
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        pane = app.dashboard.today_pane
        await pilot.press("left_square_bracket", "left_square_bracket")  # Monday
        await pilot.pause()
        assert pane.shown_day == MON
        edited = pane.selected
        assert edited is not None
        form = await open_form(pilot, "e")
        assert title(form).startswith("Edit a warm contact · Mon 23 Nov")
        assert form.values["who"] == edited.who
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("t")
        again = await open_form(pilot)
        await pilot.pause()
        assert again is form
        assert_fresh_add(app, again)
        assert "Wed 25 Nov" in title(again)
        await pilot.press(*"Ida", "tab", *"hug", "enter")
        await pilot.pause()
        assert app.screen is app.dashboard
    mon = {c.id: c for c in sample.contacts_on(MON)}
    assert mon[edited.id] == edited  # the contact edited earlier is untouched
    assert [c.who for c in sample.contacts_on(WED)][-1] == "Ida"  # added, on the day shown now


async def test_add_then_edit_shows_the_contact_and_saves_it_in_place(
    sample: Store, make_app: AppFactory
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        pane = app.dashboard.today_pane
        form = await open_form(pilot)
        await pilot.press(*"Typed", "tab", *"not kept")
        await pilot.press("escape")
        await pilot.pause()
        chosen = pane.selected
        assert chosen is not None
        again = await open_form(pilot, "e")
        await pilot.pause()
        assert again is form and title(again).startswith("Edit a warm contact")
        assert again.values["who"] == chosen.who and again.values["warmth"] == str(chosen.warmth)
        assert marks(again) == {}
        await pilot.press("tab", "tab", "tab", "tab", *"again", "enter")  # focus selects the old note
        await pilot.pause()
        assert app.screen is app.dashboard
    saved = [c for c in sample.contacts_on(WED) if c.id == chosen.id]
    assert [(c.who, c.note) for c in saved] == [(chosen.who, "again")]
    assert len(sample.contacts_on(WED)) == 3


async def test_the_form_opens_at_its_top_each_time(sample: Store, make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(60, 12)) as pilot:  # too small for the whole form: it scrolls
        form = await open_form(pilot)
        box = form.query_one("#form", VerticalScroll)
        await pilot.press("tab", "tab", "tab", "tab")
        await pilot.pause()
        assert app.focused is form.input("note") and box.scroll_y > 0
        await pilot.press("escape")
        await pilot.pause()
        await open_form(pilot)
        await pilot.pause()
        assert box.scroll_y == 0 and app.focused is form.input("who")
        assert isinstance(app.focused, Input)


async def test_the_kept_form_follows_a_theme_change(sample: Store, make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        form = await open_form(pilot)
        await pilot.press("escape")
        await pilot.pause()
        app.theme = "textual-light" if app.theme != "textual-light" else "nord"
        await pilot.pause()
        await open_form(pilot)
        await pilot.pause()
        primary = Color.parse(app.get_css_variables()["primary"])
        assert form.query_one("#form", VerticalScroll).styles.border.top[1] == primary
