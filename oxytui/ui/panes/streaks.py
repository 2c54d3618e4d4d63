"""The Streaks pane: streaks, this week, goals and a heatmap (summary until the streaks work lands)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from oxytui.core.streaks import daily_streak, warm_days
from oxytui.store import Store


class StreaksPane(Vertical, can_focus=True):
    """Current and longest streak, this week's days and goals."""

    BORDER_TITLE = "3 Streaks"

    def __init__(self, store: Store, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.store = store

    def compose(self) -> ComposeResult:
        yield Static(id="streaks-summary", markup=False)

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        """Redraw from the store (called by the app when data or the day changes)."""
        store = self.store
        warm = warm_days(store.days_with_contacts(), (r.day for r in store.recalls() if r.completed))
        streak = daily_streak(warm, set(store.rest_days()), store.today())
        self.query_one("#streaks-summary", Static).update(
            f"Daily streak: {streak.current} (longest {streak.longest})"
        )
