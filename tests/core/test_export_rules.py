"""An import checks the rules over all its records at once, yet names the same record and field as
checking them one by one."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from oxytui.core.model import ValidationError
from oxytui.core.records import (
    RecordError,
    _id_of,
    contact_from_dict,
    parse_export,
    recall_from_dict,
    rest_day_from_dict,
)
from tests.conftest import STORED_CONTACT as CONTACT
from tests.conftest import STORED_RECALL as RECALL
from tests.store.test_typed import changed

PARSERS = {"contacts": contact_from_dict, "recalls": recall_from_dict, "rest_days": rest_day_from_dict}


def one_by_one(export: dict[str, Any]) -> Any:
    """What parsing the records of `export` one by one gives: their objects, or the first error (a
    table's records that break a rule, then two of them that are one record told two ways)."""
    parsed: list[Any] = []
    for name, parse in PARSERS.items():
        table: list[Any] = []
        for number, record in enumerate(export[name], 1):
            try:
                table.append(parse(record))
            except RecordError as error:
                return f"{name} record {number}{_id_of(record)}: {error}"
        keys = [record.day if name == "rest_days" else record.id for record in table]
        for later, record in enumerate(table, 1):
            first = keys.index(keys[later - 1]) + 1
            if table[first - 1] != record:
                same = "the same day" if name == "rest_days" else "the same id"
                return f"{name} records {first} and {later} are {same} but differ; keep one and import again"
        parsed += table
    return repr(parsed)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_an_import_names_the_record_one_by_one_checks_name(data: st.DataObject) -> None:
    export: dict[str, Any] = {"schema_version": 2, "rest_days": [{"day": "2026-11-25", "reason": ""}]}
    for table, base in (("contacts", CONTACT), ("recalls", RECALL)):
        export[table] = []
        for _ in range(data.draw(st.integers(0, 4), label=f"{table} records")):
            name = data.draw(st.sampled_from([None, None, *base]), label="field")
            export[table].append(base if name is None else dict(changed(data, base, name)))
    try:
        contacts, recalls, rest_days, _ = parse_export(export, 2)
        found = repr([*contacts, *recalls, *rest_days])
    except ValidationError as error:
        found = error.errors["import"]
    assert found == one_by_one(export)
