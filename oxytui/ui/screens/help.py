"""The help screen: every key, read from the bindings, and the streak rules in plain words."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.widgets import Footer, Markdown

from oxytui.ui.screens.dialog import DialogScreen
from oxytui.ui.widgets.keys import key_actions

FORM_KEYS = (
    ("tab / shift+tab", "Move between fields"),
    ("→", "Take the suggested name or kind"),
    ("enter", "Save, from any field"),
    ("escape", "Cancel: nothing is saved"),
)

RECALL_KEYS = (
    ("space / enter", "Next step"),
    ("p", "Pause"),
    ("escape", "Stop at any time (keep it as a shorter session, or discard it)"),
)

STREAK_RULES = """\
### Streaks in plain words

- A **warm day** is a day with at least one warm contact or one completed recall.
- Your **daily streak** counts warm days in a row, up to today. A **rest day** (press `z` in Today) is
  skipped over: it neither ends the streak nor adds to it.
- An empty today never ends your streak: the evening is still open.
- The **weekly goal**: in one calendar week, the set number of warm days and of completed recalls
  (4 and 2 unless you change them with `s` in Streaks). Rest days with nothing logged lower both numbers
  for that week; a rest day with warm contacts is still a warm day and lowers nothing.
- Your **weekly streak** counts weeks in a row that met the goal. The week you are in is "in progress".
- A day or a week without anything logged is simply a pause. A run that came to a
  pause is shown as what it was: "last run: 6 warm days, to Sun 10 Nov".
- **Gentle mode** (`s` in Streaks) hides the streak counts and keeps your week and its goals.
- A day runs from the day-start hour (04:00 unless you changed it) to the same hour the next morning,
  so a hug at half past midnight still counts for the evening before.

### Support

If a recall, or anything else, leaves you feeling heavy, press `s` here for helplines and emergency
numbers. `oxytui support` prints the same in a terminal.
"""


def _keys(rows: list[tuple[str, str]]) -> str:
    return "\n".join(f"- `{keys}` — {does}" for keys, does in rows)


def help_markdown(sections: list[tuple[str, type[DOMNode]]], key_display: Callable[[Binding], str]) -> str:
    """The help text: the keys of each section, then the fixed keys and the streak rules."""
    parts = ["## Keys"]
    for title, node_class in sections:
        rows = [(a.keys_text, a.sentence) for a in key_actions(node_class, key_display)]
        if title == "Anywhere":
            rows.insert(1, ("ctrl+p", "Open the command palette: every action, searchable"))
        if rows:
            parts += [f"### {title}", _keys(rows)]
    parts += ["### In the add and edit form", _keys(list(FORM_KEYS))]
    parts += ["### In a guided recall", _keys(list(RECALL_KEYS))]
    parts.append(STREAK_RULES)
    return "\n\n".join(parts)


class HelpScreen(DialogScreen[None]):
    """All the keys and the streak rules; escape closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="help-close", tooltip="Close the help"),
        Binding("i", "about", "About", id="help-about", tooltip="Why these habits, and the sources"),
        Binding("s", "support", "Support", id="help-support", tooltip="Where to find support and helplines"),
        Binding(
            "question_mark",
            "close",
            "Close",
            show=False,
            key_display="?",
            id="help-close-again",
            tooltip="Close the help",
        ),
    ]

    def __init__(self, sections: list[tuple[str, type[DOMNode]]]) -> None:
        super().__init__()
        self._sections = sections

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help", classes="dialog-box") as scroll:
            scroll.border_title = "Help"
            scroll.border_subtitle = "i about · s support · escape closes · ↑ ↓ scroll"
            yield Markdown(help_markdown(self._sections, self.app.get_key_display), id="help-text")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#help", VerticalScroll).focus()

    def action_about(self) -> None:
        """Open the About screen: why these habits, with the sources."""
        from oxytui.ui.screens.about import AboutScreen

        self.app.push_screen(AboutScreen())

    def action_support(self) -> None:
        """Open the Support screen: helplines and emergency numbers."""
        from oxytui.ui.screens.support import SupportScreen

        self.app.push_screen(SupportScreen())

    def action_close(self) -> None:
        """Back to the dashboard."""
        self.dismiss(None)
