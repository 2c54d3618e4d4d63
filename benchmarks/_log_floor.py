"""The least a log into a ten-year file must do, as a process of its own (see log.py): the same imports
as `oxytui log`, then read and decode the file, make its contacts and recalls objects with msgspec
(no rule of theirs checked), add one contact, encode the file and replace it durably.

    python benchmarks/_log_floor.py DATA_FILE
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path

import msgspec
import orjson

import oxytui.cli  # noqa: F401  # what `oxytui log` imports
from oxytui.core.model import Contact, Recall
from oxytui.core.records import contact_to_dict
from oxytui.safe_files import atomic_write

path = Path(sys.argv[1])
data = orjson.loads(path.read_bytes())
contacts = msgspec.convert(data["contacts"], dict[str, Contact])
recalls = msgspec.convert(data["recalls"], dict[str, Recall])
contacts[str(len(contacts) + 1)] = next(iter(contacts.values()))
data["contacts"][str(len(contacts))] = contact_to_dict(contacts[str(len(contacts))])
atomic_write(path, orjson.dumps(data))
gc.freeze()  # as `oxytui log` does: the exit need not walk the records
