"""The dashboard: Today, Recall, Streaks and People, a header with the logical day, a footer of keys."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Header

from oxytui.store import Store
from oxytui.ui.panes.base import DataPane
from oxytui.ui.panes.people import PeoplePane
from oxytui.ui.panes.recall import RecallPane
from oxytui.ui.panes.streaks import StreaksPane
from oxytui.ui.panes.today import TodayPane
from oxytui.ui.widgets.footer import KeysFooter

PANE_IDS = ("today", "recall", "streaks", "people")
SHARED = ("recall", "people")  # below SHARED_HEIGHT rows these two share one place: 2 and 4 switch it
SHARED_HEIGHT = 28


class DashboardScreen(Screen[None]):
    """The screen people open every evening."""

    # A focus change repaints what it changes (the two panes' borders, the two widgets, the footer's
    # keys), not the whole screen as Textual's own `focused` does: moving between panes stays cheap.
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "1", "focus_pane('today')", "Today", show=False, id="focus-today", tooltip="Focus the Today pane"
        ),
        Binding(
            "2",
            "focus_pane('recall')",
            "Recall",
            show=False,
            id="focus-recall",
            tooltip="Focus the Recall pane",
        ),
        Binding(
            "3",
            "focus_pane('streaks')",
            "Streaks",
            show=False,
            id="focus-streaks",
            tooltip="Focus the Streaks pane",
        ),
        Binding(
            "4",
            "focus_pane('people')",
            "People",
            show=False,
            id="focus-people",
            tooltip="Focus the People pane",
        ),
    ]

    def __init__(self, store: Store) -> None:
        super().__init__(id="dashboard")
        self.store = store
        self.shared_shown = "recall"  # which of the two sharing panes shows on a short terminal

    def compose(self) -> ComposeResult:
        yield Header(icon="♥")
        with Grid(id="panes"):
            yield TodayPane(self.store, id="today")
            yield RecallPane(self.store, id="recall")
            yield StreaksPane(self.store, id="streaks")
            yield PeoplePane(self.store, id="people")
        yield KeysFooter(hide_unusable=True)

    @property
    def today_pane(self) -> TodayPane:
        """The Today pane."""
        return self.query_one("#today", TodayPane)

    @property
    def panes(self) -> list[DataPane]:
        """The four panes, in the order of their number keys."""
        return [self.query_one(f"#{pane_id}", DataPane) for pane_id in PANE_IDS]

    def action_focus_pane(self, pane_id: str) -> None:
        """Focus the first focusable widget of a pane (the pane itself if it takes focus)."""
        self.focus_pane(pane_id)

    def on_resize(self) -> None:
        self._arrange()

    def _arrange(self) -> None:
        """On a short terminal Recall and People share one place; otherwise every pane has its own."""
        shared = self.size.height < SHARED_HEIGHT
        grid = self.query_one("#panes", Grid)
        grid.set_class(shared, "-shared")
        for pane_id in SHARED:
            pane = self.query_one(f"#{pane_id}")
            shown = not shared or pane_id == self.shared_shown
            if pane.display != shown:  # setting it anew would lay the screen out again
                pane.display = shown
        # The grid places panes in order: People takes Recall's place (left of Streaks) when it shows there.
        people, streaks = self.query_one("#people"), self.query_one("#streaks")
        people_first = shared and self.shared_shown == "people"
        if (grid.children.index(people) < grid.children.index(streaks)) != people_first:
            if people_first:
                grid.move_child(people, before=streaks)
            else:
                grid.move_child(people, after=streaks)

    def focus_pane(self, pane_id: str) -> None:
        """Move the focus into the pane with this id (showing it, when it shares its place)."""
        if pane_id in SHARED and pane_id != self.shared_shown:
            self.shared_shown = pane_id
            self._arrange()
            if not self._focus_into(pane_id):  # shown just now: focus it once it is laid out
                self.call_after_refresh(self._focus_into, pane_id)
            return
        self._focus_into(pane_id)

    def _focus_into(self, pane_id: str) -> bool:
        """Focus the first focusable widget of the pane; False when it has none yet."""
        pane = self.query_one(f"#{pane_id}")
        for widget in self.focus_chain:
            if widget is pane or pane in widget.ancestors:
                widget.focus()
                pane.scroll_visible()
                return True
        return False

    def reload_panes(self) -> None:
        """Redraw every pane from the store."""
        for pane in self.panes:
            pane.reload()

    def roll_over(self, old: date, new: date) -> None:
        """The logical day changed from `old` to `new` while the dashboard was open."""
        self.today_pane.roll_over(old, new)
        self.reload_panes()
