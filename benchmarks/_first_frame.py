"""One launch for benchmarks/startup.py: run an app headless and report its first complete frame.

    python benchmarks/_first_frame.py bare|shape|oxytui|empty DATA_FILE

Prints the monotonic time of the last paint of the first complete frame (the screen painted and a
refresh passing with nothing more to paint) and the process's peak memory in MiB, then exits. It
imports nothing but what the app it runs needs, so the bare app carries no oxytui code.
"""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path
from typing import Any

SIZE = (100, 30)


def peak_mib() -> float:
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


def main(kind: str, path: str) -> None:
    """Run one app headless and print when its first complete frame was painted."""
    from textual.app import App, ComposeResult
    from textual.containers import Grid, Vertical
    from textual.pilot import Pilot
    from textual.screen import Screen
    from textual.widgets import DataTable, Footer, Header, Static

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

    class Shape(App[None]):
        """Textual alone, in the dashboard's shape: its 25 widgets (four bordered panes in a grid, their
        texts and two tables with a few rows) as stock widgets, with no oxytui code."""

        CSS = """
        Grid { grid-size: 2 3; grid-columns: 1fr 1fr; grid-gutter: 0 1; padding: 0 1; }
        Grid > Vertical { border: round $foreground 30%; padding: 0 1; height: 1fr; }
        #today { column-span: 2; }
        #streaks { row-span: 2; }
        """

        def compose(self) -> ComposeResult:
            yield Header()
            with Grid():
                for name, texts in (("today", 2), ("recall", 4), ("streaks", 5), ("people", 2)):
                    with Vertical(id=name) as pane:
                        pane.border_title = name.title()
                        for number in range(texts):
                            yield Static(f"{name} {number}: a line of text")
                        if name in ("today", "people"):
                            yield DataTable(id=f"{name}-table", cursor_type="row", zebra_stripes=True)
            yield Footer()

        def on_mount(self) -> None:
            for table in self.query(DataTable):
                table.add_columns("time", "who", "kind", "note")
                for number in range(4):
                    table.add_row("21:05", f"person {number}", "hug", "a note")

    app: App[Any]
    if kind == "bare":
        app = Bare()
    elif kind == "shape":
        app = Shape()
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
        print(f"{paints[-1]!r} {peak_mib()!r}", flush=True)
        app.exit()

    app.run(headless=True, size=SIZE, auto_pilot=first_complete_frame)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
