"""What every dashboard pane shares: it is drawn from the store, again once for each new data version."""

from __future__ import annotations

from typing import Any

from textual.color import Color
from textual.containers import Vertical
from textual.widget import Widget

from oxytui.store import Store


class DataPane(Vertical):
    """A pane drawn from the store; it watches the app's `data_version` and redraws once per version.

    The pane that holds the focus has its border in the theme's primary colour. That is set on the
    pane alone (not with a `:focus-within` rule, which restyles everything inside the pane and so
    redraws its tables from scratch on each focus change).
    """

    def __init__(self, store: Store, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.store = store
        self.shown_version = -1  # the version of the data last drawn
        self.focused = False  # whether the focus is in this pane (its border shows it)

    def on_mount(self) -> None:
        self.watch(self.app, "data_version", self._data_version_changed, init=False)
        self.watch(self.screen, "focused", self._focus_moved)
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)

    def _data_version_changed(self, version: int) -> None:
        if version != self.shown_version:  # not drawn yet from this version (a change made here is)
            self.reload()

    def _focus_moved(self, focused: Widget | None) -> None:
        inside = focused is not None and (focused is self or self in focused.ancestors)
        if inside != self.focused:
            self.focused = inside
            self._paint_focus()

    def _theme_changed(self, _theme: Any) -> None:
        if self.focused:
            self._paint_focus()

    def _paint_focus(self) -> None:
        if self.focused:
            primary = Color.parse(self.app.theme_variables["primary"])
            self.styles.border = ("round", primary)
            self.styles.border_title_color = primary
        else:  # back to the stylesheet's quiet border
            self.styles.border = None
            self.styles.border_title_color = None

    def reload(self) -> None:
        """Redraw from the store; each pane's own reload first notes the version it draws."""
        self.shown_version = self.store.version
