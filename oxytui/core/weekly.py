"""The weekly review: one calendar week's numbers against the goals, and the same as Markdown."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from oxytui.core.figures import goal_state, plural
from oxytui.core.model import Contact, Recall, Settings
from oxytui.core.runs import last_run
from oxytui.core.streaks import (
    History,
    WeekProgress,
    all_weeks,
    daily_streak,
    week_progress,
    weekly_runs,
)
from oxytui.core.text import markdown_text

MIN_GROUP = 2  # recalls needed on each side before comparing after-recall stress
TOP = 5  # people and kinds listed


@dataclass(frozen=True, slots=True)
class Average:
    """A mean over `count` values (None when there were none)."""

    value: float | None
    count: int

    @classmethod
    def of(cls, values: Iterable[float]) -> Average:
        """The mean of `values`."""
        items = list(values)
        return cls(sum(items) / len(items) if items else None, len(items))


@dataclass(frozen=True, slots=True)
class WeeklyReview:
    """What the weekly review shows for one calendar week."""

    progress: WeekProgress
    contacts: int
    recalls_started: int
    people: list[tuple[str, int]]
    kinds: list[tuple[str, int]]
    more_people: int
    more_kinds: int
    stress_change: Average
    connected_change: Average
    after_stress_warm: Average
    after_stress_cold: Average
    streak_sentence: str

    @property
    def start(self) -> date:
        """The first day of the week."""
        return self.progress.start

    @property
    def end(self) -> date:
        """The last day of the week."""
        return self.progress.end

    @property
    def enough_for_comparison(self) -> bool:
        """True when both sides of the warm-day comparison have at least MIN_GROUP recalls."""
        return min(self.after_stress_warm.count, self.after_stress_cold.count) >= MIN_GROUP


def _streak_sentence(history: History, settings: Settings, today: date, week: WeekProgress) -> str:
    """How the week stands; a lighter week reads as a pause, a past run as an achievement.

    In gentle mode no streak numbers are given.
    """
    weeks = all_weeks(history, settings, today)
    runs = weekly_runs(weeks)
    index = next((i for i, w in enumerate(weeks) if w.start == week.start), None)
    if index is None:
        return "Nothing logged yet by this week: any week is a fine week to begin."
    run, before = runs[index], runs[index - 1] if index else 0
    plural = "week" if run == 1 else "weeks"
    gentle = settings.gentle
    if week.all_rest:
        text = "A week of rest." if gentle else f"A week of rest: the weekly streak stays at {run} {plural}."
    elif week.in_progress and not week.met:
        text = f"In progress ({week.shortfall()})" + (
            "." if gentle else f"; the weekly streak stands at {run} {plural}."
        )
    elif week.met:
        text = "Goal reached this week." if gentle else f"Goal reached: {run} {plural} in a row meeting it."
    elif before and not gentle:
        text = (
            f"A lighter week ({week.shortfall()}), a pause after {before} "
            f"{'week' if before == 1 else 'weeks'} in a row meeting the goal."
        )
    else:
        text = f"A lighter week ({week.shortfall()}): a pause, and the next week starts fresh."
    if week.in_progress and not gentle:
        daily = daily_streak(history.warm, history.rest, today)
        # While a run is going on, nothing is said about the one before it.
        past = None if daily.current else last_run(history.warm, history.rest, daily)
        days = "day" if daily.current == 1 else "days"
        text += f" Daily streak {daily.current} {days}" + (
            f"; last run: {past.words(today)}." if past else "."
        )
    return text


def build_review(
    day: date,
    contacts: Iterable[Contact],
    recalls: Iterable[Recall],
    history: History,
    settings: Settings,
    today: date,
) -> WeeklyReview:
    """The review of the week holding `day`; `contacts` and `recalls` may hold other weeks too."""
    week = week_progress(history, day, settings, today)
    inside = {week.start + timedelta(days=i) for i in range(7)}
    week_contacts = [c for c in contacts if c.day in inside]
    week_recalls = [r for r in recalls if r.day in inside]
    done = [r for r in week_recalls if r.completed]
    contact_days = {c.day for c in week_contacts}
    people = Counter(c.who for c in week_contacts)
    kinds = Counter(c.kind for c in week_contacts)
    return WeeklyReview(
        progress=week,
        contacts=len(week_contacts),
        recalls_started=len(week_recalls),
        people=people.most_common(TOP),
        kinds=kinds.most_common(TOP),
        more_people=max(0, len(people) - TOP),
        more_kinds=max(0, len(kinds) - TOP),
        stress_change=Average.of(
            r.after.stress - r.before.stress
            for r in done
            if r.after.stress is not None and r.before.stress is not None
        ),
        connected_change=Average.of(
            r.after.connected - r.before.connected
            for r in done
            if r.after.connected is not None and r.before.connected is not None
        ),
        after_stress_warm=Average.of(
            r.after.stress for r in done if r.after.stress is not None and r.day in contact_days
        ),
        after_stress_cold=Average.of(
            r.after.stress for r in done if r.after.stress is not None and r.day not in contact_days
        ),
        streak_sentence=_streak_sentence(history, settings, today, week),
    )


def signed(value: float | None) -> str:
    """'+1.5', '−2.0' or '–' when there is no value."""
    if value is None:
        return "–"
    return f"{value:+.1f}".replace("-", "−")


def _goal(count: int, goal: int, in_progress: bool) -> str:
    state = goal_state(count, goal, in_progress)
    return state if goal <= 0 else f"goal {goal}, {state}"


def _top(counted: list[tuple[str, int]], more: int, show: Callable[[str], str]) -> str:
    """'Mia ×3, Sam ×2 and 2 more', or 'none logged'."""
    text = ", ".join(f"{show(name)} ×{n}" for name, n in counted) or "none logged"
    return text + (f" and {more} more" if more else "")


def review_lines(
    review: WeeklyReview,
    clean: Callable[[str], str] = lambda text: text,
    kind_label: Callable[[str], str] = lambda kind: kind,
) -> list[str]:
    """The review as plain lines (no markup), user text passed through `clean`, kinds through `kind_label`."""
    week = review.progress
    lines = [
        f"Warm days: {week.warm_days} ({_goal(week.warm_days, week.goal_warm_days, week.in_progress)})"
        + (f"; {plural(week.rest_days, 'rest day')}" if week.rest_days else ""),
        f"Recalls completed: {week.recalls} ({_goal(week.recalls, week.goal_recalls, week.in_progress)}); "
        f"started {review.recalls_started}",
        f"Warm contacts: {review.contacts}",
        "People: " + _top(review.people, review.more_people, clean),
        "Kinds: " + _top(review.kinds, review.more_kinds, lambda kind: clean(kind_label(kind))),
    ]
    if review.stress_change.count or review.connected_change.count:
        lines.append(
            f"Over recalls: stress {signed(review.stress_change.value)} "
            f"(n={review.stress_change.count}), connected {signed(review.connected_change.value)} "
            f"(n={review.connected_change.count})"
        )
    else:
        lines.append("Over recalls: no before and after ratings this week")
    if review.enough_for_comparison:
        warm, cold = review.after_stress_warm, review.after_stress_cold
        lines.append(
            f"After-recall stress: {warm.value:.1f} on days with a warm contact (n={warm.count}), "
            f"{cold.value:.1f} on days without (n={cold.count})"
        )
    else:
        lines.append(
            f"After-recall stress by day: not enough data (needs {MIN_GROUP} recalls on days with and "
            "without a warm contact)"
        )
    lines.append(review.streak_sentence)
    return lines


def review_title(review: WeeklyReview) -> str:
    """'Week of Mon 9 Nov – Sun 15 Nov 2026'."""
    start, end = review.start, review.end
    return f"Week of {start:%a} {start.day} {start:%b} – {end:%a} {end.day} {end:%b %Y}"


def review_markdown(
    review: WeeklyReview,
    clean: Callable[[str], str] = lambda text: text,
    kind_label: Callable[[str], str] = lambda kind: kind,
) -> str:
    """The review as a Markdown document."""
    escape: Callable[[str], str] = lambda text: markdown_text(clean(text))  # noqa: E731
    body = "\n".join(f"- {line}" for line in review_lines(review, escape, kind_label))
    return f"# oxytui weekly review\n\n## {review_title(review)}\n\n{body}\n"
