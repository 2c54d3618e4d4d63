"""People: derivation and ordering (as properties), the person record's rules, and the Store's people."""

from __future__ import annotations

import json
import subprocess
import sys
import types
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from oxytui.core.model import Contact, PersonRecord, ValidationError
from oxytui.core.people import (
    derive_people,
    due_people,
    invitation,
    name_key,
    ordered,
    parse_every,
    rhythm_words,
    since_words,
    warmest_lately,
)
from oxytui.core.records import person_from_dict, person_to_dict
from oxytui.core.text import clean_line
from oxytui.store import Store
from oxytui.store.backups import list_backups, migration_backup_path
from oxytui.store.errors import UnreadableFileError
from oxytui.store.fileformat import SCHEMA_VERSION
from tests.conftest import FakeClock

TODAY = date(2026, 11, 25)
NAMES = ["Alex", "alex ", " ALEX", "Mia", "Oma  Ruth", "oma ruth", "Sam\x1b[31m", "Noor"]
SCHEMA_1_COMMIT = "8ad48aa"  # the last release of the schema-1 reader


def contact(who: str, back: int, warmth: int = 3, kind: str = "hug", minute: int = 0) -> Contact:
    day = TODAY - timedelta(days=back)
    moment = datetime(day.year, day.month, day.day, 18, minute % 60, tzinfo=UTC)
    return Contact(f"{abs(hash((who, back, minute))):032x}"[:32], day, moment, "+00:00", who, kind, warmth)


contacts_strategy = st.lists(
    st.builds(
        contact,
        st.sampled_from(NAMES),
        st.one_of(st.integers(0, 2), st.integers(0, 400)),  # often the same day: the latest by time
        st.integers(1, 5),
        st.sampled_from(["hug", "call", "warm-talk"]),
        st.integers(0, 59),
    ),
    max_size=60,
)
records_strategy = st.dictionaries(
    st.sampled_from(["alex", "mia", "oma ruth", "noor"]),
    st.builds(
        PersonRecord,
        st.sampled_from(["Alex", "Mia", "Oma Ruth", "Noor"]),
        st.one_of(st.none(), st.integers(1, 3650)),
        st.booleans(),
    ),
)


@settings(max_examples=150, deadline=None)
@given(contacts_strategy, records_strategy)
def test_derivation_agrees_with_the_contacts(
    contacts: list[Contact], records: dict[str, PersonRecord]
) -> None:
    records = {name_key(r.name): r for r in records.values()}
    people = derive_people(contacts, records, TODAY)
    assert sum(p.contacts for p in people.values()) == len(contacts)
    for key, person in people.items():
        mine = [c for c in contacts if name_key(c.who) == key]
        if not mine:
            assert key in records and person.last_day is None and not person.due
            continue
        latest = max(mine, key=lambda c: (c.day, c.logged_at))
        newest = {c.who for c in mine if (c.day, c.logged_at) == (latest.day, latest.logged_at)}
        assert person.last_day == latest.day and person.name in newest  # the most recent spelling
        assert person.days_since == (TODAY - latest.day).days
        assert person.contacts_30d == sum(1 for c in mine if (TODAY - c.day).days < 30)
        assert person.contacts_90d == sum(1 for c in mine if (TODAY - c.day).days < 90)
        assert person.warmth_30d == sum(c.warmth for c in mine if (TODAY - c.day).days < 30)
        assert person.first_day == min(c.day for c in mine)
        assert person.contacts == len(mine)
        assert person.kinds == tuple(k for k, _ in Counter(c.kind for c in mine).most_common(3))
        every = person.every_days
        assert person.due == (
            every is not None and not person.remembered and (TODAY - latest.day).days > every
        )


