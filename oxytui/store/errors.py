"""Errors the store raises; each message names the file and what to do."""

from __future__ import annotations


class StoreError(Exception):
    """The data file cannot be used as asked; the message says why and what to do."""


class UnreadableFileError(StoreError):
    """The data file is corrupt, truncated, of the wrong shape or of a newer schema; it is left as is."""


class NotAFileError(StoreError):
    """The data path is a folder, a FIFO, a dangling symlink or something else that is not a file."""


class LockTimeoutError(StoreError):
    """Another oxytui held the lock for too long."""


class WriteFailedError(StoreError):
    """A save could not be completed; the data file is as it was before the save."""
