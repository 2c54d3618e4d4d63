"""The small question asked when a recall is stopped or left before it is saved."""

from __future__ import annotations

from typing import ClassVar, Literal

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Static

from oxytui.ui.screens.dialog import DialogScreen

StopChoice = Literal["keep", "discard", "back"]


class StopDialog(DialogScreen[StopChoice]):
    """Keep the session as a shorter one (not completed), discard it, or go back to it."""

    DEFAULT_CSS = """
    StopDialog .dialog-box { width: 60; padding: 1 2; }
    StopDialog .hint { color: $text-muted; margin-top: 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("k", "choose('keep')", "Keep", id="recall-stop-keep", tooltip="Keep it as a shorter session"),
        Binding("d", "choose('discard')", "Discard", id="recall-stop-discard", tooltip="Save nothing"),
        Binding(
            "escape", "choose('back')", "Go back", id="recall-stop-back", tooltip="Carry on where you were"
        ),
    ]

    def __init__(self, *, can_keep: bool, quitting: bool = False) -> None:
        super().__init__()
        self.can_keep = can_keep
        self.quitting = quitting

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            if self.quitting:
                yield Static(
                    "Quit in the middle of this recall? You can keep it as it stands, or discard it.",
                    markup=False,
                )
                yield Static("k keep it and quit · d discard it and quit · escape go back", classes="hint")
            elif self.can_keep:
                yield Static(
                    "Stop here? That is always fine. You can keep this as a shorter session and still "
                    "rate how you feel, or discard it.",
                    markup=False,
                )
                yield Static("k keep as a shorter session · d discard · escape go back", classes="hint")
            else:
                yield Static("Leave without saving this session?", markup=False)
                yield Static("d discard · escape go back", classes="hint")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "choose" and parameters == ("keep",):
            return self.can_keep
        return True

    def action_choose(self, choice: StopChoice) -> None:
        self.dismiss(choice)
