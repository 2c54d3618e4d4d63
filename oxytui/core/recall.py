"""Guided recall scripts: their shape, the rules a script file must meet, and filling in the figure."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from oxytui.core.model import KIND_MAX, Ratings, ValidationError, whole_number
from oxytui.core.text import clean_line

TITLE_MAX = 60
SUMMARY_MAX = 120
STEP_TEXT_MAX = 1200
STEPS_MAX = 20
STEP_SECONDS = (5, 600)
SCRIPT_MINUTES = (1, 60)
SAFETY_RISE = 3  # after-stress this many points above before-stress brings up the safety note
SAFETY_HIGH = 8  # an after-stress this high brings it up whatever the before rating was
SAFETY_FALL = 3  # "connected" this many points below its before rating brings it up

FIGURE_MODES = ("any", "pet", "today", "none")
"""How a script asks for its figure: anyone, an animal, one of today's contacts, or no figure at all."""

PLACEHOLDERS = ("figure", "today")
"""`{figure}`: who or what is recalled. `{today}`: one of today's logged contacts, by name."""

TODAY_FALLBACK = "someone you were close to"
FIGURE_FALLBACK = "someone who cares about you"

_FALLBACKS = {"pet": "an animal you love", "today": "someone you were close to today"}

FIGURE_KINDS = (
    "a partner",
    "someone in your family",
    "a friend",
    "a teacher or mentor",
    "a pet or animal companion",
    "a spiritual figure",
    "a stranger's kindness",
    "an imagined ideal caring figure",
    "your own kind voice",
)
"""The kinds of figure anyone may choose, beside the people they have logged."""

_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
_CLOSED_EYES = re.compile(r"\bclos(e|ed|ing)\b[^.]*\beyes\b|\beyes\b[^.]*\bclos(e|ed|ing)\b", re.IGNORECASE)
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
_SCRIPT_KEYS = frozenset({"id", "title", "minutes", "summary", "figure", "step"})
_STEP_KEYS = frozenset({"title", "text", "seconds"})


class ScriptError(ValueError):
    """A recall script is not usable; the message says which field and what is wrong."""


@dataclass(frozen=True, slots=True)
class Step:
    """One step of a script: a title, an invitation to read, and how long to stay with it."""

    title: str
    text: str
    seconds: int

    @property
    def invites_closed_eyes(self) -> bool:
        """True when the step suggests closing the eyes: its end must then not pass unnoticed."""
        return bool(_CLOSED_EYES.search(self.text))

    def filled(self, figure: str, today: str = "", fallback: str = FIGURE_FALLBACK) -> str:
        """The text with `{figure}` and `{today}` filled in (both cleaned to one line)."""
        return fill(self.text, figure, today, fallback)

    def filled_title(self, figure: str, today: str = "", fallback: str = FIGURE_FALLBACK) -> str:
        """The title with `{figure}` and `{today}` filled in."""
        return fill(self.title, figure, today, fallback)


@dataclass(frozen=True, slots=True)
class Script:
    """A guided recall: what it is called, how long it takes, and its steps."""

    id: str
    title: str
    minutes: int
    summary: str
    steps: tuple[Step, ...]
    figure: str = "any"
    source: str = ""

    @property
    def seconds(self) -> int:
        """The time of all steps together."""
        return sum(step.seconds for step in self.steps)

    @property
    def figure_fallback(self) -> str:
        """Words for the figure when none was named."""
        return _FALLBACKS.get(self.figure, FIGURE_FALLBACK)

    @property
    def asks_figure(self) -> bool:
        """True when the script is about a figure the user picks."""
        return self.figure != "none"


def fill(text: str, figure: str, today: str = "", fallback: str = FIGURE_FALLBACK) -> str:
    """Replace `{figure}` and `{today}` in `text`; the user's words are cleaned to one line first."""
    who = clean_line(figure) or fallback
    contact = clean_line(today) or TODAY_FALLBACK
    return text.replace("{figure}", who).replace("{today}", contact)


def needs_safety_note(before: Ratings, after: Ratings, painful: bool) -> bool:
    """True when the session may have been heavy, judged on whatever was rated (skips never hide it).

    The note shows when the user said it brought up something painful, when after-stress is 8 or
    more, when stress rose by 3 or more, or when feeling connected fell by 3 or more. A comparison
    whose before or after rating was skipped is left out; the other checks still apply.
    """
    if painful:
        return True
    if after.stress is not None and after.stress >= SAFETY_HIGH:
        return True
    if before.stress is not None and after.stress is not None and after.stress >= before.stress + SAFETY_RISE:
        return True
    return (
        before.connected is not None
        and after.connected is not None
        and after.connected <= before.connected - SAFETY_FALL
    )


def _text(data: Mapping[str, Any], key: str, where: str, limit: int, *, one_line: bool = True) -> str:
    value = data.get(key)
    if value is None:
        raise ScriptError(f'{where}{key!r} is missing: add {key} = "..."')
    if not isinstance(value, str):
        raise ScriptError(f"{where}{key!r} must be text in quotes (not {type(value).__name__})")
    value = value.strip()
    if not any(char.isprintable() and not char.isspace() for char in clean_line(value)):
        raise ScriptError(f"{where}{key!r} is empty: write at least one word")  # or only invisible codes
    if one_line and "\n" in value:
        raise ScriptError(f"{where}{key!r} must fit on one line")
    if len(value) > limit:
        raise ScriptError(f"{where}{key!r} is too long: at most {limit} characters (this has {len(value)})")
    return value


