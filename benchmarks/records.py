"""Reading the records: the quick pass over plain records against the field-by-field checks alone.

    python benchmarks/records.py [--runs N] [--years N]

The data file of ten years is decoded once with orjson; then, alternating, every contact and recall
is turned into a checked object record by record, the way an import, a change and a file the typed
read steps aside for do (core/records.py: a quick pass for records in the shape oxytui writes, the
field-by-field checks for anything else), and the same with the quick pass turned off. Shown for
scale: the typed read of both tables the Store's open takes (store/typed.py), and decoding the file
with orjson and with json.
Goal: the quick pass saves at least 10% of the parse, or it is not worth keeping beside the checks.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from typing import Any

import orjson
from _common import Row, all_passed, data_file, median_ms, new_parser, print_table

from oxytui.core import records
from oxytui.store.typed import typed_records

GOAL_SAVING = 0.10


def _timed(work: Callable[[], Any]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    """Measure and print the table; exit code 1 when the goal is missed."""
    args = new_parser(__doc__, runs=15, runs_help="parses of each kind").parse_args(argv)
    with data_file("oxytui-records-", args.years) as path:
        raw = path.read_bytes()
    data = orjson.loads(raw)
    contacts, recalls = list(data["contacts"].values()), list(data["recalls"].values())
    quick = records._plain_contact, records._plain_recall

    def parse() -> None:
        [records.contact_from_dict(c) for c in contacts]
        [records.recall_from_dict(r) for r in recalls]

    def checks_only() -> None:
        records._plain_contact = records._plain_recall = lambda record: None
        try:
            parse()
        finally:
            records._plain_contact, records._plain_recall = quick

    def typed() -> None:
        assert typed_records("contacts", data["contacts"]) is not None
        assert typed_records("recalls", data["recalls"]) is not None

    figures: dict[str, list[float]] = {"quick": [], "checks": [], "typed": [], "orjson": [], "json": []}
    for _ in range(max(3, args.runs)):
        figures["quick"].append(_timed(parse))
        figures["checks"].append(_timed(checks_only))
        figures["typed"].append(_timed(typed))
        figures["orjson"].append(_timed(lambda: orjson.loads(raw)))
        figures["json"].append(_timed(lambda: json.loads(raw.decode("utf-8"))))
    fast, slow = median_ms(figures["quick"]), median_ms(figures["checks"])
    rows = [
        Row("decode the file: orjson", f"{median_ms(figures['orjson']):.1f} ms"),
        Row("decode the file: json (standard library)", f"{median_ms(figures['json']):.1f} ms"),
        Row(f"parse {len(contacts):,} contacts and {len(recalls):,} recalls", f"{fast:.1f} ms"),
        Row("the same, field-by-field checks only", f"{slow:.1f} ms"),
        Row("the same, the typed read of the whole tables", f"{median_ms(figures['typed']):.1f} ms"),
        Row("saved by the quick pass", f"{1 - fast / slow:.0%}", f">= {GOAL_SAVING:.0%}", fast <= slow * 0.9),
    ]
    print_table(f"Reading the records, {args.years:g} years, medians of {len(figures['quick'])}", rows)
    return 0 if all_passed(rows) else 1


if __name__ == "__main__":
    sys.exit(main())
