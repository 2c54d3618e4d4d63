"""The rules checked a field at a time over many records say exactly what the rules one by one say."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from oxytui.core import validate
from oxytui.core.model import RAW_TEXT_FACTOR, Contact, Ratings, Recall, text_error
from oxytui.core.text import clean, has_lone_surrogate

GOOD_CONTACT = Contact(
    "c" * 32,
    date(2026, 11, 25),
    datetime(2026, 11, 25, 20, 30, tzinfo=UTC),
    "+01:00",
    "Sam",
    "hug",
    4,
    10,
    "",
)
GOOD_RECALL = Recall(
    "r" * 32,
    date(2026, 11, 25),
    datetime(2026, 11, 25, 20, 30, tzinfo=UTC),
    None,
    "evening",
    "Mia",
    Ratings(6, 3),
    Ratings(3, None),
    True,
    "",
)
TEXT = st.text(max_size=6) | st.sampled_from(
    [
        "",
        " ",
        "\t",
        "\u00a0",
        "Zoë",
        "a\nb",
        "a\ud800b",
        "\x1b[31mred",
        "\u202eevil",
        "x" * 40,
        "x" * 41,
        "x" * 80,
        "x" * 81,
        " " + "x" * 80,
        "\x07" * 100 + "x",
        "n" * 2000,
        "n" * 2001,
        7,
        None,
    ]
)
ZONES: Any = st.sampled_from([UTC, UTC, timezone(timedelta(hours=5)), timezone(timedelta(0)), None])
BOUNDS = [datetime(1899, 12, 29, 23, 59, tzinfo=UTC), datetime(1899, 12, 30, tzinfo=UTC)]
BOUNDS += [datetime(2101, 1, 2, tzinfo=UTC), datetime(2101, 1, 2, 0, 0, 1, tzinfo=UTC)]
MOMENTS = (
    st.datetimes(datetime(1899, 12, 29), datetime(2101, 1, 3), timezones=ZONES)
    | st.sampled_from(BOUNDS)
    | st.sampled_from([date(2026, 1, 1), "2026-11-25T20:30:00+00:00", None])
)
DAYS = (
    st.dates(date(1899, 12, 1), date(2101, 2, 1)) | st.dates() | st.sampled_from([datetime(2026, 1, 1), "x"])
)
DAYS |= st.sampled_from([date(1899, 12, 31), date(1900, 1, 1), date(2100, 12, 31), date(2101, 1, 1)])
INTS = (
    st.integers(-2, 1442)
    | st.sampled_from([-1, 0, 1, 5, 6, 10, 11, 1440, 1441])
    | st.sampled_from([True, False, 2.0, None, "3", 10**20])
)
IDS = st.sampled_from(["c" * 64, "c" * 65, "", "a-b", "a_b", "-", "a b", "é", "Ⅷ", "٣", 7, None, "a\n"])
OFFSETS = st.sampled_from(["+14:00", "-14:00", "+14:01", "+00:60", "+05:30", "1:00", "+٠١:٠٠", "", 0, None])
ODD_CONTACT: dict[str, Any] = {
    "id": IDS,
    "day": DAYS,
    "logged_at": MOMENTS,
    "utc_offset": OFFSETS,
    "who": TEXT,
    "kind": TEXT,
    "warmth": INTS,
    "minutes": INTS,
    "note": TEXT,
}
RATINGS: Any = st.builds(
    lambda s, c: unchecked(Ratings, stress=s, connected=c), INTS, INTS
) | st.sampled_from([None, {"stress": 3}, 4, Ratings()])
ODD_RECALL: dict[str, Any] = {
    "id": IDS,
    "day": DAYS,
    "started_at": MOMENTS,
    "finished_at": st.none() | MOMENTS,
    "script": TEXT,
    "figure": TEXT,
    "before": RATINGS,
    "after": RATINGS,
    "completed": st.sampled_from([False, True, 1, None]),
    "note": TEXT,
}
SEEN = {"contacts ok": 0, "contacts not": 0, "recalls ok": 0, "recalls not": 0}


def unchecked(cls: type[Any], **fields: Any) -> Any:
    """An instance of a frozen model class with these fields, its own checks skipped (as a hostile
    file would have them, were they not checked on reading)."""
    instance = object.__new__(cls)
    for name, value in fields.items():
        object.__setattr__(instance, name, value)
    return instance


def records(data: st.DataObject, good: Any, odd: dict[str, Any]) -> list[Any]:
    """One to four records: `good`, or `good` with one or two fields drawn from `odd`."""
    out = []
    for _ in range(data.draw(st.integers(1, 4))):
        fields = {name: getattr(good, name) for name in odd}
        for name in data.draw(st.lists(st.sampled_from(sorted(odd)), max_size=2, unique=True)):
            fields[name] = data.draw(odd[name], label=name)
        out.append(unchecked(type(good), **fields))
    return out


@pytest.mark.parametrize(
    ("table", "good", "odd", "columns_ok", "errors"),
    [
        ("contacts", GOOD_CONTACT, ODD_CONTACT, validate.contacts_ok, validate.contact_errors),
        ("recalls", GOOD_RECALL, ODD_RECALL, validate.recalls_ok, validate.recall_errors),
    ],
)
@settings(max_examples=600, deadline=None)
@given(data=st.data())
def test_the_columns_say_what_the_rules_say(
    table: str,
    good: Any,
    odd: dict[str, st.SearchStrategy[Any]],
    columns_ok: Callable[[list[Any]], bool],
    errors: Callable[[Any], dict[str, str]],
    data: st.DataObject,
) -> None:
    checked = records(data, good, odd)
    ok = columns_ok(checked)
    SEEN[f"{table} ok" if ok else f"{table} not"] += 1
    assert ok == all(not errors(record) for record in checked)


def test_the_properties_saw_both_answers() -> None:
    """Both properties above saw records pass and fail, or they proved little (runs after them)."""
    assert all(SEEN.values()), SEEN


def test_no_records_break_no_rule() -> None:
    assert validate.contacts_ok([]) and validate.recalls_ok([])


def text_error_one_by_one(value: str, required: bool, limit: int) -> str | None:
    """The text rule, every character looked at (what model.text_error's quick way must agree with)."""
    if has_lone_surrogate(value):
        return "lone surrogate"
    visible = clean(value).strip()
    if required and not any(char.isprintable() and not char.isspace() for char in visible):
        return "needed"
    if len(visible) > limit or len(value) > limit * RAW_TEXT_FACTOR:
        return "too long"
    return None


@settings(max_examples=400, deadline=None)
@given(TEXT.filter(lambda value: isinstance(value, str)), st.booleans(), st.sampled_from([1, 3, 40, 80]))
def test_the_text_rule_takes_the_quick_way_only_where_it_agrees(
    value: str, required: bool, limit: int
) -> None:
    found = text_error(value, "x", required=required, limit=limit)
    assert (found is None) == (text_error_one_by_one(value, required, limit) is None)
