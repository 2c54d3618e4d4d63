"""Streak rules, table-driven: daily streaks, weekly goals scaled by rest days, weekly streaks."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime, timedelta
from functools import partial
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oxytui.core.model import ContactDraft
from oxytui.core.model import Settings as _Settings
from oxytui.core.streaks import (
    History,
    all_weeks,
    daily_streak,
    ended_because,
    scaled_goal,
    summarize,
    week_progress,
    weekly_ended_because,
    weekly_streak,
)
from oxytui.reports import history_of, streak_summary
from oxytui.store import Store
from tests.conftest import BERLIN, FakeClock

# These tests were written for goals of 5 warm days and 3 recalls a week; they pin them, so a change
# of the defaults (now 4 and 2) does not change what they check.
Settings = partial(_Settings, goal_warm_days=5, goal_recalls=3)

TODAY = date(2026, 11, 25)  # a Wednesday


def days(*offsets: int) -> set[date]:
    """Days given as offsets from TODAY."""
    return {TODAY + timedelta(days=offset) for offset in offsets}


def span(first: int, last: int) -> set[date]:
    """Every day from offset `first` to offset `last`, inclusive."""
    return days(*range(first, last + 1))


DAILY_CASES = [
    # name, warm, rest, current, longest, broken_on offset
    ("empty history", set(), set(), 0, 0, None),
    ("one day, today", days(0), set(), 1, 1, None),
    ("one day, yesterday, today not yet warm", days(-1), set(), 1, 1, None),
    ("one day, two days ago", days(-2), set(), 0, 1, -1),
    ("gap in the middle", days(-5, -4, -3, -1, 0), set(), 2, 3, -2),
    ("today empty keeps it alive", days(-3, -2, -1), set(), 3, 3, None),
    ("yesterday empty breaks it", days(-3, -2, 0), set(), 1, 2, -1),
    ("rest day in the middle is skipped", days(-4, -3, -1, 0), days(-2), 4, 4, None),
    ("rest days at the start", span(-3, 0), days(-5, -4), 4, 4, None),
    ("rest day today", span(-3, -1), days(0), 3, 3, None),
    ("rest yesterday, today not yet warm", days(-3, -2), days(-1), 2, 2, None),
    ("a rest day is not warm on its own", set(), days(-1, 0), 0, 0, None),
    ("warm and rest on one day counts as warm", days(-1, 0), days(-1), 2, 2, None),
    ("longest in the past", span(-20, -11) | days(-1), set(), 1, 10, -10),
    ("one day four days ago: the first day missed", days(-4), set(), 0, 1, -3),
    ("rest days after the last warm day are not the day missed", days(-5), days(-4, -3), 0, 1, -2),
    ("a gap after rest days still breaks", days(-6, -5, -1, 0), days(-4, -3), 2, 2, -2),
    ("future days are ignored", days(0, 1, 2), set(), 1, 1, None),
]


@pytest.mark.parametrize(
    ("warm", "rest", "current", "longest", "broken"),
    [case[1:] for case in DAILY_CASES],
    ids=[case[0] for case in DAILY_CASES],
)
def test_daily_streak(
    warm: set[date], rest: set[date], current: int, longest: int, broken: int | None
) -> None:
    streak = daily_streak(warm, rest, TODAY)
    assert (streak.current, streak.longest) == (current, longest)
    assert streak.broken_on == (None if broken is None else TODAY + timedelta(days=broken))
    assert streak.today_warm == (TODAY in warm)


def test_year_boundary() -> None:
    today = date(2027, 1, 2)
    warm = {date(2026, 12, 27) + timedelta(days=i) for i in range(7)}
    streak = daily_streak(warm - {date(2026, 12, 31)}, {date(2026, 12, 31)}, today)
    assert (streak.current, streak.longest) == (6, 6)
    before = {d for d in warm if d < date(2026, 12, 30)}
    assert ended_because(daily_streak(before, set(), today), today) == (
        "ended Thu 31 Dec 2026: nothing logged on Wed 30 Dec 2026"
    )


def test_ended_because_sentence() -> None:
    today = date(2024, 11, 15)
    warm = {date(2024, 11, 8), date(2024, 11, 9), date(2024, 11, 10)}
    streak = daily_streak(warm, set(), today)
    assert ended_because(streak, today) == "ended Tue 12 Nov: nothing logged on Mon 11 Nov"
    assert ended_because(daily_streak(warm, set(), date(2024, 11, 10)), date(2024, 11, 10)) is None


def test_ended_because_names_the_first_day_missed() -> None:
    # One warm day four days ago and nothing since: the run ended when the day after it was missed,
    # not today because yesterday was empty.
    today = date(2026, 11, 27)
    streak = daily_streak({date(2026, 11, 23)}, set(), today)
    assert ended_because(streak, today) == "ended Wed 25 Nov: nothing logged on Tue 24 Nov"


def test_no_ended_sentence_while_a_streak_is_alive() -> None:
    today = date(2024, 11, 13)
    warm = {date(2024, 11, 8), date(2024, 11, 9), date(2024, 11, 10), date(2024, 11, 12), today}
    streak = daily_streak(warm, set(), today)
    assert streak.current == 2 and streak.broken_on == date(2024, 11, 11)
    assert ended_because(streak, today) is None
    assert summarize(History.of_days(warm), Settings(), today).ended_because is None


def test_a_warm_day_marked_as_rest_does_not_lower_the_goal() -> None:
    # Four warm days; marking two of them as rest must not turn a missed goal into a met one.
    monday = date(2026, 11, 16)
    warm = {monday + timedelta(days=i) for i in range(4)}
    marked = {monday, monday + timedelta(days=1)}
    history = History.of_days(warm, marked)
    week = week_progress(history, monday, Settings(goal_recalls=0), TODAY)
    assert (week.warm_days, week.rest_days, week.goal_warm_days, week.met) == (4, 0, 5, False)
    weeks = all_weeks(history, Settings(goal_recalls=0), TODAY)
    assert next(w for w in weeks if w.start == monday) == week
    assert daily_streak(history.warm, history.rest, monday + timedelta(days=3)).current == 4


SCALING = [(5, 0, 5), (5, 1, 4), (5, 2, 4), (5, 3, 3), (5, 6, 1), (5, 7, 0), (3, 1, 3), (3, 2, 2), (3, 3, 2)]
SCALING += [(3, 5, 1), (3, 6, 0), (7, 1, 6), (7, 7, 0), (0, 2, 0), (1, 3, 1), (1, 4, 0)]


@pytest.mark.parametrize(("goal", "rest", "expected"), SCALING)
def test_scaled_goal(goal: int, rest: int, expected: int) -> None:
    assert scaled_goal(goal, rest) == expected


WEEK_CASES = [
    # name, week_start, warm, rest, recall days, expected week start, warm days, recalls, goals
    ("monday week", "monday", span(-2, 0), set(), days(-2, 0), date(2026, 11, 23), 3, 2, (5, 3)),
    ("sunday week", "sunday", span(-3, 0), set(), days(-3), date(2026, 11, 22), 4, 1, (5, 3)),
    ("saturday week", "saturday", span(-5, 0), set(), set(), date(2026, 11, 21), 5, 0, (5, 3)),
    ("two rest days scale both", "monday", days(-2), days(-1, 0), days(-2), date(2026, 11, 23), 1, 1, (4, 2)),
    ("rest days outside the week", "monday", days(0), days(-3, -4), set(), date(2026, 11, 23), 1, 0, (5, 3)),
]


@pytest.mark.parametrize(
    ("week_start", "warm", "rest", "recalls", "start", "warm_days", "done", "goals"),
    [case[1:] for case in WEEK_CASES],
    ids=[case[0] for case in WEEK_CASES],
)
def test_week_progress(
    week_start: str,
    warm: set[date],
    rest: set[date],
    recalls: set[date],
    start: date,
    warm_days: int,
    done: int,
    goals: tuple[int, int],
) -> None:
    history = History.of_days(warm, rest, recalls)
    week = week_progress(history, TODAY, Settings(week_start=week_start), TODAY)
    assert (week.start, week.warm_days, week.recalls) == (start, warm_days, done)
    assert (week.goal_warm_days, week.goal_recalls) == goals
    assert week.in_progress
    assert week == all_weeks(history, Settings(week_start=week_start), TODAY)[-1]


def _full_week(monday: date, warm: int = 7, recalls: int = 3) -> tuple[set[date], list[date]]:
    return {monday + timedelta(days=i) for i in range(warm)}, [
        monday + timedelta(days=i) for i in range(recalls)
    ]


def _history(weeks: list[tuple[int, int]], rest: Collection[date] = ()) -> History:
    """Weeks before TODAY's week, oldest first, each as (warm days, recalls)."""
    warm: set[date] = set()
    recalls: list[date] = []
    this_monday = date(2026, 11, 23)
    for back, (w, r) in enumerate(reversed(weeks), 1):
        more_warm, more_recalls = _full_week(this_monday - timedelta(weeks=back), w, r)
        warm |= more_warm
        recalls += more_recalls
    return History.of_days(warm, rest, recalls)


