"""The Streaks pane: daily and weekly streaks, one week's days and goals, and a heatmap of recent weeks."""

from __future__ import annotations

import textwrap
from datetime import date, timedelta
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.events import Resize
from textual.widgets import Static

from oxytui.core.days import week_bounds
from oxytui.core.figures import goal_cells, short_against_goal
from oxytui.core.streaks import (
    History,
    StreakSummary,
    WeekProgress,
    all_weeks,
    short_day,
    week_progress,
)
from oxytui.reports import history_of, status_words, streak_summary
from oxytui.store import Store
from oxytui.ui.panes.base import DataPane
from oxytui.ui.widgets.heatmap import Palette, WarmthHeatmap
from oxytui.ui.widgets.weekstrip import WeekStrip

FULL_HEIGHT = 13  # rows needed for everything with the month row
NO_MONTHS_HEIGHT = 12  # without the month row; below this the heatmap is compact
REVIEW_SCREEN = "weekly-review"  # the name the weekly review is kept under


def bar(count: int, goal: int) -> str:
    """A goal bar with one cell per unit of the goal: 2 of 3 is '▰▰▱' (see core/figures.py)."""
    filled, empty = goal_cells(count, goal)
    return "▰" * filled + "▱" * empty


def _plural(count: int, unit: str) -> str:
    return f"{count} {unit}" if count == 1 else f"{count} {unit}s"


