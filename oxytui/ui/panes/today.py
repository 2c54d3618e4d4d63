"""The Today pane: the shown day's warm contacts; keys to add, edit, delete, undo and move between days."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.events import Resize
from textual.message import Message
from textual.widgets import DataTable, Static

from oxytui.content import kind_label
from oxytui.core.days import format_day, logical_day
from oxytui.core.figures import rest_day_meaning, rest_day_notice
from oxytui.core.model import Contact, ContactDraft
from oxytui.core.people import for_completion
from oxytui.core.streaks import week_progress
from oxytui.core.text import clean_line, shorten
from oxytui.reports import history_of
from oxytui.store import Store
from oxytui.ui import saving
from oxytui.ui.panes.base import DataPane

WHO_WIDTH = 16
KIND_WIDTH = 18
NOTE_MIN_WIDTH = 10
NARROW_TABLE = 90  # below this many cells, names and kinds get less room
TINY_TABLE = 64  # below this, less still
FORM_SCREEN = "contact-form"  # the name the add/edit form is kept under


def hearts(warmth: int) -> str:
    """Warmth 1–5 as filled and empty hearts: 3 is '♥♥♥♡♡'."""
    return "♥" * warmth + "♡" * (5 - warmth)


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def summary_line(contacts: list[Contact]) -> str:
    """One line about a day's contacts, e.g. '3 warm contacts · 2 people · 45 min'."""
    parts = [
        _plural(len(contacts), "warm contact", "warm contacts"),
        _plural(len({c.who.casefold() for c in contacts}), "person", "people"),
    ]
    minutes = [c.minutes for c in contacts if c.minutes is not None]
    if minutes:
        parts.append(f"{sum(minutes)} min")
    return " · ".join(parts)


def day_words(day: date, today: date) -> str:
    """'today', 'yesterday' or 'N days ago'."""
    ago = (today - day).days
    if ago == 0:
        return "today"
    if ago == 1:
        return "yesterday"
    return f"{ago} days ago"


def _cell(text: str, *, style: str = "") -> Text:
    """A table cell that shows `text` literally (never as markup), on one line."""
    return Text(text, style=style, no_wrap=True, overflow="ellipsis")


