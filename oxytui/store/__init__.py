"""The only package that touches TinyDB: durable storage, locking, backups, migrations, the Store."""

from oxytui.store.errors import NotAFileError, StoreError, UnreadableFileError, WriteFailedError
from oxytui.store.store import Store

__all__ = ["NotAFileError", "Store", "StoreError", "UnreadableFileError", "WriteFailedError"]