def _int(data: Mapping[str, Any], key: str, where: str, low: int, high: int) -> int:
    value = data.get(key)
    if value is None:
        raise ScriptError(f"{where}{key!r} is missing: add {key} = a whole number from {low} to {high}")
    if isinstance(value, bool) or not isinstance(value, int):
        raise ScriptError(f"{where}{key!r} must be a whole number from {low} to {high} (not {value!r})")
    if not low <= value <= high:
        raise ScriptError(f"{where}{key!r} must be from {low} to {high} (not {value})")
    return value


def _tidy(text: str) -> str:
    """Text with each paragraph on one line; paragraphs stay apart by a blank line."""
    paragraphs = (" ".join(part.split()) for part in re.split(r"\n\s*\n", text))
    return "\n\n".join(part for part in paragraphs if part)


def parse_rating(text: str, label: str) -> int | None:
    """A 0–10 rating typed as text; empty means skipped. Raise ValidationError naming `label`."""
    value = text.strip()
    if not value:
        return None
    number = whole_number(value)
    if number is None or not 0 <= number <= 10:
        raise ValidationError({label: f"{label} must be a whole number from 0 to 10, or empty to skip"})
    return number


def _unknown(data: Mapping[str, Any], known: frozenset[str], where: str) -> None:
    extra = sorted(set(data) - known)
    if extra:
        raise ScriptError(f"{where}unknown key {extra[0]!r}: the keys are {', '.join(sorted(known))}")


def _placeholders(text: str, where: str, figure_mode: str) -> None:
    for name in _PLACEHOLDER.findall(text):
        if name not in PLACEHOLDERS:
            raise ScriptError(f"{where}has {{{name}}}: the only placeholders are {{figure}} and {{today}}")
        if name == "figure" and figure_mode == "none":
            raise ScriptError(f'{where}uses {{figure}} but the script has figure = "none"')


def _step(data: Any, number: int, figure_mode: str) -> Step:
    where = f"step {number}: "
    if not isinstance(data, dict):
        raise ScriptError(f"{where}must be a [[step]] table")
    _unknown(data, _STEP_KEYS, where)
    title = _text(data, "title", where, TITLE_MAX)
    text = _text(data, "text", where, STEP_TEXT_MAX, one_line=False)
    seconds = _int(data, "seconds", where, *STEP_SECONDS)
    _placeholders(title, where + "title ", figure_mode)
    _placeholders(text, where + "text ", figure_mode)
    return Step(title, _tidy(text), seconds)


def script_from_dict(data: Mapping[str, Any], source: str = "") -> Script:
    """A script from the parsed TOML of a script file; raise ScriptError naming the field."""
    _unknown(data, _SCRIPT_KEYS, "")
    script_id = _text(data, "id", "", KIND_MAX)
    if not _ID.fullmatch(script_id):
        raise ScriptError(f"'id' {script_id!r} may hold only a-z, 0-9 and '-' (such as \"my-recall\")")
    title = _text(data, "title", "", TITLE_MAX)
    minutes = _int(data, "minutes", "", *SCRIPT_MINUTES)
    summary = _text(data, "summary", "", SUMMARY_MAX)
    figure = data.get("figure", "any")
    if figure not in FIGURE_MODES:
        raise ScriptError(f"'figure' must be one of {', '.join(FIGURE_MODES)} (not {figure!r})")
    raw_steps = data.get("step")
    if not isinstance(raw_steps, list) or not raw_steps:
        raise ScriptError("no steps: add at least one [[step]] with title, text and seconds")
    if len(raw_steps) > STEPS_MAX:
        raise ScriptError(f"too many steps: at most {STEPS_MAX} (this has {len(raw_steps)})")
    steps = tuple(_step(raw, number, figure) for number, raw in enumerate(raw_steps, 1))
    return Script(script_id, title, minutes, summary, steps, figure, source)


def figure_prompt(figure: str, *, logged_today: bool) -> str:
    """What the figure page asks, for a script's kind of figure."""
    if figure == "today":
        if logged_today:
            return "Which of today's warm moments would you like to savor?"
        return "Nothing is logged for today yet. If you were close to someone today, name them here."
    if figure == "pet":
        return "Which animal would you like to bring to mind, now or from long ago?"
    return (
        "Who or what would you like to bring to mind? A person, a pet, an imagined caring figure "
        "or your own kind voice all count; if no one feels safe tonight, an imagined figure is a "
        "good choice."
    )


def figure_suggestions(mode: str, recent: list[str], today: list[str], pets: list[str]) -> list[str]:
    """Names to offer for a script's figure: people logged lately, then the kinds of figure anyone may pick.

    `recent` are people logged in the last 30 days (most often first), `today` those logged today,
    `pets` those logged lately as pet time.
    """
    if mode == "none":
        return []
    if mode == "today":
        first = today
    elif mode == "pet":
        first = [*pets, "a pet or animal companion", "an animal you once loved"]
    else:
        first = []
    kinds = [] if mode == "pet" else list(FIGURE_KINDS)
    seen: set[str] = set()
    names: list[str] = []
    for name in [*first, *recent, *kinds]:
        key = clean_line(name).casefold()
        if key and key not in seen:
            seen.add(key)
            names.append(name)
    return names
