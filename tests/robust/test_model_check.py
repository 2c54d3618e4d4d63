"""Issue 6 item 6: the Store against a plain in-memory model, step by step, under hypothesis."""

from __future__ import annotations

import errno
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from oxytui.core.export import to_json
from oxytui.core.model import ContactDraft
from oxytui.store import Store, WriteFailedError
from tests.conftest import BERLIN, FakeClock
from tests.robust.crashkit import temp_files

START = datetime(2026, 11, 25, 21, 30, tzinfo=BERLIN)
Fields = tuple[str, str, str, int, int | None, str]  # day, who, kind, warmth, minutes, note

names = st.sampled_from(["Sam", "Ada", "Noor", "[red]Mia[/red]", "Kiki 🐈", "عمر", "  Ole  "])
drafts = st.builds(
    ContactDraft,
    who=names,
    kind=st.sampled_from(["hug", "cuddle", "long talk"]),
    warmth=st.integers(1, 5),
    minutes=st.none() | st.integers(0, 1440),
    note=st.sampled_from(["", "warm", "a\nb", "\x1b[31mred\x1b[0m", "x" * 300]),
)
back = st.integers(0, 9)


@dataclass
class Model:
    """What the data file should hold, and what undo should do next."""

    contacts: dict[str, Fields] = field(default_factory=dict)
    rest: dict[str, str] = field(default_factory=dict)
    undo: list[tuple[str, Any]] = field(default_factory=list)


def _fields(draft: ContactDraft, day: date) -> Fields:
    return (day.isoformat(), draft.who, draft.kind, draft.warmth, draft.minutes, draft.note)


def _state(store: Store) -> tuple[dict[str, Fields], dict[str, str]]:
    contacts = {
        c.id: (c.day.isoformat(), c.who, c.kind, c.warmth, c.minutes, c.note) for c in store.all_contacts()
    }
    rest = {day.isoformat(): r.reason for day, r in store.rest_days().items()}
    return contacts, rest


