"""`oxytui people`: everyone you have been close to; set a rhythm, remembered, a note, or a new name."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from oxytui.core.model import EVERY_DAYS_MAX, ValidationError
from oxytui.core.people import Person, ago_words, invitation, ordered, parse_every, rhythm_words
from oxytui.core.text import clean_line, shorten
from oxytui.outputs import confirm
from oxytui.store import Store
from oxytui.store.people import KEEP, Keep

NAME_WIDTH = 24


def add_people_parser(commands: Any) -> None:
    """Add `people`, `people set` and `people rename` to the command parsers."""
    people = commands.add_parser(
        "people", help="everyone you have been close to, the 'it's been a while' first"
    )
    people.add_argument("--json", action="store_true", help="print JSON")
    actions = people.add_subparsers(dest="people_command", metavar="ACTION", parser_class=type(people))
    change = actions.add_parser("set", help="set a person's rhythm, remembered or note")
    change.add_argument("name", metavar="NAME")
    change.add_argument(
        "--every", metavar="DAYS", help=f"hoped-for rhythm in days, 1–{EVERY_DAYS_MAX}, or off"
    )
    state = change.add_mutually_exclusive_group()
    state.add_argument(
        "--remembered",
        action="store_true",
        default=None,
        help="someone who has died or is gone: never nudged, still offered for a recall",
    )
    state.add_argument("--active", dest="remembered", action="store_false", help="undo --remembered")
    change.add_argument("--note", help="a note about them, up to 2000 characters ('' clears it)")
    rename = actions.add_parser("rename", help="rename everywhere; merges when NEW exists")
    rename.add_argument("old", metavar="OLD")
    rename.add_argument("new", metavar="NEW")


def every_option(text: str | None) -> int | Keep | None:
    """--every's value: a number of days, None for 'off', KEEP when not given."""
    if text is None:
        return KEEP
    if not text.strip():
        raise ValidationError({"every": f"--every takes a number of days from 1 to {EVERY_DAYS_MAX}, or off"})
    return parse_every(text)


def as_json(person: Person) -> dict[str, Any]:
    """One person in `oxytui people --json`."""
    return {
        "name": person.name,
        "last_day": None if person.last_day is None else person.last_day.isoformat(),
        "days_since": person.days_since,
        "contacts_30d": person.contacts_30d,
        "contacts_90d": person.contacts_90d,
        "kinds": list(person.kinds),
        "every_days": person.every_days,
        "remembered": person.remembered,
        "due": person.due,
        "note": person.note,
    }


def people_text(people: list[Person]) -> str:
    """The plain listing: the 'it's been a while' people first, then everyone, the remembered apart."""
    lines: list[str] = []
    due = [p for p in people if p.due]
    if due:
        lines.append("It's been a while — perhaps a good moment to reach out:")
        lines.extend(f"  {invitation(p, clean_line(p.name))}" for p in due)
        lines.append("")
    active = [p for p in people if not p.remembered and not p.due]
    if active:
        lines.append("Everyone else:" if due else "Everyone:")
    for person in active:
        rhythm = f" · every {rhythm_words(person.every_days)}" if person.every_days else ""
        lines.append(
            f"  {shorten(person.name, NAME_WIDTH):<{NAME_WIDTH}}  last {ago_words(person.days_since)}"
            f" · {person.contacts_30d} in 30 days{rhythm}"
        )
    remembered = [p for p in people if p.remembered]
    if remembered:
        lines.append("")
        lines.append("Remembered:")
        for person in remembered:
            last = (
                "" if person.last_day is None else f"  · last warm moment logged {person.last_day:%-d %b %Y}"
            )
            lines.append(f"  {shorten(person.name, NAME_WIDTH)}{last}")
    if not lines:
        lines.append("No one yet. Log a warm contact (oxytui log NAME) and they appear here.")
    return "\n".join(lines) + "\n"


def cmd_people(store: Store, args: argparse.Namespace) -> int:
    """List people, or change one."""
    if args.people_command == "set":
        every = every_option(args.every)
        if isinstance(every, Keep) and args.remembered is None and args.note is None:
            raise ValidationError(
                {"set": "say what to set: --every DAYS|off, --remembered, --active or --note"}
            )
        record = store.set_person(args.name, every_days=every, remembered=args.remembered, note=args.note)
        parts = ["every " + rhythm_words(record.every_days) if record.every_days else "no rhythm"]
        if record.remembered:
            parts.append("remembered")
        if record.note:  # say what was kept, so a note set alone is confirmed too
            parts.append(f"note “{shorten(record.note, 40)}”")
        confirm(f"Saved for {clean_line(record.name)}: {', '.join(parts)}.")
        return 0
    if args.people_command == "rename":
        count = store.rename_person(args.old, args.new)
        noun = "contact" if count == 1 else "contacts"
        confirm(f"Renamed {clean_line(args.old.strip())} to {clean_line(args.new.strip())} ({count} {noun}).")
        return 0
    people = ordered(store.everyone().values())
    if args.json:
        print(json.dumps([as_json(person) for person in people]))
    else:
        sys.stdout.write(people_text(people))
    return 0
