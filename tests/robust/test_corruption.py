"""Issue 6 item 4: a corrupt or unknown data file is refused by every command and never overwritten."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from textual.widgets import Static

from oxytui.cli import main
from oxytui.core.model import ContactDraft
from oxytui.store import Store
from oxytui.store.backups import list_backups
from oxytui.ui.app import create_app
from oxytui.ui.screens.contact_form import ContactForm
from tests.conftest import BERLIN, FakeClock

START = datetime(2026, 11, 23, 20, 0, tzinfo=BERLIN)
FIGURES: Counter[str] = Counter()


def _valid_file(folder: Path) -> tuple[Path, Path]:
    """A small valid data file with a backup of the day before; returns (file, export file)."""
    path = folder / "oxytui.json"
    clock = FakeClock(START)
    store = Store.open(path, clock=clock)
    store.add_contact(ContactDraft("Sam", "hug", 4))
    clock.now += timedelta(days=1)
    store.add_contact(ContactDraft("Ada", "pet"))  # the first save of this day backs up the one before
    export = folder / "export.json"
    export.write_text(json.dumps(store.export_data()), encoding="utf-8")
    return path, export


def _commands(export: Path) -> list[list[str]]:
    return [
        ["log", "Noor"],
        ["export"],
        ["export", "--format", "csv"],
        ["import", str(export)],
        ["streak", "--json"],
        ["check"],
        [],  # the dashboard: refused before it opens
    ]


def _listing(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _refused_by_every_command(
    path: Path, export: Path, bad: bytes, capsys: pytest.CaptureFixture[str], commands: list[list[str]]
) -> None:
    path.write_bytes(bad)
    before = _listing(path.parent)
    backup = list_backups(path)[0].path
    for command in commands:
        code = main(["--db", str(path), *command])
        err = capsys.readouterr().err
        FIGURES["commands refused"] += code == 2
        assert code == 2, (bad[:60], command, err)
        assert str(path) in err and "left untouched" in err, err
        assert f"oxytui --db {path} restore {backup}" in err, err
        after = _listing(path.parent)
        FIGURES["overwrites"] += after != before
        assert after == before, (bad[:60], command)


def test_every_truncation_is_refused_by_every_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, export = _valid_file(tmp_path)
    good = path.read_bytes()
    assert len(good) < 1200, "keep the file small so the sweep stays fast"
    commands = _commands(export)
    for offset in range(len(good)):
        _refused_by_every_command(path, export, good[:offset], capsys, commands)
        FIGURES["corrupt variants"] += 1
    print(dict(FIGURES))


def _variants(good: bytes) -> dict[str, bytes]:
    data = json.loads(good)
    newer = json.loads(good)
    newer["meta"]["1"]["schema_version"] = 99
    first = next(iter(data["contacts"]))
    bad_record = json.loads(good)
    bad_record["contacts"][first]["warmth"] = "very"
    text = good.decode()

    def rekeyed(table: str, key: str) -> bytes:  # the first record of `table` under the document id `key`
        odd = json.loads(good)
        records = odd[table]
        records[key] = records.pop(next(iter(records)))
        return json.dumps(odd).encode()

    return {
        "a record whose id is not a number": rekeyed("contacts", "abc"),
        "a record whose id has a leading zero": rekeyed("contacts", "01"),
        "a record whose id is not an ASCII number": rekeyed("contacts", "\u0661"),
        "a meta id that is empty": rekeyed("meta", ""),
        "garbage appended": good + b"garbage",
        "second object appended": good + b'{"contacts":{}}',
        "NUL bytes appended": good + b"\x00" * 16,
        "emptied": b"",
        "only whitespace": b" \n\t\n",
        "JSON list": b"[]",
        "JSON list of tables": b'[{"contacts":{}}]',
        "JSON string": b'"oxytui"',
        "JSON null": b"null",
        "invalid UTF-8": good.replace(b"Sam", b"S\xffm"),
        "UTF-16": text.encode("utf-16"),
        "bare NaN": b"NaN",
        "NaN inside": text.replace('"warmth":4', '"warmth":NaN').encode(),
        "Infinity inside": text.replace('"warmth":4', '"warmth":Infinity').encode(),
        "schema_version 99": json.dumps(newer).encode(),
        "malformed record": json.dumps(bad_record).encode(),
        "table not an object": b'{"contacts":[1,2]}',
        "deeply nested": b"[" * 100_000 + b"]" * 100_000,
    }


def test_each_kind_of_corruption_is_refused_then_restore_works(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, export = _valid_file(tmp_path)
    good = path.read_bytes()
    commands = _commands(export)
    variants = _variants(good)
    assert variants["NaN inside"] != good and variants["invalid UTF-8"] != good
    for name, bad in variants.items():
        _refused_by_every_command(path, export, bad, capsys, commands)
        FIGURES["corrupt variants"] += 1
        backup = list_backups(path)[0]
        assert main(["--db", str(path), "restore", str(backup.path)]) == 0, name
        assert path.read_bytes() == backup.path.read_bytes(), name
        kept = sorted((tmp_path / "backups").glob("oxytui-before-restore-*.json"))
        assert kept and kept[-1].read_bytes() == bad, f"{name}: the replaced file is kept"
        for leftover in kept:
            leftover.unlink()  # one restore per second names the same file; keep the check exact
        capsys.readouterr()
        assert main(["--db", str(path), "export"]) == 0, name
        assert [c["who"] for c in json.loads(capsys.readouterr().out)["contacts"]] == ["Sam"]
        path.write_bytes(good)
    print(dict(FIGURES))


def test_refused_by_real_processes(tmp_path: Path) -> None:
    path, _ = _valid_file(tmp_path)
    good = path.read_bytes()
    variants = _variants(good)
    for bad in [good[: len(good) // 2], variants["schema_version 99"], variants["invalid UTF-8"], b""]:
        path.write_bytes(bad)
        for command in (["log", "Noor"], []):
            done = subprocess.run(
                [sys.executable, "-m", "oxytui", "--db", str(path), *command],
                capture_output=True,
                text=True,
                timeout=60,
                stdin=subprocess.DEVNULL,
            )
            assert done.returncode == 2, done.stderr
            assert str(path) in done.stderr and "oxytui --db" in done.stderr
            assert path.read_bytes() == bad


async def test_a_file_damaged_while_the_dashboard_is_open_is_not_saved_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, _ = _valid_file(tmp_path)
    clock = FakeClock(START + timedelta(days=1))
    store = Store.open(path, clock=clock)
    store.update_settings(welcomed=True)
    app = create_app(store, poll_interval=0.05)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("a")
        form = app.screen
        assert isinstance(form, ContactForm)
        form.input("who").value = "Noor"
        form.input("kind").value = "hug"
        damaged = path.read_bytes()[:-40]
        path.write_bytes(damaged)  # another program cut the file short meanwhile
        await pilot.press("enter")
        await pilot.pause()
        still_open = app.screen is form
        assert still_open and form.values["who"] == "Noor"
        shown = str(form.query_one("#form-error", Static).content)
        assert "not complete JSON" in shown and "restore" in shown, shown
        assert path.read_bytes() == damaged
        await pilot.press("escape", "d", "z", "u")  # nothing else writes over it either
        await pilot.pause()
        assert path.read_bytes() == damaged
