"""How each weekly figure reads: counts against goals, goal bars and what a rest day does. Pure.

Every view (the panes, the weekly review, the command line and the exports) words a count against a
goal through these functions, so a week never reads "3 of 2 recalls" in one place and "3/2" in another.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from oxytui.core.streaks import WeekProgress

MOST_CELLS = 7  # a goal bar has one cell per unit of the goal, up to this many


def plural(count: int, unit: str) -> str:
    """'1 recall', '3 recalls'."""
    return f"{count} {unit}" if count == 1 else f"{count} {unit}s"


def against_goal(count: int, goal: int, unit: str) -> str:
    """A count against its goal in words: '2 of 3 recalls', '3 recalls, goal 2 met', '1 recall, no goal'."""
    if goal <= 0:
        return f"{plural(count, unit)}, no goal"
    if count > goal:
        return f"{plural(count, unit)}, goal {goal} met"
    return f"{count} of {plural(goal, unit)}"


def short_against_goal(count: int, goal: int) -> str:
    """A count against its goal in few cells: '2/3', '2/2 +1' (one over), or '1' when there is no goal."""
    if goal <= 0:
        return str(count)
    if count > goal:
        return f"{goal}/{goal} +{count - goal}"
    return f"{count}/{goal}"


def goal_cells(count: int, goal: int, most: int = MOST_CELLS) -> tuple[int, int]:
    """(filled, empty) cells of a goal bar: one cell per unit of the goal, scaled down past `most`.

    A goal of 3 has three cells and 2 of 3 fills two; a goal of 21 has seven cells and each stands for
    three. The bar is full only when the goal is reached. A goal of 0 has no cells.
    """
    if goal <= 0:
        return 0, 0
    width = min(goal, most)
    filled = width if count >= goal else min(width - 1, count * width // goal)
    return filled, width - filled


def goal_state(count: int, goal: int, in_progress: bool) -> str:
    """'met', '2 to go' (a running week), 'not met' (a past week) or 'no goal'."""
    if goal <= 0:
        return "no goal"
    if count >= goal:
        return "met"
    return f"{goal - count} to go" if in_progress else "not met"


def week_shortfall(week: WeekProgress) -> str:
    """'3 of 5 warm days, 1 of 3 recalls' for one week."""
    return (
        f"{against_goal(week.warm_days, week.goal_warm_days, 'warm day')}, "
        f"{against_goal(week.recalls, week.goal_recalls, 'recall')}"
    )


def rest_day_meaning(warm: bool) -> str:
    """What marking a day as rest does, for a day with (`warm`) or without anything warm logged.

    A rest day with nothing logged neither breaks nor extends a streak and scales the week's goals down.
    A warm day marked as rest stays a warm day: it extends the streak, counts towards the goal and does
    not scale the goal down, so a week's goal can never be met by marking days that already count.
    """
    if warm:
        return "it has warm contacts, so it still counts as a warm day and does not lower the week's goals"
    return "it neither breaks nor extends a streak, and the week's goals are scaled down by rest days"


def rest_day_notice(day_text: str, warm: bool, week: WeekProgress) -> str:
    """The notice after marking `day_text` as a rest day, with the week's goals as they now stand."""
    goals = (
        f"This week's goals: {plural(week.goal_warm_days, 'warm day')} "
        f"and {plural(week.goal_recalls, 'recall')}."
    )
    return f"{day_text} is marked as a rest day: {rest_day_meaning(warm)}. {goals}"


def future_day_message(day_text: str, today_text: str, day_start_hour: int) -> str:
    """Why a day cannot be logged yet, naming the day-start hour that decides which day today is."""
    return (
        f"{day_text} has not come yet: today is {today_text}, as a day starts at {day_start_hour:02d}:00 "
        "(the day_start_hour setting); log today or an earlier day"
    )
