"""Reading a file to import: a regular file under a size cap, JSON nested no deeper than an export."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from oxytui.core.model import ValidationError
from oxytui.core.validate import MAX_NESTING
from oxytui.safe_files import FileTooLargeError, NotRegularFileError, read_regular_file

IMPORT_MAX_BYTES = 64 * 1024 * 1024
NOT_JSON = (
    "{path} is not a JSON export: import reads only oxytui's JSON export "
    "(`oxytui export --format json`), not CSV or Markdown"
)

DATA_FILE = (
    "{path} is an oxytui data file or backup, not an export: `oxytui restore {path}` puts a backup "
    "in place of the data file; to merge it instead, export it first with "
    "`oxytui --db {path} export --out FILE` and import FILE"
)


def _refuse(message: str) -> ValidationError:
    return ValidationError({"import": message})


def read_import(path: Path, limit: int = IMPORT_MAX_BYTES) -> Any:
    """The decoded JSON of the export at `path`; ValidationError (exit 1) naming what is wrong.

    Opened without blocking, so a FIFO or a device is refused rather than waited on; a file larger
    than `limit` is refused.
    """
    try:
        raw = read_regular_file(path, limit)
    except NotRegularFileError as error:
        raise _refuse(f"{path} is {error.what}, not a regular file: give the path of a JSON export") from None
    except FileTooLargeError:
        raise _refuse(f"{path} is larger than {limit:,} bytes; an import may be at most {limit:,}") from None
    except OSError as error:
        raise _refuse(f"cannot read {path}: {error.strerror or error}") from None
    try:
        text = raw.decode("utf-8-sig")  # an export saved again by an editor may start with a BOM
    except UnicodeDecodeError:
        raise _refuse(NOT_JSON.format(path=path)) from None
    if nesting_depth(text) > MAX_NESTING:
        raise _refuse(f"{path} nests deeper than an oxytui export ever does ({MAX_NESTING} levels)")
    try:
        data = json.loads(text, parse_constant=_no_constants)
    except (ValueError, RecursionError):
        raise _refuse(NOT_JSON.format(path=path)) from None
    if isinstance(data, dict) and "schema_version" not in data and isinstance(data.get("meta"), dict):
        raise _refuse(DATA_FILE.format(path=path))
    return data


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def nesting_depth(text: str, limit: int = MAX_NESTING) -> int:
    """How deep the arrays and objects of the JSON `text` nest, counted up to `limit` + 1.

    Strings are skipped, so brackets inside them do not count; reads the text once, without recursion.
    """
    depth = deepest = 0
    for match in _BRACKETS_OR_STRINGS.finditer(text):
        char = match.group()
        if char in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > limit:
                    break
        elif char in "]}":
            depth -= 1
    return deepest


_BRACKETS_OR_STRINGS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')
