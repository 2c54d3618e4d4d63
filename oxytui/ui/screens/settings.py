"""Settings: day start, week start, the two weekly goals, gentle mode and the recall step cue."""

from __future__ import annotations

from typing import Any, ClassVar, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Input, Label, Select, Static

from oxytui.core.days import WEEKDAYS
from oxytui.core.model import STEP_CUES, Settings, SettingsChanges, ValidationError, whole_number
from oxytui.core.text import clean, shorten
from oxytui.store import Store
from oxytui.ui import saving
from oxytui.ui.saving import PendingSave
from oxytui.ui.screens.dialog import DialogScreen

FIELDS = {
    "day_start_hour": ("Day starts at", "hour, 0–23 (4 means 04:00)", 0, 23),
    "goal_warm_days": ("Warm days", "per week, 0–7", 0, 7),
    "goal_recalls": ("Recalls", "completed per week, 0–21", 0, 21),
}


CHOICES: dict[str, tuple[str, list[tuple[str, object]], str]] = {
    "gentle": (
        "Gentle mode",
        [("Off", False), ("On", True)],
        "on hides streak numbers; days and goals stay",
    ),
    "step_cue": (
        "Step cue",
        [("None", "none"), ("Bell", "bell")],
        "bell: a soft bell when a recall step moves on",
    ),
}
"""Settings chosen from a list: label, the choices (shown, stored) and a hint."""


def parse_settings(
    values: dict[str, str], week_start: str, current: Settings, choices: dict[str, object] | None = None
) -> SettingsChanges:
    """The changes typed into the form; raise ValidationError naming every field that is wrong."""
    errors: dict[str, str] = {}
    changes: dict[str, object] = {"week_start": week_start, **(choices or {})}
    for name, text in values.items():
        label, _, low, high = FIELDS[name]
        value = text.strip()
        number = whole_number(value)
        if number is None or not low <= number <= high:
            errors[name] = (
                f"{label.lower()} must be a whole number from {low} to {high} (not {shorten(value, 20)!r})"
            )
        else:
            changes[name] = number
    if week_start not in WEEKDAYS:
        errors["week_start"] = f"week start must be one of {', '.join(WEEKDAYS)}"
    if changes.get("step_cue", current.step_cue) not in STEP_CUES:
        errors["step_cue"] = f"step cue must be one of {', '.join(STEP_CUES)}"
    if errors:
        raise ValidationError(errors)
    changed = {name: value for name, value in changes.items() if getattr(current, name) != value}
    return cast(SettingsChanges, changed)  # names and types checked above


class SettingsScreen(DialogScreen[bool]):
    """A small form for the settings that shape days, weeks and goals; closes with True when saved."""

    DEFAULT_CSS = """
    #settings {
        padding: 0 2;
        width: 70;
    }
    #settings .setting {
        height: auto;
        margin-top: 1;
    }
    #settings .setting Label {
        width: 15;
        color: $foreground-muted;
    }
    #settings .setting Input {
        width: 6;
        background: $boost;
    }
    #settings .setting Input:focus {
        background: $primary 25%;
    }
    #settings .setting Input.-error {
        background: $error 30%;
    }
    #settings .setting Select {
        width: 20;
    }
    #settings .setting .hint {
        width: 1fr;
        padding-left: 2;
        color: $foreground-muted;
    }
    #settings-error {
        color: $error;
        height: auto;
        margin-top: 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="settings-cancel", tooltip="Close without saving"),
        Binding("ctrl+s", "save", "Save", id="settings-save", tooltip="Save the settings"),
        # Enter saves from every field, the week-start list too; only an open list takes enter to pick.
        Binding("enter", "enter_save", "Save", priority=True, show=False, id="settings-enter"),
    ]

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self._waiting_save: PendingSave[Any] | None = None  # a save waiting for another oxytui's lock

    def compose(self) -> ComposeResult:
        settings = self.store.settings
        with VerticalScroll(id="settings", classes="dialog-box") as box:
            box.border_title = "Settings"
            box.border_subtitle = "enter saves · escape cancels"
            for name, (label, hint, _, _) in FIELDS.items():
                with Horizontal(classes="setting"):
                    yield Label(label)
                    yield Input(
                        str(getattr(settings, name)), id=name, restrict=r"[0-9]*", max_length=2, compact=True
                    )
                    yield Static(hint, classes="hint")
            with Horizontal(classes="setting"):
                yield Label("Week starts on")
                yield Select(
                    [(day.capitalize(), day) for day in WEEKDAYS],
                    value=settings.week_start,
                    allow_blank=False,
                    id="week_start",
                    compact=True,
                )
                yield Static("goals count from this day", classes="hint")
            for name, (label, options, hint) in CHOICES.items():
                with Horizontal(classes="setting"):
                    yield Label(label)
                    yield Select(
                        options, value=getattr(settings, name), allow_blank=False, id=name, compact=True
                    )
                    yield Static(hint, classes="hint")
            yield Static(id="settings-error", markup=False)
        yield Footer(compact=True)  # this dialog's keys, not those of the pane beneath

    def on_mount(self) -> None:
        self.query_one("#day_start_hour", Input).focus()

    def _values(self) -> tuple[dict[str, str], str]:
        values = {name: self.query_one(f"#{name}", Input).value for name in FIELDS}
        week_start = self.query_one("#week_start", Select).value
        return values, str(week_start)

    def _choices(self) -> dict[str, object]:
        return {name: self.query_one(f"#{name}", Select).value for name in CHOICES}

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "enter_save":
            return not self.query_one("#week_start", Select).expanded
        return True

    def action_enter_save(self) -> None:
        """Enter: save, whichever field has the focus."""
        self.action_save()

    def action_save(self) -> None:
        """Check and save the settings, or say which field is wrong (waiting, if another oxytui holds the
        lock, without freezing: ui/saving.py)."""
        if self._waiting_save is not None:
            return
        values, week_start = self._values()
        for name in FIELDS:
            self.query_one(f"#{name}", Input).remove_class("-error")
        try:
            changes = parse_settings(values, week_start, self.store.settings, self._choices())
        except ValidationError as error:
            self._not_saved(error)
            return
        if not changes:
            self.dismiss(False)
            return
        saving.save(
            self.app,
            lambda: self.store.update_settings(**changes),
            self._saved,
            self._not_saved,
            self._waiting,
        )

    def _saved(self, settings: object) -> None:
        self._waiting_save = None
        self.dismiss(True)

    def _not_saved(self, error: Exception) -> None:
        self._waiting_save = None
        if isinstance(error, ValidationError):
            for name in error.errors:
                if name in FIELDS:
                    self.query_one(f"#{name}", Input).add_class("-error")
            self._say("\n".join(error.errors.values()))
        else:
            self._say(f"Not saved: {error}")

    def _waiting(self, pending: PendingSave[Any]) -> None:
        self._waiting_save = pending
        self._say(f"{saving.WAITING} Escape cancels.")

    def _say(self, message: str) -> None:
        """Show `message` below the fields and scroll to it: a short terminal cuts the form off above it."""
        self.query_one("#settings-error", Static).update(clean(message))  # a message may name a path
        self.query_one("#settings", VerticalScroll).scroll_end(animate=False)  # once laid out anew

    def action_cancel(self) -> None:
        """Close without saving (a save waiting for the lock is given up)."""
        if self._waiting_save is not None:
            self._waiting_save.cancel()
            self._waiting_save = None
        self.dismiss(False)
