"""The data file's format: strict decoding, the schema version, the migration steps, a whole new file."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

from oxytui import __version__
from oxytui.core.model import Contact, PersonRecord, Recall, RestDay, Settings
from oxytui.core.records import (
    contact_to_dict,
    person_to_dict,
    recall_to_dict,
    rest_day_to_dict,
    settings_to_dict,
    shown,
)
from oxytui.safe_files import atomic_write
from oxytui.store.errors import NotAFileError, UnreadableFileError

SCHEMA_VERSION = 2

Data = dict[str, dict[str, dict[str, Any]]]


def _add_people(data: Data) -> Data:
    """Schema 1 to 2: the `people` table (what the user keeps about a person) starts empty."""
    data.setdefault("people", {})
    return data


# from_version -> step that turns a file of that version into from_version + 1.
MIGRATIONS: dict[int, Callable[[Data], Data]] = {1: _add_people}


def encode(data: Data) -> bytes:
    """Compact UTF-8 JSON: the bytes `json.dumps(data, ensure_ascii=False, separators=(",", ":"))` gives
    for what oxytui writes (it never holds a float)."""
    return orjson.dumps(data)


def schema_version(data: Data) -> int:
    """The schema version a decoded file declares (0 when it declares none)."""
    meta = data.get("meta") or {}
    for document in meta.values():
        version = document.get("schema_version")
        if isinstance(version, int) and not isinstance(version, bool):
            return version
    return 0


# TinyDB's document ids: whole numbers written plainly ("7", never "07" or "seven"), one per record.
_DOC_IDS = re.compile(r"(?:[1-9][0-9]{0,17}|0)(?:,(?:[1-9][0-9]{0,17}|0))*")


def _shape_problem(value: Any) -> str | None:
    if not isinstance(value, dict):
        return f"it holds a JSON {type(value).__name__}, not an object of tables"
    if isinstance(value.get("schema_version"), int) and isinstance(value.get("contacts"), list):
        return "it is an export (from `oxytui export`); `oxytui import` adds its records to a data file"
    for name, table in value.items():
        if not isinstance(table, dict):
            return f"table {name!r} is a {type(table).__name__}, not an object"
        if table and not _DOC_IDS.fullmatch(",".join(table)):  # all at once: about 1 ms for 17,000 ids
            odd = next(key for key in table if not _DOC_IDS.fullmatch(key))
            return f"table {name!r} holds a record under {shown(odd)}, not under a whole number such as '12'"
        for doc_id, document in table.items():
            if not isinstance(document, dict):
                return f"record {doc_id!r} in table {name!r} is not an object"
    return None


def decode(raw: bytes, path: Path) -> tuple[Data, int]:
    """Decode and check a data file, migrating an older schema in memory; also the version on disk.
    UnreadableFileError (naming `path` and the problem) for anything but a whole file of a known schema."""
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


def new_meta() -> dict[str, Any]:
    """The `meta` document of a file first written now."""
    return {
        "schema_version": SCHEMA_VERSION,
        "created_at": datetime.now(UTC).isoformat(),
        "app_version": __version__,
    }


def _table(records: Iterable[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {str(number): record for number, record in enumerate(records, 1)}


def write_new_file(
    path: Path,
    contacts: Iterable[Contact],
    recalls: Iterable[Recall],
    rest_days: Iterable[RestDay],
    settings: Settings | None = None,
    people: Iterable[PersonRecord] = (),
) -> int:
    """Write a new data file at `path` holding these records, atomically with mode 0600 like every save,
    and return its size in bytes; a file already there is never replaced (NotAFileError)."""
    if path.exists():
        raise NotAFileError(f"{path} already exists; choose a new file name for generated data")
    data: Data = {
        "meta": {"1": new_meta()},
        "settings": {"1": settings_to_dict(settings or Settings())},
        "contacts": _table(contact_to_dict(c) for c in contacts),
        "recalls": _table(recall_to_dict(r) for r in recalls),
        "rest_days": _table(rest_day_to_dict(r) for r in rest_days),
        "people": _table(person_to_dict(p) for p in people),
    }
    payload = encode(data)
    atomic_write(path, payload)
    return len(payload)
