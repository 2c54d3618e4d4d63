"""The logical day and calendar weeks. All day arithmetic uses `date` objects, never timestamps."""

from __future__ import annotations

import os
from datetime import date, datetime, timedelta

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def now_local() -> datetime:
    """The current time as an aware datetime in the local time zone.

    Raises ValidationError (field "clock") when the clock and time zone give no time a datetime can
    hold, such as TZ=UTC+99 (an offset of 99 hours) or a clock past the year 9999.
    """
    try:
        return datetime.now().astimezone()
    except (ValueError, OverflowError, OSError):
        from oxytui.core.model import ValidationError  # model imports this module

        zone = os.environ.get("TZ")
        named = "" if zone is None else f" (TZ={zone!r})"
        raise ValidationError(
            {
                "clock": f"the clock and time zone{named} give no usable local time: check the clock, "
                "and set TZ to a zone such as Europe/London or unset it, then try again"
            }
        ) from None


def logical_day(moment: datetime, day_start_hour: int) -> date:
    """The day `moment` belongs to when days start at `day_start_hour` (wall-clock time)."""
    return (moment - timedelta(hours=day_start_hour)).date()


def next_rollover(moment: datetime, day_start_hour: int) -> datetime:
    """The first wall-clock moment after `moment` at which the logical day changes."""
    day = logical_day(moment, day_start_hour)
    return datetime.combine(day + timedelta(days=1), datetime.min.time(), moment.tzinfo) + timedelta(
        hours=day_start_hour
    )


def week_start_index(week_start: str) -> int:
    """The weekday number (Monday 0) of a week start name such as 'monday'."""
    return WEEKDAYS.index(week_start.lower())


def week_first_day(day: date, week_start: str = "monday") -> date:
    """The first day of the calendar week holding `day` (its last day may lie past date.max)."""
    return day - timedelta(days=(day.weekday() - week_start_index(week_start)) % 7)


def week_bounds(day: date, week_start: str = "monday") -> tuple[date, date]:
    """The first and last day of the calendar week holding `day`."""
    first = week_first_day(day, week_start)
    return first, first + timedelta(days=6)


def week_days(day: date, week_start: str = "monday") -> list[date]:
    """The seven days of the calendar week holding `day`."""
    first, _ = week_bounds(day, week_start)
    return [first + timedelta(days=i) for i in range(7)]


def iso_day(text: str) -> date:
    """The day `text` writes as YYYY-MM-DD in ASCII digits, the one spelling of a day oxytui takes
    anywhere; ValueError for others that date.fromisoformat also reads ('20261129', '2026-W48-1')."""
    if len(text) != 10 or text[4] != "-" or text[7] != "-" or not text.isascii():
        raise ValueError(f"{text!r} is not written YYYY-MM-DD")
    return date.fromisoformat(text)


def parse_day(text: str, today: date) -> date:
    """Parse 'today', 'yesterday' or an ISO date (YYYY-MM-DD); raise ValueError otherwise."""
    word = text.strip().lower()
    if word == "today":
        return today
    if word == "yesterday":
        return today - timedelta(days=1)
    try:
        return iso_day(word)
    except ValueError:
        raise ValueError(f"{text!r} is not a day: use YYYY-MM-DD, 'today' or 'yesterday'") from None


def format_day(day: date) -> str:
    """A short human form such as 'Tue 24 Nov 2026'."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def utc_offset_text(moment: datetime) -> str:
    """The UTC offset of an aware datetime as '+01:00'."""
    offset = moment.utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    minutes = abs(minutes)
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"
