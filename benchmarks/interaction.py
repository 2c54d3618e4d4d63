"""Interaction: the dashboard's keys on a 10-year file, under Pilot, against one frame at 60 Hz.

    python benchmarks/interaction.py [--runs N] [--years N]

Measured on the running dashboard (100x30) with Pilot:
- `]` in the Today pane: into today from yesterday, and from two days ago to yesterday (the keys that
  set up each press are untimed),
- `w` in the Streaks pane (the weekly review opens; escape closes it, untimed),
- `a` in the Today pane (the add form opens; escape closes it, untimed),
- `4` from the Today pane (the People pane takes the focus),
- `enter` in the People pane (the first person's screen opens; escape closes it, untimed),
- a full streak computation: every streak figure the Streaks pane shows, computed from the records
  with nothing cached (the work after each change), and the same read from the Store's cache.
A key's time is the CPU time the process spends from the key being sent until the app is idle again
with the result painted: the handler, the layout and the frame, and not the wait for Textual's next
frame tick. Measuring CPU time rather than wall-clock time keeps other processes on the machine out
of the figure. The floors are what Textual itself costs: a key nothing is bound to (Pilot and the key
dispatch), opening plain modal screens with as many widgets as the add form and the review, and
opening a plain screen of its own (as the person screen is); and, for the focus moving between panes,
stock Textual moving it between two tables in a grid of four bordered panes with a Footer.
Goal: each median under 16 ms (one frame at 60 Hz).
"""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import ClassVar

from _common import (
    FRAME_MS,
    Row,
    all_passed,
    data_file,
    median_ms,
    new_parser,
    print_table,
)
from textual.app import App, ComposeResult
from textual.binding import BindingType
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.pilot import Pilot
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Footer, Header, Input, Label, Static

from oxytui.core.streaks import History, all_weeks, summarize
from oxytui.reports import history_of
from oxytui.store import Store
from oxytui.ui.app import create_app
from oxytui.ui.screens.contact_form import ContactForm
from oxytui.ui.screens.person import PersonScreen
from oxytui.ui.screens.review import WeeklyReviewScreen

Step = Callable[[], Awaitable[None]]


async def cpu_of(press: Step, before: Step | None = None, after: Step | None = None) -> float:
    """CPU seconds of `press`, with `before` and `after` run untimed around it."""
    if before is not None:
        await before()
    await asyncio.sleep(0.02)  # let timers and the previous frame settle
    started = time.process_time()
    await press()
    spent = time.process_time() - started
    if after is not None:
        await after()
    return spent


class BareForm(ModalScreen[None]):
    """A floor for opening a form: a plain modal screen with as many inputs and lines as the add form."""

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            for name in ("who", "kind", "warmth", "minutes", "note"):
                with Horizontal():
                    yield Label(name)
                    yield Input()
                yield Static("")
            yield Static("")
        yield Footer()


class BareText(ModalScreen[None]):
    """A floor for opening the review: a plain modal screen with a scrolling box of ten lines."""

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static("\n".join(f"line {n}" for n in range(10)))


class BarePage(Screen[None]):
    """A floor for opening a person: a plain screen of its own (not over the dashboard), ten lines."""

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static("\n".join(f"line {n}" for n in range(10)))


