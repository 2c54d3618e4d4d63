"""The Store: the one way into the data file, returning core objects."""

from __future__ import annotations

import os
import stat
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from tinydb import Query, TinyDB
from tinydb.table import Document

from oxytui import __version__
from oxytui.core.days import format_day, logical_day, now_local
from oxytui.core.figures import future_day_message
from oxytui.core.model import (
    Contact,
    ContactDraft,
    PersonRecord,
    Recall,
    RestDay,
    Settings,
    ValidationError,
)
from oxytui.core.records import (
    RecordError,
    contact_from_dict,
    contact_to_dict,
    parse_export,
    parse_export_people,
    person_from_dict,
    person_to_dict,
    recall_from_dict,
    recall_to_dict,
    rest_day_from_dict,
    rest_day_to_dict,
    settings_from_dict,
    settings_to_dict,
)
from oxytui.core.validate import check, contact_errors, day_error, recall_errors
from oxytui.paths import lock_path
from oxytui.store.atomic import ensure_dir, remove_leftover_temps, temp_prefix
from oxytui.store.backups import (
    backup_temps,
    newest_good_backup,
    take_daily_backup,
    take_migration_backup,
)
from oxytui.store.errors import (
    LockTimeoutError,
    NotAFileError,
    StoreError,
    UnreadableFileError,
    WriteFailedError,
)
from oxytui.store.faults import refuse_read_only, unreadable_message
from oxytui.store.fileformat import SCHEMA_VERSION, Data
from oxytui.store.people import PeopleStore, records_from
from oxytui.store.storage import DurableStorage

if TYPE_CHECKING:
    import filelock

