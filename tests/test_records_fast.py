"""The quick pass over plain records accepts exactly what the field-by-field checks accept."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from oxytui.core import records, validate
from oxytui.core.model import Contact, Ratings, Recall
from oxytui.core.records import RecordError

CONTACT = {
    "id": "c" * 32,
    "day": "2026-11-25",
    "logged_at": "2026-11-25T20:30:00.000000+00:00",
    "utc_offset": "+01:00",
    "who": "Sam",
    "kind": "hug",
    "warmth": 4,
    "minutes": 10,
    "note": "by the door",
}
RECALL = {
    "id": "r" * 32,
    "day": "2026-11-25",
    "started_at": "2026-11-25T20:30:00.000000+00:00",
    "finished_at": "2026-11-25T20:34:00.000000+00:00",
    "script": "evening",
    "figure": "Mia",
    "before": {"stress": 6, "connected": 3},
    "after": {"stress": 3, "connected": None},
    "completed": True,
    "note": "",
}
ODD_VALUES: st.SearchStrategy[Any] = st.sampled_from(
    [
        None,
        True,
        False,
        0,
        3,
        11,
        -1,
        2.0,
        "",
        "  ",
        "Zoë",
        "a\ud800b",
        "\x1b[31mred",
        "2026-02-30",
        "2026-11-25T20:30:00",
        "2026-11-25T20:30:00+00:00",
        "x" * 100,
        {},
        {"stress": True},
        {"stress": 11},
        {"stress": 2, "connected": 10},
        [],
    ]
)


def slow(
    parse: Callable[[dict[str, Any]], Any], monkeypatch: pytest.MonkeyPatch, record: dict[str, Any]
) -> Any:
    """What the field-by-field checks alone make of `record`: the object, or the error's text."""
    with monkeypatch.context() as patch:
        patch.setattr(records, "_plain_contact", lambda record: None)
        patch.setattr(records, "_plain_recall", lambda record: None)
        try:
            return parse(record)
        except RecordError as error:
            return f"error: {error}"


def quick(parse: Callable[[dict[str, Any]], Any], record: dict[str, Any]) -> Any:
    try:
        return parse(record)
    except RecordError as error:
        return f"error: {error}"


@settings(max_examples=400, deadline=None)
@given(
    st.sampled_from(["contact", "recall"]),
    st.dictionaries(st.sampled_from(sorted(set(CONTACT) | set(RECALL))), ODD_VALUES, max_size=3),
    st.sets(st.sampled_from(sorted(set(CONTACT) | set(RECALL))), max_size=2),
)
def test_quick_pass_and_field_checks_agree(kind: str, changes: dict[str, Any], missing: set[str]) -> None:
    base, parse = (
        (CONTACT, records.contact_from_dict) if kind == "contact" else (RECALL, records.recall_from_dict)
    )
    record = {**base, **changes}
    for name in missing:
        record.pop(name, None)
    with pytest.MonkeyPatch.context() as monkeypatch:
        assert quick(parse, record) == slow(parse, monkeypatch, record)


def test_plain_records_take_the_quick_pass() -> None:
    assert records._plain_contact(CONTACT) == records.contact_from_dict(CONTACT)
    assert records._plain_recall(RECALL) == records.recall_from_dict(RECALL)
    assert records._plain_contact({**CONTACT, "warmth": True}) is None
    assert records._plain_recall({**RECALL, "started_at": "2026-11-25T20:30:00"}) is None


QUICK_YES: list[int] = []
ZONES: Any = st.sampled_from([UTC, UTC, UTC, timezone(timedelta(hours=5)), None])
ODD_CONTACT: dict[str, Any] = {
    "id": st.sampled_from(["c" * 65, "", "a-b", "a b", "é", 7]),
    "day": st.dates(date(1899, 12, 1), date(2101, 2, 1)) | st.dates(),
    "logged_at": st.datetimes(datetime(1899, 12, 29), datetime(2101, 1, 3), timezones=ZONES),
    "utc_offset": st.sampled_from(["+14:00", "-14:00", "+14:01", "+00:60", "1:00", ""]),
    "who": st.sampled_from(["", " ", "x" * 81, "\x1b[31mred", "Zoë", "a\ud800b", 3]),
    "kind": st.sampled_from([" ", "", "k" * 40, "k" * 41, "\x1b[2Jx"]),
    "warmth": st.sampled_from([0, 1, 5, 6, True]),
    "minutes": st.sampled_from([-1, 0, 1440, 1441, False]),
    "note": st.sampled_from(["n" * 2000, "n" * 2001, "\x07", "Zoë"]),
}


