"""One change, one redraw: a save from the form or a change from another process redraws each pane once."""

from __future__ import annotations

from collections import Counter
from typing import Any

from oxytui.core.model import ContactDraft
from oxytui.store import Store
from oxytui.ui.app import OxyApp
from oxytui.ui.screens.dashboard import PANE_IDS
from tests.conftest import FakeClock
from tests.ui.conftest import AppFactory
from tests.waiting import Polls, wait_until


def count_reloads(app: OxyApp) -> Counter[str]:
    """Count each pane's redraws from now on, by pane id."""
    counts: Counter[str] = Counter()
    for pane in app.dashboard.panes:
        original = pane.reload

        def counted(*args: Any, _original: Any = original, _id: str | None = pane.id) -> None:
            assert _id is not None
            counts[_id] += 1
            _original(*args)

        pane.reload = counted  # type: ignore[method-assign]
    return counts


async def test_a_save_from_the_form_redraws_each_pane_once(sample: Store, make_app: AppFactory) -> None:
    app = make_app()
    polls = Polls(app)
    async with app.run_test() as pilot:
        await polls.wait(pilot)
        counts = count_reloads(app)
        version = sample.version
        await pilot.press("a", *"Jo", "tab", *"cud", "enter")
        await wait_until(pilot, lambda: app.data_version > version, "the new data version on the app")
        await polls.wait(pilot, 3)  # time for any second redraw to happen
        assert "Jo" in [c.who for c in app.dashboard.today_pane.rows]
        assert counts == Counter(dict.fromkeys(PANE_IDS, 1))
        assert app.data_version == sample.version


async def test_a_change_from_another_process_redraws_each_pane_once(
    sample: Store, clock: FakeClock, make_app: AppFactory
) -> None:
    app = make_app()
    polls = Polls(app)
    async with app.run_test() as pilot:
        await polls.wait(pilot)
        counts = count_reloads(app)
        Store.open(sample.path, clock=clock).add_contact(ContactDraft("Ana", "hug", 5))
        await wait_until(pilot, lambda: "Ana" in [c.who for c in app.dashboard.today_pane.rows], "Ana shown")
        await polls.wait(pilot, 3)
        assert counts == Counter(dict.fromkeys(PANE_IDS, 1))
