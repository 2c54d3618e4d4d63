"""Waiting in tests for a condition to hold, never for a fixed time."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot

from oxytui.ui.app import OxyApp

PATIENCE = 30.0  # seconds before a wait gives up: far above any normal run, so only a real hang fails
STEP = 0.01  # seconds the app runs between two looks at the condition


async def wait_until(
    pilot: Pilot[Any], done: Callable[[], object], what: str = "the condition", *, patience: float = PATIENCE
) -> None:
    """Let the app run until `done()` is true; fail naming `what` if it is not after `patience` s."""
    loop = asyncio.get_running_loop()
    give_up = loop.time() + patience
    while not done():
        if loop.time() > give_up:
            raise AssertionError(f"gave up waiting for {what}")
        await pilot.pause(STEP)


class Polls:
    """Counts the dashboard's looks at the data file and the clock (make it before the app runs)."""

    def __init__(self, app: OxyApp) -> None:
        self.count = 0
        original = app.poll

        def counted() -> None:
            original()
            self.count += 1

        app.poll = counted  # type: ignore[method-assign]

    async def wait(self, pilot: Pilot[Any], polls: int = 2) -> None:
        """Wait until the dashboard has looked `polls` more times (two: one whole look after now)."""
        target = self.count + polls
        await wait_until(pilot, lambda: self.count >= target, f"{polls} looks at the data file")


def palette_offers(app: OxyApp, words: str) -> Callable[[], bool]:
    """A condition: the command palette is open and lists an option holding `words`."""
    from textual.command import CommandList, CommandPalette

    def offered() -> bool:
        screen = app.screen
        if not isinstance(screen, CommandPalette):
            return False
        options = screen.query_one(CommandList)
        return any(words in str(options.get_option_at_index(i).prompt) for i in range(options.option_count))

    return offered
