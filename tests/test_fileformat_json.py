"""The data file is written as the earlier releases wrote it, and read back by their reader and TinyDB's."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from tinydb import TinyDB

from oxytui.core.model import ContactDraft
from oxytui.store import Store
from oxytui.store.fileformat import Data, encode
from tests.conftest import FakeClock

# What a record holds: strings (any text, control characters and emoji included), whole numbers,
# booleans, null, and small objects (a recall's ratings).
TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=12)
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-(2**63), 2**63 - 1), TEXT)
VALUES = st.one_of(SCALARS, st.dictionaries(TEXT, SCALARS, max_size=3))
RECORDS = st.dictionaries(TEXT, VALUES, max_size=6)
FILES = st.dictionaries(
    TEXT, st.dictionaries(st.integers(1, 10**6).map(str), RECORDS, max_size=4), max_size=4
)


def previous_encode(data: Any) -> bytes:
    """How the earlier releases encoded the data file."""
    return json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode("utf-8")


@settings(max_examples=300, deadline=None)
@given(FILES)
def test_the_bytes_are_those_the_previous_release_wrote(data: Data) -> None:
    raw = encode(data)
    assert raw == previous_encode(data)
    assert json.loads(raw.decode("utf-8")) == data  # the previous release's reader


def test_a_file_saved_by_the_store_is_read_by_the_previous_reader_and_tinydb(
    db_path: Path, clock: FakeClock
) -> None:
    store = Store.open(db_path, clock=clock)
    store.update_settings(welcomed=True)
    first = store.add_contact(ContactDraft("Zoë 🌙", "hug", 4, 10, 'a "quoted" note\nwith a line'))
    store.add_contact(ContactDraft("Mia", "call"))
    store.edit_contact(first.id, ContactDraft("Zoë 🌙", "hug", 5, None, "changed by an upsert"))
    store.undo()
    raw = db_path.read_bytes()
    assert raw == previous_encode(json.loads(raw.decode("utf-8")))
    with TinyDB(db_path, access_mode="r") as db:  # TinyDB's own JSONStorage
        rows = db.table("contacts").all()
    assert sorted(row["who"] for row in rows) == ["Mia", "Zoë 🌙"]
    assert [row["note"] for row in rows if row["who"] == "Mia"] == [""]
    again = Store.open(db_path, clock=clock)
    assert [c.note for c in again.all_contacts() if c.who == "Zoë 🌙"] == ['a "quoted" note\nwith a line']
