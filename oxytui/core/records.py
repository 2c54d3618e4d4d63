"""Records as plain dicts (the file and export form) and back, with a clear error for a malformed one."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import asdict
from datetime import date, datetime
from typing import Any, TypeVar

from oxytui.core.days import iso_day
from oxytui.core.model import Contact, PersonRecord, Ratings, Recall, RestDay, Settings, ValidationError
from oxytui.core.text import has_lone_surrogate
from oxytui.core.validate import (
    contact_errors,
    contacts_ok,
    recall_errors,
    recalls_ok,
    rest_day_errors,
    schema_version_error,
    settings_errors,
)

Record = dict[str, Any]
T = TypeVar("T")
Rules = tuple[Callable[[list[Any]], bool], Callable[[Any], dict[str, str]]]  # all at once; one by one


class RecordError(ValueError):
    """A stored record does not have the shape oxytui writes."""


def shown(value: object, limit: int = 40) -> str:
    """`value` as it would be written in the file, cut to `limit` characters for a message."""
    text = repr(value) if not isinstance(value, (dict, list)) else f"a JSON {type(value).__name__}"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _valid(record: T, errors: dict[str, str]) -> T:
    """`record` when the rules of core/validate.py found nothing, else RecordError naming the field."""
    if errors:
        field, message = next(iter(errors.items()))
        raise RecordError(f"field {field!r}: {message}")
    return record


def _iso_time(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat(timespec="microseconds")


def _field(record: Mapping[str, Any], name: str, kind: type | tuple[type, ...]) -> Any:
    value = record.get(name)
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is int):
        raise RecordError(f"field {name!r} is {shown(value)}")
    if isinstance(value, str) and has_lone_surrogate(value):  # could never be written back as UTF-8
        raise RecordError(f"field {name!r} holds a broken character (a lone surrogate)")
    return value


def _day(record: Mapping[str, Any], name: str = "day") -> date:
    try:
        return iso_day(_field(record, name, str))
    except ValueError:
        raise RecordError(f"field {name!r} is not a date: {shown(record.get(name))}") from None


def _time(record: Mapping[str, Any], name: str) -> datetime:
    try:
        moment = datetime.fromisoformat(_field(record, name, str))
    except ValueError:
        raise RecordError(f"field {name!r} is not a time: {shown(record.get(name))}") from None
    if moment.tzinfo is None:
        raise RecordError(f"field {name!r} has no time zone: {shown(record.get(name))}")
    return moment


def contact_to_dict(contact: Contact) -> Record:
    """The stored form of a contact."""
    return {
        "id": contact.id,
        "day": contact.day.isoformat(),
        "logged_at": _iso_time(contact.logged_at),
        "utc_offset": contact.utc_offset,
        "who": contact.who,
        "kind": contact.kind,
        "warmth": contact.warmth,
        "minutes": contact.minutes,
        "note": contact.note,
    }


def _plain_contact(record: Mapping[str, Any]) -> Contact | None:
    """The contact of a record in the shape oxytui writes, in one quick pass; None for anything else.

    Accepts exactly what the field-by-field checks below accept (the caller falls back to them for
    a clear error), only faster: this runs for every contact each time the data file is read.
    """
    get = record.get
    id_, day, logged_at, offset = get("id"), get("day"), get("logged_at"), get("utc_offset")
    who, kind, note, warmth, minutes = get("who"), get("kind"), get("note"), get("warmth"), get("minutes")
    if not (
        type(id_) is str
        and type(day) is str
        and type(logged_at) is str
        and type(offset) is str
        and type(who) is str
        and type(kind) is str
        and type(note) is str
        and type(warmth) is int
        and (minutes is None or type(minutes) is int)
    ) or has_lone_surrogate(id_ + day + logged_at + offset + who + kind + note):
        return None
    try:
        moment, day_value = datetime.fromisoformat(logged_at), iso_day(day)
    except ValueError:
        return None
    if moment.tzinfo is None:
        return None
    return Contact(id_, day_value, moment, offset, who, kind, warmth, minutes, note)


def contact_from_dict(record: Mapping[str, Any]) -> Contact:
    """A contact from its stored form, meeting every rule of core/validate.py."""
    contact = _contact_from_dict(record)
    return _valid(contact, contact_errors(contact))


def _contact_from_dict(record: Mapping[str, Any]) -> Contact:
    if (contact := _plain_contact(record)) is not None:
        return contact
    minutes = record.get("minutes")
    if minutes is not None:
        minutes = _field(record, "minutes", int)
    return Contact(
        id=_field(record, "id", str),
        day=_day(record),
        logged_at=_time(record, "logged_at"),
        utc_offset=_field(record, "utc_offset", str),
        who=_field(record, "who", str),
        kind=_field(record, "kind", str),
        warmth=_field(record, "warmth", int),
        minutes=minutes,
        note=_field(record, "note", str),
    )


def _ratings(record: Mapping[str, Any], name: str) -> Ratings:
    value = _field(record, name, dict)
    return Ratings(value.get("stress"), value.get("connected"))


def recall_to_dict(recall: Recall) -> Record:
    """The stored form of a recall."""
    return {
        "id": recall.id,
        "day": recall.day.isoformat(),
        "started_at": _iso_time(recall.started_at),
        "finished_at": _iso_time(recall.finished_at),
        "script": recall.script,
        "figure": recall.figure,
        "before": asdict(recall.before),
        "after": asdict(recall.after),
        "completed": recall.completed,
        "note": recall.note,
    }


def _plain_recall(record: Mapping[str, Any]) -> Recall | None:
    """The recall of a record in the shape oxytui writes, in one quick pass; None for anything else.

    Like `_plain_contact`: the same checks as below, and the same rules of the model, only faster.
    """
    get = record.get
    id_, day, started, finished = get("id"), get("day"), get("started_at"), get("finished_at")
    script, figure, note = get("script"), get("figure"), get("note")
    before, after, completed = get("before"), get("after"), get("completed")
    if not (
        type(id_) is str
        and type(day) is str
        and type(started) is str
        and (finished is None or type(finished) is str)
        and type(script) is str
        and type(figure) is str
        and type(note) is str
        and type(before) is dict
        and type(after) is dict
        and type(completed) is bool
    ) or has_lone_surrogate(id_ + day + started + (finished or "") + script + figure + note):
        return None
    try:
        started_at = datetime.fromisoformat(started)
        finished_at = None if finished is None else datetime.fromisoformat(finished)
        if started_at.tzinfo is None or (finished_at is not None and finished_at.tzinfo is None):
            return None
        return Recall(
            id_,
            iso_day(day),
            started_at,
            finished_at,
            script,
            figure,
            Ratings(before.get("stress"), before.get("connected")),
            Ratings(after.get("stress"), after.get("connected")),
            completed,
            note,
        )
    except ValueError:  # a date or time that is not one
        return None


def recall_from_dict(record: Mapping[str, Any]) -> Recall:
    """A recall from its stored form, meeting every rule of core/validate.py."""
    recall = _recall_from_dict(record)
    return _valid(recall, recall_errors(recall))


def _recall_from_dict(record: Mapping[str, Any]) -> Recall:
    if (recall := _plain_recall(record)) is not None:
        return recall
    finished = None if record.get("finished_at") is None else _time(record, "finished_at")
    return Recall(
        id=_field(record, "id", str),
        day=_day(record),
        started_at=_time(record, "started_at"),
        finished_at=finished,
        script=_field(record, "script", str),
        figure=_field(record, "figure", str),
        before=_ratings(record, "before"),
        after=_ratings(record, "after"),
        completed=_field(record, "completed", bool),
        note=_field(record, "note", str),
    )


def rest_day_to_dict(rest: RestDay) -> Record:
    """The stored form of a rest day."""
    return {"day": rest.day.isoformat(), "reason": rest.reason}


def rest_day_from_dict(record: Mapping[str, Any]) -> RestDay:
    """A rest day from its stored form."""
    rest = RestDay(day=_day(record), reason=_field(record, "reason", str))
    return _valid(rest, rest_day_errors(rest))


def person_to_dict(person: PersonRecord) -> Record:
    """The stored form of what the user keeps about a person."""
    return {
        "name": person.name,
        "every_days": person.every_days,
        "remembered": person.remembered,
        "note": person.note,
    }


def person_from_dict(record: Mapping[str, Any]) -> PersonRecord:
    """What the user keeps about a person, from its stored form."""
    every = record.get("every_days")
    try:
        return PersonRecord(
            name=_field(record, "name", str),
            every_days=None if every is None else _field(record, "every_days", int),
            remembered=_field(record, "remembered", bool),
            note=_field(record, "note", str),
        )
    except ValidationError as error:
        field, message = next(iter(error.errors.items()))
        stored = {"every": "every_days"}.get(field, field)  # the field as stored, not as typed
        raise RecordError(f"field {stored!r}: {message}") from None


def parse_export_people(data: Mapping[str, Any]) -> list[PersonRecord]:
    """The people of a JSON export already checked by `parse_export` (none in a schema-1 export)."""
    records = data.get("people", [])
    if not isinstance(records, list):
        raise ValidationError({"import": "'people' is not a list"})
    people = []
    for number, record in enumerate(records, 1):
        try:
            if not isinstance(record, dict):
                raise RecordError("not an object")
            people.append(person_from_dict(record))
        except RecordError as error:
            raise ValidationError({"import": f"people record {number}: {error}"}) from None
    return people


def settings_to_dict(settings: Settings) -> Record:
    """The stored form of the settings."""
    return asdict(settings)


def settings_from_dict(record: Mapping[str, Any]) -> Settings:
    """Settings from their stored form; unknown keys are ignored, missing ones take defaults."""
    known = {name: record[name] for name in Settings.__dataclass_fields__ if name in record}
    try:
        settings = Settings(**known)
    except (ValidationError, TypeError) as error:
        raise RecordError(f"settings: {error}") from None
    return _valid(settings, settings_errors(settings))


def parse_export(
    data: Any, newest_version: int
) -> tuple[list[Contact], list[Recall], list[RestDay], Settings | None]:
    """Check a JSON export (of schema `newest_version` or older) and turn it into core objects.

    Raises ValidationError naming the record that is wrong.
    """
    if not isinstance(data, dict):
        raise ValidationError({"import": "the file is not an oxytui JSON export (not an object)"})
    if message := schema_version_error(data.get("schema_version"), newest_version):
        raise ValidationError({"import": message})
    parsers: dict[str, tuple[Callable[[Mapping[str, Any]], Any], Rules | None]] = {
        "contacts": (_contact_from_dict, (contacts_ok, contact_errors)),  # the rules: over all at once
        "recalls": (_recall_from_dict, (recalls_ok, recall_errors)),
        "rest_days": (rest_day_from_dict, None),
    }
    parsed: dict[str, list[Any]] = {}
    for name, (parser, rules) in parsers.items():
        records = data.get(name, [])
        if not isinstance(records, list):
            raise ValidationError({"import": f"{name!r} is not a list"})
        parsed[name] = done = []
        try:
            for record in records:
                if not isinstance(record, dict):
                    raise RecordError("not an object")
                done.append(parser(record))
        except RecordError as error:
            _rules_kept(name, records, done, rules)  # a record before this one may break a rule first
            where = f"{name} record {len(done) + 1}{_id_of(records[len(done)])}"
            raise ValidationError({"import": f"{where}: {error}"}) from None
        _rules_kept(name, records, done, rules)
        _one_of_each(name, done)
    settings = None
    if data.get("settings") is not None and not isinstance(data["settings"], dict):
        raise ValidationError({"import": "'settings' is not an object"})
    if isinstance(data.get("settings"), dict):
        try:
            settings = settings_from_dict(data["settings"])
        except RecordError as error:
            raise ValidationError({"import": str(error)}) from None
    return parsed["contacts"], parsed["recalls"], parsed["rest_days"], settings


def _one_of_each(name: str, parsed: list[Any]) -> None:
    """Raise ValidationError when two records of an export are one record (the same id, or the same
    rest day) told two ways: which to keep is the user's choice. The same record twice is fine."""
    first: dict[object, int] = {}
    for number, record in enumerate(parsed, 1):
        seen = first.setdefault(record.day if name == "rest_days" else record.id, number)
        if parsed[seen - 1] != record:
            same = "the same day" if name == "rest_days" else "the same id"
            message = f"{name} records {seen} and {number} are {same} but differ; keep one and import again"
            raise ValidationError({"import": message})


def _rules_kept(name: str, records: list[Any], parsed: list[Any], rules: Rules | None) -> None:
    """Raise ValidationError naming the first of the `parsed` records that breaks a rule, if one does
    (all checked at once first, then one by one to find it)."""
    if rules is None or rules[0](parsed):
        return
    for number, (record, value) in enumerate(zip(records, parsed, strict=False), 1):
        try:
            _valid(value, rules[1](value))
        except RecordError as error:
            raise ValidationError({"import": f"{name} record {number}{_id_of(record)}: {error}"}) from None


def _id_of(record: object) -> str:
    """' (id X)' for a record that has a printable id, to name it in a message."""
    value = record.get("id") if isinstance(record, dict) else None
    if isinstance(value, str) and value.isascii() and value.isprintable() and 0 < len(value) <= 64:
        return f" (id {value})"
    return ""
