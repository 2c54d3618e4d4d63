"""Files that someone else may have replaced: read only a regular file, write by atomic, durable replacement.

A FIFO opened for reading waits for a writer, a device such as /dev/zero never ends and a folder cannot
be read at all; any of them can sit where a file is expected (planted there, or a symlink to one).
`read_regular_file` looks before it opens (a device is never opened), opens without blocking, checks
again on what it opened, and reads at most a given number of bytes. `atomic_write` writes a temp file
in the same folder, fsyncs it, renames it over the file and fsyncs the folder.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

_OPEN_FLAGS = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOCTTY", 0)
_CHUNK = 1 << 20
TEMP_SUFFIX = ".tmp"


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


def fsync_dir(folder: Path) -> None:
    """Make a rename inside `folder` durable."""
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def ensure_dir(folder: Path) -> None:
    """Create `folder` and its missing parents with mode 0700; leave existing ones alone."""
    missing = []
    while not folder.is_dir() and folder.parent != folder:
        missing.append(folder)
        folder = folder.parent
    for created in reversed(missing):
        try:
            created.mkdir(mode=0o700)
        except FileExistsError:
            continue  # made by another process meanwhile (or a file: the write below says so)
        os.chmod(created, 0o700)  # mkdir's mode is reduced by the umask


def _keep(path: Path, keep: Path) -> None:
    """Keep what is at `path` under the new name `keep`: a file as a hard link (or a 0600 copy where
    there are none), a symlink as a symlink (never followed)."""
    if path.is_symlink():
        os.symlink(os.readlink(path), keep)
        return
    with contextlib.suppress(OSError):
        os.link(path, keep)
        return
    fd = os.open(keep, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(path.read_bytes())
    except BaseException:
        keep.unlink(missing_ok=True)
        raise


def atomic_write(path: Path, payload: bytes) -> None:
    """Replace `path` with `payload` so that a crash leaves either the old or the new file, mode 0600.

    A symlink at `path` is replaced by the file, never written through. If any step fails, what was
    at `path` is as it was and the error is raised.
    """
    ensure_dir(path.parent)
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    temp = Path(temp_name)
    keep = temp.with_name(temp.name + ".old")
    kept = False
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        if os.path.lexists(path):  # kept, so that a failed folder fsync can put it back
            _keep(path, keep)
            kept = True
        os.replace(temp, path)
        try:
            fsync_dir(path.parent)
        except OSError:
            if kept:
                os.replace(keep, path)
                kept = False
            raise
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        if kept:
            with contextlib.suppress(FileNotFoundError):
                keep.unlink()


def leftover_temps(folder: Path, start: str) -> list[Path]:
    """The temp files that interrupted atomic writes of files named `start`… left in `folder`."""
    try:
        entries = list(folder.iterdir())  # a folder that cannot be read: OSError
    except (FileNotFoundError, NotADirectoryError):
        return []
    return [entry for entry in entries if is_leftover_name(entry.name, start)]


def is_leftover_name(name: str, start: str) -> bool:
    """True when a file called `name` would be taken for a leftover temp file of files named `start`…"""
    return name.startswith(f".{start}") and TEMP_SUFFIX in name
