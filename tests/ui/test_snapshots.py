"""SVG snapshots of the dashboard, the add form and the help (update with `pytest --snapshot-update`)."""

from __future__ import annotations

from collections.abc import Callable

from textual.pilot import Pilot

from oxytui.store import Store
from tests.ui.conftest import AppFactory

SnapCompare = Callable[..., bool]


async def settle(pilot: Pilot[int]) -> None:
    await pilot.pause()
    await pilot.wait_for_scheduled_animations()


def test_dashboard_100x30(sample: Store, make_app: AppFactory, snap_compare: SnapCompare) -> None:
    assert snap_compare(make_app(), terminal_size=(100, 30), run_before=settle)


def test_dashboard_80x24(sample: Store, make_app: AppFactory, snap_compare: SnapCompare) -> None:
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=settle)


def test_add_form_with_a_mistake(sample: Store, make_app: AppFactory, snap_compare: SnapCompare) -> None:
    async def fill(pilot: Pilot[int]) -> None:
        await pilot.press("a", *"Sam", "tab", *"hold", "tab", "7", "enter")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=fill)


def test_help_screen(sample: Store, make_app: AppFactory, snap_compare: SnapCompare) -> None:
    async def open_help(pilot: Pilot[int]) -> None:
        await pilot.press("question_mark")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=(100, 30), run_before=open_help)
