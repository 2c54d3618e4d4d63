"""The recall chooser: every script can be seen and chosen, however many there are and however small
the terminal (number keys for the first nine, ↑ ↓ and enter for all)."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Static

from oxytui.core.model import ContactDraft
from oxytui.paths import user_recall_dir
from oxytui.store import Store
from oxytui.ui.screens.recall import RecallScreen
from oxytui.ui.screens.recall_pages import ChoosePage
from tests.ui.conftest import AppFactory, notifications_shown
from tests.ui.test_sizes import screen_text

SCRIPT = """
id = "own-{n}"
title = "My own recall {n}"
minutes = 1
summary = "A script of my own, number {n}."
figure = "none"

[[step]]
title = "Resting"
seconds = 10
text = "If you like, rest for a breath or two."
"""


@pytest.mark.parametrize("size", [(60, 20), (80, 24)], ids=["60x20", "80x24"])
async def test_every_script_can_be_reached_and_chosen(
    store: Store, make_app: AppFactory, size: tuple[int, int]
) -> None:
    """Two scripts of the user's own beside the eight shipped: the tenth is listed and chosen by keys."""
    folder = user_recall_dir()
    folder.mkdir(parents=True)
    for n in (1, 2):
        (folder / f"own-{n}.toml").write_text(SCRIPT.replace("{n}", str(n)), encoding="utf-8")
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("2", "r")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, RecallScreen)
        assert len(screen.query_one(ChoosePage).scripts) == 10
        text = screen_text(app)
        assert "Press 1–9, or ↑ ↓ and enter, to choose · escape to close" in text
        assert "Sadness or longing" in text  # the hint is never the part that is cut off
        assert "My own recall 2" not in text  # below the fold at first ...
        await pilot.press("end")
        await pilot.pause()
        assert "My own recall 2 · 1 min" in screen_text(app)  # ... reached with the keys
        await pilot.press("enter")
        await pilot.pause()
        assert screen.session.script is not None and screen.session.script.id == "own-2"
        assert screen.page == "before"
        await pilot.press("escape")  # back to the list, which has the keys again
        await pilot.pause()
        assert screen.page == "choose"
        await pilot.press("9")
        await pilot.pause()
        assert screen.session.script is not None and screen.session.script.id == "own-1"


async def test_the_figure_offered_from_today_is_shown_without_its_escapes(
    store: Store, make_app: AppFactory
) -> None:
    """Savor today fills in today's warmest contact: a name holding an escape sequence showed its
    leftovers ("]2;T") in the field, and was taken as the figure with the sequence in it."""
    store.add_contact(ContactDraft("Mia\x1b]2;T\x07", "hug"))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "r")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, RecallScreen)
        number = [s.id for s in screen.query_one(ChoosePage).scripts].index("savor-today") + 1
        await pilot.press(str(number))
        await pilot.pause()
        assert screen.query_one("#figure", Input).value == "Mia"
        await pilot.press("enter")
        await pilot.pause()
        assert screen.session.figure == "Mia"


async def test_many_broken_scripts_make_one_notice(
    store: Store, make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each broken file had a notice of its own: eleven of them covered the screen, the first-run
    welcome (with its safety words) too. Now one says how many, and the Recall pane lists them all."""
    folder = user_recall_dir()
    folder.mkdir(parents=True)
    for n in range(5):
        (folder / f"broken-{n}.toml").write_text('id = "x"\n', encoding="utf-8")
    told = notifications_shown(monkeypatch)
    app = make_app(welcomed=False)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        listed = str(app.dashboard.query_one("#recall-problems", Static).content)
    [(message, title)] = told
    assert title == "Recall scripts skipped"
    assert message.startswith(f"{folder / 'broken-0.toml'}: 'title' is missing")
    assert message.endswith("(and 4 more: the Recall pane lists them all)")
    assert all(f"broken-{n}.toml" in listed for n in range(5))
