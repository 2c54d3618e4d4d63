"""The People pane: who you have been close to and how long since, with a gentle "it's been a while" list."""

from __future__ import annotations

import textwrap
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.widgets import DataTable, Static

from oxytui.content import kind_label
from oxytui.core.days import format_day
from oxytui.core.model import Contact
from oxytui.core.people import Person, ago_words, invitations, ordered, rhythm_words
from oxytui.core.text import clean_line, shorten
from oxytui.store import Store
from oxytui.ui.panes.base import DataPane

DUE_SHOWN = 3  # lines of the "it's been a while" list on the pane; the rest are in the list below
NAME_WIDTH = 18  # names in the "it's been a while" lines are cut only past this and the width
LAST_WIDTH = 12  # "3 months ago"
TALL = 8  # rows from which each "it's been a while" sentence may take two lines
REMEMBERED_ROW = "-remembered-"


def _cell(text: str, *, style: str = "") -> Text:
    return Text(text, style=style, no_wrap=True, overflow="ellipsis")


def due_text(people: list[Person], width: int, lines_each: int = 1) -> str:
    """The "it's been a while" lines: for each person the longest whole sentence that takes at most
    `lines_each` lines of `width`, wrapped between words; an invitation, never an alarm."""
    due = [p for p in people if p.due]
    if not due:
        return ""
    lines = textwrap.wrap("It's been a while — perhaps reach out?", width)
    for person in due[:DUE_SHOWN]:
        wrapped = [
            textwrap.wrap(s, width)
            for s in invitations(person, shorten(person.name, max(NAME_WIDTH, width - 12)))
        ]
        lines += next((w for w in wrapped if len(w) <= lines_each), wrapped[-1])
    if len(due) > DUE_SHOWN:
        lines.append(f"… and {len(due) - DUE_SHOWN} more below")
    return "\n".join(lines)


PERSON_SCREEN = "person"  # the name the person screen is kept under


class PeopleTable(DataTable[Text]):
    """The list of people; `enter` opens the one under the cursor."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Open", id="people-table-open", tooltip="Open the selected person"),
    ]


def _last_words(person: Person) -> str:
    return "remembered" if person.remembered else ago_words(person.days_since)


def _rhythm_words(person: Person) -> str:
    every = person.every_days
    return f"every {rhythm_words(every)}" if every and not person.remembered else ""


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
        Binding("a", "add", "Add", id="people-add", tooltip="Log a warm contact with the selected person"),
    ]

    class Changed(Message):
        """A person screen opened from the pane closed: names, rhythms or contacts may have changed."""

    def __init__(self, store: Store, *, id: str | None = None) -> None:
        super().__init__(store, id=id)
        self._rows: list[Person | None] = []  # None for the "remembered" heading
        self._laid_out = Size(0, 0)  # the size the list was last drawn for

    def compose(self) -> ComposeResult:
        yield Static(id="people-due", markup=False)
        yield Static("No one yet. Log a warm contact and the people appear here.", id="people-empty")
        yield PeopleTable(id="people-table", cursor_type="row", show_header=False)

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
        if self.size.width:  # else the first Resize draws the list, at the size it gets
            self.reload()

    def on_resize(self) -> None:
        self._lay_out()

    def on_show(self) -> None:
        """Shown again after sharing its place with Recall: lay the lines out for the width it has now."""
        self.call_after_refresh(self._lay_out)

    def _lay_out(self) -> None:
        if self.size != self._laid_out:  # each full redraw of the list costs several milliseconds
            self.reload()

    def reload(self) -> None:
        """Redraw from the store (called by the app when data or the day changes)."""
        super().reload()
        self._laid_out = self.size
        people = ordered(self.store.everyone().values())
        width = max(10, self.size.width - 1)
        due = self.query_one("#people-due", Static)
        text = due_text(people, width, 2 if self.size.height >= TALL else 1)
        due.display = bool(text)
        due.update(text)
        self.query_one("#people-empty", Static).display = not people
        keep = self.selected.key if self.selected else None
        table = self.table
        table.clear(columns=True)
        last_width = max((len(_last_words(p)) for p in people), default=LAST_WIDTH)
        rhythm_width = max((len(_rhythm_words(p)) for p in people), default=0)
        names = min(NAME_WIDTH + 6, max((len(p.name) + 2 * p.due for p in people), default=0))
        if width - last_width - rhythm_width - 6 < names:
            rhythm_width = 0  # names first; the rhythm is also on the person screen and in the lines above
        columns = 3 if rhythm_width else 2
        name_width = max(6, width - last_width - rhythm_width - 2 * columns)  # the name takes what is left
        table.add_column(Text("name"), width=name_width, key="name")
        table.add_column(Text("last"), width=last_width, key="last")
        if rhythm_width:
            table.add_column(Text("rhythm"), width=rhythm_width, key="rhythm")
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
                last, rhythm = _cell(_last_words(person), style="italic"), _cell("")
            else:
                last = _cell(_last_words(person))
                rhythm = _cell(_rhythm_words(person), style="dim")
            mark = "• " if person.due else ""  # told apart by a mark and words, not only colour
            name = _cell(mark + shorten(person.name, name_width - len(mark)))
            table.add_row(name, last, *([rhythm] if rhythm_width else []), key=person.key)
        keys = [p.key if p else None for p in self._rows]
        if keep is not None and keep in keys:
            table.move_cursor(row=keys.index(keep))
        self.refresh_bindings()  # `a` needs someone to log a contact with

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`a` can be used only with someone selected."""
        return None if action == "add" and self.selected is None else True

    def action_add(self) -> None:
        """Log a warm contact with the selected person, their name filled in."""
        from oxytui.ui.screens.person import PersonForm  # loaded when first needed

        person = self.selected
        if person is None:
            return
        names = [p.name for p in self.store.everyone().values()]
        title = f"Add a warm contact · {format_day(self.store.today())}"
        self.app.push_screen(PersonForm(title, self.store.add_contact, names, person.name), self._added)

    def _added(self, contact: Contact | None) -> None:
        if contact is not None:
            self.reload()
            self.post_message(self.Changed())
            what = f"{clean_line(contact.who)} · {clean_line(kind_label(contact.kind))}"  # as Today says it
            self.notify(f"Saved: {what}.", markup=False)

    def action_open(self) -> None:
        """Open the selected person's screen."""
        person = self.selected
        if person is not None:
            self.open_person(person.name)

    def open_person(self, name: str) -> None:
        """Open the screen of the person `name` refers to. It is built once and kept (building it
        costs more than a frame); each open shows the person afresh, as a new screen would."""
        from oxytui.ui.screens.person import PersonScreen  # loaded when first needed

        try:
            screen = self.app.get_screen(PERSON_SCREEN)
        except KeyError:
            screen = PersonScreen(self.store, name)
            self.app.install_screen(screen, PERSON_SCREEN)
        else:
            assert isinstance(screen, PersonScreen)
            if screen in self.app.screen_stack:  # open already (the palette over it): a screen of its own
                screen = PersonScreen(self.store, name)
            else:
                screen.show_person(name)
        self.app.push_screen(screen, self._person_closed)

    def _person_closed(self, changed: bool | None) -> None:
        if changed:
            self.reload()
            self.post_message(self.Changed())

    @on(DataTable.RowSelected, "#people-table")
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        self.action_open()

    @on(DataTable.RowHighlighted, "#people-table")
    def _row_moved(self, event: DataTable.RowHighlighted) -> None:
        self.refresh_bindings()  # on the "Remembered" heading there is no one to log a contact with