@settings(max_examples=150, deadline=None)
@given(contacts_strategy, records_strategy)
def test_ordering_properties(contacts: list[Contact], records: dict[str, PersonRecord]) -> None:
    records = {name_key(r.name): r for r in records.values()}
    people = derive_people(contacts, records, TODAY)
    everyone = ordered(people.values())
    assert sorted(p.key for p in everyone) == sorted(people)  # everyone, once
    due = due_people(people.values())
    assert everyone[: len(due)] == due  # the "it's been a while" people first
    ratios = [(p.days_since - p.every_days) / p.every_days for p in due]  # type: ignore[operator]
    assert ratios == sorted(ratios, reverse=True)  # furthest past the rhythm, relative to it, first
    assert all(not p.remembered for p in due)
    flags = [p.remembered for p in everyone]
    assert flags == sorted(flags)  # the remembered last, in their own section
    offered = warmest_lately(people.values())
    assert all(p.remembered or p.warmth_30d for p in offered)
    assert {p.key for p in people.values() if p.remembered} <= {p.key for p in offered}
    warm = [p.warmth_30d for p in offered if p.warmth_30d]
    assert warm == sorted(warm, reverse=True)


@given(st.text(alphabet="abcXYZ é", max_size=20), st.text(max_size=20))
def test_name_key_ignores_case_outer_spaces_and_control_codes(plain: str, anything: str) -> None:
    assert name_key(plain) == name_key(f"  {plain.upper()}\x1b[2J \t")
    assert name_key(anything) == clean_line(anything).casefold()


def test_words_are_plain() -> None:
    assert [since_words(d) for d in (0, 1, 5, 21, 35, 100, 800)] == [
        "today",
        "1 day",
        "5 days",
        "3 weeks",
        "5 weeks",
        "3 months",
        "2 years",
    ]
    assert [rhythm_words(d) for d in (1, 7, 14, 30, 10, 365)] == [
        "day",
        "week",
        "2 weeks",
        "month",
        "10 days",
        "year",
    ]
    people = derive_people([contact("Grandma", 35)], {"grandma": PersonRecord("Grandma", 14)}, TODAY)
    line = invitation(people["grandma"], "Grandma")
    assert line == "Grandma — 5 weeks since you were last in touch; you hoped for every 2 weeks"
    assert "!" not in line and "overdue" not in line.lower()


def test_person_record_rules() -> None:
    with pytest.raises(ValidationError, match="every"):
        PersonRecord("Sam", every_days=0)
    with pytest.raises(ValidationError, match="every"):
        PersonRecord("Sam", every_days=3651)
    with pytest.raises(ValidationError, match="name"):
        PersonRecord("  ")
    record = PersonRecord("Sam", 3650, True, "note")
    assert person_from_dict(person_to_dict(record)) == record
    assert parse_every("off") is None and parse_every("7") == 7
    with pytest.raises(ValidationError):
        parse_every("3651")


# --- the Store ---------------------------------------------------------------------------------


def test_set_person_and_undo(store: Store) -> None:
    from oxytui.core.model import ContactDraft

    store.add_contact(ContactDraft("Grandma", "call"))
    store.set_person(" grandma ", every_days=14, note="garden")
    assert store.person("GRANDMA").every_days == 14  # type: ignore[union-attr]
    store.set_person("Grandma", remembered=True)
    person = store.person("grandma")
    assert person is not None and person.remembered and person.note == "garden" and person.every_days == 14
    assert store.undo() is not None
    assert not store.person("grandma").remembered  # type: ignore[union-attr]
    with pytest.raises(ValidationError, match="no one called"):
        store.set_person("Nobody", every_days=3)
    reopened = Store.open(store.path)
    assert reopened.records.people["grandma"] == PersonRecord("Grandma", 14, False, "garden")


def test_rename_merges_and_undo_puts_everything_back(store: Store) -> None:
    from oxytui.core.model import ContactDraft

    for who in ("Gran", "Gran", "Grandma"):
        store.add_contact(ContactDraft(who, "call"))
    store.set_person("Gran", every_days=7, note="first")
    store.set_person("Grandma", note="second")
    before = json.loads(store.path.read_text(encoding="utf-8"))
    assert store.rename_person("gran", "Grandma") == 2
    people = store.everyone()
    assert list(people) == ["grandma"] and people["grandma"].contacts == 3
    merged = store.records.people["grandma"]
    assert (merged.every_days, merged.note) == (7, "second\n\nfirst")  # the kept name's choices first
    assert {c.who for c in Store.open(store.path).all_contacts()} == {"Grandma"}
    store.undo()
    after = json.loads(store.path.read_text(encoding="utf-8"))
    assert sorted(c["who"] for c in after["contacts"].values()) == ["Gran", "Gran", "Grandma"]
    assert sorted(map(json.dumps, after["people"].values())) == sorted(
        map(json.dumps, before["people"].values())
    )
    with pytest.raises(ValidationError, match="no one called"):
        store.rename_person("Nobody", "X")


