"""The words of a recall's summary, and of a session line on the Recall pane."""

from __future__ import annotations

from typing import TYPE_CHECKING

from oxytui.core.model import Ratings, Recall
from oxytui.core.text import clean_line

if TYPE_CHECKING:  # the Recall pane shows recall_lines on the first frame; the session comes later
    from oxytui.core.recall_session import RecallSession


def _value(value: int | None) -> str:
    return "–" if value is None else str(value)


def change(before: Ratings, after: Ratings) -> str:
    """Before→after for both items, such as 'stress 6→3 · connected 4→7'."""
    return (
        f"stress {_value(before.stress)}→{_value(after.stress)} · "
        f"connected {_value(before.connected)}→{_value(after.connected)}"
    )


def duration(seconds: float) -> str:
    """A short duration such as '3 min 25 s'."""
    whole = int(seconds)
    minutes, rest = divmod(whole, 60)
    return f"{minutes} min {rest} s" if minutes else f"{rest} s"


def summary_lines(session: RecallSession) -> list[str]:
    """What the summary page says about a finished session."""
    script = session.script
    assert script is not None and session.started_at is not None and session.finished_at is not None
    figure = f", with {clean_line(session.figure)}" if session.figure else ""
    state = "completed" if session.completed else "a shorter session, kept"
    took = duration((session.finished_at - session.started_at).total_seconds())
    lines = [
        f"{script.title}{figure}",
        f"{state} · {session.steps_done} of {len(script.steps)} steps · {took}",
        "",
        change(session.before, session.after).capitalize(),
    ]
    if session.note:
        lines.append(f"Note: {session.note}")
    lines += [
        "",
        "One evening's numbers move around; the weekly review (3, then w) shows the week's averages.",
    ]
    return lines


def recall_lines(recall: Recall, title: str) -> str:
    """One session on the Recall pane, in two lines: day and script, then before→after and the figure."""
    day = f"{recall.day:%a} {recall.day.day} {recall.day:%b}"
    state = "" if recall.completed else "shorter · "
    figure = f" · {clean_line(recall.figure)}" if recall.figure else ""
    return f"{day}  {state}{clean_line(title)}\n  {change(recall.before, recall.after)}{figure}"
