"""The logical day, weeks, day parsing and the rollover, including both DST changes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from oxytui.core.days import (
    WEEKDAYS,
    format_day,
    logical_day,
    next_rollover,
    parse_day,
    utc_offset_text,
    week_bounds,
    week_days,
    week_start_index,
)

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")

# The four DST nights of 2026: (zone, local date of the change).
SPRING_BERLIN = (BERLIN, date(2026, 3, 29))
FALL_BERLIN = (BERLIN, date(2026, 10, 25))
SPRING_NEW_YORK = (NEW_YORK, date(2026, 3, 8))
FALL_NEW_YORK = (NEW_YORK, date(2026, 11, 1))
DST_NIGHTS = [SPRING_BERLIN, FALL_BERLIN, SPRING_NEW_YORK, FALL_NEW_YORK]


@pytest.mark.parametrize(
    ("hour", "minute", "day", "expected"),
    [
        (23, 59, 25, date(2026, 11, 25)),
        (0, 0, 26, date(2026, 11, 25)),
        (0, 30, 26, date(2026, 11, 25)),
        (3, 59, 26, date(2026, 11, 25)),
        (4, 0, 26, date(2026, 11, 26)),
        (4, 1, 26, date(2026, 11, 26)),
    ],
)
def test_logical_day_around_the_start_hour(hour: int, minute: int, day: int, expected: date) -> None:
    moment = datetime(2026, 11, day, hour, minute, tzinfo=BERLIN)
    assert logical_day(moment, 4) == expected


def test_logical_day_start_hour_zero_is_the_calendar_day() -> None:
    assert logical_day(datetime(2026, 11, 25, 23, 59, 59, tzinfo=BERLIN), 0) == date(2026, 11, 25)
    assert logical_day(datetime(2026, 11, 26, 0, 0, tzinfo=BERLIN), 0) == date(2026, 11, 26)


def test_logical_day_across_new_year_and_leap_day() -> None:
    assert logical_day(datetime(2027, 1, 1, 2, 0, tzinfo=UTC), 4) == date(2026, 12, 31)
    assert logical_day(datetime(2028, 3, 1, 3, 0, tzinfo=UTC), 4) == date(2028, 2, 29)


def _sweep(zone: ZoneInfo, night: date, start_hour: int) -> list[tuple[datetime, date]]:
    """Every minute from noon before the night to noon after it, as local times and their logical days."""
    start = datetime.combine(night - timedelta(days=1), datetime.min.time(), zone).replace(hour=12)
    first = start.astimezone(UTC)
    moments = [(first + timedelta(minutes=i)).astimezone(zone) for i in range(24 * 60 + 120)]
    return [(moment, logical_day(moment, start_hour)) for moment in moments]


@pytest.mark.parametrize(("zone", "night"), DST_NIGHTS)
@pytest.mark.parametrize("start_hour", [0, 1, 2, 3, 4, 5])
def test_logical_day_changes_once_per_dst_night(zone: ZoneInfo, night: date, start_hour: int) -> None:
    sweep = _sweep(zone, night, start_hour)
    days = [day for _, day in sweep]
    assert days == sorted(days), "the logical day never goes back, even when the clock does"
    changes = [
        moment for (moment, day), (_, previous) in zip(sweep[1:], sweep, strict=False) if day != previous
    ]
    assert len(changes) == 1
    changed_at = changes[0]
    assert logical_day(changed_at, start_hour) == night
    # The change happens at the first wall-clock time at or after the start hour.
    assert (changed_at.hour, changed_at.minute) >= (start_hour, 0)
    assert changed_at.hour <= start_hour + 1


@pytest.mark.parametrize(("zone", "night"), DST_NIGHTS)
def test_dst_night_at_four(zone: ZoneInfo, night: date) -> None:
    before = datetime.combine(night, datetime.min.time(), zone).replace(hour=3, minute=59)
    after = before.replace(hour=4, minute=0)
    assert logical_day(before, 4) == night - timedelta(days=1)
    assert logical_day(after, 4) == night


def test_fall_back_repeated_hour_belongs_to_the_day_before() -> None:
    for zone, night, hour in [(BERLIN, date(2026, 10, 25), 2), (NEW_YORK, date(2026, 11, 1), 1)]:
        for fold in (0, 1):
            moment = datetime(night.year, night.month, night.day, hour, 30, tzinfo=zone, fold=fold)
            assert logical_day(moment, 4) == night - timedelta(days=1)
        first = datetime(night.year, night.month, night.day, hour, 30, tzinfo=zone, fold=0)
        second = first.replace(fold=1)
        assert second.timestamp() - first.timestamp() == 3600  # really two different moments


@pytest.mark.parametrize(
    ("zone", "night", "real_hours"),
    [(BERLIN, date(2026, 3, 29), 23), (BERLIN, date(2026, 10, 25), 25), (NEW_YORK, date(2026, 3, 8), 23)],
)
def test_logical_day_lengths_on_dst_days(zone: ZoneInfo, night: date, real_hours: int) -> None:
    sweep = _sweep(zone, night, 4)
    start = next(moment for moment, day in sweep if day == night)
    length = next_rollover(start, 4).timestamp() - start.timestamp()
    # The day that began the evening before the change (at 04:00 on the day before) is 23 or 25 hours.
    before = next_rollover(start - timedelta(days=1), 4)
    assert before.timestamp() == start.timestamp()
    previous_start = datetime.combine(night - timedelta(days=1), datetime.min.time(), zone).replace(hour=4)
    assert start.timestamp() - previous_start.timestamp() == real_hours * 3600
    assert length == 24 * 3600


# --- next_rollover -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (datetime(2026, 11, 25, 21, 30, tzinfo=BERLIN), datetime(2026, 11, 26, 4, 0, tzinfo=BERLIN)),
        (datetime(2026, 11, 26, 2, 0, tzinfo=BERLIN), datetime(2026, 11, 26, 4, 0, tzinfo=BERLIN)),
        (datetime(2026, 11, 26, 3, 59, 59, tzinfo=BERLIN), datetime(2026, 11, 26, 4, 0, tzinfo=BERLIN)),
        (datetime(2026, 11, 26, 4, 0, tzinfo=BERLIN), datetime(2026, 11, 27, 4, 0, tzinfo=BERLIN)),
        (datetime(2026, 12, 31, 23, 0, tzinfo=BERLIN), datetime(2027, 1, 1, 4, 0, tzinfo=BERLIN)),
    ],
)
def test_next_rollover(moment: datetime, expected: datetime) -> None:
    rollover = next_rollover(moment, 4)
    assert rollover == expected
    assert rollover > moment
    assert logical_day(rollover, 4) == logical_day(moment, 4) + timedelta(days=1)
    assert logical_day(rollover - timedelta(microseconds=1), 4) == logical_day(moment, 4)


@pytest.mark.parametrize(
    ("zone", "evening", "hours_left"),
    [
        (BERLIN, datetime(2026, 3, 28, 22, 0), 5),  # spring forward: one hour less
        (BERLIN, datetime(2026, 10, 24, 22, 0), 7),  # fall back: one hour more
        (NEW_YORK, datetime(2026, 3, 7, 22, 0), 5),
        (NEW_YORK, datetime(2026, 10, 31, 22, 0), 7),
    ],
)
def test_next_rollover_across_dst(zone: ZoneInfo, evening: datetime, hours_left: int) -> None:
    moment = evening.replace(tzinfo=zone)
    rollover = next_rollover(moment, 4)
    assert (rollover.hour, rollover.minute) == (4, 0)
    assert rollover.timestamp() - moment.timestamp() == hours_left * 3600
    assert logical_day(rollover, 4) == evening.date() + timedelta(days=1)


def test_next_rollover_into_a_skipped_hour_is_the_moment_the_clock_jumps() -> None:
    # In Berlin 02:00 does not exist on 29 Mar 2026; days starting at 02:00 change when the clock jumps.
    rollover = next_rollover(datetime(2026, 3, 28, 23, 0, tzinfo=BERLIN), 2)
    assert rollover.timestamp() == datetime(2026, 3, 29, 1, 0, tzinfo=UTC).timestamp()


def test_next_rollover_with_fixed_offset() -> None:
    moment = datetime(2026, 6, 1, 12, 0, tzinfo=timezone(timedelta(hours=-7)))
    assert next_rollover(moment, 0) == datetime(2026, 6, 2, 0, 0, tzinfo=moment.tzinfo)


# --- weeks --------------------------------------------------------------------------------------


def test_week_bounds_examples() -> None:
    wednesday = date(2026, 11, 25)
    assert week_bounds(wednesday) == (date(2026, 11, 23), date(2026, 11, 29))
    assert week_bounds(wednesday, "sunday") == (date(2026, 11, 22), date(2026, 11, 28))
    assert week_bounds(wednesday, "wednesday") == (date(2026, 11, 25), date(2026, 12, 1))
    assert week_bounds(wednesday, "thursday") == (date(2026, 11, 19), date(2026, 11, 25))
    assert week_bounds(date(2027, 1, 1), "monday") == (date(2026, 12, 28), date(2027, 1, 3))


@pytest.mark.parametrize("week_start", WEEKDAYS)
def test_week_bounds_for_every_week_start(week_start: str) -> None:
    index = week_start_index(week_start)
    for offset in range(-20, 21):
        day = date(2026, 3, 29) + timedelta(days=offset)
        first, last = week_bounds(day, week_start)
        assert first.weekday() == index
        assert first <= day <= last
        assert last - first == timedelta(days=6)
        days = week_days(day, week_start)
        assert days == [first + timedelta(days=i) for i in range(7)]
        assert day in days
        assert week_bounds(first, week_start) == (first, last) == week_bounds(last, week_start)


def test_week_start_names_ignore_case() -> None:
    assert week_start_index("Sunday") == 6
    assert week_bounds(date(2026, 11, 25), "SUNDAY") == week_bounds(date(2026, 11, 25), "sunday")
    with pytest.raises(ValueError):
        week_start_index("someday")


# --- parsing and formatting ----------------------------------------------------------------------


TODAY = date(2026, 11, 25)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", TODAY),
        (" Today ", TODAY),
        ("yesterday", date(2026, 11, 24)),
        ("YESTERDAY", date(2026, 11, 24)),
        ("2026-11-20", date(2026, 11, 20)),
        (" 2024-02-29 ", date(2024, 2, 29)),
    ],
)
def test_parse_day(text: str, expected: date) -> None:
    assert parse_day(text, TODAY) == expected


def test_parse_day_yesterday_of_new_year() -> None:
    assert parse_day("yesterday", date(2027, 1, 1)) == date(2026, 12, 31)


@pytest.mark.parametrize("text", ["", "tomorrow", "2026-13-01", "2025-02-29", "25/11/2026", "2026-11-"])
def test_parse_day_refuses(text: str) -> None:
    with pytest.raises(ValueError, match="YYYY-MM-DD") as caught:
        parse_day(text, TODAY)
    assert repr(text) in str(caught.value)


def test_format_day() -> None:
    assert format_day(date(2026, 11, 25)) == "Wed 25 Nov 2026"
    assert format_day(date(2027, 1, 3)) == "Sun 3 Jan 2027"


@pytest.mark.parametrize(
    ("tz", "expected"),
    [
        (UTC, "+00:00"),
        (timezone(timedelta(hours=1)), "+01:00"),
        (timezone(-timedelta(hours=5, minutes=30)), "-05:30"),
        (timezone(timedelta(hours=14)), "+14:00"),
    ],
)
def test_utc_offset_text(tz: timezone, expected: str) -> None:
    assert utc_offset_text(datetime(2026, 6, 1, 12, tzinfo=tz)) == expected


def test_utc_offset_text_follows_dst() -> None:
    assert utc_offset_text(datetime(2026, 3, 29, 1, 59, tzinfo=BERLIN)) == "+01:00"
    assert utc_offset_text(datetime(2026, 3, 29, 3, 0, tzinfo=BERLIN)) == "+02:00"
    assert utc_offset_text(datetime(2026, 11, 1, 1, 30, tzinfo=NEW_YORK, fold=1)) == "-05:00"
