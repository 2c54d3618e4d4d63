"""The Support screen: where to find help, from content/safety.md; reachable from help, palette and About."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Markdown

from oxytui.support import support_text
from oxytui.ui.screens.dialog import DialogScreen


class SupportScreen(DialogScreen[None]):
    """Helplines and emergency numbers, calmly worded; escape closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="support-close", tooltip="Close the Support screen"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="support", classes="dialog-box") as scroll:
            scroll.border_title = "Support"
            scroll.border_subtitle = "escape closes · ↑ ↓ scroll"
            yield Markdown(support_text(), id="support-text")

    def on_mount(self) -> None:
        self.query_one("#support", VerticalScroll).focus()

    def action_close(self) -> None:
        """Back to where it was opened from."""
        self.dismiss(None)
