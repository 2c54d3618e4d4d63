"""The Recall pane: this week's recalls against the goal, the last few sessions, and `r` to start one."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.events import Resize
from textual.message import Message
from textual.widgets import Static

from oxytui.core.figures import against_goal, short_against_goal
from oxytui.core.model import Recall
from oxytui.core.streaks import WeekProgress
from oxytui.recall_scripts import LoadedScripts, load_scripts
from oxytui.reports import streak_summary
from oxytui.store import Store
from oxytui.ui.panes.base import DataPane
from oxytui.ui.screens.recall_summary import recall_lines

RECENT_SESSIONS = 3


class RecallPane(DataPane, can_focus=True):
    """Recent recalls and this week's count; `r` starts one."""

    BORDER_TITLE = "2 Recall"

    DEFAULT_CSS = """
    RecallPane #recall-week { text-style: bold; text-wrap: nowrap; text-overflow: ellipsis; }
    RecallPane #recall-sessions { margin-top: 1; text-wrap: nowrap; text-overflow: ellipsis; }
    RecallPane #recall-sessions.-empty { text-wrap: wrap; }
    RecallPane #recall-problems { color: $warning; margin-top: 1; }
    RecallPane .hint { color: $text-muted; margin-top: 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "start", "Start a recall", id="recall-start", tooltip="Start a guided recall"),
    ]

    class RecallFinished(Message):
        """A recall screen closed; `recall` is the saved session, or None when nothing was saved."""

        def __init__(self, recall: Recall | None) -> None:
            super().__init__()
            self.recall = recall

    def __init__(self, store: Store, *, id: str | None = None, scripts: LoadedScripts | None = None) -> None:
        super().__init__(store, id=id)
        self._scripts = scripts
        self._week: WeekProgress | None = None
        self.tick_seconds: float | None = None  # how often the recall screen looks at the clock (its default)

    @property
    def scripts(self) -> LoadedScripts:
        """The recall scripts, loaded the first time they are needed."""
        if self._scripts is None:
            self._scripts = load_scripts()
        return self._scripts

    def compose(self) -> ComposeResult:
        yield Static(id="recall-week", markup=False)
        yield Static(id="recall-sessions", markup=False)
        yield Static(id="recall-problems", markup=False)
        yield Static("r starts a guided recall", id="recall-hint", classes="hint", markup=False)

    def on_mount(self) -> None:
        problems = self.scripts.problems
        if problems:  # one notice, however many files: a stack of them hid the screen, the welcome too
            count = len(problems)
            more = f"\n(and {count - 1} more: the Recall pane lists them all)" if count > 1 else ""
            title = "Recall scripts skipped" if count > 1 else "Recall script skipped"
            self.app.notify(problems[0] + more, title=title, severity="warning", timeout=12, markup=False)
        box = self.query_one("#recall-problems", Static)
        box.display = bool(problems)
        if problems:
            box.update("Recall scripts skipped:\n" + "\n".join(f"• {problem}" for problem in problems))
        self.reload()

    def reload(self) -> None:
        """Redraw from the store (called by the app when data or the day changes)."""
        super().reload()
        store = self.store
        recalls = store.recalls()
        self._week = streak_summary(store).week  # the same figure, scaled by rest days, as the Streaks pane's
        self._show_week()
        recent = sorted(recalls, key=lambda r: (r.day, r.started_at), reverse=True)[:RECENT_SESSIONS]
        lines = [recall_lines(r, self.scripts.title(r.script)) for r in recent]
        sessions = self.query_one("#recall-sessions", Static)
        sessions.set_class(not lines, "-empty")  # the sentence wraps at a space; sessions end in "…"
        sessions.update(
            "\n".join(lines) if lines else "No recalls yet. A few minutes with someone who cares for you."
        )
        self.query_one("#recall-hint", Static).display = not lines

    def _show_week(self) -> None:
        week = self._week
        if week is None:
            return
        text = f"This week: {against_goal(week.recalls, week.goal_recalls, 'recall')}"
        if len(text) > self.content_region.width > 0:  # narrow: the same figure in fewer cells
            text = f"Recalls this week: {short_against_goal(week.recalls, week.goal_recalls)}"
        self.query_one("#recall-week", Static).update(text)

    def on_resize(self, event: Resize) -> None:
        self._show_week()

    def action_start(self) -> None:
        """Open the guided recall screen."""
        from oxytui.ui.screens.recall import TICK_SECONDS, RecallScreen  # loaded when first needed

        tick = TICK_SECONDS if self.tick_seconds is None else self.tick_seconds
        self.app.push_screen(RecallScreen(self.store, self.scripts, tick_seconds=tick), self._finished)

    def _finished(self, recall: Recall | None) -> None:
        self.post_message(self.RecallFinished(recall))

    @on(RecallFinished)
    def _reload_after_recall(self, event: RecallFinished) -> None:
        self.reload()
        if event.recall is not None:
            state = "completed" if event.recall.completed else "a shorter session"
            self.app.notify(f"Recall saved ({state}).", markup=False)
