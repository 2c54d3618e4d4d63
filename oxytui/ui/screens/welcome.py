"""The first-run welcome, which also sets the day-start hour (and, on its own, changes it later)."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Input, Label, Markdown, Static

from oxytui.content import ContentError, read_text
from oxytui.core.model import whole_number
from oxytui.core.text import clean_line
from oxytui.ui.screens.dialog import DialogScreen

HOUR_ERROR = "The day-start hour must be a whole number from 0 to 23 (4 means 04:00)."


def parse_hour(text: str) -> int | None:
    """The hour typed, or None when it is not 0–23."""
    hour = whole_number(text.strip())
    return hour if hour is not None and 0 <= hour <= 23 else None


class WelcomeScreen(DialogScreen[int | None]):
    """What oxytui is, where the data lives, and when a day starts; closes with the chosen hour."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="welcome-close", tooltip="Close and keep the hour as it is"),
    ]

    def __init__(self, data_path: Path, day_start_hour: int, *, first_run: bool = True) -> None:
        super().__init__()
        self._data_path = data_path
        self._hour = day_start_hour
        self._first_run = first_run

    def compose(self) -> ComposeResult:
        with Vertical(id="welcome", classes="dialog-box") as box:
            box.border_title = "Welcome to oxytui" if self._first_run else "Day start"
            box.border_subtitle = "enter saves · escape closes"
            if self._first_run:
                try:
                    text = read_text("welcome.md")
                except ContentError as error:
                    text = f"Welcome to oxytui.\n\n({error})"
                with VerticalScroll(id="welcome-body"):
                    yield Markdown(text, id="welcome-text")
            # Docked at the bottom: a short terminal cuts the text above (it scrolls), never the hour.
            with Vertical(id="welcome-fields"):
                yield Static(
                    f"Your data file: {clean_line(str(self._data_path))}", id="welcome-path", markup=False
                )
                with Horizontal(classes="field"):
                    yield Label("Day starts at", classes="field-label wide")
                    yield Input(str(self._hour), id="hour", restrict=r"[0-9]*", max_length=2, compact=True)
                    yield Static(":00  (0–23)", classes="hint")
                yield Static(id="hour-error", classes="error", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#hour-error", Static).display = False
        self.query_one("#hour", Input).focus()

    @on(Input.Submitted, "#hour")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        hour = parse_hour(event.value)
        error = self.query_one("#hour-error", Static)
        if hour is None:
            event.input.add_class("-error")
            error.update(HOUR_ERROR)
            error.display = True
            return
        self.dismiss(hour)

    def action_close(self) -> None:
        """Close without changing the hour."""
        self.dismiss(self._hour if self._first_run else None)
