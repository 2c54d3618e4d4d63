"""Full validation of a decoded data file: its shape (fileformat.decode) and every record's rules."""

from __future__ import annotations

import os
import stat
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
from oxytui.store.errors import UnreadableFileError
from oxytui.store.fileformat import Data, decode

PARSERS: dict[str, Callable[[Mapping[str, Any]], Any]] = {
    "contacts": contact_from_dict,
    "recalls": recall_from_dict,
    "rest_days": rest_day_from_dict,
    "settings": settings_from_dict,
    "people": person_from_dict,
}


def record_problem(data: Data) -> str | None:
    """None when every record of `data` meets the rules, else which record and field do not."""
    for table, parse in PARSERS.items():
        for key, record in data.get(table, {}).items():
            try:
                parse(record)
            except RecordError as error:
                ident = record.get("id")
                named = (
                    f", id {ident}" if isinstance(ident, str) and ident.isalnum() and len(ident) <= 64 else ""
                )
                return f"a malformed record ({table} #{key}{named}: {error})"
    return None


def file_problem(path: Path) -> str | None:
    """None when the file at `path` is a complete oxytui file whose records all meet the rules."""
    try:
        data = decode(read_regular(path), path)
    except UnreadableFileError as error:
        return str(error)
    except OSError as error:
        return f"{path} cannot be read: {error.strerror or error}"
    if (problem := record_problem(data)) is not None:
        return f"{path} has {problem}"
    return None


def read_regular(path: Path) -> bytes:
    """The bytes of the regular file at `path`, opened so that a FIFO or a device never blocks.

    Raises OSError (with a strerror that says what it is) for anything that is not a regular file.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "rb") as handle:
        mode = os.fstat(handle.fileno()).st_mode
        if not stat.S_ISREG(mode):
            what = "a folder" if stat.S_ISDIR(mode) else "not a regular file"
            raise OSError(0, what, str(path))
        return handle.read()
