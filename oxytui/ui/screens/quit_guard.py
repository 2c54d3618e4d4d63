"""Screens holding work that is not saved yet are asked before the app quits."""

from __future__ import annotations

from collections.abc import Callable


class GuardsQuit:
    """Mixed into a screen whose unsaved work quitting would lose."""

    def ask_before_quit(self, quit_app: Callable[[], None]) -> bool:
        """Ask the user what to do with the unsaved work and call `quit_app` when they choose to quit.

        Return False when there is nothing unsaved (quit at once), True when the user was asked.
        """
        raise NotImplementedError
