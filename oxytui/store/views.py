"""What the Store reads: core objects derived from TinyDB's tables, a `Records` per version of the data.

After a change of ours, only the documents it touched (storage.py notes them) are parsed again.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from functools import cached_property
from operator import attrgetter
from pathlib import Path
from typing import Any, TypeVar

from oxytui.core.model import Contact, PersonRecord, Recall, RestDay, Settings
from oxytui.core.people import name_key
from oxytui.core.records import RecordError
from oxytui.store.errors import UnreadableFileError
from oxytui.store.fileformat import Data
from oxytui.store.verify import read_record, read_table

T = TypeVar("T")


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
        since = before if touched is not None else None
        changed = touched or {}
        self._contacts: dict[str, Contact] = _parse(
            data, "contacts", path, since._contacts if since else None, changed.get("contacts", ())
        )
        self._recalls: dict[str, Recall] = _parse(
            data, "recalls", path, since._recalls if since else None, changed.get("recalls", ())
        )
        self.recalls = {recall.id: recall for recall in self._recalls.values()}
        rest: dict[str, RestDay] = _parse(data, "rest_days", path)
        self.rest = {day.day: day for day in rest.values()}
        self.settings: Settings = next(iter(_parse(data, "settings", path).values()), Settings())
        people: dict[str, PersonRecord] = _parse(data, "people", path)
        self.people = {name_key(record.name): record for record in people.values()}  # last one wins
        if since is None:
            self._index_all()
        elif not self._index_changes(since, changed.get("contacts", set())):
            # Carried over from `since`, the records are in its order: index them in the file's.
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
