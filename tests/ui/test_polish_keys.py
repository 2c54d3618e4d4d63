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
from oxytui.ui.widgets.footer import KeysFooter
from tests.ui.conftest import AppFactory
from tests.waiting import wait_until

KEPT = {"help", "quit", "command_palette"}  # the keys the footer shows at any width
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
    return [key.text for key in app.screen.query_one(KeysFooter).shown]


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
        line = bar.render_line(0).text
        assert len(line) == bar.size.width == 60
        end = 0
        for key in bar.shown:  # each key is drawn whole, in its place, apart from the one before
            edge = "▏" if key.palette else ""
            assert line[key.start : key.end] == edge + key.text, (line, key)
            assert key.start > end or key.start == end == 0
            end = key.end
        assert end <= 60
        words = footer_words(app)
        assert "? Help" in words and "q Quit" in words and "^p palette" in words
        active = app.screen.active_bindings.values()
        usable = {b.binding.action for b in active if b.binding.show and b.enabled}
        left_out = usable - {key.action for key in bar.shown}
        assert ("…" in words) == bar.left_out == bool(left_out), (words, left_out)
        if left_out:
            assert words.index("…") == words.index("? Help") - 1


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
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        await pilot.pause()
        assert "s Settings" in footer_words(app) and "…" not in footer_words(app)
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        await pilot.pause()
        assert "s Settings" not in footer_words(app) and "…" in footer_words(app)


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
        items = {key.action: key for key in app.screen.query_one(KeysFooter).shown}
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


async def test_at_every_width_the_keys_that_fit_show_whole_and_the_rest_are_left_out_in_order(
    people: Store, make_app: AppFactory
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("3")  # the Streaks pane has the most keys
        await pilot.pause()
        await pilot.pause()
        bar = app.screen.query_one(KeysFooter)
        optional = [key.text for key in bar.shown if not key.is_more and key.action not in KEPT]
        assert len(optional) == 5 and not bar.left_out
        for width in range(40, 101):
            keys = bar._fit(width)
            *flow, palette = keys
            assert (palette.text, palette.start, palette.end) == ("^p palette", width - 11, width), width
            end = -1
            for key in flow:
                assert key.start == end + 1 and key.end - key.start == len(key.text), (width, keys)
                end = key.end
            assert end < palette.start, (width, keys)  # at least one space before the palette's line
            words = [key.text for key in flow]
            assert words[-2:] == ["? Help", "q Quit"], (width, words)
            kept = [word for word in words if word in optional]
            assert kept == optional[: len(kept)], (width, words)  # the later ones are left out first
            assert ("…" in words) == (kept != optional), (width, words)
