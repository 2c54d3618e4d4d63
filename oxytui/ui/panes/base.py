"""What every dashboard pane shares: it is drawn from the store, again once for each new data version."""

from __future__ import annotations

from textual.containers import Vertical

from oxytui.store import Store


class DataPane(Vertical):
    """A pane drawn from the store; it watches the app's `data_version` and redraws once per version."""

    def __init__(self, store: Store, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.store = store
        self.shown_version = -1  # the version of the data last drawn

    def on_mount(self) -> None:
        self.watch(self.app, "data_version", self._data_version_changed, init=False)

    def _data_version_changed(self, version: int) -> None:
        if version != self.shown_version:  # not drawn yet from this version (a change made here is)
            self.reload()

    def reload(self) -> None:
        """Redraw from the store; each pane's own reload first notes the version it draws."""
        self.shown_version = self.store.version
