"""`oxytui people`: the listing, --json, set and rename as the contract says, and two processes at once."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from oxytui.cli import main
from oxytui.store import Store


def run(db: Path, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["--db", str(db), *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "oxytui.json"
    for who, day in [("Grandma", "2026-01-05"), ("Alex", None), ("Sam", None), ("Evil\x1b[2J[b]", None)]:
        assert main(["--db", str(path), "log", who, *(["--day", day] if day else [])]) == 0
    capsys.readouterr()
    return path


def test_json_and_plain_listing(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(db, "people", "set", "grandma", "--every", "14", capsys=capsys)[0] == 0
    assert run(db, "people", "set", "Sam", "--remembered", "--note", "missed", capsys=capsys)[0] == 0
    code, out, _ = run(db, "people", "--json", capsys=capsys)
    people = json.loads(out)
    assert code == 0 and people[0]["name"] == "Grandma" and people[0]["due"] is True
    assert people[0]["every_days"] == 14 and people[0]["last_day"] == "2026-01-05"
    for person in people:
        assert {"name", "last_day", "days_since", "contacts_30d", "every_days", "remembered", "due"} <= set(
            person
        )
    sam = next(p for p in people if p["name"] == "Sam")
    assert sam["remembered"] is True and sam["due"] is False and people[-1] is sam
    code, out, _ = run(db, "people", capsys=capsys)
    assert out.startswith("It's been a while")
    assert "Grandma — " in out and "you hoped for every 2 weeks" in out
    assert "\x1b" not in out and "Evil[b]" in out  # hostile names shown cleaned
    assert out.index("Remembered:") > out.index("Alex")
    assert run(db, "people", "set", "Sam", "--active", capsys=capsys)[0] == 0
    assert run(db, "people", "set", "Grandma", "--every", "off", capsys=capsys)[0] == 0
    people = json.loads(run(db, "people", "--json", capsys=capsys)[1])
    assert not any(p["due"] or p["remembered"] for p in people)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["people", "set", "Nobody", "--every", "3"], "no one called 'Nobody'"),
        (["people", "set", "Alex", "--every", "0"], "1 to 3650"),
        (["people", "set", "Alex", "--every", "3651"], "1 to 3650"),
        (["people", "set", "Alex", "--every", "soon"], "1 to 3650"),
        (["people", "rename", "Nobody", "X"], "no one called"),
        (["people", "rename", "Alex", "   "], "name is needed"),
        (["people", "rename", "alex", "Alex"], "already written that way everywhere"),
    ],
)
def test_bad_input_is_exit_1_with_a_message(
    db: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    before = db.read_bytes()
    code, _, err = run(db, *args, capsys=capsys)
    assert code == 1 and message in err and "Traceback" not in err
    assert db.read_bytes() == before


def test_rename_merges_everywhere(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(db, "people", "rename", "alex", "GRANDMA", capsys=capsys)
    assert code == 0 and "1 contact" in out
    names = [p["name"] for p in json.loads(run(db, "people", "--json", capsys=capsys)[1])]
    assert "Alex" not in names and names.count("GRANDMA") == 1


SCRIPT = """
import sys
from oxytui.cli import main
db, what = sys.argv[1], sys.argv[2]
for n in range(25):
    if what == "log":
        assert main(["--db", db, "log", "Alex", "--note", str(n)]) == 0
    else:
        old, new = ("Alex", "Al") if n % 2 == 0 else ("Al", "Alex")
        main(["--db", db, "people", "rename", old, new])
"""


def test_two_processes_renaming_and_logging_lose_nothing(tmp_path: Path) -> None:
    db = tmp_path / "oxytui.json"
    assert main(["--db", str(db), "log", "Alex"]) == 0
    procs = [
        subprocess.Popen([sys.executable, "-c", SCRIPT, str(db), what], stdout=subprocess.DEVNULL)
        for what in ("log", "rename")
    ]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    contacts = Store.open(db).all_contacts()
    assert len(contacts) == 26  # every contact kept, whichever name it ended with
    assert {c.who for c in contacts} <= {"Alex", "Al"}
    assert sorted(int(c.note) for c in contacts if c.note) == list(range(25))


def test_set_confirms_the_note_it_kept(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A note set alone was confirmed as 'Saved for Sam: no rhythm.', which says nothing of the note."""
    run(db_path, "log", "Sam", capsys=capsys)
    code, out, _ = run(db_path, "people", "set", " sam ", "--note", "loves tea\x1b[2J", capsys=capsys)
    assert code == 0
    assert out == "Saved for Sam: no rhythm, note “loves tea”.\n"
