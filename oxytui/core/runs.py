"""Past runs of warm days, told as achievements ("last run: 6 warm days, to Sun 10 Nov"). Pure.

A run is counted as the daily streak counts: warm days in a row, rest days skipped over.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta

from oxytui.core.streaks import DailyStreak, short_day

ONE_DAY = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Run:
    """A finished run of warm days: how many, and its last warm day."""

    days: int
    end: date

    def words(self, today: date) -> str:
        """'6 warm days, to Sun 10 Nov'."""
        unit = "warm day" if self.days == 1 else "warm days"
        return f"{self.days} {unit}, to {short_day(self.end, today)}"


def last_run(warm: Collection[date], rest: Collection[date], streak: DailyStreak) -> Run | None:
    """The run that ended just before the pause `streak.broken_on`, or None when no run has ended."""
    pause = streak.broken_on
    if pause is None:
        return None
    day = pause - ONE_DAY
    while day in rest and day not in warm:
        day -= ONE_DAY
    end = day
    count = 0
    while day in warm or day in rest:
        count += day in warm
        day -= ONE_DAY
    return Run(count, end) if count else None
