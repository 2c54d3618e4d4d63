"""Errors the store raises, and file-system faults turned into them, each naming the file and what to do."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path


class StoreError(Exception):
    """The data file cannot be used as asked; the message says why and what to do."""


class UnreadableFileError(StoreError):
    """The data file is corrupt, truncated, of the wrong shape or of a newer schema; it is left as is."""


class NotAFileError(StoreError):
    """The data path is a folder, a FIFO, a dangling symlink or something else that is not a file."""


class LockTimeoutError(StoreError):
    """Another oxytui held the lock for too long."""


class WriteFailedError(StoreError):
    """A save could not be completed; the data file is as it was before the save."""


def write_failed(
    what: str, error: OSError, where: str = "", kept: str = "Nothing was changed"
) -> WriteFailedError:
    """The error of a save or restore that `error` stopped: what could not be done, why, and what to do."""
    return WriteFailedError(
        f"could not {what}: {error.strerror or error}{where}. {kept}; {what_to_do(error)}"
    )


def what_to_do(error: OSError) -> str:
    """What to do about `error`, as far as its kind tells."""
    if error.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return "free some space, then try again"
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "fix the permissions of the file and its folder (chmod u+rwx on the folder), then try again"
    if error.errno in (errno.EISDIR, errno.ENOTDIR, errno.EEXIST):
        named = f" ({error.filename})" if error.filename else ""
        return f"something is in the way where oxytui writes{named}: move it aside, then try again"
    return "free some space or fix the folder's permissions, then try again"


def refuse_read_only(path: Path) -> None:
    """Raise a StoreError when the file at `path` exists and its owner may not write it: oxytui leaves a
    read-only file as it is rather than replace it."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return  # missing (a first save) or unreadable: the write itself says what is wrong
    if stat.S_ISREG(mode) and mode & stat.S_IRUSR and not mode & stat.S_IWUSR:
        raise StoreError(
            f"{path} is read-only (mode {stat.S_IMODE(mode):04o}), so nothing was changed; "
            f"to allow changes: chmod u+w {path}"
        )


def check_path(path: Path) -> Path:
    """Return the real path of the data file, or raise NotAFileError if it cannot be one."""
    if path.is_symlink() and not path.exists():
        raise NotAFileError(f"{path} is a symlink to nothing: point --db at a file")
    real = path.resolve() if path.is_symlink() else path
    try:
        mode = os.stat(real).st_mode
    except FileNotFoundError:
        return real
    except OSError as error:  # a file where a folder should be, no permission, a symlink loop
        raise NotAFileError(
            f"{path} cannot be used ({error.strerror or error}): point --db at a file such as oxytui.json"
        ) from None
    if not stat.S_ISREG(mode):
        what = "a folder" if stat.S_ISDIR(mode) else "not a regular file"
        raise NotAFileError(f"{path} is {what}: point --db at a file such as oxytui.json")
    return real
