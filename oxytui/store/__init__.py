"""The only package that touches TinyDB: durable storage, locking, backups, migrations, the Store."""

from oxytui.store.errors import (
    LockTimeoutError,
    NotAFileError,
    StoreError,
    UnreadableFileError,
    WriteFailedError,
)
from oxytui.store.faults import check_path, restore_hint
from oxytui.store.store import ImportResult, Store

__all__ = [
    "ImportResult",
    "LockTimeoutError",
    "NotAFileError",
    "Store",
    "StoreError",
    "UnreadableFileError",
    "WriteFailedError",
    "check_path",
    "restore_hint",
]
