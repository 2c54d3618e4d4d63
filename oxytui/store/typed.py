"""The contacts and the recalls of a whole file turned into core objects in one typed pass (msgspec).

Gives exactly what core/records.py's parsers give, or None (they then run and say what is wrong).
What msgspec reads differently is checked after it: a field with a default must be there, a time must
read the same with datetime.fromisoformat (msgspec also takes a 'z' and rounds past the microsecond;
its dates are the strict YYYY-MM-DD both read alike), and every rule must hold (validate.contacts_ok).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from itertools import repeat
from operator import attrgetter, contains, itemgetter
from typing import Any

import msgspec

from oxytui.core.model import Contact, Recall
from oxytui.core.validate import contacts_ok, recalls_ok

# table -> its class, the fields the parser needs that the class has defaults for, its times, its rules
TABLES: dict[str, tuple[type, tuple[str, ...], tuple[str, ...], Callable[[list[Any]], bool]]] = {
    "contacts": (Contact, ("warmth", "note"), ("logged_at",), contacts_ok),
    "recalls": (Recall, ("before", "after", "completed", "note"), ("started_at", "finished_at"), recalls_ok),
}


def _read(times: Iterable[str | None]) -> list[datetime]:
    """The times as the parsers read them (None left out)."""
    return list(map(datetime.fromisoformat, [time for time in times if time is not None]))


def typed_records(table: str, documents: Mapping[str, Mapping[str, Any]]) -> dict[str, Any] | None:
    """The records of the documents of `table` (contacts or recalls) by document id, or None."""
    kind, defaulted, times, rules_ok = TABLES[table]
    try:
        records: dict[str, Any] = msgspec.convert(documents, dict[str, kind])  # type: ignore[valid-type]
        docs, values = list(documents.values()), list(records.values())
        same = all(all(map(contains, docs, repeat(name))) for name in defaulted) and all(
            _read(map(itemgetter(name), docs)) == [t for t in map(attrgetter(name), values) if t is not None]
            for name in times
        )
    except (msgspec.ValidationError, LookupError, ValueError, TypeError):
        return None
    return records if same and rules_ok(values) else None
