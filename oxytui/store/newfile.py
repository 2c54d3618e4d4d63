"""A whole new data file written at once (sample data, benchmarks) in the store's own format."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from oxytui import __version__
from oxytui.core.model import Contact, PersonRecord, Recall, RestDay, Settings
from oxytui.core.records import (
    contact_to_dict,
    person_to_dict,
    recall_to_dict,
    rest_day_to_dict,
    settings_to_dict,
)
from oxytui.store.atomic import atomic_write
from oxytui.store.errors import NotAFileError
from oxytui.store.fileformat import SCHEMA_VERSION, Data, encode


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
    """Write a new data file at `path` holding these records; return its size in bytes.

    Refuses to replace a file that is already there (raises NotAFileError), so it never touches data
    someone kept. The file is written atomically with mode 0600 like every save.
    """
    if path.exists():
        raise NotAFileError(f"{path} already exists; choose a new file name for generated data")
    data: Data = {
        "meta": {
            "1": {
                "schema_version": SCHEMA_VERSION,
                "created_at": datetime.now(UTC).isoformat(),
                "app_version": __version__,
            }
        },
        "settings": {"1": settings_to_dict(settings or Settings())},
        "contacts": _table(contact_to_dict(c) for c in contacts),
        "recalls": _table(recall_to_dict(r) for r in recalls),
        "rest_days": _table(rest_day_to_dict(r) for r in rest_days),
        "people": _table(person_to_dict(p) for p in people),
    }
    payload = encode(data)
    atomic_write(path, payload)
    return len(payload)
