"""The footer of keys: what the focused pane can do now, one click or key away.

Textual's own footer is a row of widgets, one per key, that it removes and mounts again whenever a
screen's bindings are refreshed (each focus change, each push of a modal screen). Mounting widgets
lays out the whole screen, which costs more than the rest of a focus change. This footer is one
widget with no children: it draws its keys as one line of text, built on public APIs only
(`Screen.active_bindings`, `Screen.bindings_updated_signal`), and when the keys change it repaints
that line alone, with no layout. With `hide_unusable`, a key that cannot be used now (its node's
`check_action` returns None) is left out; otherwise it is dimmed.

On a narrow terminal the keys that do not fit are left out whole, never cut mid-word: help, quit and
the command palette always stay, and a "…" says that more keys are in help and the palette. A click
on a key does what it says; the mouse over a key highlights it and shows its tooltip.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from rich.cells import cell_len
from textual import events
from textual.app import App
from textual.binding import Binding
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import Screen
from textual.style import Style
from textual.widget import Widget

MORE = "…"
MORE_TOOLTIP = "More keys: ? shows them all, ctrl+p finds any action"
PALETTE_EDGE = "▏"  # the thin line before the command palette's key, as a `vkey` left border draws it

KEY_STYLE = "bold $footer-key-foreground"
DESCRIPTION_STYLE = "$footer-description-foreground"
EDGE_STYLE = "$foreground 20%"
HOVER_STYLE = "on $block-hover-background"


class _Key(NamedTuple):
    """One key the screen has now, whether or not it fits."""

    node: DOMNode
    binding: Binding
    display: str  # the key as shown ("^p", "⏎")
    usable: bool
    tooltip: str
    palette: bool

    @property
    def text(self) -> str:
        return f"{self.display} {self.binding.description}"

    @property
    def kept(self) -> bool:
        """Help, quit and the palette always stay, however narrow the footer."""
        return self.palette or isinstance(self.node, App)


class ShownKey(NamedTuple):
    """A key the footer shows, and where: cells `start` to `end` (excluded) of its line.

    The command palette's key spans its thin line too; the "…" (`node` None) spans its one cell.
    """

    action: str
    key: str  # as shown: "^p", "⏎"
    description: str
    tooltip: str
    start: int
    end: int
    usable: bool
    node: DOMNode | None
    palette: bool = False

    @property
    def text(self) -> str:
        """The key and what it does, as drawn: "a Add"."""
        return f"{self.key} {self.description}" if self.description else self.key

    @property
    def is_more(self) -> bool:
        return self.node is None


def _shown(key: _Key, start: int, end: int) -> ShownKey:
    binding = key.binding
    tooltip = key.tooltip or binding.description
    return ShownKey(
        binding.action,
        key.display,
        binding.description,
        tooltip,
        start,
        end,
        key.usable,
        key.node,
        key.palette,
    )


MORE_KEY = ShownKey(MORE, MORE, "", MORE_TOOLTIP, 0, 1, True, None)


class KeysFooter(Widget):
    """A footer of the focused screen's keys, drawn as one line: a change of keys repaints it alone."""

    DEFAULT_CSS = """
    KeysFooter {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        text-wrap: nowrap;
        text-overflow: clip;
    }
    """

    def __init__(self, *, hide_unusable: bool = False) -> None:
        super().__init__()
        self.hide_unusable = hide_unusable
        self._keys_now: list[_Key] = []
        self._shown: list[ShownKey] = []
        self._hover: int | None = None  # the index in `shown` of the key under the mouse
        self._mouse_x: int | None = None  # where the mouse is over the footer, if it is
        self._update_pending = False

    @property
    def shown(self) -> list[ShownKey]:
        """The keys drawn now, left to right (the "…" among them when keys were left out)."""
        return list(self._shown)

    @property
    def left_out(self) -> bool:
        """Whether keys were left out for want of room (and a "…" says so)."""
        return any(key.is_more for key in self._shown)

    @property
    def hovered(self) -> ShownKey | None:
        """The key under the mouse, if any."""
        return None if self._hover is None else self._shown[self._hover]

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._request_update()

    def _bindings_changed(self, screen: Screen[Any]) -> None:
        if screen is self.screen:
            self._request_update()

    def _request_update(self) -> None:
        """Update once after the next refresh, however many changes come before it."""
        if not self._update_pending:
            self._update_pending = True
            self.call_after_refresh(self._update)

    def _update(self) -> None:
        self._update_pending = False
        if not self.is_attached:
            return
        self._keys_now = self._keys()
        self._place()

    def _keys(self) -> list[_Key]:
        """The keys to show, one per action, the command palette's last."""
        keys: dict[str, _Key] = {}
        palette: _Key | None = None
        display = self.app.get_key_display
        for node, binding, usable, tooltip in self.screen.active_bindings.values():
            if binding.key == self.app.COMMAND_PALETTE_BINDING and self.app.ENABLE_COMMAND_PALETTE:
                palette = _Key(node, binding, display(binding), bool(usable), tooltip, palette=True)
            elif binding.show:
                keys.setdefault(
                    binding.action,
                    _Key(node, binding, display(binding), bool(usable), tooltip, palette=False),
                )
        return [*keys.values(), *([palette] if palette else [])]

    def on_resize(self) -> None:
        self._place()

    def _place(self) -> None:
        """Choose the keys that fit and where each goes; repaint only if that changed."""
        shown = self._fit(self.size.width)
        if shown != self._shown:
            self._shown = shown
            self._set_hover(None if self._mouse_x is None else self._key_at(self._mouse_x), changed=True)
            self.refresh()

    def _fit(self, width: int) -> list[ShownKey]:
        """Leave out, whole, the keys that do not fit, the later ones first; a "…" says some are."""
        keys = [key for key in self._keys_now if key.usable or not self.hide_unusable]
        flow = [key for key in keys if not key.palette]
        palette = next((key for key in keys if key.palette), None)
        room = width - sum(cell_len(key.text) + 1 for key in keys if key.kept)  # each with its space
        optional = [key for key in flow if not key.kept]
        if sum(cell_len(key.text) + 1 for key in optional) > room:
            room -= 2  # the "…" and its space
        left_out: set[int] = set()
        for key in optional:
            if left_out or cell_len(key.text) + 1 > room:  # once one is left out, so are the later ones
                left_out.add(id(key))
            else:
                room -= cell_len(key.text) + 1
        first_kept = next((i for i, key in enumerate(flow) if key.kept), len(flow))
        shown: list[ShownKey] = []
        x = 0
        for index, key in enumerate(flow):
            if index == first_kept and left_out:
                shown.append(MORE_KEY._replace(start=x, end=x + 1))
                x += 2
            if id(key) in left_out:
                continue
            end = x + cell_len(key.text)
            shown.append(_shown(key, x, end))
            x = end + 1
        if left_out and first_kept == len(flow):
            shown.append(MORE_KEY._replace(start=x, end=x + 1))
        if palette is not None:  # at the right end, after its thin line
            shown.append(_shown(palette, width - cell_len(palette.text) - 1, width))
        return shown

    def render(self) -> Content:
        width = self.size.width
        line = Content("")
        for index, key in enumerate(self._shown):
            if key.palette:  # drawn over whatever does not fit left of it, as a docked widget is
                line = line.truncate(max(0, key.start), pad=True)
            elif key.start > line.cell_length:
                line = line.pad_right(key.start - line.cell_length)
            line += self._draw(key, hover=index == self._hover)
        return line.truncate(width, pad=True)

    def _draw(self, key: ShownKey, *, hover: bool) -> Content:
        """One key as drawn: bold key, then what it does; dimmed if it cannot be used now."""
        if key.is_more:
            return Content.styled(MORE, DESCRIPTION_STYLE)
        label = Content.assemble(
            *([(PALETTE_EDGE, self._edge_style(hover))] if key.palette else []),
            (key.key, KEY_STYLE),
            " ",
            (key.description, DESCRIPTION_STYLE),
        )
        if not key.usable:
            label = label.stylize("dim")
        if hover:
            label = label.stylize(HOVER_STYLE)
        return label

    def _edge_style(self, hover: bool) -> str | Style:
        """The thin line's colour: over the footer's own background, as a border's, even under the mouse."""
        if not hover:
            return EDGE_STYLE
        edge = self.app.stylesheet.parse_style(EDGE_STYLE).foreground
        return EDGE_STYLE if edge is None else Style(foreground=self.background_colors[1] + edge)

    def _key_at(self, x: int) -> int | None:
        """The index in `shown` of the key drawn at cell `x`, if any."""
        return next((i for i, key in enumerate(self._shown) if key.start <= x < key.end), None)

    def _set_hover(self, index: int | None, *, changed: bool = False) -> None:
        """Highlight the key under the mouse and make its tooltip the footer's."""
        if changed or index != self._hover:
            self._hover = index
            key = self.hovered
            self.tooltip = None if key is None else key.tooltip
            self.refresh()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._mouse_x = event.x
        self._set_hover(self._key_at(event.x))

    def on_leave(self) -> None:
        self._mouse_x = None
        self._set_hover(None)

    async def on_click(self, event: events.Click) -> None:
        index = self._key_at(event.x)
        if index is None:
            return
        key = self._shown[index]
        if key.node is not None:
            await self.app.run_action(key.action, key.node)
