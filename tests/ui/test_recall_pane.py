"""The Recall pane on the real dashboard: week count, recent sessions, `r`, and broken user scripts."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from textual.widgets import Static

from oxytui.core.model import Ratings, Recall, new_id
from oxytui.paths import user_recall_dir
from oxytui.store import Store
from oxytui.ui.panes.recall import RecallPane
from oxytui.ui.screens.recall import RecallScreen
from tests.conftest import FakeClock
from tests.ui.conftest import AppFactory


def recall(store: Store, days_ago: int, *, completed: bool = True, figure: str = "Sam") -> Recall:
    when = store.now() - timedelta(days=days_ago)
    return store.add_recall(
        Recall(
            id=new_id(),
            day=store.today() - timedelta(days=days_ago),
            started_at=when,
            finished_at=when + timedelta(minutes=4),
            script="someone-who-loves-you",
            figure=figure,
            before=Ratings(6, 4),
            after=Ratings(3, None),
            completed=completed,
        )
    )


def pane_text(pane: RecallPane, selector: str) -> str:
    return str(pane.query_one(selector, Static).content)


async def test_the_week_count_and_the_last_sessions(
    store: Store, clock: FakeClock, make_app: AppFactory
) -> None:
    recall(store, 0, figure="Sam\x1b[31m [red]x[/]")
    recall(store, 1, completed=False)
    recall(store, 2)
    recall(store, 9)  # last week: not counted in this week
    store.update_settings(goal_recalls=4)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        pane = app.screen.query_one(RecallPane)
        assert pane_text(pane, "#recall-week") == "This week: 2 of 4 recalls"  # Wed: Mon, Tue, Wed count
        sessions = pane_text(pane, "#recall-sessions").splitlines()
        assert sessions == [
            "Wed 25 Nov  Someone who loves you",
            "  stress 6→3 · connected 4→– · Sam [red]x[/]",
            "Tue 24 Nov  shorter · Someone who loves you",
            "  stress 6→3 · connected 4→– · Sam",
            "Mon 23 Nov  Someone who loves you",
            "  stress 6→3 · connected 4→– · Sam",
        ]
        await pilot.press("2", "r")
        assert isinstance(app.screen, RecallScreen)


async def test_a_broken_user_script_is_named_and_the_app_still_starts(
    store: Store, make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = user_recall_dir()
    folder.mkdir(parents=True)
    broken = folder / "mine.toml"
    broken.write_text('id = "mine"\ntitle = "Mine"\nminutes = 2\n', encoding="utf-8")
    app = make_app()
    notices: list[str] = []
    notify = app.notify

    def recording(message: str, **options: Any) -> None:
        notices.append(message)
        notify(message, **options)

    monkeypatch.setattr(app, "notify", recording)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        pane = app.screen.query_one(RecallPane)
        problems = pane_text(pane, "#recall-problems")
        assert str(broken) in problems and "'summary' is missing" in problems
        assert any(str(broken) in message and "'summary' is missing" in message for message in notices)
        await pilot.press("2", "r")
        assert isinstance(app.screen, RecallScreen)
        assert len(app.screen.scripts.scripts) == 8


async def test_a_good_user_script_can_be_chosen(store: Store, make_app: AppFactory) -> None:
    folder = user_recall_dir()
    folder.mkdir(parents=True)
    (folder / "walk.toml").write_text(
        'id = "walk"\ntitle = "A walk"\nminutes = 1\nsummary = "Walk."\nfigure = "none"\n'
        '[[step]]\ntitle = "Walk"\ntext = "Walk on."\nseconds = 60\n',
        encoding="utf-8",
    )
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        pane = app.screen.query_one(RecallPane)
        assert not pane.query_one("#recall-problems", Static).display
        await pilot.press("2", "r", "9", "enter")
        assert isinstance(app.screen, RecallScreen)
        assert str(app.screen.query_one("#step-title", Static).content) == "Walk"
