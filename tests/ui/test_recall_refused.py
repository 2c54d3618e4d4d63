"""A recall the rules refuse (the model no longer checks a Recall when it is made; add_recall does) is
said on the summary, never stored, and saved once it is put right: no traceback, no half record."""

from __future__ import annotations

from oxytui.core.model import NOTE_MAX
from oxytui.store import Store
from tests.ui.test_recall_screen import PaneApp, rate_after, start, text_of, top


async def test_a_recall_the_rules_refuse_is_said_and_not_saved(store: Store) -> None:
    app = PaneApp(store)
    async with app.run_test(size=(90, 40)) as pilot:
        screen = await start(pilot, "2", None, ("4", "6"))
        await pilot.press("space", "space", "space")
        await rate_after(pilot, "3", "7", "kind", painful=False)
        assert screen.page == "summary"
        screen.session.note = "n" * (NOTE_MAX + 1)  # past what the note field lets anyone type
        await pilot.press("enter")
        await pilot.pause()
        assert top(app) is screen and screen.page == "summary"
        shown = text_of(app, "#summary-error")
        assert shown.startswith("Not saved: note:") and "Press enter to try again" in shown, shown
        assert not store.path.exists() and Store.open(store.path).recalls() == []
        screen.session.note = "kind"
        await pilot.press("enter")
        await pilot.pause()
        assert top(app) is not screen
    [saved] = Store.open(store.path).recalls()
    assert (saved.note, saved.before.stress, saved.after.connected) == ("kind", 4, 7)
