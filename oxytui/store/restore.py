"""Putting a backup back in place of the data file; the current file is backed up first."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from oxytui.safe_files import atomic_write, read_regular_file
from oxytui.store.backups import before_restore_path, copy_to_backups, prune_before_restore
from oxytui.store.errors import UnreadableFileError, WriteFailedError
from oxytui.store.faults import check_path, refuse_read_only, restore_hint
from oxytui.store.fileformat import decode
from oxytui.store.lock import locked
from oxytui.store.verify import record_problem


def restore_backup(db_path: Path, backup: Path, now: datetime) -> Path | None:
    """Replace the data file with `backup`; return where the replaced file was kept (if any).

    A backup that is not a complete file whose every record meets the rules is refused; so is a
    read-only data file. Any failure leaves the data file exactly as it was.
    """
    db_path = check_path(db_path)
    try:
        raw = read_regular_file(backup)
    except OSError as error:
        raise UnreadableFileError(f"cannot read the backup {backup}: {error.strerror or error}") from None
    problem = record_problem(decode(raw, backup))
    if problem is not None:
        raise UnreadableFileError(f"{backup} cannot be restored: it has {problem}.\n{restore_hint(db_path)}")
    refuse_read_only(db_path)
    kept = None
    try:
        with locked(db_path):
            kept = copy_to_backups(db_path, before_restore_path(db_path, now))
            atomic_write(db_path, raw)
            prune_before_restore(db_path)
    except OSError as error:
        if kept is not None:  # the data file is as it was: its copy is not needed
            kept.unlink(missing_ok=True)
        where = f" ({error.filename})" if error.filename else ""
        raise WriteFailedError(
            f"could not restore {backup} to {db_path}: {error.strerror or error}{where}. The data file "
            "is as it was; free some space or fix the folder's permissions, then try again"
        ) from None
    return kept
