"""The one write lock of a data file: every save, restore and clean-up takes it the same way."""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from oxytui.paths import lock_path
from oxytui.safe_files import ensure_dir
from oxytui.store.errors import LockTimeoutError, WriteFailedError, write_failed

LOCK_TIMEOUT = 10.0
POLL = 0.05  # seconds between looks at a lock waited for; also how soon a cancelled wait ends


@contextmanager
def locked(path: Path, timeout: float | None = None) -> Iterator[None]:
    """Hold the write lock of the data file at `path`, waiting at most `timeout` s (LOCK_TIMEOUT by
    default) for another writer; a one-line StoreError when it cannot be had.

    The lock is `flock` on the lock file, as filelock takes it (so older oxytui releases, which used
    filelock, and this one exclude each other). By hand, as filelock 4 took 11 ms to import and
    0.26 ms to take and let go of the lock against 8 us here. The lock file stays in place.
    """
    try:
        ensure_dir(path.parent)  # 0700, before the lock file would make it with the umask's mode
        handle = os.open(lock_path(path), os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    except OSError as error:  # the lock file cannot be made: read-only or full folder
        raise write_failed(f"save to {path}", error, f" ({lock_path(path)})") from error
    try:
        deadline = time.monotonic() + (LOCK_TIMEOUT if timeout is None else timeout)
        while not _try_lock(handle):
            if time.monotonic() >= deadline:
                raise LockTimeoutError(
                    f"{path} is being written by another oxytui that did not let go within "
                    f"{LOCK_TIMEOUT:.0f} s; close it and try again"
                )
            time.sleep(min(POLL, max(deadline - time.monotonic(), 0.001)))
        yield
    finally:
        os.close(handle)  # lets go of the lock too


def _try_lock(handle: int) -> bool:
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except (BlockingIOError, PermissionError):  # held by another (some file systems say EACCES)
        return False
    return True


def wait_until_free(db_path: Path, deadline: float, cancelled: Callable[[], bool]) -> bool:
    """Wait until the data file's lock could be had (then let it go at once).

    False when `time.monotonic()` passes `deadline` first or `cancelled()` turns true; True when the lock
    was free or its file cannot be made (the save itself will then say why).
    """
    while not cancelled():
        try:
            with locked(db_path, POLL):
                return True
        except LockTimeoutError:
            if time.monotonic() >= deadline:
                return False
        except WriteFailedError:
            return True
    return False
