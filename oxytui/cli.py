"""The command line: parses, opens the Store, runs a command or the dashboard."""

from __future__ import annotations

import argparse
import functools
import gc
import io
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn, TextIO

from oxytui import __version__, reports
from oxytui.content import kind_id, kind_label
from oxytui.core.days import format_day, parse_day, week_bounds
from oxytui.core.export import FORMATS, to_markdown
from oxytui.core.figures import plural
from oxytui.core.model import ContactDraft, ValidationError, whole_number
from oxytui.core.text import clean, clean_line, markdown_text, shorten
from oxytui.core.validate import day_error
from oxytui.imports import read_import
from oxytui.outputs import OutputFailedError, OutputRefusedError, check_target, confirm, write_output
from oxytui.paths import DB_ENV, default_db_path
from oxytui.people_cli import add_people_parser, cmd_people
from oxytui.store import NotAFileError, Store, StoreError
from oxytui.store.errors import what_to_do

EXIT_OK, EXIT_INPUT, EXIT_FILE = 0, 1, 2


class UsageError(Exception):
    """Bad arguments or input: exit code 1."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_INPUT, f"oxytui: error: {message}\n")


def _whole(text: str) -> int:
    """A whole number of zero or more (see model.whole_number)."""
    number = whole_number(text)
    if number is None or number < 0:
        raise argparse.ArgumentTypeError(f"{shorten(text, 20)!r} is not a whole number such as 365")
    return number


@functools.cache  # built once per process: main() may run many times in one (tests, campaigns)
def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every command."""
    parser = _Parser(
        prog="oxytui",
        description="An evening check-in for warm connection. With no command, opens the dashboard.",
        epilog="Exit codes: 0 done, 1 bad arguments or input, 2 the data file cannot be used.",
    )
    parser.add_argument("--version", action="version", version=f"oxytui {__version__}")
    parser.add_argument("--db", help="data file (default: $OXYTUI_DB or the user data folder)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    log = commands.add_parser("log", help="log a warm contact")
    log.add_argument("who", metavar="WHO", help="who it was with (a name, or a pet's)")
    log.add_argument(
        "--kind",
        default="hug",
        help="a kind id or label from the add form (hug, cuddle, holding-hands, pet-time, warm-talk …) "
        "or your own words (default hug)",
    )
    log.add_argument("--warmth", default="3", help="how warm it felt, 1–5 (default 3)")
    log.add_argument("--minutes", default="", help="how long it lasted, 0–1440")
    log.add_argument("--note", default="", help="a note, up to 2000 characters")
    log.add_argument("--day", help="YYYY-MM-DD, 'today' or 'yesterday' (default today)")

    export = commands.add_parser("export", help="write everything as JSON, CSV or Markdown")
    export.add_argument("--format", choices=sorted(FORMATS), default="json")
    export.add_argument("--out", type=Path, help="file to write (default: standard output)")
    export.add_argument("--week", metavar="DATE", help="with --format markdown: that week's review")

    importer = commands.add_parser("import", help="merge a JSON export into the data file")
    importer.add_argument("file", type=Path, metavar="FILE")

    streak = commands.add_parser("streak", help="current streaks and this week's progress")
    streak.add_argument("--json", action="store_true", help="print JSON")

    commands.add_parser("check", help="validate the data file and list backups")

    commands.add_parser("support", help="where to find support: helplines and emergency numbers")

    demo = commands.add_parser("demo", help="the dashboard on a throwaway file of sample data")
    demo.add_argument("--days", type=_whole, default=365, help="days of sample data, 1–3660 (default 365)")

    restore = commands.add_parser("restore", help="replace the data file with a backup")
    restore.add_argument("backup", type=Path, metavar="BACKUP")
    add_people_parser(commands)
    return parser


def _print_safe(text: str, stream: TextIO) -> None:
    """Write `text`, cleaned of control codes when it goes to a terminal, else exactly, as UTF-8."""
    buffer = getattr(stream, "buffer", None)
    if stream.isatty() or buffer is None:
        stream.write(clean(text) if stream.isatty() else text)
        return
    stream.flush()
    buffer.write(text.encode("utf-8"))  # an export is UTF-8 whatever the locale says
    buffer.flush()


def cmd_log(store: Store, args: argparse.Namespace) -> int:
    """Save one contact and confirm it in one line."""
    try:
        day = None if args.day is None else parse_day(args.day, store.today())
    except ValueError as error:
        raise ValidationError({"day": str(error)}) from None
    draft = ContactDraft.from_text(args.who, kind_id(args.kind), args.warmth, args.minutes, args.note)
    contact = store.add_contact(draft, day)
    minutes = f", {contact.minutes} min" if contact.minutes is not None else ""
    confirm(
        f"Saved {clean_line(kind_label(contact.kind)).lower()} with {clean_line(contact.who)} "
        f"(warmth {'♥' * contact.warmth}{minutes}) for {format_day(contact.day)}."
    )
    return EXIT_OK


def cmd_export(store: Store, args: argparse.Namespace) -> int:
    """Write the export to a file or standard output."""
    if args.out is not None:
        try:
            check_target(args.out.expanduser(), store.path)  # before any work: refused targets exit 1
        except OutputRefusedError as error:
            raise ValidationError({"out": str(error)}) from None
        except OutputFailedError as error:  # the target's fault, not the data file's: exit 1
            raise UsageError(str(error)) from None
    if args.week is not None:
        return _export_week(store, args)
    data = store.export_data()
    # JSON and CSV are exact copies; the Markdown journal is for reading, so control codes are cleaned.
    if args.format == "markdown":
        from oxytui.recall_scripts import load_scripts  # only the journal needs the scripts' titles

        text = to_markdown(data, markdown_text, kind_label, load_scripts().title)
    else:
        text = FORMATS[args.format](data)
    return _emit(store, text, args.out, f"Wrote {args.format} export to {args.out}.")


def _emit(store: Store, text: str, out: Path | None, done: str) -> int:
    """Write `text` to the file `out`, saying `done` on standard error, or to standard output.

    The file is written atomically with mode 0600, and never onto the data file, its lock or a backup.
    """
    if out is None:
        _print_safe(text, sys.stdout)
        return EXIT_OK
    try:
        write_output(out, text.encode("utf-8"), store.path)
    except OutputRefusedError as error:
        raise ValidationError({"out": str(error)}) from None
    except OutputFailedError as error:
        raise UsageError(str(error)) from None
    print(clean(done), file=sys.stderr)  # a path may hold escape sequences
    return EXIT_OK


def _export_week(store: Store, args: argparse.Namespace) -> int:
    """Write the weekly review of the week holding --week as Markdown."""
    if args.format != "markdown":
        raise UsageError("--week needs --format markdown (the weekly review is Markdown)")
    today = store.today()
    try:
        day = parse_day(args.week, today)
    except ValueError as error:
        raise ValidationError({"week": str(error)}) from None
    if problem := day_error(day, "week"):
        raise ValidationError({"week": problem})
    if week_bounds(day, store.settings.week_start)[0] > today:
        raise ValidationError(
            {"week": f"the week of {format_day(day)} has not begun yet: give a day up to today"}
        )
    text = reports.week_review_markdown(store, day)
    return _emit(store, text, args.out, f"Wrote the weekly review to {args.out}.")


def cmd_import(store: Store, args: argparse.Namespace) -> int:
    """Merge a JSON export."""
    data = read_import(args.file)
    result = store.import_data(data)
    were = "was" if result.skipped == 1 else "were"
    confirm(f"Imported {plural(result.added, 'record')}; {result.skipped} {were} already there.")
    return EXIT_OK


def cmd_streak(store: Store, args: argparse.Namespace) -> int:
    """Print the daily and weekly streaks and this week's progress."""
    summary = reports.streak_summary(store)
    if args.json:
        print(json.dumps(summary.as_json()))
    else:
        sys.stdout.write(reports.streak_text(summary, reports.history_of(store), store.today()))
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    """Open the dashboard on a throwaway file of sample data (never the real data file)."""
    from oxytui.demo import run_demo

    try:
        return run_demo(args.days)
    except ValueError as error:
        raise UsageError(str(error)) from None


def cmd_support() -> int:
    """Print the support resources (needs no data file, so it works whatever state the file is in)."""
    from oxytui.support import plain, support_text

    sys.stdout.write(plain(support_text()))
    return EXIT_OK


def cmd_check(store: Store, args: argparse.Namespace) -> int:
    """Report on the data file and its backups."""
    from oxytui.store.backups import BEFORE_RESTORE, all_backups

    if not store.path.exists():
        print(clean(f"There is no data file yet at {store.path} (it is made at the first save)."))
        return EXIT_OK
    data = store.export_data()
    people = len(store.everyone())
    print(  # paths are shown without their control codes, as every message shows them
        f"{clean(str(store.path))}: ok — {plural(len(data['contacts']), 'contact')}, "
        f"{plural(len(data['recalls']), 'recall')}, {plural(len(data['rest_days']), 'rest day')}, "
        f"{'1 person' if people == 1 else f'{people} people'}."
    )
    backups = all_backups(store.path)
    if not backups:
        print("No backups yet (one is taken each day at the first save).")
    for backup in backups:
        problem = backup.problem()
        what = "  (taken before a restore)" if backup.kind == BEFORE_RESTORE else ""
        print(f"  {clean(str(backup.path))}  {'ok' if problem is None else 'UNREADABLE: ' + problem}{what}")
    return EXIT_OK


def cmd_restore(db_path: Path, args: argparse.Namespace) -> int:
    """Put a backup in place of the data file."""
    from oxytui.core.days import now_local
    from oxytui.store.backups import restore_backup

    try:
        itself = os.path.samefile(args.backup.expanduser(), db_path)
    except OSError:  # missing or unreadable: restore_backup says what is wrong with it
        itself = False
    if itself:  # restoring it would only push a real copy out of backups/
        raise UsageError(f"{args.backup} is the data file itself: give a backup that `oxytui check` lists")
    kept = restore_backup(db_path, args.backup, now_local())
    if kept is not None:
        confirm(clean(f"The file that was replaced is kept at {kept}."))
    confirm(clean(f"Restored {args.backup} to {db_path}."))
    return EXIT_OK


def run_dashboard(store: Store) -> int:
    """Open the Textual dashboard."""
    from oxytui.ui.app import run_app

    return run_app(store)


def say(message: str) -> None:
    """A problem on stderr, with any escape sequence or control character (say, in a path) taken out."""
    print(f"oxytui: {clean(message)}", file=sys.stderr)


READING = ("export", "streak", "people")  # commands that only read: a missing file there is worth a word
COMMANDS = {
    "log": cmd_log,
    "export": cmd_export,
    "import": cmd_import,
    "streak": cmd_streak,
    "check": cmd_check,
    "people": cmd_people,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run oxytui with `argv` (the command line's when None); return the exit code."""
    code = _main(argv)
    if argv is None:
        # The process ends next. Its last garbage collections would walk every record still held
        # (about 30 ms for ten years) only for the system to free them all; frozen, they are skipped.
        gc.freeze()
    return code


def _main(argv: Sequence[str] | None) -> int:
    for stream in (sys.stdout, sys.stderr):  # a terminal that cannot show ♥ gets '?', not a crash
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="replace")
    args = build_parser().parse_args(argv)
    if args.db is not None and not args.db.strip():
        say("--db is empty: give the data file's path, such as --db ~/oxytui.json")
        return EXIT_INPUT
    chosen = args.db or os.environ.get(DB_ENV) or ""
    db_path: Path = Path(args.db).expanduser() if args.db else default_db_path()
    try:
        if args.command == "demo":
            return cmd_demo(args)
        if args.command == "support":
            return cmd_support()
        if chosen.endswith(("/", os.sep)):
            raise NotAFileError(f"{chosen} names a folder: point --db at a file such as oxytui.json")
        if args.command == "restore":
            return cmd_restore(db_path, args)
        store = Store.open(db_path)
        if args.command is None:
            return run_dashboard(store)
        if chosen and args.command in READING and not store.path.exists():
            say(f"no data file yet at {store.path} (check the --db path)")
        return COMMANDS[args.command](store, args)
    except ValidationError as error:
        for field, message in error.errors.items():
            say(f"{field}: {message}")
        return EXIT_INPUT
    except UsageError as error:
        say(str(error))
        return EXIT_INPUT
    except OutputRefusedError as error:
        say(str(error))
        return EXIT_INPUT
    except StoreError as error:
        say(str(error))
        return EXIT_FILE
    except OSError as error:  # a fault no door above foresaw: one line, never a traceback
        where = f"{error.filename}: " if error.filename else ""
        say(f"{where}{error.strerror or error}; the data file was left as it was; {what_to_do(error)}")
        return EXIT_FILE
    except KeyboardInterrupt:
        return 130
