"""The Store: the one way into the data file, returning core objects."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any, Unpack

from tinydb import Query

from oxytui.core.days import format_day, now_local
from oxytui.core.figures import future_day_message
from oxytui.core.model import (
    Contact,
    ContactDraft,
    Recall,
    RestDay,
    Settings,
    SettingsChanges,
    ValidationError,
)
from oxytui.core.people import name_key
from oxytui.core.records import (
    contact_to_dict,
    parse_export,
    parse_export_people,
    person_to_dict,
    recall_to_dict,
    rest_day_to_dict,
    settings_to_dict,
)
from oxytui.core.validate import check, contact_errors, day_error, recall_errors, rest_day_errors
from oxytui.store.datafile import Clock
from oxytui.store.fileformat import SCHEMA_VERSION
from oxytui.store.people import PeopleStore


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import added and skipped."""

    added: int
    skipped: int


class Store(PeopleStore):
    """Contacts, recalls, rest days, settings and people in one durable TinyDB file."""

    @classmethod
    def open(cls, path: Path, *, clock: Clock = now_local) -> Store:
        """Open the data file at `path` (created on the first save if it is missing)."""
        return cls(path, clock=clock)

    # --- days and settings ---------------------------------------------------------------

    def now(self) -> datetime:
        """The current local time, from the store's clock."""
        return self._clock()

    @property
    def settings(self) -> Settings:
        """The current settings."""
        return self.records.settings

    def update_settings(self, **changes: Unpack[SettingsChanges]) -> Settings:
        """Change some settings (validated) and save them; the others stay as they are on disk."""
        replace(self.settings, **changes)  # validated before anything is written

        def change() -> Settings:
            settings = replace(self.settings, **changes)  # on the newest file: others' changes stay
            self.set_settings(settings_to_dict(settings))
            return settings

        return self.write(change)

    # --- contacts ------------------------------------------------------------------------

    def contacts_on(self, day: date) -> list[Contact]:
        """The contacts of a logical day, oldest first."""
        return list(self.records.by_day.get(day, ()))

    def all_contacts(self) -> list[Contact]:
        """Every contact, by day and time."""
        return self.contacts_between(date.min, date.max)

    def contacts_between(self, first: date, last: date) -> list[Contact]:
        """The contacts of the days from `first` to `last`, by day and time."""
        by_day = self.records.by_day  # each day's list is already in time order
        return [contact for day in sorted(d for d in by_day if first <= d <= last) for contact in by_day[day]]

    def contact(self, contact_id: str) -> Contact | None:
        """The contact with this id, if there is one."""
        return self.records.contacts.get(contact_id)

    def days_with_contacts(self) -> set[date]:
        """Every logical day that has at least one contact."""
        return set(self.records.by_day)

    def _check_day(self, day: date) -> None:
        if message := day_error(day):
            raise ValidationError({"day": message})
        today = self.today()
        if day > today:
            hour = self.settings.day_start_hour
            raise ValidationError({"day": future_day_message(format_day(day), format_day(today), hour)})

    def add_contact(self, draft: ContactDraft, day: date | None = None) -> Contact:
        """Save a new contact for `day` (today by default) and return it."""
        day = self.today() if day is None else day
        self._check_day(day)
        contact = Contact.create(draft, day, self._clock())
        check(contact_errors(contact))
        self.write(lambda: self._put_contact(contact))
        self._journal.append((f"added {contact.who}", lambda: self._drop_contact(contact.id)))
        return contact

    def edit_contact(self, contact_id: str, draft: ContactDraft) -> Contact:
        """Change the fields of a contact and return it."""
        old = self._require(contact_id)
        new = old.with_draft(draft)
        check(contact_errors(new))
        self.write(lambda: self._put_contact(new))
        self._journal.append((f"edited {old.who}", lambda: self._put_contact(old)))
        return new

    def delete_contact(self, contact_id: str) -> Contact:
        """Delete a contact and return what was deleted."""
        old = self._require(contact_id)
        self.write(lambda: self._drop_contact(contact_id))
        self._journal.append((f"deleted {old.who}", lambda: self._put_contact(old)))
        return old

    def _require(self, contact_id: str) -> Contact:
        contact = self.records.contacts.get(contact_id)
        if contact is None:
            raise ValidationError({"contact": "that contact no longer exists (deleted elsewhere?)"})
        return contact

    def _put_contact(self, contact: Contact) -> None:
        doc_id = self.records.contact_docs.get(contact.id)  # every record is under a whole number
        if doc_id is None:
            self.db.table("contacts").insert(contact_to_dict(contact))
        else:
            self.put("contacts", {doc_id: contact_to_dict(contact)})

    def _drop_contact(self, contact_id: str) -> None:
        if (doc_id := self.records.contact_docs.get(contact_id)) is not None:  # None: deleted elsewhere
            self.db.table("contacts").remove(doc_ids=[doc_id])

    # --- rest days -----------------------------------------------------------------------

    def rest_days(self) -> dict[date, RestDay]:
        """Every rest day by day."""
        return dict(self.records.rest)

    def is_rest_day(self, day: date) -> bool:
        """True when `day` is marked as a rest day."""
        return day in self.records.rest

    def set_rest_day(self, day: date, reason: str = "") -> RestDay:
        """Mark `day` as a rest day."""
        self._check_day(day)
        rest = RestDay(day, reason.strip())
        check(rest_day_errors(rest))
        self._change_rest(day, rest, f"marked {format_day(day)} as a rest day")
        return rest

    def clear_rest_day(self, day: date) -> None:
        """Unmark `day` as a rest day."""
        if day in self.records.rest:
            self._change_rest(day, None, f"unmarked {format_day(day)}")

    def toggle_rest_day(self, day: date) -> bool:
        """Mark or unmark `day`; True when it is now a rest day."""
        if day in self.records.rest:
            self.clear_rest_day(day)
            return False
        self.set_rest_day(day)
        return True

    def _change_rest(self, day: date, rest: RestDay | None, words: str) -> None:
        previous = self.records.rest.get(day)
        self.write(lambda: self._put_rest(day, rest))
        self._journal.append((words, lambda: self._put_rest(day, previous)))

    def _put_rest(self, day: date, rest: RestDay | None) -> None:
        table = self.db.table("rest_days")
        table.remove(Query().day == day.isoformat())
        if rest is not None:
            table.insert(rest_day_to_dict(rest))

    # --- recalls -------------------------------------------------------------------------

    def recalls(self) -> list[Recall]:
        """Every recall, oldest first."""
        return sorted(self.records.recalls.values(), key=lambda r: r.started_at)

    def add_recall(self, recall: Recall) -> Recall:
        """Save a recall session."""
        check(recall_errors(recall))
        self.write(lambda: self.db.table("recalls").insert(recall_to_dict(recall)))
        return recall

    # --- export and import ---------------------------------------------------------------

    def export_data(self) -> dict[str, Any]:
        """Everything, in the JSON export form."""
        rest, people = self.records.rest, self.records.people
        return {
            "schema_version": SCHEMA_VERSION,
            "contacts": [contact_to_dict(c) for c in self.all_contacts()],
            "recalls": [recall_to_dict(r) for r in self.recalls()],
            "rest_days": [rest_day_to_dict(rest[d]) for d in sorted(rest)],
            "people": [person_to_dict(people[key]) for key in sorted(people)],
            "settings": settings_to_dict(self.settings),
        }

    def import_data(self, data: Any) -> ImportResult:
        """Merge a JSON export; records already present (same id, or same rest day) are skipped."""
        contacts, recalls, rest_days, settings = parse_export(data, SCHEMA_VERSION)
        people = {name_key(p.name): p for p in parse_export_people(data)}  # none in a schema-1 export

        def fresh() -> tuple[list[Any], ...]:
            # What is new to the file as last read, each id (or rest day, or person) once.
            records = self.records
            return (
                list({c.id: c for c in contacts if c.id not in records.contacts}.values()),
                list({r.id: r for r in recalls if r.id not in records.recalls}.values()),
                list({r.day: r for r in rest_days if r.day not in records.rest}.values()),
                [p for key, p in people.items() if key not in records.people],
                [settings] if settings is not None and not self._storage.read().get("settings") else [],
            )

        def change() -> int:
            new_contacts, new_recalls, new_rest, new_people, new_settings = fresh()  # on the newest file
            db = self.db
            db.table("contacts").insert_multiple(contact_to_dict(c) for c in new_contacts)
            db.table("recalls").insert_multiple(recall_to_dict(r) for r in new_recalls)
            db.table("rest_days").insert_multiple(rest_day_to_dict(r) for r in new_rest)
            db.table("people").insert_multiple(person_to_dict(p) for p in new_people)
            for new in new_settings:
                self.set_settings(settings_to_dict(new))
            return len(new_contacts) + len(new_recalls) + len(new_rest) + len(new_people)

        added = self.write(change) if any(fresh()) else 0
        total = len(contacts) + len(recalls) + len(rest_days) + len(people)
        return ImportResult(added=added, skipped=total - added)
