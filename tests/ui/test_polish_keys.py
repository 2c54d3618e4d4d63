"""The footer at 60 columns, the People pane's keys and lines, and the person screen's keys in help."""

from __future__ import annotations

from datetime import timedelta

import pytest
from textual.widgets import Markdown, Static

from oxytui.core.model import ContactDraft
from oxytui.store import Store
from oxytui.ui.app import OxyApp
from oxytui.ui.panes.people import PeoplePane
from oxytui.ui.screens.contact_form import ContactForm
from oxytui.ui.screens.help import HelpScreen
from oxytui.ui.widgets.footer import FooterItem, KeysFooter
from tests.ui.conftest import AppFactory
from tests.waiting import wait_until

LONG_NAME = "Grandma Lin Adelheid"  # 20 characters: more than the old 18-wide name column


@pytest.fixture
def people(store: Store) -> Store:
    today = store.today()
    for who, back in [(LONG_NAME, 35), ("Alexandra Montgomery", 1), ("Mia", 2)]:
        store.add_contact(ContactDraft(who, "hug"), today - timedelta(days=back))
    store.set_person(LONG_NAME, every_days=14)
    return store


def footer_words(app: OxyApp) -> list[str]:
    """What the footer shows: each shown key's text, and the "…" when keys were left out."""
    bar = app.screen.query_one(KeysFooter)
    shown = [w for w in bar.children if w.display and w.region.width]
    return [str(w.render()) for w in shown]


@pytest.mark.parametrize("pane", ["1", "2", "3", "4"])
async def test_footer_at_60_leaves_out_whole_keys_and_says_so(
    people: Store, make_app: AppFactory, pane: str
) -> None:
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press(pane)
        await pilot.pause()
        await pilot.pause()
        bar = app.screen.query_one(KeysFooter)
        shown = [w for w in bar.children if w.display and w.region.width]
        for widget in shown:  # each key is drawn whole: its region is as wide as its text
            assert widget.region.width >= len(str(widget.render()))
            assert bar.region.contains_region(widget.region)
        words = footer_words(app)
        assert "? Help" in words and "q Quit" in words and "^p palette" in words
        items = [w for w in bar.query(FooterItem) if not w.has_class("-unusable")]
        left_out = any(not item.display for item in items)
        assert ("…" in words) == left_out


async def test_streaks_footer_at_60_ends_its_keys_with_an_ellipsis(
    people: Store, make_app: AppFactory
) -> None:
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        await pilot.pause()
        words = footer_words(app)
        assert words[:3] == ["w Review", "[ Prev week", "] Next week"]
        assert "…" in words and words.index("…") < words.index("? Help")
        built = app.screen.query_one(KeysFooter).rebuilds
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        await pilot.pause()
        assert "s Settings" in footer_words(app) and "…" not in footer_words(app)
        assert app.screen.query_one(KeysFooter).rebuilds == built  # a resize only shows or hides


async def test_people_footer_shows_open_and_add_and_a_logs_with_the_selected(
    people: Store, make_app: AppFactory
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        await pilot.pause()
        words = footer_words(app)
        assert "⏎ Open" in words and "a Add" in words, words
        items = {item.action: item for item in app.screen.query(FooterItem)}
        assert items["add"].tooltip == "Log a warm contact with the selected person"
        assert items["select_cursor"].tooltip == "Open the selected person"
        pane = app.dashboard.query_one(PeoplePane)
        assert pane.selected is not None and pane.selected.name == LONG_NAME
        before = len(people.contacts_with(LONG_NAME))
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, ContactForm))
        await pilot.press("tab", *"hug", "enter")
        await wait_until(pilot, lambda: not isinstance(app.screen, ContactForm))
        await wait_until(pilot, lambda: len(people.contacts_with(LONG_NAME)) == before + 1)

        def logged_today() -> bool:
            rows = [pane.table.get_row_at(row) for row in range(pane.table.row_count)]
            return any(r[0].plain.startswith("Grandma") and r[1].plain == "today" for r in rows)

        await wait_until(pilot, logged_today)


async def test_people_lines_are_whole_and_names_grow_with_the_width(
    people: Store, make_app: AppFactory
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        pane = app.dashboard.query_one(PeoplePane)
        widths = []
        for size in [(80, 24), (100, 30), (160, 45)]:
            await pilot.resize_terminal(*size)
            await wait_until(pilot, lambda: pane.size.width > 0 and pane.table.row_count == 3)
            await pilot.pause()
            due = str(pane.query_one("#people-due", Static).render())
            assert "…" not in due, (size, due)  # whole sentences, wrapped between words
            assert "5 weeks since you were last in touch" in due.replace("\n", " "), (size, due)
            names = [str(pane.table.get_row_at(row)[0]) for row in range(pane.table.row_count)]
            for name, whole in zip(names, [f"• {LONG_NAME}", "Alexandra Montgomery", "Mia"], strict=True):
                assert name == whole or (name.endswith("…") and whole.startswith(name[:-1])), (size, names)
            if size == (160, 45):
                assert names[:2] == [f"• {LONG_NAME}", "Alexandra Montgomery"], (size, names)
            widths.append(pane.table.columns[pane.table.ordered_columns[0].key].width)
        assert widths[0] < widths[1] < widths[2], widths  # the name column grows with the pane


async def test_help_lists_the_person_screen_keys(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
        text = app.screen.query_one(Markdown).source
        section = text.split("### On a person", 1)[1].split("###", 1)[0]
        for key, does in [
            ("a", "Log a warm contact with this person"),
            ("e", "how often"),
            ("m", "remembered"),
            ("n", "note"),
            ("r", "Rename"),
            ("u", "Undo"),
        ]:
            assert f"- `{key}` — " in section and does in section, (key, section)
