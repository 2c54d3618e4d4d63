"""Command-line edges: odd targets and odd files meet one line and the right exit code."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from oxytui.cli import main


def test_export_to_a_name_the_system_refuses_is_exit_1(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A target that cannot even be looked at (a name too long) is the target's fault: exit 1, not 2."""
    assert main(["--db", str(db_path), "log", "Sam"]) == 0
    before = db_path.read_bytes()
    capsys.readouterr()
    target = tmp_path / ("a" * 300)
    assert main(["--db", str(db_path), "export", "--out", str(target)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "File name too long" in err and "Traceback" not in err
    assert db_path.read_bytes() == before


def test_importing_a_data_file_or_backup_says_what_it_is(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A backup given to import is named for what it is, with the two commands that do what was meant."""
    other = tmp_path / "other" / "oxytui.json"
    assert main(["--db", str(other), "log", "Mia"]) == 0
    assert main(["--db", str(db_path), "log", "Sam"]) == 0
    before = db_path.read_bytes()
    capsys.readouterr()
    assert main(["--db", str(db_path), "import", str(other)]) == 1
    err = capsys.readouterr().err
    assert f"{other} is an oxytui data file or backup, not an export" in err
    assert f"`oxytui restore {other}`" in err and f"`oxytui --db {other} export --out FILE`" in err
    assert db_path.read_bytes() == before
    exported = tmp_path / "mia.json"  # and the way it names works
    assert main(["--db", str(other), "export", "--out", str(exported)]) == 0
    assert main(["--db", str(db_path), "import", str(exported)]) == 0
    assert "Imported 1 record" in capsys.readouterr().out


@pytest.mark.parametrize("command", [["log", "Sam"], []], ids=["log", "dashboard"])
def test_a_time_zone_no_datetime_can_hold_is_one_line(db_path: Path, command: list[str]) -> None:
    """TZ=UTC+99 (a 99-hour offset) gave a ValueError traceback from every door that asks the time."""
    env = {**os.environ, "TZ": "UTC+99"}
    done = subprocess.run(
        [sys.executable, "-m", "oxytui", "--db", str(db_path), *command],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 1
    assert done.stderr.startswith("oxytui: clock: the clock and time zone (TZ='UTC+99') give no usable")
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert not db_path.exists()


def test_restoring_the_data_file_onto_itself_is_refused(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Restoring the data file (or a hard link to it) onto itself changes nothing and would only take
    a before-restore copy, pushing out one of the five real ones kept."""
    assert main(["--db", str(db_path), "log", "Sam"]) == 0
    before = db_path.read_bytes()
    link = tmp_path / "link.json"
    os.link(db_path, link)
    capsys.readouterr()
    for given in (db_path, link):
        assert main(["--db", str(db_path), "restore", str(given)]) == 1
        err = capsys.readouterr().err
        assert err == f"oxytui: {given} is the data file itself: give a backup that `oxytui check` lists\n"
    assert db_path.read_bytes() == before
    assert not any("before-restore" in path.name for path in (db_path.parent / "backups").glob("*"))


def test_markdown_exports_keep_user_text_as_text(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A name or note (typed, or from an imported export) is never HTML, a link or emphasis in Markdown."""
    who, note = "<img src=x onerror=alert(1)>", "[click](javascript:alert(1)) *so* `warm` &amp;"
    assert main(["--db", str(db_path), "log", who, "--note", note]) == 0
    assert main(["--db", str(db_path), "people", "set", who, "--note", "<b>kind</b>"]) == 0
    capsys.readouterr()
    assert main(["--db", str(db_path), "export", "--format", "markdown"]) == 0
    journal = capsys.readouterr().out
    assert main(["--db", str(db_path), "export", "--format", "markdown", "--week", "today"]) == 0
    review = capsys.readouterr().out
    escaped_who = "\\<img src=x onerror=alert(1)\\>"
    assert f"**{escaped_who}** — Hug: \\[click\\](javascript:alert(1)) \\*so\\* \\`warm\\` \\&amp;" in journal
    assert f"- **{escaped_who}**: \\<b\\>kind\\</b\\>" in journal  # the People section
    assert f"People: {escaped_who} ×1" in review and f"Close this week: {escaped_who} (1)" in review
    for text in (journal, review):
        assert "<img" not in text.replace("\\<img", "") and "](javascript" not in text.replace("\\](", "")


def test_paths_in_what_commands_print_lose_their_escape_sequences(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A folder named with a terminal escape (it retitles the window, turns text red) is shown without it
    by check, restore and the line saying where an export went, as every error message already does."""
    folder = tmp_path / "a\x1b]0;PWNED\x07\x1b[31mb"
    folder.mkdir()
    db = folder / "oxytui.json"
    assert main(["--db", str(db), "log", "Sam"]) == 0
    assert main(["--db", str(db), "log", "Mia", "--day", "yesterday"]) == 0  # a second save: a backup
    assert main(["--db", str(db), "export", "--out", str(folder / "x.json")]) == 0
    assert main(["--db", str(db), "check"]) == 0
    [backup] = (folder / "backups").glob("*.json")
    assert main(["--db", str(db), "restore", str(backup)]) == 0
    captured = capsys.readouterr()
    for stream in (captured.out, captured.err):
        assert "\x1b" not in stream and "\x07" not in stream
    assert "ab/oxytui.json: ok — 2 contacts" in captured.out
    assert "Wrote json export to " in captured.err and "ab/x.json." in captured.err


def test_an_export_saved_with_a_byte_order_mark_imports(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An export opened and saved again by an editor that writes a UTF-8 BOM was refused as 'not a JSON
    export … not CSV or Markdown', which it is not."""
    other = tmp_path / "other.json"
    exported = tmp_path / "export.json"
    assert main(["--db", str(other), "log", "Mia"]) == 0
    assert main(["--db", str(other), "export", "--out", str(exported)]) == 0
    exported.write_bytes(b"\xef\xbb\xbf" + exported.read_bytes())
    capsys.readouterr()
    assert main(["--db", str(db_path), "import", str(exported)]) == 0
    assert capsys.readouterr().out == "Imported 1 record; 0 were already there.\n"


def test_an_export_named_like_a_temp_file_of_the_data_file_is_refused(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Such a file was written and confirmed, then removed at the next start as a leftover temp file."""
    assert main(["--db", str(db_path), "log", "Sam"]) == 0
    target = db_path.parent / f".{db_path.name}.tmp-keep.json"
    capsys.readouterr()
    assert main(["--db", str(db_path), "export", "--out", str(target)]) == 1
    err = capsys.readouterr().err
    assert "is named like the temp files of the data file" in err and not target.exists()
    elsewhere = db_path.parent / "keep" / target.name  # the same name in another folder is fine
    elsewhere.parent.mkdir()
    assert main(["--db", str(db_path), "export", "--out", str(elsewhere)]) == 0
    assert main(["--db", str(db_path), "streak"]) == 0 and elsewhere.exists()


@pytest.mark.parametrize(
    "command",
    [["log", "Sam"], ["people", "set", "Mia", "--note", "hi"], ["people", "rename", "Mia", "Mimi"]],
    ids=["log", "people set", "people rename"],
)
def test_a_change_confirmed_to_a_full_stdout_is_not_called_undone(db_path: Path, command: list[str]) -> None:
    """With standard output on a full disk, a saved change ended 'the data file was left as it was',
    so a retry would log it twice. The change stands, and that is what is said."""
    assert main(["--db", str(db_path), "log", "Mia"]) == 0
    before = db_path.read_bytes()
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "oxytui", "--db", str(db_path), *command],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            stdin=subprocess.DEVNULL,
        )
    assert done.returncode == 0
    assert (
        done.stderr == "oxytui: saved, but the confirmation could not be written (No space left on device)\n"
    )
    assert db_path.read_bytes() != before  # the change was made
