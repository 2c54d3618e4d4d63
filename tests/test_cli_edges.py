"""Command-line edges: odd targets and odd files meet one line and the right exit code."""

from __future__ import annotations

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
