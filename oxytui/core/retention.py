"""Which daily backups are kept: counted among the backups themselves, never against the clock."""

from __future__ import annotations

from datetime import date

from oxytui.core.days import week_first_day

KEEP_DAYS = 14  # the newest 14 daily backups
KEEP_WEEKS = 8  # and the newest backup of each of the newest 8 weeks that have one


def backups_to_keep(days: list[date]) -> set[date]:
    """The backup days kept: the newest KEEP_DAYS, and the newest of each of the newest KEEP_WEEKS weeks.

    A clock set wrong for a day makes one backup more, and so pushes out at most one daily and one
    weekly backup.
    """
    newest_first = sorted(set(days), reverse=True)
    keep = set(newest_first[:KEEP_DAYS])
    weeks: set[date] = set()
    for day in newest_first:
        monday = week_first_day(day)  # never the week's end: a backup may be named for 31 Dec 9999
        if monday not in weeks:
            if len(weeks) == KEEP_WEEKS:
                break
            weeks.add(monday)
            keep.add(day)
    return keep
