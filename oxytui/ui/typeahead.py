"""Typed-ahead keys land where they were typed.

Textual hands each key to the widget focused at the moment the app reads it, and that widget (or one
of its parents, or the app's bindings) acts on it later, in its own turn. A key that opens a form or
moves the focus has therefore not acted yet when the keys typed after it are handed out: those reach
the old field (tab, then "call", typed at once, lands in Who), or a form still being built and are lost.
Fast typists, pastes into a terminal and `tmux send-keys` all do this.

`TypeAhead` hands the keys out one at a time: the next key waits until the previous one, and what it
set off, has been dealt with all the way up from the widget it went to, and until a screen it opened
has been built and has focused its first field. A probe follows the key from that widget up to the app,
through each queue in turn; while more keys wait it goes up twice, since a key the app resolves through a
binding (enter submits a field) sets off messages in the widgets below it, which take their turn after
that. (The second round about doubles the cost of opening a screen: a key with none behind it skips it.)

Each key then reaches the widget that is focused once the keys before it have acted, as it would have
had they been typed slowly. A paste of tab-separated text into a one-line field is taken as typed:
each part goes to its field, the tabs move on between them.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Any

from textual import events
from textual.app import App, ScreenError
from textual.dom import DOMNode
from textual.message_pump import MessagePump
from textual.screen import Screen
from textual.widgets import Input

PROBE_ROUNDS = 2
STUCK_AFTER = 0.5  # seconds: a key that was not seen to finish by then lets the next ones go anyway

Dispatch = Callable[[events.Event], Awaitable[None]]


class TypeAhead:
    """Hands keys and pastes to the app one at a time, each after the one before it has acted."""

    def __init__(self, app: App[Any], dispatch: Dispatch) -> None:
        self._app = app
        self._dispatch = dispatch
        self._queue: deque[events.Event] = deque()
        self._waiting = 0  # nonzero while the app waits for a key to finish or a screen to be built
        self._turn = 0  # counts the waits, so a late "done" from an earlier wait is ignored
        self._stuck: asyncio.TimerHandle | None = None

    @property
    def waiting(self) -> bool:
        """True while typed keys wait for an earlier one to act."""
        return bool(self._waiting)

    async def handle(self, event: events.Event) -> None:
        """Hand `event` on now, or queue it behind a key that has not acted yet."""
        if not isinstance(event, (events.Key, events.Paste)) or event.is_forwarded:
            await self._dispatch(event)
            return
        self._queue.append(event)
        if not self._waiting:
            await self._hand_out()

    def _as_typed(self, event: events.Event) -> list[events.Event]:
        """A paste holding tabs into a one-line field as the pieces and tabs it was typed as."""
        if not isinstance(event, events.Paste) or "\t" not in event.text:
            return [event]
        if not isinstance(self._app.focused, Input):
            return [event]
        line = event.text.splitlines()[0]
        pieces: list[events.Event] = []
        for number, part in enumerate(line.split("\t")):
            if number:
                pieces.append(events.Key("tab", "\t"))
            if part:
                pieces.append(events.Paste(part))
        return pieces

    async def _hand_out(self) -> None:
        while self._queue:
            screen = self._screen_being_built()
            if screen is not None:  # its queue runs once it has mounted: back here after that
                self._wait(screen)
                return
            event = self._queue.popleft()
            pieces = self._as_typed(event)
            if pieces != [event]:
                self._queue.extendleft(reversed(pieces))
                continue
            target: MessagePump = self._app.focused or self._app.screen
            await self._dispatch(event)
            if event.is_forwarded:  # it went to `target`, to act in that widget's turn
                self._wait(target)
                return

    def _screen_being_built(self) -> Screen[Any] | None:
        try:
            screen = self._app.screen
        except ScreenError:
            return None
        return None if screen.is_mounted else screen

    def _wait(self, node: MessagePump) -> None:
        """Go on once `node` and each of its parents up to the app have dealt with what they hold now."""
        self._turn += 1
        self._waiting = self._turn
        if self._stuck is not None:
            self._stuck.cancel()
        # A plain loop timer (a Textual Timer per key costs a task): it only passes the turn back to the app.
        loop = asyncio.get_running_loop()
        self._stuck = loop.call_later(STUCK_AFTER, self._app.call_later, self._go_on, self._turn)
        self._follow(node, node, PROBE_ROUNDS, self._turn)

    def _follow(self, node: MessagePump, start: MessagePump, rounds: int, turn: int) -> None:
        if not node.call_later(self._after, node, start, rounds, turn):  # that widget is gone: go on
            self._app.call_later(self._go_on, turn)

    def _after(self, node: MessagePump, start: MessagePump, rounds: int, turn: int) -> None:
        """`node` has dealt with all it held, the key too: what it passed up is in its parent's queue."""
        parent = node.parent if isinstance(node, DOMNode) else None
        if parent is not None:
            self._follow(parent, start, rounds, turn)
        elif rounds > 1 and self._queue:  # keys wait: once more from the start, for what the app set off
            self._follow(start, start, rounds - 1, turn)
        else:
            self._app.call_later(self._go_on, turn)

    async def _go_on(self, turn: int) -> None:
        if turn != self._waiting:
            return
        self._waiting = 0
        if self._stuck is not None:
            self._stuck.cancel()
            self._stuck = None
        await self._hand_out()
