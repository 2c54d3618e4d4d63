"""The records oxytui keeps, and the rules a record must meet before it is saved."""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta, timezone
from typing import TypedDict

from oxytui.core.days import WEEKDAYS, utc_offset_text
from oxytui.core.text import clean, has_lone_surrogate, shorten

WHO_MAX = 80
KIND_MAX = 40
NOTE_MAX = 2000
REASON_MAX = 200
FIGURE_MAX = 80
MINUTES_MAX = 1440
RAW_TEXT_FACTOR = 4  # raw text may carry invisible codes, up to this many times the visible limit


class ValidationError(ValueError):
    """One or more fields are not acceptable; `errors` maps each field to a message that says why."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__("; ".join(f"{name}: {message}" for name, message in self.errors.items()))


def new_id() -> str:
    """A fresh record id: 32 hex digits."""
    return uuid.uuid4().hex


def _text_error(value: str, label: str, *, required: bool, limit: int) -> str | None:
    if value.isprintable():  # nothing to clean, and what is left after strip() shows (the common case)
        visible = value.strip()
        shows = visible != ""
    elif has_lone_surrogate(value):
        return f"{label} holds a broken character (a lone surrogate); retype it"
    else:
        visible = clean(value).strip()
        shows = any(char.isprintable() and not char.isspace() for char in visible)
    if required and not shows:
        return f"{label} is needed: type at least one visible character"
    if len(visible) > limit or len(value) > limit * RAW_TEXT_FACTOR:
        return f"{label} is too long: at most {limit} characters (this has {len(visible)})"
    return None


def _int_error(value: object, label: str, low: int, high: int) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return f"{label} must be a whole number from {low} to {high}"
    if not low <= value <= high:
        shown = value if abs(value) < 10**9 else "a number that far out"  # never hundreds of digits
        return f"{label} must be from {low} to {high} (not {shown})"
    return None


def _check(errors: dict[str, str]) -> None:
    if errors:
        raise ValidationError(errors)


@dataclass(frozen=True, slots=True)
class ContactDraft:
    """What a person types for a warm contact, trimmed and checked; becomes a Contact when saved."""

    who: str
    kind: str
    warmth: int = 3
    minutes: int | None = None
    note: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "who", self.who.strip())
        object.__setattr__(self, "kind", self.kind.strip())
        object.__setattr__(self, "note", self.note.strip())
        errors: dict[str, str] = {}
        if message := _text_error(self.who, "who", required=True, limit=WHO_MAX):
            errors["who"] = message
        if message := _text_error(self.kind, "kind", required=True, limit=KIND_MAX):
            errors["kind"] = message
        if message := _int_error(self.warmth, "warmth", 1, 5):
            errors["warmth"] = message
        if self.minutes is not None and (message := _int_error(self.minutes, "minutes", 0, MINUTES_MAX)):
            errors["minutes"] = message
        if message := _text_error(self.note, "note", required=False, limit=NOTE_MAX):
            errors["note"] = message
        _check(errors)

    @classmethod
    def from_text(cls, who: str, kind: str, warmth: str, minutes: str, note: str) -> ContactDraft:
        """Build a draft from form text, naming every field that is wrong at once."""
        errors: dict[str, str] = {}
        warmth_value = _parse_int(warmth.strip() or "3", "warmth", 1, 5, errors)
        minutes_value = (
            _parse_int(minutes.strip(), "minutes", 0, MINUTES_MAX, errors) if minutes.strip() else None
        )
        try:
            draft = cls(who, kind, warmth_value or 3, minutes_value, note)
        except ValidationError as error:
            errors = {**error.errors, **errors}
            raise ValidationError(errors) from None
        _check(errors)
        return draft


_WHOLE = re.compile(r"-?[0-9]{1,12}")  # every range here is far below 12 digits


def whole_number(text: str) -> int | None:
    """The whole number `text` spells in ASCII digits (a leading '-' allowed), else None. The one
    reading of a typed number at every door: int() would take '٤', '1_0' and '+3', trip over '²'
    (which isdigit() passes) and refuse more than 4,300 digits."""
    return int(text) if _WHOLE.fullmatch(text) else None


def _parse_int(text: str, label: str, low: int, high: int, errors: dict[str, str]) -> int | None:
    value = whole_number(text)
    if value is None:
        errors[label] = f"{label} must be a whole number from {low} to {high} (not {shorten(text, 20)!r})"
        return None
    if message := _int_error(value, label, low, high):
        errors[label] = message
        return None
    return value


@dataclass(frozen=True, slots=True)
class Contact:
    """One warm contact: who, what kind, how warm, on which logical day."""

    id: str
    day: date
    logged_at: datetime
    utc_offset: str
    who: str
    kind: str
    warmth: int = 3
    minutes: int | None = None
    note: str = ""

    @classmethod
    def create(cls, draft: ContactDraft, day: date, now: datetime) -> Contact:
        """A new contact made from `draft`, logged at the aware local time `now`."""
        return cls(
            id=new_id(),
            day=day,
            logged_at=now.astimezone(UTC),
            utc_offset=utc_offset_text(now),
            who=draft.who,
            kind=draft.kind,
            warmth=draft.warmth,
            minutes=draft.minutes,
            note=draft.note,
        )

    def with_draft(self, draft: ContactDraft) -> Contact:
        """This contact with the fields of `draft`; id, day and time stay."""
        return replace(
            self,
            who=draft.who,
            kind=draft.kind,
            warmth=draft.warmth,
            minutes=draft.minutes,
            note=draft.note,
        )

    @property
    def draft(self) -> ContactDraft:
        """The editable fields of this contact."""
        return ContactDraft(self.who, self.kind, self.warmth, self.minutes, self.note)

    @property
    def local_time(self) -> datetime:
        """When it was logged, in the time zone it was logged in."""
        sign = -1 if self.utc_offset.startswith("-") else 1
        hours, minutes = self.utc_offset[1:].split(":")
        offset = timedelta(hours=int(hours), minutes=int(minutes)) * sign
        return self.logged_at.astimezone(timezone(offset))


@dataclass(frozen=True, slots=True)
class Ratings:
    """Two single-item ratings, 0–10, each may be skipped (None); checked with the recall that holds them."""

    stress: int | None = None
    connected: int | None = None


@dataclass(frozen=True, slots=True)
class Recall:
    """One guided recall session; its rules are core/validate.py's `recall_errors`, checked at every door."""

    id: str
    day: date
    started_at: datetime
    finished_at: datetime | None
    script: str
    figure: str
    before: Ratings = field(default_factory=Ratings)
    after: Ratings = field(default_factory=Ratings)
    completed: bool = False
    note: str = ""


