"""A number typed into any field of the screen is read one way (model.whole_number): digits of other
scripts, superscripts, underscores and thousands of digits are a clear message, never a traceback."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Static

from oxytui.store import Store
from oxytui.ui.screens.contact_form import ContactForm
from oxytui.ui.screens.settings import SettingsScreen
from oxytui.ui.screens.welcome import HOUR_ERROR, WelcomeScreen
from tests.ui.conftest import AppFactory
from tests.ui.test_sizes import screen_text

ODD = ["²", "٤", "1_0", "+3", "9" * 5000]
IDS = ["superscript", "arabic-indic", "underscore", "plus", "5000 digits"]


@pytest.mark.parametrize("typed", ODD, ids=IDS)
async def test_the_add_form_takes_no_odd_number(store: Store, make_app: AppFactory, typed: str) -> None:
    app = make_app()
    before = store.path.read_bytes() if store.path.exists() else None
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ContactForm)
        form.input("who").value = "Sam"
        form.input("kind").value = "hug"
        form.input("warmth").value = typed  # the hint follows every change of the field
        await pilot.pause()
        assert str(form.query_one("#warmth-hint", Static).content) == "1 cool … 5 very warm"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is form and "warmth must be a whole number from 1 to 5" in screen_text(app)
    assert (store.path.read_bytes() if store.path.exists() else None) == before


@pytest.mark.parametrize("typed", ODD, ids=IDS)
async def test_settings_take_no_odd_number(store: Store, make_app: AppFactory, typed: str) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("3", "s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SettingsScreen)
        screen.query_one("#goal_warm_days", Input).value = typed
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        assert "warm days must be a whole number from 0 to 7" in " ".join(screen_text(app).split())


@pytest.mark.parametrize("typed", ODD, ids=IDS)
async def test_the_welcome_takes_no_odd_hour(store: Store, make_app: AppFactory, typed: str) -> None:
    app = make_app(welcomed=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, WelcomeScreen)
        screen.query_one(Input).value = typed
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        assert " ".join(HOUR_ERROR.split()) in " ".join(screen_text(app).replace("│", " ").split())
