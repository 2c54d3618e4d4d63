"""Issue 10 item 5 on the dashboard: the data file replaced by a folder or a FIFO, or made unreadable,
while the dashboard is open. It shows a notice, keeps what it showed, never waits on the FIFO, keeps
what was typed into a form it cannot save, and picks the file up again once it is back."""

from __future__ import annotations

import errno
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Static

from oxytui.store import Store
from oxytui.ui.app import OxyApp
from oxytui.ui.screens.contact_form import ContactForm
from tests.ui.conftest import AppFactory, notices
from tests.waiting import Polls

RESCUE_AFTER = 30.0  # seconds: a dashboard still stuck on the FIFO by then is let go, and the test fails


def whos(app: OxyApp) -> list[str]:
    return [c.who for c in app.dashboard.today_pane.rows]


@contextmanager
def fifo_rescue(path: Path) -> Iterator[list[bool]]:
    """Should something block reading the FIFO at `path`, open its other end after a while (so the run
    goes on, to fail) and note it in the list yielded."""
    rescued: list[bool] = []
    done = threading.Event()

    def rescue() -> None:
        if done.wait(RESCUE_AFTER):
            return
        while not done.wait(0.2):  # again and again: each look at the file would wait anew
            try:
                fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK)  # succeeds only if a reader is waiting
            except OSError:
                continue
            rescued.append(True)
            os.close(fd)

    watcher = threading.Thread(target=rescue, daemon=True)
    watcher.start()
    try:
        yield rescued
    finally:
        done.set()
        watcher.join()


async def _still_usable(app: OxyApp, pilot: Any, typed: str) -> ContactForm:
    """Move between days, then type a contact and try to save it: the form stays, the typing too."""
    await pilot.press("[", "t")
    await pilot.press("a", *typed, "tab", *"hug", "enter")
    await pilot.pause()
    form = app.screen
    assert isinstance(form, ContactForm)
    shown = str(form.query_one("#form-error", Static).content)
    assert shown.startswith("Not saved:"), shown
    assert form.values["who"] == typed and form.values["kind"] == "hug"
    return form


@pytest.mark.parametrize("replacement", ["folder", "fifo"])
async def test_a_data_file_replaced_while_open_gives_a_notice_and_never_blocks(
    sample: Store, make_app: AppFactory, monkeypatch: pytest.MonkeyPatch, replacement: str
) -> None:
    path = sample.path
    original = path.read_bytes()
    app = make_app()
    polls = Polls(app)
    messages = notices(app, monkeypatch)
    # The rescue stays on until the app has ended: a dashboard stuck on the FIFO would stick again.
    with fifo_rescue(path) as rescued:
        async with app.run_test(size=(100, 30)) as pilot:
            shown = whos(app)
            path.unlink()
            if replacement == "folder":
                path.mkdir()
            else:
                os.mkfifo(path)
            await polls.wait(pilot, 4)  # several looks: the notice is shown once, not at every look
            assert not rescued, "the dashboard waited on the FIFO"
            assert app.is_running and whos(app) == shown  # what was shown stays
            assert len([m for m in messages if str(path) in m]) == 1, messages  # once, not every poll
            assert "FIFO" in messages[-1] if replacement == "fifo" else "a folder" in messages[-1]
            form = await _still_usable(app, pilot, "Jo")
            assert not rescued, "a save waited on the FIFO"
            if replacement == "folder":
                shutil.rmtree(path)
            else:
                path.unlink()
            path.write_bytes(original)  # the file is back: the same form saves it
            await polls.wait(pilot)
            await pilot.press("enter")
            await pilot.pause()
            assert app.screen is not form
            assert "Jo" in whos(app)
    assert [c.who for c in Store.open(path).all_contacts()].count("Jo") == 1


async def test_an_unreadable_data_file_gives_a_notice_and_keeps_the_typing(
    sample: Store, make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = sample.path
    real_open = os.open
    refused = {"on": False}

    def guarded_open(target: Any, *args: Any, **kwargs: Any) -> int:
        if refused["on"] and os.fspath(target) == os.fspath(path):  # as a mode 000 file does, without root
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fspath(target))
        return real_open(target, *args, **kwargs)

    app = make_app()
    polls = Polls(app)
    messages = notices(app, monkeypatch)
    async with app.run_test(size=(100, 30)) as pilot:
        shown = whos(app)
        monkeypatch.setattr(os, "open", guarded_open)
        refused["on"] = True
        os.utime(path, ns=(1, 1))  # the poll sees a change and reads the file again
        await polls.wait(pilot, 4)
        assert app.is_running and whos(app) == shown
        [message] = [m for m in messages if str(path) in m]
        assert "Permission denied" in message, message
        await _still_usable(app, pilot, "Ida")
        refused["on"] = False
        await pilot.press("enter")
        await pilot.pause()
        assert "Ida" in whos(app)
