"""A data file whose path holds terminal escapes (a folder named so): the dashboard shows the path
without them, in the welcome, in the form's messages and in every notification."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from oxytui.core.model import ContactDraft
from oxytui.store import Store
from oxytui.store.errors import WriteFailedError
from oxytui.ui.app import create_app
from tests.conftest import FakeClock
from tests.ui.conftest import notifications_shown
from tests.waiting import wait_until

RETITLE = "\x1b]2;PWNED\x07\x1b[31m"  # sets the terminal's title, then turns its text red


@pytest.fixture
def odd_store(tmp_path: Path, clock: FakeClock) -> Store:
    folder = tmp_path / f"data{RETITLE}folder"
    folder.mkdir()
    return Store.open(folder / "oxytui.json", clock=clock)


async def test_the_welcome_shows_the_path_without_its_escapes(odd_store: Store) -> None:
    app = create_app(odd_store, poll_interval=30)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        shown = str(app.screen.query_one("#welcome-path", Static).content)
    assert "\x1b" not in shown and "\x07" not in shown
    assert shown.endswith("datafolder/oxytui.json")


async def test_messages_naming_the_path_lose_its_escapes(
    odd_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    odd_store.update_settings(welcomed=True)
    told = notifications_shown(monkeypatch)

    def full_disk(draft: ContactDraft, day: object = None) -> None:
        raise WriteFailedError(f"could not save to {odd_store.path}: No space left on device")

    app = create_app(odd_store, poll_interval=30)
    async with app.run_test(size=(100, 30)) as pilot:
        app.notify(f"saved to {odd_store.path}", title=f"T{RETITLE}")
        monkeypatch.setattr(odd_store, "add_contact", full_disk)
        await pilot.press("a", *"Sam", "tab", *"hug", "enter")
        error = app.screen.query_one("#form-error", Static)
        await wait_until(pilot, lambda: "No space" in str(error.content))
        form_error = str(error.content)
    assert "No space left on device" in form_error
    assert told
    for text in [form_error, *(part for pair in told for part in pair)]:
        assert "\x1b" not in text and "\x07" not in text, repr(text)
