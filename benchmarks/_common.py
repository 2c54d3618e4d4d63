"""What the benchmarks share: a 10-year data file made by data.py, medians, and the result table."""

from __future__ import annotations

import argparse
import contextlib
import io
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import data

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


def new_parser(doc: str | None) -> argparse.ArgumentParser:
    """An argument parser whose help is the script's docstring, as written."""
    return argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)


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
