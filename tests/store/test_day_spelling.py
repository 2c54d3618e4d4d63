"""A day is written YYYY-MM-DD and read only so, at every door: date.fromisoformat also reads
'20261125' and '2026-W48-3', and a rest day kept in such a spelling could never be unmarked (the
store finds a rest day by its written day)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from oxytui.core.days import iso_day, parse_day
from oxytui.core.model import ValidationError
from oxytui.store import Store, UnreadableFileError
from tests.conftest import STORED_CONTACT, STORED_RECALL

READ_AS_THAT_DAY = ["20261125", "2026-W48-3"]  # by date.fromisoformat, which oxytui no longer uses alone
SPELLINGS = [*READ_AS_THAT_DAY, "２０２６-11-25", "2026-11-25T00:00", " 2026-11-25", "2026-11-25 "]
DAY = date(2026, 11, 25)


def data_file(path: Path, table: str, day: str) -> Path:
    records: dict[str, Any] = {
        "contacts": STORED_CONTACT,
        "recalls": STORED_RECALL,
        "rest_days": {"day": "2026-11-25", "reason": "ill"},
    }
    data = {
        "meta": {"1": {"schema_version": 2}},
        **{
            name: {"1": {**record, "day": day} if name == table else record}
            for name, record in records.items()
        },
    }
    path.write_text(json.dumps(data))
    return path


def test_the_one_spelling_is_read(tmp_path: Path) -> None:
    assert iso_day("2026-11-25") == DAY == parse_day("2026-11-25", DAY) == parse_day(" 2026-11-25 ", DAY)
    assert all(date.fromisoformat(spelling) == DAY for spelling in READ_AS_THAT_DAY)
    store = Store.open(data_file(tmp_path / "good.json", "rest_days", "2026-11-25"))
    assert store.is_rest_day(DAY) and len(store.all_contacts()) == len(store.recalls()) == 1
    store.clear_rest_day(DAY)
    assert not Store.open(store.path).is_rest_day(DAY)


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_another_spelling_is_refused_at_every_door(tmp_path: Path, spelling: str) -> None:
    with pytest.raises(ValueError):
        iso_day(spelling)
    if spelling.strip() != "2026-11-25":  # a typed day may have spaces around it
        with pytest.raises(ValueError, match="use YYYY-MM-DD"):
            parse_day(spelling, DAY)
    for table in ("contacts", "recalls", "rest_days"):
        path = data_file(tmp_path / f"{table}.json", table, spelling)
        before = path.read_bytes()
        with pytest.raises(UnreadableFileError, match=f"{table} #1.*field 'day' is not a date"):
            Store.open(path)
        assert path.read_bytes() == before
    good = Store.open(data_file(tmp_path / "good.json", "rest_days", "2026-11-25"))
    export = good.export_data()
    export["rest_days"][0]["day"] = spelling
    with pytest.raises(ValidationError, match="rest_days record 1"):
        Store.open(tmp_path / "new.json").import_data(export)