class StreaksPane(DataPane, can_focus=True):
    """Current and longest streaks, the selected week's days and goals, and a warmth heatmap."""

    BORDER_TITLE = "3 Streaks"

    DEFAULT_CSS = """
    StreaksPane > Static {
        height: 1;
        width: 1fr;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    StreaksPane > #streaks-status {
        height: auto;
        text-wrap: wrap;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "w",
            "review",
            "Review",
            id="streaks-review",
            tooltip="Open the weekly review of the selected week",
        ),
        Binding(
            "[",
            "previous_week",
            "Prev week",
            key_display="[",
            id="streaks-previous",
            tooltip="Select the week before",
        ),
        Binding(
            "]", "next_week", "Next week", key_display="]", id="streaks-next", tooltip="Select the week after"
        ),
        Binding(
            "t", "this_week", "This week", id="streaks-this-week", tooltip="Select the running week again"
        ),
        Binding(
            "s",
            "settings",
            "Settings",
            id="streaks-settings",
            tooltip="Change day start, week start and weekly goals",
        ),
    ]

    def __init__(self, store: Store, *, id: str | None = None) -> None:
        super().__init__(store, id=id)
        self.history = History()
        self.summary: StreakSummary | None = None
        self.selected_week: date | None = None  # start of the selected week; None follows the running week
        self.tooltip = (
            "A warm day has a warm contact or a completed recall. Rest days neither break nor extend a "
            "streak; today not yet warm keeps it alive. Weekly goals shrink with a week's rest days."
        )

    def compose(self) -> ComposeResult:
        yield Static(id="streaks-summary", markup=False)
        yield WeekStrip(id="streaks-strip")
        yield Static(id="streaks-goals", markup=False)
        yield Static(id="streaks-status", markup=False)
        yield WarmthHeatmap(id="streaks-heatmap")

    def on_mount(self) -> None:
        # The figures' colours are read from the theme when drawn: a theme change draws them again at once.
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._show())
        if self.size.width:  # else the first Resize draws the pane, at the size it gets
            self.reload()

    # --- what is shown -------------------------------------------------------------------

    @property
    def this_week(self) -> date:
        """The first day of the running week."""
        return week_bounds(self.store.today(), self.store.settings.week_start)[0]

    @property
    def week(self) -> date:
        """The first day of the selected week."""
        if self.selected_week is None:
            return self.this_week
        return week_bounds(self.selected_week, self.store.settings.week_start)[0]

    @property
    def heatmap(self) -> WarmthHeatmap:
        """The heatmap widget."""
        return self.query_one(WarmthHeatmap)

    def reload(self) -> None:
        """Redraw from the store (called by the app when data or the day changes)."""
        super().reload()
        self.history = history_of(self.store)
        self.summary = streak_summary(self.store)  # the Recall pane's figures too: worked out once
        if self.selected_week is not None and self.week >= self.this_week:
            self.selected_week = None
        self._show()

    def selected_progress(self) -> WeekProgress:
        """The selected week against the goals."""
        assert self.summary is not None
        if self.week == self.summary.week.start:
            return self.summary.week
        return week_progress(self.history, self.week, self.store.settings, self.store.today())

    def _show(self) -> None:
        summary = self.summary
        if summary is None:
            return
        today = self.store.today()
        palette = Palette.from_theme(self.app.theme_variables)
        line = Text(no_wrap=True, overflow="ellipsis")
        if self.store.settings.gentle:
            line.append("Gentle mode: your week, without streak counts", Style(color=palette.muted))
        else:
            self._numbers(line, palette, summary)
        self.query_one("#streaks-summary", Static).update(line)
        self._show_week(summary, palette, today)

    def _numbers(self, line: Text, palette: Palette, summary: StreakSummary) -> None:
        daily, weekly = summary.daily, summary.weekly
        line.append("Daily ", Style(color=palette.muted))
        line.append(str(daily.current), Style(bold=True, color=palette.levels[4]))
        line.append(f" best {daily.longest}  ", Style(color=palette.muted))
        line.append("Weekly ", Style(color=palette.muted))
        line.append(str(weekly.current), Style(bold=True, color=palette.levels[4]))
        line.append(f" best {weekly.longest}", Style(color=palette.muted))

    def _show_week(self, summary: StreakSummary, palette: Palette, today: date) -> None:
        self.query_one(WeekStrip).show(self.history, self.week, today)
        progress = self.selected_progress()
        goals = self._goals_line(progress, palette, bars=True)
        if goals.cell_len > self.content_region.width > 0:  # narrow: both figures, without their bars
            goals = self._goals_line(progress, palette, bars=False)
        self.query_one("#streaks-goals", Static).update(goals)
        # The sentence wraps at spaces rather than being cut; the heatmap gives up the rows it takes.
        self.query_one("#streaks-status", Static).update(
            Text(self.status_sentence(), style=Style(color=palette.muted))
        )
        self._fit(self.content_region.height)
        self.heatmap.show(self.history, today, self.this_week, self.week)
        where = "this week" if self.week == self.this_week else f"week of {short_day(self.week, today)}"
        self.border_subtitle = f"{where} · w review"

    @staticmethod
    def _goals_line(progress: WeekProgress, palette: Palette, *, bars: bool) -> Text:
        goals = Text(no_wrap=True, overflow="ellipsis")
        for label, count, goal in (
            ("warm ", progress.warm_days, progress.goal_warm_days),
            ("  recalls ", progress.recalls, progress.goal_recalls),
        ):
            goals.append(label, Style(color=palette.muted))
            done = count >= goal > 0
            cells = bar(count, goal) if bars else ""
            goals.append(cells, Style(color=palette.levels[4] if done else palette.selected))
            goals.append(f"{' ' if cells else ''}{short_against_goal(count, goal)}", Style(bold=done))
        return goals

    def status_sentence(self) -> str:
        """One line on the daily streak: tonight still open, counting, or the last run as an achievement."""
        assert self.summary is not None
        return status_words(self.summary, self.history, self.store.today(), gentle=self.store.settings.gentle)

    # --- layout --------------------------------------------------------------------------

    def on_resize(self, event: Resize) -> None:
        if self.summary is None:  # the first Resize: nothing drawn yet
            self.reload()
        else:
            self._show()  # what fits a line depends on the width; _show fits the heatmap too

    def _status_rows(self) -> int:
        width = self.content_region.width
        if self.summary is None or width <= 0:
            return 1
        return len(textwrap.wrap(self.status_sentence(), width)) or 1

    def _fit(self, height: int) -> None:
        height -= self._status_rows() - 1  # rows the status sentence takes beyond its one
        heatmap = self.heatmap
        heatmap.months = height >= FULL_HEIGHT
        heatmap.set_class(height < NO_MONTHS_HEIGHT, "-compact")
        # Compact: the rows left under the four lines above, the last of them for the legend.
        heatmap.styles.height = (
            max(2, height - 4) if height < NO_MONTHS_HEIGHT else (9 if heatmap.months else 8)
        )
        heatmap.refresh()

    # --- actions -------------------------------------------------------------------------

    def _first_week(self) -> date:
        return all_weeks(self.history, self.store.settings, self.store.today())[0].start

    def action_previous_week(self) -> None:
        """Select the week before (not before the first week with anything logged)."""
        if self.week <= self._first_week():
            self.app.bell()
            return
        self.selected_week = self.week - timedelta(weeks=1)
        self._show()

    def action_next_week(self) -> None:
        """Select the week after (up to the running week)."""
        if self.week >= self.this_week:
            self.app.bell()
            return
        following = self.week + timedelta(weeks=1)
        self.selected_week = None if following >= self.this_week else following
        self._show()

    def action_this_week(self) -> None:
        """Select the running week."""
        self.selected_week = None
        self._show()

    def action_review(self) -> None:
        """Open the weekly review of the selected week."""
        from oxytui.ui.screens.review import WeeklyReviewScreen  # loaded when first needed

        # Built once and kept (building it costs far more than a frame); each open starts it afresh.
        try:
            review = self.app.get_screen(REVIEW_SCREEN)
        except KeyError:
            review = WeeklyReviewScreen(self.store, self.week, self.history)
            self.app.install_screen(review, REVIEW_SCREEN)
        else:
            assert isinstance(review, WeeklyReviewScreen)
            review.reuse(self.store, self.week, self.history)
        self.app.push_screen(review, self._review_closed)

    def _review_closed(self, week: date | None) -> None:
        if week is not None:
            self.selected_week = None if week >= self.this_week else week
            self._show()

    def action_settings(self) -> None:
        """Open the settings for day start, week start and the weekly goals."""
        from oxytui.ui.screens.settings import SettingsScreen  # loaded when first needed

        self.app.push_screen(SettingsScreen(self.store), self._settings_closed)

    def _settings_closed(self, saved: bool | None) -> None:
        if saved:
            self.reload()
