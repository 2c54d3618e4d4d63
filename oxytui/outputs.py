"""Files written on request (exports, weekly reviews): the data file's atomic way, never onto its files.

A target is refused when it is the data file, its lock, or anything in its backups folder, compared
by device and inode so that hard links, bind mounts and symlinks are caught. A symlink at the target
is replaced by the new file, never followed.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from datetime import date
from pathlib import Path

from oxytui.paths import backup_dir, lock_path
from oxytui.safe_files import atomic_write, ensure_dir, is_leftover_name
from oxytui.store.errors import StoreError

Identity = tuple[int, int]


class OutputRefusedError(StoreError):
    """A file written on request would land on the data file, its lock or a backup (exit 1)."""


class OutputFailedError(StoreError):
    """A file written on request could not be written; what was there before is as it was."""


def _identity(path: Path, *, follow: bool = True) -> Identity | None:
    try:
        info = os.stat(path, follow_symlinks=follow)
    except (OSError, ValueError):
        return None
    return info.st_dev, info.st_ino


def protected(db_path: Path) -> dict[Identity, Path]:
    """The files no output may replace: the data file, its lock, the backups folder and its files."""
    found: dict[Identity, Path] = {}
    folder = backup_dir(db_path)
    candidates = [db_path, lock_path(db_path), folder]
    with contextlib.suppress(OSError):
        candidates += sorted(folder.iterdir())
    for path in candidates:
        for follow in (True, False):
            if (identity := _identity(path, follow=follow)) is not None:
                found.setdefault(identity, path)
    return found


def check_target(target: Path, db_path: Path) -> None:
    """Raise OutputRefusedError when writing `target` would touch the data file, its lock or a backup."""
    guarded = protected(db_path)
    identities = [_identity(target), _identity(target, follow=False), _identity(target.parent)]
    for number, identity in enumerate(identities):
        if identity is not None and identity in guarded:
            hit = guarded[identity]
            where = "is in the backups folder" if number == 2 else f"is {hit}"
            if number < 2 and hit == backup_dir(db_path):
                where = "is the backups folder"
            raise OutputRefusedError(
                f"{target} {where}, which belongs to the data file {db_path}: write it elsewhere"
            )
    if is_leftover_name(target.name, f"{db_path.name}.") and _same_folder(target.parent, db_path.parent):
        raise OutputRefusedError(
            f"{target} is named like the temp files of the data file {db_path}, which are removed at "
            "its next start: give it another name"
        )
    try:
        info = os.stat(target, follow_symlinks=False)
    except FileNotFoundError:
        return
    except OSError as error:
        raise OutputFailedError(f"cannot write {target}: {error.strerror or error}") from None
    if stat.S_ISDIR(info.st_mode):
        raise OutputRefusedError(f"{target} is a folder: give a file name, such as {target / 'export.json'}")
    if not (stat.S_ISREG(info.st_mode) or stat.S_ISLNK(info.st_mode)):
        raise OutputRefusedError(f"{target} is not a regular file (a FIFO or a device): write elsewhere")


def _same_folder(one: Path, other: Path) -> bool:
    try:
        return os.path.samefile(one, other)
    except OSError:
        return False


def write_output(target: Path, payload: bytes, db_path: Path) -> Path:
    """Write `payload` to `target` atomically (temp, fsync, rename, folder fsync), mode 0600.

    Refuses targets that belong to the data file at `db_path`; on any failure the old file at
    `target` is left exactly as it was and OutputFailedError says why.
    """
    target = Path(os.path.abspath(target.expanduser()))
    check_target(target, db_path)
    if not target.parent.is_dir():
        raise OutputFailedError(f"cannot write {target}: the folder {target.parent} does not exist")
    try:
        atomic_write(target, payload)
    except OSError as error:
        raise OutputFailedError(
            f"cannot write {target}: {error.strerror or error}; it is as it was before"
        ) from None
    return target


def confirm(line: str) -> None:
    """Print the line that confirms a change already saved.

    When standard output cannot take it (a full disk, a closed pipe), the change still stands: that is
    said on standard error, instead of letting the failure read as if nothing was saved.
    """
    try:
        print(line, flush=True)
    except OSError as error:
        reason = error.strerror or str(error)
        print(f"oxytui: saved, but the confirmation could not be written ({reason})", file=sys.stderr)


def review_path(db_path: Path, week: date) -> Path:
    """Where the weekly review of `week` is saved: reviews/ in the data file's folder."""
    return db_path.parent / "reviews" / f"oxytui-week-{week.isoformat()}.md"


def write_review(db_path: Path, week: date, text: str) -> Path:
    """Save a weekly review as Markdown (atomically, mode 0600) and return where it went.

    Raises OSError when the folder cannot be made, StoreError when the file cannot be written.
    """
    path = review_path(db_path, week)
    ensure_dir(path.parent)
    return write_output(path, text.encode("utf-8"), db_path)
