"""Unusable data files: every command exits 2, names the file and the restore command, touches nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from oxytui import cli
from oxytui.core.model import ContactDraft
from oxytui.paths import backup_dir
from oxytui.store import Store
from oxytui.store.backups import list_backups
from tests.conftest import FakeClock

COMMANDS: dict[str, list[str]] = {
    "log": ["log", "Sam", "--warmth", "4"],
    "export": ["export"],
    "export-csv": ["export", "--format", "csv"],
    "import": ["import", "IMPORT"],
    "streak": ["streak"],
    "check": ["check"],
    "dashboard": [],
}


def good_file(db_path: Path, clock: FakeClock) -> bytes:
    """A real data file with a few records, and a good backup beside it; returns the file's bytes."""
    store = Store.open(db_path, clock=clock)
    store.add_contact(ContactDraft("Sam", "hug", 4, 10, "note"))
    store.add_contact(ContactDraft("Kim", "talk"))  # the second save takes the day's backup
    store.set_rest_day(store.today().replace(day=20), "ill")
    assert list_backups(db_path)
    return db_path.read_bytes()


def _replace(raw: bytes, old: bytes, new: bytes) -> bytes:
    assert old in raw
    return raw.replace(old, new, 1)


def _with_schema(raw: bytes, version: int) -> bytes:
    data = json.loads(raw)
    data["meta"]["1"]["schema_version"] = version
    return json.dumps(data).encode()


