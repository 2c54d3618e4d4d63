"""The shared frame of every modal dialog: a bordered box in the middle of the dimmed dashboard."""

from __future__ import annotations

from typing import TypeVar

from textual.screen import ModalScreen

ResultType = TypeVar("ResultType")

# The frame of a dialog's box, and of the person page's (a screen of its own that looks like one).
BOX_FRAME = """
    border: round $primary;
    border-title-color: $primary;
    border-title-style: bold;
    border-subtitle-color: $foreground-muted;
    background: $surface;
    padding: 0 2 1 2;
"""


class DialogScreen(ModalScreen[ResultType]):
    """A modal screen whose main container has the `dialog-box` class."""

    DEFAULT_CSS = f"""
    DialogScreen {{
        align: center middle;
        background: $background 60%;
    }}
    DialogScreen .dialog-box {{
        {BOX_FRAME}
        width: 76;
        max-width: 100%;
        height: auto;
        max-height: 100%;
    }}
    """
