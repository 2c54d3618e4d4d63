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
    """Hold the write lock of `path`, waiting at most `timeout` s (LOCK_TIMEOUT by default) or a StoreError.

    `flock` on the lock file (which stays in place), as filelock takes it, so older releases that used
    filelock are excluded too; by hand, as filelock took 11 ms to import and 0.26 ms a lock (8 us here).
    """
    try:
        ensure_dir(path.parent)  # 0700, before the lock file would make it with the umask's mode
        handle = os.open(lock_path(path), os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    except OSError as error:  # the lock file cannot be made: read-only or full folder
        raise write_failed(f"save to {path}", error, f" ({lock_path(path)})") from error
    try:
        deadline = time.monotonic() + (LOCK_TIMEOUT if timeout is None else timeout)
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except (BlockingIOError, PermissionError):  # held by another (some file systems say EACCES)
                if time.monotonic() >= deadline:
                    raise LockTimeoutError(
                        f"{path} is being written by another oxytui that did not let go within "
                        f"{LOCK_TIMEOUT:.0f} s; close it and try again"
                    ) from None
                time.sleep(min(POLL, max(deadline - time.monotonic(), 0.001)))
        yield
    finally:
        os.close(handle)  # lets go of the lock too


def wait_until_free(db_path: Path, deadline: float, cancelled: Callable[[], bool]) -> bool:
    """True once the lock could be had (let go at once) or its file cannot be made (the save will say
    why); False when `time.monotonic()` passes `deadline` or `cancelled()` turns true first."""
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
