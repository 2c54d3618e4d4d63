"""After any change of ours the Store's records (parsed again only where the change reached, the by-day
index patched) are those read anew from the data: edits, deletes, undo, renames, people, rest days,
settings, recalls, imports, another process's writes, a change that stops halfway, one id twice."""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oxytui.core.model import ContactDraft, Ratings, Recall, ValidationError, new_id
from oxytui.core.records import contact_to_dict, recall_to_dict
from oxytui.store import Store, WriteFailedError
from oxytui.store.fileformat import decode
from oxytui.store.views import Records
from tests.conftest import BERLIN, FakeClock

START = datetime(2026, 11, 25, 21, 30, tzinfo=BERLIN)
ACTIONS = [
    "add", "edit", "delete", "undo", "rename", "person", "rest", "settings", "recall", "import",
    "other_add", "other_delete", "halfway", "swap", "full_disk", "twice", "twice_ours",
]  # fmt: skip


class Stopped(Exception):
    """Raised by a change on purpose, halfway through it."""


@pytest.fixture(autouse=True)
def no_fsync() -> Iterator[None]:
    """These check what the Store reads back, not durability (the kill and fault tests flush for real)."""
    with mock.patch.object(os, "fsync", lambda fd: None):
        yield


def recall(day: date, figure: str) -> Recall:
    started = datetime.combine(day, datetime.min.time(), UTC) + timedelta(hours=20)
    return Recall(new_id(), day, started, started + timedelta(minutes=4), "evening", figure, Ratings(5, 3))


def by_day_ids(records: Records) -> dict[date, list[str]]:
    return {day: [c.id for c in contacts] for day, contacts in records.by_day.items()}


def assert_same(kept: Records, fresh: Records) -> None:
    assert kept.contacts == fresh.contacts
    assert kept.contact_docs == fresh.contact_docs
    assert by_day_ids(kept) == by_day_ids(fresh)
    assert kept.by_day == fresh.by_day
    assert kept.recalls == fresh.recalls
    assert kept.rest == fresh.rest
    assert kept.people == fresh.people
    assert kept.settings == fresh.settings


def assert_records_true(store: Store) -> None:
    """The store's records are those of the data it holds, and (when no one else wrote) of the file."""
    kept = store.records
    on_disk = Records(decode(store.path.read_bytes(), store.path)[0], store.path)
    held = store._storage._data  # None after a change that stopped: the file is read again next
    if held is not None:
        assert_same(kept, Records(held, store.path))
    if not store._storage.changed_on_disk():
        assert_same(kept, on_disk)
    assert_same(Store.open(store.path, clock=store._clock).records, on_disk)


def step(store: Store, action: str, pick: int, back: int) -> None:
    """One change to `store` (or to its file by another process)."""
    day = store.today() - timedelta(days=back)
    ids = sorted(store.records.contacts)
    target = ids[pick % len(ids)] if ids else None
    names = sorted({c.who for c in store.records.contacts.values()})
    who = names[pick % len(names)] if names else None
    if action == "add":
        store.add_contact(ContactDraft(f"P{pick % 4}", "hug", 1 + pick % 5), day)
    elif action == "edit" and target:
        store.edit_contact(target, ContactDraft(f"P{pick % 3}", "call", 1 + back % 5))
    elif action == "delete" and target:
        store.delete_contact(target)
    elif action == "undo":
        store.undo()
    elif action == "rename" and who:
        with contextlib.suppress(ValidationError):  # onto the name it already has everywhere
            store.rename_person(who, f"p{pick % 3}" if back % 2 else f"Q{pick % 2}")
    elif action == "person" and who:
        store.set_person(who, every_days=1 + pick % 30, note=f"note {back}")
    elif action == "rest":
        store.toggle_rest_day(day)
    elif action == "settings":
        store.update_settings(day_start_hour=pick % 6, goal_recalls=1 + back % 7)
    elif action == "recall":
        store.add_recall(recall(day, who or "P1"))
    elif action == "import":
        export: dict[str, Any] = {
            "schema_version": 2,
            "contacts": [
                contact_to_dict(store.records.contacts[target]) if target and back % 2 else None,
                *(
                    {**contact_to_dict(store.records.contacts[ids[0]]), "id": new_id(), "day": d.isoformat()}
                    for d in (day, day - timedelta(days=1))
                    if ids
                ),
            ],
            "recalls": [recall_to_dict(recall(day, f"P{pick % 4}"))],
            "rest_days": [{"day": day.isoformat(), "reason": "away"}],
            "people": [{"name": f"P{pick % 4}", "every_days": 7, "remembered": False, "note": ""}],
        }
        export["contacts"] = [c for c in export["contacts"] if c is not None]
        store.import_data(export)
    elif action == "other_add":
        Store.open(store.path, clock=store._clock).add_contact(ContactDraft("Other", "hug", 2), day)
    elif action == "other_delete":
        other = Store.open(store.path, clock=store._clock)
        if theirs := sorted(other.records.contacts):
            other.delete_contact(theirs[pick % len(theirs)])
    elif action in ("halfway", "swap"):  # one change removes a document and adds one (its id, if last)

        def change() -> None:
            table, records = store.db.table("contacts"), store.records  # the newest file's
            if gone := sorted(records.contacts)[pick % len(records.contacts)] if records.contacts else None:
                table.remove(doc_ids=[records.contact_docs[gone]])
                table.insert({**contact_to_dict(records.contacts[gone]), "id": new_id(), "warmth": 1})
            store.db.table("recalls").insert(recall_to_dict(recall(day, "Half")))
            if action == "halfway":  # and then stops
                raise Stopped

        with pytest.raises(Stopped) if action == "halfway" else contextlib.nullcontext():
            store.write(change)
    elif action == "full_disk":  # a save the disk refuses: nothing changed, the file read again
        with (
            mock.patch("oxytui.store.storage.atomic_write", side_effect=OSError(errno.ENOSPC, "full")),
            pytest.raises(WriteFailedError),
        ):
            store.add_contact(ContactDraft("Full", "hug", 2), day)
    elif action in ("twice", "twice_ours"):  # the file comes to hold one contact id twice
        other = Store.open(store.path, clock=store._clock) if action == "twice" else store
        if theirs := sorted(other.records.contacts):
            document = contact_to_dict(other.records.contacts[theirs[pick % len(theirs)]])
            other.write(lambda: other.db.table("contacts").insert({**document, "day": day.isoformat()}))


Plan = list[tuple[str, int, int]]
plans = st.lists(
    st.tuples(st.sampled_from(ACTIONS), st.integers(0, 1000), st.integers(0, 9)), min_size=1, max_size=12
)


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(plans)
def test_the_records_after_any_change_are_those_read_anew(tmp_path: Path, plan: Plan) -> None:
    path = tmp_path / f"records-{len(list(tmp_path.iterdir()))}" / "oxytui.json"
    store = Store.open(path, clock=FakeClock(START))
    for who, back in (("Sam", 0), ("Mia", 1), ("Lin", 1), ("Sam", 3)):
        store.add_contact(ContactDraft(who, "hug", 3), store.today() - timedelta(days=back))
    store.add_recall(recall(store.today(), "Mia"))
    for action, pick, back in plan:
        with contextlib.suppress(ValidationError):  # a person or contact another process took away
            step(store, action, pick, back)
        if not action.startswith("other"):  # another process's write is seen at our next change
            assert_records_true(store)
    store.refresh()
    assert_records_true(store)
