"""What a recall step looks like at 80×24, kept as an SVG snapshot."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot

from oxytui.core.model import ContactDraft
from oxytui.store import Store
from tests.conftest import FakeClock
from tests.ui.test_recall_screen import PaneApp, type_in


def test_a_step_of_the_long_recall(store: Store, clock: FakeClock, snap_compare: Callable[..., Any]) -> None:
    store.add_contact(ContactDraft("Sam", "hug", 4))

    async def to_the_third_step(pilot: Pilot[None]) -> None:
        await pilot.press("r", "1")
        await type_in(pilot, "Ana")
        await pilot.press("enter", "6", "enter", "4", "enter", "space", "space")
        await pilot.pause()

    assert snap_compare(PaneApp(store), terminal_size=(80, 24), run_before=to_the_third_step)
