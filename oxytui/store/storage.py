"""A TinyDB Storage that serves reads from memory and writes durably (see safe_files.atomic_write)."""

from __future__ import annotations

import os
import stat
import weakref
from collections.abc import Callable, Iterator, Mapping, MutableMapping
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from oxytui.safe_files import NotRegularFileError, atomic_write, read_regular_file
from oxytui.store.errors import NotAFileError, StoreError, UnreadableFileError
from oxytui.store.fileformat import SCHEMA_VERSION, Data, decode, encode, schema_version

Stamp = tuple[int, int, int]  # inode, size and mtime_ns: what identifies one version of the file on disk


def stamp_of(path: Path) -> Stamp | None:
    """The stamp of the file at `path`, or None when there is none."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return None
    return info.st_ino, info.st_size, info.st_mtime_ns


class _IntKeys(MutableMapping[int, Any]):
    """A table of the decoded file (string ids) seen with TinyDB's integer ids; notes in `touched` each
    document a change reaches, so what is derived from the table is brought up to date from those alone."""

    def __init__(self, raw: dict[str, Any], touched: set[str]) -> None:
        self.raw, self.touched = raw, touched

    def __getitem__(self, doc_id: int) -> Any:
        self.touched.add(str(doc_id))
        return self.raw[str(doc_id)]

    def __setitem__(self, doc_id: int, document: Any) -> None:
        self.touched.add(str(doc_id))
        self.raw[str(doc_id)] = document

    def __delitem__(self, doc_id: int) -> None:
        self.touched.add(str(doc_id))
        del self.raw[str(doc_id)]

    def __iter__(self) -> Iterator[int]:
        return (int(key) for key in self.raw)

    def __len__(self) -> int:
        return len(self.raw)

    def __contains__(self, doc_id: object) -> bool:
        return str(doc_id) in self.raw


class InPlaceTable(Table):
    """A TinyDB table changed in place: TinyDB's own `_update_table` copies the whole table twice on
    every change (to integer ids and back), about 8 ms at 14,000 records, for the same result."""

    def _update_table(self, updater: Callable[[dict[int, Mapping[str, Any]]], None]) -> None:
        tables = self._storage.read() or {}
        raw = tables.setdefault(self.name, {})
        notes = self._storage.touched if isinstance(self._storage, DurableStorage) else {}
        updater(_IntKeys(raw, notes.setdefault(self.name, set())))  # type: ignore[arg-type]  # a dict in all TinyDB's updaters use
        self._storage.write(tables)
        self.clear_cache()

    def _get_next_id(self) -> int:
        next_id: int | None = self._next_id
        if next_id is None:  # the first insert: after the largest id in the table (TinyDB's own is slower)
            ids = self._read_table()  # plain whole numbers (fileformat.py): the longest, then the largest
            longest = max(map(len, ids), default=0)
            next_id = int(max((key for key in ids if len(key) == longest), default="0")) + 1
        self._next_id = next_id + 1  # type: ignore[assignment]  # TinyDB types it as None only
        return next_id


class InPlaceTinyDB(TinyDB):
    """TinyDB whose tables change in place (see InPlaceTable)."""

    table_class = InPlaceTable


class DurableStorage(Storage):
    """Holds the decoded file in memory; `write` replaces the file atomically and durably."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._data: Data | None = None
        self._stamp: Stamp | None = None
        self._held: weakref.finalize[Any, Any] | None = None  # closes the file last read or written
        self._unsaved = False  # written in memory since the file was read or saved
        self.disk_version = SCHEMA_VERSION  # the schema of the file on disk (older until its first write)
        self.touched: dict[str, set[str]] = {}  # table -> ids of the documents changed since `take_touched`

    def take_touched(self) -> dict[str, set[str]]:
        """The ids of the documents changed in memory since the last call, by table (and forget them)."""
        touched, self.touched = self.touched, {}
        return touched

    def load(self) -> None:
        """(Re)read the file from disk; a missing file is an empty database."""
        self.touched = {}
        stamp = stamp_of(self.path)
        if stamp is None:
            self._data, self._stamp, self.disk_version = {}, None, SCHEMA_VERSION
            return
        data, self.disk_version = decode(self._read(), self.path)
        self._data, self._stamp = data, self._hold()
        if self._stamp != stamp:  # replaced while we read: read the newer one
            self.load()

    def _read(self) -> bytes:
        """The file's bytes; a folder, FIFO or device put in its place is refused, never waited on."""
        try:
            return read_regular_file(self.path)
        except NotRegularFileError as error:
            raise NotAFileError(
                f"{self.path} is {error.what}, not the data file; put the file back, or point --db at a file"
            ) from None
        except (PermissionError, IsADirectoryError) as error:
            reason = error.strerror or str(error)
            raise StoreError(
                f"cannot read {self.path}: {reason}; make it readable (chmod u+rw), then try again"
            ) from None

    def _hold(self) -> Stamp | None:
        """Keep the file now at `path` open, and return its stamp (None when there is none).

        While it is open its inode cannot be reused, so a file put in its place always has another
        inode and `changed_on_disk` needs one stat; else a file replaced twice within one tick of a
        coarse clock could come back with the old stamp, and only its bytes would tell.
        """
        self._let_go()
        try:
            if not stat.S_ISREG(os.stat(self.path).st_mode):  # a device is never opened
                return stamp_of(self.path)
            handle = os.open(self.path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | os.O_NOCTTY)
        except OSError:  # gone, or it cannot be opened now (no descriptors left): its stamp alone
            return stamp_of(self.path)
        self._held = weakref.finalize(self, os.close, handle)
        info = os.fstat(handle)
        return info.st_ino, info.st_size, info.st_mtime_ns

    def _let_go(self) -> None:
        if self._held is not None:
            self._held()
            self._held = None

    def changed_on_disk(self) -> bool:
        """True when another process changed the file since we last read or wrote it."""
        return stamp_of(self.path) != self._stamp

    def forget(self) -> None:
        """Drop what is in memory; the next read loads the file again."""
        self._let_go()
        self._data, self._stamp, self.touched, self._unsaved = None, None, {}, False

    def read(self) -> Data:
        if self._data is None:
            self.load()
        assert self._data is not None
        return self._data

    def write(self, data: dict[str, Any]) -> None:
        """Keep `data` in memory until `save`: a change that takes TinyDB several writes (an upsert
        updates, then inserts) reaches the file in one replace, never half of it."""
        if schema_version(data) > SCHEMA_VERSION:
            raise UnreadableFileError(f"{self.path} has a newer schema; it will not be rewritten")
        self._data, self._unsaved = data, True

    def save(self) -> None:
        """Replace the file, atomically and durably, with what was written since it was read or saved."""
        if self._data is None or not self._unsaved:
            return
        first = self._stamp is None and not self.path.exists()
        payload = encode(self._data)
        try:
            atomic_write(self.path, payload)
        except OSError:
            if first:  # a first file whose rename could not be made durable: the save did not happen
                self.path.unlink(missing_ok=True)
            raise
        self._stamp, self._unsaved = self._hold(), False
        self.disk_version = SCHEMA_VERSION
