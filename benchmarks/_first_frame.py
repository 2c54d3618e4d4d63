"""One launch for benchmarks/startup.py: run an app headless and report its first complete frame.

    python benchmarks/_first_frame.py bare|oxytui|empty DATA_FILE

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
        print(f"{paints[-1]!r} {peak_mib()!r}", flush=True)
        app.exit()

    app.run(headless=True, size=SIZE, auto_pilot=first_complete_frame)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