@dataclass(frozen=True, slots=True)
class RestDay:
    """A day that neither breaks nor extends a streak (ill, travelling, alone); its rules are
    core/validate.py's `rest_day_errors`, checked at every door."""

    day: date
    reason: str = ""


STEP_CUES = ("none", "bell")
"""What marks a recall step that changes by itself: nothing, or the terminal bell."""


@dataclass(frozen=True, slots=True)
class Settings:
    """The user's settings, kept in the data file."""

    day_start_hour: int = 4
    week_start: str = "monday"
    goal_warm_days: int = 4
    goal_recalls: int = 2
    theme: str = "oxytui"
    welcomed: bool = False
    gentle: bool = False  # gentle mode: streak numbers are hidden
    step_cue: str = "none"  # what marks a recall step changing by itself: "none" or "bell"

    def __post_init__(self) -> None:
        errors: dict[str, str] = {}
        if message := _int_error(self.day_start_hour, "day_start_hour", 0, 23):
            errors["day_start_hour"] = message
        if self.week_start not in WEEKDAYS:
            errors["week_start"] = f"week_start must be one of {', '.join(WEEKDAYS)}"
        if message := _int_error(self.goal_warm_days, "goal_warm_days", 0, 7):
            errors["goal_warm_days"] = message
        if message := _int_error(self.goal_recalls, "goal_recalls", 0, 21):
            errors["goal_recalls"] = message
        if not isinstance(self.theme, str) or not self.theme.strip():
            errors["theme"] = "theme must be a theme name"
        if not isinstance(self.gentle, bool):
            errors["gentle"] = "gentle must be true or false"
        if self.step_cue not in STEP_CUES:
            errors["step_cue"] = f"step_cue must be one of {', '.join(STEP_CUES)}"
        _check(errors)


class SettingsChanges(TypedDict, total=False):
    """Some of the settings, by name: what one update changes (the others stay as they are)."""

    day_start_hour: int
    week_start: str
    goal_warm_days: int
    goal_recalls: int
    theme: str
    welcomed: bool
    gentle: bool
    step_cue: str


EVERY_DAYS_MAX = 3650


@dataclass(frozen=True, slots=True)
class PersonRecord:
    """What the user keeps about a person: a rhythm in days, whether they are remembered, a note.

    Everything else about a person (when you were last close, how often, how warm) comes from the
    contacts. `remembered` is for someone who has died or is gone: never nudged, always offered for a recall.
    """

    name: str
    every_days: int | None = None
    remembered: bool = False
    note: str = ""

    def __post_init__(self) -> None:
        errors: dict[str, str] = {}
        if message := _text_error(self.name, "name", required=True, limit=WHO_MAX):
            errors["name"] = message
        if self.every_days is not None and (
            message := _int_error(self.every_days, "every", 1, EVERY_DAYS_MAX)
        ):
            errors["every"] = f"{message} days, or off"
        if not isinstance(self.remembered, bool):
            errors["remembered"] = "remembered must be true or false"
        if message := _text_error(self.note, "note", required=False, limit=NOTE_MAX):
            errors["note"] = message
        _check(errors)


text_error = _text_error  # the rules above, shared with core/validate.py
int_error = _int_error