T = TypeVar("T")
Clock = Callable[[], datetime]
LOCK_TIMEOUT = 10.0
SINGLE_DOC = 1  # doc id of the one document in `meta` and `settings`


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import added and skipped."""

    added: int
    skipped: int


@dataclass(frozen=True, slots=True)
class _UndoStep:
    description: str
    revert: Callable[[], None]


def check_path(path: Path) -> Path:
    """Return the real path of the data file, or raise NotAFileError if it cannot be one."""
    if path.is_symlink() and not path.exists():
        raise NotAFileError(f"{path} is a symlink to nothing: point --db at a file")
    real = path.resolve() if path.is_symlink() else path
    try:
        mode = os.stat(real).st_mode
    except FileNotFoundError:
        return real
    except OSError as error:  # a file where a folder should be, no permission, a symlink loop
        raise NotAFileError(
            f"{path} cannot be used ({error.strerror or error}): point --db at a file such as oxytui.json"
        ) from None
    if not stat.S_ISREG(mode):
        what = "a folder" if stat.S_ISDIR(mode) else "not a regular file"
        raise NotAFileError(f"{path} is {what}: point --db at a file such as oxytui.json")
    return real


def restore_hint(path: Path) -> str:
    """What to do when the data file at `path` cannot be read."""
    backup = newest_good_backup(path)
    if backup is None:
        return f"No good backup was found in {path.parent / 'backups'}. The file was left untouched."
    return (
        f"The file was left untouched. The newest good backup is {backup.path}.\n"
        f"To go back to it: oxytui --db {path} restore {backup.path}"
    )


class Store(PeopleStore):
    """Contacts, recalls, rest days, settings and people in one durable TinyDB file."""

    def __init__(self, path: Path, *, clock: Clock = now_local) -> None:
        self.path = check_path(Path(path))
        self._clock = clock
        self._storage = DurableStorage(self.path)
        self._lock: filelock.FileLock | None = None  # made at the first write: reading needs no lock
        self.lock_timeout = LOCK_TIMEOUT  # seconds a write waits for another writer (0: it does not wait)
        self._undo: list[_UndoStep] = []
        self.changes = 0  # grows with every change seen, ours or another process's
        self._people: tuple[int, date | None, list[str]] | None = None
        self._reload()
        prefix = temp_prefix(self.path)
        if any(p.name.startswith(prefix) for p in self._siblings()) or backup_temps(self.path):
            with self._locked():
                remove_leftover_temps(self.path)
                for leftover in backup_temps(self.path):
                    leftover.unlink(missing_ok=True)

    @classmethod
    def open(cls, path: Path, *, clock: Clock = now_local) -> Store:
        """Open the data file at `path` (created on the first save if it is missing)."""
        return cls(path, clock=clock)

    def _siblings(self) -> Iterable[Path]:
        return self.path.parent.iterdir() if self.path.parent.is_dir() else ()

    # --- loading -------------------------------------------------------------------------

    def _reload(self) -> None:
        try:
            self._storage.load()
            self._db = TinyDB(storage=lambda: self._storage)
            self._index(self._storage.read())
        except UnreadableFileError as error:
            self._storage.forget()
            raise UnreadableFileError(f"{error}\n{restore_hint(self.path)}") from None
        except OSError as error:  # no permission, a folder or FIFO swapped in: see faults.py
            self._storage.forget()
            raise NotAFileError(unreadable_message(self.path, error)) from None
        self.changes += 1

    def _parse(self, data: Data, table: str, parse: Callable[[Mapping[str, Any]], T]) -> list[T]:
        parsed = []
        for key, record in data.get(table, {}).items():
            try:
                parsed.append(parse(record))
            except RecordError as error:
                raise UnreadableFileError(
                    f"{self.path} has a malformed record ({table} #{key}: {error})"
                ) from None
        return parsed

    def _index(self, data: Data) -> None:
        contacts = {c.id: c for c in self._parse(data, "contacts", contact_from_dict)}
        recalls = {r.id: r for r in self._parse(data, "recalls", recall_from_dict)}
        rest = {r.day: r for r in self._parse(data, "rest_days", rest_day_from_dict)}
        settings = self._parse(data, "settings", settings_from_dict)
        self._contacts = contacts
        self._recalls = recalls
        self._rest = rest
        self._settings = settings[0] if settings else Settings()
        self._person_records = records_from(self._parse(data, "people", person_from_dict))
        self._by_day: dict[date, list[Contact]] = {}
        for contact in sorted(contacts.values(), key=lambda c: c.logged_at):
            self._by_day.setdefault(contact.day, []).append(contact)

    def refresh(self) -> bool:
        """Reload if another process changed the file; True when something changed."""
        if not self._storage.changed_on_disk():
            return False
        self._reload()
        return True

    # --- writing -------------------------------------------------------------------------

    @contextmanager
    def _locked(self) -> Iterator[None]:
        import filelock  # imported at the first write, not while the dashboard starts

        if self._lock is None:
            self._lock = filelock.FileLock(str(lock_path(self.path)), timeout=LOCK_TIMEOUT, mode=0o600)
        lock = self._lock
        try:
            ensure_dir(self.path.parent)  # 0700, before the lock file would make it with the umask's mode
            lock.acquire(timeout=self.lock_timeout)
        except filelock.Timeout:
            raise LockTimeoutError(
                f"{self.path} is being written by another oxytui that did not let go within "
                f"{LOCK_TIMEOUT:.0f} s; close it and try again"
            ) from None
        except OSError as error:  # the lock file cannot be made: read-only or full folder
            raise WriteFailedError(
                f"could not save to {self.path}: {error.strerror or error} ({lock_path(self.path)}). "
                "Nothing was changed; free some space or fix the folder's permissions, then try again"
            ) from error
        try:
            yield
        finally:
            lock.release()

    def _write(self, change: Callable[[], T]) -> T:
        """Run `change` under the lock, on the newest file, taking the day's backup first."""
        refuse_read_only(self.path)
        with self._locked():
            try:
                if self._storage.stale():
                    self._reload()
                take_daily_backup(self.path, self.today())
                if self._storage.disk_version < SCHEMA_VERSION:  # the first write in the newer schema
                    take_migration_backup(self.path, self._storage.disk_version, self.today())
                with self._storage.batch():  # the whole change reaches the file in one replace
                    if not self._storage.read().get("meta"):
                        self._db.table("meta").upsert(
                            Document(
                                {
                                    "schema_version": SCHEMA_VERSION,
                                    "created_at": datetime.now(UTC).isoformat(),
                                    "app_version": __version__,
                                },
                                doc_id=SINGLE_DOC,
                            )
                        )
                    result = change()
            except OSError as error:
                self._storage.forget()
                self._reload()
                raise WriteFailedError(
                    f"could not save to {self.path}: {error.strerror or error}. Nothing was "
                    "changed; free some space or fix the folder's permissions, then try again"
                ) from error
            except BaseException:
                self._storage.forget()
                raise
        self.changes += 1
        return result

    # --- days and settings ---------------------------------------------------------------

    def now(self) -> datetime:
        """The current local time, from the store's clock."""
        return self._clock()

    def today(self) -> date:
        """The logical day now."""
        return logical_day(self._clock(), self._settings.day_start_hour)

    @property
    def settings(self) -> Settings:
        """The current settings."""
        return self._settings

    def update_settings(self, **changes: Any) -> Settings:
        """Change some settings (validated) and save them."""
        settings = replace(self._settings, **changes)  # validated before anything is written

        def change() -> None:
            nonlocal settings
            settings = replace(self._settings, **changes)  # on the newest file: others' changes stay
            self._db.table("settings").upsert(Document(settings_to_dict(settings), doc_id=SINGLE_DOC))
            self._settings = settings

        self._write(change)
        return settings

    # --- contacts ------------------------------------------------------------------------

    def contacts_on(self, day: date) -> list[Contact]:
        """The contacts of a logical day, oldest first."""
        return list(self._by_day.get(day, ()))

    def all_contacts(self) -> list[Contact]:
        """Every contact, by day and time."""
        by_day = self._by_day  # each day's list is already in time order
        return [contact for day in sorted(by_day) for contact in by_day[day]]

    def contacts_between(self, first: date, last: date) -> list[Contact]:
        """The contacts of the days from `first` to `last`, by day and time."""
        by_day = self._by_day
        days = sorted(day for day in by_day if first <= day <= last)
        return [contact for day in days for contact in by_day[day]]

    def contact(self, contact_id: str) -> Contact | None:
        """The contact with this id, if there is one."""
        return self._contacts.get(contact_id)

    def days_with_contacts(self) -> set[date]:
        """Every logical day that has at least one contact."""
        return set(self._by_day)

    def people(self, since: date | None = None) -> list[str]:
        """The people logged (since `since`), most often first."""
        if self._people is not None and self._people[:2] == (self.changes, since):
            return list(self._people[2])
        counts = Counter(c.who for c in self._contacts.values() if since is None or c.day >= since)
        people = [who for who, _ in counts.most_common()]
        self._people = (self.changes, since, people)  # until the next change, ours or another's
        return list(people)

    def _check_day(self, day: date) -> None:
        if message := day_error(day):
            raise ValidationError({"day": message})
        if day > self.today():
            hour = self.settings.day_start_hour
            raise ValidationError(
                {"day": future_day_message(format_day(day), format_day(self.today()), hour)}
            )

    def add_contact(self, draft: ContactDraft, day: date | None = None) -> Contact:
        """Save a new contact for `day` (today by default) and return it."""
        day = self.today() if day is None else day
        self._check_day(day)
        contact = Contact.create(draft, day, self._clock())
        check(contact_errors(contact))
        self._write(lambda: self._put_contact(contact, new=True))
        self._push_undo(f"added {contact.who}", lambda: self._drop_contact(contact.id))
        return contact

    def edit_contact(self, contact_id: str, draft: ContactDraft) -> Contact:
        """Change the fields of a contact and return it."""
        old = self._require(contact_id)
        new = old.with_draft(draft)
        check(contact_errors(new))
        self._write(lambda: self._put_contact(new))
        self._push_undo(f"edited {old.who}", lambda: self._put_contact(old))
        return new

    def delete_contact(self, contact_id: str) -> Contact:
        """Delete a contact and return what was deleted."""
        old = self._require(contact_id)
        self._write(lambda: self._drop_contact(contact_id))
        self._push_undo(f"deleted {old.who}", lambda: self._put_contact(old, new=True))
        return old

    def _require(self, contact_id: str) -> Contact:
        contact = self._contacts.get(contact_id)
        if contact is None:
            raise ValidationError({"contact": "that contact no longer exists (deleted elsewhere?)"})
        return contact

    def _put_contact(self, contact: Contact, *, new: bool = False) -> None:
        table = self._db.table("contacts")
        if new and contact.id not in self._contacts:
            table.insert(contact_to_dict(contact))
        else:
            table.upsert(contact_to_dict(contact), Query().id == contact.id)
        self._unindex_contact(contact.id)
        self._contacts[contact.id] = contact
        day = self._by_day.setdefault(contact.day, [])
        day.append(contact)
        day.sort(key=lambda c: c.logged_at)

    def _drop_contact(self, contact_id: str) -> None:
        self._db.table("contacts").remove(Query().id == contact_id)
        self._unindex_contact(contact_id)

    def _unindex_contact(self, contact_id: str) -> None:
        old = self._contacts.pop(contact_id, None)
        if old is not None:
            remaining = [c for c in self._by_day.get(old.day, []) if c.id != contact_id]
            if remaining:
                self._by_day[old.day] = remaining
            else:
                self._by_day.pop(old.day, None)

    # --- undo ----------------------------------------------------------------------------

    def _push_undo(self, description: str, revert: Callable[[], None]) -> None:
        self._undo.append(_UndoStep(description, revert))

    @property
    def can_undo(self) -> bool:
        """True when there is a change of this session to undo."""
        return bool(self._undo)

    def undo(self) -> str | None:
        """Undo the last change made through this store; return what was undone, or None."""
        if not self._undo:
            return None
        step = self._undo[-1]
        self._write(step.revert)
        self._undo.pop()
        return step.description

    # --- rest days -----------------------------------------------------------------------

    def rest_days(self) -> dict[date, RestDay]:
        """Every rest day by day."""
        return dict(self._rest)

    def is_rest_day(self, day: date) -> bool:
        """True when `day` is marked as a rest day."""
        return day in self._rest

    def set_rest_day(self, day: date, reason: str = "") -> RestDay:
        """Mark `day` as a rest day."""
        self._check_day(day)
        rest = RestDay(day, reason.strip())
        previous = self._rest.get(day)
        self._write(lambda: self._put_rest(rest))
        self._push_undo(
            f"marked {format_day(day)} as a rest day",
            (lambda: self._put_rest(previous)) if previous else lambda: self._drop_rest(day),
        )
        return rest

    def clear_rest_day(self, day: date) -> None:
        """Unmark `day` as a rest day."""
        previous = self._rest.get(day)
        if previous is None:
            return
        self._write(lambda: self._drop_rest(day))
        self._push_undo(f"unmarked {format_day(day)}", lambda: self._put_rest(previous))

    def toggle_rest_day(self, day: date) -> bool:
        """Mark or unmark `day`; True when it is now a rest day."""
        if day in self._rest:
            self.clear_rest_day(day)
            return False
        self.set_rest_day(day)
        return True

    def _put_rest(self, rest: RestDay) -> None:
        self._db.table("rest_days").upsert(rest_day_to_dict(rest), Query().day == rest.day.isoformat())
        self._rest[rest.day] = rest

    def _drop_rest(self, day: date) -> None:
        self._db.table("rest_days").remove(Query().day == day.isoformat())
        self._rest.pop(day, None)

    # --- recalls -------------------------------------------------------------------------

    def recalls(self) -> list[Recall]:
        """Every recall, oldest first."""
        return sorted(self._recalls.values(), key=lambda r: r.started_at)

    def add_recall(self, recall: Recall) -> Recall:
        """Save a recall session."""
        check(recall_errors(recall))

        def change() -> None:
            self._db.table("recalls").insert(recall_to_dict(recall))
            self._recalls[recall.id] = recall

        self._write(change)
        return recall

    # --- export and import ---------------------------------------------------------------

    def export_data(self) -> dict[str, Any]:
        """Everything, in the JSON export form."""
        return {
            "schema_version": SCHEMA_VERSION,
            "contacts": [contact_to_dict(c) for c in self.all_contacts()],
            "recalls": [recall_to_dict(r) for r in self.recalls()],
            "rest_days": [rest_day_to_dict(self._rest[d]) for d in sorted(self._rest)],
            "people": [person_to_dict(p) for _, p in sorted(self._person_records.items())],
            "settings": settings_to_dict(self._settings),
        }

    def import_data(self, data: Any) -> ImportResult:
        """Merge a JSON export; records already present (same id, or same rest day) are skipped."""
        contacts, recalls, rest_days, settings = parse_export(data, SCHEMA_VERSION)
        people = records_from(parse_export_people(data))  # none in a schema-1 export
        added = 0

        def fresh() -> tuple[list[Contact], list[Recall], list[RestDay], bool, list[PersonRecord]]:
            # What is new to the file as last read, each id (or rest day, or person) once.
            return (
                list({c.id: c for c in contacts if c.id not in self._contacts}.values()),
                list({r.id: r for r in recalls if r.id not in self._recalls}.values()),
                list({r.day: r for r in rest_days if r.day not in self._rest}.values()),
                settings is not None and not self._storage.read().get("settings"),
                [p for key, p in people.items() if key not in self._person_records],
            )

        def change() -> None:
            nonlocal added
            new_contacts, new_recalls, new_rest, new_settings, new_people = fresh()  # on the newest file
            self._db.table("contacts").insert_multiple(contact_to_dict(c) for c in new_contacts)
            self._db.table("recalls").insert_multiple(recall_to_dict(r) for r in new_recalls)
            self._db.table("rest_days").insert_multiple(rest_day_to_dict(r) for r in new_rest)
            self._db.table("people").insert_multiple(person_to_dict(p) for p in new_people)
            if new_settings and settings is not None:
                self._db.table("settings").upsert(Document(settings_to_dict(settings), doc_id=SINGLE_DOC))
            self._index(self._storage.read())
            added = len(new_contacts) + len(new_recalls) + len(new_rest) + len(new_people)

        if any(fresh()):
            self._write(change)
        total = len(contacts) + len(recalls) + len(rest_days) + len(people)
        return ImportResult(added=added, skipped=total - added)


__all__ = ["ImportResult", "Store", "StoreError", "check_path", "restore_hint"]
