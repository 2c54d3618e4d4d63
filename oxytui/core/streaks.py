"""Streaks: warm days, the daily and weekly streaks, weekly goals and why a streak ended. Pure and fast.

The rules (shown to the user in the help screen):

- A warm day has at least one warm contact or one completed recall. A day that is both warm and marked
  as a rest day is a warm day and nothing else: it counts towards the streaks and the weekly goal, and
  it does not scale the goal down. Only a rest day with nothing logged lowers the week's goals, so the
  goal can never be met by marking days that already count.
- The daily streak is the run of warm days up to today; a rest day is skipped over (it neither breaks nor
  counts). Today not yet warm does not break it.
- A calendar week (from `week_start`) meets the goal when it has at least `goal_warm_days` warm days and
  `goal_recalls` completed recalls, each scaled down by that week's rest days (see `scaled_goal`).
  The weekly streak is the run of weeks meeting the goal; the running week is in progress, never a break,
  and a week made only of rest days is skipped over like a rest day. The goals in force now are applied
  to every week.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import repeat

from oxytui.core.days import week_bounds
from oxytui.core.figures import week_shortfall
from oxytui.core.model import Contact, Recall, Settings

ONE_DAY = timedelta(days=1)
RECALL_WARMTH = 2  # what one completed recall adds to a day's warmth score
LEVEL_STEPS = (1, 4, 7, 10)  # warmth score at which heatmap levels 1, 2, 3 and 4 begin, when fixed
LEVEL_WINDOW = 371  # days (53 weeks) whose scores set the heatmap levels


def warm_days(contact_days: Iterable[date], completed_recall_days: Iterable[date]) -> set[date]:
    """Days with at least one warm contact or one completed recall."""
    return set(contact_days) | set(completed_recall_days)


@dataclass(frozen=True, slots=True)
class History:
    """What the streaks are computed from: warm days, rest days, completed recalls and warmth by day."""

    warm: frozenset[date] = frozenset()
    rest: frozenset[date] = frozenset()
    recalls: dict[date, int] = field(default_factory=dict)
    warmth: dict[date, int] = field(default_factory=dict)
    steps: tuple[int, ...] = LEVEL_STEPS
    # The weeks worked out from this history, by settings and today: a history is built once per
    # version of the data, so these go with it (the Streaks pane and the review ask for the same).
    weeks: dict[tuple[Settings, date], tuple[WeekProgress, ...]] = field(
        default_factory=dict, compare=False, repr=False
    )

    @classmethod
    def build(cls, contacts: Iterable[Contact], recalls: Iterable[Recall], rest: Iterable[date]) -> History:
        """The history of these records (only completed recalls count); heatmap levels follow its scores."""
        warmth: dict[date, int] = {}
        score = warmth.get
        for contact in contacts:
            day = contact.day
            warmth[day] = score(day, 0) + contact.warmth
        done = Counter(recall.day for recall in recalls if recall.completed)
        for day, count in done.items():
            warmth[day] = score(day, 0) + RECALL_WARMTH * count
        return cls(frozenset(warmth), frozenset(rest), dict(done), warmth, level_steps(warmth))

    @classmethod
    def of_days(
        cls, warm: Iterable[date], rest: Iterable[date] = (), recalls: Iterable[date] = ()
    ) -> History:
        """A history from plain days (each warm day has warmth 3; `recalls` lists completed recall days)."""
        done = Counter(recalls)
        warm_set = frozenset(warm) | frozenset(done)
        return cls(warm_set, frozenset(rest), dict(done), dict.fromkeys(warm_set, 3))

    def level(self, day: date) -> int:
        """The heatmap level of `day`, 0 (nothing) to 4 (warmest), from its warmth score."""
        score = self.warmth.get(day, 0)
        return sum(1 for step in self.steps if score >= step)


def level_steps(warmth: dict[date, int]) -> tuple[int, ...]:
    """Where heatmap levels 1–4 begin: at 1 and at the quartiles of the last year's warm-day scores.

    So about a quarter of warm days falls in each level whether someone logs one hug a day or ten,
    like a contribution graph. With fewer than 8 warm days the fixed LEVEL_STEPS are used.
    """
    if not warmth:
        return LEVEL_STEPS
    last = max(warmth)
    scores = sorted(v for d, v in warmth.items() if v > 0 and (last - d).days < LEVEL_WINDOW)
    if len(scores) < 8:
        return LEVEL_STEPS
    steps = [1]
    for quarter in (1, 2, 3):
        steps.append(max(steps[-1] + 1, scores[len(scores) * quarter // 4]))
    return tuple(steps)


# --- the daily streak ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DailyStreak:
    """The current and the longest run of warm days (rest days skipped over).

    `broken_on` is the first day missed (neither warm nor rest) after the most recent run that ended, or
    None when no run has ended. `today_warm` tells whether today already counts.
    """

    current: int
    longest: int
    broken_on: date | None = None
    today_warm: bool = False


def daily_streak(warm: Collection[date], rest: Collection[date], today: date) -> DailyStreak:
    """The daily streak on `today`: today not yet warm keeps yesterday's streak alive."""
    past_warm = [day for day in warm if day <= today]
    if not past_warm:
        return DailyStreak(0, 0)
    first = min(past_warm)
    day = today if today in warm else today - ONE_DAY
    current = 0
    while day >= first:
        if day in warm:
            current += 1
        elif day not in rest:
            break
        day -= ONE_DAY
    broken_on = None
    if day > first:  # a day neither warm nor rest ended a run: find the first one after the last warm day
        broken_on = day
        while day not in warm:
            if day not in rest:
                broken_on = day
            day -= ONE_DAY
    longest = run = 0
    previous: date | None = None
    for day in sorted({d for d in rest if first <= d <= today} | set(past_warm)):
        if previous is not None and day - previous > ONE_DAY:
            run = 0
        if day in warm:
            run += 1
            longest = max(longest, run)
        previous = day
    return DailyStreak(current, max(longest, current), broken_on, today in warm)


