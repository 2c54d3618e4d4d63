"""The cached encoder writes exactly what a full encode writes, whatever changed since the last save."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from oxytui.core.model import ContactDraft
from oxytui.store import Store
from oxytui.store.encoder import CachedEncoder
from oxytui.store.fileformat import Data, decode, encode

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.sampled_from([0.0, -0.0, 1.0, 2.5]),
    st.text(max_size=4),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=2), inner, max_size=3),
    max_leaves=6,
)


def sample() -> Data:
    return {
        "meta": {"1": {"schema_version": 1}},
        "contacts": {str(n): {"id": f"c{n}", "warmth": 1, "minutes": None, "note": "é"} for n in range(1, 6)},
        "recalls": {"1": {"id": "r1", "before": {"stress": 1, "connected": None}, "completed": True}},
    }


# Each change is applied to the live data in place, the way TinyDB's update and insert do.
CHANGES = st.lists(
    st.tuples(
        st.sampled_from(["set", "nested", "add", "remove", "same-equal", "rename"]),
        st.sampled_from(["contacts", "recalls", "meta", "new"]),
        st.integers(1, 8),
        st.sampled_from(["warmth", "minutes", "note", "before", "x"]),
        VALUES,
    ),
    max_size=8,
)


def apply(data: Data, change: tuple[str, str, int, str, Any]) -> None:
    kind, name, number, field, value = change
    table = data.setdefault(name, {})
    key = str(number)
    record = table.get(key)
    if kind == "add" or record is None:
        table[key] = {"id": key, field: value}
    elif kind == "set":
        record[field] = value
    elif kind == "nested":
        inner = record.get("before")
        if isinstance(inner, dict):
            inner["stress"] = value  # changed inside, not replaced
        elif isinstance(inner, list):
            inner.append(value)
        else:
            record["before"] = {"stress": value}
    elif kind == "remove":
        del table[key]
    elif kind == "same-equal":
        for name_, old in list(record.items()):
            record[name_] = copy.deepcopy(old)  # equal, but not the same objects
    elif kind == "rename" and record:
        first = next(iter(record))
        record[first + "2"] = record.pop(first)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 8), CHANGES), min_size=1, max_size=4), st.booleans())
def test_each_encode_equals_a_full_encode(
    rounds: list[tuple[int, list[tuple[str, str, int, str, Any]]]], encode_first: bool
) -> None:
    data = sample()
    encoder = CachedEncoder()
    if encode_first:
        assert encoder.encode(data) == encode(data)
    for budget, changes in rounds:
        encoder.prime(data, budget)  # part of the records encoded ahead, then changed under it
        for change in changes:
            apply(data, change)
        assert encoder.encode(data) == encode(data)


def test_priming_a_little_at_a_time_reaches_every_record() -> None:
    data = sample()
    encoder = CachedEncoder()
    steps = 0
    while not encoder.prime(data, 2):
        steps += 1
    assert steps == 3  # 7 records, 2 at a time: the fourth call encodes the last one
    assert encoder.prime(data, 2)
    data["contacts"]["3"]["note"] = "changed after priming"
    assert encoder.encode(data) == encode(data)


def test_a_value_equal_but_of_another_type_is_written_as_it_is() -> None:
    data = sample()
    encoder = CachedEncoder()
    encoder.encode(data)
    data["contacts"]["1"]["warmth"] = True  # == 1, but JSON true
    data["recalls"]["1"]["before"]["stress"] = 1.0  # == 1, inside a nested object
    assert encoder.encode(data) == encode(data)
    assert b'"warmth":true' in encoder.encode(data)


def test_tables_that_grow_shrink_and_empty() -> None:
    data: Data = {"meta": {}, "contacts": {}}
    encoder = CachedEncoder()
    for step in range(12):
        table = data["contacts"]
        if step % 4 == 3:
            table.clear()
        else:
            table[str(step)] = {"id": str(step), "warmth": step}
        if step == 6:
            table["0"] = {"id": "back"}
        assert encoder.encode(data) == encode(data), step


def test_appended_records_after_many_saves() -> None:
    data = sample()
    encoder = CachedEncoder()
    for number in range(100, 180):
        data["contacts"][str(number)] = {"id": f"c{number}", "warmth": 3, "note": "ü"}
        assert encoder.encode(data) == encode(data)
    data["contacts"]["101"]["note"] = "changed in place after many appends"
    assert encoder.encode(data) == encode(data)


def test_unusual_keys_fall_back_to_a_full_encode() -> None:
    data: Any = sample()
    encoder = CachedEncoder()
    encoder.encode(data)
    data["contacts"][7] = {"id": "int key"}
    assert encoder.encode(data) == encode(data)


def test_saves_through_the_store_leave_the_file_a_full_encode_would(db_path: Path) -> None:
    store = Store.open(db_path)
    first = store.add_contact(ContactDraft("Sam", "hug"))
    store.add_contact(ContactDraft("Mia", "cuddle", 4))
    store.edit_contact(first.id, ContactDraft("Sam", "hug", 5, 10, "changed in place by an upsert"))
    store.delete_contact(first.id)
    store.undo()
    raw = db_path.read_bytes()
    assert raw == encode(decode(raw, db_path))
    again = Store.open(db_path)
    assert [c.note for c in again.all_contacts() if c.who == "Sam"] == ["changed in place by an upsert"]
