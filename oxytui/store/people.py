"""The Store's people: what the user keeps about each person, and renaming a person everywhere."""

from __future__ import annotations

from collections.abc import Callable, Iterable, MutableMapping
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any, Final, TypeVar

from tinydb import Query, TinyDB

from oxytui.core.model import NOTE_MAX, Contact, PersonRecord, Recall, ValidationError
from oxytui.core.people import Person, contacts_with, derive_people, name_key
from oxytui.core.records import person_to_dict
from oxytui.core.text import shorten

if TYPE_CHECKING:
    from oxytui.store.fileformat import Data
    from oxytui.store.storage import DurableStorage

T = TypeVar("T")


class Keep:
    """A rhythm left as it is."""


KEEP: Final = Keep()


def _unknown(name: str) -> ValidationError:
    return ValidationError(
        {"name": f"no one called {shorten(name, 40)!r} is logged; `oxytui people` lists everyone"}
    )


def merge_records(kept: PersonRecord | None, merged: PersonRecord | None, name: str) -> PersonRecord | None:
    """One record from two people who are one: `kept`'s choices first, `merged`'s where kept has none."""
    if kept is None and merged is None:
        return None
    if kept is None or merged is None:
        only = kept or merged
        assert only is not None
        return replace(only, name=name)
    notes = [note for note in (kept.note, merged.note) if note]
    note = "" if not notes else notes[0] if len(set(notes)) == 1 else f"{notes[0]}\n\n{notes[1]}"
    if len(note) > NOTE_MAX:
        raise ValidationError(
            {"note": f"the two notes together are longer than {NOTE_MAX} characters; shorten one first"}
        )
    return PersonRecord(
        name=name,
        every_days=kept.every_days if kept.every_days is not None else merged.every_days,
        remembered=kept.remembered or merged.remembered,
        note=note,
    )


def records_from(data: Iterable[PersonRecord]) -> dict[str, PersonRecord]:
    """Person records by name key (for one key, the last one wins)."""
    return {name_key(record.name): record for record in data}


class PeopleStore:
    """Mixed into the Store: person records in the `people` table, people derived once per change."""

    _db: TinyDB
    _contacts: dict[str, Contact]
    _recalls: dict[str, Recall]
    _storage: DurableStorage
    _person_records: dict[str, PersonRecord]
    _people_cache: tuple[int, date, dict[str, Person]] | None = None
    changes: int

    if TYPE_CHECKING:

        def _write(self, change: Callable[[], T]) -> T: ...
        def _push_undo(self, description: str, revert: Callable[[], None]) -> None: ...
        def _index(self, data: Data) -> None: ...
        def today(self) -> date: ...

    # --- reading -------------------------------------------------------------------------

    def person_records(self) -> dict[str, PersonRecord]:
        """What the user keeps about people, by name key."""
        return dict(self._person_records)

    def everyone(self) -> dict[str, Person]:
        """Every person by name key, derived from the contacts (worked out again only after a change)."""
        today = self.today()
        cached = self._people_cache
        if cached is not None and cached[:2] == (self.changes, today):
            return cached[2]
        people = derive_people(self._contacts.values(), self._person_records, today)
        self._people_cache = (self.changes, today, people)
        return people

    def person(self, name: str) -> Person | None:
        """The person `name` refers to (case and outer spaces ignored), if anyone."""
        return self.everyone().get(name_key(name))

    def contacts_with(self, name: str) -> list[Contact]:
        """Every contact with the person `name` refers to, newest first."""
        return contacts_with(self._contacts.values(), name_key(name))

    # --- changing ------------------------------------------------------------------------

    def _put_person(self, key: str, record: PersonRecord | None) -> None:
        table = self._db.table("people")
        table.remove(Query().name.test(lambda name: name_key(name) == key))
        self._person_records.pop(key, None)
        if record is not None:
            table.insert(person_to_dict(record))
            self._person_records[key] = record

    def set_person(
        self,
        name: str,
        *,
        every_days: int | Keep | None = KEEP,
        remembered: bool | None = None,
        note: str | None = None,
    ) -> PersonRecord:
        """Set a person's rhythm (None: no rhythm), remembered, or note; the others stay as they were."""
        key = name_key(name)

        def build() -> PersonRecord:
            person = self.everyone().get(key)
            if person is None:
                raise _unknown(name)
            old = person.record or PersonRecord(person.name)
            return PersonRecord(
                name=person.name,
                every_days=old.every_days if isinstance(every_days, Keep) else every_days,
                remembered=old.remembered if remembered is None else remembered,
                note=old.note if note is None else note.strip(),
            )

        record = build()  # checked before the lock is taken
        previous: PersonRecord | None = None

        def change() -> None:
            nonlocal record, previous
            record = build()  # again, on the newest file
            previous = self._person_records.get(key)
            self._put_person(key, record)

        self._write(change)
        self._push_undo(f"changed {record.name}", lambda: self._put_person(key, previous))
        return record

    def rename_person(self, old: str, new: str) -> int:
        """Rename a person in every contact and recall; merge into `new` when that person exists.

        Returns how many contacts were renamed. `undo` puts every name and record back.
        """
        new = new.strip()
        PersonRecord(new)  # the new name meets the same rules as any name
        old_key, new_key = name_key(old), name_key(new)
        if old_key not in self.everyone():
            raise _unknown(old)
        whos: dict[str, str] = {}  # contact id -> the name it had
        figures: dict[str, str] = {}  # recall id -> the figure it had
        before: dict[str, PersonRecord | None] = {}

        def change() -> None:
            if old_key not in self.everyone():  # renamed or gone in another process meanwhile
                raise _unknown(old)
            whos.clear()
            figures.clear()
            whos.update({c.id: c.who for c in self._contacts.values() if name_key(c.who) == old_key})
            figures.update({r.id: r.figure for r in self._recalls.values() if name_key(r.figure) == old_key})
            before.clear()
            before.update({key: self._person_records.get(key) for key in (old_key, new_key)})
            kept = before[new_key] if new_key != old_key else None
            merged = merge_records(kept, before[old_key], new)
            self._set_field("contacts", "who", {key: new for key in whos})
            self._set_field("recalls", "figure", {key: new for key in figures})
            self._put_person(old_key, None)
            self._put_person(new_key, merged)
            self._index(self._storage.read())

        def revert() -> None:
            self._set_field("contacts", "who", whos)
            self._set_field("recalls", "figure", figures)
            for key in before:
                self._put_person(key, None)
            for key, record in before.items():
                self._put_person(key, record)
            self._index(self._storage.read())

        self._write(change)
        self._push_undo(f"renamed {old.strip()} to {new}", revert)
        return len(whos)

    def _set_field(self, table: str, field: str, values: dict[str, str]) -> None:
        """Set `field` of each record whose id is in `values` to its value, in one pass over the table."""
        if not values:
            return

        def update(document: MutableMapping[Any, Any]) -> None:
            document[field] = values[document["id"]]

        self._db.table(table).update(update, Query().id.test(lambda id_: id_ in values))


__all__ = ["KEEP", "PeopleStore", "merge_records", "records_from"]
