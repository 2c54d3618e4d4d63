"""The journal of this session's changes, each with the step that undoes it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Step:
    """One change: what it was, in words, and how to put things back."""

    description: str
    revert: Callable[[], None]


class Journal:
    """The changes made through one Store, newest last."""

    def __init__(self) -> None:
        self._steps: list[Step] = []

    def push(self, description: str, revert: Callable[[], None]) -> None:
        """Remember a change that was saved."""
        self._steps.append(Step(description, revert))

    def last(self) -> Step | None:
        """The newest change not undone yet."""
        return self._steps[-1] if self._steps else None

    def pop(self) -> None:
        """Forget the newest change (it was undone)."""
        self._steps.pop()

    def __bool__(self) -> bool:
        return bool(self._steps)
