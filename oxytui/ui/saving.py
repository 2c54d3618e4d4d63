"""Saving from the dashboard without ever freezing it on the lock.

A save first tries the lock without waiting. When another oxytui holds it, the dashboard says it is
waiting for it and a thread worker waits in its place, for up to the store's lock timeout; the keys,
`q` included, keep working meanwhile. When the lock is free the save is tried again (on the app's
thread, where every change to the store is made); when the wait ends without it, the save fails with
a message, as any failed save does.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from textual.message import Message
from textual.worker import Worker, get_current_worker

from oxytui.core.model import ValidationError
from oxytui.store import Store, StoreError
from oxytui.store.errors import LockTimeoutError
from oxytui.store.lock import LOCK_TIMEOUT, wait_until_free

T = TypeVar("T")
WAITING = "Waiting for another oxytui to finish saving…"
NOTICE_SECONDS = 3  # how long a routine notice stays


@dataclass(eq=False)
class PendingSave(Generic[T]):
    """One save waiting for the lock: the change to make and what to do once it is made or refused."""

    store: Store
    change: Callable[[], T]
    done: Callable[[T], None]
    failed: Callable[[Exception], None]
    deadline: float = field(default_factory=lambda: time.monotonic() + LOCK_TIMEOUT)
    cancelled: bool = False
    worker: Worker[bool] | None = None

    def attempt(self) -> bool:
        """Try the save without waiting for the lock; True when it is over (made, or failed)."""
        before = self.store.lock_timeout
        self.store.lock_timeout = 0
        try:
            result = self.change()
        except LockTimeoutError:
            return False
        except (StoreError, ValidationError) as error:
            self.failed(error)
            return True
        finally:
            self.store.lock_timeout = before
        self.done(result)
        return True

    def cancel(self) -> None:
        """Give the save up (the form it came from was closed): it will not be made."""
        self.cancelled = True
        if self.worker is not None:
            self.worker.cancel()


class LockWaitEnded(Message):
    """The worker stopped waiting: the lock is free (`free`), or the time is up."""

    def __init__(self, pending: PendingSave[Any], free: bool) -> None:
        super().__init__()
        self.pending = pending
        self.free = free


def wait_for_lock(store: Store, deadline: float) -> bool:
    """In a worker thread: wait until the lock could be had; False at the deadline or when cancelled."""
    worker = get_current_worker()
    return wait_until_free(store.path, deadline, lambda: worker.is_cancelled)


def save(
    host: Any,
    change: Callable[[], T],
    done: Callable[[T], None],
    failed: Callable[[Exception], None],
    waiting: Callable[[PendingSave[T]], None],
) -> PendingSave[T] | None:
    """Make `change` on the store now, or (the lock being held) wait for it off the app's thread.

    `done` gets the result, `failed` the error (StoreError or ValidationError); `waiting` is called once
    when the wait begins, with the pending save (to show it, and to cancel it). Returns the pending save
    while it waits, None when it is already over.
    """
    pending = PendingSave(host.store, change, done, failed)
    if pending.attempt():
        return None
    waiting(pending)
    _wait(host, pending)
    return pending


def save_and_say(host: Any, change: Callable[[], str], done: Callable[[str], None]) -> None:
    """`save` for a change that returns what it did in words (`done` gets them): a refused change is
    said as a warning, a failed save as an error, and a wait for the lock as a notice."""

    def failed(error: Exception) -> None:
        if isinstance(error, ValidationError):
            host.notify(" ".join(error.errors.values()), severity="warning", markup=False)
        else:
            host.notify(str(error), title="Not saved", severity="error", markup=False, timeout=10)

    def waiting(_: PendingSave[str]) -> None:
        host.notify(WAITING, markup=False, timeout=NOTICE_SECONDS)

    save(host, change, done, failed, waiting)


def _wait(host: Any, pending: PendingSave[Any]) -> None:
    def work() -> bool:
        free = wait_for_lock(pending.store, pending.deadline)
        if not get_current_worker().is_cancelled:
            host.post_message(LockWaitEnded(pending, free))
        return free

    pending.worker = host.run_worker(work, thread=True, group="lock-wait", exit_on_error=False)


def wait_ended(host: Any, event: LockWaitEnded) -> None:
    """On the app's thread, when a wait ends: save now, wait again, or fail with the timeout's message."""
    pending = event.pending
    if pending.cancelled:
        return
    if event.free and pending.attempt():
        return
    if time.monotonic() < pending.deadline:  # another writer took the lock first: wait on
        _wait(host, pending)
        return
    pending.failed(
        LockTimeoutError(
            f"{pending.store.path} is being written by another oxytui that did not let go within "
            f"{LOCK_TIMEOUT:.0f} s; nothing was saved. Close it and try again"
        )
    )
