"""People: who you have been close to, derived from the contacts, and the gentle "it's been a while" list.

Everyone ever logged as `who` is a person. Names match as they are shown (cleaned, on one line), case
and surrounding spaces ignored; the most recent spelling is the one displayed. What the user adds (a
rhythm, remembered, a note) comes from their PersonRecord; everything else is computed here, once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from oxytui.core.model import EVERY_DAYS_MAX, NOTE_MAX, Contact, PersonRecord, ValidationError, whole_number
from oxytui.core.text import clean_line

RECENT_DAYS = 30
SEASON_DAYS = 90
USUAL_KINDS = 3
WARMTH_MONTHS = 12


def name_key(name: str) -> str:
    """The key two spellings of one person share: the name as shown, case and outer spaces ignored."""
    if name.isascii() and name.isprintable():  # the common case, without the cleaner's work
        return " ".join(name.split()).casefold()
    return clean_line(name).casefold()


@dataclass(frozen=True, slots=True)
class Person:
    """One person: what the contacts tell about them, and what the user keeps about them."""

    key: str
    name: str  # the most recent spelling, as typed: clean it when showing it
    record: PersonRecord | None
    first_day: date | None
    last_day: date | None
    days_since: int | None  # logical days since the last warm contact
    contacts: int
    contacts_30d: int
    contacts_90d: int
    warmth_30d: int  # the sum of the warmth of the last 30 days' contacts: how close, lately
    kinds: tuple[str, ...]  # the usual kinds, most often first

    @property
    def every_days(self) -> int | None:
        """The hoped-for rhythm in days, if one is set."""
        return None if self.record is None else self.record.every_days

    @property
    def remembered(self) -> bool:
        """True for someone who has died or is gone: never nudged."""
        return self.record is not None and self.record.remembered

    @property
    def note(self) -> str:
        """The user's note about this person."""
        return "" if self.record is None else self.record.note

    @property
    def due(self) -> bool:
        """True when the last warm contact is further back than the rhythm (never for the remembered)."""
        every = self.every_days
        return (
            every is not None
            and not self.remembered
            and self.days_since is not None
            and self.days_since > every
        )

    @property
    def past_rhythm(self) -> float:
        """How far past the rhythm, relative to it: days past ÷ rhythm (0 when not due)."""
        if not self.due:
            return 0.0
        assert self.every_days is not None and self.days_since is not None
        return (self.days_since - self.every_days) / self.every_days


@dataclass(slots=True)
class _Tally:
    name: str  # the spelling of the latest contact
    day: date  # the latest contact's day and time
    moment: datetime
    first_day: date
    contacts: int = 0
    contacts_30d: int = 0
    contacts_90d: int = 0
    warmth_30d: int = 0
    kinds: dict[str, int] = field(default_factory=dict)


_UNSEEN = _Tally("", date.min, datetime.min, date.min)


def derive_people(
    contacts: Iterable[Contact], records: Mapping[str, PersonRecord], today: date
) -> dict[str, Person]:
    """Every person, by name key: from the contacts, with the records kept about them (`records` by key)."""
    tallies: dict[str, _Tally] = {}
    spellings: dict[str, _Tally | None] = {}  # each spelling's tally (None: no name at all), found once
    recent, season = today - timedelta(days=RECENT_DAYS - 1), today - timedelta(days=SEASON_DAYS - 1)
    for contact in contacts:
        who, day = contact.who, contact.day
        tally = spellings.get(who, _UNSEEN)
        if tally is _UNSEEN:
            key = name_key(who)
            tally = tallies.get(key) or _Tally(who, day, contact.logged_at, day) if key else None
            spellings[who] = tally
            if tally is not None:
                tallies[key] = tally
        if tally is None:
            continue
        if day > tally.day or (day == tally.day and contact.logged_at >= tally.moment):
            tally.day, tally.moment, tally.name = day, contact.logged_at, who
        elif day < tally.first_day:
            tally.first_day = day
        tally.contacts += 1
        if day >= season:
            tally.contacts_90d += 1
            if day >= recent:
                tally.contacts_30d += 1
                tally.warmth_30d += contact.warmth
        kinds = tally.kinds
        kinds[contact.kind] = kinds.get(contact.kind, 0) + 1
    people: dict[str, Person] = {}
    for key, tally in tallies.items():
        last = tally.day
        people[key] = Person(
            key=key,
            name=tally.name,
            record=records.get(key),
            first_day=tally.first_day,
            last_day=last,
            days_since=max(0, (today - last).days),
            contacts=tally.contacts,
            contacts_30d=tally.contacts_30d,
            contacts_90d=tally.contacts_90d,
            warmth_30d=tally.warmth_30d,
            kinds=tuple(kind for kind, _ in Counter(tally.kinds).most_common(USUAL_KINDS)),
        )
    for key, record in records.items():  # kept about someone whose contacts are all gone
        if key and key not in people:
            people[key] = Person(key, record.name, record, None, None, None, 0, 0, 0, 0, ())
    return people


