"""The least oxytui must do with a data file, as a process of its own (see log.py and startup.py): the
same imports as `oxytui log`, then read and decode the file and make its contacts and recalls objects
with msgspec (no rule of theirs checked); unless told `--read`, then also add one contact, encode the
file and replace it durably, as a log does.

    python benchmarks/_log_floor.py [--read] DATA_FILE
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

path = Path(sys.argv[-1])
data = orjson.loads(path.read_bytes())
contacts = msgspec.convert(data.get("contacts", {}), dict[str, Contact])
recalls = msgspec.convert(data.get("recalls", {}), dict[str, Recall])
if "--read" not in sys.argv and contacts:
    data["contacts"][str(len(contacts) + 1)] = contact_to_dict(next(iter(contacts.values())))
    atomic_write(path, orjson.dumps(data))
gc.freeze()  # as oxytui does: the exit need not walk the records
