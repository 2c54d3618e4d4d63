"""The weekly review: one week's warm days, contacts and recalls against the goals, and its Markdown."""

from __future__ import annotations

from datetime import date, timedelta
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from oxytui.content import kind_label
from oxytui.core.days import week_bounds
from oxytui.core.streaks import History
from oxytui.core.text import clean_line, markdown_text
from oxytui.core.weekly import WeeklyReview, review_lines, review_markdown, review_title
from oxytui.outputs import write_review
from oxytui.paths import DEMO_FILE_NAME
from oxytui.reports import week_people, week_review, with_people
from oxytui.store import Store, StoreError
from oxytui.ui.screens.dialog import DialogScreen


class WeeklyReviewScreen(DialogScreen[date | None]):
    """The review of one calendar week; closes with the week shown last."""

    DEFAULT_CSS = """
    #review {
        padding: 0 1;
        width: 84;
    }
    #review-body {
        height: auto;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="review-close", tooltip="Back to the dashboard"),
        Binding("w", "close", "Close", show=False, id="review-close-w", tooltip="Back to the dashboard"),
        Binding(
            "[",
            "previous_week",
            "Prev week",
            key_display="[",
            id="review-previous",
            tooltip="The week before",
        ),
        Binding("]", "next_week", "Next week", key_display="]", id="review-next", tooltip="The week after"),
        Binding(
            "m",
            "markdown",
            "Markdown",
            id="review-markdown",
            tooltip="Copy the review as Markdown and save it beside the data file",
        ),
    ]

    def __init__(self, store: Store, week: date, history: History | None = None) -> None:
        super().__init__()
        self._set_up(store, week, history)

    def _set_up(self, store: Store, week: date, history: History | None) -> None:
        self.store = store
        self.week = week_bounds(week, store.settings.week_start)[0]
        self._history = history
        self.review: WeeklyReview | None = None
        self.saved_to: str | None = None

    def reuse(self, store: Store, week: date, history: History | None = None) -> None:
        """Set the screen up for another open, exactly as a new one with these arguments would start."""
        self._set_up(store, week, history)
        if self.is_mounted:
            self._open()

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="review", classes="dialog-box"):
            yield Static(id="review-body", markup=False)

    def on_mount(self) -> None:
        self._open()

    def _open(self) -> None:
        self._show()
        box = self.query_one("#review", VerticalScroll)
        box.scroll_home(animate=False)
        box.focus()

    @property
    def body(self) -> Static:
        """The text of the review."""
        return self.query_one("#review-body", Static)

    def _show(self) -> None:
        history = self._history
        self.review = week_review(self.store, self.week, history)
        box = self.query_one("#review", VerticalScroll)
        box.border_title = review_title(self.review)
        box.border_subtitle = "[ ] weeks · m Markdown · esc close"
        people = week_people(self.store, self.week)
        self.body.update("\n".join([*review_lines(self.review, clean_line, kind_label), "", *people]))

    @property
    def this_week(self) -> date:
        """The first day of the running week."""
        return week_bounds(self.store.today(), self.store.settings.week_start)[0]

    def action_previous_week(self) -> None:
        """Show the week before."""
        self.week -= timedelta(weeks=1)
        self._show()

    def action_next_week(self) -> None:
        """Show the week after (up to the running week)."""
        if self.week >= self.this_week:
            self.app.bell()
            return
        self.week += timedelta(weeks=1)
        self._show()

    def action_markdown(self) -> None:
        """Copy the review as Markdown to the clipboard and save it in the data file's folder."""
        assert self.review is not None
        text = with_people(
            review_markdown(self.review, clean_line, kind_label),
            week_people(self.store, self.week, markdown_text),
        )
        self.app.copy_to_clipboard(text)
        try:
            path = write_review(self.store.path, self.week, text)
        except (OSError, StoreError) as error:
            reason = error.strerror if isinstance(error, OSError) and error.strerror else error
            self.notify(
                f"Copied to the clipboard, but could not save a file: {clean_line(str(reason))}",
                title="Review",
                severity="warning",
                markup=False,
            )
            return
        self.saved_to = str(path)
        demo = " (a demo folder, removed when you quit)" if self.store.path.name == DEMO_FILE_NAME else ""
        self.notify(f"Copied to the clipboard and saved to {path}{demo}", title="Review saved", markup=False)

    def action_close(self) -> None:
        """Back to the dashboard."""
        self.dismiss(self.week)
