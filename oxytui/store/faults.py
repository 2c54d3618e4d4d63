"""Faults of the file system turned into one-line messages that name the file and what to do."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from oxytui.store.errors import StoreError


class ReadOnlyFileError(StoreError):
    """The data file is read-only; oxytui leaves it as it is rather than replace it."""


def refuse_read_only(path: Path) -> None:
    """Raise ReadOnlyFileError when the file at `path` exists and its owner may not write it."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return  # missing (a first save) or unreadable: the write itself says what is wrong
    if stat.S_ISREG(mode) and mode & stat.S_IRUSR and not mode & stat.S_IWUSR:
        raise ReadOnlyFileError(
            f"{path} is read-only (mode {stat.S_IMODE(mode):04o}), so nothing was changed; "
            f"to allow changes: chmod u+w {path}"
        )


def unreadable_message(path: Path, error: OSError) -> str:
    """Why the data file at `path` cannot be read, and what to do."""
    reason = error.strerror or str(error)
    if isinstance(error, PermissionError):
        return f"{path} cannot be read: {reason}; fix its permissions (chmod u+rw {path}) and the folder's"
    if isinstance(error, IsADirectoryError):
        return f"{path} is a folder: point --db at a file such as oxytui.json"
    return f"{path} cannot be read: {reason}"
