"""Reading the records of a decoded data file (at once where typed.py can), and full validation of a file."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from oxytui.core.records import (
    RecordError,
    contact_from_dict,
    person_from_dict,
    recall_from_dict,
    rest_day_from_dict,
    settings_from_dict,
)
from oxytui.safe_files import read_regular_file
from oxytui.store.errors import UnreadableFileError
from oxytui.store.fileformat import Data, decode
from oxytui.store.typed import TABLES, typed_records

PARSERS: dict[str, Callable[[Mapping[str, Any]], Any]] = {
    "contacts": contact_from_dict,
    "recalls": recall_from_dict,
    "rest_days": rest_day_from_dict,
    "settings": settings_from_dict,
    "people": person_from_dict,
}


def read_record(table: str, key: str, document: Mapping[str, Any]) -> Any:
    """The record of one document of `table`; a RecordError says which record breaks which rule:
    'a malformed record (contacts #3, id ab12: ...)'."""
    try:
        return PARSERS[table](document)
    except RecordError as error:
        ident = document.get("id")
        named = f", id {ident}" if isinstance(ident, str) and ident.isalnum() and len(ident) <= 64 else ""
        raise RecordError(f"a malformed record ({table} #{key}{named}: {error})") from None


def read_table(data: Data, table: str) -> dict[str, Any]:
    """Every record of `table` by document id: all at once where typed.py can, else one at a time."""
    documents = data.get(table, {})
    if table in TABLES and (records := typed_records(table, documents)) is not None:
        return records
    return {key: read_record(table, key, document) for key, document in documents.items()}


def record_problem(data: Data) -> str | None:
    """None when every record of `data` meets the rules, else which record and field do not."""
    try:
        for table in PARSERS:
            read_table(data, table)
    except RecordError as error:
        return str(error)
    return None


def file_problem(path: Path) -> str | None:
    """None when the file at `path` is a complete oxytui file whose records all meet the rules."""
    try:
        data, _ = decode(read_regular_file(path), path)
    except UnreadableFileError as error:
        return str(error)
    except OSError as error:
        return f"{path} cannot be read: {error.strerror or error}"
    if (problem := record_problem(data)) is not None:
        return f"{path} has {problem}"
    return None
