"""Encoding the data file again after a small change, re-encoding only the records that changed.

A save rewrites the whole file (that is what makes it atomic), but ten years of records need not be
turned into JSON again for every new contact. `CachedEncoder` keeps each record's encoded bytes with
what the record held, and reuses the bytes while the record still holds the same. The output is byte
for byte what `fileformat.encode` gives for the same data.

"The same" is checked, not assumed, in one of two ways:

- Quickly, for the common save that adds records at the end of a table: the table's records are
  serialised with `marshal` (in C, types and nested values included) and compared with the image
  kept from the last encode. When the image of the first records is unchanged byte for byte and
  their keys are the same, those records hold exactly what was last encoded, and only the records
  after them are encoded.
- Otherwise record by record: the keys in order, and the values compared by identity (a value
  replaced even by an equal one is encoded again; a value that is the same object encodes the same).
  Values that are objects or lists can change inside without being replaced, so their encoding is
  compared too: all of a table's at once, in one call to the JSON encoder.
"""

from __future__ import annotations

import json
import marshal
import sys
from dataclasses import dataclass
from itertools import islice
from operator import is_
from typing import Any

from oxytui.store.fileformat import Data, encode

# (keys, values, positions of values that are objects or lists, their encoding, the record's bytes)
Entry = tuple[tuple[str, ...], tuple[Any, ...], tuple[int, ...], bytes, bytes]
_CONTAINERS = (dict, list)


def _dump(value: Any) -> bytes:
    """One value as the data file writes it (see fileformat.encode)."""
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode("utf-8")


@dataclass(frozen=True, slots=True)
class _Table:
    """What is kept of one table from the last encode."""

    entries: dict[str, Entry]  # in the table's order
    body: tuple[bytes, ...]  # the entries' bytes in a few pieces (none empty), to be joined with commas
    image: bytes | None  # marshal image of the records, None when they cannot be marshalled


_HEADER = 5  # a marshalled list starts with its type code and its length; the records follow
_PIECES = 32  # the body's pieces are joined into one when there are more


def _image(records: list[Any]) -> bytes | None:
    try:
        return marshal.dumps(records, 2)  # version 2: no back-references, so no dependence on sharing
    except ValueError:  # something marshal cannot write: the record-by-record check will do
        return None


class CachedEncoder:
    """Encodes whole data files, reusing the bytes of records unchanged since the last encode."""

    def __init__(self) -> None:
        self._cache: dict[str, _Table] = {}
        self._keys: dict[tuple[str, ...], tuple[str, ...]] = {}  # one tuple per shape of record

    def forget(self) -> None:
        """Drop every cached record (the next encode starts afresh)."""
        self._cache, self._keys = {}, {}

    def prime(self, data: Data, budget: int) -> bool:
        """Encode up to `budget` records not encoded yet, ahead of the next save; True once all are.

        Meant for idle moments after the file was read, a little at a time. What it keeps is checked
        by the next encode record by record, like anything else kept, so a change made meanwhile is
        still written as it is.
        """
        try:
            for name, table in data.items():
                last = self._cache.get(name)
                if last is not None and last.image is not None:
                    continue  # encoded whole by a save already
                if type(name) is not str or not isinstance(table, dict):
                    raise _Unusual
                entries = {} if last is None else last.entries
                self._cache[name] = _Table(entries, (), None)  # no image: the next encode checks each
                for key in table:
                    if key not in entries:
                        if budget <= 0:
                            return False
                        entries[key] = self._entry(key, table[key])
                        budget -= 1
        except (_Unusual, ValueError, TypeError):
            self.forget()  # the next encode says what is wrong, or falls back to a full one
        return True

    def encode(self, data: Data) -> bytes:
        """The bytes of `data` as the data file holds them; equal to `fileformat.encode(data)`."""
        try:
            payload, self._cache = self._encode(data)
        except BaseException:
            self.forget()  # the cache may be half updated
            if not isinstance(sys.exc_info()[1], _Unusual):
                raise
            return encode(data)
        return payload

    def _entry(self, key: Any, record: Any) -> Entry:
        """Encode one record afresh."""
        if type(key) is not str or not isinstance(record, dict):
            raise _Unusual
        values = tuple(record.values())
        nested = tuple(i for i, value in enumerate(values) if isinstance(value, _CONTAINERS))
        keys = self._keys.setdefault(tuple(record), tuple(record))
        inside = _dump([values[i] for i in nested]) if nested else b""
        return keys, values, nested, inside, _dump(key) + b":" + _dump(record)

    def _table(self, name: str, table: Any) -> _Table:
        if type(name) is not str or not isinstance(table, dict):
            raise _Unusual
        last = self._cache.get(name)
        image = _image(list(table.values()))
        if last is not None and last.image is not None and image is not None:
            count = len(last.entries)
            if (
                len(image) >= len(last.image)
                and image[_HEADER : len(last.image)] == last.image[_HEADER:]
                and list(islice(table, count)) == list(last.entries)
            ):  # the first records are exactly those last encoded: encode only the ones after them
                entries = last.entries  # updated in place
                new_keys = list(islice(table, count, None))
                added = [self._entry(key, table[key]) for key in new_keys]
                entries.update(zip(new_keys, added, strict=True))
                body = (*last.body, *(entry[4] for entry in added))  # records are never empty bytes
                if len(body) > _PIECES:
                    body = (b",".join(body),)
                return _Table(entries, body, image)
        kept = self._checked(table, {} if last is None else last.entries)
        joined = b",".join([entry[4] for entry in kept.values()])
        return _Table(kept, (joined,) if joined else (), image)

    def _checked(self, table: dict[Any, Any], kept: dict[str, Entry]) -> dict[str, Entry]:
        """The entries of `table`, each record checked against the entry `kept` has for its key."""
        get = kept.get
        nested: list[str] = []  # records unchanged but for what their objects and lists hold
        for key, record in table.items():
            entry = get(key)
            if (
                entry is None
                or not isinstance(record, dict)
                or len(record) != len(entry[1])
                or not all(map(is_, entry[1], record.values()))
                or tuple(record) != entry[0]
            ):
                kept[key] = self._entry(key, record)
            elif entry[2]:
                nested.append(key)
        if len(kept) != len(table) or list(kept) != list(table):  # records removed or reordered
            kept = {key: kept[key] for key in table}
        if nested:
            now = _dump([[kept[key][1][i] for i in kept[key][2]] for key in nested])
            if now != b"[" + b",".join([kept[key][3] for key in nested]) + b"]":
                for key in nested:  # something inside changed: encode those records afresh
                    kept[key] = self._entry(key, table[key])
        return kept

    def _encode(self, data: Data) -> tuple[bytes, dict[str, _Table]]:
        cache: dict[str, _Table] = {}
        parts = [b"{"]  # joined once at the end: the file's bytes are copied only once
        for name, table in data.items():
            cache[name] = kept = self._table(name, table)
            parts += [b"," if len(cache) > 1 else b"", _dump(name), b":{"]
            for number, piece in enumerate(kept.body):
                parts += [b"," if number else b"", piece]
            parts.append(b"}")
        parts.append(b"}")
        return b"".join(parts), cache


class _Unusual(Exception):
    """Data of a shape oxytui does not write (keys json.dumps would convert, tables that are not objects)."""
