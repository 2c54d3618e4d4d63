"""The wheel built from this repository ships content/ and the package finds it, installed or not."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import oxytui
from oxytui.content import content_dir, kinds

REPO = Path(oxytui.__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel built from the repository with hatchling, the project's build backend."""
    from hatchling.builders.wheel import WheelBuilder

    out = tmp_path_factory.mktemp("dist")
    built = list(WheelBuilder(str(REPO)).build(directory=str(out), versions=["standard"]))
    assert len(built) == 1
    return Path(built[0])


def test_wheel_contains_the_package_and_content(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "oxytui/_content/kinds.toml" in names
    assert "oxytui/__init__.py" in names and "oxytui/__main__.py" in names and "oxytui/cli.py" in names
    assert "oxytui/core/model.py" in names and "oxytui/store/store.py" in names
    shipped = {name.removeprefix("oxytui/_content/") for name in names if name.startswith("oxytui/_content/")}
    in_repo = {str(p.relative_to(REPO / "content")) for p in (REPO / "content").rglob("*") if p.is_file()}
    assert shipped == in_repo
    assert not any(name.startswith(("tests/", "content/")) for name in names)


def test_wheel_metadata(wheel: Path) -> None:
    archive = zipfile.ZipFile(wheel)
    info = next(name for name in archive.namelist() if name.endswith(".dist-info/METADATA"))
    metadata = archive.read(info).decode()
    assert f"Version: {oxytui.__version__}" in metadata
    assert "Requires-Python: >=3.11" in metadata
    assert "Requires-Dist: textual==8.2.8" in metadata
    entry_points = archive.read(info.replace("METADATA", "entry_points.txt")).decode()
    assert "oxytui = oxytui.cli:main" in entry_points


def test_content_found_from_the_source_tree() -> None:
    assert content_dir() == REPO / "content"
    assert (content_dir() / "kinds.toml").is_file()
    assert any(kind.id == "hug" for kind in kinds())


def test_content_found_from_an_unpacked_wheel(wheel: Path, tmp_path: Path) -> None:
    unpacked = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(unpacked)
    code = (
        "import oxytui, oxytui.content as c\n"
        "print(oxytui.__file__)\n"
        "print(c.content_dir())\n"
        "print(','.join(k.id for k in c.kinds()))\n"
    )
    # -S leaves out site-packages, where the editable install of this checkout lives.
    done = subprocess.run(
        [sys.executable, "-S", "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
        env={"PYTHONPATH": str(unpacked), "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr
    package_file, found, kind_ids = done.stdout.splitlines()
    assert Path(package_file) == unpacked / "oxytui" / "__init__.py"
    assert Path(found) == unpacked / "oxytui" / "_content"
    assert "hug" in kind_ids.split(",")
    assert kind_ids.split(",") == [kind.id for kind in kinds()]
