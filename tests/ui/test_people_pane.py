"""The People pane on 4 and the person screen, under Pilot at 80x24 and 100x30."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from textual.widgets import DataTable, Input, Static

from oxytui.core.days import format_day
from oxytui.core.model import ContactDraft
from oxytui.store import Store
from oxytui.ui.app import OxyApp
from oxytui.ui.panes.people import PeoplePane
from oxytui.ui.screens.contact_form import ContactForm
from oxytui.ui.screens.person import AskScreen, PersonScreen
from oxytui.ui.widgets.lines import Lines
from tests.ui.conftest import AppFactory, notices
from tests.ui.test_sizes import screen_text
from tests.waiting import palette_offers, wait_until

HOSTILE = "Eve\x1b[31m[bold]\u202e"


@pytest.fixture
def people(store: Store) -> Store:
    today = store.today()
    for who, back in [("Grandma", 40), ("Alex", 0), ("alex", 1), (HOSTILE, 2), ("Opa", 300)]:
        store.add_contact(ContactDraft(who, "hug"), today - timedelta(days=back))
    store.set_person("Grandma", every_days=14)
    store.set_person("Opa", remembered=True)
    return store


def top(app: OxyApp) -> object:
    return app.screen_stack[-1]


def cells(table: DataTable[Any]) -> list[str]:
    return [" ".join(str(cell) for cell in table.get_row_at(row)) for row in range(table.row_count)]


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_pane_on_4_lists_people_gently(
    people: Store, make_app: AppFactory, size: tuple[int, int]
) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("4")
        await pilot.pause()
        pane = app.dashboard.query_one(PeoplePane)
        assert app.focused is pane.table and pane.display
        assert app.screen.region.contains_region(pane.region)
        due = str(pane.query_one("#people-due", Static).render())
        assert due.startswith("It's been a while")
        assert "Grandma — 5 weeks since" in due
        rows = cells(pane.table)
        assert rows[0].startswith("• Grandma")  # past the rhythm: first, with a mark as well as words
        assert any(row.startswith("Alex") and "today" in row for row in rows)  # the most recent spelling
        assert not any(row.startswith("alex") for row in rows)  # one person, however it was typed
        assert "Remembered" in rows[-2] and rows[-1].startswith("Opa") and "remembered" in rows[-1]
        hostile = next(row for row in rows if row.startswith("Eve"))
        assert "\x1b" not in hostile and "\u202e" not in hostile and "[bold]" in hostile
        await pilot.press("1", "4")
        assert app.focused is pane.table


async def test_person_screen_add_rhythm_remembered_note_rename_undo(
    people: Store, make_app: AppFactory
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("4", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PersonScreen)
        screen: PersonScreen = app.screen
        assert screen.name_shown == "Grandma"
        summary = str(screen.query_one("#person-summary", Static).render())
        assert "every 2 weeks" in summary and "Last warm contact" in summary and "Last 12 months" in summary
        assert screen.query_one("#person-contacts", Lines).row_count == 1
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ContactForm)
        assert app.screen.query_one("#who", Input).value == "Grandma"
        app.screen.query_one("#kind", Input).value = "Hug"
        await pilot.press("enter")
        await pilot.pause()
        assert top(app) is screen and people.person("grandma").days_since == 0  # type: ignore[union-attr]
        assert screen.query_one("#person-contacts", Lines).row_count == 2
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, AskScreen)
        app.screen.query_one(Input).value = "21"
        await pilot.press("enter")
        await pilot.pause()
        assert people.person("grandma").every_days == 21  # type: ignore[union-attr]
        await pilot.press("m")
        assert people.person("grandma").remembered  # type: ignore[union-attr]
        assert "Remembered" in str(screen.query_one("#person-summary", Static).render())
        await pilot.press("u")
        assert not people.person("grandma").remembered  # type: ignore[union-attr]
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one(Input).value = "likes the garden"
        await pilot.press("enter")
        await pilot.pause()
        assert people.person("grandma").note == "likes the garden"  # type: ignore[union-attr]
        await pilot.press("r")
        await pilot.pause()
        app.screen.query_one(Input).value = "ALEX"
        await pilot.press("enter")
        await pilot.pause()
        assert people.person("grandma") is None and people.person("alex").contacts == 4  # type: ignore[union-attr]
        assert screen.name_shown == "ALEX"
        await pilot.press("u")
        await pilot.pause()
        assert people.person("grandma").contacts == 2 and people.person("alex").contacts == 2  # type: ignore[union-attr]
        assert screen.name_shown == "Grandma"
        await pilot.press("escape")
        await pilot.pause()
        assert top(app) is app.dashboard


async def test_palette_opens_a_person(people: Store, make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Open Opa")
        await wait_until(pilot, palette_offers(app, "Opa"), "the palette to offer Opa")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PersonScreen) and app.screen.name_shown == "Opa"
        assert "Remembered" in str(app.screen.query_one("#person-summary", Static).render())


async def test_every_contact_is_there_to_scroll_to(store: Store, make_app: AppFactory) -> None:
    today = store.today()
    for back in range(130):
        store.add_contact(ContactDraft("Mia", "hug"), today - timedelta(days=back))
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("4", "enter")
        await pilot.pause()
        lines = app.screen.query_one("#person-contacts", Lines)
        assert lines.row_count == 130 and lines.has_focus
        assert lines.row(0).startswith(format_day(today))
        await pilot.press("end")
        await pilot.pause()
        assert lines.scroll_offset.y == 130 - lines.scrollable_content_region.height > 0
        assert format_day(today - timedelta(days=129)) in lines.row(-1)


async def test_a_name_that_looks_like_markup_is_shown_as_typed_on_the_person_screen(
    store: Store, make_app: AppFactory
) -> None:
    store.add_contact(ContactDraft("[bold]Sam[/]", "hug"))
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("4", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, PersonScreen), "the person screen")
        await pilot.pause()
        assert "─ [bold]Sam[/] ─" in screen_text(app)


@pytest.mark.parametrize("size", [(60, 20), (100, 30)])
async def test_a_long_hostile_note_on_the_person_screen_is_cleaned_and_ends_in_an_ellipsis(
    store: Store, make_app: AppFactory, size: tuple[int, int]
) -> None:
    store.add_contact(ContactDraft("Sam", "call", note="\x1b[31mred\u202e " + "n" * 480 + " end"))
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("4", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, PersonScreen), "the person screen")
        await pilot.pause()
        row = next(line for line in screen_text(app).splitlines() if "Call or video" in line)
        assert "red n" in row and "\x1b" not in row and "\u202e" not in row
        assert row.rstrip(" │").endswith("…") and " end" not in row
        wide = size[0] >= 100  # the kind takes its whole width where there is room for it and the note
        assert ("Call or video with a loved one" in row) == wide and ("Call or video wit…" in row) != wide


async def test_the_person_screen_is_kept_and_each_open_shows_the_person_afresh(
    people: Store, make_app: AppFactory
) -> None:
    app = make_app()

    async def open_by_palette(name: str) -> None:
        await pilot.press("ctrl+p")
        await pilot.press(*f"Open {name}")
        await wait_until(pilot, palette_offers(app, name), f"the palette to offer {name}")
        await pilot.press("enter")
        shown = lambda: isinstance(app.screen, PersonScreen) and app.screen.name_shown == name  # noqa: E731
        await wait_until(pilot, shown, f"{name}'s screen")

    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("4", "enter")
        await wait_until(pilot, lambda: isinstance(top(app), PersonScreen), "the person screen")
        first = top(app)
        assert isinstance(first, PersonScreen)
        await pilot.press("m", "escape")  # a change made there
        await wait_until(pilot, lambda: top(app) is app.dashboard, "the dashboard")
        people.add_contact(ContactDraft("Opa", "call"))  # another change while the screen is closed
        await open_by_palette("Opa")
        assert top(app) is first  # the same screen, another person, drawn afresh
        assert first.changed is False and first.query_one("#person-contacts", Lines).has_focus
        assert first.query_one("#person-contacts", Lines).row_count == 2  # the hug and today's call
        await open_by_palette("Alex")  # over the kept screen: a screen of its own
        alex = top(app)
        assert alex is not first and isinstance(alex, PersonScreen)
        await pilot.press("escape")
        await wait_until(pilot, lambda: top(app) is first, "back to Opa")
        await pilot.press("escape")
        await wait_until(pilot, lambda: top(app) is app.dashboard, "the dashboard")


async def test_a_rename_of_one_contact_says_one_contact(
    store: Store, make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.add_contact(ContactDraft("Mia", "hug"))
    app = make_app()
    messages = notices(app, monkeypatch)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("4", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, PersonScreen), "Mia's page")
        await pilot.press("r")
        await wait_until(pilot, lambda: isinstance(app.screen, AskScreen), "the rename box")
        app.screen.query_one(Input).value = "Mimi"
        await pilot.press("enter")
        await wait_until(pilot, lambda: bool(messages), "the notice")
    assert messages[-1] == "Renamed to Mimi (1 contact). u undoes it."