WEEKLY_CASES = [
    ("no weeks", [], 0, 0),
    ("three met weeks, this week in progress", [(7, 3), (5, 3), (6, 4)], 3, 3),
    ("a missed week breaks the run", [(7, 3), (7, 3), (4, 3), (7, 3)], 1, 2),
    ("too few recalls misses", [(7, 3), (7, 2)], 0, 1),
    ("a week with nothing breaks it", [(7, 3), (0, 0), (7, 3)], 1, 1),
]


@pytest.mark.parametrize(
    ("weeks", "current", "longest"), [c[1:] for c in WEEKLY_CASES], ids=[c[0] for c in WEEKLY_CASES]
)
def test_weekly_streak(weeks: list[tuple[int, int]], current: int, longest: int) -> None:
    streak = weekly_streak(all_weeks(_history(weeks), Settings(), TODAY))
    assert (streak.current, streak.longest) == (current, longest)


def test_running_week_counts_once_met() -> None:
    history = History.of_days(span(-2, 0) | span(-9, -7), recalls=days(-2, -1, 0, -9, -8, -7))
    settings = Settings(goal_warm_days=3)
    assert weekly_streak(all_weeks(history, settings, TODAY)).current == 2
    assert weekly_streak(all_weeks(history, settings, TODAY - timedelta(days=1))).current == 1


