"""The typed read of a whole file gives what the record parsers give, or steps aside for them.

Hostile and near-valid data files, written as real files: a field missing, of the wrong type, an odd
string or a boundary value; keys twice in the raw JSON; dates and times spelled every odd way ISO
allows (and some it does not), some of their characters written as JSON escapes. Opening each file
with the typed read and with the parsers alone must give the same records (the same values, types and
time zones) or the same error: a file the parsers refuse is never accepted.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oxytui.store import Store, typed, views
from oxytui.store.errors import StoreError
from tests.conftest import STORED_CONTACT as CONTACT
from tests.conftest import STORED_RECALL as RECALL

MISSING = object()  # a field left out of the document
DAY = st.sampled_from(
    ["2026-11-25", "1900-01-01", "2100-12-31", "1899-12-31", "2101-01-01", "2026-02-30"]
) | (
    st.sampled_from(["2026-1-5", "20261125", "2026-W48-3", "0000-01-01", "+2026-11-25", "２０２６-11-25", ""])
)
WILD_MOMENT = st.tuples(
    st.sampled_from(["2026-11-25", "1899-12-30", "2101-01-02", "2026-02-30", "20261125", "2026-11-2"]),
    st.sampled_from(["T", "t", " ", "_", ""]),
    st.sampled_from(["20:30:00", "20:30", "203000", "23:59:60", "24:00:00", "23:59:59", "20", "2０:30:00"]),
    st.sampled_from(["", ".", ".1", ".123", ".000000", ".123456", ".1234565", ".123456789", ",5", ".12a"]),
    st.sampled_from(["", "Z", "z", "+00:00", "-00:00", "+0000", "+00", "+05:30", "-14:00", "+14:00"])
    | st.sampled_from(["+23:59", "+24:00", "+00:00:00", "+01:00:30.5", "UTC", "+00:00 "]),
).map("".join)
MOMENT = st.integers(0, 3).flatmap(  # mostly near what oxytui writes: spellings two parsers may read apart
    lambda pick: (
        WILD_MOMENT
        if pick == 0
        else st.tuples(
            st.sampled_from(
                ["2026-11-25", "1899-12-30", "1899-12-29", "2101-01-02", "2101-01-03", "2024-02-29"]
            ),
            st.sampled_from(["T", "T", "t", " "]),
            st.sampled_from(["20:30:00", "00:00:00", "23:59:59"]),
            st.sampled_from(
                ["", ".1", ".123456", ".1234564", ".1234565", ".9999995", ".123456789", ".0000001"]
            ),
            st.sampled_from(
                ["Z", "z", "+00:00", "+00:00", "-00:00", "+0000", "+05:30", "-14:00", "+23:59", ""]
            ),
        ).map("".join)
    )
)
TEXT = st.integers(0, 3).flatmap(
    lambda pick: (
        st.text(max_size=5)
        if pick == 0
        else st.sampled_from(["", " ", "Zoë", "a\nb", "a\ud800b", "\x1b[31mred", "\u202e", "\x07" * 90 + "x"])
        | st.sampled_from(["x" * 40, "x" * 41, "x" * 80, "x" * 81, " " * 81, "x" * 2000, "x" * 2001])
    )
)
ODD: Any = st.sampled_from([None, True, 0, 2.0, 10**20, [], {}]) | TEXT | DAY | MOMENT


def near(*values: Any) -> Any:
    """Mostly one of `values` (the bounds and odd values of one field), sometimes anything odd."""
    return st.integers(0, 4).flatmap(lambda pick: ODD if pick == 0 else st.sampled_from(values))


RATINGS = near({}, {"stress": 11}, {"stress": True}, {"stress": 0, "extra": "x"}, {"connected": 10}, None, [])
FIELDS: dict[str, Any] = {
    "id": near("c" * 64, "c" * 65, "", "a-b_c", "a b", "é", "C0-_"),
    "day": DAY,
    "logged_at": MOMENT,
    "started_at": MOMENT,
    "finished_at": MOMENT | st.none(),
    "utc_offset": near("+14:00", "-14:00", "+14:01", "+00:60", "+05:30", "1:00", "+01:00:00"),
    "who": TEXT,
    "kind": TEXT,
    "script": TEXT,
    "figure": TEXT,
    "note": TEXT,
    "warmth": near(0, 1, 5, 6, -1, True, 3.0, "3"),
    "minutes": near(-1, 0, 1440, 1441, True, 2.0),
    "completed": near(True, False, 1, 0, "true"),
    "before": RATINGS,
    "after": RATINGS,
    "extra": ODD,
}
ESCAPABLE = "zZT:.+-0123456789 "
SEEN = {"typed": 0, "refused": 0}


def text(value: str, escaped: str) -> str:
    """`value` as a JSON string, with the characters in `escaped` written as \\u escapes."""
    out = (f"\\u{ord(c):04x}" if c in escaped else json.dumps(c, ensure_ascii=False)[1:-1] for c in value)
    return '"' + "".join(out) + '"'


def dumped(value: Any, escaped: str) -> str:
    """`value` as JSON; a list of pairs is an object that may hold a key twice."""
    if isinstance(value, str):
        return text(value, escaped)
    if isinstance(value, dict):
        value = list(value.items())
    if isinstance(value, list) and all(isinstance(pair, tuple) for pair in value):
        return "{" + ",".join(f"{text(k, escaped)}:{dumped(v, escaped)}" for k, v in value) + "}"
    return json.dumps(value)


def changed(data: st.DataObject, base: dict[str, Any], name: str) -> list[tuple[str, Any]]:
    """`base` with the field `name` drawn odd: replaced, left out, or written twice (first or last)."""
    value = data.draw(st.just(MISSING) | FIELDS[name], label=name)
    how = data.draw(st.sampled_from(["replace", "twice", "twice first"]), label="how")
    pairs = list(base.items())
    if how == "replace" or value is MISSING:
        pairs = [(k, v) for k, v in pairs if k != name]
    if value is not MISSING:
        pairs.insert(0 if how == "twice first" else len(pairs), (name, value))
    return pairs


def data_file(data: st.DataObject, table: str, name: str) -> bytes:
    """A data file of schema 2 whose first record of `table` has the field `name` drawn odd; beside it,
    good records, sometimes one with another field drawn odd, sometimes none at all."""
    tables: list[tuple[str, Any]] = [("meta", {"1": {"schema_version": 2}})]
    for each, base in (("contacts", CONTACT), ("recalls", RECALL)):
        documents = [changed(data, base, name)] if each == table else []
        for _ in range(data.draw(st.integers(0, 2), label=f"more {each}")):
            other = data.draw(st.sampled_from([None, None, None, *base, "extra"]), label="other field")
            documents.append(list(base.items()) if other is None else changed(data, base, other))
        ids = st.sampled_from(["1", "2", "3", "4", "1", "2", "3", "4", "x", "07"])  # mostly whole numbers
        keys = data.draw(st.lists(ids, min_size=len(documents), max_size=len(documents)))
        tables.append((each, list(zip(keys, documents, strict=True))))
    escaped = data.draw(st.sampled_from(["", "", "", "", "", "z", "0", "7", ".", "T", "+", ":", ESCAPABLE]))
    return dumped(tables, escaped).encode("utf-8", "surrogatepass")


def opened(path: Path, monkeypatch: pytest.MonkeyPatch, *, typed_read: bool) -> str:
    """Every record of the file at `path` as the Store reads it (repr shows types and time zones), or
    the error that opening it gives; and what checking it as a backup finds."""
    with monkeypatch.context() as patch:
        if not typed_read:
            patch.setattr(views, "typed_records", lambda table, documents: None)
        problem = views.file_problem(path)
        try:
            records = Store.open(path).records
        except StoreError as error:
            return f"{problem}; error: {error}"
    return repr((problem, records._contacts, records.recalls, records.contacts, records.by_day))


@pytest.mark.parametrize(
    ("table", "name"), [("contacts", name) for name in CONTACT] + [("recalls", name) for name in RECALL]
)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_the_typed_read_gives_what_the_parsers_give(
    table: str, name: str, data: st.DataObject, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "oxytui.json"
    path.write_bytes(data_file(data, table, name))
    took: list[bool] = []

    def counted(table: str, documents: Any) -> Any:
        records = typed.typed_records(table, documents)
        took.append(records is not None and bool(documents))
        return records

    monkeypatch.setattr(views, "typed_records", counted)
    fast = opened(path, monkeypatch, typed_read=True)
    slow = opened(path, monkeypatch, typed_read=False)
    assert fast == slow
    SEEN["typed"] += any(took)
    SEEN["refused"] += "; error: " in slow


def test_the_property_saw_typed_reads_and_refusals() -> None:
    """The property above saw the typed read taken and files refused, or it proved little."""
    assert SEEN["typed"] >= 50 and SEEN["refused"] >= 50, SEEN
