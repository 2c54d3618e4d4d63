"""One person: every warm contact with them, their usual kinds, warmth over time, rhythm and note."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Input, Label, Static

from oxytui.content import kind_label
from oxytui.core.days import format_day
from oxytui.core.figures import plural
from oxytui.core.model import Contact, ContactDraft
from oxytui.core.people import Person, ago_words, parse_every, rhythm_words, warmth_bars, warmth_over_time
from oxytui.core.text import clean_line, shorten
from oxytui.store import Store
from oxytui.ui import saving
from oxytui.ui.screens.contact_form import ContactForm
from oxytui.ui.screens.dialog import BOX_FRAME, DialogScreen
from oxytui.ui.widgets.lines import Lines, columns

KIND_WIDTHS = (18, 30)  # the kind column; 30 holds every built-in kind whole, from WIDE_AT columns
WIDE_AT = 80  # the width of the list from which the kind column is wide (the note keeps 20 or more)
PAGE_WIDTH = 90  # the person's box at most


def columns_of(width: int) -> list[tuple[str, int]]:
    """The columns of a person's list `width` wide: day, kind, warmth, minutes; the note takes the rest."""
    kind = KIND_WIDTHS[width >= WIDE_AT]
    return [("day", 16), ("kind", kind), ("warmth", 6), ("min", 4), ("note", 4)]


def summary_lines(person: Person, contacts: list[Contact], today: date) -> list[str]:
    """The lines above the contacts: last contact, rhythm, how often, usual kinds, warmth over time, note."""
    if person.remembered:
        lines = ["Remembered. Never nudged here; always there to bring to mind in a recall."]
    elif person.every_days:
        lines = [f"You hoped to be in touch every {rhythm_words(person.every_days)}."]
    else:
        lines = ["No rhythm set (press e to hope for one)."]
    if person.last_day is not None:
        lines.append(f"Last warm contact: {format_day(person.last_day)} ({ago_words(person.days_since)}).")
        lines.append(
            f"{person.contacts_30d} in the last 30 days · {person.contacts_90d} in 90 days · "
            f"{person.contacts} in all since {format_day(person.first_day or person.last_day)}"
        )
        kinds = ", ".join(clean_line(kind_label(kind)).lower() for kind in person.kinds)
        lines.append(f"Usually: {kinds}")
        if contacts:
            months = warmth_over_time(contacts, today)
            warm = [m.mean for m in months if m.mean is not None]
            mean = f" · average warmth {sum(warm) / len(warm):.1f} of 5" if warm else ""
            lines.append(f"Last 12 months: {warmth_bars(months)} (taller: more often){mean}")
    if person.note:
        lines.append("Note: " + clean_line(person.note))
    return lines


class AskScreen(DialogScreen[str | None]):
    """One line of text: a rhythm, a note or a new name. Enter keeps it, escape changes nothing."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="ask-cancel", tooltip="Close without changing anything"),
    ]

    def __init__(self, title: str, prompt: str, value: str = "") -> None:
        super().__init__()
        self._title, self._prompt, self._value = title, prompt, value

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box") as box:
            box.border_title = self._title
            box.border_subtitle = "enter keep · esc cancel"
            yield Label(self._prompt, markup=False)
            yield Input(self._value, id="ask-input")

    @on(Input.Submitted, "#ask-input")
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class PersonForm(ContactForm):
    """The add form with the person's name filled in."""

    def __init__(
        self, title: str, save: Callable[[ContactDraft], Contact], people: list[str], who: str
    ) -> None:
        self._who = who
        super().__init__(title, save, people=people)

    def _start(self, name: str) -> str:
        return clean_line(self._who) if name == "who" else super()._start(name)


