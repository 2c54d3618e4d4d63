"""`oxytui log`, the whole process, on a 10-year file against the same on an empty file.

    python benchmarks/log.py [--runs N] [--years N]

Each run is a new process, `python -m oxytui --db FILE log Sam --kind hug`, timed from just before
it starts until it has exited (the record durable on disk). Three kinds of run alternate: on the
10-year file, on a file with nothing logged (the floor: Python, the imports, the lock and one small
save), and `python -c pass` for scale. Both files were welcomed and have today's backup, as on an
evening's second entry. A fourth kind, the floor, is the least any log into ten years must do, as a
process of its own (`_log_floor.py`): the same imports, then read and decode the file, make its
records objects without checking a rule, add one and write the file durably. Then, in this process,
what bounds the difference: opening the Store on each file (reading, decoding and checking every
record) and one save on each.
Goal: ten years <= 1.5x the empty file.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from _common import Row, all_passed, compile_as_installed, data_file, median_ms, new_parser, print_table

from oxytui.core.model import ContactDraft
from oxytui.store import Store

GOAL_RATIO = 1.5
FLOOR = Path(__file__).with_name("_log_floor.py")


def log_command(path: Path) -> list[str]:
    """The command line that logs one contact into the data file at `path`."""
    return [sys.executable, "-m", "oxytui", "--db", str(path), "log", "Sam", "--kind", "hug"]


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_once(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds from starting `command` until it has exited (successfully), and its CPU seconds.

    The CPU time moves much less than the wall-clock time when the machine is busy with other work.
    """
    cpu, started = _children_cpu(), time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    return time.perf_counter() - started, _children_cpu() - cpu


def log_env() -> dict[str, str]:
    """The environment for the runs: no Textual variables, the config folder already pointed away."""
    return {k: v for k, v in os.environ.items() if not k.startswith("TEXTUAL")}


def empty_file(folder: Path) -> Path:
    """A welcomed data file with nothing logged, with today's backup (made by the settings save)."""
    path = folder / "empty" / "oxytui.json"
    Store.open(path).update_settings(welcomed=True)
    return path


def _in_process(path: Path, runs: int) -> tuple[float, float]:
    """Median seconds of opening the Store on `path`, and of one add_contact on it."""
    opens, saves = [], []
    for _ in range(runs):
        started = time.perf_counter()
        store = Store.open(path)
        opened = time.perf_counter()
        store.add_contact(ContactDraft("Sam", "hug"))
        saves.append(time.perf_counter() - opened)
        opens.append(opened - started)
    return median_ms(opens), median_ms(saves)


def measure(
    runs: int, kinds: dict[str, Callable[[], list[str]]]
) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """Alternate the kinds of run (forwards, then backwards), `runs` of each after one warm-up each.

    Returns the wall-clock seconds and the CPU seconds of each kind's runs.
    """
    env = log_env()
    times: dict[str, list[float]] = {kind: [] for kind in kinds}
    cpu: dict[str, list[float]] = {kind: [] for kind in kinds}
    for make in kinds.values():
        run_once(make(), env)  # warm the disk cache and the bytecode, unmeasured
    for number in range(runs):
        order = list(kinds) if number % 2 == 0 else list(reversed(kinds))
        for kind in order:
            wall, used = run_once(kinds[kind](), env)
            times[kind].append(wall)
            cpu[kind].append(used)
    return times, cpu


def main(argv: list[str] | None = None) -> int:
    """Measure and print the table; exit code 1 when the goal is missed."""
    args = new_parser(__doc__, runs=11, runs_help="runs of each kind").parse_args(argv)
    compile_as_installed()
    with data_file("oxytui-log-", args.years) as path:
        empty = empty_file(path.parent)
        floor_file = path.parent / "floor.json"
        floor_file.write_bytes(path.read_bytes())
        times, cpu = measure(
            max(3, args.runs),
            {
                "ten": lambda: log_command(path),
                "empty": lambda: log_command(empty),
                "python": lambda: [sys.executable, "-c", "pass"],
                "floor": lambda: [sys.executable, str(FLOOR), str(floor_file)],
            },
        )
        open_ten, save_ten = _in_process(path, 5)
        open_empty, save_empty = _in_process(empty, 5)
    ten, nothing, python, floor = (median_ms(times[kind]) for kind in ("ten", "empty", "python", "floor"))
    ten_cpu, nothing_cpu = median_ms(cpu["ten"]), median_ms(cpu["empty"])
    rows = [
        Row("python -c pass (for scale)", f"{python:.0f} ms"),
        Row("oxytui log, empty file", f"{nothing:.0f} ms"),
        Row(f"oxytui log, {args.years:g} years", f"{ten:.0f} ms"),
        Row(
            "ratio ten years / empty", f"{ten / nothing:.2f}", f"<= {GOAL_RATIO}", ten <= GOAL_RATIO * nothing
        ),
        Row(f"floor: the least a log into {args.years:g} years does", f"{floor:.0f} ms"),
        Row("  floor / oxytui log on the empty file", f"{floor / nothing:.2f}"),
        Row("CPU: oxytui log, empty file", f"{nothing_cpu:.0f} ms"),
        Row(f"CPU: oxytui log, {args.years:g} years", f"{ten_cpu:.0f} ms"),
        Row("CPU ratio ten years / empty", f"{ten_cpu / nothing_cpu:.2f}"),
        Row("in process: Store.open, empty file", f"{open_empty:.1f} ms"),
        Row(f"in process: Store.open, {args.years:g} years", f"{open_ten:.1f} ms"),
        Row("in process: one save, empty file", f"{save_empty:.1f} ms"),
        Row(f"in process: one save, {args.years:g} years", f"{save_ten:.1f} ms"),
    ]
    print_table(f"oxytui log, whole process, medians of {len(times['ten'])} runs", rows)
    return 0 if all_passed(rows) else 1


if __name__ == "__main__":
    sys.exit(main())
