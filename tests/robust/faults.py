"""Inject OSError faults into the os functions the durable write uses, at a chosen call."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any

import pytest

SITES = ("os.open", "write", "os.fsync", "os.link", "os.replace")


class _FaultyFile:
    """A file object whose writes pass through the fault injector."""

    def __init__(self, handle: IO[Any], faults: Faults) -> None:
        self._handle = handle
        self._faults = faults

    def write(self, data: Any) -> int:
        self._faults.hit("write")
        return self._handle.write(data)

    def flush(self) -> None:
        self._handle.flush()

    def fileno(self) -> int:
        return self._handle.fileno()

    def __enter__(self) -> _FaultyFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self._handle.close()


class Faults:
    """Counts calls at each site while armed; raises OSError(errno) at call `index` of `site`."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls: Counter[str] = Counter()
        self.target: tuple[str, int, int] | None = None
        self.fired = 0
        self.armed = False
        real_open, real_fsync, real_link, real_replace, real_fdopen = (
            os.open,
            os.fsync,
            os.link,
            os.replace,
            os.fdopen,
        )

        def open_(*args: Any, **kwargs: Any) -> int:
            self.hit("os.open")
            return real_open(*args, **kwargs)

        def fsync(fd: Any) -> None:
            self.hit("os.fsync")
            real_fsync(fd)

        def link(*args: Any, **kwargs: Any) -> None:
            self.hit("os.link")
            real_link(*args, **kwargs)

        def replace(*args: Any, **kwargs: Any) -> None:
            self.hit("os.replace")
            real_replace(*args, **kwargs)

        def fdopen(*args: Any, **kwargs: Any) -> Any:
            handle = real_fdopen(*args, **kwargs)
            return _FaultyFile(handle, self) if self.armed else handle

        for name, function in [
            ("open", open_),
            ("fsync", fsync),
            ("link", link),
            ("replace", replace),
            ("fdopen", fdopen),
        ]:
            monkeypatch.setattr(os, name, function)

    def hit(self, site: str) -> None:
        if not self.armed:
            return
        self.calls[site] += 1
        if self.target is not None and self.target[:2] == (site, self.calls[site]):
            self.fired += 1
            number = self.target[2]
            raise OSError(number, os.strerror(number))

    @contextmanager
    def armed_at(self, site: str | None = None, index: int = 0, number: int = 0) -> Iterator[None]:
        """Count calls (and fail call `index` of `site`, if given) inside the block."""
        self.calls.clear()
        self.target = None if site is None else (site, index, number)
        self.armed = True
        try:
            yield
        finally:
            self.armed = False
            self.target = None
