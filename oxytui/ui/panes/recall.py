"""The Recall pane: start a guided recall, see recent sessions (summary until the recall screen lands)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from oxytui.store import Store


class RecallPane(Vertical, can_focus=True):
    """Recent recalls and this week's count; `r` starts one."""

    BORDER_TITLE = "2 Recall"

    def __init__(self, store: Store, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.store = store

    def compose(self) -> ComposeResult:
        yield Static(id="recall-summary", markup=False)

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        """Redraw from the store (called by the app when data or the day changes)."""
        count = len(self.store.recalls())
        self.query_one("#recall-summary", Static).update(f"{count} recalls so far.")
