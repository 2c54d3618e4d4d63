"""Save: from the add form's enter to the record durable on disk, on a 10-year file, against the floor.

    python benchmarks/save.py [--runs N] [--years N]

Each round opens the data file afresh and, in turn, measures:
- oxytui, the first save after opening and the one after it: under Pilot, `a` opens the add form on
  the dashboard, a name is typed, and the time runs from pressing enter until the Store has the record
  on disk (temp file written and fsynced, replaced over the data file, folder fsynced: the point at
  which the save is confirmed);
- the floor: the data the file holds now, encoded once with orjson, written to a temp file, fsynced,
  replaced over a file in the same folder, and the folder fsynced;
- stock TinyDB: `insert` of the same record into a copy of the file opened with TinyDB's default
  JSONStorage (which reads and rewrites the whole file and does not fsync), in a process of its own;
- for what bounds the save: TinyDB's insert of the record into the same data held in memory, with
  no file at all (TinyDB rebuilds the whole table on every insert).
Goals: a save <= 1.3x the floor, the first save after opening <= 1.5x, >= 3x faster than stock TinyDB.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
from _common import Row, all_passed, data_file, median_ms, new_parser, print_table
from tinydb import TinyDB
from tinydb.storages import MemoryStorage

from oxytui.core.model import Contact, ContactDraft
from oxytui.core.records import contact_to_dict
from oxytui.safe_files import fsync_dir
from oxytui.store import Store
from oxytui.store.storage import InPlaceTinyDB
from oxytui.ui.app import create_app
from oxytui.ui.screens.contact_form import ContactForm

GOAL_FLOOR_RATIO = 1.3
GOAL_FIRST_RATIO = 1.5
GOAL_STOCK_SPEEDUP = 3.0


def floor_save(data_path: Path, target: Path) -> float:
    """Encode what `data_path` holds with orjson once, write, fsync, replace `target`, fsync the folder."""
    data = orjson.loads(data_path.read_bytes())
    temp = target.with_name(target.name + ".tmp")
    started = time.perf_counter()
    payload = orjson.dumps(data)
    with open(temp, "wb") as handle:
        handle.write(payload)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temp, target)
    fsync_dir(target.parent)
    return time.perf_counter() - started


def memory_insert(data_path: Path, record: dict[str, Any], tinydb: type[TinyDB] = InPlaceTinyDB) -> float:
    """Seconds for TinyDB (oxytui's tables changed in place, or stock) to insert `record` into the
    contacts of what `data_path` holds, in memory."""
    storage = MemoryStorage()  # type: ignore[no-untyped-call]
    storage.write(orjson.loads(data_path.read_bytes()))
    table = tinydb(storage=lambda: storage).table("contacts")
    table.all()  # untimed: the first read, as the Store's open does
    started = time.perf_counter()
    table.insert(record)
    return time.perf_counter() - started


STOCK_INSERT = """
import json, sys, time
from tinydb import TinyDB
db = TinyDB(sys.argv[1])  # the default JSONStorage
record = json.loads(sys.argv[2])
started = time.perf_counter()
db.table("contacts").insert(record)
print(time.perf_counter() - started)
"""


def stock_insert(path: Path, record: dict[str, Any]) -> float:
    """Seconds for stock TinyDB to insert `record` into the contacts table of the file at `path`.

    Each insert runs in a Python process of its own that holds nothing else, as `oxytui log` would:
    in this process, holding the dashboard, TinyDB's parse of the whole file would also pay for the
    garbage collector walking the dashboard's objects, and look slower than it is.
    """
    command = [sys.executable, "-c", STOCK_INSERT, str(path), json.dumps(record)]
    seconds = float(subprocess.run(command, capture_output=True, check=True, text=True).stdout)
    # Untimed: put TinyDB's unsynced write on disk now, or the next fsync measured would carry it.
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
    return seconds


def _timed_add(store: Store, marks: list[float]) -> Callable[..., Contact]:
    """Store.add_contact that notes the moment it returns (the record is then durable)."""
    add = store.add_contact

    def timed(draft: ContactDraft, day: Any = None) -> Contact:
        contact = add(draft, day)
        marks.append(time.perf_counter())
        return contact

    return timed


async def measure(path: Path, runs: int) -> dict[str, list[float]]:
    """Each round: open, two saves through the form, then a floor save and the TinyDB inserts."""
    names = ("first", "oxytui", "redrawn", "floor", "stock", "memory", "stock memory")
    figures: dict[str, list[float]] = {name: [] for name in names}
    stock_path = path.with_name("stock-tinydb.json")
    shutil.copyfile(path, stock_path)
    for _ in range(runs):
        store = Store.open(path)
        marks: list[float] = []
        store.add_contact = _timed_add(store, marks)  # type: ignore[method-assign]
        app = create_app(store)
        async with app.run_test(size=(100, 30)) as pilot:
            for name in ("first", "oxytui"):
                await pilot.press("a")
                assert isinstance(app.screen, ContactForm)
                await pilot.press(*"Sam", "tab", *"hug")
                await asyncio.sleep(0.05)  # let the form settle, so nothing else is pending at enter
                cpu, started = time.process_time(), time.perf_counter()
                await pilot.press("enter")
                redrawn = time.process_time() - cpu
                assert not isinstance(app.screen, ContactForm), "the form did not save"
                figures[name].append(marks[-1] - started)
            figures["redrawn"].append(redrawn)
        figures["floor"].append(floor_save(path, path.with_name("floor.json")))
        record = contact_to_dict(store.contacts_on(store.today())[-1])
        figures["stock"].append(stock_insert(stock_path, record))
        figures["memory"].append(memory_insert(path, record))
        figures["stock memory"].append(memory_insert(path, record, TinyDB))
    return figures


def main(argv: list[str] | None = None) -> int:
    """Measure and print the table; exit code 1 when a goal is missed."""
    args = new_parser(__doc__, runs=11, runs_help="rounds: opens, each with two saves").parse_args(argv)
    with data_file("oxytui-save-", args.years) as path:
        size = path.stat().st_size
        figures = asyncio.run(measure(path, max(1, args.runs)))
    ours, first, floor, stock = (median_ms(figures[k]) for k in ("oxytui", "first", "floor", "stock"))
    rows = [
        Row("floor: orjson encode, write, fsync, replace, folder fsync", f"{floor:.1f} ms"),
        Row("stock TinyDB insert (JSONStorage, no fsync)", f"{stock:.1f} ms"),
        Row("TinyDB insert in memory, oxytui's tables", f"{median_ms(figures['memory']):.1f} ms"),
        Row("TinyDB insert in memory, stock tables", f"{median_ms(figures['stock memory']):.1f} ms"),
        Row("oxytui: enter to durable on disk", f"{ours:.1f} ms"),
        Row("oxytui: the first save after opening", f"{first:.1f} ms"),
        Row(
            "oxytui / floor",
            f"{ours / floor:.2f}x",
            f"<= {GOAL_FLOOR_RATIO:g}x",
            ours <= GOAL_FLOOR_RATIO * floor,
        ),
        Row(
            "first save after opening / floor",
            f"{first / floor:.2f}x",
            f"<= {GOAL_FIRST_RATIO:g}x",
            first <= GOAL_FIRST_RATIO * floor,
        ),
        Row(
            "stock TinyDB / oxytui",
            f"{stock / ours:.1f}x",
            f">= {GOAL_STOCK_SPEEDUP:g}x",
            stock >= GOAL_STOCK_SPEEDUP * ours,
        ),
        Row("oxytui: enter to dashboard redrawn (CPU)", f"{median_ms(figures['redrawn']):.1f} ms"),
    ]
    runs = len(figures["oxytui"])
    print_table(f"Save, {args.years:g} years of data ({size / 1e6:.1f} MB), medians of {runs} rounds", rows)
    return 0 if all_passed(rows) else 1


if __name__ == "__main__":
    sys.exit(main())
