"""Kill a writer with SIGKILL over and over and count what was lost (the answer should be nothing).

    python benchmarks/crash.py --kills 1000            # separately started processes
    python benchmarks/crash.py --kills 1000 --mode fork

Each round starts a worker that makes random adds, edits, deletes and rest-day changes through the
Store on one data file, kills it at a random moment, then checks that the file parses, holds every
change the worker had confirmed, and that no temp file is left after the next open.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.robust.crashkit import run_kills


def main() -> int:
    raw = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=raw)
    parser.add_argument("--kills", type=int, default=1000)
    parser.add_argument("--mode", choices=["exec", "fork"], default="exec")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--max-delay", type=float, default=0.08, help="longest run before a kill, seconds")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="oxytui-crash-") as folder:
        delay = args.max_delay
        figures = run_kills(Path(folder), args.kills, seed=args.seed, mode=args.mode, max_delay=delay)
    print(f"mode {args.mode}, seed {args.seed}")
    print(figures.summary())
    for problem in figures.problems:
        print("PROBLEM:", problem)
    return 0 if figures.lost == figures.unreadable == figures.temps_after_open == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
