"""The shortest path a newcomer takes: log a contact, see it exported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from oxytui.cli import main


def test_log_then_export(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(db_path), "log", "Sam", "--kind", "hug", "--warmth", "4"]) == 0
    assert "Saved hug with Sam" in capsys.readouterr().out
    assert main(["--db", str(db_path), "export"]) == 0
    exported = json.loads(capsys.readouterr().out)
    assert [(c["who"], c["kind"], c["warmth"]) for c in exported["contacts"]] == [("Sam", "hug", 4)]


def test_log_takes_a_kind_label_and_stores_its_id(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(db_path), "log", "Mia", "--kind", "Holding hands"]) == 0
    assert "Saved holding hands with Mia" in capsys.readouterr().out
    assert main(["--db", str(db_path), "log", "Mia", "--kind", "stargazing"]) == 0
    capsys.readouterr()
    assert main(["--db", str(db_path), "export"]) == 0
    kinds = [c["kind"] for c in json.loads(capsys.readouterr().out)["contacts"]]
    assert kinds == ["holding-hands", "stargazing"]