def test_rest_days_rescue_a_week() -> None:
    monday = date(2026, 11, 16)
    warm = {monday + timedelta(days=i) for i in range(4)}
    rest = {monday + timedelta(days=5), monday + timedelta(days=6)}
    history = History.of_days(warm, rest, [monday, monday + timedelta(days=1)])
    week = week_progress(history, monday, Settings(), TODAY)
    assert (week.goal_warm_days, week.goal_recalls, week.met) == (4, 2, True)
    assert week_progress(History.of_days(warm, (), [monday]), monday, Settings(), TODAY).met is False


def test_all_rest_week_carries_the_run_over() -> None:
    rest = {date(2026, 11, 9) + timedelta(days=i) for i in range(7)}
    history = _history([(7, 3), (7, 3), (0, 0), (7, 3)], rest)
    streak = weekly_streak(all_weeks(history, Settings(), TODAY))
    assert (streak.current, streak.longest) == (3, 3)


def test_weekly_end_reason() -> None:
    weeks = all_weeks(_history([(7, 3), (4, 1), (7, 3)]), Settings(), TODAY)
    reason = weekly_ended_because(weekly_streak(weeks), TODAY)
    assert reason == "the week of Mon 9 Nov was a lighter week: 4 of 5 warm days, 1 of 3 recalls"


def test_summary_json_shape() -> None:
    history = History.of_days(span(-3, -1), recalls=days(-1))
    summary = summarize(history, Settings(), TODAY).as_json()
    assert summary == {
        "daily": {"current": 3, "longest": 3},
        "weekly": {"current": 0, "longest": 0},
        "week": {"start": "2026-11-23", "warm_days": 2, "recalls": 1, "goal_warm_days": 5, "goal_recalls": 3},
        "ended_because": None,
    }


def test_heat_levels() -> None:
    history = History.build([], [], [])
    assert history.level(TODAY) == 0
    assert [History(warmth={TODAY: score}).level(TODAY) for score in (1, 3, 4, 7, 9, 10, 30)] == [
        1,
        1,
        2,
        3,
        3,
        4,
        4,
    ]


def test_day_start_four_contact_at_half_past_midnight(db_path: Path) -> None:
    clock = FakeClock(datetime(2026, 11, 26, 0, 30, tzinfo=BERLIN))  # Thursday 00:30
    store = Store.open(db_path, clock=clock)
    contact = store.add_contact(ContactDraft("Sam", "hug"))
    assert contact.day == date(2026, 11, 25)
    summary = streak_summary(store)
    assert (summary.daily.current, summary.daily.today_warm) == (1, True)
    clock.now = datetime(2026, 11, 26, 4, 1, tzinfo=BERLIN)
    summary = streak_summary(store)
    assert (summary.daily.current, summary.daily.today_warm) == (1, False)


