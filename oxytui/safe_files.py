"""Reading a file that someone else may have replaced: only a regular file, never blocking, never endless.

A FIFO opened for reading waits for a writer, a device such as /dev/zero never ends and a folder cannot
be read at all; any of them can sit where a file is expected (planted there, or a symlink to one).
`read_regular_file` looks before it opens (a device is never opened), opens without blocking, checks
again on what it opened, and reads at most a given number of bytes.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

_OPEN_FLAGS = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOCTTY", 0)
_CHUNK = 1 << 20


class NotRegularFileError(OSError):
    """The path names a folder, FIFO, device or socket; `what` says which ("a folder", "a FIFO", …)."""

    def __init__(self, path: Path, what: str) -> None:
        super().__init__(f"{path} is {what}, not a file")
        self.path = path
        self.what = what


class FileTooLargeError(OSError):
    """The file holds more than the limit asked for."""

    def __init__(self, path: Path, limit: int) -> None:
        super().__init__(f"{path} is larger than {limit} bytes")
        self.path = path
        self.limit = limit


def kind_of(mode: int) -> str:
    """What a file mode that is not a regular file's is, in words."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _check(path: Path, mode: int) -> None:
    if not stat.S_ISREG(mode):
        raise NotRegularFileError(path, kind_of(mode))


def read_regular_file(path: Path, limit: int | None = None) -> bytes:
    """The bytes of the regular file at `path` (a symlink to one is followed).

    Raise NotRegularFileError for anything else, FileTooLargeError past `limit` bytes (when given), and
    OSError when it cannot be read. A FIFO or device never makes this wait: it is refused unread.
    """
    _check(path, os.stat(path).st_mode)  # a device is not even opened: opening some has effects
    fd = os.open(path, _OPEN_FLAGS)  # O_NONBLOCK: a FIFO put there since the look above does not wait
    try:
        info = os.fstat(fd)
        _check(path, info.st_mode)
        if limit is not None and info.st_size > limit:
            raise FileTooLargeError(path, limit)
        wanted = None if limit is None else limit + 1  # one byte more tells a file that grew
        step = max(_CHUNK, info.st_size + 1)  # the whole file in one read, as a rule
        chunks: list[bytes] = []
        size = 0
        while wanted is None or size < wanted:
            chunk = os.read(fd, step if wanted is None else min(step, wanted - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if limit is not None and size > limit:
            raise FileTooLargeError(path, limit)
        return b"".join(chunks)
    finally:
        os.close(fd)
