"""Issue 6 item 2: a write that fails at any step leaves the data file byte-identical and says so."""

from __future__ import annotations

import errno
import json
import os
import stat
from collections import Counter
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from oxytui.core.model import ContactDraft
from oxytui.store import Store, WriteFailedError
from tests.conftest import BERLIN, FakeClock
from tests.robust.crashkit import temp_files
from tests.robust.faults import SITES, Faults

ERRNOS = (errno.ENOSPC, errno.EIO, errno.EACCES, errno.EROFS)
START = datetime(2026, 11, 24, 21, 0, tzinfo=BERLIN)

Op = Callable[[Store], object]


def _first(store: Store) -> str:
    return store.all_contacts()[0].id


def _import(store: Store) -> object:
    payload = {
        "schema_version": 1,
        "contacts": [
            {
                "id": "a" * 32,
                "day": "2026-11-20",
                "logged_at": "2026-11-20T19:00:00.000000+00:00",
                "utc_offset": "+01:00",
                "who": "Imported",
                "kind": "hug",
                "warmth": 4,
                "minutes": None,
                "note": "",
            }
        ],
    }
    return store.import_data(payload)


OPS: dict[str, Op] = {
    "add": lambda s: s.add_contact(ContactDraft("Noor", "long talk", 5, 30, "by the river")),
    "edit": lambda s: s.edit_contact(_first(s), ContactDraft("Sam", "cuddle", 2)),
    "delete": lambda s: s.delete_contact(_first(s)),
    "rest day": lambda s: s.set_rest_day(s.today(), "ill"),
    "undo": lambda s: s.undo(),
    "settings": lambda s: s.update_settings(goal_warm_days=3),
    "import": _import,
}


def _setup(folder: Path, *, new_day: bool) -> tuple[Store, Path]:
    """A store with some data; with `new_day` the next save is the first of the day and takes a backup."""
    path = folder / "oxytui.json"
    clock = FakeClock(START)
    store = Store.open(path, clock=clock)
    store.add_contact(ContactDraft("Sam", "hug", 4))
    store.add_contact(ContactDraft("Ada", "pet", 3, 10, "Kiki"))
    store.set_rest_day(store.today() - timedelta(days=2), "travelling")
    clock.now = START + timedelta(days=1)
    if not new_day:
        store.add_contact(ContactDraft("Mia", "holding hands"))
    return store, path


def _without_ids(export: dict[str, Any]) -> str:
    for contact in export["contacts"]:
        contact.pop("id")
    return json.dumps(export, sort_keys=True)


FIGURES: Counter[str] = Counter()


@pytest.mark.parametrize("new_day", [True, False], ids=["first-save-of-day", "later-save"])
@pytest.mark.parametrize("op_name", list(OPS))
def test_a_fault_at_any_step_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, op_name: str, new_day: bool
) -> None:
    op = OPS[op_name]
    faults = Faults(monkeypatch)
    control, control_path = _setup(tmp_path / "control", new_day=new_day)
    with faults.armed_at():
        op(control)
    calls = dict(faults.calls)
    expected_after = _without_ids(Store.open(control_path).export_data())
    assert calls["os.replace"] >= 1 and calls["os.fsync"] >= 2 and calls["write"] >= 1, calls

    for site in SITES:
        for index in range(1, calls.get(site, 0) + 1):
            for number in ERRNOS:
                folder = tmp_path / f"{site}-{index}-{number}"
                store, path = _setup(folder, new_day=new_day)
                before_bytes = path.read_bytes()
                before_export = store.export_data()
                backups_before = sorted(p.name for p in (folder / "backups").iterdir())
                where = f"{op_name}: {errno.errorcode[number]} at {site} call {index}"
                try:
                    with faults.armed_at(site, index, number):
                        op(store)
                except WriteFailedError as error:
                    FIGURES["failed saves"] += 1
                    message = str(error)
                    assert str(path) in message and "Nothing was changed" in message, where
                    assert os.strerror(number) in message, where
                    if path.read_bytes() != before_bytes:
                        FIGURES["files changed"] += 1
                    assert path.read_bytes() == before_bytes, where
                    assert store.export_data() == before_export, where
                    assert Store.open(path).export_data() == before_export, where
                    op(store)  # the fault is gone: the same save now works
                else:
                    FIGURES["tolerated"] += 1  # e.g. no hard links: the replace is still atomic
                assert faults.fired == 1, where
                faults.fired = 0
                FIGURES["faults injected"] += 1
                assert _without_ids(Store.open(path).export_data()) == expected_after, where
                assert temp_files(folder) == [], where
                backups_after = sorted(p.name for p in (folder / "backups").iterdir())
                assert set(backups_before) <= set(backups_after), where
    print(f"{op_name} ({'first save of day' if new_day else 'later save'}): {calls} -> {dict(FIGURES)}")


@pytest.mark.parametrize(
    ("number", "says"),
    [
        (errno.ENOSPC, "No space left on device. Nothing was changed; free some space, then try again"),
        (
            errno.EACCES,
            "Permission denied. Nothing was changed; fix the permissions of the file and its folder",
        ),
        (
            errno.EIO,
            "Input/output error. Nothing was changed; free some space or fix the folder's permissions",
        ),
    ],
)
def test_the_failed_save_message_is_clear(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, number: int, says: str
) -> None:
    faults = Faults(monkeypatch)
    store, path = _setup(tmp_path, new_day=False)
    with pytest.raises(WriteFailedError) as caught, faults.armed_at("write", 1, number):
        store.add_contact(ContactDraft("Noor", "hug"))
    assert str(caught.value).startswith(f"could not save to {path}: {says}"), caught.value


@pytest.mark.parametrize("number", ERRNOS)
def test_no_hard_links_and_a_failing_folder_fsync_still_change_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, number: int
) -> None:
    """Two faults at once: a file system without hard links (the old file cannot be kept by a link)
    and a folder fsync that fails after the rename. The old file must still be put back."""
    store, path = _setup(tmp_path, new_day=False)
    before = path.read_bytes()
    faults = Faults(monkeypatch)

    def no_links(*args: Any, **kwargs: Any) -> None:
        raise OSError(errno.EPERM, os.strerror(errno.EPERM))

    monkeypatch.setattr(os, "link", no_links)
    with pytest.raises(WriteFailedError), faults.armed_at("os.fsync", 2, number):
        store.add_contact(ContactDraft("Noor", "hug"))
    assert faults.fired == 1
    assert path.read_bytes() == before
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert temp_files(tmp_path) == []
    store.add_contact(ContactDraft("Noor", "hug"))  # and without the fault, saving works
    assert "Noor" in {c.who for c in Store.open(path).all_contacts()}