def test_dst_week(db_path: Path) -> None:
    """The week of the October clock change: a contact each night at 00:30 lands on the evening before."""
    clock = FakeClock(datetime(2026, 10, 20, 0, 30, tzinfo=BERLIN))
    store = Store.open(db_path, clock=clock)
    for night in range(7):  # Tue 20 Oct 00:30 .. Mon 26 Oct 00:30; the clocks go back on Sun 25 Oct
        clock.now = datetime(2026, 10, 20 + night, 0, 30, tzinfo=BERLIN)
        store.add_contact(ContactDraft("Alex", "cuddle"))
    assert sorted(c.day for c in store.all_contacts()) == [
        date(2026, 10, 19) + timedelta(days=i) for i in range(7)
    ]
    week = week_progress(history_of(store), date(2026, 10, 25), store.settings, store.today())
    assert (week.start, week.warm_days, week.in_progress) == (date(2026, 10, 19), 7, True)
    assert streak_summary(store).daily.current == 7


day_offsets = st.sets(st.integers(min_value=-60, max_value=0), max_size=45)


@given(warm=day_offsets, rest=day_offsets, extra=st.integers(min_value=-60, max_value=0))
def test_current_never_exceeds_longest_and_more_warmth_never_shortens(
    warm: set[int], rest: set[int], extra: int
) -> None:
    warm_days, rest_days = days(*warm), days(*rest)
    before = daily_streak(warm_days, rest_days, TODAY)
    after = daily_streak(warm_days | days(extra), rest_days, TODAY)
    assert before.current <= before.longest
    assert after.current <= after.longest
    assert after.current >= before.current
    assert after.longest >= before.longest
    settings = Settings(goal_warm_days=4, goal_recalls=0)
    weekly_before = weekly_streak(all_weeks(History.of_days(warm_days, rest_days), settings, TODAY))
    weekly_after = weekly_streak(
        all_weeks(History.of_days(warm_days | days(extra), rest_days), settings, TODAY)
    )
    assert weekly_before.current <= weekly_before.longest
    assert weekly_after.current >= weekly_before.current
    assert weekly_after.longest >= weekly_before.longest


def test_week_across_the_new_year() -> None:
    """The week of Mon 28 Dec 2026 holds days of two years and is still one week."""
    warm = {date(2026, 12, 28) + timedelta(days=i) for i in range(7)}
    today = date(2027, 1, 6)
    weeks = all_weeks(History.of_days(warm, recalls=sorted(warm)[:3]), Settings(), today)
    assert [(w.start, w.warm_days, w.recalls, w.met) for w in weeks] == [
        (date(2026, 12, 28), 7, 3, True),
        (date(2027, 1, 4), 0, 0, False),
    ]
    assert weekly_streak(weeks).current == 1  # the running week is in progress, not a break


def test_all_weeks_is_kept_only_for_the_same_history_settings_and_today() -> None:
    monday = date(2026, 11, 23)
    history = History.of_days([monday - timedelta(days=n) for n in range(0, 40, 2)])
    settings = Settings(goal_warm_days=3, goal_recalls=0)  # every other day: each full week meets it
    first = all_weeks(history, settings, monday)
    first.clear()  # a caller changing its list does not change the kept weeks
    again = all_weeks(history, settings, monday)
    assert again and again == all_weeks(History.of_days(history.warm), settings, monday)
    stricter = Settings(goal_warm_days=7, goal_recalls=0)
    assert all(not week.met for week in all_weeks(history, stricter, monday))
    assert any(week.met for week in all_weeks(history, settings, monday))
    later = all_weeks(history, settings, monday + timedelta(days=7))
    assert len(later) == len(again) + 1
    more = History.of_days(history.warm | {monday + timedelta(days=1)})
    assert all_weeks(more, settings, monday + timedelta(days=1))[-1].warm_days == 2


@given(
    warm=day_offsets,
    rest=day_offsets,
    recalls=st.lists(st.integers(min_value=-60, max_value=3), max_size=12),
    future=st.sets(st.integers(min_value=1, max_value=20), max_size=3),
    week_start=st.sampled_from(["monday", "wednesday", "sunday"]),
)
def test_every_week_of_all_weeks_is_that_weeks_progress(
    warm: set[int], rest: set[int], recalls: list[int], future: set[int], week_start: str
) -> None:
    """all_weeks counts every week at once; each must be what week_progress finds for that week alone.
    Days after today (a clock set back) count in neither."""
    history = History.of_days(days(*warm, *future), days(*rest), [TODAY + timedelta(days=d) for d in recalls])
    settings = Settings(week_start=week_start, goal_recalls=1)
    weeks = all_weeks(history, settings, TODAY)
    assert weeks[-1].in_progress and not any(week.in_progress for week in weeks[:-1])
    for week in weeks:
        assert week == week_progress(history, week.start, settings, TODAY)
    assert all(b.start - a.start == timedelta(days=7) for a, b in pairwise(weeks))
