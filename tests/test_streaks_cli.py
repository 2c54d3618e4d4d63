"""`oxytui streak`: the daily and weekly streaks and this week's progress, as text and as JSON."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from oxytui.cli import main
from oxytui.core.model import ContactDraft, Ratings, Recall
from oxytui.store import Store
from tests.conftest import FakeClock


def fill(store: Store, clock: FakeClock) -> None:
    """Warm Mon 16 – Thu 19 Nov, nothing on Fri 20, a rest day Sat 21, warm Sun 22 – Tue 24; a recall Tue."""
    now = clock.now
    for day in [date(2026, 11, 16) + timedelta(days=i) for i in range(4)] + [
        date(2026, 11, 22),
        date(2026, 11, 23),
        date(2026, 11, 24),
    ]:
        store.add_contact(ContactDraft("Sam", "hug"), day)
    store.set_rest_day(date(2026, 11, 21))
    start = datetime(2026, 11, 24, 21, 0, tzinfo=now.tzinfo)
    store.add_recall(
        Recall(
            "r1",
            date(2026, 11, 24),
            start,
            start + timedelta(minutes=3),
            "evening",
            "Ana",
            Ratings(5, 5),
            Ratings(3, 7),
            completed=True,
        )
    )


@pytest.fixture
def on_the_clock(monkeypatch: pytest.MonkeyPatch, clock: FakeClock) -> None:
    """Make the command line open its Store on the fake clock."""
    original = Store.open
    monkeypatch.setattr(Store, "open", lambda path, **_: original(path, clock=clock))


def run_streak(db_path: Path, capsys: pytest.CaptureFixture[str], *args: str) -> str:
    """Run `oxytui streak` and return what it printed."""
    assert main(["--db", str(db_path), "streak", *args]) == 0
    return capsys.readouterr().out


@pytest.mark.usefixtures("on_the_clock")
def test_streak_json_is_the_documented_shape(
    store: Store, db_path: Path, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    fill(store, clock)
    assert json.loads(run_streak(db_path, capsys, "--json")) == {
        "daily": {"current": 3, "longest": 4},
        "weekly": {"current": 0, "longest": 0},
        "week": {"start": "2026-11-23", "warm_days": 2, "recalls": 1, "goal_warm_days": 4, "goal_recalls": 2},
        "ended_because": None,  # the daily streak is alive: nothing has ended
    }


@pytest.mark.usefixtures("on_the_clock")
def test_streak_text(
    store: Store, db_path: Path, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    fill(store, clock)
    assert run_streak(db_path, capsys) == (
        "Daily streak: 3 days (tonight is still open); longest 4 days.\n"
        "Weekly streak: 0 weeks; longest 0 weeks.\n"
        "This week (from Mon 23 Nov): 2 of 4 warm days, 1 of 2 recalls.\n"
    )


@pytest.mark.usefixtures("on_the_clock")
def test_streak_text_after_a_streak_ended(
    store: Store, db_path: Path, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    store.add_contact(ContactDraft("Sam", "hug"), date(2026, 11, 22))  # four days before today
    assert run_streak(db_path, capsys).splitlines()[-1] == ("Last run: 1 warm day, to Sun 22 Nov.")


@pytest.mark.usefixtures("on_the_clock")
def test_streak_on_an_empty_file(db_path: Path, clock: FakeClock, capsys: pytest.CaptureFixture[str]) -> None:
    out = json.loads(run_streak(db_path, capsys, "--json"))
    assert out["daily"] == {"current": 0, "longest": 0}
    assert out["ended_because"] is None
    assert not db_path.exists()  # reading the streaks writes nothing
