"""The schema version: newer files refused and never rewritten, older ones migrated step by step."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from oxytui.core.model import ContactDraft
from oxytui.store import Store, UnreadableFileError
from oxytui.store.backups import list_backups
from oxytui.store.fileformat import MIGRATIONS, SCHEMA_VERSION, Data, decode, migrate, schema_version
from oxytui.store.storage import DurableStorage
from tests.conftest import FakeClock


def write_json(path: Path, value: Any) -> bytes:
    raw = json.dumps(value).encode("utf-8")
    path.write_bytes(raw)
    return raw


V0_FILE = {
    "meta": {"1": {"schema_version": 0}},
    "people": {
        "1": {
            "uid": "a" * 32,
            "date": "2026-11-20",
            "at": "2026-11-20T19:00:00+00:00",
            "name": "Sam",
            "what": "hug",
            "warmth": 4,
        }
    },
}


def v0_to_v1(data: Data) -> Data:
    """A made-up step from the old 'people' table to 'contacts'."""
    contacts = {
        key: {
            "id": old["uid"],
            "day": old["date"],
            "logged_at": old["at"],
            "utc_offset": "+00:00",
            "who": old["name"],
            "kind": old["what"],
            "warmth": old["warmth"],
            "minutes": None,
            "note": "",
        }
        for key, old in data.pop("people", {}).items()
    }
    return {**data, "contacts": contacts}


def test_current_version_is_two() -> None:
    assert SCHEMA_VERSION == 2
    assert set(MIGRATIONS) == {1}


def test_schema_version_read_from_meta() -> None:
    assert schema_version({"meta": {"1": {"schema_version": 1}}}) == 1
    assert schema_version({"meta": {"7": {"schema_version": 99}}}) == 99
    assert schema_version({}) == 0
    assert schema_version({"meta": {"1": {"schema_version": True}}}) == 0
    assert schema_version({"meta": {"1": {"schema_version": "1"}}}) == 0


def test_newer_schema_refused_and_never_rewritten(db_path: Path, clock: FakeClock) -> None:
    raw = write_json(db_path, {"meta": {"1": {"schema_version": 99}}, "contacts": {}})
    mtime = db_path.stat().st_mtime_ns
    with pytest.raises(UnreadableFileError) as caught:
        Store.open(db_path, clock=clock)
    message = str(caught.value)
    assert str(db_path) in message
    assert "schema 99" in message and "upgrade oxytui" in message
    assert db_path.read_bytes() == raw
    assert db_path.stat().st_mtime_ns == mtime
    assert list_backups(db_path) == []


def test_storage_refuses_to_write_a_newer_schema(db_path: Path) -> None:
    storage = DurableStorage(db_path)
    with pytest.raises(UnreadableFileError, match="newer schema"):
        storage.write({"meta": {"1": {"schema_version": SCHEMA_VERSION + 1}}})
    assert not db_path.exists()


def test_a_file_turned_newer_while_open_is_not_overwritten(db_path: Path, clock: FakeClock) -> None:
    store = Store.open(db_path, clock=clock)
    store.add_contact(ContactDraft("Sam", "hug"))
    data = json.loads(db_path.read_text(encoding="utf-8"))
    data["meta"]["1"]["schema_version"] = 99
    raw = write_json(db_path, data)
    with pytest.raises(UnreadableFileError):
        store.add_contact(ContactDraft("Kim", "hug"))
    assert db_path.read_bytes() == raw


def test_fake_v0_file_is_migrated(db_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(MIGRATIONS, 0, v0_to_v1)
    raw = write_json(db_path, V0_FILE)
    store = Store.open(db_path, clock=clock)
    [contact] = store.all_contacts()
    assert (contact.id, contact.who, contact.kind, contact.warmth) == ("a" * 32, "Sam", "hug", 4)
    assert db_path.read_bytes() == raw  # reading migrates in memory only
    store.add_contact(ContactDraft("Kim", "hug"))
    stored = json.loads(db_path.read_text(encoding="utf-8"))
    assert stored["meta"]["1"]["schema_version"] == SCHEMA_VERSION
    assert stored["people"] == {}  # schema 0's people became contacts; schema 2's people start empty
    assert sorted(c["who"] for c in stored["contacts"].values()) == ["Kim", "Sam"]
    # The day's backup holds the file as it was before migration.
    [backup] = list_backups(db_path)
    assert backup.path.read_bytes() == raw
    monkeypatch.delitem(MIGRATIONS, 0)
    assert sorted(c.who for c in Store.open(db_path).all_contacts()) == ["Kim", "Sam"]


def test_migration_of_a_file_without_meta(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(MIGRATIONS, 0, v0_to_v1)
    write_json(db_path, {"people": V0_FILE["people"]})
    data, _ = decode(db_path.read_bytes(), db_path)
    assert schema_version(data) == SCHEMA_VERSION
    assert [c["who"] for c in data["contacts"].values()] == ["Sam"]


def test_migration_steps_run_in_order(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    seen: list[int] = []

    def step(version: int) -> Any:
        def run(data: Data) -> Data:
            seen.append(version)
            assert schema_version(data) == version
            return data

        return run

    monkeypatch.setattr("oxytui.store.fileformat.SCHEMA_VERSION", 3)
    for version in (0, 1, 2):
        monkeypatch.setitem(MIGRATIONS, version, step(version))
    data = migrate({"meta": {"1": {"schema_version": 0}}}, 0, tmp_path / "f.json")
    assert seen == [0, 1, 2]
    assert schema_version(data) == 3


@pytest.mark.parametrize(
    "value",
    [
        {"meta": {"1": {"schema_version": 0}}, "contacts": {}},
        {"contacts": {}},
        {"meta": {"1": {"schema_version": -4}}},
        {"meta": {"1": {"schema_version": "1"}}},
    ],
)
def test_file_with_no_known_migration_refused(db_path: Path, clock: FakeClock, value: Any) -> None:
    raw = write_json(db_path, value)
    with pytest.raises(UnreadableFileError) as caught:
        Store.open(db_path, clock=clock)
    assert str(db_path) in str(caught.value)
    assert "cannot read" in str(caught.value)
    assert db_path.read_bytes() == raw


def test_empty_object_is_an_empty_database(db_path: Path, clock: FakeClock) -> None:
    write_json(db_path, {})
    store = Store.open(db_path, clock=clock)
    assert store.all_contacts() == []
    store.add_contact(ContactDraft("Sam", "hug"))
    assert json.loads(db_path.read_text(encoding="utf-8"))["meta"]["1"]["schema_version"] == SCHEMA_VERSION
