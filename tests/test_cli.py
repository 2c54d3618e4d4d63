"""The command line contract, in-process through oxytui.cli.main and as a real `python -m oxytui`."""

from __future__ import annotations

import csv
import errno
import gc
import io
import json
import os
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest

import oxytui
from oxytui import cli
from oxytui.core.model import ContactDraft, Ratings, Recall, new_id
from oxytui.paths import backup_dir, lock_path
from oxytui.store import Store
from oxytui.store.backups import list_backups
from tests.conftest import FakeClock

TODAY = date(2026, 11, 25)


@pytest.fixture(autouse=True)
def cli_clock(monkeypatch: pytest.MonkeyPatch, clock: FakeClock) -> FakeClock:
    """Every Store the command line opens in-process runs on the test's clock (21:30, Wed 25 Nov 2026)."""
    real_open = Store.open
    monkeypatch.setattr(cli, "Store", SimpleNamespace(open=lambda path: real_open(path, clock=clock)))
    return clock


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run oxytui in-process; return the exit code, standard output and standard error."""
    try:
        code = cli.main(list(args))
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else 1
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def run_process(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run `python -m oxytui` as its own process."""
    return subprocess.run(
        [sys.executable, "-m", "oxytui", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        env=env,
        stdin=subprocess.DEVNULL,
    )


def stored(db_path: Path) -> list[tuple[str, str, int, int | None, str, date]]:
    return [(c.who, c.kind, c.warmth, c.minutes, c.note, c.day) for c in Store.open(db_path).all_contacts()]


# --- log ---------------------------------------------------------------------------------------


def test_log_prints_one_line_with_what_and_which_day(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--db", str(db_path), "log", "Sam", "--kind", "hug", "--warmth", "4")
    assert (code, err) == (0, "")
    assert out == "Saved hug with Sam (warmth ♥♥♥♥) for Wed 25 Nov 2026.\n"
    assert stored(db_path) == [("Sam", "hug", 4, None, "", TODAY)]


def test_the_command_line_freezes_what_it_holds_before_the_process_ends(
    db_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Run as a command (argv from sys.argv), the records held are frozen for the exit; called
    with arguments, as tests and embedders do, nothing is frozen."""
    gc.unfreeze()
    run(capsys, "--db", str(db_path), "log", "Sam", "--kind", "hug")
    assert gc.get_freeze_count() == 0
    monkeypatch.setattr(sys, "argv", ["oxytui", "--db", str(db_path), "log", "Ada", "--kind", "hug"])
    try:
        assert cli.main() == 0
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
    assert [who for who, *_ in stored(db_path)] == ["Sam", "Ada"]


def test_log_all_fields(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "--db", str(db_path), "log", " Rex ", "--kind", "pet cuddle", "--warmth", "5",
        "--minutes", "20", "--note", "on the sofa",
    )  # fmt: skip
    assert code == 0
    assert out == "Saved pet cuddle with Rex (warmth ♥♥♥♥♥, 20 min) for Wed 25 Nov 2026.\n"
    assert stored(db_path) == [("Rex", "pet cuddle", 5, 20, "on the sofa", TODAY)]


def test_log_defaults(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--db", str(db_path), "log", "Kim")[0] == 0
    assert stored(db_path) == [("Kim", "hug", 3, None, "", TODAY)]


def test_log_after_midnight_counts_for_the_evening_before(
    db_path: Path, capsys: pytest.CaptureFixture[str], cli_clock: FakeClock
) -> None:
    cli_clock.now = cli_clock.now.replace(day=26, hour=0, minute=30)
    code, out, _ = run(capsys, "--db", str(db_path), "log", "Sam")
    assert code == 0 and out.endswith("for Wed 25 Nov 2026.\n")


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("yesterday", date(2026, 11, 24)),
        ("today", TODAY),
        ("2026-11-01", date(2026, 11, 1)),
        ("2024-02-29", date(2024, 2, 29)),
    ],
)
def test_log_day(db_path: Path, capsys: pytest.CaptureFixture[str], day: str, expected: date) -> None:
    code, out, _ = run(capsys, "--db", str(db_path), "log", "Sam", "--day", day)
    assert code == 0
    assert out.endswith(f"for {expected:%a} {expected.day} {expected:%b %Y}.\n")
    assert [c[-1] for c in stored(db_path)] == [expected]


@pytest.mark.parametrize(
    ("args", "fields"),
    [
        (["log", "Sam", "--warmth", "9"], {"warmth"}),
        (["log", "Sam", "--warmth", "warm"], {"warmth"}),
        (["log", "Sam", "--minutes", "-1"], {"minutes"}),
        (["log", "Sam", "--minutes", "1441"], {"minutes"}),
        (["log", "   "], {"who"}),
        (["log", "x" * 81], {"who"}),
        (["log", "Sam", "--kind", ""], {"kind"}),
        (["log", "Sam", "--note", "n" * 2001], {"note"}),
        (["log", "", "--kind", " ", "--warmth", "0", "--minutes", "x"], {"who", "kind", "warmth", "minutes"}),
        (["log", "Sam", "--day", "tomorrow"], {"day"}),
        (["log", "Sam", "--day", "2026-11-26"], {"day"}),
        (["log", "Sam", "--day", "2026-02-30"], {"day"}),
    ],
)
def test_bad_fields_exit_1_naming_each_field(
    db_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], fields: set[str]
) -> None:
    code, out, err = run(capsys, "--db", str(db_path), *args)
    assert code == 1
    assert out == ""
    named = {line.split(":")[1].strip() for line in err.splitlines()}
    assert named == fields
    assert not db_path.exists()


@pytest.mark.parametrize(
    "args",
    [
        ["log"],
        ["nonsense"],
        ["export", "--format", "pdf"],
        ["log", "Sam", "--colour", "red"],
        ["import"],
        ["restore"],
        ["--db"],
    ],
)
def test_bad_arguments_exit_1(db_path: Path, capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    code, out, err = run(capsys, "--db", str(db_path), *args)
    assert (code, out) == (1, "")
    assert "error:" in err and "usage:" in err
    assert not db_path.exists()


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--warmth", "٤"),
        ("--warmth", "+3"),
        ("--minutes", "١٠"),
        ("--minutes", "1_0"),
        ("--warmth", "9" * 5000),
    ],
)
def test_numbers_are_ascii_digits_at_every_door(
    db_path: Path, capsys: pytest.CaptureFixture[str], option: str, value: str
) -> None:
    code, out, err = run(capsys, "--db", str(db_path), "log", "Sam", option, value)
    assert (code, out) == (1, "") and "must be a whole number" in err and len(err) < 200, err
    assert not db_path.exists()


def test_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--version") == (0, f"oxytui {oxytui.__version__}\n", "")
    code, out, _ = run(capsys, "--help")
    assert code == 0
    for command in ("log", "export", "import", "streak", "check", "restore"):
        assert command in out


# --- export and import ----------------------------------------------------------------------------


def fill(db_path: Path, clock: FakeClock) -> Store:
    """A file with contacts on two days, a recall, a rest day and changed settings."""
    store = Store.open(db_path, clock=clock)
    store.add_contact(ContactDraft("Sam", "hug", 4, 10, "a long one\nwith two lines"))
    store.add_contact(ContactDraft('Kim, "K"', "talk", 2, None, 'comma, quote" and ; semicolon'))
    store.add_contact(ContactDraft("Rex 🐈", "pet", 5), TODAY - timedelta(days=2))
    store.add_recall(
        Recall(
            id=new_id(),
            day=TODAY,
            started_at=datetime(2026, 11, 25, 20, 0, tzinfo=UTC),
            finished_at=datetime(2026, 11, 25, 20, 3, 30, tzinfo=UTC),
            script="safe-place",
            figure="Grandma",
            before=Ratings(7, 2),
            after=Ratings(3, None),
            completed=True,
            note="warm",
        )
    )
    store.set_rest_day(TODAY - timedelta(days=1), "ill")
    store.update_settings(goal_warm_days=4, week_start="sunday")
    return store


def test_export_json(db_path: Path, capsys: pytest.CaptureFixture[str], clock: FakeClock) -> None:
    store = fill(db_path, clock)
    code, out, err = run(capsys, "--db", str(db_path), "export")
    assert (code, err) == (0, "")
    exported = json.loads(out)
    assert exported == store.export_data()
    assert set(exported) == {"schema_version", "contacts", "recalls", "rest_days", "people", "settings"}
    assert exported["schema_version"] == 2
    assert len(exported["contacts"]) == 3 and len(exported["recalls"]) == 1
    assert exported["rest_days"] == [{"day": "2026-11-24", "reason": "ill"}]
    assert exported["settings"]["week_start"] == "sunday"


def test_export_csv(db_path: Path, capsys: pytest.CaptureFixture[str], clock: FakeClock) -> None:
    fill(db_path, clock)
    code, out, _ = run(capsys, "--db", str(db_path), "export", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [row["record"] for row in rows] == ["contact"] * 3 + ["recall", "rest_day"]
    by_who = {row["who"]: row for row in rows if row["record"] == "contact"}
    assert by_who['Kim, "K"']["note"] == 'comma, quote" and ; semicolon'
    assert by_who["Sam"]["note"] == "a long one\nwith two lines"
    assert by_who["Sam"]["minutes"] == "10" and by_who['Kim, "K"']["minutes"] == ""
    recall = rows[3]
    assert (recall["before_stress"], recall["after_stress"], recall["after_connected"]) == ("7", "3", "")
    assert recall["completed"] == "yes"
    assert rows[4]["day"] == "2026-11-24" and rows[4]["reason"] == "ill"


def test_export_markdown(db_path: Path, capsys: pytest.CaptureFixture[str], clock: FakeClock) -> None:
    fill(db_path, clock)
    code, out, _ = run(capsys, "--db", str(db_path), "export", "--format", "markdown")
    assert code == 0
    assert out.startswith("# oxytui journal\n")
    headings = [line for line in out.splitlines() if line.startswith("## ")]
    assert headings == ["## Wed 25 Nov 2026", "## Tue 24 Nov 2026", "## Mon 23 Nov 2026"]
    assert "- ♥♥♥♥ **Sam** — Hug, 10 min: a long one with two lines" in out  # the kind's title, not its id
    assert "- Rest day: ill" in out
    assert "stress 7→3, connected 2→–" in out


def test_export_to_a_file(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], clock: FakeClock
) -> None:
    store = fill(db_path, clock)
    out_file = tmp_path / "export.json"
    code, out, err = run(capsys, "--db", str(db_path), "export", "--out", str(out_file))
    assert (code, out) == (0, "")
    assert str(out_file) in err
    assert json.loads(out_file.read_text(encoding="utf-8")) == store.export_data()


def test_export_to_an_unwritable_place_exits_1(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "--db", str(db_path), "log", "Sam")
    code, _, err = run(
        capsys, "--db", str(db_path), "export", "--out", str(tmp_path / "no" / "such" / "x.json")
    )
    assert code == 1
    assert "cannot write" in err and "x.json" in err


def test_export_of_a_missing_file_is_empty(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", str(db_path), "export")
    assert code == 0
    exported = json.loads(out)
    assert (exported["contacts"], exported["recalls"], exported["rest_days"]) == ([], [], [])
    assert not db_path.exists()


def test_export_import_export_is_exact(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], clock: FakeClock
) -> None:
    fill(db_path, clock)
    first = tmp_path / "first.json"
    second = tmp_path / "second.json"
    empty = tmp_path / "empty" / "oxytui.json"
    assert run(capsys, "--db", str(db_path), "export", "--out", str(first))[0] == 0
    code, out, _ = run(capsys, "--db", str(empty), "import", str(first))
    assert code == 0
    assert out == "Imported 5 records; 0 were already there.\n"
    assert run(capsys, "--db", str(empty), "export", "--out", str(second))[0] == 0
    assert second.read_bytes() == first.read_bytes()
    for fmt in ("csv", "markdown"):
        assert (
            run(capsys, "--db", str(db_path), "export", "--format", fmt)[1]
            == run(capsys, "--db", str(empty), "export", "--format", fmt)[1]
        )


def test_import_skips_records_already_present(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], clock: FakeClock
) -> None:
    store = fill(db_path, clock)
    export = tmp_path / "export.json"
    run(capsys, "--db", str(db_path), "export", "--out", str(export))
    other = tmp_path / "other.json"
    partial = store.export_data()
    partial["contacts"] = partial["contacts"][:1]
    partial["recalls"] = []
    Store.open(other, clock=clock).import_data(partial)
    code, out, _ = run(capsys, "--db", str(other), "import", str(export))
    assert code == 0
    assert out == "Imported 3 records; 2 were already there.\n"
    assert (
        run(capsys, "--db", str(other), "import", str(export))[1]
        == "Imported 0 records; 5 were already there.\n"
    )
    assert len(Store.open(other).all_contacts()) == 3


@pytest.mark.parametrize(
    ("table", "field", "value", "says"),
    [
        ("contacts", "note", "other", "contacts records 1 and 3 are the same id but differ"),
        ("recalls", "note", "other", "recalls records 1 and 3 are the same id but differ"),
        ("rest_days", "reason", "other", "rest_days records 1 and 3 are the same day but differ"),
    ],
)
def test_import_of_one_record_told_two_ways_is_refused_whole(
    db_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    clock: FakeClock,
    table: str,
    field: str,
    value: object,
    says: str,
) -> None:
    data = fill(tmp_path / "source.json", clock).export_data()
    first = data[table][0]
    data[table] = [first, {**first}, {**first, field: value}]  # the same record twice is fine
    export = tmp_path / "export.json"
    export.write_text(json.dumps(data))
    run(capsys, "--db", str(db_path), "log", "A")
    before = db_path.read_bytes()
    code, out, err = run(capsys, "--db", str(db_path), "import", str(export))
    assert (code, out) == (1, "") and says in err, err
    assert db_path.read_bytes() == before
    data[table] = [first, {**first}]
    export.write_text(json.dumps(data))
    assert run(capsys, "--db", str(db_path), "import", str(export))[0] == 0


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"not json", "not a JSON export"),
        (b"\xff\xfe", "not a JSON export"),
        (b"[]", "import: "),
        (b'{"schema_version": 3}', "schema_version 3"),
        (b'{"schema_version": 1, "contacts": [{"id": 3}]}', "contacts record 1"),
    ],
)
def test_import_of_a_bad_file_exits_1(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, says: str
) -> None:
    run(capsys, "--db", str(db_path), "log", "Sam")
    before = db_path.read_bytes()
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    code, out, err = run(capsys, "--db", str(db_path), "import", str(bad))
    assert (code, out) == (1, "")
    assert says in err
    assert db_path.read_bytes() == before


def test_importing_a_csv_export_says_import_reads_the_json_export(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "--db", str(db_path), "log", "Sam")
    csv_file = tmp_path / "export.csv"
    assert run(capsys, "--db", str(db_path), "export", "--format", "csv", "--out", str(csv_file))[0] == 0
    code, _, err = run(capsys, "--db", str(db_path), "import", str(csv_file))
    assert code == 1
    assert "import reads only oxytui's JSON export" in err and "Expecting value" not in err
    assert len(err.strip().splitlines()) == 1


def test_log_for_a_day_not_yet_come_names_the_day_start_hour(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "--db", str(db_path), "log", "Sam", "--day", "2099-01-01")
    assert code == 1
    assert "has not come yet" in err and "a day starts at 04:00" in err and "day_start_hour" in err


def test_import_of_a_missing_file_exits_1(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "--db", str(db_path), "import", str(tmp_path / "missing.json"))
    assert code == 1
    assert "cannot read" in err and "missing.json" in err


# --- --db and OXYTUI_DB -------------------------------------------------------------------------


def test_oxytui_db_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from_env = tmp_path / "env" / "data.json"
    monkeypatch.setenv("OXYTUI_DB", str(from_env))
    assert run(capsys, "log", "Env")[0] == 0
    assert [c[0] for c in stored(from_env)] == ["Env"]
    flag = tmp_path / "flag.json"
    assert run(capsys, "--db", str(flag), "log", "Flag")[0] == 0
    assert [c[0] for c in stored(flag)] == ["Flag"]
    assert [c[0] for c in stored(from_env)] == ["Env"]
    code, out, _ = run(capsys, "export")
    assert code == 0
    assert [c["who"] for c in json.loads(out)["contacts"]] == ["Env"]


def test_default_path_without_oxytui_db(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("OXYTUI_DB")
    assert run(capsys, "log", "Home")[0] == 0
    default = isolated_home / "data" / "oxytui" / "oxytui.json"
    assert [c[0] for c in stored(default)] == ["Home"]


@pytest.mark.parametrize("empty", ["", "  "])
def test_an_empty_db_is_refused_not_taken_for_the_default(
    isolated_home: Path, capsys: pytest.CaptureFixture[str], empty: str
) -> None:
    code, out, err = run(capsys, "--db", empty, "log", "Empty")
    assert (code, out) == (1, "") and "--db is empty" in err
    assert not list(isolated_home.rglob("*.json"))  # neither the default file nor $OXYTUI_DB's


def test_db_with_tilde(isolated_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--db", "~/mine.json", "log", "Tilde")[0] == 0
    assert [c[0] for c in stored(isolated_home / "mine.json")] == ["Tilde"]


# --- streak, check, restore ------------------------------------------------------------------------


def test_streak(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", str(db_path), "streak", "--json")
    assert code == 0 and json.loads(out)["daily"]["current"] == 0
    for day in ("2026-11-22", "2026-11-23", "yesterday"):
        run(capsys, "--db", str(db_path), "log", "Sam", "--day", day)
    code, out, _ = run(capsys, "--db", str(db_path), "streak", "--json")
    assert json.loads(out)["daily"]["current"] == 3  # today not logged yet: still alive
    run(capsys, "--db", str(db_path), "log", "Sam")
    code, out, _ = run(capsys, "--db", str(db_path), "streak", "--json")
    assert json.loads(out)["daily"] == {**json.loads(out)["daily"], "current": 4, "longest": 4}
    code, out, _ = run(capsys, "--db", str(db_path), "streak")
    assert code == 0 and "4 days" in out


def test_check(db_path: Path, capsys: pytest.CaptureFixture[str], clock: FakeClock) -> None:
    code, out, _ = run(capsys, "--db", str(db_path), "check")
    assert code == 0 and f"no data file yet at {db_path}" in out and "0 contacts" not in out
    run(capsys, "--db", str(db_path), "log", "Sam")
    code, out, _ = run(capsys, "--db", str(db_path), "check")
    assert code == 0 and "1 contact," in out and "1 person." in out and "No backups yet" in out
    fill(db_path, clock)
    code, out, _ = run(capsys, "--db", str(db_path), "check")
    assert code == 0
    assert f"{db_path}: ok" in out and "4 contacts, 1 recall, 1 rest day, 3 people." in out
    [backup] = list_backups(db_path)
    assert f"{backup.path}  ok" in out
    backup.path.write_bytes(b"{")
    code, out, _ = run(capsys, "--db", str(db_path), "check")
    assert code == 0 and "UNREADABLE" in out


def test_restore(db_path: Path, capsys: pytest.CaptureFixture[str], clock: FakeClock) -> None:
    run(capsys, "--db", str(db_path), "log", "A")
    clock.now += timedelta(days=1)
    run(capsys, "--db", str(db_path), "log", "B")
    [backup] = list_backups(db_path)
    current = db_path.read_bytes()
    code, out, err = run(capsys, "--db", str(db_path), "restore", str(backup.path))
    assert (code, err) == (0, "")
    assert f"Restored {backup.path} to {db_path}." in out
    assert "kept at" in out
    kept = Path(out.split("kept at ")[1].split(".\n")[0])
    assert kept.parent == backup_dir(db_path) and kept.read_bytes() == current
    assert db_path.read_bytes() == backup.path.read_bytes()
    assert [c[0] for c in stored(db_path)] == ["A"]


def test_restore_over_a_corrupt_file(
    db_path: Path, capsys: pytest.CaptureFixture[str], clock: FakeClock
) -> None:
    run(capsys, "--db", str(db_path), "log", "A")
    run(capsys, "--db", str(db_path), "log", "B")
    [backup] = list_backups(db_path)
    db_path.write_bytes(b'{"meta": {"1"')
    code, _, err = run(capsys, "--db", str(db_path), "log", "C")
    assert code == 2
    hint = err.strip().splitlines()[-1]
    assert hint == f"To go back to it: oxytui --db {db_path} restore {backup.path}"
    code, out, _ = run(capsys, *hint.split(": ", 1)[1].split()[1:])
    assert code == 0 and "Restored" in out
    assert [c[0] for c in stored(db_path)] == ["A"]
    kept = [p for p in backup_dir(db_path).iterdir() if "before-restore" in p.name]
    assert [p.read_bytes() for p in kept] == [b'{"meta": {"1"']


def test_restore_of_a_bad_backup_exits_2(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "--db", str(db_path), "log", "A")
    before = db_path.read_bytes()
    bad = tmp_path / "bad.json"
    bad.write_bytes(b"[1, 2]")
    code, _, err = run(capsys, "--db", str(db_path), "restore", str(bad))
    assert code == 2 and str(bad) in err
    assert db_path.read_bytes() == before


def test_an_export_given_as_the_data_file_or_a_backup_is_named_as_one(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "--db", str(db_path), "log", "A")
    before = db_path.read_bytes()
    export = tmp_path / "export.json"
    assert run(capsys, "--db", str(db_path), "export", "--out", str(export))[0] == 0
    exported = export.read_bytes()
    for args in (("--db", str(export), "log", "B"), ("--db", str(db_path), "restore", str(export))):
        code, out, err = run(capsys, *args)
        assert (code, out) == (2, "") and "is an export" in err and "oxytui import" in err, err
    assert (db_path.read_bytes(), export.read_bytes()) == (before, exported)


def test_a_backup_given_as_the_data_file_is_never_changed(
    db_path: Path, capsys: pytest.CaptureFixture[str], clock: FakeClock
) -> None:
    run(capsys, "--db", str(db_path), "log", "A")
    run(capsys, "--db", str(db_path), "log", "B")  # the first save of the day took a backup
    (backup,) = list_backups(db_path)
    kept = backup.path.read_bytes()
    for args in (("log", "C"), ("restore", str(db_path))):
        code, out, err = run(capsys, "--db", str(backup.path), *args)
        assert (code, out) == (2, "") and "is a backup" in err, err
        assert f"oxytui --db {db_path} restore {backup.path}" in err
    code, out, _ = run(capsys, "--db", str(backup.path), "check")
    assert code == 0  # reading a backup is fine
    assert backup.path.read_bytes() == kept
    assert sorted(backup_dir(db_path).iterdir()) == [backup.path]  # no lock or backup of its own there


def test_a_folder_where_the_lock_file_goes_is_named_with_what_to_do(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "--db", str(db_path), "log", "A")
    before = db_path.read_bytes()
    lock_path(db_path).unlink()
    lock_path(db_path).mkdir()
    code, out, err = run(capsys, "--db", str(db_path), "log", "B")
    assert (code, out) == (
        2,
        "",
    ) and f"something is in the way where oxytui writes ({lock_path(db_path)})" in err
    assert db_path.read_bytes() == before


def test_an_unforeseen_file_fault_says_what_to_do(
    db_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(*_: object, **__: object) -> Store:
        raise PermissionError(errno.EACCES, "Permission denied", str(db_path.parent))

    monkeypatch.setattr(cli, "Store", SimpleNamespace(open=refused))
    code, out, err = run(capsys, "--db", str(db_path), "log", "A")
    assert (code, out) == (2, "")
    assert err == (
        f"oxytui: {db_path.parent}: Permission denied; the data file was left as it was; "
        "fix the permissions of the file and its folder (chmod u+rwx on the folder), then try again\n"
    )


# --- as a real process ---------------------------------------------------------------------------


def test_process_log_export_and_version(db_path: Path) -> None:
    done = run_process(
        "--db", str(db_path), "log", "Sam", "--kind", "hug", "--warmth", "4", "--day", "2026-11-20"
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "Saved hug with Sam (warmth ♥♥♥♥) for Fri 20 Nov 2026.\n"
    assert done.stderr == ""
    done = run_process("--db", str(db_path), "log", "Kim")
    assert done.returncode == 0 and done.stdout.startswith("Saved hug with Kim (warmth ♥♥♥) for ")
    exported = json.loads(run_process("--db", str(db_path), "export").stdout)
    kim = exported["contacts"][-1]
    shown = date.fromisoformat(kim["day"])
    assert done.stdout.endswith(f"for {shown:%a} {shown.day} {shown:%b %Y}.\n")
    version = run_process("--version")
    assert (version.returncode, version.stdout) == (0, f"oxytui {oxytui.__version__}\n")


def test_process_exit_codes(db_path: Path, tmp_path: Path) -> None:
    bad = run_process("--db", str(db_path), "log", "Sam", "--warmth", "7")
    assert bad.returncode == 1 and "warmth" in bad.stderr and bad.stdout == ""
    usage = run_process("--db", str(db_path), "frobnicate")
    assert usage.returncode == 1
    db_path.write_bytes(b"\x00garbage")
    broken = run_process("--db", str(db_path), "export")
    assert broken.returncode == 2 and str(db_path) in broken.stderr
    assert "Traceback" not in broken.stderr
    assert db_path.read_bytes() == b"\x00garbage"
    under_a_file = run_process("--db", str(db_path / "x.json"), "log", "Sam")
    assert under_a_file.returncode == 2 and "Traceback" not in under_a_file.stderr


def test_process_uses_oxytui_db(tmp_path: Path) -> None:
    target = tmp_path / "env.json"
    env = {**os.environ, "OXYTUI_DB": str(target)}
    assert run_process("log", "Env", env=env).returncode == 0
    assert [c[0] for c in stored(target)] == ["Env"]


def test_export_onto_the_data_file_is_refused(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "--db", str(db_path), "log", "Sam")
    before = db_path.read_bytes()
    for target in (str(db_path), str(db_path.parent / "." / db_path.name)):
        code, out, err = run(capsys, "--db", str(db_path), "export", "--out", target)
        assert (code, out) == (1, "")
        assert "out:" in err and "data file" in err
    assert db_path.read_bytes() == before


def test_import_of_a_broken_character_exits_1(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "--db", str(db_path), "log", "Sam")
    before = db_path.read_bytes()
    export = json.loads(run(capsys, "--db", str(db_path), "export")[1])
    contact = {**export["contacts"][0], "id": "f" * 32, "who": "S\ud800m"}
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({**export, "contacts": [contact]}), encoding="utf-8")  # as \ud800, valid JSON
    code, out, err = run(capsys, "--db", str(db_path), "import", str(bad))
    assert (code, out) == (1, "")
    assert "import: contacts record 1" in err and "who" in err
    assert db_path.read_bytes() == before


def test_process_log_on_a_terminal_that_cannot_show_hearts(db_path: Path) -> None:
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    done = run_process("--db", str(db_path), "log", "Sam", "--warmth", "2", "--day", "2026-11-20", env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "Saved hug with Sam (warmth ??) for Fri 20 Nov 2026.\n"
    assert [c[0] for c in stored(db_path)] == ["Sam"]


def test_process_export_is_utf8_whatever_the_locale(db_path: Path) -> None:
    assert run_process("--db", str(db_path), "log", "Zoë 🐈", "--note", "çа").returncode == 0
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    done = subprocess.run(
        [sys.executable, "-m", "oxytui", "--db", str(db_path), "export"],
        capture_output=True,
        timeout=60,
        env=env,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, done.stderr
    exported = json.loads(done.stdout.decode("utf-8"))
    assert (exported["contacts"][0]["who"], exported["contacts"][0]["note"]) == ("Zoë 🐈", "çа")


def test_a_writer_that_does_not_let_go_gives_exit_2(
    db_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import filelock

    from oxytui.paths import lock_path

    run(capsys, "--db", str(db_path), "log", "Sam")
    before = db_path.read_bytes()
    monkeypatch.setattr("oxytui.store.lock.LOCK_TIMEOUT", 0.2)
    holder = filelock.FileLock(str(lock_path(db_path)))
    with holder:
        code, out, err = run(capsys, "--db", str(db_path), "log", "Kim")
        assert (code, out) == (2, "")
        assert str(db_path) in err and "another oxytui" in err
        assert run(capsys, "--db", str(db_path), "export")[0] == 0  # reading needs no lock
    assert db_path.read_bytes() == before
    assert run(capsys, "--db", str(db_path), "log", "Kim")[0] == 0


@pytest.mark.parametrize("args", [["export"], ["streak"], ["check"], ["export", "--format", "csv"]])
def test_reading_commands_create_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    target = tmp_path / "not" / "yet" / "oxytui.json"
    assert run(capsys, "--db", str(target), *args)[0] == 0
    assert list(tmp_path.iterdir()) == []


def test_import_counts_read_as_words(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, other = tmp_path / "first.json", str(tmp_path / "a.json")
    assert run(capsys, "--db", other, "log", "Sam")[0] == 0
    assert run(capsys, "--db", other, "export", "--out", str(first))[0] == 0
    assert (
        run(capsys, "--db", str(db_path), "import", str(first))[1]
        == "Imported 1 record; 0 were already there.\n"
    )
    assert (
        run(capsys, "--db", str(db_path), "import", str(first))[1]
        == "Imported 0 records; 1 was already there.\n"
    )


def test_csv_and_markdown_exports_carry_the_people_table(
    db_path: Path, capsys: pytest.CaptureFixture[str], clock: FakeClock
) -> None:
    store = fill(db_path, clock)
    store.set_person("Sam", every_days=14, note='loves, "tea"')
    store.set_person("Rex 🐈", remembered=True)
    code, out, _ = run(capsys, "--db", str(db_path), "export", "--format", "csv")
    assert code == 0
    people = [row for row in csv.DictReader(io.StringIO(out)) if row["record"] == "person"]
    assert [(p["who"], p["every_days"], p["remembered"], p["note"]) for p in people] == [
        ("Rex 🐈", "", "yes", ""),
        ("Sam", "14", "no", 'loves, "tea"'),
    ]
    code, out, _ = run(capsys, "--db", str(db_path), "export", "--format", "markdown")
    assert code == 0
    section = out.split("\n## People\n\n", 1)[1].split("\n\n", 1)[0]
    assert section.splitlines() == ["- **Rex 🐈** — remembered", '- **Sam** — every 2 weeks: loves, "tea"']
