"""The layer rule, checked in fresh interpreters: core imports neither textual nor tinydb, store no textual,
the command line no textual; and importing any module creates no files."""

from __future__ import annotations

import json
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import oxytui

ROOT = Path(oxytui.__file__).resolve().parent


def modules_of(package: str) -> list[str]:
    """Every module of a package, found on disk without importing any of them."""
    folder = ROOT.joinpath(*package.split(".")[1:])
    found = [package]
    for info in pkgutil.walk_packages([str(folder)], prefix=package + "."):
        found.append(info.name)
    return sorted(found)


def imported_after(module: str) -> set[str]:
    """The top-level packages in sys.modules after a fresh interpreter imports `module`."""
    code = f"import json, sys, {module}; print(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}})))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stdout))


CORE = modules_of("oxytui.core")
STORE = modules_of("oxytui.store")


def test_the_module_lists_are_complete() -> None:
    assert {"oxytui.core.model", "oxytui.core.days", "oxytui.core.text"} <= set(CORE)
    assert {"oxytui.store.store", "oxytui.store.storage", "oxytui.store.lock"} <= set(STORE)


@pytest.mark.parametrize("module", CORE)
def test_core_imports_neither_textual_nor_tinydb(module: str) -> None:
    loaded = imported_after(module)
    assert "oxytui" in loaded
    assert "textual" not in loaded
    assert "tinydb" not in loaded
    assert "rich" not in loaded


@pytest.mark.parametrize("module", STORE)
def test_store_does_not_import_textual(module: str) -> None:
    loaded = imported_after(module)
    assert "textual" not in loaded
    assert "rich" not in loaded


def test_the_checks_would_see_textual() -> None:
    # The same check on the ui package must see textual, or the tests above prove nothing.
    assert "textual" in imported_after("oxytui.ui.app")
    assert "tinydb" in imported_after("oxytui.store")


@pytest.mark.parametrize("module", ["oxytui.cli", "oxytui.paths", "oxytui.content"])
def test_command_line_does_not_import_textual(module: str) -> None:
    assert "textual" not in imported_after(module)


def test_importing_every_module_creates_no_files(tmp_path: Path) -> None:
    home = tmp_path / "home"
    work = tmp_path / "work"
    home.mkdir()
    work.mkdir()
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_STATE_HOME": str(home / "state"),
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    env.pop("OXYTUI_DB", None)
    every = [
        info.name
        for info in pkgutil.walk_packages([str(ROOT)], prefix="oxytui.")
        if info.name != "oxytui.__main__"  # running it is the program itself
    ]
    assert "oxytui.cli" in every and "oxytui.ui.app" in every
    code = "import importlib, sys\nfor name in sys.argv[1:]:\n    importlib.import_module(name)\n"
    done = subprocess.run(
        [sys.executable, "-c", code, *every], capture_output=True, text=True, timeout=120, env=env, cwd=work
    )
    assert done.returncode == 0, done.stderr
    assert list(home.rglob("*")) == []
    assert list(work.rglob("*")) == []
