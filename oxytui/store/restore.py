"""Putting a backup back in place of the data file; the current file is backed up first."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import filelock

from oxytui.paths import backup_dir, lock_path
from oxytui.store.atomic import atomic_write, ensure_dir
from oxytui.store.errors import LockTimeoutError, UnreadableFileError
from oxytui.store.fileformat import decode
from oxytui.store.store import LOCK_TIMEOUT, check_path


def restore_backup(db_path: Path, backup: Path, now: datetime) -> Path | None:
    """Replace the data file with `backup`; return where the replaced file was kept (if any)."""
    db_path = check_path(db_path)
    try:
        raw = backup.read_bytes()
    except OSError as error:
        raise UnreadableFileError(f"cannot read the backup {backup}: {error.strerror}") from None
    decode(raw, backup)
    kept = None
    try:
        with filelock.FileLock(str(lock_path(db_path)), timeout=LOCK_TIMEOUT, mode=0o600):
            if db_path.exists():
                ensure_dir(backup_dir(db_path))
                stamp = now.strftime("%Y%m%d-%H%M%S")
                kept = backup_dir(db_path) / f"{db_path.stem}-before-restore-{stamp}{db_path.suffix}"
                number = 1
                while kept.exists():  # another restore in the same second: keep both
                    number += 1
                    kept = kept.with_name(f"{db_path.stem}-before-restore-{stamp}-{number}{db_path.suffix}")
                atomic_write(kept, db_path.read_bytes())
            atomic_write(db_path, raw)
    except filelock.Timeout:
        raise LockTimeoutError(f"{db_path} is being written by another oxytui; try again") from None
    return kept