class TodayPane(DataPane):
    """The warm contacts of the shown day (today unless moved with `[` and `]`)."""

    BORDER_TITLE = "1 Today"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add", "Add", id="today-add", tooltip="Add a warm contact to the shown day"),
        Binding("e", "edit", "Edit", id="today-edit", tooltip="Edit the selected contact"),
        Binding(
            "d",
            "delete",
            "Delete",
            id="today-delete",
            tooltip="Delete the selected contact (u brings it back)",
        ),
        Binding("u", "undo", "Undo", id="today-undo", tooltip="Undo the last change, one step at a time"),
        Binding(
            "[", "previous_day", "Prev", key_display="[", id="today-previous", tooltip="Show the day before"
        ),
        Binding("]", "next_day", "Next", key_display="]", id="today-next", tooltip="Show the day after"),
        Binding("t", "today", "Today", id="today-today", tooltip="Go back to today"),
        Binding(
            "z", "rest_day", "Rest", id="today-rest", tooltip="Mark or unmark the shown day as a rest day"
        ),
    ]

    class DataChanged(Message):
        """The pane changed the data file (added, edited, deleted, undid or marked a rest day)."""

    def __init__(self, store: Store, *, id: str | None = None) -> None:
        super().__init__(store, id=id)
        self.shown_day = store.today()
        self._rows: list[Contact] = []
        self._ready = False  # the table exists once the pane is mounted
        self._filled = False  # the table is first filled once the pane has a size
        self._keys_shown: tuple[bool | None, ...] = ()  # which of the pane's keys the footer shows

    def compose(self) -> ComposeResult:
        yield Static(id="today-summary", markup=False)
        yield Static(id="today-catchup", markup=False)
        table: DataTable[Text] = DataTable(id="today-table", cursor_type="row", zebra_stripes=True)
        yield table

    @property
    def table(self) -> DataTable[Text]:
        """The table of contacts."""
        return self.query_one("#today-table", DataTable)

    @property
    def rows(self) -> list[Contact]:
        """The contacts shown, oldest first."""
        return list(self._rows)

    @property
    def selected(self) -> Contact | None:
        """The contact under the cursor, if any."""
        row = self.table.cursor_row
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def on_mount(self) -> None:
        self._ready = True
        if self.size.width:  # else the first Resize shows the day, at the width the table gets
            self.show_day(self.shown_day)

    def on_resize(self, event: Resize) -> None:
        if self._filled:
            self._fill_table()
        else:
            self.show_day(self.shown_day)

    # --- drawing -------------------------------------------------------------------------

    def reload(self, select: str | None = None) -> None:
        """Redraw from the store, keeping the cursor on the same contact (or on `select`)."""
        super().reload()
        keep = select or (self.selected.id if self.selected else None)
        self._rows = self.store.contacts_on(self.shown_day)
        self._fill_table(keep)
        self._draw_texts()
        keys = tuple(self.check_action(b.action, ()) for b in self.BINDINGS if isinstance(b, Binding))
        if keys != self._keys_shown:  # the footer reads the keys again on each refresh: only when they change
            self._keys_shown = keys
            self.refresh_bindings()

    def _widths(self) -> tuple[int, int, int]:
        """Widths of the who, kind and note columns: names and kinds as wide as needed up to a cap."""
        available = (self.table.size.width or self.size.width) - 1
        narrow = available < NARROW_TABLE
        # Caps grow with the width, so long kinds ("Call or video with a loved one") show whole when wide;
        # very narrow, they shrink so that the note keeps a few cells and ends in "…" when cut.
        if available < TINY_TABLE:
            who_cap, kind_cap = WHO_WIDTH - 8, KIND_WIDTH - 9
        elif narrow:
            who_cap, kind_cap = WHO_WIDTH - 4, KIND_WIDTH - 5
        else:
            who_cap, kind_cap = max(WHO_WIDTH, available // 6), max(KIND_WIDTH, available // 3)
        who = max((cell_len(shorten(c.who, who_cap)) for c in self._rows), default=3)
        kind = max((cell_len(shorten(kind_label(c.kind), kind_cap)) for c in self._rows), default=4)
        who, kind = min(max(who, 3), who_cap), min(max(kind, 4), kind_cap)
        # time 5, warmth 6, minutes 4; each of the six columns has one cell of padding either side
        fixed = 5 + who + kind + 6 + 4 + 6 * 2
        return who, kind, max(NOTE_MIN_WIDTH if available >= TINY_TABLE else 1, available - fixed)

    def _fill_table(self, keep: str | None = None) -> None:
        if not self._ready or not self.size.width:  # before the first layout: filled at its Resize
            return
        self._filled = True
        table = self.table
        keep = keep or (self.selected.id if self.selected else None)
        old_row = table.cursor_row
        who_width, kind_width, note_width = self._widths()
        table.clear(columns=True)
        # Labels as Text, not str: a str label is read as markup, which loads Rich's emoji table at start.
        table.add_column(Text("time"), width=5, key="time")
        table.add_column(Text("who"), width=who_width, key="who")
        table.add_column(Text("kind"), width=kind_width, key="kind")
        table.add_column(Text("warmth"), width=6, key="warmth")
        table.add_column(Text("min"), width=4, key="minutes")
        table.add_column(Text("note"), width=note_width, key="note")
        for contact in self._rows:
            table.add_row(
                _cell(self._time(contact)),  # not dim: dimmed text falls below AA contrast
                _cell(shorten(contact.who, who_width)),
                _cell(shorten(kind_label(contact.kind), kind_width)),
                _cell(hearts(contact.warmth), style="bold red"),
                _cell("" if contact.minutes is None else str(contact.minutes)),
                _cell(shorten(contact.note, note_width)),
                key=contact.id,
            )
        table.show_header = bool(self._rows)
        ids = [c.id for c in self._rows]
        if keep in ids:
            table.move_cursor(row=ids.index(keep))
        elif ids:  # the selected contact is gone: stay at the same place in the list
            table.move_cursor(row=min(old_row, len(ids) - 1))

    def _time(self, contact: Contact) -> str:
        """When it was logged, or '–' when it was filled in on a later day (its hour is not known)."""
        logged = contact.local_time
        if logical_day(logged, self.store.settings.day_start_hour) != contact.day:
            return "–"
        return f"{logged:%H:%M}"

    def _draw_texts(self) -> None:
        today = self.store.today()
        day = self.shown_day
        rest = self.store.is_rest_day(day)
        warm = day in history_of(self.store).warm
        subtitle = f"{format_day(day)} · {day_words(day, today)}" + (" · rest day" if rest else "")
        # A past day's subtitle is coloured in the subtitle itself: a class on the pane would restyle the
        # whole pane on every move between today and the past. Only our own words here, no user text.
        past = day != today and not rest
        self.border_subtitle = Content.styled(subtitle, "$warning") if past else subtitle
        self.set_class(rest, "-rest-day")
        if self._rows:
            text = summary_line(self._rows)
        elif day == today:
            text = "Nothing logged yet tonight. Press a to add a warm contact."
        else:
            text = f"Nothing logged on {format_day(day)}. If something warm happened, a adds it."
        if rest:
            text += f" · a rest day: {rest_day_meaning(warm)}"
        self.query_one("#today-summary", Static).update(text)
        catchup = self.query_one("#today-catchup", Static)
        yesterday = today - timedelta(days=1)
        logged = self.store.days_with_contacts()
        missing = (
            day == today
            and bool(logged)
            and min(logged) < yesterday  # someone who began today has no yesterday to fill in
            and yesterday not in history_of(self.store).warm  # no warm contact, no completed recall
            and not self.store.is_rest_day(yesterday)
        )
        catchup.display = missing
        if missing:
            catchup.update(
                f"Nothing logged yesterday ({yesterday:%a} {yesterday.day} {yesterday:%b}). "
                "[ goes there, if you like."
            )

    # --- days ----------------------------------------------------------------------------

    def show_day(self, day: date) -> None:
        """Show the contacts of `day` (never a day after today)."""
        self.shown_day = min(day, self.store.today())
        self.reload()
        self.table.move_cursor(row=max(0, len(self._rows) - 1))

    def roll_over(self, old: date, new: date) -> None:
        """The logical day changed: follow it if the old today was shown."""
        if self.shown_day == old or self.shown_day > new:
            self.shown_day = new

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # None, not False, for a key that can do nothing now: it stays among the screen's active bindings,
        # marked unusable, and the dashboard's footer leaves it out (widgets/footer.py).
        if action in ("edit", "delete"):
            usable = bool(self._rows)
        elif action == "undo":
            usable = self.store.can_undo
        elif action in ("next_day", "today"):
            usable = self.shown_day < self.store.today()
        else:
            return True
        return True if usable else None

    def action_previous_day(self) -> None:
        self.show_day(self.shown_day - timedelta(days=1))

    def action_next_day(self) -> None:
        self.show_day(self.shown_day + timedelta(days=1))

    def action_today(self) -> None:
        self.show_day(self.store.today())

    # --- changes -------------------------------------------------------------------------

    def _changed(self, select: str | None = None) -> None:
        self.reload(select)
        self.post_message(self.DataChanged())

    def _attempt(self, change: Callable[[], str]) -> None:
        """Run a write (once another oxytui lets go of the lock, if it holds it: ui/saving.py); report what
        it did, or why it could not."""

        def done(message: str) -> None:
            self.notify(message, markup=False, timeout=saving.NOTICE_SECONDS)

        saving.save_and_say(self.app, change, done)

    def action_add(self) -> None:
        day = self.shown_day

        def save(draft: ContactDraft) -> Contact:
            return self.store.add_contact(draft, day)

        self._open_form(f"Add a warm contact · {format_day(day)}", save)

    def action_edit(self) -> None:
        contact = self.selected
        if contact is None:
            return

        def save(draft: ContactDraft) -> Contact:
            return self.store.edit_contact(contact.id, draft)

        self._open_form(f"Edit a warm contact · {format_day(contact.day)}", save, contact)

    def _open_form(
        self, title: str, save: Callable[[ContactDraft], Contact], contact: Contact | None = None
    ) -> None:
        """Open the add/edit form. It is built once and kept (building it costs far more than a frame);
        each open sets every field, mark and suggestion afresh, as a new form would start."""
        from oxytui.ui.screens.contact_form import ContactForm  # loaded when first needed

        people = [person.name for person in for_completion(self.store.everyone().values())]
        try:
            form = self.app.get_screen(FORM_SCREEN)
        except KeyError:
            form = ContactForm(title, save, people=people, contact=contact)
            self.app.install_screen(form, FORM_SCREEN)
        else:
            assert isinstance(form, ContactForm)
            form.reuse(title, save, people=people, contact=contact)
        self.app.push_screen(form, self._saved)

    def _saved(self, contact: Contact | None) -> None:
        if contact is None:
            return
        if contact.day != self.shown_day:
            self.shown_day = contact.day
        self._changed(select=contact.id)
        self.notify(
            f"Saved: {clean_line(contact.who)} · {clean_line(kind_label(contact.kind))}.", markup=False
        )

    def action_delete(self) -> None:
        contact = self.selected
        if contact is None:
            return

        def delete() -> str:
            self.store.delete_contact(contact.id)
            self._changed()
            what = f"{clean_line(contact.who)} ({clean_line(kind_label(contact.kind))})"
            return f"Deleted {what}. Press u to undo."

        self._attempt(delete)

    def action_undo(self) -> None:
        def undo() -> str:
            what = self.store.undo()
            self._changed()
            return "Nothing to undo." if what is None else f"Undone: {clean_line(what)}."

        self._attempt(undo)

    def action_rest_day(self) -> None:
        day = self.shown_day

        def toggle() -> str:
            rest = self.store.toggle_rest_day(day)
            self._changed()
            if rest:
                warm = day in history_of(self.store).warm
                week = week_progress(history_of(self.store), day, self.store.settings, self.store.today())
                return rest_day_notice(format_day(day), warm, week)
            return f"{format_day(day)} is an ordinary day again."

        self._attempt(toggle)

    @on(DataTable.RowSelected, "#today-table")
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        """Enter on a row edits it."""
        self.action_edit()