class StoreMachine(RuleBasedStateMachine):
    """Random changes through the Store, mirrored in a Model, compared after every step."""

    base: Path = Path(tempfile.gettempdir())
    steps = 0

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(dir=self.base))
        self.path = self.folder / "oxytui.json"
        self.clock = FakeClock(START)
        self.store = Store.open(self.path, clock=self.clock)
        self.model = Model()

    def teardown(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    def _ids(self) -> list[str]:
        return sorted(self.model.contacts)

    # --- changes ------------------------------------------------------------------------

    @rule(draft=drafts, days_back=back)
    def add(self, draft: ContactDraft, days_back: int) -> None:
        day = self.store.today() - timedelta(days=days_back)
        contact = self.store.add_contact(draft, day)
        assert contact.id not in self.model.contacts
        self.model.contacts[contact.id] = _fields(draft, day)
        self.model.undo.append(("drop", contact.id))

    @precondition(lambda self: self.model.contacts)
    @rule(draft=drafts, pick=st.integers(0, 1000))
    def edit(self, draft: ContactDraft, pick: int) -> None:
        ids = self._ids()
        target = ids[pick % len(ids)]
        old = self.model.contacts[target]
        self.store.edit_contact(target, draft)
        self.model.contacts[target] = (old[0], *_fields(draft, date.min)[1:])
        self.model.undo.append(("put", (target, old)))

    @precondition(lambda self: self.model.contacts)
    @rule(pick=st.integers(0, 1000))
    def delete(self, pick: int) -> None:
        ids = self._ids()
        target = ids[pick % len(ids)]
        old = self.model.contacts.pop(target)
        self.store.delete_contact(target)
        self.model.undo.append(("put", (target, old)))

    @rule(days_back=back, reason=st.sampled_from(["", "ill", " travelling "]))
    def toggle_rest_day(self, days_back: int, reason: str) -> None:
        day = self.store.today() - timedelta(days=days_back)
        key = day.isoformat()
        previous = self.model.rest.get(key)
        if previous is None:
            self.store.set_rest_day(day, reason)
            self.model.rest[key] = reason.strip()
            self.model.undo.append(("unrest", key))
        else:
            self.store.clear_rest_day(day)
            del self.model.rest[key]
            self.model.undo.append(("rest", (key, previous)))

    @rule()
    def undo(self) -> None:
        done = self.store.undo()
        if not self.model.undo:
            assert done is None
            return
        assert done is not None
        action, value = self.model.undo.pop()
        if action == "drop":
            self.model.contacts.pop(value, None)
        elif action == "put":
            self.model.contacts[value[0]] = value[1]
        elif action == "unrest":
            self.model.rest.pop(value, None)
        else:
            self.model.rest[value[0]] = value[1]

    @rule(days=st.integers(0, 3))
    def next_days(self, days: int) -> None:
        self.clock.now += timedelta(days=days, hours=1)

    # --- reopening, crashing, importing --------------------------------------------------

    @rule()
    def reopen(self) -> None:
        self.store = Store.open(self.path, clock=self.clock)
        self.model.undo.clear()  # undo covers the changes of one session

    @rule(draft=drafts, where=st.sampled_from(["replace", "fsync", "link"]))
    def failed_save_then_reopen(self, draft: ContactDraft, where: str) -> None:
        before = self.path.read_bytes() if self.path.exists() else None
        real = getattr(os, where)
        calls = [0]

        def fail_last(*args: Any) -> Any:
            calls[0] += 1
            if where != "fsync" or calls[0] == 2:  # for fsync: the folder's, after the rename
                raise OSError(errno.EIO, os.strerror(errno.EIO))
            return real(*args)

        with mock.patch.object(os, where, fail_last):
            try:
                contact = self.store.add_contact(draft)
            except WriteFailedError:
                assert (self.path.read_bytes() if self.path.exists() else None) == before
            else:  # a failed hard link is tolerated: the replace is still atomic
                assert where == "link"
                self.model.contacts[contact.id] = _fields(draft, self.store.today())
        self.reopen()

    @precondition(lambda self: self.path.exists())
    @rule(data=st.binary(max_size=200))
    def killed_mid_write_then_reopen(self, data: bytes) -> None:
        """What a kill between the temp file and the rename leaves: a partial temp file and a link."""
        (self.folder / ".oxytui.json.k1ll3d.tmp").write_bytes(self.path.read_bytes()[:50] + data)
        os.link(self.path, self.folder / ".oxytui.json.k1ll3d.tmp.old")
        self.reopen()
        assert temp_files(self.folder) == []

    @rule()
    def import_own_export(self) -> None:
        exported = json.loads(to_json(self.store.export_data()))
        result = self.store.import_data(exported)
        assert result.added == 0
        assert result.skipped == len(self.model.contacts) + len(self.model.rest)

    @rule(new=st.lists(st.tuples(drafts, back), max_size=3), reuse=st.booleans(), rest_back=back)
    def import_other_export(self, new: list[tuple[ContactDraft, int]], reuse: bool, rest_back: int) -> None:
        other = Store.open(self.folder / "other" / "oxytui.json", clock=self.clock)
        for draft, days_back in new:
            other.add_contact(draft, other.today() - timedelta(days=days_back))
        other.set_rest_day(other.today() - timedelta(days=rest_back), "from the other file")
        exported = json.loads(to_json(other.export_data()))
        if reuse and self.model.contacts and exported["contacts"]:  # same id as one here: skipped
            exported["contacts"][0]["id"] = self._ids()[0]
        result = self.store.import_data(exported)
        added = 0
        for record in exported["contacts"]:
            if record["id"] not in self.model.contacts:
                fields = (record["day"], record["who"], record["kind"], record["warmth"])
                self.model.contacts[record["id"]] = (*fields, record["minutes"], record["note"])
                added += 1
        for record in exported["rest_days"]:
            if record["day"] not in self.model.rest:
                self.model.rest[record["day"]] = record["reason"]
                added += 1
        assert result.added == added
        shutil.rmtree(self.folder / "other")

    @rule(draft=drafts)
    def another_store_adds(self, draft: ContactDraft) -> None:
        contact = Store.open(self.path, clock=self.clock).add_contact(draft)
        self.model.contacts[contact.id] = _fields(draft, self.store.today())

    # --- the comparison ------------------------------------------------------------------

    @invariant()
    def file_and_store_match_the_model(self) -> None:
        StoreMachine.steps += 1
        expected = (self.model.contacts, self.model.rest)
        assert _state(Store.open(self.path, clock=self.clock)) == expected
        self.store.refresh()
        assert _state(self.store) == expected
        assert self.store.can_undo == bool(self.model.undo)


EXAMPLES = 2000


@pytest.fixture
def no_fsync() -> Iterator[None]:
    """Skip the disk flush: this checks the store's logic; the kill and fault tests flush for real."""
    with mock.patch.object(os, "fsync", lambda fd: None):
        yield


@pytest.mark.usefixtures("no_fsync")
def test_store_matches_the_model(tmp_path: Path) -> None:
    StoreMachine.base = tmp_path
    StoreMachine.steps = 0
    run_state_machine_as_test(
        StoreMachine,
        settings=settings(
            max_examples=EXAMPLES,
            stateful_step_count=6,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        ),
    )
    print(f"model check: {EXAMPLES} examples, {StoreMachine.steps} checked steps")
    assert StoreMachine.steps > EXAMPLES


def _forgetful_undo(self: Store) -> str | None:
    return None


def _forgetful_edit(self: Store, contact_id: str, draft: ContactDraft) -> None:
    return None


@pytest.mark.parametrize("broken", [_forgetful_undo, _forgetful_edit], ids=["undo", "edit"])
@pytest.mark.usefixtures("no_fsync")
def test_the_model_check_can_fail(broken: Any, tmp_path: Path) -> None:
    """A store that forgets things is caught by the same machine."""
    StoreMachine.base = tmp_path
    quick = settings(
        max_examples=100,
        stateful_step_count=6,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.generate],
        report_multiple_bugs=False,
    )
    name = {"_forgetful_undo": "undo", "_forgetful_edit": "edit_contact"}[broken.__name__]
    with mock.patch.object(Store, name, broken), pytest.raises(AssertionError):
        run_state_machine_as_test(StoreMachine, settings=quick)
