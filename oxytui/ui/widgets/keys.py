"""One place that reads the project's key bindings, for the help screen and the command palette."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual.binding import Binding
from textual.dom import DOMNode


@dataclass(frozen=True, slots=True)
class KeyAction:
    """An action bound to one or more keys: what the footer, help and palette show for it."""

    action: str
    keys: tuple[str, ...]
    description: str
    tooltip: str

    @property
    def keys_text(self) -> str:
        """The keys as the user types them, e.g. 'q / ctrl+q'."""
        return " / ".join(self.keys)

    @property
    def sentence(self) -> str:
        """A full sentence for the action: the tooltip, else the short description."""
        return self.tooltip or self.description


def declared_bindings(node_class: type[DOMNode]) -> list[Binding]:
    """The bindings declared by the project's own classes in the MRO of `node_class`, base classes first."""
    bindings: list[Binding] = []
    for cls in reversed(node_class.__mro__):
        if not cls.__module__.startswith("oxytui.") or "BINDINGS" not in vars(cls):
            continue
        bindings.extend(Binding.make_bindings(vars(cls)["BINDINGS"]))
    return bindings


def key_actions(node_class: type[DOMNode], key_display: Callable[[Binding], str]) -> list[KeyAction]:
    """The described actions of `node_class`, one per action, keys merged, in declaration order."""
    actions: dict[str, KeyAction] = {}
    for binding in declared_bindings(node_class):
        if not binding.description:
            continue
        key = key_display(binding)
        known = actions.get(binding.action)
        if known is None:
            actions[binding.action] = KeyAction(binding.action, (key,), binding.description, binding.tooltip)
        elif key not in known.keys:
            actions[binding.action] = KeyAction(
                known.action, (*known.keys, key), known.description, known.tooltip or binding.tooltip
            )
    return list(actions.values())