def short_day(day: date, today: date) -> str:
    """'Tue 12 Nov', with the year added when it is not this year's."""
    text = f"{day:%a} {day.day} {day:%b}"
    return text if day.year == today.year else f"{text} {day.year}"


def ended_because(streak: DailyStreak, today: date) -> str | None:
    """One sentence on why the last daily streak ended, or None when none has ended or one is alive.

    The run ended when its first missed day was over: "ended Tue 12 Nov: nothing logged on Mon 11 Nov".
    """
    if streak.broken_on is None or streak.current:
        return None
    missed = streak.broken_on
    return f"ended {short_day(missed + ONE_DAY, today)}: nothing logged on {short_day(missed, today)}"


# --- weekly goals ----------------------------------------------------------------------------


def scaled_goal(goal: int, rest_days: int) -> int:
    """A weekly goal scaled down by the week's rest days.

    The goal becomes goal × (7 − rest days) / 7, rounded to the nearest whole number (never exactly a
    half, since goals are whole numbers and a week has seven days). A goal of 5 warm days with one rest
    day is 4 (4.29), with two rest days 4 (3.57); a goal of 3 recalls with one rest day stays 3 (2.57),
    with two it is 2 (2.14); a week of seven rest days has goals of 0.
    """
    rest_days = min(max(rest_days, 0), 7)
    return (2 * goal * (7 - rest_days) + 7) // 14


@dataclass(frozen=True, slots=True)
class WeekProgress:
    """One calendar week against the weekly goals (already scaled by its rest days).

    `rest_days` counts only rest days with nothing warm on them: those are the ones that scale the goals.
    """

    start: date
    warm_days: int
    recalls: int
    rest_days: int
    goal_warm_days: int
    goal_recalls: int
    in_progress: bool = False

    @property
    def end(self) -> date:
        """The last day of the week."""
        return self.start + timedelta(days=6)

    @property
    def met(self) -> bool:
        """True when both goals are reached."""
        return self.warm_days >= self.goal_warm_days and self.recalls >= self.goal_recalls

    @property
    def all_rest(self) -> bool:
        """True when every day of the week is a rest day (the week neither breaks nor extends)."""
        return self.rest_days >= 7

    def shortfall(self) -> str:
        """'3 of 5 warm days, 1 of 3 recalls' (worded by core/figures.py)."""
        return week_shortfall(self)


def week_progress(history: History, day: date, settings: Settings, today: date) -> WeekProgress:
    """The calendar week holding `day`, counted from `history` with the goals of `settings`."""
    start, end = week_bounds(day, settings.week_start)
    days = [start + timedelta(days=i) for i in range(7) if start + timedelta(days=i) <= today]
    warm = sum(1 for d in days if d in history.warm)
    rest = sum(1 for d in days if d in history.rest and d not in history.warm)
    recalls = sum(history.recalls.get(d, 0) for d in days)
    return WeekProgress(
        start=start,
        warm_days=warm,
        recalls=recalls,
        rest_days=rest,
        goal_warm_days=scaled_goal(settings.goal_warm_days, rest),
        goal_recalls=scaled_goal(settings.goal_recalls, rest),
        in_progress=start <= today <= end,
    )


