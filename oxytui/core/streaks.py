"""Streaks: warm days, the daily streak and why a streak ended. Pure and fast."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True, slots=True)
class DailyStreak:
    """The current and the longest run of warm days (rest days skipped over)."""

    current: int
    longest: int


def warm_days(contact_days: Iterable[date], completed_recall_days: Iterable[date]) -> set[date]:
    """Days with at least one warm contact or one completed recall."""
    return set(contact_days) | set(completed_recall_days)


def daily_streak(warm: set[date], rest: set[date], today: date) -> DailyStreak:
    """The daily streak on `today`: today not yet warm keeps yesterday's streak alive."""
    day = today if today in warm or today in rest else today - timedelta(days=1)
    current = 0
    while True:
        if day in warm:
            current += 1
        elif day not in rest:
            break
        day -= timedelta(days=1)
        if current == 0 and not any(d <= day for d in warm):
            break
    longest = run = 0
    days = sorted(d for d in warm | rest if d <= today)
    previous: date | None = None
    for day in days:
        if previous is not None and day - previous > timedelta(days=1):
            run = 0
        if day in warm:
            run += 1
            longest = max(longest, run)
        previous = day
    return DailyStreak(current=current, longest=max(longest, current))
