"""The palette's "Open NAME" commands show a name as typed: never read as markup."""

from __future__ import annotations

from oxytui.core.model import ContactDraft
from oxytui.store import Store
from oxytui.ui.screens.person import PersonScreen
from tests.ui.conftest import AppFactory
from tests.waiting import palette_offers, wait_until

NAME = "[bold]Sam[/] [link=https://example.com]x[/link]"


async def test_a_name_like_markup_is_offered_and_opened_as_typed(store: Store, make_app: AppFactory) -> None:
    store.add_contact(ContactDraft(NAME, "hug"))
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        await wait_until(pilot, palette_offers(app, f"Open {NAME}"), "the name, before anything is typed")
        await pilot.press(*"Open Sam")
        await wait_until(pilot, palette_offers(app, f"Open {NAME}"), "the name, as matched")
        await pilot.press("enter")
        opened = lambda: isinstance(app.screen, PersonScreen) and app.screen.name_shown == NAME  # noqa: E731
        await wait_until(pilot, opened, "the person's own screen")