# Corrupt contents made from a good file's bytes.
CORRUPTIONS: dict[str, Callable[[bytes], bytes]] = {
    "truncated-1": lambda raw: raw[:1],
    "truncated-10": lambda raw: raw[:10],
    "truncated-third": lambda raw: raw[: len(raw) // 3],
    "truncated-half": lambda raw: raw[: len(raw) // 2],
    "truncated-last-byte": lambda raw: raw[:-1],
    "garbage-appended": lambda raw: raw + b"garbage",
    "brace-appended": lambda raw: raw + b"}",
    "nul-bytes-appended": lambda raw: raw + b"\x00" * 16,
    "second-object-appended": lambda raw: raw + raw,
    "zero-bytes": lambda raw: b"",
    "whitespace-only": lambda raw: b" \n\t ",
    "nul-bytes-only": lambda raw: b"\x00" * 64,
    "json-list": lambda raw: b"[]",
    "json-list-of-file": lambda raw: b"[" + raw + b"]",
    "json-string": lambda raw: b'"oxytui"',
    "json-null": lambda raw: b"null",
    "json-number": lambda raw: b"42",
    "invalid-utf8": lambda raw: _replace(raw, b"Sam", b"S\xff\xfem"),
    "utf16": lambda raw: raw.decode().encode("utf-16"),
    "nan-warmth": lambda raw: _replace(raw, b'"warmth":4', b'"warmth":NaN'),
    "infinity": lambda raw: _replace(raw, b'"minutes":10', b'"minutes":Infinity'),
    "schema-99": lambda raw: _with_schema(raw, 99),
    "schema-3": lambda raw: _with_schema(raw, 3),
    "table-is-list": lambda raw: b'{"meta": {"1": {"schema_version": 1}}, "contacts": []}',
    "record-is-string": lambda raw: b'{"meta": {"1": {"schema_version": 1}}, "contacts": {"1": "Sam"}}',
    "record-wrong-type": lambda raw: _replace(raw, b'"warmth":4', b'"warmth":"4"'),
    "lone-surrogate": lambda raw: _replace(raw, b'"who":"Sam"', b'"who":"S\\ud800m"'),
    "record-missing-field": lambda raw: _replace(raw, b'"who":"Sam",', b""),
    "bad-day": lambda raw: _replace(raw, b'"day":"2026-11-25"', b'"day":"2026-13-45"'),
    "naive-time": lambda raw: _replace(raw, b"T20:30:00.000000+00:00", b"T20:30:00.000000"),
    "bad-settings": lambda raw: _replace(
        raw, b'"rest_days"', b'"settings":{"1":{"day_start_hour":99}},"rest_days"'
    ),
    "deep-nesting": lambda raw: b"[" * 100_000 + b"]" * 100_000,
}


@pytest.fixture(autouse=True)
def no_dashboard(monkeypatch: pytest.MonkeyPatch) -> None:
    """The dashboard must never start on an unusable file."""

    def refuse(store: Store) -> int:
        raise AssertionError("the dashboard started on an unusable file")

    monkeypatch.setattr(cli, "run_dashboard", refuse)


def run(capsys: pytest.CaptureFixture[str], args: list[str]) -> tuple[int, str, str]:
    code = cli.main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def command_args(name: str, db_path: Path, tmp_path: Path) -> list[str]:
    export = tmp_path / "to-import.json"
    export.write_text(json.dumps({"schema_version": 1, "contacts": [], "recalls": [], "rest_days": []}))
    return ["--db", str(db_path), *[str(export) if a == "IMPORT" else a for a in COMMANDS[name]]]


def folder_state(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.endswith(".lock") and p.name != "to-import.json"
    }


@pytest.mark.parametrize("corruption", sorted(CORRUPTIONS))
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_corrupt_file_exits_2_and_stays_byte_identical(
    db_path: Path,
    tmp_path: Path,
    clock: FakeClock,
    capsys: pytest.CaptureFixture[str],
    corruption: str,
    command: str,
) -> None:
    raw = CORRUPTIONS[corruption](good_file(db_path, clock))
    db_path.write_bytes(raw)
    before = folder_state(tmp_path)
    code, out, err = run(capsys, command_args(command, db_path, tmp_path))
    assert code == 2, err
    assert out == ""
    assert str(db_path) in err
    [backup] = list_backups(db_path)
    assert f"oxytui --db {db_path} restore {backup.path}" in err
    assert "Traceback" not in err
    assert db_path.read_bytes() == raw
    assert folder_state(tmp_path) == before  # no backup taken, no temp file left, nothing rewritten


def test_corrupt_file_without_backup_says_so(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db_path.write_bytes(b"{")
    code, _, err = run(capsys, ["--db", str(db_path), "log", "Sam"])
    assert code == 2
    assert str(db_path) in err and "No good backup" in err
    assert db_path.read_bytes() == b"{"


def test_hint_skips_an_unreadable_newest_backup(
    db_path: Path, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    good_file(db_path, clock)
    [good] = list_backups(db_path)
    newer = backup_dir(db_path) / "oxytui-2026-11-26.json"
    newer.write_bytes(b"[]")
    db_path.write_bytes(b"")
    code, _, err = run(capsys, ["--db", str(db_path), "check"])
    assert code == 2
    assert f"restore {good.path}" in err and str(newer) not in err


def _folder(path: Path) -> None:
    path.mkdir()


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _dangling(path: Path) -> None:
    path.symlink_to(path.parent / "nowhere.json")


def _loop(path: Path) -> None:
    path.symlink_to(path)


def _under_a_file(path: Path) -> None:
    path.parent.joinpath("plain").write_bytes(b"x")


NOT_FILES: dict[str, Callable[[Path], None]] = {
    "folder": _folder,
    "fifo": _fifo,
    "dangling-symlink": _dangling,
    "symlink-loop": _loop,
    "under-a-file": _under_a_file,
}


@pytest.mark.parametrize("kind", sorted(NOT_FILES))
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_not_a_file_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str, command: str
) -> None:
    target = tmp_path / "data.json"
    NOT_FILES[kind](target)
    if kind == "under-a-file":
        target = tmp_path / "plain" / "data.json"
    listing = sorted(p.name for p in tmp_path.iterdir())
    code, out, err = run(capsys, command_args(command, target, tmp_path))
    assert code == 2, err
    assert out == ""
    assert str(target) in err and "--db" in err
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "to-import.json") == listing
    assert not (tmp_path / "nowhere.json").exists()


@pytest.mark.parametrize("kind", ["folder", "fifo", "dangling-symlink"])
def test_restore_onto_a_non_file_exits_2(
    tmp_path: Path, clock: FakeClock, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    source = tmp_path / "source" / "oxytui.json"
    source.parent.mkdir()
    good_file(source, clock)
    [backup] = list_backups(source)
    target = tmp_path / "data.json"
    NOT_FILES[kind](target)
    code, _, err = run(capsys, ["--db", str(target), "restore", str(backup.path)])
    assert code == 2 and str(target) in err
    assert not (tmp_path / "nowhere.json").exists()


@pytest.mark.parametrize(
    "corruption", ["truncated-half", "zero-bytes", "json-list", "schema-99", "invalid-utf8"]
)
def test_real_process_exits_2_before_the_dashboard(db_path: Path, clock: FakeClock, corruption: str) -> None:
    raw = CORRUPTIONS[corruption](good_file(db_path, clock))
    db_path.write_bytes(raw)
    for args in ([], ["log", "Sam"], ["check"]):
        done = subprocess.run(
            [sys.executable, "-m", "oxytui", "--db", str(db_path), *args],
            capture_output=True,
            text=True,
            timeout=60,
            stdin=subprocess.DEVNULL,
        )
        assert done.returncode == 2, done.stderr
        assert str(db_path) in done.stderr and " restore " in done.stderr
        assert done.stdout == ""
        assert db_path.read_bytes() == raw