class BarePanes(App[None]):
    """A floor for moving the focus between panes: stock Textual with four bordered panes in a grid,
    each with a table of 12 rows, a `:focus-within` border, a Header and a Footer; 1 and 4 focus the
    first and the last table."""

    CSS = """
    Grid { grid-size: 2 2; }
    Vertical { border: round $foreground 30%; }
    Vertical:focus-within { border: round $primary; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [("1", "table(0)", "First"), ("4", "table(3)", "Last")]

    def compose(self) -> ComposeResult:
        yield Header()
        with Grid():
            for _ in range(4):
                with Vertical():
                    table: DataTable[str] = DataTable(cursor_type="row")
                    table.add_columns("who", "last", "rhythm")
                    for row in range(12):
                        table.add_row(f"Person {row}", "3 weeks ago", "every 2 weeks")
                    yield table
        yield Footer()

    def action_table(self, index: int) -> None:
        self.query(DataTable)[index].focus()


async def bare_focus_moves(runs: int) -> list[float]:
    """CPU seconds of `4` (the focus from the first table to the last) in BarePanes."""
    app = BarePanes()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("1")

        async def press() -> None:
            await pilot.press("4")

        async def back() -> None:
            await pilot.press("1")

        return [await cpu_of(press, None, back) for _ in range(runs + 1)][1:]


def reference_loop() -> float:
    """CPU seconds of a plain Python loop (a million additions): how fast this machine runs Python
    today, to read the figures of different days against each other."""
    started = time.process_time()
    total = 0
    for number in range(1_000_000):
        total += number
    return time.process_time() - started


def full_streaks(store: Store) -> float:
    """Seconds to compute every figure the Streaks pane shows from the records, nothing cached."""
    started = time.perf_counter()
    history = History.build(store.all_contacts(), store.recalls(), store.rest_days())
    today = store.today()
    summarize(history, store.settings, today)
    all_weeks(history, store.settings, today)
    return time.perf_counter() - started


def cached_streaks(store: Store) -> float:
    """Seconds for the same when nothing changed since the last time (the history is kept)."""
    started = time.perf_counter()
    history = history_of(store)
    summarize(history, store.settings, store.today())
    return time.perf_counter() - started


async def measure(path: Path, runs: int) -> dict[str, list[float]]:
    """Press each key `runs` times (after one unmeasured warm-up) and time it."""
    store = Store.open(path)
    app = create_app(store)
    figures: dict[str, list[float]] = {
        "reference: a million additions in Python": [reference_loop() for _ in range(runs)],
        "floor: focus to another table, bare Textual": await bare_focus_moves(runs),
    }
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await asyncio.sleep(1.5)  # someone looks at the dashboard first: its idle work is done

        def keys(*names: str) -> Step:
            async def press() -> None:
                await pilot.press(*names)

            return press

        async def focus(pane: str, p: Pilot[int] = pilot) -> None:
            await p.press({"today": "1", "recall": "2", "streaks": "3", "people": "4"}[pane])

        def push(screen: type[Screen[None]]) -> Step:
            async def press() -> None:
                await pilot.app.push_screen(screen())
                await pilot.pause()

            return press

        async def pop() -> None:
            pilot.app.pop_screen()
            await pilot.pause()

        cases: list[tuple[str, str, Step, Step | None, Step | None]] = [
            ("floor: an unbound key", "today", keys("f12"), None, None),
            ("floor: open a bare modal form", "today", push(BareForm), None, pop),
            ("floor: open a bare modal text", "today", push(BareText), None, pop),
            ("floor: open a bare screen", "today", push(BarePage), None, pop),
            (
                "] next day, into today",
                "today",
                keys("right_square_bracket"),
                keys("left_square_bracket"),
                None,
            ),
            (
                "] next day, between past days",
                "today",
                keys("right_square_bracket"),
                keys("left_square_bracket", "left_square_bracket"),
                keys("right_square_bracket"),
            ),
            ("w weekly review", "streaks", keys("w"), None, keys("escape")),
            ("a add form", "today", keys("a"), None, keys("escape")),
            ("4 People pane", "today", keys("4"), None, keys("1")),
            ("enter opens a person", "people", keys("enter"), None, keys("escape")),
        ]
        for name, pane, press, before, after in cases:
            await focus(pane)
            figures[name] = [await cpu_of(press, before, after) for _ in range(runs + 1)][1:]
        assert not isinstance(app.screen, (ContactForm, WeeklyReviewScreen, PersonScreen))
        figures["streaks, full from the records"] = [full_streaks(store) for _ in range(runs)]
        history_of(store)
        figures["streaks, after a redraw (history kept)"] = [cached_streaks(store) for _ in range(runs)]
    return figures


def main(argv: list[str] | None = None) -> int:
    """Measure and print the table; exit code 1 when a goal is missed."""
    args = new_parser(__doc__, runs=15, runs_help="presses of each key").parse_args(argv)
    with data_file("oxytui-interaction-", args.years) as path:
        figures = asyncio.run(measure(path, max(1, args.runs)))
    rows = []
    for name, seconds in figures.items():
        ms = median_ms(seconds)
        if name.startswith(("floor", "reference")):
            rows.append(Row(name, f"{ms:.1f} ms"))
        else:
            rows.append(Row(name, f"{ms:.1f} ms", f"< {FRAME_MS:.0f} ms", ms < FRAME_MS))
    runs = max(1, args.runs)
    print_table(f"Interaction, {args.years:g} years of data, medians of {runs} presses (CPU time)", rows)
    return 0 if all_passed(rows) else 1


if __name__ == "__main__":
    sys.exit(main())
