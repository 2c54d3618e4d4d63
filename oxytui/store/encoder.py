"""Encoding the data file again after a small change, re-encoding only the records that changed.

A save rewrites the whole file (that is what makes it atomic), but ten years of records need not be
turned into JSON again for every new contact. `CachedEncoder` keeps each record's encoded bytes with
what the record held, and reuses the bytes while the record still holds the same. The output is byte
for byte what `fileformat.encode` gives for the same data.

"The same" is checked, not assumed: the record's keys in order, and its values compared by identity
(a value replaced even by an equal one is encoded again; a value that is the same object encodes the
same). Values that are objects or lists can change inside without being replaced, so their encoding
is compared too: all of a table's at once, in one call to the JSON encoder.
"""

from __future__ import annotations

import json
import sys
from operator import is_
from typing import Any

from oxytui.store.fileformat import Data, encode

# (keys, values, positions of values that are objects or lists, their encoding, the record's bytes)
Entry = tuple[tuple[str, ...], tuple[Any, ...], tuple[int, ...], bytes, bytes]
_CONTAINERS = (dict, list)


def _dump(value: Any) -> bytes:
    """One value as the data file writes it (see fileformat.encode)."""
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode("utf-8")


class CachedEncoder:
    """Encodes whole data files, reusing the bytes of records unchanged since the last encode."""

    def __init__(self) -> None:
        self._cache: dict[str, dict[str, Entry]] = {}
        self._keys: dict[tuple[str, ...], tuple[str, ...]] = {}  # one tuple per shape of record

    def forget(self) -> None:
        """Drop every cached record (the next encode starts afresh)."""
        self._cache, self._keys = {}, {}

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

    def _table(self, name: str, table: Any) -> tuple[bytes, dict[str, Entry]]:
        if type(name) is not str or not isinstance(table, dict):
            raise _Unusual
        kept = self._cache.get(name, {})  # updated in place: most records are unchanged
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
        body = b",".join([entry[4] for entry in kept.values()])
        return _dump(name) + b":{" + body + b"}", kept

    def _encode(self, data: Data) -> tuple[bytes, dict[str, dict[str, Entry]]]:
        cache: dict[str, dict[str, Entry]] = {}
        tables = []
        for name, table in data.items():
            encoded, cache[name] = self._table(name, table)
            tables.append(encoded)
        return b"{" + b",".join(tables) + b"}", cache


class _Unusual(Exception):
    """Data of a shape oxytui does not write (keys json.dumps would convert, tables that are not objects)."""
