"""The footer of keys: what the focused pane can do now, one click or key away.

Textual's own footer removes and recreates every key widget whenever a screen's bindings are
refreshed (each focus change, each push of a modal screen, each time a pane's keys may change).
This one, built on public APIs only (`Screen.active_bindings`, `Screen.bindings_updated_signal`),
rebuilds its items only when the keys it shows change; when only whether a key can be used now
changes, it flips a class. With `hide_unusable`, a key that cannot be used now (its node's
`check_action` returns None) is hidden, so it looks left out, but showing it again costs no rebuild.

On a narrow terminal the keys that do not fit are left out whole, never cut mid-word: help, quit and
the command palette always stay, and a "…" says that more keys are in help and the palette.
"""

from __future__ import annotations

import asyncio
from typing import Any, NamedTuple

from rich.cells import cell_len
from textual.app import App
from textual.binding import Binding
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static


class _Key(NamedTuple):
    node: DOMNode
    binding: Binding
    usable: bool
    tooltip: str
    palette: bool


class FooterItem(Static):
    """One key and what it does; a click does it."""

    def __init__(self, key: _Key, key_display: str) -> None:
        label = Content.assemble(
            (key_display, "bold $footer-key-foreground"),
            " ",
            (key.binding.description, "$footer-description-foreground"),
        )
        super().__init__(label, classes="-palette" if key.palette else "")
        self.node = key.node
        self.action = key.binding.action
        self.tooltip = key.tooltip or key.binding.description
        self.kept = key.palette or isinstance(key.node, App)  # help, quit and the palette always stay
        self.cells = cell_len(key_display) + 1 + cell_len(key.binding.description) + 1  # with its margin

    async def on_click(self) -> None:
        await self.app.run_action(self.action, self.node)


class KeysFooter(Widget):
    """A footer of the focused screen's keys that keeps its items while the keys shown stay the same."""

    DEFAULT_CSS = """
    KeysFooter {
        dock: bottom;
        height: 1;
        layout: horizontal;
        color: $footer-foreground;
        background: $footer-background;
        FooterItem {
            width: auto;
            height: 1;
            margin-right: 1;
            text-wrap: nowrap;
            &:hover { background: $block-hover-background; }
            &.-unusable { text-style: dim; }
            &.-palette { dock: right; margin-right: 0; border-left: vkey $foreground 20%; }
            &.-left-out { display: none; }
        }
        #footer-more { width: auto; margin-right: 1; color: $footer-description-foreground; }
        &.-hide-unusable FooterItem.-unusable { display: none; }
    }
    """

    def __init__(self, *, hide_unusable: bool = False) -> None:
        super().__init__()
        self.set_class(hide_unusable, "-hide-unusable")
        self._shown: list[tuple[str, str, str, str]] | None = None  # the keys the items were built for
        self.rebuilds = 0  # how many times the items were built (for tests)
        self._updating = asyncio.Lock()  # one update at a time: a rebuild awaits its mounts

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.call_after_refresh(self._update)

    def _bindings_changed(self, screen: Screen[Any]) -> None:
        if screen is self.screen:
            self.call_after_refresh(self._update)

    def _keys(self) -> list[_Key]:
        """The keys to show, one per action, the command palette's last."""
        keys: dict[str, _Key] = {}
        palette: _Key | None = None
        for node, binding, usable, tooltip in self.screen.active_bindings.values():
            if binding.key == self.app.COMMAND_PALETTE_BINDING and self.app.ENABLE_COMMAND_PALETTE:
                palette = _Key(node, binding, usable, tooltip, palette=True)
            elif binding.show:
                keys.setdefault(binding.action, _Key(node, binding, usable, tooltip, palette=False))
        return [*keys.values(), *([palette] if palette else [])]

    async def _update(self) -> None:
        async with self._updating:
            await self._update_now()

    async def _update_now(self) -> None:
        if not self.is_attached:
            return
        keys = self._keys()
        shown = [(k.binding.key, k.binding.action, k.binding.description, k.tooltip) for k in keys]
        if shown != self._shown:
            self._shown = shown
            self.rebuilds += 1
            await self.remove_children()
            items = [FooterItem(key, self.app.get_key_display(key.binding)) for key in keys]
            first_kept = next((i for i, item in enumerate(items) if item.kept), len(items))
            more = Static("…", id="footer-more")  # shown where keys were left out, before help and quit
            more.tooltip = "More keys: ? shows them all, ctrl+p finds any action"
            await self.mount_all([*items[:first_kept], more, *items[first_kept:]])
        items = list(self.query(FooterItem))
        if not self.is_attached or len(items) != len(keys):
            return  # the app is closing and took the items with it while they were being mounted
        for item, key in zip(items, keys, strict=True):
            item.set_class(not key.usable, "-unusable")
        self._fit()

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        """Leave out, whole, the keys that do not fit, the later ones first; a "…" says some are."""
        items = list(self.query(FooterItem))
        hide = self.has_class("-hide-unusable")
        shown = [item for item in items if not (hide and item.has_class("-unusable"))]
        room = self.size.width - sum(item.cells for item in shown if item.kept)
        optional = [item for item in shown if not item.kept]
        if sum(item.cells for item in optional) > room:
            room -= 2  # the "…" and its margin
        left_out = False
        for item in optional:
            left_out = left_out or item.cells > room  # once one is left out, so are the later ones
            if not left_out:
                room -= item.cells
            item.set_class(left_out, "-left-out")
        for item in items:
            if item not in shown:
                item.remove_class("-left-out")
        for more in self.query("#footer-more"):
            more.display = left_out
