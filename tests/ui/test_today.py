"""The Today pane: its table and summary, and every key it answers to."""

from __future__ import annotations

from datetime import date, timedelta

from textual.pilot import Pilot
from textual.widgets import Static

from oxytui.core.model import ContactDraft
from oxytui.store import Store
from oxytui.ui.app import OxyApp
from oxytui.ui.panes.today import TodayPane, hearts, summary_line
from oxytui.ui.screens.contact_form import ContactForm
from tests.conftest import FakeClock
from tests.ui.conftest import AppFactory, add_at

WED = date(2026, 11, 25)
TUE = WED - timedelta(days=1)
MON = WED - timedelta(days=2)


def today_pane(app: OxyApp) -> TodayPane:
    return app.dashboard.today_pane


def texts(pane: TodayPane, column: int) -> list[str]:
    """The plain text of one column of the table, top to bottom."""
    table = pane.table
    return [table.get_row_at(row)[column].plain for row in range(table.row_count)]


def summary(pane: TodayPane) -> str:
    return str(pane.query_one("#today-summary", Static).content)


def test_hearts_and_summary_words(sample: Store) -> None:
    assert hearts(1) == "♥♡♡♡♡"
    assert hearts(5) == "♥♥♥♥♥"
    assert summary_line(sample.contacts_on(WED)) == "3 warm contacts · 3 people · 37 min"
    assert summary_line(sample.contacts_on(MON)) == "2 warm contacts · 2 people · 25 min"
    assert summary_line(sample.contacts_on(WED)[:1]) == "1 warm contact · 1 person · 2 min"


