"""Every door closed: outputs never land on the data file's own files, one set of rules for every record,
backups that survive a wrong clock."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from oxytui.core.model import ContactDraft, ValidationError
from oxytui.outputs import OutputRefusedError, review_path, write_review
from oxytui.paths import backup_dir, lock_path
from oxytui.store import Store
from oxytui.store.backups import BEFORE_RESTORE, all_backups, backup_path, list_backups, newest_good_backup
from oxytui.store.fileformat import SCHEMA_VERSION
from tests.conftest import STORED_CONTACT, STORED_RECALL, FakeClock
from tests.robust.conftest import run

# --- 1. outputs ---------------------------------------------------------------------------------


def hard_link(db: Path, tmp_path: Path) -> Path:
    os.link(db, tmp_path / "link.json")
    return tmp_path / "link.json"


def sym_link(db: Path, tmp_path: Path) -> Path:
    (tmp_path / "sym.json").symlink_to(db)
    return tmp_path / "sym.json"


@pytest.mark.parametrize(
    "target",
    [
        lambda db, tmp: hard_link(db, tmp),
        lambda db, tmp: sym_link(db, tmp),
        lambda db, tmp: lock_path(db),
        lambda db, tmp: backup_path(db, date(2026, 1, 1)),
        lambda db, tmp: backup_dir(db) / "new-file.json",
        lambda db, tmp: backup_dir(db),
    ],
    ids=["hard link", "symlink", "lock", "backup", "new file in backups", "backups folder"],
)
@pytest.mark.parametrize("what", [["--format", "json"], ["--format", "markdown", "--week", "2026-11-23"]])
def test_export_never_lands_on_the_data_files_own_files(
    filled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], target: Any, what: list[str]
) -> None:
    lock_path(filled).touch()
    out = target(filled, tmp_path)
    before = {p: p.read_bytes() for p in [filled, *backup_dir(filled).iterdir()]}
    code, stdout, err = run(capsys, "--db", str(filled), "export", *what, "--out", str(out))
    assert (code, stdout) == (1, "")
    assert str(out) in err and str(filled) in err and len(err.splitlines()) == 1, err
    assert {p: p.read_bytes() for p in [filled, *backup_dir(filled).iterdir()]} == before
    assert not (backup_dir(filled) / "new-file.json").exists()


def test_an_export_through_a_bind_mount_of_the_data_folder_is_refused(filled: Path, tmp_path: Path) -> None:
    """The data folder mounted a second time elsewhere: another path, the same device and inode."""
    other = tmp_path / "elsewhere"
    other.mkdir()
    before = filled.read_bytes()
    export = ["-m", "oxytui", "--db", str(filled), "export", "--out", str(other / "oxytui.json")]
    if os.geteuid() == 0 and shutil.which("unshare"):  # a real bind mount, in a mount namespace of its own
        line = f"mount --bind {filled.parent} {other} && exec {sys.executable} {' '.join(export)}"
        command = ["unshare", "-m", "sh", "-c", line]
    else:  # without root, a hard link gives the same (device, inode) under another name
        os.link(filled, other / "oxytui.json")
        command = [sys.executable, *export]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1, done.stderr
    assert str(other / "oxytui.json") in done.stderr and str(filled) in done.stderr
    assert filled.read_bytes() == before


def test_a_symlink_at_the_target_is_replaced_not_followed(
    filled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    out = tmp_path / "export.json"
    out.symlink_to(victim)
    assert run(capsys, "--db", str(filled), "export", "--out", str(out))[0] == 0
    assert victim.read_text() == "keep me"
    assert not out.is_symlink() and json.loads(out.read_text())["contacts"][0]["who"] == "Sam"
    assert out.stat().st_mode & 0o777 == 0o600


def test_an_export_is_atomic_and_private(
    filled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "export.csv"
    out.write_text("old export")
    os.chmod(out, 0o644)
    real_fsync = os.fsync

    def full(fd: int) -> None:
        real_fsync(fd)
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr("oxytui.safe_files.os.fsync", full)
        code, _, err = run(capsys, "--db", str(filled), "export", "--format", "csv", "--out", str(out))
    assert code == 1 and "No space left on device" in err and str(out) in err
    assert out.read_text() == "old export" and sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["export.csv", "oxytui.json", "oxytui.json.lock", "backups"]
    )
    assert run(capsys, "--db", str(filled), "export", "--format", "csv", "--out", str(out))[0] == 0
    assert "Sam" in out.read_text() and out.stat().st_mode & 0o777 == 0o600


def test_the_weekly_reviews_file_never_lands_on_the_data_file(filled: Path) -> None:
    week = date(2026, 11, 23)
    review = review_path(filled, week)
    review.parent.mkdir()
    os.link(filled, review)
    before = filled.read_bytes()
    with pytest.raises(OutputRefusedError, match=r"oxytui\.json"):
        write_review(filled, week, "# a review")
    assert filled.read_bytes() == before
    review.unlink()
    assert write_review(filled, week, "# a review") == review
    assert review.read_text() == "# a review" and review.stat().st_mode & 0o777 == 0o600


# --- 2. one set of rules at every door ----------------------------------------------------------

CONTACT = {**STORED_CONTACT, "note": ""}
RECALL = {
    **STORED_RECALL,
    "started_at": "2026-11-25T20:30:00+00:00",
    "finished_at": None,
    "after": {"stress": None, "connected": None},
}
BAD_FIELDS = [
    ("contacts", "utc_offset", "+99:99"),
    ("contacts", "utc_offset", "+14:30"),
    ("contacts", "warmth", 10**18),
    ("contacts", "minutes", -7),
    ("contacts", "who", "x" * 1_000_000),
    ("contacts", "day", "0001-01-01"),
    ("contacts", "day", "9999-12-31"),
    ("contacts", "logged_at", "9999-12-31T23:59:59+00:00"),
    ("contacts", "id", "\x1b]0;pwned\x07"),
    ("recalls", "before", {"stress": 11}),
    ("recalls", "started_at", "0001-01-01T00:00:00-05:00"),
    ("recalls", "note", "n" * 100_000),
    ("rest_days", "day", "1899-12-31"),
]


def export_with(table: str, field: str, value: object) -> dict[str, Any]:
    bases: dict[str, dict[str, Any]] = {
        "contacts": CONTACT,
        "recalls": RECALL,
        "rest_days": {"day": "2026-11-20", "reason": ""},
    }
    base = bases[table]
    return {"schema_version": 1, table: [{**base, field: value}]}


@pytest.mark.parametrize(("table", "field", "value"), BAD_FIELDS, ids=[f"{t}.{f}" for t, f, _ in BAD_FIELDS])
def test_import_refuses_a_bad_record_whole_naming_it(
    filled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], table: str, field: str, value: object
) -> None:
    before = filled.read_bytes()
    good: dict[str, list[Any]] = {"contacts": [{**CONTACT, "id": "g" * 32}]}
    bad = export_with(table, field, value)
    bad[table] = [*good.get(table, []), *bad[table]]
    path = tmp_path / "import.json"
    path.write_text(json.dumps(bad))
    code, out, err = run(capsys, "--db", str(filled), "import", str(path))
    assert (code, out) == (1, "")
    position = "record 2" if table == "contacts" else "record 1"
    named = (repr(field), f"'{field}.")  # a rating is named with its part: 'before.stress'
    assert f"{table} {position}" in err and any(n in err for n in named) and len(err) < 400, err
    assert filled.read_bytes() == before


@pytest.mark.parametrize("version", [True, -5, 0, SCHEMA_VERSION + 1, "1", 1.0, None])
def test_import_refuses_odd_schema_versions(
    filled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], version: object
) -> None:
    before = filled.read_bytes()
    path = tmp_path / "import.json"
    path.write_text(json.dumps({"schema_version": version, "contacts": []}))
    code, _, err = run(capsys, "--db", str(filled), "import", str(path))
    assert code == 1 and "schema_version" in err and filled.read_bytes() == before


@pytest.mark.parametrize(
    "content",
    ["[" * 100_000 + "]" * 100_000, '{"schema_version": 1, "contacts": [{"id": [[[[[[["x"]]]]]]]}]}'],
    ids=["100,000 deep", "7 deep"],
)
def test_import_refuses_deep_nesting_without_a_traceback(
    filled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str
) -> None:
    before = filled.read_bytes()
    path = tmp_path / "import.json"
    path.write_text(content)
    code, _, err = run(capsys, "--db", str(filled), "import", str(path))
    assert code == 1 and "nests deeper" in err and filled.read_bytes() == before


def test_brackets_inside_strings_are_not_nesting(
    filled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "import.json"
    path.write_text(json.dumps({"schema_version": 1, "note": "[" * 10_000 + '\\"{'}))
    code, out, _ = run(capsys, "--db", str(filled), "import", str(path))
    assert code == 0 and "Imported 0 records" in out


def test_import_refuses_a_huge_file_and_a_fifo(
    filled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    huge = tmp_path / "huge.json"
    with huge.open("wb") as handle:
        handle.truncate(64 * 1024 * 1024 + 1)  # sparse: nothing is really written
    code, _, err = run(capsys, "--db", str(filled), "import", str(huge))
    assert code == 1 and "at most 67,108,864" in err
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    code, _, err = run(capsys, "--db", str(filled), "import", str(fifo))
    assert code == 1 and "not a regular file" in err


@pytest.mark.parametrize("day", ["0001-01-01", "1899-12-31"])
def test_log_refuses_a_day_outside_a_plausible_life(
    db_path: Path, capsys: pytest.CaptureFixture[str], day: str
) -> None:
    code, out, err = run(capsys, "--db", str(db_path), "log", "Sam", "--day", day)
    assert (code, out) == (1, "") and "day" in err and "1900-01-01" in err
    assert not db_path.exists()


def test_the_form_and_edit_doors_keep_the_same_rules(store: Store, clock: FakeClock) -> None:
    with pytest.raises(ValidationError) as caught:
        store.add_contact(ContactDraft("Sam", "hug"), date(1, 1, 1))
    assert set(caught.value.errors) == {"day"}
    contact = store.add_contact(ContactDraft("Sam", "hug"))
    with pytest.raises(ValidationError):
        store.edit_contact(contact.id, ContactDraft("Sam", "hug", warmth=9))
    assert store.contact(contact.id) == contact


def bad_data_file(db: Path, field: str, value: object) -> None:
    data = json.loads(db.read_bytes())
    [key] = data["contacts"]
    data["contacts"][key][field] = value
    db.write_text(json.dumps(data))


@pytest.mark.parametrize(
    ("field", "value"), [("warmth", "three"), ("utc_offset", "+99:99"), ("day", "0001-01-01")]
)
def test_a_data_file_holding_a_bad_record_is_unusable_for_every_command(
    filled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], field: str, value: object
) -> None:
    bad_data_file(filled, field, value)
    before = filled.read_bytes()
    export = tmp_path / "x.json"
    export.write_text(json.dumps({"schema_version": 1}))
    for argv in (["log", "Kim"], ["export"], ["streak"], ["check"], ["import", str(export)], []):
        code, out, err = run(capsys, "--db", str(filled), *argv)
        assert (code, out) == (2, ""), argv
        assert "contacts #1" in err and repr(field) in err, err
        assert f"oxytui --db {filled} restore {backup_path(filled, date(2026, 1, 1))}" in err
    assert filled.read_bytes() == before


def test_a_bad_backup_is_not_ok_not_recommended_and_not_restored(
    filled: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = backup_path(filled, date(2026, 1, 2))
    shutil.copy(filled, bad)
    bad_data_file(bad, "warmth", "three")
    os.utime(bad, (2e9, 2e9))  # the newest written
    code, out, _ = run(capsys, "--db", str(filled), "check")
    assert code == 0 and f"{bad}  UNREADABLE" in out and "'warmth'" in out
    best = newest_good_backup(filled)
    assert best is not None and best.path == backup_path(filled, date(2026, 1, 1))
    before = filled.read_bytes()
    code, out, err = run(capsys, "--db", str(filled), "restore", str(bad))
    assert (code, out) == (2, "") and "cannot be restored" in err and "'warmth'" in err
    assert f"restore {backup_path(filled, date(2026, 1, 1))}" in err
    assert filled.read_bytes() == before


# --- 4. backups survive a wrong clock ------------------------------------------------------------


def test_a_clock_set_months_ahead_and_back_keeps_the_backups(tmp_path: Path) -> None:
    from datetime import datetime

    from tests.conftest import BERLIN

    clock = FakeClock(datetime(2026, 11, 1, 21, 0, tzinfo=BERLIN))
    db = tmp_path / "oxytui.json"
    store = Store.open(db, clock=clock)
    for _ in range(20):
        store.add_contact(ContactDraft("Sam", "hug"))
        clock.now += timedelta(days=1)
    kept = {b.day for b in list_backups(db)}
    assert len(kept) >= 14
    clock.now += timedelta(days=200)  # months ahead
    store.add_contact(ContactDraft("Ada", "hug"))
    clock.now -= timedelta(days=200)  # and back
    store.add_contact(ContactDraft("Kim", "hug"))
    after = {b.day for b in list_backups(db)}
    assert len(kept - after) <= 3  # at most one daily (and one weekly) per wrongly dated save
    assert len(after) >= len(kept)


def test_the_newest_good_backup_is_chosen_by_when_it_was_written(filled: Path) -> None:
    future = backup_path(filled, date(2027, 6, 1))  # named by a clock set ahead, written long ago
    shutil.copy(filled, future)
    os.utime(future, (1e9, 1e9))
    best = newest_good_backup(filled)
    assert best is not None and best.path == backup_path(filled, date(2026, 1, 1))


def test_before_restore_copies_are_pruned_listed_and_can_be_chosen(
    filled: Path, capsys: pytest.CaptureFixture[str], clock: FakeClock
) -> None:
    old = backup_path(filled, date(2026, 1, 1))
    for number in range(8):
        assert run(capsys, "--db", str(filled), "log", f"P{number}")[0] == 0
        assert run(capsys, "--db", str(filled), "restore", str(old))[0] == 0
    copies = all_backups(filled, BEFORE_RESTORE)
    assert len(copies) == 5
    code, out, _ = run(capsys, "--db", str(filled), "check")
    assert code == 0
    for copy in copies:
        assert f"{copy.path}  ok  (taken before a restore)" in out
    os.utime(copies[0].path, (3e9, 3e9))
    best = newest_good_backup(filled)
    assert best is not None and best.path == copies[0].path
