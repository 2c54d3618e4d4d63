"""What the door tests share: running the command line in-process, and a data file with a backup."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from oxytui import cli
from oxytui.paths import backup_dir
from oxytui.store.backups import backup_path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run oxytui in-process; return the exit code, standard output and standard error."""
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def filled(db_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A data file with one contact with Sam and a good backup of it (dated 2026-01-01)."""
    assert cli.main(["--db", str(db_path), "log", "Sam"]) == 0
    backup_dir(db_path).mkdir()
    shutil.copy(db_path, backup_path(db_path, date(2026, 1, 1)))
    capsys.readouterr()
    return db_path
