"""Faults of the file system end every command cleanly: one line, exit 2 (1 for bad arguments), no traceback.

Root ignores file modes, so the commands run in a child that has lost that power (setpriv drops
CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH from the bounding set before running Python as root).
The child runs every command of a case in-process and reports code and messages as JSON.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from oxytui import cli
from oxytui.paths import backup_dir

SETPRIV = shutil.which("setpriv")
CHILD = r"""
import contextlib, io, json, sys, traceback
from oxytui import cli
results = []
for argv in json.loads(sys.argv[1]):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cli.main(argv)
        except BaseException:
            code, err = "traceback", io.StringIO(traceback.format_exc())
    results.append([code, out.getvalue(), err.getvalue()])
print(json.dumps(results))
"""
READING = (["export"], ["streak"], ["check"], ["export", "--format", "markdown"])
WRITING = (["log", "Kim"], ["import", "{export}"], ["restore", "{backup}"])
OLD_BACKUP: Callable[[Path], Path] = lambda home: home / "backups" / "oxytui-2026-01-01.json"  # noqa: E731
EVERY: tuple[list[str], ...] = (*READING, *WRITING, [])  # [] is the dashboard


def without_file_override(argvs: list[list[str]]) -> list[list[object]]:
    """Run each argv through cli.main in a child that file modes bind, as they bind a normal user."""
    drop = [str(SETPRIV), "--bounding-set=-dac_override,-dac_read_search", "--"]
    prefix = [] if os.geteuid() != 0 else drop
    done = subprocess.run(
        [*prefix, sys.executable, "-c", CHILD, json.dumps(argvs)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "TERM": "dumb"},
    )
    assert done.returncode == 0, done.stderr
    results: list[list[object]] = json.loads(done.stdout)
    return results


@pytest.fixture
def home(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A data folder with a data file, a backup of it, and an export beside them."""
    folder = tmp_path / "data"
    db = folder / "oxytui.json"
    assert cli.main(["--db", str(db), "log", "Sam"]) == 0
    backup_dir(db).mkdir()
    shutil.copy(db, OLD_BACKUP(folder))
    assert cli.main(["--db", str(db), "export", "--out", str(tmp_path / "export.json")]) == 0
    capsys.readouterr()
    return folder


def argvs_for(db: str, home: Path, commands: tuple[list[str], ...]) -> list[list[str]]:
    export, backup = home.parent / "export.json", OLD_BACKUP(home)
    fill = {"{export}": str(export), "{backup}": str(backup)}
    return [["--db", db, *(fill.get(arg, arg) for arg in command)] for command in commands]


def assert_clean(result: list[object], code: int, names: str, *words: str) -> None:
    got, out, err = result
    assert isinstance(err, str)
    assert got == code, f"exit {got}, wanted {code}: {err}"
    assert "Traceback" not in err and "Traceback" not in str(out)
    first = err.splitlines()[0]
    assert first.startswith("oxytui: ") and names in first, err
    for word in words:
        assert word in err, err


def snapshot(folder: Path) -> dict[str, bytes | str]:
    """Every entry under `folder`: file bytes, or the kind of thing it is."""
    seen: dict[str, bytes | str] = {}
    for path in sorted(folder.rglob("*")):
        key = str(path.relative_to(folder))
        seen[key] = (
            path.read_bytes() if path.is_file() and not path.is_symlink() else oct(path.lstat().st_mode)
        )
    return seen


needs_setpriv = pytest.mark.skipif(os.geteuid() == 0 and SETPRIV is None, reason="setpriv is missing")


@needs_setpriv
@pytest.mark.parametrize(
    ("name", "make", "mode_of"),
    [
        ("data file 000", lambda home: os.chmod(home / "oxytui.json", 0o000), "oxytui.json"),
        ("folder 000", lambda home: os.chmod(home, 0o000), "."),
        ("folder 0100", lambda home: os.chmod(home, 0o100), "."),
    ],
)
def test_permission_faults_end_every_command_cleanly(
    home: Path, name: str, make: Callable[[Path], None], mode_of: str
) -> None:
    db = home / "oxytui.json"
    before = snapshot(home)
    make(home)
    try:
        results = without_file_override(argvs_for(str(db), home, EVERY))
    finally:
        os.chmod(home, 0o700)
        os.chmod(db, 0o600)
    for command, result in zip(EVERY, results, strict=True):
        assert_clean(result, 2, str(home), "Permission denied")
        assert result[1] == "", (name, command)
    assert snapshot(home) == before


