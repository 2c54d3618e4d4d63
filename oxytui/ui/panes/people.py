"""The People pane: who you have been close to and how long since, with a gentle "it's been a while" list."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable, Static

from oxytui.core.people import Person, ago_words, invitation, ordered, rhythm_words
from oxytui.core.text import shorten
from oxytui.store import Store
from oxytui.ui.panes.base import DataPane

DUE_SHOWN = 3  # lines of the "it's been a while" list on the pane; the rest are in the list below
NAME_WIDTH = 18
LAST_WIDTH = 12  # "3 months ago"
RHYTHM_WIDTH = 13  # "every 2 weeks"
NARROW = 42
REMEMBERED_ROW = "-remembered-"


def _cell(text: str, *, style: str = "") -> Text:
    return Text(text, style=style, no_wrap=True, overflow="ellipsis")


def due_text(people: list[Person], width: int) -> str:
    """The "it's been a while" lines, each cut to `width`; an invitation, never an alarm."""
    due = [p for p in people if p.due]
    if not due:
        return ""
    lines = ["It's been a while — perhaps reach out?"]
    lines += [shorten(invitation(p, shorten(p.name, NAME_WIDTH)), width) for p in due[:DUE_SHOWN]]
    if len(due) > DUE_SHOWN:
        lines.append(f"… and {len(due) - DUE_SHOWN} more below")
    return "\n".join(lines)


class PeoplePane(DataPane):
    """Everyone you have been close to; `enter` opens a person."""

    BORDER_TITLE = "4 People"

    DEFAULT_CSS = """
    PeoplePane #people-due { height: auto; color: $foreground; }
    PeoplePane #people-table { height: 1fr; background: transparent; scrollbar-size-vertical: 1; }
    PeoplePane #people-empty { color: $text-muted; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open", id="people-open", tooltip="Open the selected person"),
    ]

    class Changed(Message):
        """A person screen opened from the pane closed: names, rhythms or contacts may have changed."""

    def __init__(self, store: Store, *, id: str | None = None) -> None:
        super().__init__(store, id=id)
        self._rows: list[Person | None] = []  # None for the "remembered" heading

    def compose(self) -> ComposeResult:
        yield Static(id="people-due", markup=False)
        yield Static("No one yet. Log a warm contact and the people appear here.", id="people-empty")
        table: DataTable[Text] = DataTable(id="people-table", cursor_type="row", show_header=False)
        yield table

    @property
    def table(self) -> DataTable[Text]:
        """The list of people."""
        return self.query_one("#people-table", DataTable)

    @property
    def selected(self) -> Person | None:
        """The person under the cursor, if any."""
        row = self.table.cursor_row
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def on_mount(self) -> None:
        self.reload()

    def on_resize(self) -> None:
        self.reload()

    def on_show(self) -> None:
        """Shown again after sharing its place with Recall: lay the lines out for the width it has now."""
        self.call_after_refresh(self.reload)

    def reload(self) -> None:
        """Redraw from the store (called by the app when data or the day changes)."""
        super().reload()
        people = ordered(self.store.everyone().values())
        width = max(10, self.size.width - 1)
        due = self.query_one("#people-due", Static)
        text = due_text(people, width)
        due.display = bool(text)
        due.update(text)
        self.query_one("#people-empty", Static).display = not people
        keep = self.selected.key if self.selected else None
        table = self.table
        table.clear(columns=True)
        rhythm_width = RHYTHM_WIDTH if width >= NARROW else 0  # narrow: the rhythm is on the person screen
        name_width = min(NAME_WIDTH, max(6, width - LAST_WIDTH - rhythm_width - 7))
        table.add_column("name", width=name_width, key="name")
        table.add_column("last", width=LAST_WIDTH, key="last")
        if rhythm_width:
            table.add_column("rhythm", width=rhythm_width, key="rhythm")
        self._rows = []
        remembered = False
        for person in people:
            if person.remembered and not remembered:
                remembered = True
                self._rows.append(None)
                heading = [_cell("Remembered", style="italic"), _cell("")]
                table.add_row(*heading, *([_cell("")] if rhythm_width else []), key=REMEMBERED_ROW)
            self._rows.append(person)
            if person.remembered:
                last, rhythm = _cell("remembered", style="italic"), _cell("")
            else:
                last = _cell(ago_words(person.days_since))
                every = person.every_days
                rhythm = _cell(f"every {rhythm_words(every)}" if every else "", style="dim")
            mark = "• " if person.due else ""  # told apart by a mark and words, not only colour
            name = _cell(mark + shorten(person.name, name_width - len(mark)))
            table.add_row(name, last, *([rhythm] if rhythm_width else []), key=person.key)
        keys = [p.key if p else None for p in self._rows]
        if keep is not None and keep in keys:
            table.move_cursor(row=keys.index(keep))

    def action_open(self) -> None:
        """Open the selected person's screen."""
        person = self.selected
        if person is not None:
            self.open_person(person.name)

    def open_person(self, name: str) -> None:
        """Open the screen of the person `name` refers to."""
        from oxytui.ui.screens.person import PersonScreen  # loaded when first needed

        self.app.push_screen(PersonScreen(self.store, name), self._person_closed)

    def _person_closed(self, changed: bool | None) -> None:
        if changed:
            self.reload()
            self.post_message(self.Changed())

    @on(DataTable.RowSelected, "#people-table")
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        self.action_open()
