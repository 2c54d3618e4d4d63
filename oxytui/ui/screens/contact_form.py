"""The add/edit form for a warm contact: who, kind, warmth, minutes, note."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label, Static

from oxytui.content import kind_id, kind_label, kinds
from oxytui.core.model import Contact, ContactDraft, ValidationError, whole_number
from oxytui.core.text import clean, clean_line
from oxytui.ui import saving
from oxytui.ui.saving import PendingSave
from oxytui.ui.screens.dialog import DialogScreen
from oxytui.ui.widgets.footer import KeysFooter

FIELDS = ("who", "kind", "warmth", "minutes", "note")
KEYS_HINT = "enter saves · tab moves · → takes a suggestion · escape cancels"


def warmth_hint(text: str) -> str:
    """Hearts for a warmth typed so far, or the range when it is not 1–5."""
    warmth = whole_number(text.strip() or "3")
    if warmth is not None and 1 <= warmth <= 5:
        return "♥" * warmth + "♡" * (5 - warmth) + "  1 cool … 5 very warm"
    return "1 cool … 5 very warm"


def resolve_kind(text: str) -> str:
    """The kind id for what was typed: a known id or label, the one kind it starts, else the text as typed."""
    found = kind_id(text)
    known = {k.id for k in kinds()}
    wanted = text.strip().casefold()
    if found in known or len(wanted) < 2:
        return found
    starts = {k.id for k in kinds() if k.label.casefold().startswith(wanted) or k.id.startswith(wanted)}
    return starts.pop() if len(starts) == 1 else found


def kind_hint(text: str) -> str:
    """The description of the kind typed so far, or a few examples."""
    wanted = resolve_kind(text) if text.strip() else ""
    for kind in kinds():
        if kind.id == wanted:
            return kind.description
    if text.strip():
        return "Your own words are fine too."
    return "e.g. " + ", ".join(k.label for k in kinds()[:3]) + " …"


class ContactForm(DialogScreen[Contact | None]):
    """Add or edit one warm contact; nothing is saved until every field is acceptable."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="form-cancel", tooltip="Close the form without saving"),
        # Enter in any field saves, at once: not through the field's own submit and its message.
        Binding(
            "enter", "save", "Save", priority=True, show=False, id="form-save", tooltip="Save this contact"
        ),
    ]

    def __init__(
        self,
        title: str,
        save: Callable[[ContactDraft], Contact],
        *,
        people: list[str],
        contact: Contact | None = None,
    ) -> None:
        super().__init__()
        self._set_up(title, save, people, contact)

    def _set_up(
        self, title: str, save: Callable[[ContactDraft], Contact], people: list[str], contact: Contact | None
    ) -> None:
        self._title = title
        self._save = save
        self._waiting_save: PendingSave[Contact] | None = None  # a save waiting for another oxytui's lock
        self._people = [clean_line(p) for p in people if clean_line(p)]
        self._contact = contact
        # What the inputs start with, and the stored text behind it: an untouched field keeps the stored text.
        self._originals: dict[str, tuple[str, str]] = {}
        if contact is not None:
            self._originals = {
                "who": (clean_line(contact.who), contact.who),
                "kind": (clean_line(kind_label(contact.kind)), contact.kind),
                "note": (clean_line(contact.note), contact.note),
            }

    def reuse(
        self,
        title: str,
        save: Callable[[ContactDraft], Contact],
        *,
        people: list[str],
        contact: Contact | None = None,
    ) -> None:
        """Set the form up for another open, exactly as a new form with these arguments would start.

        Nothing from an earlier open is kept: every field, hint, error mark and suggestion starts afresh.
        """
        self._set_up(title, save, people, contact)
        if self.is_mounted:
            self._fill()

    def _start(self, name: str) -> str:
        contact = self._contact
        if contact is None:
            return "3" if name == "warmth" else ""
        if name in self._originals:
            return self._originals[name][0]
        if name == "warmth":
            return str(contact.warmth)
        return "" if contact.minutes is None else str(contact.minutes)

    def compose(self) -> ComposeResult:
        # The inputs start empty: `_fill` sets them, the title, the hints and the suggestions on every open.
        labels = [k.label for k in kinds()]
        with VerticalScroll(id="form", classes="dialog-box") as form:
            form.border_subtitle = KEYS_HINT
            with Horizontal(classes="field"):
                yield Label("Who", classes="field-label")
                yield Input(id="who", placeholder="a name, or a pet's", compact=True)
            yield Static(id="who-error", classes="error", markup=False)
            with Horizontal(classes="field"):
                yield Label("Kind", classes="field-label")
                yield Input(
                    id="kind",
                    placeholder="hug, cuddle, warm talk … or your own words",
                    suggester=SuggestFromList(labels, case_sensitive=False),
                    compact=True,
                )
            yield Static(id="kind-hint", classes="hint", markup=False)
            yield Static(id="kind-error", classes="error", markup=False)
            with Horizontal(classes="field"):
                yield Label("Warmth", classes="field-label")
                yield Input(id="warmth", restrict=r"[0-9]*", max_length=2, compact=True)
                yield Static(id="warmth-hint", classes="hint", markup=False)
            yield Static(id="warmth-error", classes="error", markup=False)
            with Horizontal(classes="field"):
                yield Label("Minutes", classes="field-label")
                yield Input(id="minutes", restrict=r"[0-9]*", max_length=4, compact=True)
                yield Static("optional: how long it lasted", classes="hint")
            yield Static(id="minutes-error", classes="error", markup=False)
            with Horizontal(classes="field"):
                yield Label("Note", classes="field-label")
                yield Input(id="note", placeholder="optional", compact=True)
            yield Static(id="note-error", classes="error", markup=False)
            yield Static(id="form-error", classes="error", markup=False)
        yield KeysFooter()

    def on_mount(self) -> None:
        self._fill()

    def _fill(self) -> None:
        """Start every field, hint and mark for the contact set up (none: a new one), the cursor in Who."""
        box = self.query_one("#form", VerticalScroll)
        box.border_title = self._title
        box.scroll_home(animate=False)
        self.input("who").suggester = SuggestFromList(self._people, case_sensitive=False)
        for name in FIELDS:
            field = self.input(name)
            start = self._start(name)
            field.value = ""  # a change even when the start is what was left typed: no stale suggestion
            field.value = start
            field.cursor_position = len(start)
        self.query_one("#kind-hint", Static).update(kind_hint(self._start("kind")))
        self.query_one("#warmth-hint", Static).update(warmth_hint(self._start("warmth")))
        self.show_errors({})
        self.set_focus(self.input("who"))  # at once: keys typed ahead go there (ui/typeahead.py)

    def input(self, name: str) -> Input:
        """The input of one field."""
        return self.query_one(f"#{name}", Input)

    @property
    def values(self) -> dict[str, str]:
        """What each field holds now."""
        return {name: self.input(name).value for name in FIELDS}

    def show_errors(self, errors: dict[str, str]) -> None:
        """Mark the fields named in `errors` with their messages; clear the others."""
        for name in FIELDS:
            message = errors.get(name, "")
            self.input(name).set_class(bool(message), "-error")
            self._message(f"#{name}-error", message)
        others = [message for name, message in errors.items() if name not in FIELDS]
        self._message("#form-error", " ".join(others))
        first = next((name for name in FIELDS if name in errors), None)
        if first is not None:
            self.set_focus(self.input(first))

    def _message(self, selector: str, message: str) -> None:
        widget = self.query_one(selector, Static)
        widget.update(clean(message))  # a message may name a path
        widget.display = bool(message)

    def _draft(self) -> ContactDraft:
        """The draft from the fields; a field left as it was shown keeps the stored text exactly."""
        values = self.values
        values["kind"] = resolve_kind(values["kind"])
        for name, (shown, stored) in self._originals.items():
            if self.values[name] == shown:
                values[name] = stored
        return ContactDraft.from_text(
            values["who"], values["kind"], values["warmth"], values["minutes"], values["note"]
        )

    def action_save(self) -> None:
        """Check every field, save when all are acceptable, and close with the saved contact.

        While another oxytui holds the lock the form stays open and says so; it closes once the save is
        made, or shows why it was not (ui/saving.py).
        """
        if self._waiting_save is not None:
            return
        try:
            draft = self._draft()
        except ValidationError as error:
            self.show_errors(error.errors)
            return
        saving.save(self.app, lambda: self._save(draft), self._saved, self._not_saved, self._waiting)

    def _saved(self, contact: Contact) -> None:
        self._waiting_save = None
        self.dismiss(contact)

    def _not_saved(self, error: Exception) -> None:
        self._waiting_save = None
        if isinstance(error, ValidationError):
            self.show_errors(error.errors)
        else:
            self.show_errors({"save": f"Not saved: {error}"})

    def _waiting(self, pending: PendingSave[Contact]) -> None:
        self._waiting_save = pending
        self._message("#form-error", f"{saving.WAITING} It is saved when that one lets go; escape cancels.")

    def action_cancel(self) -> None:
        """Close without saving anything (a save waiting for the lock is given up)."""
        if self._waiting_save is not None:
            self._waiting_save.cancel()
            self._waiting_save = None
        self.dismiss(None)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        name = event.input.id or ""
        if name in FIELDS and event.input.has_class("-error"):
            event.input.remove_class("-error")
            self._message(f"#{name}-error", "")
        if name == "warmth":
            self.query_one("#warmth-hint", Static).update(warmth_hint(event.value))
        elif name == "kind":
            self.query_one("#kind-hint", Static).update(kind_hint(event.value))
