"""A campaign of hostile import files: never a traceback; each refused (the data file byte-identical) or
admitted whole and valid; afterwards every command works on what was admitted, and the dashboard starts.

The imports run in-process through the command line's main function, all into one data file, so the
file at the end holds every record the rules let in.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
from datetime import date
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oxytui import cli
from oxytui.core.people import name_key
from oxytui.store import Store
from oxytui.store.backups import list_backups
from oxytui.ui.app import create_app

EXAMPLES = int(os.environ.get("OXYTUI_FUZZ_EXAMPLES", "2000"))
CAMPAIGN = {"examples": 0, "refused": 0, "admitted": 0}

TEXT = st.one_of(
    st.text(max_size=12),
    st.sampled_from(
        [
            "",
            " ",
            "Sam",
            "hug",
            "\x1b]0;title\x07",
            "\x1b[2J",
            "\x00\x01\x7f",
            "a\ud800b",
            "\u202eevil",
            "x" * 81,
            "n" * 2001,
            "y" * 200_000,
            "[" * 40,
            "c" * 32,
        ]
    ),
)
NUMBER = st.one_of(
    st.integers(-3, 12),
    st.sampled_from([1440, 1441, -7, 10**18, -(10**18), 2**63, 10**300]),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
)
DAY = st.one_of(
    st.dates().map(str),
    st.sampled_from(["0001-01-01", "1899-12-31", "1900-01-01", "2100-12-31", "2101-01-01", "2026-02-30"]),
    st.sampled_from(["2026-11-20", "2026-11-24", "2026-11-25"]),
)
OFFSET = st.sampled_from(
    ["+00:00", "+01:00", "-12:00", "+14:00", "+14:01", "-14:00", "+23:59", "+99:99", "", "Z"]
)
TIME = st.one_of(
    st.builds(lambda moment, offset: moment.isoformat() + offset, st.datetimes(), OFFSET),
    st.sampled_from(["2026-11-25T20:30:00+00:00", "0001-01-01T00:00:00-05:00", "9999-12-31T23:59:59+00:00"]),
)
ANY_JSON: st.SearchStrategy[Any] = st.recursive(
    st.none() | st.booleans() | NUMBER | TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=6,
)
RATINGS = st.one_of(
    st.fixed_dictionaries(
        {"stress": st.none() | st.integers(-1, 11), "connected": st.none() | st.integers(-1, 11)}
    ),
    ANY_JSON,
)


# Records that meet the rules, at their edges: the first and last days allowed, offsets of ±14:00,
# text with control codes and right-to-left marks (kept as typed, cleaned when shown).
GOOD_DAY = st.one_of(
    st.dates(date(1900, 1, 1), date(2100, 12, 31)), st.sampled_from([date(1900, 1, 1), date(2100, 12, 31)])
)
GOOD_OFFSET = st.integers(-14 * 60, 14 * 60).map(
    lambda m: f"{'+-'[m < 0]}{abs(m) // 60:02d}:{abs(m) % 60:02d}"
)
GOOD_TIME = st.builds(
    lambda day, offset: f"{day.isoformat()}T12:00:00{offset}",
    GOOD_DAY.filter(lambda d: d.year > 1900),
    GOOD_OFFSET,
)
VISIBLE = st.builds(
    str.__add__,
    st.sampled_from(["Sam", "\x1b]0;title\x07Mia", "\u202eKim", "[b]Ada[/b]", "Zoë 🐈", "x" * 30]),
    st.text(st.characters(codec="utf-8"), max_size=8),
)
GOOD_IDS = st.uuids().map(lambda u: u.hex)
GOOD: dict[str, st.SearchStrategy[dict[str, Any]]] = {
    "contacts": st.fixed_dictionaries(
        {
            "id": GOOD_IDS,
            "day": GOOD_DAY.map(str),
            "logged_at": GOOD_TIME,
            "utc_offset": GOOD_OFFSET,
            "who": VISIBLE,
            "kind": VISIBLE,
            "warmth": st.integers(1, 5),
            "minutes": st.none() | st.integers(0, 1440),
            "note": st.text(st.characters(codec="utf-8"), max_size=30),
        }
    ),
    "recalls": st.fixed_dictionaries(
        {
            "id": GOOD_IDS,
            "day": GOOD_DAY.map(str),
            "started_at": GOOD_TIME,
            "finished_at": st.none() | GOOD_TIME,
            "script": st.sampled_from(["evening", "hand-on-heart", "unknown-script"]),
            "figure": st.sampled_from(["", "Mia", "\x1b[2Jgran"]),
            "before": st.fixed_dictionaries(
                {"stress": st.none() | st.integers(0, 10), "connected": st.none() | st.integers(0, 10)}
            ),
            "after": st.fixed_dictionaries(
                {"stress": st.none() | st.integers(0, 10), "connected": st.none() | st.integers(0, 10)}
            ),
            "completed": st.booleans(),
            "note": st.sampled_from(["", "calm", "n" * 2000]),
        }
    ),
    "rest_days": st.fixed_dictionaries(
        {"day": GOOD_DAY.map(str), "reason": st.sampled_from(["", "ill", "\x07"])}
    ),
    "people": st.fixed_dictionaries(
        {
            "name": VISIBLE | st.sampled_from(["Sam", "sam", " SAM ", "Mia", "mia  ", "Ada"]),
            "every_days": st.none() | st.integers(1, 3650) | st.sampled_from([1, 3650]),
            "remembered": st.booleans(),
            "note": st.sampled_from(["", "likes tea", "\x1b]0;t\x07", "n" * 2000]),
        }
    ),
}
GOOD_SETTINGS = st.fixed_dictionaries(
    {
        "day_start_hour": st.integers(0, 23),
        "week_start": st.sampled_from(["monday", "sunday", "wednesday"]),
        "goal_warm_days": st.integers(0, 7),
        "goal_recalls": st.integers(0, 21),
        "theme": st.sampled_from(["oxytui", "textual-light", "no-such-theme", "\x1b]0;t\x07"]),
        "welcomed": st.booleans(),
    }
)
HOSTILE = st.one_of(NUMBER, TEXT, DAY, TIME, OFFSET, ANY_JSON)
SETTINGS = st.fixed_dictionaries(
    {
        "day_start_hour": st.integers(-1, 24),
        "week_start": st.sampled_from(["monday", "sunday", "Sunday", "someday"]),
        "goal_warm_days": st.integers(-1, 8),
        "goal_recalls": st.integers(-1, 22),
        "theme": TEXT,
        "welcomed": st.booleans() | ANY_JSON,
    }
)


@st.composite
def maybe_spoiled(draw: st.DrawFn, table: str, spoiled: int = 2) -> dict[str, Any]:
    """A good record, or (`spoiled` times in 8) one with a single field made hostile or taken away."""
    good: dict[str, Any] = draw(GOOD[table])
    how = draw(st.sampled_from(["good"] * (8 - spoiled) + ["one field"] * (spoiled - 1) + ["missing"]))
    name = draw(st.sampled_from(sorted(good)))
    if how == "one field":
        good[name] = draw(HOSTILE)
    elif how == "missing":
        del good[name]
    return good


NEAR_EXPORT = st.fixed_dictionaries(
    {
        "schema_version": st.sampled_from([1, 2]),
        "contacts": st.lists(maybe_spoiled("contacts"), min_size=1, max_size=3),
    },
    optional={
        "recalls": st.lists(maybe_spoiled("recalls"), min_size=1, max_size=2),
        "rest_days": st.lists(maybe_spoiled("rest_days"), max_size=2),
        "people": st.lists(maybe_spoiled("people"), max_size=3),
        "settings": GOOD_SETTINGS | SETTINGS,
    },
)
EXPORT = st.fixed_dictionaries(
    {"schema_version": st.one_of(st.just(1), st.just(1), st.sampled_from([0, 2, -5, True, "1", 1.0, None]))},
    optional={
        "contacts": st.lists(maybe_spoiled("contacts", 6), max_size=3) | ANY_JSON,
        "recalls": st.lists(maybe_spoiled("recalls", 6), max_size=2) | ANY_JSON,
        "rest_days": st.lists(maybe_spoiled("rest_days", 6), max_size=2) | ANY_JSON,
        "people": st.lists(maybe_spoiled("people", 6), max_size=3) | ANY_JSON,
        "settings": SETTINGS | ANY_JSON,
    },
)


def spoil(text: str, how: str) -> str:
    """The JSON text as written, cut short, or wrapped deeper than any export nests."""
    if how == "cut":
        return text[: len(text) // 2]
    if how == "deep":
        return "[" * 5000 + text + "]" * 5000
    return text


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(list(argv))
    return code, out.getvalue(), err.getvalue()


def import_once(db: Path, source: Path, data: Any, how: str) -> None:
    text = spoil(json.dumps(data), how)
    source.write_text(text, encoding="utf-8", errors="surrogatepass")
    before = db.read_bytes()
    code, out, err = run("--db", str(db), "import", str(source))
    CAMPAIGN["examples"] += 1
    assert "Traceback" not in err
    if code == 1:
        CAMPAIGN["refused"] += 1
        assert out == "" and err.startswith("oxytui: ") and len(err) < 1000, err
        assert db.read_bytes() == before
        return
    assert code == 0, err
    CAMPAIGN["admitted"] += 1
    if "Imported 0 " not in out:
        CAMPAIGN["added"] = CAMPAIGN.get("added", 0) + 1
    store = Store.open(db)  # every record read back meets the rules, or this raises
    assert isinstance(data, dict)
    for contact in data.get("contacts") or []:
        assert store.contact(contact["id"]) is not None
    for person in data.get("people") or []:
        assert store.records.people.get(name_key(person["name"])) is not None
        CAMPAIGN["people"] = CAMPAIGN.get("people", 0) + 1


async def test_hostile_imports_are_refused_whole_or_admitted_valid(tmp_path: Path) -> None:
    db = tmp_path / "oxytui.json"
    source = tmp_path / "import.json"
    assert run("--db", str(db), "log", "Sam")[0] == 0

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,  # the same examples each run: the campaign's counts below are not left to chance
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(
        st.one_of(NEAR_EXPORT, NEAR_EXPORT, NEAR_EXPORT, EXPORT, ANY_JSON),
        st.sampled_from(["as is", "as is", "as is", "as is", "as is", "cut", "deep"]),
    )
    def campaign(data: Any, how: str) -> None:
        import_once(db, source, data, how)

    campaign()
    print(f"import campaign: {CAMPAIGN}")
    assert (
        CAMPAIGN["examples"] >= EXAMPLES
        and CAMPAIGN["admitted"] > EXAMPLES // 10
        and CAMPAIGN["refused"] > EXAMPLES // 4
        and CAMPAIGN.get("people", 0) > EXAMPLES // 40
    )
    every_command_works_on(db, tmp_path)
    await the_dashboard_starts_on(db)


def every_command_works_on(db: Path, tmp_path: Path) -> None:
    """What the campaign admitted: every command exits 0 on it."""
    [backup, *_] = list_backups(db)
    export = tmp_path / "export.json"
    commands = [
        ["log", "Ada", "--kind", "cuddle", "--minutes", "5"],
        ["export"],
        ["export", "--format", "csv"],
        ["export", "--format", "markdown"],
        ["export", "--format", "markdown", "--week", "today"],
        ["export", "--out", str(export)],
        ["import", str(export)],
        ["streak"],
        ["streak", "--json"],
        ["check"],
        ["people"],
        ["people", "--json"],
        ["people", "set", "Sam", "--every", "7", "--note", "tea"],
        ["people", "rename", "Sam", "SAM"],
        ["restore", str(backup.path)],
        ["import", str(export)],
    ]
    for argv in commands:
        code, _, err = run("--db", str(db), *argv)
        assert code == 0, (argv, err)


async def the_dashboard_starts_on(db: Path) -> None:
    """The dashboard opens on the admitted records and its panes and review answer keys."""
    store = Store.open(db)
    assert len(store.all_contacts()) > 10
    app = create_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        for key in ("escape", "1", "2", "3", "4", "w", "escape", "[", "]", "t", "question_mark", "escape"):
            await pilot.press(key)
        await pilot.pause()
        assert app.is_running