def due_people(people: Iterable[Person]) -> list[Person]:
    """The "it's been a while" list: past their rhythm, furthest past it (relative to it) first."""
    due = [person for person in people if person.due]
    return sorted(due, key=lambda p: (-p.past_rhythm, p.key))


def ordered(people: Iterable[Person]) -> list[Person]:
    """Everyone: the "it's been a while" people first, then by the last warm contact, the remembered last."""
    everyone = list(people)
    due = due_people(everyone)
    due_keys = {person.key for person in due}
    others = sorted(
        (p for p in everyone if p.key not in due_keys and not p.remembered),
        key=lambda p: (p.days_since is None, p.days_since or 0, p.key),
    )
    remembered = sorted((p for p in everyone if p.remembered), key=lambda p: p.key)
    return [*due, *others, *remembered]


def for_completion(people: Iterable[Person]) -> list[Person]:
    """People in the order the add form suggests them: the most often lately first, the remembered last."""
    return sorted(people, key=lambda p: (p.remembered, -p.contacts_90d, -p.contacts, p.key))


def warmest(contacts: list[Contact]) -> str:
    """The person of the warmest contact (the latest among equals), or '' when there is none."""
    if not contacts:
        return ""
    return max(contacts, key=lambda c: (c.warmth, c.logged_at)).who


def warmest_lately(people: Iterable[Person]) -> list[Person]:
    """People to offer as a recall figure: the warmest of the last 30 days first, then the remembered."""
    everyone = list(people)
    warm = sorted((p for p in everyone if p.warmth_30d), key=lambda p: (-p.warmth_30d, p.key))
    remembered = sorted((p for p in everyone if p.remembered and not p.warmth_30d), key=lambda p: p.key)
    return [*warm, *remembered]


def find(people: Mapping[str, Person], name: str) -> Person | None:
    """The person `name` refers to, if anyone."""
    return people.get(name_key(name))


def parse_every(text: str) -> int | None:
    """A typed rhythm: a number of days from 1 to EVERY_DAYS_MAX, or None for 'off' or nothing."""
    if text.strip().lower() in ("", "off"):
        return None
    days = whole_number(text.strip())
    if days is None or not 1 <= days <= EVERY_DAYS_MAX:
        shown = text[:20]
        raise ValidationError(
            {"every": f"the rhythm is a number of days from 1 to {EVERY_DAYS_MAX}, or off (not {shown!r})"}
        )
    return days


# --- words ---------------------------------------------------------------------------------------


def _count(number: int, unit: str) -> str:
    return f"{number} {unit}" if number == 1 else f"{number} {unit}s"


