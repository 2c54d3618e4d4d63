"""One week's seven days in a row: warm, rest, empty, today, future."""

from __future__ import annotations

from datetime import date, timedelta
from enum import Enum

from rich.style import Style
from rich.text import Text
from textual.widget import Widget

from oxytui.core.streaks import History
from oxytui.ui.widgets.heatmap import Palette

DAY_NAMES = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
FULL_WIDTH = 27  # cells for seven 'Mo● ' days; narrower, each day is named by one letter


class DayState(Enum):
    """What one day of the strip shows."""

    WARM = "●"
    REST = "z"
    EMPTY = "·"
    TODAY = "◌"
    FUTURE = " "


def day_state(history: History, day: date, today: date) -> DayState:
    """The state of `day` on `today` (warm wins over rest; today not yet warm is still open)."""
    if day in history.warm and day <= today:
        return DayState.WARM
    if day in history.rest and day <= today:
        return DayState.REST
    if day == today:
        return DayState.TODAY
    return DayState.FUTURE if day > today else DayState.EMPTY


class WeekStrip(Widget):
    """The days of one week, each as its weekday and a mark: ● warm, z rest, · nothing, ◌ today so far."""

    DEFAULT_CSS = """
    WeekStrip {
        height: 1;
        width: 1fr;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._history = History()
        self._start = date.today()
        self._today = date.today()

    def show(self, history: History, start: date, today: date) -> None:
        """Show the week starting on `start`."""
        self._history, self._start, self._today = history, start, today
        self.refresh()

    @property
    def days(self) -> list[tuple[date, DayState]]:
        """Each day of the week with its state."""
        days = [self._start + timedelta(days=i) for i in range(7)]
        return [(day, day_state(self._history, day, self._today)) for day in days]

    def render(self) -> Text:
        palette = Palette.from_theme(self.app.theme_variables)
        text = Text(no_wrap=True, overflow="crop")
        letters = 1 if self.size.width < FULL_WIDTH else 2  # narrow: 'M● T●', so every day (today too) fits
        for day, state in self.days:
            name = Style(color=palette.muted, bold=day == self._today, reverse=day == self._today)
            text.append(DAY_NAMES[day.weekday()][:letters], name)
            colour = {
                DayState.WARM: palette.levels[max(1, self._history.level(day))],
                DayState.REST: palette.rest,
                DayState.TODAY: palette.selected,
            }.get(state, palette.muted)
            text.append(state.value, Style(color=colour, bold=True))
            text.append(" ")
        text.rstrip()
        return text
