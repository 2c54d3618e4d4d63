"""Quick entry against a peer: jrnl on a 10-year journal and `oxytui log` on a 10-year file, one run.

    pip install -e '.[test,bench]'    # jrnl is in the optional `bench` extra
    python benchmarks/peers.py [--runs N] [--years N]

jrnl is the closest peer: a terminal journal whose quick entry, `jrnl TEXT`, reads the whole journal
(a plain-text file), adds the entry and writes the file again. Its journal here holds one entry for
each contact of oxytui's 10-year sample file (same days, times and words, about 14,500 entries).
Each run is a new process timed from its start until it has exited (and its CPU time, which moves
less when the machine is busy), the two alternating:
- jrnl: `jrnl Hug with Sam.` on that journal (its own config in a temporary folder, no colours);
- oxytui: `python -m oxytui --db FILE log Sam --kind hug` on the 10-year file.
Prints the medians and how many times longer jrnl takes (issue #13 reported about 2.5x: a lead to keep).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from _common import Row, compile_as_installed, data_file, median_ms, new_parser, print_table
from log import log_command, measure

from oxytui.store import Store

CONFIG = """\
colors:
  body: none
  date: none
  tags: none
  title: none
default_hour: 9
default_minute: 0
editor: ''
encrypt: false
highlight: false
indent_character: '|'
journals:
  default:
    journal: {journal}
linewrap: 79
tagsymbols: '#@'
template: false
timeformat: '%Y-%m-%d %H:%M'
version: {version}
"""


def jrnl_command() -> list[str] | None:
    """How to run jrnl (beside this Python, or on PATH), or None when it is not installed."""
    beside = Path(sys.executable).with_name("jrnl")
    if beside.exists():
        return [str(beside)]
    found = shutil.which("jrnl")
    return [found] if found else None


def write_journal(data_path: Path, folder: Path) -> Path:
    """A jrnl journal with one entry per contact of the data file, and jrnl's config pointing at it.

    The config goes in `folder`/config/jrnl, where jrnl looks with XDG_CONFIG_HOME (set by data_file).
    """
    from importlib.metadata import version

    journal = folder / "journal.txt"
    contacts = Store.open(data_path).all_contacts()
    with journal.open("w", encoding="utf-8") as out:
        for contact in contacts:
            stamp = contact.logged_at.strftime("%Y-%m-%d %H:%M")
            out.write(f"[{stamp}] {contact.kind.capitalize()} with {contact.who}. {contact.note}\n\n")
    config = folder / "config" / "jrnl"
    config.mkdir(parents=True, exist_ok=True)
    text = CONFIG.format(journal=journal, version=f"v{version('jrnl')}")
    (config / "jrnl.yaml").write_text(text, encoding="utf-8")
    return journal


def main(argv: list[str] | None = None) -> int:
    """Measure and print the table."""
    args = new_parser(__doc__, runs=11, runs_help="runs of each").parse_args(argv)
    compile_as_installed()
    jrnl = jrnl_command()
    if jrnl is None:
        print("jrnl is not installed: pip install -e '.[bench]' (the optional bench extra), then run again")
        return 2
    with data_file("oxytui-peers-", args.years) as path:
        journal = write_journal(path, path.parent)
        entries = journal.read_text(encoding="utf-8").count("\n\n")
        times, cpu = measure(
            max(3, args.runs),
            {
                "jrnl": lambda: [*jrnl, "Hug with Sam."],
                "oxytui": lambda: log_command(path),
            },
        )
        added = journal.read_text(encoding="utf-8").count("\n\n") - entries
    if added < len(times["jrnl"]):
        print(f"jrnl added {added} entries, not one a run: its figures are not of quick entries")
        return 1
    ours, theirs = median_ms(times["oxytui"]), median_ms(times["jrnl"])
    rows = [
        Row(f"jrnl quick entry, journal of {entries:,} entries", f"{theirs:.0f} ms"),
        Row(f"oxytui log, {args.years:g} years", f"{ours:.0f} ms"),
        Row("jrnl / oxytui", f"{theirs / ours:.2f}x"),
        Row("CPU: jrnl quick entry", f"{median_ms(cpu['jrnl']):.0f} ms"),
        Row("CPU: oxytui log", f"{median_ms(cpu['oxytui']):.0f} ms"),
        Row("CPU: jrnl / oxytui", f"{median_ms(cpu['jrnl']) / median_ms(cpu['oxytui']):.2f}x"),
    ]
    print_table(f"Quick entry, whole process, medians of {len(times['oxytui'])} runs each", rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