def all_weeks(history: History, settings: Settings, today: date) -> list[WeekProgress]:
    """Every week from the first warm or rest day up to the running week, oldest first."""
    key = (settings, today)
    if key not in history.weeks:
        history.weeks.clear()  # one today and one set of settings at a time
        history.weeks[key] = tuple(_all_weeks(history, settings, today))
    return list(history.weeks[key])


def _all_weeks(history: History, settings: Settings, today: date) -> list[WeekProgress]:
    days = [d for d in history.warm | history.rest if d <= today]
    if not days:
        return [week_progress(history, today, settings, today)]
    start, _ = week_bounds(min(days), settings.week_start)
    current, _ = week_bounds(today, settings.week_start)
    first, last = start.toordinal(), today.toordinal()
    count = (current.toordinal() - first) // 7 + 1
    warm, rest, recalls = [0] * count, [0] * count, [0] * count  # by week: 0 is the week of `start`

    def tally(weeks: list[int], days: Iterable[date], numbers: Iterable[int]) -> None:
        for ordinal, number in zip(map(date.toordinal, days), numbers, strict=False):
            if ordinal <= last:
                weeks[(ordinal - first) // 7] += number

    tally(warm, history.warm, repeat(1))
    tally(rest, history.rest - history.warm, repeat(1))  # a day both warm and rest is only warm
    tally(recalls, history.recalls, history.recalls.values())
    weeks = []
    for index in range(count):
        rested = min(rest[index], 7)
        week = start + timedelta(days=7 * index)
        weeks.append(
            WeekProgress(
                start=week,
                warm_days=warm[index],
                recalls=recalls[index],
                rest_days=rested,
                goal_warm_days=scaled_goal(settings.goal_warm_days, rested),
                goal_recalls=scaled_goal(settings.goal_recalls, rested),
                in_progress=week == current,
            )
        )
    return weeks


@dataclass(frozen=True, slots=True)
class WeeklyStreak:
    """The current and longest run of weeks meeting the goal, and the last week that missed it."""

    current: int
    longest: int
    last_missed: WeekProgress | None = None


def weekly_runs(weeks: list[WeekProgress]) -> list[int]:
    """For each week, the run of goal-meeting weeks up to and including it (rest weeks carry it over)."""
    runs = []
    run = 0
    for week in weeks:
        if week.met and not week.all_rest:
            run += 1
        elif not week.all_rest and not week.in_progress:
            run = 0
        runs.append(run)
    return runs


def weekly_streak(weeks: list[WeekProgress]) -> WeeklyStreak:
    """The weekly streak over `weeks` (oldest first, the last may be in progress)."""
    runs = weekly_runs(weeks)
    missed = [w for w in weeks if not w.met and not w.all_rest and not w.in_progress]
    return WeeklyStreak(
        current=runs[-1] if runs else 0,
        longest=max(runs, default=0),
        last_missed=missed[-1] if missed else None,
    )


def weekly_ended_because(streak: WeeklyStreak, today: date) -> str | None:
    """One sentence on the last week that paused the weekly streak, or None when every week met the goal."""
    week = streak.last_missed
    if week is None:
        return None
    return f"the week of {short_day(week.start, today)} was a lighter week: {week.shortfall()}"


# --- everything at once ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StreakSummary:
    """Both streaks, this week's progress and the reason the daily streak last ended."""

    daily: DailyStreak
    weekly: WeeklyStreak
    week: WeekProgress
    ended_because: str | None

    def as_json(self) -> dict[str, object]:
        """The form `oxytui streak --json` prints."""
        return {
            "daily": {"current": self.daily.current, "longest": self.daily.longest},
            "weekly": {"current": self.weekly.current, "longest": self.weekly.longest},
            "week": {
                "start": self.week.start.isoformat(),
                "warm_days": self.week.warm_days,
                "recalls": self.week.recalls,
                "goal_warm_days": self.week.goal_warm_days,
                "goal_recalls": self.week.goal_recalls,
            },
            "ended_because": self.ended_because,
        }


def summarize(history: History, settings: Settings, today: date) -> StreakSummary:
    """Every streak figure for `today`."""
    daily = daily_streak(history.warm, history.rest, today)
    weeks = all_weeks(history, settings, today)
    return StreakSummary(daily, weekly_streak(weeks), weeks[-1], ended_because(daily, today))
