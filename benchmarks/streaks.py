"""Time computing every streak figure over ten years of sample data.

    python benchmarks/streaks.py [--years N] [--runs N]

Prints the median over the runs of: building the history from the records, and the full summary
(daily and weekly streaks, this week, the reason the streak ended, every week's progress).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date

from oxytui.core.model import Settings
from oxytui.core.sampledata import generate
from oxytui.core.streaks import History, all_weeks, summarize


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the times."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--years", type=float, default=10.0)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args(argv)
    today = date(2026, 11, 25)
    data = generate(round(args.years * 365.25), today)
    rest = [r.day for r in data.rest_days]
    settings = Settings()
    build, compute = [], []
    for _ in range(args.runs):
        started = time.perf_counter()
        history = History.build(data.contacts, data.recalls, rest)
        built = time.perf_counter()
        summary = summarize(history, settings, today)
        weeks = all_weeks(history, settings, today)
        compute.append(time.perf_counter() - built)
        build.append(built - started)
    print(
        f"{len(data.contacts)} contacts, {len(data.recalls)} recalls, {len(rest)} rest days, "
        f"{len(weeks)} weeks"
    )
    print(f"history from records: {statistics.median(build) * 1000:.1f} ms (median of {args.runs})")
    print(f"all streaks:          {statistics.median(compute) * 1000:.1f} ms (median of {args.runs})")
    daily, weekly = summary.daily, summary.weekly
    print(f"daily {daily.current}/{daily.longest}, weekly {weekly.current}/{weekly.longest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
