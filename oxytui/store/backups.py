"""Rotating backups beside the data file: one per logical day, the last 14 days and 8 weeks kept."""

from __future__ import annotations

import contextlib
import os
import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from oxytui.paths import backup_dir
from oxytui.store.atomic import TEMP_SUFFIX, atomic_write, ensure_dir
from oxytui.store.errors import UnreadableFileError
from oxytui.store.fileformat import decode

KEEP_DAYS = 14
KEEP_WEEKS = 8


@dataclass(frozen=True, slots=True)
class Backup:
    """One backup file and the day it was taken."""

    path: Path
    day: date

    def problem(self) -> str | None:
        """None when the backup is a readable oxytui file, else what is wrong with it."""
        try:
            decode(self.path.read_bytes(), self.path)
        except (UnreadableFileError, OSError) as error:
            return str(error)
        return None


def _pattern(db_path: Path) -> re.Pattern[str]:
    return re.compile(re.escape(db_path.stem) + r"-(\d{4}-\d{2}-\d{2})" + re.escape(db_path.suffix))


def backup_path(db_path: Path, day: date) -> Path:
    """Where the backup of `db_path` for `day` lives."""
    return backup_dir(db_path) / f"{db_path.stem}-{day.isoformat()}{db_path.suffix}"


def list_backups(db_path: Path) -> list[Backup]:
    """The daily backups of `db_path`, newest first."""
    folder = backup_dir(db_path)
    if not folder.is_dir():
        return []
    pattern = _pattern(db_path)
    found = []
    for entry in folder.iterdir():
        if match := pattern.fullmatch(entry.name):
            with contextlib.suppress(ValueError):
                found.append(Backup(entry, date.fromisoformat(match.group(1))))
    return sorted(found, key=lambda backup: backup.day, reverse=True)


def backup_temps(db_path: Path) -> list[Path]:
    """Temp files an interrupted backup left in the backups folder (remove only while holding the lock)."""
    folder = backup_dir(db_path)
    if not folder.is_dir():
        return []
    prefix = f".{db_path.stem}-"
    return [path for path in folder.iterdir() if path.name.startswith(prefix) and TEMP_SUFFIX in path.name]


def newest_good_backup(db_path: Path) -> Backup | None:
    """The newest backup that is a readable oxytui file."""
    return next((b for b in list_backups(db_path) if b.problem() is None), None)


def backups_to_keep(days: list[date], today: date) -> set[date]:
    """The backup days kept on `today`: the last 14 days, and the newest of each of the last 8 weeks."""
    keep = {day for day in days if today - timedelta(days=KEEP_DAYS) < day}  # with any after a clock set back
    monday = today - timedelta(days=today.weekday())
    for week in range(KEEP_WEEKS):
        start = monday - timedelta(weeks=week)
        in_week = [day for day in days if start <= day < start + timedelta(days=7)]
        if in_week:
            keep.add(max(in_week))
    return keep


def take_daily_backup(db_path: Path, today: date) -> Path | None:
    """Copy the data file to today's backup if there is none yet, then prune old backups.

    Call while holding the write lock, before the first write of the day.
    """
    target = backup_path(db_path, today)
    if target.exists() or not db_path.exists():
        return None
    ensure_dir(backup_dir(db_path))
    atomic_write(target, db_path.read_bytes())
    backups = list_backups(db_path)
    keep = backups_to_keep([backup.day for backup in backups], today)
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
    if not db_path.exists():
        return None
    ensure_dir(backup_dir(db_path))
    target = migration_backup_path(db_path, version, today)
    atomic_write(target, db_path.read_bytes())
    return target
