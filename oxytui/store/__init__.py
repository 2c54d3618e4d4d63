"""The only package that touches TinyDB: durable storage, locking, backups, migrations, the Store."""

from oxytui.store.errors import (
    LockTimeoutError,
    NotAFileError,
    StoreError,
    UnreadableFileError,
    WriteFailedError,
)
from oxytui.store.store import ImportResult, Store, check_path, restore_hint

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
