"""The quick pass over plain records accepts exactly what the field-by-field checks accept."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from oxytui.core import records
from oxytui.core.records import RecordError
from tests.conftest import STORED_CONTACT as CONTACT
from tests.conftest import STORED_RECALL as RECALL

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