async def test_table_shows_the_day_newest_last(sample: Store, make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        pane = today_pane(app)
        assert texts(pane, 0) == ["18:05", "19:40", "21:10"]
        assert texts(pane, 1) == ["Sam", "Grandma Lu", "Biscuit"]
        kinds = texts(pane, 2)
        assert (kinds[0], kinds[2]) == ("Hug", "Pet time")
        assert kinds[1].startswith("Call or video")
        assert texts(pane, 3) == ["♥♥♥♥♡", "♥♥♥♥♥", "♥♥♥♡♡"]
        assert texts(pane, 4) == ["2", "35", ""]
        assert texts(pane, 5)[1].startswith("she told the story")
        assert summary(pane) == "3 warm contacts · 3 people · 37 min"
        assert app.sub_title == "Wed 25 Nov 2026"
        assert app.focused is pane.table


async def fill_form(pilot: Pilot[int], *fields: str) -> None:
    """Type into the form's fields in order (who, kind, warmth, minutes, note), tabbing between them."""
    form = pilot.app.screen
    assert isinstance(form, ContactForm)
    for index, text in enumerate(fields):
        if index:
            await pilot.press("tab")
        if text:
            await pilot.press(*text)


async def test_add_with_the_keyboard(store: Store, make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("a")
        assert isinstance(app.screen, ContactForm)
        await fill_form(pilot, "Sam", "hug", "4", "10", "by the door")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ContactForm)
        [contact] = store.contacts_on(WED)
        assert (contact.who, contact.kind, contact.warmth, contact.minutes, contact.note) == (
            "Sam",
            "hug",
            4,
            10,
            "by the door",
        )
        pane = today_pane(app)
        assert texts(pane, 1) == ["Sam"]
        assert summary(pane) == "1 warm contact · 1 person · 10 min"


async def test_enter_saves_from_the_first_field_with_defaults(store: Store, make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.press("a", *"Sam", "tab", *"cuddle", "shift+tab", "enter")
        await pilot.pause()
        [contact] = store.contacts_on(WED)
        assert (contact.kind, contact.warmth, contact.minutes, contact.note) == ("cuddle", 3, None, "")


async def test_kind_and_who_complete(sample: Store, make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.press("a", *"gran")
        await pilot.pause()
        await pilot.press("right", "tab", *"hold")
        await pilot.pause()
        await pilot.press("right", "enter")
        await pilot.pause()
        newest = sample.contacts_on(WED)[-1]
        assert (newest.who, newest.kind) == ("Grandma Lu", "holding-hands")


async def test_kind_accepts_free_text_labels_and_the_start_of_one_kind(
    store: Store, make_app: AppFactory
) -> None:
    app = make_app()
    async with app.run_test() as pilot:
        for kind in ("sofa nap", "pet time", "cud", "c"):
            await pilot.press("a", *"Jo", "tab", *kind)
            form = app.screen
            assert isinstance(form, ContactForm)
            hint = str(form.query_one("#kind-hint", Static).content)
            await pilot.press("enter")
            await pilot.pause()
            if kind == "cud":
                assert hint.startswith("Resting close together")
        assert [c.kind for c in store.contacts_on(WED)] == ["sofa nap", "pet-time", "cuddle", "c"]


async def test_invalid_fields_are_marked_and_nothing_is_saved(store: Store, make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("a")
        await fill_form(pilot, "", "", "9", "5000")
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ContactForm)
        for name in ("who", "kind", "warmth", "minutes"):
            assert form.input(name).has_class("-error"), name
            assert form.query_one(f"#{name}-error", Static).display, name
        assert not form.input("note").has_class("-error")
        assert "who is needed" in str(form.query_one("#who-error", Static).content)
        assert "warmth must be from 1 to 5" in str(form.query_one("#warmth-error", Static).content)
        assert form.focused is form.input("who")
        assert store.contacts_on(WED) == []
        assert not db_written(store)

        await pilot.press(*"Sam")  # typing clears the mark of that field only
        assert not form.input("who").has_class("-error")
        assert form.input("warmth").has_class("-error")
        form.input("kind").value = "hug"
        form.input("warmth").value = "5"
        form.input("minutes").value = "15"
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ContactForm)
        assert [(c.who, c.warmth, c.minutes) for c in store.contacts_on(WED)] == [("Sam", 5, 15)]


def db_written(store: Store) -> bool:
    return bool(store.export_data()["contacts"])


async def test_escape_cancels_and_saves_nothing(store: Store, make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.press("a", *"Sam", "tab", *"hug", "escape")
        await pilot.pause()
        assert not isinstance(app.screen, ContactForm)
        assert store.contacts_on(WED) == []
        assert not store.can_undo


async def test_a_failed_save_keeps_what_was_typed(store: Store, make_app: AppFactory) -> None:
    from oxytui.store.errors import WriteFailedError

    def fail(*args: object) -> None:
        raise WriteFailedError("could not save to oxytui.json: No space left on device. Nothing was changed")

    app = make_app()
    async with app.run_test() as pilot:
        store.add_contact = fail  # type: ignore[method-assign,assignment]
        await pilot.press("a", *"Sam", "tab", *"hug", "enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ContactForm)
        assert "No space left on device" in str(form.query_one("#form-error", Static).content)
        assert form.values["who"] == "Sam"
        assert form.values["kind"] == "hug"


async def test_edit_changes_only_what_was_retyped(
    sample: Store, clock: FakeClock, make_app: AppFactory
) -> None:
    hostile = add_at(
        sample,
        clock,
        clock.now.replace(hour=21, minute=20),
        ContactDraft("Ana", "hug", 2, None, "line one\nline two"),
    )
    app = make_app()
    async with app.run_test() as pilot:
        pane = today_pane(app)
        assert pane.selected is not None and pane.selected.id == hostile.id
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, ContactForm)
        assert form.values["note"] == "line one line two"
        await pilot.press("tab", "tab", "5", "enter")  # focus selects the old warmth; 5 replaces it
        await pilot.pause()
        edited = sample.contact(hostile.id)
        assert edited is not None
        assert (edited.warmth, edited.note, edited.kind, edited.day) == (5, "line one\nline two", "hug", WED)


async def test_an_untouched_free_text_kind_is_kept(store: Store, make_app: AppFactory) -> None:
    contact = store.add_contact(ContactDraft("Jo", "cu", 3))  # "cu" would complete to cuddle if typed
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.press("e", "tab", "tab", "4", "enter")
        await pilot.pause()
        edited = store.contact(contact.id)
        assert edited is not None and (edited.kind, edited.warmth) == ("cu", 4)


async def test_enter_on_a_row_edits_it(sample: Store, make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.press("up", "enter")
        form = app.screen
        assert isinstance(form, ContactForm)
        assert form.values["who"] == "Grandma Lu"
        assert form.values["kind"] == "Call or video with a loved one"


async def test_delete_then_undo_several_steps(sample: Store, make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test() as pilot:
        pane = today_pane(app)
        await pilot.press("d")  # the newest, Biscuit, is selected at the start
        await pilot.pause()
        assert texts(pane, 1) == ["Sam", "Grandma Lu"]
        await pilot.press("a", *"Jo", "tab", *"hug", "enter")
        await pilot.pause()
        assert texts(pane, 1) == ["Sam", "Grandma Lu", "Jo"]
        await pilot.press("u")
        await pilot.pause()
        assert texts(pane, 1) == ["Sam", "Grandma Lu"]
        await pilot.press("u")
        await pilot.pause()
        assert texts(pane, 1) == ["Sam", "Grandma Lu", "Biscuit"]
        assert [c.who for c in Store.open(sample.path).contacts_on(WED)] == ["Sam", "Grandma Lu", "Biscuit"]


async def test_the_cursor_stays_in_place_after_a_delete(sample: Store, make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test() as pilot:
        pane = today_pane(app)
        await pilot.press("up", "d")  # Grandma Lu, in the middle
        await pilot.pause()
        assert pane.selected is not None and pane.selected.who == "Biscuit"
        await pilot.press("d")  # Biscuit, now the last
        await pilot.pause()
        assert pane.selected is not None and pane.selected.who == "Sam"


async def test_delete_and_edit_do_nothing_on_an_empty_day(store: Store, make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.press("d", "e", "u")
        await pilot.pause()
        assert not isinstance(app.screen, ContactForm)
        assert "Nothing logged yet tonight" in summary(today_pane(app))


async def test_day_navigation(sample: Store, make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test() as pilot:
        pane = today_pane(app)
        await pilot.press("]")  # no future days
        assert pane.shown_day == WED
        await pilot.press("[")
        assert pane.shown_day == TUE
        assert "Nothing logged on Tue 24 Nov 2026" in summary(pane)
        assert "yesterday" in str(pane.border_subtitle)
        await pilot.press("[")
        assert pane.shown_day == MON
        assert texts(pane, 1) == ["Mia", "Biscuit"]
        await pilot.press("]")
        assert pane.shown_day == TUE
        await pilot.press("t")
        assert pane.shown_day == WED
        assert texts(pane, 1) == ["Sam", "Grandma Lu", "Biscuit"]


async def test_fill_in_yesterday(sample: Store, make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test() as pilot:
        catchup = app.dashboard.query_one("#today-catchup", Static)
        assert catchup.display
        assert "Nothing logged yesterday (Tue 24 Nov)" in str(catchup.content)
        await pilot.press("[", "a", *"Mia", "tab", *"warm talk", "enter")
        await pilot.pause()
        [contact] = sample.contacts_on(TUE)
        assert (contact.who, contact.kind) == ("Mia", "warm-talk")
        assert texts(today_pane(app), 0) == ["–"]  # logged on Wednesday evening, for Tuesday
        await pilot.press("t")
        assert not catchup.display


async def test_rest_day_toggles_and_quiets_the_catchup_note(sample: Store, make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test() as pilot:
        pane = today_pane(app)
        catchup = app.dashboard.query_one("#today-catchup", Static)
        await pilot.press("[", "z")
        await pilot.pause()
        assert sample.is_rest_day(TUE)
        assert "rest day" in str(pane.border_subtitle)
        assert pane.has_class("-rest-day")
        await pilot.press("t")
        assert not catchup.display
        await pilot.press("[", "z")
        await pilot.pause()
        assert not sample.is_rest_day(TUE)
        await pilot.press("t")
        assert catchup.display


async def test_no_catchup_note_on_a_brand_new_file(store: Store, make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test():
        assert not app.dashboard.query_one("#today-catchup", Static).display


async def test_no_catchup_note_for_someone_who_began_today(store: Store, make_app: AppFactory) -> None:
    store.add_contact(ContactDraft("Sam", "hug"))
    app = make_app()
    async with app.run_test():
        assert not app.dashboard.query_one("#today-catchup", Static).display


async def test_a_past_days_subtitle_is_in_the_warning_colour(sample: Store, make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        pane = today_pane(app)
        await pilot.pause()
        assert "$warning" not in str(pane.border_subtitle)
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert str(pane.border_subtitle).startswith("[$warning]Tue 24 Nov 2026 · yesterday")
        await pilot.press("z")  # a rest day has its own colour, from the pane's class
        await pilot.pause()
        assert "$warning" not in str(pane.border_subtitle) and pane.has_class("-rest-day")
        await pilot.press("z", "t")
        await pilot.pause()
        assert "$warning" not in str(pane.border_subtitle)
