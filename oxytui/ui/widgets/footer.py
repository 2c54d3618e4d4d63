"""A footer of keys that rebuilds its key widgets only when the keys themselves change.

Textual's footer removes and recreates every key widget whenever a screen's bindings are refreshed:
on every focus change, and whenever a pane's available keys may have changed. Most of those
refreshes change nothing, or only whether a key can be used now; this footer then leaves its widgets
as they are and only dims or undims the keys whose state changed. With `hide_disabled`, a key that
cannot be used now (its node's `check_action` returns None) is hidden rather than dimmed: it looks
as though the key were left out, but showing it again costs a class change, not a rebuild.
"""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class KeptFooter(Footer):
    """A `Footer` that keeps its key widgets while the keys shown stay the same."""

    DEFAULT_CSS = """
    KeptFooter.-hide-disabled FooterKey.-disabled {
        display: none;
    }
    """

    def __init__(self, *args: Any, hide_disabled: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.set_class(hide_disabled, "-hide-disabled")
        self._shown: tuple[object, ...] | None = None  # the keys the widgets were built for
        self.rebuilds = 0  # how many times the key widgets were built (for tests)

    def _keys(self) -> tuple[tuple[object, ...], dict[str, bool]]:
        """What the key widgets show, and whether each action can be used now."""
        shown: list[object] = [self.show_command_palette, self.compact]
        enabled: dict[str, bool] = {}
        for _node, binding, usable, tooltip in self.screen.active_bindings.values():
            if not binding.show and binding.key != self.app.COMMAND_PALETTE_BINDING:
                continue
            shown.append(
                (binding.key, self.app.get_key_display(binding), binding.description, binding.action)
            )
            shown.append((tooltip, binding.group, binding.show))
            enabled.setdefault(binding.action, usable)
        return tuple(shown), enabled

    def bindings_changed(self, screen: Screen[Any]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            self.call_after_refresh(self._update_keys)

    async def _update_keys(self) -> None:
        if not self.is_attached:
            return
        shown, enabled = self._keys()
        if shown != self._shown:
            self._shown = shown
            self.rebuilds += 1
            await self.recompose()
            return
        for key in self.query(FooterKey):
            usable = enabled.get(key.action, not key._disabled)
            if usable == key._disabled:
                key._disabled = not usable
                key.set_class(not usable, "-disabled")
