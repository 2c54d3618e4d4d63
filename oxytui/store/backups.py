"""Rotating backups beside the data file: one per logical day, kept by count (never by the clock)."""

from __future__ import annotations

import contextlib
import os
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from oxytui.paths import backup_dir
from oxytui.safe_files import TEMP_SUFFIX, atomic_write, ensure_dir, read_regular_file
from oxytui.store.verify import file_problem

KEEP_DAYS = 14  # the newest 14 daily backups
KEEP_WEEKS = 8  # and the newest backup of each of the newest 8 weeks that have one
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

    @property
    def mtime_ns(self) -> int:
        """When the backup was written (0 when it is gone)."""
        try:
            return os.stat(self.path, follow_symlinks=False).st_mtime_ns
        except OSError:
            return 0


def backup_path(db_path: Path, day: date) -> Path:
    """Where the backup of `db_path` for `day` lives."""
    return backup_dir(db_path) / f"{db_path.stem}-{day.isoformat()}{db_path.suffix}"


def _entries(db_path: Path) -> list[Path]:
    try:
        return list(backup_dir(db_path).iterdir())
    except OSError:  # no backups folder yet, or one that cannot be read
        return []


def all_backups(db_path: Path) -> list[Backup]:
    """Every backup, daily and before-restore, newest written first."""
    stem, suffix = re.escape(db_path.stem), re.escape(db_path.suffix)
    patterns = {
        DAILY: re.compile(rf"{stem}-(\d{{4}})-(\d{{2}})-(\d{{2}}){suffix}"),
        BEFORE_RESTORE: re.compile(
            rf"{stem}-before-restore-(\d{{4}})(\d{{2}})(\d{{2}})-\d{{6}}(?:-\d+)?{suffix}"
        ),
    }
    found = []
    for entry in _entries(db_path):
        for kind, pattern in patterns.items():
            if match := pattern.fullmatch(entry.name):
                with contextlib.suppress(ValueError):
                    found.append(Backup(entry, date(*map(int, match.groups())), kind))
    return sorted(found, key=lambda backup: (backup.mtime_ns, backup.day, backup.path.name), reverse=True)


def list_backups(db_path: Path) -> list[Backup]:
    """The daily backups of `db_path`, newest day first."""
    daily = (backup for backup in all_backups(db_path) if backup.kind == DAILY)
    return sorted(daily, key=lambda backup: backup.day, reverse=True)


def before_restore_copies(db_path: Path) -> list[Backup]:
    """The copies of files a restore replaced, newest first (by modification time, then name)."""
    return [backup for backup in all_backups(db_path) if backup.kind == BEFORE_RESTORE]


def backup_temps(db_path: Path) -> list[Path]:
    """Temp files an interrupted backup left in the backups folder (remove only while holding the lock)."""
    prefix = f".{db_path.stem}-"
    return [path for path in _entries(db_path) if path.name.startswith(prefix) and TEMP_SUFFIX in path.name]


def newest_good_backup(db_path: Path) -> Backup | None:
    """The most recently written backup (daily or before a restore) that passes full validation."""
    return next((b for b in all_backups(db_path) if b.problem() is None), None)


def backups_to_keep(days: list[date]) -> set[date]:
    """The backup days kept: the newest KEEP_DAYS, and the newest of each of the newest KEEP_WEEKS weeks.

    Counted among the backups themselves, never against the clock: a clock set wrong for a day
    makes one backup more, and so pushes out at most one daily and one weekly backup.
    """
    newest_first = sorted(set(days), reverse=True)
    keep = set(newest_first[:KEEP_DAYS])
    weeks: set[date] = set()
    for day in newest_first:
        monday = day - timedelta(days=day.weekday())
        if monday not in weeks:
            if len(weeks) == KEEP_WEEKS:
                break
            weeks.add(monday)
            keep.add(day)
    return keep


def prune_before_restore(db_path: Path, keep: int = KEEP_BEFORE_RESTORE) -> None:
    """Remove all but the newest `keep` before-restore copies (call while holding the lock)."""
    for old in before_restore_copies(db_path)[keep:]:
        with contextlib.suppress(OSError):  # one left over is no reason to fail the restore
            os.unlink(old.path)


def take_daily_backup(db_path: Path, today: date) -> Path | None:
    """Copy the data file to today's backup if there is none yet, then prune old backups.

    Call while holding the write lock, before the first write of the day.
    """
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


def migration_backup_path(db_path: Path, version: int, today: date) -> Path:
    """Where a copy of a schema-`version` file is kept before its first write in a newer schema."""
    return backup_dir(db_path) / f"{db_path.stem}-schema{version}-{today.isoformat()}{db_path.suffix}"


def take_migration_backup(db_path: Path, version: int, today: date) -> Path | None:
    """Copy the data file, still in schema `version`, before it is first written in the newer schema.

    Kept apart from the daily backups (never pruned): the file as the older oxytui last left it.
    Call while holding the write lock.
    """
    return copy_to_backups(db_path, migration_backup_path(db_path, version, today))


def before_restore_path(db_path: Path, now: datetime) -> Path:
    """A new name for the copy of a file a restore replaces (a second restore in the same second: -2)."""
    name = f"{db_path.stem}-before-restore-{now:%Y%m%d-%H%M%S}"
    path = backup_dir(db_path) / f"{name}{db_path.suffix}"
    number = 1
    while path.exists():
        number += 1
        path = path.with_name(f"{name}-{number}{db_path.suffix}")
    return path


def copy_to_backups(db_path: Path, target: Path) -> Path | None:
    """Copy the data file, if there is one, to `target` in the backups folder (atomically, mode 0600).

    Call while holding the write lock.
    """
    if not db_path.exists():
        return None
    ensure_dir(backup_dir(db_path))
    atomic_write(target, read_regular_file(db_path))
    return target