def contact_row(contact: Contact, width: int) -> str:
    """A contact as one row of a person's list `width` wide."""
    minutes = "" if contact.minutes is None else str(contact.minutes)
    hearts = "♥" * contact.warmth + "♡" * (5 - contact.warmth)
    cells = (format_day(contact.day), kind_label(contact.kind), hearts, minutes.rjust(4))
    widths = [size for _, size in columns_of(width)]
    return columns(list(zip(cells, widths, strict=False))) + (
        f" {clean_line(contact.note)}" if contact.note else ""
    )


class PersonScreen(Screen[bool]):
    """One person, on a page of its own (drawn without the dashboard beneath: it opens at once);
    closes with True when something changed."""

    DEFAULT_CSS = f"""
    PersonScreen {{ align: center middle; }}
    #person {{
        {BOX_FRAME}
        width: {PAGE_WIDTH}; max-width: 100%; height: 90%; max-height: 100%;
    }}
    #person-summary {{ height: auto; margin-bottom: 1; }}
    #person-columns {{ height: 1; text-style: bold; color: $foreground-muted; }}
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="person-close", tooltip="Back to the dashboard"),
        Binding("a", "add", "Add", id="person-add", tooltip="Log a warm contact with this person"),
        Binding("e", "every", "Rhythm", id="person-every", tooltip="Set how often you hope to be in touch"),
        Binding(
            "m",
            "remembered",
            "Remembered",
            id="person-remembered",
            tooltip="Mark as remembered (someone who has died or is gone), or as here again",
        ),
        Binding("n", "note", "Note", id="person-note", tooltip="Write a note about this person"),
        Binding(
            "r",
            "rename",
            "Rename",
            id="person-rename",
            tooltip="Rename everywhere (merges into a name in use)",
        ),
        Binding("u", "undo", "Undo", id="person-undo", tooltip="Undo the last change"),
    ]

    def __init__(self, store: Store, name: str) -> None:
        super().__init__()
        self.store = store
        self.name_shown = name
        self.changed = False
        self._names: list[str] = []  # the names before each rename, for undo
        self._columns_shown: list[tuple[str, int]] = []

    @property
    def person(self) -> Person | None:
        """The person shown (None when they no longer exist, after a rename elsewhere)."""
        return self.store.person(self.name_shown)

    def compose(self) -> ComposeResult:
        with Vertical(id="person"):
            yield Static(id="person-summary", markup=False)
            yield Static(id="person-columns", markup=False)
            yield Lines(id="person-contacts")

    def on_mount(self) -> None:
        self.show()
        self.query_one("#person-contacts", Lines).focus()

    def show_person(self, name: str) -> None:
        """Show the person `name` as a new screen would (the screen is kept between opens)."""
        self.name_shown, self.changed, self._names = name, False, []
        self.show()
        self.query_one("#person-contacts", Lines).focus()

    def show(self) -> None:
        """Draw the person from the store."""
        person = self.person
        box = self.query_one("#person", Vertical)
        box.border_subtitle = "a add · e rhythm · m remembered · n note · r rename · u undo · esc"
        summary = self.query_one("#person-summary", Static)
        lines = self.query_one("#person-contacts", Lines)
        lines.show([])
        if person is None:
            box.border_title = Content(clean_line(shorten(self.name_shown, 40)))  # a name, never markup
            summary.update(
                "No one by this name any more (renamed or merged?). Press u to undo, esc to close."
            )
            return
        self.name_shown = person.name
        box.border_title = Content(clean_line(shorten(person.name, 60)))  # a name, never markup
        contacts = self.store.contacts_with(person.name)
        summary.update("\n".join(summary_lines(person, contacts, self.store.today())))
        width = self._list_width()
        self._columns_shown = columns_of(width)
        self.query_one("#person-columns", Static).update(columns(self._columns_shown))
        lines.show(contacts, lambda contact: contact_row(contact, width))

    def _list_width(self) -> int:
        """How wide the list of contacts is (before the first layout: from the terminal's width)."""
        width = self.query_one("#person-contacts", Lines).scrollable_content_region.width
        return width or min(PAGE_WIDTH, self.app.size.width) - 6  # the box's border and padding

    def on_resize(self) -> None:
        self.call_after_refresh(self._fit)  # once the list has its new width

    def _fit(self) -> None:
        if columns_of(self._list_width()) != self._columns_shown:
            self.show()

    # --- changes -------------------------------------------------------------------------

    def _attempt(self, change: Callable[[], str]) -> None:
        """Make a change (once another oxytui lets go of the lock, if it holds it, without freezing the
        keys meanwhile: ui/saving.py); say what it did, or why it could not be made."""

        def done(message: str) -> None:
            self.changed = True
            self.show()
            self.notify(message, markup=False, timeout=saving.NOTICE_SECONDS)

        saving.save_and_say(self.app, change, done)

    def action_add(self) -> None:
        person = self.person
        if person is None:
            return
        names = [p.name for p in self.store.everyone().values()]
        form = PersonForm(
            f"Add a warm contact · {format_day(self.store.today())}",
            self.store.add_contact,
            names,
            person.name,
        )
        self.app.push_screen(form, self._added)

    def _added(self, contact: Contact | None) -> None:
        if contact is not None:
            self.changed = True
            self.name_shown = contact.who
            self.show()
            self.notify(
                f"Saved: {clean_line(kind_label(contact.kind))} with {clean_line(contact.who)}.", markup=False
            )

    def action_every(self) -> None:
        person = self.person
        if person is None:
            return
        value = "" if person.every_days is None else str(person.every_days)
        prompt = "Every how many days would you like to be in touch? (1–3650; empty for no rhythm)"
        self.app.push_screen(AskScreen("Rhythm", prompt, value), self._every_typed)

    def _every_typed(self, text: str | None) -> None:
        if text is None:
            return

        def change() -> str:
            every = parse_every(text)
            record = self.store.set_person(self.name_shown, every_days=every)
            if record.every_days is None:
                return f"No rhythm for {clean_line(record.name)}."
            return f"Every {rhythm_words(record.every_days)} with {clean_line(record.name)}."

        self._attempt(change)

    def action_remembered(self) -> None:
        person = self.person
        if person is None:
            return

        def change() -> str:
            record = self.store.set_person(person.name, remembered=not person.remembered)
            if record.remembered:
                return f"{clean_line(record.name)} is remembered here, with care. u undoes it."
            return f"{clean_line(record.name)} is no longer marked as remembered."

        self._attempt(change)

    def action_note(self) -> None:
        person = self.person
        if person is not None:
            screen = AskScreen("Note", "A note about them (empty clears it):", clean_line(person.note))
            self.app.push_screen(screen, self._note_typed)

    def _note_typed(self, text: str | None) -> None:
        if text is not None:
            self._attempt(
                lambda: (
                    f"Note saved for {clean_line(self.store.set_person(self.name_shown, note=text).name)}."
                )
            )

    def action_rename(self) -> None:
        person = self.person
        if person is not None:
            prompt = "New name (an existing name merges the two; u undoes it):"
            self.app.push_screen(AskScreen("Rename", prompt, clean_line(person.name)), self._rename_typed)

    def _rename_typed(self, text: str | None) -> None:
        if text is None or not text.strip():
            return
        old = self.name_shown
        merging = self.store.person(text) is not None and self.store.person(text) != self.person

        def change() -> str:
            count = self.store.rename_person(old, text)
            self._names.append(old)
            self.name_shown = text.strip()
            what = "Merged into" if merging else "Renamed to"
            return f"{what} {clean_line(text)} ({plural(count, 'contact')}). u undoes it."

        self._attempt(change)

    def action_undo(self) -> None:
        def change() -> str:
            what = self.store.undo()
            if what is not None and what.startswith("renamed ") and self._names:
                self.name_shown = self._names.pop()
            return "Nothing to undo." if what is None else f"Undone: {clean_line(what)}."

        self._attempt(change)

    def action_close(self) -> None:
        self.dismiss(self.changed)
