"""The Store's people: what the user keeps about each person, and renaming a person everywhere."""

from __future__ import annotations

from typing import Final

from tinydb import Query

from oxytui.core.model import Contact, PersonRecord, ValidationError
from oxytui.core.people import Person, contacts_by_person, derive_people, merge_records, name_key
from oxytui.core.records import person_to_dict
from oxytui.core.text import shorten
from oxytui.store.datafile import DataFile


class Keep:
    """A rhythm left as it is."""


KEEP: Final = Keep()


def _unknown(name: str) -> ValidationError:
    return ValidationError(
        {"name": f"no one called {shorten(name, 40)!r} is logged; `oxytui people` lists everyone"}
    )


class PeopleStore(DataFile):
    """A base of the Store: person records in the `people` table, people derived once per version."""

    def everyone(self) -> dict[str, Person]:
        """Every person by name key, derived from the contacts (worked out again only after a change)."""
        today = self.today()
        records = self.records
        return self.derived(
            ("everyone", today), lambda: derive_people(records.contacts.values(), records.people, today)
        )

    def person(self, name: str) -> Person | None:
        """The person `name` refers to (case and outer spaces ignored), if anyone."""
        return self.everyone().get(name_key(name))

    def contacts_with(self, name: str) -> list[Contact]:
        """Every contact with the person `name` refers to, newest first."""
        contacts = self.records.contacts
        by_person = self.derived("contacts by person", lambda: contacts_by_person(contacts.values()))
        return list(by_person.get(name_key(name), ()))

    def _put_person(self, key: str, record: PersonRecord | None) -> None:
        table = self.db.table("people")
        table.remove(Query().name.test(lambda name: name_key(name) == key))
        if record is not None:
            table.insert(person_to_dict(record))

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

        build()  # checked before the lock is taken

        def change() -> tuple[PersonRecord, PersonRecord | None]:
            record, previous = build(), self.records.people.get(key)  # again, on the newest file
            self._put_person(key, record)
            return record, previous

        record, previous = self.write(change)
        self._journal.append((f"changed {record.name}", lambda: self._put_person(key, previous)))
        return record

    def _named_so_everywhere(self, key: str, name: str) -> bool:
        """True when every contact, recall and record of the person `key` already spells them `name`."""
        records = self.records
        kept = records.people.get(key)
        return (
            all(c.who == name for c in records.contacts.values() if name_key(c.who) == key)
            and all(r.figure == name for r in records.recalls.values() if name_key(r.figure) == key)
            and (kept is None or kept.name == name)
        )

    def rename_person(self, old: str, new: str) -> int:
        """Rename a person in every contact and recall (merged into `new` when that person exists); return
        how many contacts were renamed. `undo` puts every name and record back."""
        new = new.strip()
        PersonRecord(new)  # the new name meets the same rules as any name
        old_key, new_key = name_key(old), name_key(new)
        if old_key not in self.everyone():
            raise _unknown(old)
        if old_key == new_key and self._named_so_everywhere(old_key, new):
            raise ValidationError(
                {"name": f"{shorten(new, 40)!r} is already written that way everywhere; nothing to rename"}
            )
        whos: dict[str, str] = {}  # contact id -> the name it had
        figures: dict[str, str] = {}  # recall id -> the figure it had
        before: dict[str, PersonRecord | None] = {}

        def change() -> None:
            if old_key not in self.everyone():  # renamed or gone in another process meanwhile
                raise _unknown(old)
            records = self.records
            whos.update({c.id: c.who for c in records.contacts.values() if name_key(c.who) == old_key})
            figures.update(
                {r.id: r.figure for r in records.recalls.values() if name_key(r.figure) == old_key}
            )
            before.update({key: records.people.get(key) for key in (old_key, new_key)})
            kept = before[new_key] if new_key != old_key else None
            merged = merge_records(kept, before[old_key], new)
            self._set_field("contacts", "who", {key: new for key in whos})
            self._set_field("recalls", "figure", {key: new for key in figures})
            self._put_person(old_key, None)
            self._put_person(new_key, merged)

        def revert() -> None:
            self._set_field("contacts", "who", whos)
            self._set_field("recalls", "figure", figures)
            for key in before:
                self._put_person(key, None)
            for key, record in before.items():
                self._put_person(key, record)

        self.write(change)
        self._journal.append((f"renamed {old.strip()} to {new}", revert))
        return len(whos)

    def _set_field(self, table: str, field: str, values: dict[str, str]) -> None:
        """Set `field` of each record whose id is in `values` to its value."""
        documents = self.db.table(table).search(Query().id.test(lambda id_: id_ in values))
        self.put(table, {doc.doc_id: {**doc, field: values[doc["id"]]} for doc in documents})
