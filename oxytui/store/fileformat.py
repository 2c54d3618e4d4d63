"""The data file's format: strict decoding, the schema version and the migration steps."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

from oxytui.store.errors import UnreadableFileError

SCHEMA_VERSION = 2
TABLES = ("meta", "settings", "contacts", "recalls", "rest_days", "people")

Data = dict[str, dict[str, dict[str, Any]]]

# from_version -> step that turns a file of that version into from_version + 1.
MIGRATIONS: dict[int, Callable[[Data], Data]] = {}


def _add_people(data: Data) -> Data:
    """Schema 1 to 2: the `people` table (what the user keeps about a person) starts empty."""
    data.setdefault("people", {})
    return data


MIGRATIONS[1] = _add_people


def encode(data: Data) -> bytes:
    """The bytes written to disk: compact UTF-8 JSON, the same bytes `json.dumps` with
    `ensure_ascii=False, separators=(",", ":")` gives for the data oxytui writes (strings, whole
    numbers, booleans and null; it never holds a float)."""
    return orjson.dumps(data)


def schema_version(data: Data) -> int:
    """The schema version a decoded file declares (0 when it declares none)."""
    meta = data.get("meta") or {}
    for document in meta.values():
        version = document.get("schema_version")
        if isinstance(version, int) and not isinstance(version, bool):
            return version
    return 0


def _shape_problem(value: Any) -> str | None:
    if not isinstance(value, dict):
        return f"it holds a JSON {type(value).__name__}, not an object of tables"
    for name, table in value.items():
        if not isinstance(table, dict):
            return f"table {name!r} is a {type(table).__name__}, not an object"
        for doc_id, document in table.items():
            if not isinstance(document, dict):
                return f"record {doc_id!r} in table {name!r} is not an object"
    return None


def decode(raw: bytes, path: Path) -> Data:
    """Decode and check a data file, migrating an older schema in memory (see decode_versioned)."""
    return decode_versioned(raw, path)[0]


def decode_versioned(raw: bytes, path: Path) -> tuple[Data, int]:
    """Decode and check a data file, migrating an older schema in memory; also the version on disk.

    Raises UnreadableFileError (naming `path` and the problem) for anything that is not a
    complete oxytui file of a schema this program knows.
    """
    if not raw.strip():
        raise UnreadableFileError(f"{path} is empty")
    try:
        value = orjson.loads(raw)  # strict: no NaN or Infinity, UTF-8 only, nesting at most 1024 deep
    except orjson.JSONDecodeError as error:
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError as bad:
            where = f"{bad.reason} at byte {bad.start}"
            raise UnreadableFileError(f"{path} is not UTF-8 text ({where})") from None
        raise UnreadableFileError(f"{path} is not complete JSON ({error})") from None
    if problem := _shape_problem(value):
        raise UnreadableFileError(f"{path} is not an oxytui data file: {problem}")
    data: Data = value
    if not data:
        return data, SCHEMA_VERSION
    version = schema_version(data)
    if version > SCHEMA_VERSION:
        raise UnreadableFileError(
            f"{path} was written by a newer oxytui (schema {version}; this one knows "
            f"{SCHEMA_VERSION}): upgrade oxytui to use it"
        )
    return migrate(data, version, path), version


def migrate(data: Data, version: int, path: Path) -> Data:
    """Apply the migration steps from `version` up to SCHEMA_VERSION."""
    while version < SCHEMA_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise UnreadableFileError(f"{path} has schema {version}, which this oxytui cannot read")
        data = step(data)
        version += 1
        meta = data.setdefault("meta", {})
        for document in meta.values() or [meta.setdefault("1", {})]:
            document["schema_version"] = version
    return data