def test_export_carries_people_and_a_schema_1_export_still_imports(store: Store, tmp_path: Path) -> None:
    from oxytui.core.model import ContactDraft

    store.add_contact(ContactDraft("Mia", "hug"))
    store.set_person("Mia", every_days=10)
    data = store.export_data()
    assert data["people"] == [{"name": "Mia", "every_days": 10, "remembered": False, "note": ""}]
    other = Store.open(tmp_path / "other.json")
    assert other.import_data(data).added == 2
    assert other.person("mia").every_days == 10  # type: ignore[union-attr]
    old = {"schema_version": 1, "contacts": data["contacts"]}
    third = Store.open(tmp_path / "third.json")
    assert third.import_data(old).added == 1 and third.records.people == {}


def schema_1_file(path: Path) -> bytes:
    raw = json.dumps(
        {
            "meta": {
                "1": {"schema_version": 1, "created_at": "2026-01-01T00:00:00+00:00", "app_version": "0.1"}
            },
            "contacts": {
                "1": {
                    "id": "a" * 32,
                    "day": "2026-11-20",
                    "logged_at": "2026-11-20T18:00:00.000000+00:00",
                    "utc_offset": "+01:00",
                    "who": "Sam",
                    "kind": "hug",
                    "warmth": 4,
                    "minutes": None,
                    "note": "",
                }
            },
        }
    ).encode()
    path.write_bytes(raw)
    return raw


def test_a_schema_1_file_is_migrated_on_its_first_write_backup_first(db_path: Path, clock: FakeClock) -> None:
    raw = schema_1_file(db_path)
    store = Store.open(db_path, clock=clock)
    assert db_path.read_bytes() == raw  # reading changes nothing
    store.set_person("Sam", every_days=7)
    stored = json.loads(db_path.read_text(encoding="utf-8"))
    assert stored["meta"]["1"]["schema_version"] == SCHEMA_VERSION == 2
    assert list(stored["people"].values()) == [
        {"name": "Sam", "every_days": 7, "remembered": False, "note": ""}
    ]
    assert migration_backup_path(db_path, 1, store.today()).read_bytes() == raw
    assert [b.path.read_bytes() for b in list_backups(db_path)] == [raw]


def _schema_1_reader(tmp_path: Path) -> types.ModuleType:
    """The file-format module of the last schema-1 release, from the project's history."""
    root = Path(__file__).resolve().parent.parent
    source = subprocess.run(
        ["git", "-C", str(root), "show", f"{SCHEMA_1_COMMIT}:oxytui/store/fileformat.py"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    module = types.ModuleType("schema_1_fileformat")
    exec(compile(source, "schema_1_fileformat.py", "exec"), module.__dict__)
    assert module.SCHEMA_VERSION == 1
    return module


def test_the_schema_1_reader_refuses_a_schema_2_file(db_path: Path, clock: FakeClock, tmp_path: Path) -> None:
    schema_1_file(db_path)
    Store.open(db_path, clock=clock).set_person("Sam", remembered=True)
    old = _schema_1_reader(tmp_path)
    with pytest.raises(UnreadableFileError, match="newer oxytui"):
        old.decode(db_path.read_bytes(), db_path)
    assert sys.modules.get("schema_1_fileformat") is None


def test_a_rename_onto_the_same_spelling_changes_nothing_and_says_so(store: Store) -> None:
    from oxytui.core.model import ContactDraft

    store.add_contact(ContactDraft("Ann", "hug"))
    store.add_contact(ContactDraft("ann", "call"))
    store.set_person("Ann", every_days=7)
    assert store.rename_person("ann", " Ann ") == 2  # one spelling for both: a change
    before = store.path.read_bytes()
    with pytest.raises(ValidationError, match="already written that way everywhere"):
        store.rename_person("ANN", "Ann")
    assert store.path.read_bytes() == before and store.undo() is not None  # the first rename is undone
    assert {c.who for c in store.all_contacts()} == {"Ann", "ann"}
