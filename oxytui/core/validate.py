"""The one set of rules every record meets, at every door: the form, `log`, edit, import, and every
record read from the data file or a backup.

Each kind of record has its own function returning {field: message} (empty when the record is
good); `check` raises them as a ValidationError. A new kind of record gets a function beside these.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime
from operator import attrgetter
from typing import Any

from oxytui.core.model import (
    FIGURE_MAX,
    KIND_MAX,
    NOTE_MAX,
    REASON_MAX,
    WHO_MAX,
    Contact,
    Ratings,
    Recall,
    RestDay,
    Settings,
    ValidationError,
    int_error,
    text_error,
)

FIRST_DAY = date(1900, 1, 1)  # dates within a plausible life; said in the README
LAST_DAY = date(2100, 12, 31)
_FIRST_MOMENT = datetime(1899, 12, 30, tzinfo=UTC)  # a day either side for time zones
_LAST_MOMENT = datetime(2101, 1, 2, tzinfo=UTC)
OFFSET_MAX_MINUTES = 14 * 60  # UTC offsets in use run from -12:00 to +14:00
ID_PATTERN = re.compile(r"[0-9A-Za-z_-]{1,64}")
_OFFSET = re.compile(r"([+-])(\d\d):(\d\d)")
THEME_MAX = 80
MAX_NESTING = 6  # an export needs 4: the object, a list of records, a record, its ratings


def day_error(day: object, label: str = "day") -> str | None:
    """None when `day` is a date from FIRST_DAY to LAST_DAY, else why not."""
    if not isinstance(day, date) or isinstance(day, datetime):
        return f"{label} must be a date"
    if not FIRST_DAY <= day <= LAST_DAY:
        return f"{label} {day.isoformat()} is outside {FIRST_DAY.isoformat()} to {LAST_DAY.isoformat()}"
    return None


def moment_error(moment: object, label: str) -> str | None:
    """None when `moment` is a time with a zone, within the plausible years, else why not."""
    if not isinstance(moment, datetime):
        return f"{label} must be a time"
    if moment.tzinfo is None or moment.utcoffset() is None:
        return f"{label} has no time zone"
    if not _FIRST_MOMENT <= moment <= _LAST_MOMENT:
        return f"{label} {moment.isoformat()} is outside {FIRST_DAY.year} to {LAST_DAY.year}"
    return None


def offset_error(offset: object) -> str | None:
    """None when `offset` is a UTC offset such as '+01:00' within ±14:00, else why not."""
    match = _OFFSET.fullmatch(offset) if isinstance(offset, str) else None
    if match is None:
        return f"utc_offset must look like +01:00 (not {str(offset)[:20]!r})"
    minutes = int(match[2]) * 60 + int(match[3])
    if int(match[3]) > 59 or minutes > OFFSET_MAX_MINUTES:
        return f"utc_offset {offset} is outside -14:00 to +14:00"
    return None


def id_error(value: object) -> str | None:
    """None when `value` is a record id: 1 to 64 letters, digits, '-' or '_'."""
    if not isinstance(value, str) or ID_PATTERN.fullmatch(value) is None:
        return "id must be 1 to 64 letters, digits, '-' or '_'"
    return None


def schema_version_error(version: object, newest: int) -> str | None:
    """None when `version` is a whole number from 1 to `newest`, else why not."""
    if isinstance(version, bool) or not isinstance(version, int) or not 1 <= version <= newest:
        shown = version if isinstance(version, int) else repr(version)[:20]
        return f"schema_version {shown} is not one this oxytui knows (1 to {newest})"
    return None


def _add(errors: dict[str, str], field: str, message: str | None) -> None:
    if message is not None:
        errors[field] = message


_GOOD_OFFSETS = frozenset(
    f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"
    for minutes in range(OFFSET_MAX_MINUTES + 1)
    for sign in "+-"
)


def contact_errors(contact: Contact) -> dict[str, str]:
    """What is wrong with a contact (the add form's rules plus its id, day, time and offset)."""
    errors: dict[str, str] = {}
    _add(errors, "id", id_error(contact.id))
    _add(errors, "day", day_error(contact.day))
    _add(errors, "logged_at", moment_error(contact.logged_at, "logged_at"))
    _add(errors, "utc_offset", offset_error(contact.utc_offset))
    _add(errors, "who", _text(contact.who, "who", required=True, limit=WHO_MAX))
    _add(errors, "kind", _text(contact.kind, "kind", required=True, limit=KIND_MAX))
    _add(errors, "warmth", int_error(contact.warmth, "warmth", 1, 5))
    if contact.minutes is not None:
        _add(errors, "minutes", int_error(contact.minutes, "minutes", 0, 1440))
    _add(errors, "note", _text(contact.note, "note", required=False, limit=NOTE_MAX))
    return errors


def _text(value: object, label: str, *, required: bool, limit: int) -> str | None:
    if not isinstance(value, str):
        return f"{label} must be text"
    return text_error(value, label, required=required, limit=limit)


def _ratings_errors(ratings: object, label: str) -> dict[str, str]:
    if not isinstance(ratings, Ratings):
        return {label: f"{label} must hold stress and connected ratings"}
    errors: dict[str, str] = {}
    for name in ("stress", "connected"):
        value = getattr(ratings, name)
        if value is not None:
            _add(errors, f"{label}.{name}", int_error(value, name, 0, 10))
    return errors


def recall_errors(recall: Recall) -> dict[str, str]:
    """What is wrong with a recall session."""
    errors: dict[str, str] = {}
    _add(errors, "id", id_error(recall.id))
    _add(errors, "day", day_error(recall.day))
    _add(errors, "started_at", moment_error(recall.started_at, "started_at"))
    if recall.finished_at is not None:
        _add(errors, "finished_at", moment_error(recall.finished_at, "finished_at"))
    _add(errors, "script", _text(recall.script, "script", required=True, limit=KIND_MAX))
    _add(errors, "figure", _text(recall.figure, "figure", required=False, limit=FIGURE_MAX))
    _add(errors, "note", _text(recall.note, "note", required=False, limit=NOTE_MAX))
    errors.update(_ratings_errors(recall.before, "before"))
    errors.update(_ratings_errors(recall.after, "after"))
    if not isinstance(recall.completed, bool):
        errors["completed"] = "completed must be true or false"
    return errors


# --- every record of a file at once --------------------------------------------------------
# The rules above, checked a field at a time over all the contacts (or recalls) of a file, with a
# few checks over the whole column (one join, a min and a max) where there is one; a column that
# fails them is checked value by value with the rules above. Only ever True where the rules above
# find nothing in any record (a property test holds them to it).

Check = Callable[[list[Any]], bool]


def _column(values: list[Any], quick: Check, error: Callable[[Any], str | None]) -> bool:
    return not values or quick(values) or not any(map(error, values))


def _ids(ids: list[Any]) -> bool:
    if set(map(type, ids)) != {str} or min(map(len, ids)) < 1 or max(map(len, ids)) > 64:
        return False
    joined = "".join(ids)
    plain = joined.encode().replace(b"-", b"").replace(b"_", b"")  # as bytes: quicker to check
    return joined.isascii() and (plain.isalnum() or not plain)


def _between(kind: type, low: object, high: object) -> Check:
    return lambda values: set(map(type, values)) == {kind} and low <= min(values) and max(values) <= high


def _offsets(offsets: list[Any]) -> bool:
    return set(map(type, offsets)) == {str} and set(offsets) <= _GOOD_OFFSETS


def _moments(moments: list[Any]) -> bool:
    utc = set(map(type, moments)) == {datetime} and {m.tzinfo for m in moments} == {UTC}
    return utc and min(moments) >= _FIRST_MOMENT and max(moments) <= _LAST_MOMENT


def _texts(required: bool, limit: int) -> Check:
    """Printable text (never a lone surrogate, nothing `clean` takes away) within `limit`: fine."""

    def quick(texts: list[Any]) -> bool:
        return (
            set(map(type, texts)) == {str}
            and "".join(texts).isprintable()
            and max(map(len, texts)) <= limit
            and (not required or (min(map(len, texts)) > 0 and not any(map(str.isspace, texts))))
        )

    return quick


def _all(records: list[Any], name: str, quick: Check, error: Callable[[Any], str | None]) -> bool:
    return _column(list(map(attrgetter(name), records)), quick, error)


def _all_texts(records: list[Any], name: str, *, required: bool, limit: int) -> bool:
    def error(value: object) -> str | None:
        return _text(value, name, required=required, limit=limit)

    return _all(records, name, _texts(required, limit), error)


def _all_ints(values: list[Any], low: int, high: int) -> bool:
    return _column(
        [v for v in values if v is not None], _between(int, low, high), lambda v: int_error(v, "", low, high)
    )


def contacts_ok(contacts: list[Contact]) -> bool:
    """True when `contact_errors` finds nothing in any of `contacts` (see above)."""
    return (
        _all(contacts, "id", _ids, id_error)
        and _all(contacts, "day", _between(date, FIRST_DAY, LAST_DAY), day_error)
        and _all(contacts, "logged_at", _moments, lambda m: moment_error(m, ""))
        and _all(contacts, "utc_offset", _offsets, offset_error)
        and _all_texts(contacts, "who", required=True, limit=WHO_MAX)
        and _all_texts(contacts, "kind", required=True, limit=KIND_MAX)
        and _column([c.warmth for c in contacts], _between(int, 1, 5), lambda v: int_error(v, "", 1, 5))
        and _all_ints([c.minutes for c in contacts], 0, 1440)
        and _all_texts(contacts, "note", required=False, limit=NOTE_MAX)
    )


def recalls_ok(recalls: list[Recall]) -> bool:
    """True when `recall_errors` finds nothing in any of `recalls` (see above)."""
    finished = [r.finished_at for r in recalls if r.finished_at is not None]
    ratings = [getattr(r, when) for r in recalls for when in ("before", "after")]
    return (
        _all(recalls, "id", _ids, id_error)
        and _all(recalls, "day", _between(date, FIRST_DAY, LAST_DAY), day_error)
        and _all(recalls, "started_at", _moments, lambda m: moment_error(m, ""))
        and _column(finished, _moments, lambda m: moment_error(m, ""))
        and _all_texts(recalls, "script", required=True, limit=KIND_MAX)
        and _all_texts(recalls, "figure", required=False, limit=FIGURE_MAX)
        and _all_texts(recalls, "note", required=False, limit=NOTE_MAX)
        and set(map(type, ratings)) <= {Ratings}
        and _all_ints([r.stress for r in ratings] + [r.connected for r in ratings], 0, 10)
        and set(map(type, [r.completed for r in recalls])) <= {bool}
    )


def rest_day_errors(rest: RestDay) -> dict[str, str]:
    """What is wrong with a rest day."""
    errors: dict[str, str] = {}
    _add(errors, "day", day_error(rest.day))
    _add(errors, "reason", _text(rest.reason, "reason", required=False, limit=REASON_MAX))
    return errors


def settings_errors(settings: Settings) -> dict[str, str]:
    """What is wrong with the settings beyond their own checks (theme name, the welcome flag)."""
    errors: dict[str, str] = {}
    _add(errors, "theme", _text(settings.theme, "theme", required=True, limit=THEME_MAX))
    if not isinstance(settings.welcomed, bool):
        errors["welcomed"] = "welcomed must be true or false"
    return errors


def check(errors: Mapping[str, str]) -> None:
    """Raise ValidationError when `errors` names anything."""
    if errors:
        raise ValidationError(errors)
