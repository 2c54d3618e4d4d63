"""What the benchmarks share: a 10-year data file made by data.py, medians, and the result table."""

from __future__ import annotations

import argparse
import compileall
import contextlib
import io
import os
import statistics
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import data

import oxytui
from oxytui.store import Store

DEFAULT_YEARS = 10.0
FRAME_MS = 16.0  # the goal for one interaction: under one frame at 60 Hz (16.7 ms)


def make_data_file(folder: Path, years: float = DEFAULT_YEARS, *, quiet: bool = False) -> Path:
    """Write `years` of sample data ending today with benchmarks/data.py, as someone already welcomed.

    The file is the one an evening user has: the welcome screen was seen, and today's backup exists.
    """
    path = folder / "oxytui.json"
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        data.main([str(path), "--years", str(years)])
    if not quiet:
        print(out.getvalue().strip())
    Store.open(path).update_settings(welcomed=True)
    return path


def compile_as_installed() -> None:
    """Compile oxytui's modules to bytecode, as installing a package does, before timing new processes.

    Python keeps the bytecode of what it imports only where it may write it; with PYTHONDONTWRITEBYTECODE
    set (as on this machine) an editable install would compile oxytui's source again in every process,
    while Textual's and the other libraries' bytecode was written when pip installed them.
    """
    compileall.compile_dir(Path(oxytui.__file__).parent, quiet=1)


def new_parser(doc: str | None, *, runs: int, runs_help: str) -> argparse.ArgumentParser:
    """A parser whose help is the script's docstring, with the shared --runs and --years options."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=runs, help=f"{runs_help} (default {runs})")
    parser.add_argument("--years", type=float, default=DEFAULT_YEARS, help="years of data (default 10)")
    return parser


@contextlib.contextmanager
def data_file(prefix: str, years: float) -> Iterator[Path]:
    """A sample data file in a temporary folder, with user recall scripts kept out; removed afterwards."""
    with tempfile.TemporaryDirectory(prefix=prefix) as folder:
        os.environ["XDG_CONFIG_HOME"] = str(Path(folder) / "config")  # no user recall scripts
        yield make_data_file(Path(folder), years)


def median_ms(seconds: Sequence[float]) -> float:
    """The median of `seconds`, in milliseconds."""
    return statistics.median(seconds) * 1000


@dataclass(frozen=True, slots=True)
class Row:
    """One line of a result table: what was measured, its goal and whether it was met."""

    what: str
    measured: str
    goal: str = ""
    passed: bool | None = None  # None: a reference figure with no goal of its own

    @property
    def verdict(self) -> str:
        """'pass', 'FAIL' or '' for a reference figure."""
        if self.passed is None:
            return ""
        return "pass" if self.passed else "FAIL"


def print_table(title: str, rows: Sequence[Row]) -> None:
    """Print `rows` as an aligned table under `title`."""
    header = Row("what", "measured", "goal")
    widths = [
        max(len(row.what) for row in [header, *rows]),
        max(len(row.measured) for row in [header, *rows]),
        max(len(row.goal) for row in [header, *rows]),
    ]
    print()
    print(title)
    line = f"{'what':<{widths[0]}}  {'measured':>{widths[1]}}  {'goal':<{widths[2]}}  result"
    print(line)
    print("-" * len(line))
    for row in rows:
        print(f"{row.what:<{widths[0]}}  {row.measured:>{widths[1]}}  {row.goal:<{widths[2]}}  {row.verdict}")


def all_passed(rows: Sequence[Row]) -> bool:
    """True when no row failed its goal."""
    return all(row.passed is not False for row in rows)
