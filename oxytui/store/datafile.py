"""The data file held in TinyDB: loading, changes made in one transaction each (undone from this
session's journal), the logical day of its clock, and the data version.

The version grows with every change, ours or another process's (seen on reload); each version has its
own Records (views.py), and everything derived from them is kept with them.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

from tinydb.table import Document

from oxytui.core.days import logical_day, now_local
from oxytui.paths import backup_dir
from oxytui.safe_files import leftover_temps
from oxytui.store.backups import (
    copy_to_backups,
    migration_backup_path,
    refuse_change,
    restore_hint,
    take_daily_backup,
)
from oxytui.store.errors import NotAFileError, UnreadableFileError, check_path, write_failed
from oxytui.store.fileformat import SCHEMA_VERSION, new_meta
from oxytui.store.lock import LOCK_TIMEOUT, locked
from oxytui.store.storage import DurableStorage, InPlaceTinyDB
from oxytui.store.views import Records

T = TypeVar("T")
Clock = Callable[[], datetime]
Step = tuple[str, Callable[[], None]]  # a change, in words, and the step that puts things back
SINGLE_DOC = 1  # doc id of the one document in `meta` and `settings`


class DataFile:
    """The Store's base: the data file's TinyDB tables, read without a lock and changed under it (a
    missing file is made by the first save); `clock` gives the local time now."""

    def __init__(self, path: Path, *, clock: Clock = now_local) -> None:
        self.path = check_path(Path(path))
        self._clock = clock
        self._journal: list[Step] = []  # this session's changes, newest last
        self._storage = DurableStorage(self.path)
        self.version = 0
        self.lock_timeout = LOCK_TIMEOUT  # seconds a write waits for another writer (0: it does not wait)
        self._current: Records | None = None  # None after a change of ours, until read
        self._before: Records | None = None  # the records before our last change, reused where unchanged
        self.reload()
        if self._leftover_temps():
            with locked(self.path):
                for leftover in self._leftover_temps():
                    leftover.unlink(missing_ok=True)

    def _leftover_temps(self) -> list[Path]:
        """Temp files an interrupted save or backup left beside the file or in the backups folder."""
        found = leftover_temps(self.path.parent, f"{self.path.name}.")
        with contextlib.suppress(OSError):  # a backups folder that cannot be read fails at the backup
            found += leftover_temps(backup_dir(self.path), f"{self.path.stem}-")
        return found

    def reload(self) -> None:
        """Read the file again (a new version)."""
        try:
            self._storage.load()
            self.db = InPlaceTinyDB(storage=lambda: self._storage)
            self._current = Records(self._storage.read(), self.path)
        except UnreadableFileError as error:
            self._storage.forget()
            raise UnreadableFileError(f"{error}\n{restore_hint(self.path)}") from None
        except OSError as error:  # no permission to look in its folder, a loop of symlinks, an I/O error
            self._storage.forget()
            fix = f"; fix its permissions (chmod u+rw {self.path}) and the folder's"
            reason = f"{error.strerror or error}{fix if isinstance(error, PermissionError) else ''}"
            raise NotAFileError(f"{self.path} cannot be read: {reason}") from None
        self.version += 1

    def refresh(self) -> bool:
        """Reload if another process changed the file; True when something changed."""
        if not self._storage.changed_on_disk():
            return False
        self.reload()
        return True

    @property
    def records(self) -> Records:
        """The records of this version, as core objects."""
        if self._current is None:  # a change of ours: derived from the tables, reusing what did not change
            touched = self._storage.take_touched()
            self._current = Records(self._storage.read(), self.path, self._before, touched)
            self._before = None
        return self._current

    def derived(self, key: object, build: Callable[[], T]) -> T:
        """`build()`, worked out once per version of the data (and per `key`)."""
        derived = self.records.derived
        if key not in derived:
            derived[key] = build()
        result: T = derived[key]
        return result

    def today(self) -> date:
        """The logical day now."""
        return logical_day(self._clock(), self.records.settings.day_start_hour)

    def write(self, change: Callable[[], T]) -> T:
        """Run `change` under the lock, on the newest file, taking the day's backup first."""
        refuse_change(self.path)
        with locked(self.path, self.lock_timeout):
            try:
                self.refresh()
                take_daily_backup(self.path, self.today())
                if self._storage.disk_version < SCHEMA_VERSION:  # the first write in the newer schema
                    old = migration_backup_path(self.path, self._storage.disk_version, self.today())
                    copy_to_backups(self.path, old)  # kept apart, never pruned
                if not self._storage.read().get("meta"):
                    self.db.table("meta").upsert(Document(new_meta(), doc_id=SINGLE_DOC))
                result = change()
                self._storage.save()  # the whole change reaches the file in one replace
            except OSError as error:
                self._storage.forget()
                self.reload()
                raise write_failed(f"save to {self.path}", error) from error
            except BaseException:
                self._storage.forget()
                raise
        self._before, self._current = self.records, None
        self.version += 1
        return result

    def put(self, table: str, documents: Mapping[int, dict[str, Any]]) -> None:
        """Replace the documents with these ids by new ones."""
        if documents:
            self.db.table(table).remove(doc_ids=list(documents))
            self.db.table(table).insert_multiple(Document(d, doc_id=i) for i, d in documents.items())

    def set_settings(self, document: dict[str, Any]) -> None:
        """Save the settings document."""
        self.db.table("settings").upsert(Document(document, doc_id=SINGLE_DOC))

    @property
    def can_undo(self) -> bool:
        """True when there is a change of this session to undo."""
        return bool(self._journal)

    def undo(self) -> str | None:
        """Undo the last change made through this store; return what was undone, or None."""
        if not self._journal:
            return None
        description, revert = self._journal[-1]
        self.write(revert)
        self._journal.pop()
        return description
