"""Reading the records of the data: a table's records, a whole file checked (a backup, before a restore),
and for the Store a `Records` per version of the data.

After a change of ours, only the documents it touched (storage.py notes them) are parsed again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date
from functools import cached_property
from operator import attrgetter
from pathlib import Path
from typing import Any, TypeVar

from oxytui.core.model import Contact, PersonRecord, Recall, RestDay, Settings
from oxytui.core.people import name_key
from oxytui.core.records import (
    RecordError,
    contact_from_dict,
    person_from_dict,
    recall_from_dict,
    rest_day_from_dict,
    settings_from_dict,
)
from oxytui.safe_files import read_regular_file
from oxytui.store.errors import UnreadableFileError
from oxytui.store.fileformat import Data, decode
from oxytui.store.typed import TABLES, typed_records

T = TypeVar("T")
PARSERS: dict[str, Callable[[Mapping[str, Any]], Any]] = {
    "contacts": contact_from_dict,
    "recalls": recall_from_dict,
    "rest_days": rest_day_from_dict,
    "settings": settings_from_dict,
    "people": person_from_dict,
}


def read_record(table: str, key: str, document: Mapping[str, Any]) -> Any:
    """The record of one document of `table`; a RecordError says which record breaks which rule:
    'a malformed record (contacts #3, id ab12: ...)'."""
    try:
        return PARSERS[table](document)
    except RecordError as error:
        ident = document.get("id")
        named = f", id {ident}" if isinstance(ident, str) and ident.isalnum() and len(ident) <= 64 else ""
        raise RecordError(f"a malformed record ({table} #{key}{named}: {error})") from None


def read_table(data: Data, table: str) -> dict[str, Any]:
    """Every record of `table` by document id: all at once where typed.py can, else one at a time."""
    documents = data.get(table, {})
    if table in TABLES and (records := typed_records(table, documents)) is not None:
        return records
    return {key: read_record(table, key, document) for key, document in documents.items()}


def record_problem(data: Data) -> str | None:
    """None when every record of `data` meets the rules, else which record and field do not."""
    try:
        for table in PARSERS:
            read_table(data, table)
    except RecordError as error:
        return str(error)
    return None


def file_problem(path: Path) -> str | None:
    """None when the file at `path` is a complete oxytui file whose records all meet the rules."""
    try:
        data, _ = decode(read_regular_file(path), path)
    except UnreadableFileError as error:
        return str(error)
    except OSError as error:
        return f"{path} cannot be read: {error.strerror or error}"
    if (problem := record_problem(data)) is not None:
        return f"{path} has {problem}"
    return None


def _parse(
    data: Data, table: str, path: Path, before: dict[str, T] | None = None, touched: Iterable[str] = ()
) -> dict[str, T]:
    """The records of `table` by document id: all parsed, or those of the `before` version with the
    `touched` documents parsed again."""
    documents = data.get(table, {})
    try:
        if before is None:
            return read_table(data, table)
        records = dict(before)
        for key in touched:
            if key in documents:
                records[key] = read_record(table, key, documents[key])
            else:
                records.pop(key, None)
        return records
    except RecordError as error:
        raise UnreadableFileError(f"{path} has {error}") from None


class Records:
    """Every record of one version of the data file, as core objects, with the indexes reads need."""

    def __init__(
        self,
        data: Data,
        path: Path,
        before: Records | None = None,
        touched: Mapping[str, set[str]] | None = None,
    ) -> None:
        """The records of `data`; after a change of ours, from the `before` version and the documents
        the change `touched` (ids by table)."""
        self.derived: dict[object, Any] = {}  # what the Store works out from this version: see DataFile
        changed = touched or {}
        self._contacts: dict[str, Contact] = _parse(
            data, "contacts", path, before._contacts if before else None, changed.get("contacts", ())
        )
        self._recalls: dict[str, Recall] = _parse(
            data, "recalls", path, before._recalls if before else None, changed.get("recalls", ())
        )
        self.recalls = {recall.id: recall for recall in self._recalls.values()}
        rest: dict[str, RestDay] = _parse(data, "rest_days", path)
        self.rest = {day.day: day for day in rest.values()}
        self.settings: Settings = next(iter(_parse(data, "settings", path).values()), Settings())
        people: dict[str, PersonRecord] = _parse(data, "people", path)
        self.people = {name_key(record.name): record for record in people.values()}  # last one wins
        if before is None:
            self._index_all()
        elif not self._index_changes(before, changed.get("contacts", set())):
            # Carried over from `before`, the records are in its order: index them in the file's.
            self._contacts = {key: self._contacts[key] for key in data.get("contacts", {})}
            self._index_all()

    def _index_all(self) -> None:
        records = self._contacts
        ids = list(map(attrgetter("id"), records.values()))
        self.contacts: dict[str, Contact] = dict(zip(ids, records.values(), strict=True))
        # id -> TinyDB document id (every record is kept under a whole number: fileformat.py)
        self.contact_docs: dict[str, int] = dict(zip(ids, map(int, records), strict=True))

    @cached_property
    def by_day(self) -> dict[date, list[Contact]]:
        """Each day's contacts, by time; worked out when first read (`oxytui log` never reads it)."""
        by_day: dict[date, list[Contact]] = {}
        for contact in self.contacts.values():  # each id once (the last, if a file holds one twice)
            by_day.setdefault(contact.day, []).append(contact)
        for contacts in by_day.values():
            self._sort(contacts)
        return by_day

    def _sort(self, contacts: list[Contact]) -> None:
        """By time, then in the order they were first saved."""
        docs = self.contact_docs
        contacts.sort(key=lambda c: (c.logged_at, docs.get(c.id, 0)))

    def _index_changes(self, before: Records, touched: set[str]) -> bool:
        """Patch `before`'s indexes with the contacts whose documents were `touched`; False when a file
        holds one id twice, or the change is large: then all is indexed anew. (Re-sorting every day of
        ten years for one change cost more than the rest of a save.)"""
        old, now = before._contacts, self._contacts
        gone = [old[key] for key in touched if key in old]
        new = [(key, now[key]) for key in touched if key in now]
        if len(before.contacts) != len(old) or len(gone) + len(new) > 64:
            return False
        self.contacts, self.contact_docs = dict(before.contacts), dict(before.contact_docs)
        for record in gone:
            del self.contacts[record.id]
            self.contact_docs.pop(record.id, None)
        for key, record in new:
            if record.id in self.contacts:
                return False  # one id twice
            self.contacts[record.id] = record
            self.contact_docs[record.id] = int(key)
        gone_ids = {id(record) for record in gone}
        days = {record.day for record in gone} | {record.day for _, record in new}
        self.by_day = {day: contacts for day, contacts in before.by_day.items() if day not in days}
        for day in days:
            contacts = [c for c in before.by_day.get(day, ()) if id(c) not in gone_ids]
            contacts += [record for _, record in new if record.day == day]
            if contacts:
                self._sort(contacts)
                self.by_day[day] = contacts
        return True
