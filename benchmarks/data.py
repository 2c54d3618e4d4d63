"""Write a realistic data file of N years (default 10: about 15,000 contacts and 2,500 recalls).

python benchmarks/data.py OUT.json [--years N] [--seed S]
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, date
from pathlib import Path

from oxytui.core.days import now_local
from oxytui.core.sampledata import generate
from oxytui.store.fileformat import write_new_file


def main(argv: list[str] | None = None) -> int:
    """Generate the file and say what went into it."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("out", type=Path, help="the data file to create (must not exist)")
    parser.add_argument("--years", type=float, default=10.0, help="how many years of data (default 10)")
    parser.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    parser.add_argument("--last-day", type=date.fromisoformat, help="the last day (default today)")
    args = parser.parse_args(argv)
    last = args.last_day or now_local().date()
    data = generate(round(args.years * 365.25), last, seed=args.seed, zone=now_local().tzinfo or UTC)
    size = write_new_file(args.out, data.contacts, data.recalls, data.rest_days)
    print(
        f"Wrote {args.out}: {len(data.contacts)} contacts, {len(data.recalls)} recalls, "
        f"{len(data.rest_days)} rest days, {size / 1e6:.1f} MB."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
