"""While the dashboard is idle it encodes the records ahead of the first save, a step at a time."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from oxytui.core.model import ContactDraft
from oxytui.store import Store
from oxytui.store.fileformat import decode, encode
from oxytui.ui import app as app_module
from oxytui.ui.app import create_app
from tests.conftest import FakeClock


async def test_idle_dashboard_prepares_the_first_save(
    db_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    writer = Store.open(db_path, clock=clock)
    writer.update_settings(welcomed=True)
    for number in range(40):
        writer.add_contact(ContactDraft(f"Friend {number}", "hug"), clock.now.date() - timedelta(days=number))
    monkeypatch.setattr(app_module, "PREPARE_AFTER", 0.01)
    monkeypatch.setattr(app_module, "PREPARE_RECORDS", 7)  # several steps for 40-odd records
    store = Store.open(db_path, clock=clock)  # a fresh open: nothing encoded yet
    app = create_app(store, poll_interval=60)
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(200):
            if store.prepare_saves(0):  # with no budget: True only when nothing is left to do
                break
            await pilot.pause(0.01)
        assert store.prepare_saves(0)
        await pilot.press("a", *"Sam", "tab", *"hug", "enter")
        raw = db_path.read_bytes()
        assert raw == encode(decode(raw, db_path))  # the first save wrote what a full encode writes
        other = Store.open(db_path, clock=clock)  # then another process changes a record
        other.edit_contact(other.all_contacts()[0].id, ContactDraft("Changed elsewhere", "hug"))
        await pilot.press("a", *"Mia", "tab", *"hug", "enter")
    raw = db_path.read_bytes()
    assert raw == encode(decode(raw, db_path))
    names = {c.who for c in Store.open(db_path, clock=clock).all_contacts()}
    assert {"Sam", "Mia", "Changed elsewhere"} <= names and "Friend 39" not in names
    assert len(names) == 42