def since_words(days: int | None) -> str:
    """How long since, in plain words: 'today', '5 days', '3 weeks', '4 months', '2 years'."""
    if days is None:
        return "no contacts logged"
    if days <= 0:
        return "today"
    if days < 14:
        return _count(days, "day")
    if days < 61:
        return _count(days // 7, "week")
    if days < 730:
        return _count(days // 30, "month")
    return _count(days // 365, "year")


def ago_words(days: int | None) -> str:
    """How long ago, in plain words: 'today', 'yesterday', '3 weeks ago'."""
    if days is None or days <= 0:
        return since_words(days)
    return "yesterday" if days == 1 else f"{since_words(days)} ago"


def rhythm_words(days: int) -> str:
    """A rhythm as it is said after 'every': 'day', 'week', '2 weeks', 'month', '10 days'."""
    if days % 365 == 0:
        return "year" if days == 365 else f"{days // 365} years"
    if days in (30, 31):
        return "month"
    if days % 30 == 0:
        return f"{days // 30} months"
    if days % 7 == 0:
        return "week" if days == 7 else f"{days // 7} weeks"
    return "day" if days == 1 else f"{days} days"


def invitation(person: Person, shown_name: str) -> str:
    """One line of the "it's been a while" list, worded as an invitation, e.g.
    'Grandma — 5 weeks since you were last in touch; you hoped for every 2 weeks'."""
    every = person.every_days
    hoped = "" if every is None else f"; you hoped for every {rhythm_words(every)}"
    return f"{shown_name} — {since_words(person.days_since)} since you were last in touch{hoped}"


def invitations(person: Person, shown_name: str) -> list[str]:
    """The "it's been a while" line in whole sentences, longest first, for the width there is."""
    since = since_words(person.days_since)
    return [
        invitation(person, shown_name),
        f"{shown_name} — {since} since you were last in touch",
        f"{shown_name} — {since} since your last contact",
        f"{shown_name} — {since}",
    ]


# --- one person's history ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MonthWarmth:
    """One month of warm contacts with a person: how many, and how warm on average."""

    first_day: date
    count: int
    mean: float | None


def _month_start(day: date, back: int) -> date:
    month = day.year * 12 + day.month - 1 - back
    return date(month // 12, month % 12 + 1, 1)


def warmth_over_time(
    contacts: Iterable[Contact], today: date, months: int = WARMTH_MONTHS
) -> list[MonthWarmth]:
    """The last `months` months (oldest first, this month last) of one person's contacts."""
    starts = [_month_start(today, back) for back in range(months - 1, -1, -1)]
    sums: dict[date, list[int]] = {start: [] for start in starts}
    for contact in contacts:
        start = contact.day.replace(day=1)
        if start in sums:
            sums[start].append(contact.warmth)
    return [
        MonthWarmth(start, len(values), sum(values) / len(values) if values else None)
        for start, values in sums.items()
    ]


BARS = " ▁▂▃▄▅▆▇█"


def warmth_bars(months: list[MonthWarmth]) -> str:
    """The months as a row of bars, taller for more contacts (a blank for none): readable without colour."""
    most = max((m.count for m in months), default=0)
    if not most:
        return "·" * len(months)
    return "".join(
        "·" if not m.count else BARS[max(1, round(m.count / most * (len(BARS) - 1)))] for m in months
    )


def contacts_by_person(contacts: Iterable[Contact]) -> dict[str, list[Contact]]:
    """Every person's contacts, newest first, by name key."""
    keys: dict[str, str] = {}
    by_person: dict[str, list[Contact]] = {}
    for contact in sorted(contacts, key=lambda c: (c.day, c.logged_at), reverse=True):
        who = contact.who
        key = keys.get(who)
        if key is None:
            key = keys[who] = name_key(who)
        by_person.setdefault(key, []).append(contact)
    return by_person


def week_people_lines(week: Iterable[Contact], due: list[Person], shown: Callable[[str], str]) -> list[str]:
    """For the weekly review: who you were close to that week (most often first), and who is past their
    rhythm now, as an invitation. `shown` cleans a name for display."""
    counts: Counter[str] = Counter()
    names: dict[str, str] = {}
    for contact in week:
        key = name_key(contact.who)
        counts[key] += 1
        names[key] = contact.who
    lines = []
    if counts:
        close = ", ".join(f"{shown(names[key])} ({count})" for key, count in counts.most_common())
        lines.append(f"Close this week: {close}")
    if due:
        lines.append(
            "It's been a while with: " + ", ".join(shown(p.name) for p in due) + " — perhaps next week?"
        )
    return lines


def merge_records(kept: PersonRecord | None, merged: PersonRecord | None, name: str) -> PersonRecord | None:
    """One record from two people who are one: `kept`'s choices first, `merged`'s where kept has none."""
    if kept is None and merged is None:
        return None
    if kept is None or merged is None:
        only = kept or merged
        assert only is not None
        return replace(only, name=name)
    notes = [note for note in (kept.note, merged.note) if note]
    note = "" if not notes else notes[0] if len(set(notes)) == 1 else f"{notes[0]}\n\n{notes[1]}"
    if len(note) > NOTE_MAX:
        raise ValidationError(
            {"note": f"the two notes together are longer than {NOTE_MAX} characters; shorten one first"}
        )
    return PersonRecord(
        name=name,
        every_days=kept.every_days if kept.every_days is not None else merged.every_days,
        remembered=kept.remembered or merged.remembered,
        note=note,
    )
