"""The oxytui Textual app."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static

from oxytui.core.days import format_day
from oxytui.store import Store


class OxyApp(App[None]):
    """The evening dashboard."""

    TITLE = "oxytui"

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(f"Today is {format_day(self.store.today())}.", markup=False)
        yield Footer()


def create_app(store: Store) -> OxyApp:
    """The app on `store`: the one factory the entry point and the tests share."""
    return OxyApp(store)


def run_app(store: Store) -> int:
    """Run the dashboard until the user quits; return the exit code."""
    create_app(store).run()
    return 0
