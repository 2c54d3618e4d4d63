"""Durable file replacement: temp file in the same folder, fsync, os.replace, fsync the folder."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

TEMP_SUFFIX = ".tmp"


def temp_prefix(path: Path) -> str:
    """The name prefix of temp files written beside `path`."""
    return f".{path.name}."


def fsync_dir(folder: Path) -> None:
    """Make a rename inside `folder` durable."""
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def ensure_dir(folder: Path) -> None:
    """Create `folder` and its missing parents with mode 0700; leave existing ones alone."""
    missing = []
    while not folder.is_dir() and folder.parent != folder:
        missing.append(folder)
        folder = folder.parent
    for created in reversed(missing):
        try:
            created.mkdir(mode=0o700)
        except FileExistsError:
            continue  # made by another process meanwhile (or a file: the write below says so)
        os.chmod(created, 0o700)  # mkdir's mode is reduced by the umask


def _keep(path: Path, keep: Path) -> None:
    """Keep what is at `path` under the new name `keep`: a file as a hard link (or a 0600 copy where
    there are none), a symlink as a symlink (never followed)."""
    if path.is_symlink():
        os.symlink(os.readlink(path), keep)
        return
    with contextlib.suppress(OSError):
        os.link(path, keep)
        return
    fd = os.open(keep, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(path.read_bytes())
    except BaseException:
        keep.unlink(missing_ok=True)
        raise


def atomic_write(path: Path, payload: bytes) -> None:
    """Replace `path` with `payload` so that a crash leaves either the old or the new file, mode 0600.

    A symlink at `path` is replaced by the file, never written through. If any step fails, what was
    at `path` is as it was and the error is raised.
    """
    ensure_dir(path.parent)
    fd, temp_name = tempfile.mkstemp(prefix=temp_prefix(path), suffix=TEMP_SUFFIX, dir=path.parent)
    temp = Path(temp_name)
    keep = temp.with_name(temp.name + ".old")
    kept = False
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        if os.path.lexists(path):  # kept, so that a failed folder fsync can put it back
            _keep(path, keep)
            kept = True
        os.replace(temp, path)
        try:
            fsync_dir(path.parent)
        except OSError:
            if kept:
                os.replace(keep, path)
                kept = False
            raise
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        if kept:
            with contextlib.suppress(FileNotFoundError):
                keep.unlink()


def remove_leftover_temps(path: Path) -> list[Path]:
    """Remove temp files an interrupted write left beside `path` (call only while holding the lock)."""
    removed: list[Path] = []
    if not path.parent.is_dir():
        return removed
    prefix = temp_prefix(path)
    for leftover in path.parent.iterdir():
        if leftover.name.startswith(prefix) and TEMP_SUFFIX in leftover.name:
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
                removed.append(leftover)
    return removed
