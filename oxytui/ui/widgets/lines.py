"""A long list of one-line rows that draws only the rows in view (Textual's line API).

A person may have thousands of contacts; a DataTable builds a row object and renders every cell of
the rows it shows, which made opening a person cost more than the rest of the screen. Here each row
is one cleaned string, made and drawn only when it scrolls into view.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from oxytui.core.text import shorten


def columns(cells: list[tuple[str, int]]) -> str:
    """One row of text: each cell cleaned, cut to its width with "…" and padded, one space between."""
    return " ".join(fit(text, width) for text, width in cells)


def fit(text: str, width: int) -> str:
    """`text` cleaned to one line and made exactly `width` cells wide: cut with "…", or padded.

    Wide characters (CJK, most emoji) take two cells, so a cut by characters alone can still overflow.
    """
    line = shorten(text, width)
    if cell_len(line) > width:
        line = set_cell_size(line, width - 1).rstrip() + "…"
    return set_cell_size(line, width)


class Lines(ScrollView):
    """Rows of plain text (cleaned by the caller, never read as markup), every other one shaded.

    A row wider than the view is cut to fit and ends in "…"; the rows scroll up and down only.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"lines--odd"}

    DEFAULT_CSS = """
    Lines { height: 1fr; background: transparent; scrollbar-size-vertical: 1; }
    Lines > .lines--odd { background: $foreground 6%; }
    Lines:focus > .lines--odd { background: $primary 12%; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._items: Sequence[Any] = ()
        self._text_of: Callable[[Any], str] = str
        self._made: dict[int, str] = {}

    @property
    def row_count(self) -> int:
        """How many rows there are (all of them, in view or not)."""
        return len(self._items)

    def row(self, index: int) -> str:
        """The text of one row (made when first asked for)."""
        index %= len(self._items)
        if index not in self._made:
            self._made[index] = self._text_of(self._items[index])
        return self._made[index]

    def show(self, items: Sequence[Any], text_of: Callable[[Any], str] = str) -> None:
        """Show one row for each item, from the top; `text_of` makes an item's row when it comes into view."""
        self._items, self._text_of, self._made = items, text_of, {}
        self.virtual_size = Size(0, len(items))
        self.scroll_to(0, 0, animate=False)
        self.refresh()

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        style = self.rich_style
        if index >= len(self._items):
            return Strip.blank(width, style)
        if index % 2:
            style += self.get_component_rich_style("lines--odd")
        row = self.row(index)
        if cell_len(row) > width:
            row = set_cell_size(row, max(0, width - 1)).rstrip() + "…" if width else ""
        return Strip([Segment(row, style)]).extend_cell_length(width, style)
