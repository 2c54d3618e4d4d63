"""Realistic sample data for the demo and the benchmarks: recurring people, weekly rhythms, rest days.

Deterministic for a given seed and last day, so a snapshot of the demo is stable.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from oxytui.core.days import utc_offset_text
from oxytui.core.model import Contact, Ratings, Recall, RestDay

# who, kinds they share, how warm it usually is, chance per weekday evening, chance per weekend day
PEOPLE: tuple[tuple[str, tuple[str, ...], int, float, float], ...] = (
    ("Alex", ("hug", "cuddle", "holding-hands", "intimacy", "massage", "partner-dance"), 4, 0.85, 0.95),
    ("Mia", ("hug", "cuddle", "warm-talk"), 4, 0.7, 0.9),
    ("Biscuit", ("pet-time",), 3, 0.75, 0.85),
    ("Sam", ("hug", "warm-talk", "kind-gesture"), 3, 0.18, 0.4),
    ("Noor", ("warm-talk", "call", "hug"), 3, 0.15, 0.35),
    ("Mum", ("call", "warm-talk", "hug"), 4, 0.22, 0.35),
    ("Oma Ruth", ("call", "holding-hands"), 5, 0.05, 0.12),
    ("Jonas", ("hug", "partner-dance"), 3, 0.06, 0.2),
    ("a neighbour", ("kind-gesture",), 2, 0.05, 0.05),
)
# Ids of shipped scripts (content/recall), so the demo's sessions show their titles.
SCRIPTS = (
    "someone-who-loves-you",
    "someone-who-loves-you",
    "a-time-you-were-comforted",
    "hand-on-heart",
    "savor-today",
)
FIGURES = ("Alex", "Mia", "Oma Ruth", "Biscuit", "Mum", "a kind teacher", "my own kind voice")
REST_REASONS = ("ill", "travelling", "a quiet day alone", "ill", "away for work")
NOTES = ("", "", "", "", "after dinner", "on the sofa", "before bed", "long one", "on the walk home")


@dataclass(frozen=True, slots=True)
class SampleData:
    """Generated records, oldest first."""

    contacts: list[Contact]
    recalls: list[Recall]
    rest_days: list[RestDay]


class _Generator:
    def __init__(self, seed: int, zone: tzinfo, day_start_hour: int) -> None:
        self.rng = random.Random(seed)
        self.zone = zone
        self.day_start_hour = day_start_hour

    def new_id(self) -> str:
        return f"{self.rng.getrandbits(128):032x}"

    def moment(self, day: date, earliest: int = 7 * 60) -> datetime:
        """A local time on logical `day`: from `earliest` minutes after midnight to a little past it."""
        low = max(earliest, self.day_start_hour * 60)
        high = 24 * 60 + min(self.day_start_hour * 60, 90) - 1
        minutes = int(self.rng.triangular(low, high, min(high, 20 * 60 + 30)))
        return datetime.combine(day, time(0), self.zone) + timedelta(minutes=minutes)

    def contact(self, day: date, who: str, kinds: tuple[str, ...], warmth: int) -> Contact:
        local = self.moment(day)
        rng = self.rng
        return Contact(
            id=self.new_id(),
            day=day,
            logged_at=local.astimezone(UTC),
            utc_offset=utc_offset_text(local),
            who=who,
            kind=rng.choice(kinds),
            warmth=max(1, min(5, warmth + rng.choice((-1, 0, 0, 0, 1)))),
            minutes=rng.choice((None, None, 1, 5, 10, 20, 45)),
            note=rng.choice(NOTES),
        )

    def recall(self, day: date) -> Recall:
        rng = self.rng
        started = self.moment(day, earliest=19 * 60)
        completed = rng.random() < 0.9
        finished = started + timedelta(minutes=rng.randint(2, 5))
        stress = rng.choice((None, *range(2, 9)))
        connected = rng.choice((None, *range(1, 8)))
        after_stress = None if stress is None else max(0, stress - rng.choice((-1, 0, 1, 1, 2, 2, 3)))
        after_connected = None if connected is None else min(10, connected + rng.choice((0, 1, 1, 2, 3)))
        return Recall(
            id=self.new_id(),
            day=day,
            started_at=started.astimezone(UTC),
            finished_at=finished.astimezone(UTC) if completed else None,
            script=rng.choice(SCRIPTS),
            figure=rng.choice(FIGURES),
            before=Ratings(stress, connected),
            after=Ratings(after_stress, after_connected) if completed else Ratings(),
            completed=completed,
            note="",
        )

    def rest_spells(self, first: date, last: date) -> dict[date, str]:
        """About four rest days a year, in spells of one to four days."""
        rest: dict[date, str] = {}
        span = (last - first).days + 1
        for _ in range(max(1, round(span / 365 * 2)) if span >= 30 else 0):
            start = first + timedelta(days=self.rng.randrange(span))
            reason = self.rng.choice(REST_REASONS)
            for offset in range(self.rng.choice((1, 1, 2, 3, 4))):
                day = start + timedelta(days=offset)
                if day <= last:
                    rest[day] = reason
        return rest


def generate(
    days: int,
    last_day: date,
    *,
    seed: int = 7,
    zone: tzinfo = UTC,
    day_start_hour: int = 4,
    busy_weekends: bool = True,
) -> SampleData:
    """`days` days of records ending on `last_day` (about 4 contacts and 0.7 recalls a day).

    Most evenings have the partner, the child and the dog; friends and family come more at weekends
    (fewer when `busy_weekends` is False); about one day in 25 has nothing logged, and a few rest days
    a year (ill, travelling) have little or nothing.
    """
    if days < 1:
        raise ValueError("days must be at least 1")
    gen = _Generator(seed, zone, day_start_hour)
    rng = gen.rng
    first = last_day - timedelta(days=days - 1)
    rest = gen.rest_spells(first, last_day)
    contacts: list[Contact] = []
    recalls: list[Recall] = []
    for offset in range(days):
        day = first + timedelta(days=offset)
        if day in rest:
            if rng.random() < 0.25:
                contacts.append(gen.contact(day, "Biscuit", ("pet-time",), 3))
            continue
        if rng.random() < 0.04:
            continue  # a day with nothing logged
        weekend = day.weekday() >= 5
        for who, kinds, warmth, weekday_chance, weekend_chance in PEOPLE:
            chance = weekend_chance if weekend == busy_weekends else weekday_chance
            if rng.random() < chance:
                contacts.append(gen.contact(day, who, kinds, warmth))
                if rng.random() < 0.25:
                    contacts.append(gen.contact(day, who, kinds, warmth))
        if rng.random() < 0.65:
            recalls.append(gen.recall(day))
            if rng.random() < 0.1:
                recalls.append(gen.recall(day))
    contacts.sort(key=lambda c: c.logged_at)
    recalls.sort(key=lambda r: r.started_at)
    return SampleData(contacts, recalls, [RestDay(day, reason) for day, reason in sorted(rest.items())])
