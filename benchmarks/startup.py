"""Startup: launch to the first complete dashboard frame on a 10-year file, against a bare Textual app.

    python benchmarks/startup.py [--runs N] [--years N]

Each run is a new Python process (benchmarks/_first_frame.py) run headless at 100x30: oxytui's
dashboard on a fresh 10-year data file, or a bare Textual app with a Header, a Static and a Footer
(the floor: Textual itself), or Textual alone in the dashboard's shape (its 25 widgets, four bordered
panes in a grid with their texts and two small tables, as stock widgets: what Textual itself takes
for such a screen), or, for scale, the dashboard on a file with nothing logged. They
alternate, so a busy moment on the machine hits all alike. A run's time is from just before the
process is started to the last paint of its first complete frame (the screen painted and a refresh
passing with nothing more to paint); its memory is the peak resident size up to that frame. Prints
the medians, the ratios and the memory difference against the goals: ratio to bare <= 1.3, ten
years to an empty file <= 1.15 (what the data itself costs), memory <= bare + 40 MiB.

For what the data costs at the least, `_log_floor.py --read` runs as well, on each file, alternating
with the rest: a process that only decodes the file and makes its records objects (no rule checked).
Its ten-year median less its empty-file median is set beside what the 1.15 goal allows the data.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import Row, all_passed, compile_as_installed, make_data_file, median_ms, new_parser, print_table

from oxytui.store import Store

GOAL_RATIO = 1.3
GOAL_DATA_RATIO = 1.15  # the first frame on ten years against the first frame on an empty file
GOAL_EXTRA_MIB = 40.0
FLOOR = Path(__file__).with_name("_log_floor.py")


def _launch(kind: str, path: Path, env: dict[str, str]) -> tuple[float, float]:
    """Start one child; return (seconds to its first complete frame, its peak memory in MiB)."""
    command = [sys.executable, str(Path(__file__).with_name("_first_frame.py")), kind, str(path)]
    started = time.monotonic()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, env=env)
    assert child.stdout is not None
    output = child.stdout.read().decode()
    if child.wait() != 0 or not output.strip():
        raise SystemExit(f"the {kind} run failed (exit code {child.returncode})")
    frame, peak = (float(value) for value in output.split()[-2:])
    return frame - started, peak


def _read_floor(path: Path, env: dict[str, str]) -> float:
    """Seconds a process takes that only decodes the file at `path` and makes its records objects."""
    started = time.monotonic()
    subprocess.run([sys.executable, str(FLOOR), "--read", str(path)], env=env, check=True)
    return time.monotonic() - started


def main(argv: list[str] | None = None) -> int:
    """Measure and print the table; exit code 1 when a goal is missed."""
    args = new_parser(__doc__, runs=9, runs_help="runs of each app, at least 7").parse_args(argv)
    compile_as_installed()
    runs = max(7, args.runs)
    with tempfile.TemporaryDirectory(prefix="oxytui-startup-") as folder:
        path = make_data_file(Path(folder), args.years)
        config = Path(folder) / "config"  # no user recall scripts, no devtools: the same for every run
        env = {k: v for k, v in os.environ.items() if not k.startswith("TEXTUAL")}
        env |= {"XDG_CONFIG_HOME": str(config), "OXYTUI_DB": str(path)}
        empty = Path(folder) / "empty" / "oxytui.json"
        Store.open(empty).update_settings(welcomed=True)  # the dashboard with nothing logged yet
        files = {"bare": path, "shape": path, "oxytui": path, "empty": empty}
        times: dict[str, list[float]] = {kind: [] for kind in files}
        memory: dict[str, list[float]] = {kind: [] for kind in files}
        for kind, file in files.items():  # warm the disk cache and the bytecode once, unmeasured
            _launch(kind, file, env)
        floors: dict[Path, list[float]] = {path: [], empty: []}
        for number in range(runs):
            order = ("bare", "shape", "oxytui", "empty")
            order = order if number % 2 == 0 else order[::-1]
            for kind in order:
                seconds, mib = _launch(kind, files[kind], env)
                times[kind].append(seconds)
                memory[kind].append(mib)
            for file, seconds_taken in floors.items():
                seconds_taken.append(_read_floor(file, env))
    bare, shape, app, nothing = (median_ms(times[kind]) for kind in ("bare", "shape", "oxytui", "empty"))
    bare_mib, app_mib = max(memory["bare"]), max(memory["oxytui"])
    floor = median_ms(floors[path]) - median_ms(floors[empty])
    ratio = app / bare
    rows = [
        Row("bare Textual app, launch to first frame", f"{bare:.0f} ms"),
        Row("oxytui dashboard, launch to first frame", f"{app:.0f} ms"),
        Row("ratio oxytui / bare", f"{ratio:.2f}", f"<= {GOAL_RATIO}", ratio <= GOAL_RATIO),
        Row("Textual alone in the dashboard's shape", f"{shape:.0f} ms"),
        Row("  ratio shape / bare (Textual's own floor)", f"{shape / bare:.2f}"),
        Row("for scale: oxytui on an empty file", f"{nothing:.0f} ms"),
        Row("  ratio empty / bare (code and layout, no data)", f"{nothing / bare:.2f}"),
        Row(
            "ratio oxytui / empty (what the data costs)",
            f"{app / nothing:.2f}",
            f"<= {GOAL_DATA_RATIO}",
            app <= GOAL_DATA_RATIO * nothing,
        ),
        Row("  what the data costs: oxytui - empty", f"{app - nothing:.0f} ms"),
        Row(f"  allowed: {GOAL_DATA_RATIO - 1:.2f} x empty", f"{(GOAL_DATA_RATIO - 1) * nothing:.0f} ms"),
        Row("  floor: decode it, records as objects", f"{floor:.0f} ms"),
        Row("bare Textual app, peak memory", f"{bare_mib:.1f} MiB"),
        Row("oxytui dashboard, peak memory", f"{app_mib:.1f} MiB"),
        Row(
            "memory oxytui - bare",
            f"{app_mib - bare_mib:+.1f} MiB",
            f"<= +{GOAL_EXTRA_MIB:.0f} MiB",
            app_mib - bare_mib <= GOAL_EXTRA_MIB,
        ),
    ]
    print_table(f"Startup, {args.years:g} years of data, medians of {runs} alternating runs each", rows)
    spread = {kind: f"{min(v) * 1000:.0f}–{max(v) * 1000:.0f} ms" for kind, v in times.items()}
    print(", ".join(f"{kind} {spread[kind]}" for kind in spread))
    return 0 if all_passed(rows) else 1


if __name__ == "__main__":
    sys.exit(main())
