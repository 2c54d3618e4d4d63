"""The About screen: why these habits, what the research says and how sure it is, with sources."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Markdown

from oxytui.content import ContentError, read_text
from oxytui.ui.screens.dialog import DialogScreen


def about_text() -> str:
    """The text of content/about.md, or a short message naming the problem."""
    try:
        return read_text("about.md")
    except ContentError as error:
        return f"The About text could not be read: {error}"


class AboutScreen(DialogScreen[None]):
    """Why oxytui suggests these habits, with its sources; escape closes it."""

    DEFAULT_CSS = """
    AboutScreen #about { width: 90; height: 100%; padding: 0 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="about-close", tooltip="Close the About screen"),
        Binding("s", "support", "Support", id="about-support", tooltip="Where to find support and helplines"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="about", classes="dialog-box") as scroll:
            scroll.border_title = "About oxytui"
            scroll.border_subtitle = "s support · escape closes · ↑ ↓ scroll"
            yield Markdown(about_text(), id="about-text")

    def on_mount(self) -> None:
        self.query_one("#about", VerticalScroll).focus()

    def action_support(self) -> None:
        """Open the Support screen: helplines and emergency numbers."""
        from oxytui.ui.screens.support import SupportScreen

        self.app.push_screen(SupportScreen())

    def action_close(self) -> None:
        """Back to where it was opened from."""
        self.dismiss(None)