def odd_fields(data: st.DataObject, good: Any, odd: dict[str, Any]) -> dict[str, Any]:
    """The fields of `good` with one or two of them drawn from `odd` (as a hostile file may have them)."""
    fields = {name: getattr(good, name) for name in odd}
    for name in data.draw(st.lists(st.sampled_from(sorted(odd)), min_size=1, max_size=2, unique=True)):
        fields[name] = data.draw(odd[name], label=name)
    return fields


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_the_quick_rule_pass_agrees_with_the_full_rules(data: st.DataObject) -> None:
    """validate.plain_contact_ok says yes only where every rule, checked one by one, finds nothing."""
    contact = Contact(**odd_fields(data, records.contact_from_dict(CONTACT), ODD_CONTACT))
    if validate.plain_contact_ok(contact):
        QUICK_YES.append(1)
        assert validate.full_contact_errors(contact) == {}
    assert validate.contact_errors(contact) == validate.full_contact_errors(contact)


def test_the_quick_rule_pass_was_taken() -> None:
    """The property above saw the quick pass say yes, or it proved nothing (runs after it)."""
    assert QUICK_YES


RECALL_QUICK_YES: list[int] = []


def unchecked(cls: type[Any], **fields: Any) -> Any:
    """An instance of a frozen model class with these fields, the model's own checks skipped (as a
    hostile file would have them, were they not checked on reading)."""
    instance = object.__new__(cls)
    for name, value in fields.items():
        object.__setattr__(instance, name, value)
    return instance


MOMENTS: Any = ODD_CONTACT["logged_at"]
ODD_RATINGS: Any = st.builds(
    lambda stress, connected: unchecked(Ratings, stress=stress, connected=connected),
    st.sampled_from([5, 11, True, -1, None, 10, 0]),
    st.sampled_from([3, 11, 0, None, False]),
) | st.sampled_from([None, {"stress": 3}, 4, Ratings()])
ODD_RECALL: dict[str, Any] = {
    "id": st.sampled_from(["r" * 65, "", "a-b", "a b", "é", 7]),
    "day": st.dates(date(1899, 12, 1), date(2101, 2, 1)) | st.dates(),
    "started_at": MOMENTS,
    "finished_at": st.none() | MOMENTS,
    "script": st.sampled_from(["", " ", "k" * 40, "k" * 41, "\x1b[2Jx", "Zoë", 3]),
    "figure": st.sampled_from(["", "  ", "f" * 200, "\x07", "a\ud800b", None]),
    "before": ODD_RATINGS,
    "after": ODD_RATINGS,
    "completed": st.sampled_from([False, 1, None]),
    "note": st.sampled_from(["n" * 2000, "n" * 2001, "\x07", "  "]),
}


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_the_quick_recall_pass_agrees_with_the_full_rules(data: st.DataObject) -> None:
    """validate.plain_recall_ok says yes only where every rule, checked one by one, finds nothing.

    Each example is a plain recall with one or two fields made odd (the others as oxytui writes them).
    """
    recall = unchecked(Recall, **odd_fields(data, records.recall_from_dict(RECALL), ODD_RECALL))
    if validate.plain_recall_ok(recall):
        RECALL_QUICK_YES.append(1)
        assert validate.full_recall_errors(recall) == {}
    assert validate.recall_errors(recall) == validate.full_recall_errors(recall)


def test_the_quick_recall_pass_was_taken() -> None:
    """The property above saw the quick pass say yes, or it proved nothing (runs after it)."""
    assert RECALL_QUICK_YES
