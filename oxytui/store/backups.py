"""Backups beside the data file (one per logical day, see core/retention.py); restoring one."""

from __future__ import annotations

import contextlib
import os
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from oxytui.core.retention import backups_to_keep
from oxytui.paths import backup_dir
from oxytui.safe_files import atomic_write, read_regular_file
from oxytui.store.errors import StoreError, UnreadableFileError, check_path, refuse_read_only, write_failed
from oxytui.store.fileformat import decode
from oxytui.store.lock import locked
from oxytui.store.views import file_problem, record_problem

KEEP_BEFORE_RESTORE = 5  # copies of a file a restore replaced
DAILY, BEFORE_RESTORE = "daily", "before restore"


@dataclass(frozen=True, slots=True)
class Backup:
    """One backup file, the day it was taken and what kind it is (daily or before a restore)."""

    path: Path
    day: date
    kind: str = DAILY

    def problem(self) -> str | None:
        """None when the backup is a readable oxytui file whose every record meets the rules."""
        return file_problem(self.path)


# The names this module gives backups: daily, kept before a schema change, kept before a restore.
_BACKUP_NAME = re.compile(
    r"(.+)-(?:\d{4}-\d\d-\d\d|schema\d+-\d{4}-\d\d-\d\d|before-restore-\d{8}-\d{6}(?:-\d+)?)"
)


def refuse_change(path: Path) -> None:
    """Raise StoreError when the data file at `path` must not be replaced: it is read-only, or it is one
    of the backups oxytui keeps, which are never changed."""
    refuse_read_only(path)
    if path.parent.name == "backups" and (match := _BACKUP_NAME.fullmatch(path.stem)):
        data_file = path.parent.parent / f"{match[1]}{path.suffix}"
        raise StoreError(
            f"{path} is a backup, and backups are never changed; to go back to it: "
            f"{restore_command(data_file, path)}"
        )


def restore_command(db_path: Path, backup: Path) -> str:
    """The command that puts `backup` in place of the data file at `db_path`."""
    return f"oxytui --db {db_path} restore {backup}"


def backup_path(db_path: Path, day: date) -> Path:
    """Where the backup of `db_path` for `day` lives."""
    return backup_dir(db_path) / f"{db_path.stem}-{day.isoformat()}{db_path.suffix}"


def migration_backup_path(db_path: Path, version: int, today: date) -> Path:
    """Where a copy of a schema-`version` file is kept before its first write in a newer schema."""
    return backup_dir(db_path) / f"{db_path.stem}-schema{version}-{today.isoformat()}{db_path.suffix}"


def _written(backup: Backup) -> tuple[int, date, str]:
    """When the backup was written (0 when it is gone), then its day and name: the order to sort by."""
    try:
        mtime_ns = os.stat(backup.path, follow_symlinks=False).st_mtime_ns
    except OSError:
        mtime_ns = 0
    return mtime_ns, backup.day, backup.path.name


def all_backups(db_path: Path, kind: str | None = None) -> list[Backup]:
    """Every backup (of `kind`, when given: DAILY or BEFORE_RESTORE), newest written first."""
    stem, suffix = re.escape(db_path.stem), re.escape(db_path.suffix)
    patterns = {
        DAILY: re.compile(rf"{stem}-(\d{{4}})-(\d{{2}})-(\d{{2}}){suffix}"),
        BEFORE_RESTORE: re.compile(
            rf"{stem}-before-restore-(\d{{4}})(\d{{2}})(\d{{2}})-\d{{6}}(?:-\d+)?{suffix}"
        ),
    }
    try:
        entries = list(backup_dir(db_path).iterdir())
    except OSError:  # no backups folder yet, or one that cannot be read
        entries = []
    found = []
    for entry in entries:
        for pattern_kind, pattern in patterns.items():
            if kind in (None, pattern_kind) and (match := pattern.fullmatch(entry.name)):
                with contextlib.suppress(ValueError):
                    found.append(Backup(entry, date(*map(int, match.groups())), pattern_kind))
    return sorted(found, key=_written, reverse=True)


def list_backups(db_path: Path) -> list[Backup]:
    """The daily backups of `db_path`, newest day first."""
    return sorted(all_backups(db_path, DAILY), key=lambda backup: backup.day, reverse=True)


def newest_good_backup(db_path: Path) -> Backup | None:
    """The most recently written backup (daily or before a restore) that passes full validation."""
    return next((b for b in all_backups(db_path) if b.problem() is None), None)


def restore_hint(path: Path) -> str:
    """What to do when the data file at `path` cannot be read."""
    backup = newest_good_backup(path)
    if backup is None:
        return f"No good backup was found in {backup_dir(path)}. The file was left untouched."
    return (
        f"The file was left untouched. The newest good backup is {backup.path}.\n"
        f"To go back to it: {restore_command(path, backup.path)}"
    )


def copy_to_backups(db_path: Path, target: Path) -> Path | None:
    """Copy the data file, if there is one, to `target` (atomically, mode 0600); call under the lock."""
    if not db_path.exists():
        return None
    atomic_write(target, read_regular_file(db_path))
    return target


def take_daily_backup(db_path: Path, today: date) -> Path | None:
    """Copy the data file to today's backup if there is none yet, then prune old backups (under the lock)."""
    target = backup_path(db_path, today)
    if target.exists() or copy_to_backups(db_path, target) is None:
        return None
    backups = list_backups(db_path)
    keep = backups_to_keep([backup.day for backup in backups])
    for backup in backups:
        if backup.day not in keep:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(backup.path)
    return target


def _before_restore_path(db_path: Path, now: datetime) -> Path:
    """A new name for the copy of a file a restore replaces (a second restore in the same second: -2)."""
    name = f"{db_path.stem}-before-restore-{now:%Y%m%d-%H%M%S}"
    path = backup_dir(db_path) / f"{name}{db_path.suffix}"
    number = 1
    while path.exists():
        number += 1
        path = path.with_name(f"{name}-{number}{db_path.suffix}")
    return path


def restore_backup(db_path: Path, backup: Path, now: datetime) -> Path | None:
    """Replace the data file with `backup` (refused unless every record of it meets the rules, or when the
    data file is read-only); return where the replaced file was kept. A failure leaves the file as it was."""
    db_path = check_path(db_path)
    try:
        raw = read_regular_file(backup)
    except OSError as error:
        raise UnreadableFileError(f"cannot read the backup {backup}: {error.strerror or error}") from None
    if (problem := record_problem(decode(raw, backup)[0])) is not None:
        raise UnreadableFileError(f"{backup} cannot be restored: it has {problem}.\n{restore_hint(db_path)}")
    refuse_change(db_path)
    kept = None
    try:
        with locked(db_path):
            kept = copy_to_backups(db_path, _before_restore_path(db_path, now))
            atomic_write(db_path, raw)
            for old in all_backups(db_path, BEFORE_RESTORE)[KEEP_BEFORE_RESTORE:]:
                with contextlib.suppress(OSError):  # one left over is no reason to fail the restore
                    os.unlink(old.path)
    except OSError as error:
        if kept is not None:  # the data file is as it was: its copy is not needed
            kept.unlink(missing_ok=True)
        where = f" ({error.filename})" if error.filename else ""
        raise write_failed(
            f"restore {backup} to {db_path}", error, where, "The data file is as it was"
        ) from None
    return kept
