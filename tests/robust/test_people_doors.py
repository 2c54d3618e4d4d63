"""People records meet the same rules at every door: import, the data file, backups (`check`,
`restore`), `people set` and `people rename`; and every message names what is wrong in one clean line."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from oxytui.core.model import ValidationError
from oxytui.core.people import parse_every
from oxytui.paths import backup_dir
from oxytui.store.backups import backup_path, newest_good_backup
from tests.robust.conftest import run

PERSON = {"name": "Sam", "every_days": 7, "remembered": False, "note": ""}


def with_person(db: Path, **fields: Any) -> None:
    data = json.loads(db.read_bytes())
    data["people"] = {"1": {**PERSON, **fields}}
    db.write_text(json.dumps(data))


BAD_PEOPLE = [
    ("every_days", 0),
    ("every_days", 10**18),
    ("every_days", "7"),
    ("every_days", True),
    ("remembered", "yes"),
    ("note", "n" * 100_000),
    ("name", "\x1b[0m\u202e"),
    ("name", 7),
]


@pytest.mark.parametrize(("field", "value"), BAD_PEOPLE, ids=[f"{f}={v!r:.12}" for f, v in BAD_PEOPLE])
def test_a_backup_holding_a_bad_person_is_not_ok_and_not_restored(
    filled: Path, capsys: pytest.CaptureFixture[str], field: str, value: object
) -> None:
    bad = backup_path(filled, date(2026, 1, 2))
    shutil.copy(filled, bad)
    with_person(bad, **{field: value})
    code, out, _ = run(capsys, "--db", str(filled), "check")
    assert code == 0 and f"{bad}  UNREADABLE" in out and "people #1" in out and repr(field) in out, out
    best = newest_good_backup(filled)
    assert best is not None and best.path == backup_path(filled, date(2026, 1, 1))
    before = filled.read_bytes()
    code, out, err = run(capsys, "--db", str(filled), "restore", str(bad))
    assert (code, out) == (2, "") and "cannot be restored" in err and repr(field) in err, err
    assert filled.read_bytes() == before


@pytest.mark.parametrize(("field", "value"), [("every_days", 0), ("note", "n" * 2001), ("name", "   ")])
def test_a_data_file_holding_a_bad_person_is_unusable_for_every_command(
    filled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], field: str, value: object
) -> None:
    with_person(filled, **{field: value})
    before = filled.read_bytes()
    export = tmp_path / "x.json"
    export.write_text(json.dumps({"schema_version": 2}))
    commands = [["log", "Kim"], ["export"], ["check"], ["import", str(export)], ["people"]]
    commands += [["people", "set", "Sam", "--every", "3"], ["people", "rename", "Sam", "Kim"]]
    for argv in commands:
        code, out, err = run(capsys, "--db", str(filled), *argv)
        assert (code, out) == (2, ""), argv
        assert "people #1" in err and repr(field) in err, err
        assert f"oxytui --db {filled} restore {backup_path(filled, date(2026, 1, 1))}" in err
    assert filled.read_bytes() == before


@pytest.mark.parametrize(("field", "value"), BAD_PEOPLE, ids=[f"{f}={v!r:.12}" for f, v in BAD_PEOPLE])
def test_import_refuses_a_bad_person_whole_naming_it(
    filled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], field: str, value: object
) -> None:
    before = filled.read_bytes()
    path = tmp_path / "import.json"
    path.write_text(json.dumps({"schema_version": 2, "people": [PERSON, {**PERSON, field: value}]}))
    code, out, err = run(capsys, "--db", str(filled), "import", str(path))
    assert (code, out) == (1, "") and "people record 2" in err and repr(field) in err and len(err) < 300, err
    assert filled.read_bytes() == before


def test_import_keeps_one_record_for_names_differing_in_case_or_spaces(
    filled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "import.json"
    people = [{**PERSON, "name": "sam"}, {**PERSON, "name": "  SAM ", "every_days": 30}]
    path.write_text(json.dumps({"schema_version": 2, "people": people}))
    assert run(capsys, "--db", str(filled), "import", str(path))[0] == 0
    code, out, _ = run(capsys, "--db", str(filled), "people", "--json")
    [sam] = json.loads(out)
    assert code == 0 and (sam["name"], sam["every_days"]) == ("Sam", 30)


@pytest.mark.parametrize("typed", ["1_0", "+7", "\u0667", "7.0", "0", "3651", "9" * 40])
def test_a_rhythm_is_plain_digits_from_1_to_3650(typed: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_every(typed)
    assert len(str(caught.value)) < 120
    assert parse_every(" 14 ") == 14 and parse_every("off") is None


@pytest.mark.parametrize(
    "argv",
    [
        ["people", "set", "x" * 500, "--every", "7"],
        ["people", "set", "Sam", "--every", "x" * 500],
        ["people", "rename", "x" * 500, "Kim"],
        ["people", "rename", "Sam", "x" * 500],
        ["people", "rename", "Sam", "\x1b[0m"],
        ["people", "rename", "Sam", ""],
    ],
)
def test_people_changes_refuse_in_one_short_line(
    filled: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    before = filled.read_bytes()
    code, out, err = run(capsys, "--db", str(filled), *argv)
    assert (code, out) == (1, "") and err.count("\n") == 1 and len(err) < 160, err
    assert filled.read_bytes() == before


def test_a_message_never_carries_an_escape_sequence_from_a_path(
    filled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hostile = tmp_path / "\x1b]0;pwned\x07\x1b[2J.json"
    code, _, err = run(capsys, "--db", str(filled), "import", str(hostile))
    assert code == 1 and "cannot read" in err and "\x1b" not in err and "\x07" not in err
    code, _, err = run(capsys, "--db", str(tmp_path / "\x1b[31mred") + "/", "log", "Kim")
    assert code == 2 and "names a folder" in err and "\x1b" not in err


def test_a_schema_2_export_with_people_imports_into_a_schema_1_file(
    filled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads(filled.read_bytes())
    for meta in data["meta"].values():
        meta["schema_version"] = 1
    data.pop("people", None)
    filled.write_text(json.dumps(data))
    old = filled.read_bytes()
    path = tmp_path / "import.json"
    path.write_text(json.dumps({"schema_version": 2, "people": [{**PERSON, "name": "sam"}]}))
    code, out, err = run(capsys, "--db", str(filled), "import", str(path))
    assert code == 0 and "Imported 1" in out, err
    migrated = json.loads(filled.read_bytes())
    assert [m["schema_version"] for m in migrated["meta"].values()] == [2]
    assert [p["every_days"] for p in migrated["people"].values()] == [7]
    assert any(path.read_bytes() == old for path in backup_dir(filled).iterdir())


def test_a_newer_schema_is_refused_by_the_people_commands(
    filled: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads(filled.read_bytes())
    for meta in data["meta"].values():
        meta["schema_version"] = 3
    filled.write_text(json.dumps(data))
    before = filled.read_bytes()
    for argv in (["people"], ["people", "set", "Sam", "--every", "3"], ["people", "rename", "Sam", "Kim"]):
        code, out, err = run(capsys, "--db", str(filled), *argv)
        assert (code, out) == (2, "") and "newer oxytui" in err, err
    assert filled.read_bytes() == before
