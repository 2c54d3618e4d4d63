"""Waiting for another oxytui's lock to be let go, without taking it (for a caller on a worker thread)."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from oxytui.paths import lock_path

POLL = 0.05  # seconds between looks at the lock; also how soon a cancelled wait ends


def wait_until_free(db_path: Path, deadline: float, cancelled: Callable[[], bool]) -> bool:
    """Wait until the data file's lock could be had (then let it go at once).

    False when `time.monotonic()` passes `deadline` first or `cancelled()` turns true; True when the lock
    was free or its file cannot be made (the save itself will then say why).
    """
    import filelock

    lock = filelock.FileLock(str(lock_path(db_path)), timeout=0, mode=0o600)
    while not cancelled():
        try:
            lock.acquire(timeout=POLL)
        except filelock.Timeout:
            if time.monotonic() >= deadline:
                return False
            continue
        except OSError:
            return True
        lock.release()
        return True
    return False
