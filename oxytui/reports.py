"""Streak and weekly-review figures for a Store: what the command line and the Streaks pane show."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from oxytui.content import kind_label
from oxytui.core.days import week_bounds
from oxytui.core.figures import plural
from oxytui.core.people import due_people, week_people_lines
from oxytui.core.runs import last_run
from oxytui.core.streaks import History, StreakSummary, short_day, summarize
from oxytui.core.text import clean_line, markdown_text
from oxytui.store import Store

if TYPE_CHECKING:  # the weekly review is built on demand: the dashboard's first frame has none
    from oxytui.core.weekly import WeeklyReview


def history_of(store: Store) -> History:
    """The streak history of everything in `store`, built once per version of its data."""
    return store.derived(
        "history", lambda: History.build(store.all_contacts(), store.recalls(), store.rest_days())
    )


def streak_summary(store: Store, history: History | None = None) -> StreakSummary:
    """Every streak figure for the store's today; of the store's own history, worked out once per version
    of its data and per day (the Recall and Streaks panes both show it)."""
    today = store.today()
    if history is not None:
        return summarize(history, store.settings, today)
    return store.derived(
        ("streak summary", today), lambda: summarize(history_of(store), store.settings, today)
    )


def _days(count: int, unit: str = "day") -> str:
    return plural(count, unit)


def status_words(summary: StreakSummary, history: History, today: date, *, gentle: bool = False) -> str:
    """One kind line on the daily streak: tonight still open, counting, or the last run as an achievement."""
    daily = summary.daily
    if daily.current and not daily.today_warm:
        if gentle:
            return "Tonight is open."
        return f"{_days(daily.current)} in a row; tonight is open."
    if daily.current:
        return "Today is warm." if gentle else f"Today is warm: {_days(daily.current)} in a row."
    past = last_run(history.warm, history.rest, daily)
    if past is not None:
        if gentle:
            return f"Last run to {short_day(past.end, today)}. Any evening can start a new one."
        return f"Last run: {past.words(today)}. Any evening can start a new one."
    return "Any warm day starts a run."


def streak_text(summary: StreakSummary, history: History | None = None, today: date | None = None) -> str:
    """The plain-text lines `oxytui streak` prints."""
    daily, weekly, week = summary.daily, summary.weekly, summary.week
    open_tonight = "" if daily.today_warm or not daily.current else " (tonight is still open)"
    lines = [
        f"Daily streak: {_days(daily.current)}{open_tonight}; longest {_days(daily.longest)}.",
        f"Weekly streak: {_days(weekly.current, 'week')}; longest {_days(weekly.longest, 'week')}.",
        f"This week (from {week.start:%a} {week.start.day} {week.start:%b}): {week.shortfall()}"
        + (f", {_days(week.rest_days, 'rest day')}" if week.rest_days else "")
        + (" — goal reached." if week.met else "."),
    ]
    if history is not None and today is not None and not daily.current:  # a run going on says enough
        past = last_run(history.warm, history.rest, daily)
        if past is not None:
            lines.append(f"Last run: {past.words(today)}.")
    return "\n".join(lines) + "\n"


def week_review(store: Store, day: date, history: History | None = None) -> WeeklyReview:
    """The weekly review of the week holding `day`."""
    from oxytui.core.weekly import build_review

    first, last = week_bounds(day, store.settings.week_start)
    return build_review(
        day,
        store.contacts_between(first, last),
        [recall for recall in store.recalls() if first <= recall.day <= last],
        history or history_of(store),
        store.settings,
        store.today(),
    )


def week_people(store: Store, day: date, shown: Callable[[str], str] = clean_line) -> list[str]:
    """The weekly review's lines about people: who you were close to that week, who is past their rhythm.

    Names pass through `shown`: `clean_line` for the screen, `markdown_text` for Markdown.
    """
    first, last = week_bounds(day, store.settings.week_start)
    due = due_people(store.everyone().values())
    return week_people_lines(store.contacts_between(first, last), due, shown)


def week_review_markdown(store: Store, day: date) -> str:
    """The weekly review of the week holding `day` as Markdown, user text cleaned to single lines."""
    from oxytui.core.weekly import review_markdown

    text = review_markdown(week_review(store, day), clean_line, kind_label)
    return with_people(text, week_people(store, day, markdown_text))


def with_people(markdown: str, lines: list[str]) -> str:
    """The review's Markdown with the lines about people added as a list at its end."""
    if not lines:
        return markdown
    return markdown.rstrip("\n") + "\n\n## People\n\n" + "".join(f"- {line}\n" for line in lines)
