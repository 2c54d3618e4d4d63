"""Startup: launch to the first complete dashboard frame on a 10-year file, against a bare Textual app.

    python benchmarks/startup.py [--runs N] [--years N]

Each run is a new Python process, run headless at 100x30: either oxytui's dashboard on a fresh 10-year
data file, or a bare Textual app with a Header, a Static and a Footer (the floor: Textual itself).
The two alternate, so a busy moment on the machine hits both alike. A run's time is from just before
the process is started to the last paint of its first complete frame (the screen painted and no
refresh pending); its memory is the process's peak resident size. Prints both medians, the ratio and
the memory difference against the goals: ratio <= 1.3, memory <= bare + 40 MiB.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from _common import DEFAULT_YEARS, Row, all_passed, make_data_file, median_ms, new_parser, print_table

GOAL_RATIO = 1.3
GOAL_EXTRA_MIB = 40.0
SIZE = (100, 30)


# --- the child: one launch ---------------------------------------------------------------------


def _peak_mib() -> float:
    """This process's peak resident memory so far, in MiB.

    VmHWM starts afresh at exec; ru_maxrss would also count the parent's memory copied at fork.
    """
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kib = next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:"))
    return int(kib) / 1024


def _child(kind: str, path: str) -> None:
    """Run one app headless and print the monotonic time of its first complete frame."""
    from textual.app import App, ComposeResult
    from textual.pilot import Pilot
    from textual.screen import Screen
    from textual.widgets import Footer, Header, Static

    paints: list[float] = []
    paint = Screen._compositor_refresh

    def timed_paint(self: Screen[Any]) -> None:  # the moment each frame is composed
        paint(self)
        paints.append(time.monotonic())

    Screen._compositor_refresh = timed_paint  # type: ignore[method-assign]

    class Bare(App[None]):
        """The floor: Textual with a Header, a Static and a Footer."""

        def compose(self) -> ComposeResult:
            yield Header()
            yield Static("Hello")
            yield Footer()

    app: App[Any]
    if kind == "bare":
        app = Bare()
    else:
        from oxytui.store import Store
        from oxytui.ui.app import create_app

        app = create_app(Store.open(Path(path)))

    async def first_complete_frame(pilot: Pilot[Any]) -> None:
        # Wait refresh after refresh until one passes without a paint: the screen has settled.
        seen = -1
        while len(paints) != seen or not paints:
            seen = len(paints)
            refreshed = asyncio.Event()
            app.screen.call_after_refresh(refreshed.set)
            await refreshed.wait()
        print(f"{paints[-1]!r} {_peak_mib()!r}", flush=True)
        app.exit()

    app.run(headless=True, size=SIZE, auto_pilot=first_complete_frame)


# --- the parent: alternate launches ------------------------------------------------------------


def _launch(kind: str, path: Path, env: dict[str, str]) -> tuple[float, float]:
    """Start one child; return (seconds to its first complete frame, its peak memory in MiB)."""
    import subprocess

    command = [sys.executable, __file__, "--child", kind, str(path)]
    started = time.monotonic()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, env=env)
    assert child.stdout is not None
    output = child.stdout.read().decode()
    if child.wait() != 0 or not output.strip():
        raise SystemExit(f"the {kind} run failed (exit code {child.returncode})")
    frame, peak = (float(value) for value in output.split()[-2:])
    return frame - started, peak


def main(argv: list[str] | None = None) -> int:
    """Measure and print the table; exit code 1 when a goal is missed."""
    parser = new_parser(__doc__)
    parser.add_argument("--runs", type=int, default=9, help="runs of each app (at least 7; default 9)")
    parser.add_argument("--years", type=float, default=DEFAULT_YEARS, help="years of data (default 10)")
    parser.add_argument("--child", nargs=2, metavar=("KIND", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(*args.child)
        return 0
    runs = max(7, args.runs)
    with tempfile.TemporaryDirectory(prefix="oxytui-startup-") as folder:
        path = make_data_file(Path(folder), args.years)
        config = Path(folder) / "config"  # no user recall scripts, no devtools: the same for every run
        env = {k: v for k, v in os.environ.items() if not k.startswith("TEXTUAL")}
        env |= {"XDG_CONFIG_HOME": str(config), "OXYTUI_DB": str(path)}
        times: dict[str, list[float]] = {"bare": [], "oxytui": []}
        memory: dict[str, list[float]] = {"bare": [], "oxytui": []}
        _launch("bare", path, env)  # warm the disk cache and the bytecode once, unmeasured
        _launch("oxytui", path, env)
        for number in range(runs):
            order = ("bare", "oxytui") if number % 2 == 0 else ("oxytui", "bare")
            for kind in order:
                seconds, mib = _launch(kind, path, env)
                times[kind].append(seconds)
                memory[kind].append(mib)
    bare, app = median_ms(times["bare"]), median_ms(times["oxytui"])
    bare_mib, app_mib = max(memory["bare"]), max(memory["oxytui"])
    ratio = app / bare
    rows = [
        Row("bare Textual app, launch to first frame", f"{bare:.0f} ms"),
        Row("oxytui dashboard, launch to first frame", f"{app:.0f} ms"),
        Row("ratio oxytui / bare", f"{ratio:.2f}", f"<= {GOAL_RATIO}", ratio <= GOAL_RATIO),
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
    print(f"range: bare {spread['bare']}, oxytui {spread['oxytui']}")
    return 0 if all_passed(rows) else 1


if __name__ == "__main__":
    sys.exit(main())