@needs_setpriv
def test_a_read_only_data_file_is_refused_and_left_as_it_is(home: Path) -> None:
    db = home / "oxytui.json"
    os.chmod(db, 0o400)
    before = db.read_bytes()
    results = without_file_override(argvs_for(str(db), home, (*READING, *WRITING)))
    for command, result in zip(READING, results, strict=False):
        assert result[0] == 0, (command, result)
    for result in results[len(READING) :]:
        assert_clean(result, 2, str(db), "read-only", f"chmod u+w {db}")
    assert db.read_bytes() == before and db.stat().st_mode & 0o777 == 0o400


@needs_setpriv
def test_restore_into_a_read_only_folder_changes_nothing(home: Path) -> None:
    db = home / "oxytui.json"
    assert cli.main(["--db", str(db), "log", "Ada"]) == 0
    before = snapshot(home)
    os.chmod(home, 0o500)
    try:
        [result] = without_file_override(argvs_for(str(db), home, (["restore", "{backup}"],)))
    finally:
        os.chmod(home, 0o700)
    assert_clean(result, 2, str(db), "Permission denied", "as it was")
    assert snapshot(home) == before


def test_restore_on_a_full_disk_changes_nothing(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = home / "oxytui.json"
    assert cli.main(["--db", str(db), "log", "Ada"]) == 0
    before = snapshot(home)
    real_fsync = os.fsync

    def full(fd: int) -> None:
        real_fsync(fd)
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("oxytui.safe_files.os.fsync", full)
    capsys.readouterr()
    code = cli.main(["--db", str(db), "restore", str(OLD_BACKUP(home))])
    err = capsys.readouterr().err
    assert code == 2 and "No space left on device" in err and "Traceback" not in err
    assert snapshot(home) == before


@pytest.mark.parametrize("kind", ["folder", "fifo", "device", "slash", "slash-missing"])
def test_a_data_path_that_cannot_be_a_file_ends_every_command_cleanly(
    home: Path, tmp_path: Path, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "odd"
    if kind == "folder":
        target.mkdir()
        db = str(target)
    elif kind == "fifo":
        os.mkfifo(target)
        db = str(target)
    elif kind == "device":
        db = os.devnull
    elif kind == "slash":
        target.mkdir()
        db = f"{target}/"
    else:
        db = f"{target}/"
    before = snapshot(tmp_path)
    for argv in argvs_for(db, home, EVERY):
        code = cli.main(argv)
        out, err = capsys.readouterr()
        assert (code, out) == (2, ""), (argv, err)
        assert err.startswith("oxytui: ") and db.rstrip("/") in err and len(err.splitlines()) == 1, err
    assert snapshot(tmp_path) == before


def test_a_missing_data_file_is_named_not_shown_as_empty(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = tmp_path / "typo" / "oxytui.json"
    assert cli.main(["--db", str(missing), "check"]) == 0
    assert f"no data file yet at {missing}" in capsys.readouterr().out
    for command in (["export"], ["streak"], ["streak", "--json"]):
        assert cli.main(["--db", str(missing), *command]) == 0
        assert f"no data file yet at {missing}" in capsys.readouterr().err
    monkeypatch.setenv("OXYTUI_DB", str(missing))
    assert cli.main(["export"]) == 0
    assert f"no data file yet at {missing}" in capsys.readouterr().err
    assert not (tmp_path / "typo").exists()


@pytest.mark.parametrize("where", ["lock", "backups"])
def test_a_folder_or_file_where_the_other_should_be_ends_a_save_cleanly(
    home: Path, where: str, capsys: pytest.CaptureFixture[str]
) -> None:
    db = home / "oxytui.json"
    if where == "lock":
        (home / "oxytui.json.lock").unlink(missing_ok=True)
        (home / "oxytui.json.lock").mkdir()
    else:
        shutil.rmtree(home / "backups")
        (home / "backups").write_text("not a folder")
    before = snapshot(home)
    code = cli.main(["--db", str(db), "log", "--day", "yesterday", "Kim"])
    out, err = capsys.readouterr()
    assert (
        (code, out) == (2, "")
        and err.startswith("oxytui: ")
        and str(db) in err
        and len(err.splitlines()) == 1
    )
    assert snapshot(home) == before
    assert cli.main(["--db", str(db), "export"]) == 0
