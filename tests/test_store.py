"""The Store facade on real files: contacts, undo, rest days, recalls, settings, import, two stores."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from oxytui.core.model import ContactDraft, Ratings, Recall, Settings, ValidationError, new_id
from oxytui.store import Store
from oxytui.store.fileformat import Data, decode
from tests.conftest import BERLIN, FakeClock

TODAY = date(2026, 11, 25)  # the clock fixture's logical day


def draft(who: str = "Sam", kind: str = "hug", warmth: int = 3) -> ContactDraft:
    return ContactDraft(who, kind, warmth)


def on_disk(db_path: Path) -> dict[str, dict[str, dict[str, object]]]:
    data: dict[str, dict[str, dict[str, object]]] = json.loads(db_path.read_text(encoding="utf-8"))
    return data


def same_as_reopened(store: Store) -> None:
    """What the store holds in memory is what a fresh open of its file sees."""
    fresh = Store.open(store.path)
    assert normalised(fresh.export_data()) == normalised(store.export_data())


def normalised(export: dict[str, Any]) -> dict[str, Any]:
    """An export with contacts logged at the same moment put in id order."""
    return {
        **export,
        "contacts": sorted(export["contacts"], key=lambda c: (c["day"], c["logged_at"], c["id"])),
    }


# --- contacts -------------------------------------------------------------------------------


def test_new_store_is_empty_and_creates_no_file(store: Store, db_path: Path) -> None:
    assert store.all_contacts() == []
    assert store.contacts_on(TODAY) == []
    assert store.settings == Settings()
    assert not db_path.exists()


def test_add_contact_saves_to_disk(store: Store, db_path: Path, clock: FakeClock) -> None:
    contact = store.add_contact(ContactDraft("Sam", "hug", 4, 20, "by the door"))
    assert contact.day == TODAY
    assert contact.logged_at == clock.now.astimezone(UTC)
    assert contact.utc_offset == "+01:00"
    assert store.contacts_on(TODAY) == [contact]
    assert store.contact(contact.id) == contact
    stored = on_disk(db_path)
    assert stored["meta"]["1"]["schema_version"] == 2
    [record] = stored["contacts"].values()
    assert record == {
        "id": contact.id,
        "day": "2026-11-25",
        "logged_at": "2026-11-25T20:30:00.000000+00:00",
        "utc_offset": "+01:00",
        "who": "Sam",
        "kind": "hug",
        "warmth": 4,
        "minutes": 20,
        "note": "by the door",
    }
    same_as_reopened(store)


def test_contact_after_midnight_belongs_to_the_evening_before(store: Store, clock: FakeClock) -> None:
    clock.now = datetime(2026, 11, 26, 0, 30, tzinfo=BERLIN)
    assert store.add_contact(draft()).day == TODAY
    clock.now = datetime(2026, 11, 26, 4, 0, tzinfo=BERLIN)
    assert store.add_contact(draft("Kim")).day == TODAY + timedelta(days=1)


def test_contacts_on_is_oldest_first_and_per_day(store: Store, clock: FakeClock) -> None:
    first = store.add_contact(draft("A"))
    clock.now += timedelta(minutes=5)
    second = store.add_contact(draft("B"))
    clock.now += timedelta(minutes=5)
    earlier_day = store.add_contact(draft("C"), TODAY - timedelta(days=3))
    assert store.contacts_on(TODAY) == [first, second]
    assert store.contacts_on(TODAY - timedelta(days=3)) == [earlier_day]
    assert store.days_with_contacts() == {TODAY, TODAY - timedelta(days=3)}
    assert [c.who for c in store.all_contacts()] == ["C", "A", "B"]


def test_future_day_refused_and_nothing_written(store: Store, db_path: Path) -> None:
    with pytest.raises(ValidationError) as caught:
        store.add_contact(draft(), TODAY + timedelta(days=1))
    assert set(caught.value.errors) == {"day"}
    assert "has not come yet" in caught.value.errors["day"]
    assert not db_path.exists()
    with pytest.raises(ValidationError):
        store.set_rest_day(TODAY + timedelta(days=2))


def test_edit_and_delete(store: Store) -> None:
    contact = store.add_contact(draft("Sam"))
    edited = store.edit_contact(contact.id, ContactDraft("Samantha", "cuddle", 5, 30, "sofa"))
    assert edited.id == contact.id and edited.day == contact.day and edited.logged_at == contact.logged_at
    assert store.contacts_on(TODAY) == [edited]
    same_as_reopened(store)
    deleted = store.delete_contact(contact.id)
    assert deleted == edited
    assert store.contacts_on(TODAY) == [] and store.contact(contact.id) is None
    assert store.days_with_contacts() == set()
    same_as_reopened(store)


def test_edit_or_delete_a_missing_contact_names_the_contact(store: Store) -> None:
    actions: list[Callable[[], object]] = [
        lambda: store.edit_contact("nope", draft()),
        lambda: store.delete_contact("nope"),
    ]
    for action in actions:
        with pytest.raises(ValidationError) as caught:
            action()
        assert set(caught.value.errors) == {"contact"}


def test_undo_several_steps_back(store: Store, clock: FakeClock) -> None:
    yesterday = TODAY - timedelta(days=1)
    a = store.add_contact(draft("A"))
    clock.now += timedelta(minutes=1)
    b = store.add_contact(draft("B"))
    store.edit_contact(a.id, draft("A2", warmth=5))
    store.delete_contact(b.id)
    store.set_rest_day(yesterday, "ill")
    seen, descriptions = [], []
    while store.can_undo:
        seen.append(([c.who for c in store.contacts_on(TODAY)], store.is_rest_day(yesterday)))
        descriptions.append(store.undo())
        same_as_reopened(store)
    seen.append(([c.who for c in store.contacts_on(TODAY)], store.is_rest_day(yesterday)))
    assert seen == [
        (["A2"], True),
        (["A2"], False),
        (["A2", "B"], False),
        (["A", "B"], False),
        (["A"], False),
        ([], False),
    ]
    assert descriptions == [
        "marked Tue 24 Nov 2026 as a rest day",
        "deleted B",
        "edited A",
        "added B",
        "added A",
    ]
    assert store.undo() is None


def test_undo_restores_exact_records(store: Store) -> None:
    a = store.add_contact(ContactDraft("A", "hug", 2, 5, "n"))
    store.edit_contact(a.id, draft("Z"))
    store.delete_contact(a.id)
    assert store.undo() == "deleted Z"
    assert store.contact(a.id) == a.with_draft(draft("Z"))
    assert store.undo() == "edited A"
    assert store.contact(a.id) == a
    same_as_reopened(store)


def test_undo_only_reverts_this_stores_change(store: Store, db_path: Path, clock: FakeClock) -> None:
    mine = store.add_contact(draft("Mine"))
    other = Store.open(db_path, clock=clock)
    theirs = other.add_contact(draft("Theirs"))
    assert store.undo() == "added Mine"
    assert [c.id for c in store.all_contacts()] == [theirs.id]
    assert Store.open(db_path).contact(mine.id) is None
    assert other.undo() == "added Theirs"
    assert Store.open(db_path).all_contacts() == []


# --- rest days ---------------------------------------------------------------------------------


def test_rest_days_set_clear_toggle_and_undo(store: Store, db_path: Path) -> None:
    day = TODAY - timedelta(days=2)
    rest = store.set_rest_day(day, "  ill  ")
    assert rest.reason == "ill"
    assert store.is_rest_day(day) and store.rest_days() == {day: rest}
    assert Store.open(db_path).rest_days() == {day: rest}
    store.set_rest_day(day, "travelling")
    assert store.rest_days()[day].reason == "travelling"
    assert len(on_disk(db_path)["rest_days"]) == 1
    assert store.undo() is not None
    assert store.rest_days()[day].reason == "ill"
    store.clear_rest_day(day)
    assert not store.is_rest_day(day)
    assert Store.open(db_path).rest_days() == {}
    store.clear_rest_day(day)  # clearing a day that is not a rest day changes nothing
    assert store.undo() is not None  # undoes the clear
    assert store.rest_days()[day].reason == "ill"
    assert store.toggle_rest_day(day) is False
    assert store.toggle_rest_day(day) is True
    assert store.rest_days()[day].reason == ""
    assert store.undo() is not None
    assert not store.is_rest_day(day)
    assert store.undo() is not None
    assert store.is_rest_day(day)
    same_as_reopened(store)


def test_rest_day_reason_too_long(store: Store) -> None:
    with pytest.raises(ValidationError) as caught:
        store.set_rest_day(TODAY, "r" * 201)
    assert set(caught.value.errors) == {"reason"}


# --- recalls and settings ----------------------------------------------------------------------


def make_recall(day: date = TODAY, *, completed: bool = True, minute: int = 0) -> Recall:
    return Recall(
        id=new_id(),
        day=day,
        started_at=datetime(2026, 11, 25, 20, minute, tzinfo=UTC),
        finished_at=datetime(2026, 11, 25, 20, minute + 3, tzinfo=UTC),
        script="safe-place",
        figure="Grandma",
        before=Ratings(7, 3),
        after=Ratings(4, None),
        completed=completed,
        note="warm kitchen",
    )


def test_recalls_saved_and_listed(store: Store, db_path: Path) -> None:
    later = store.add_recall(make_recall(minute=30))
    earlier = store.add_recall(make_recall(minute=5, completed=False))
    assert store.recalls() == [earlier, later]
    assert Store.open(db_path).recalls() == [earlier, later]


def test_settings_update_persisted(store: Store, db_path: Path, clock: FakeClock) -> None:
    settings = store.update_settings(day_start_hour=0, week_start="sunday", goal_warm_days=3)
    assert store.settings == settings
    assert (settings.day_start_hour, settings.week_start, settings.goal_warm_days) == (0, "sunday", 3)
    reopened = Store.open(db_path, clock=clock)
    assert reopened.settings == settings
    clock.now = datetime(2026, 11, 26, 0, 30, tzinfo=BERLIN)
    assert reopened.today() == date(2026, 11, 26)
    assert len(on_disk(db_path)["settings"]) == 1


def test_bad_settings_refused_and_nothing_saved(store: Store, db_path: Path) -> None:
    with pytest.raises(ValidationError) as caught:
        store.update_settings(day_start_hour=24, goal_recalls=-1)
    assert set(caught.value.errors) == {"day_start_hour", "goal_recalls"}
    assert store.settings == Settings()
    assert not db_path.exists()


# --- reading from memory, refresh and two stores -----------------------------------------------


def test_reads_are_served_from_memory(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    store.add_contact(draft())
    calls: list[Path] = []

    def counting_decode(raw: bytes, path: Path) -> tuple[Data, int]:
        calls.append(path)
        return decode(raw, path)

    monkeypatch.setattr("oxytui.store.storage.decode", counting_decode)
    for _ in range(50):
        store.contacts_on(TODAY)
        store.all_contacts()
        store.recalls()
        store.rest_days()
        store.everyone()
        store.export_data()
    assert calls == []


def test_refresh_picks_up_another_stores_write(store: Store, db_path: Path, clock: FakeClock) -> None:
    store.add_contact(draft("Mine"))
    assert store.refresh() is False
    changes = store.version
    other = Store.open(db_path, clock=clock)
    other.add_contact(draft("Theirs"))
    other.set_rest_day(TODAY)
    assert [c.who for c in store.contacts_on(TODAY)] == ["Mine"]  # not yet
    assert store.refresh() is True
    assert store.version > changes
    assert [c.who for c in store.contacts_on(TODAY)] == ["Mine", "Theirs"]
    assert store.is_rest_day(TODAY)
    assert store.refresh() is False


def test_a_reopened_file_numbers_its_next_record_after_the_largest(db_path: Path, clock: FakeClock) -> None:
    # Record numbers past 9 compare wrongly as text ("9" > "11"); a save after reopening must not
    # take a number that is in use.
    store = Store.open(db_path, clock=clock)
    for number in range(12):
        store.add_contact(draft(f"p{number}"))
    store.delete_contact(store.all_contacts()[-1].id)
    reopened = Store.open(db_path, clock=clock)
    reopened.add_contact(draft("new"))
    assert sorted(map(int, on_disk(db_path)["contacts"])) == list(range(1, 13))
    assert len(Store.open(db_path).all_contacts()) == 12


def test_two_stores_never_lose_each_others_records(db_path: Path, clock: FakeClock) -> None:
    first = Store.open(db_path, clock=clock)
    second = Store.open(db_path, clock=clock)
    ids = set()
    for round_ in range(5):
        ids.add(first.add_contact(draft(f"first {round_}")).id)
        ids.add(second.add_contact(draft(f"second {round_}")).id)
    ids.add(first.add_recall(make_recall()).id)
    second.update_settings(goal_recalls=1)
    first.set_rest_day(TODAY - timedelta(days=1))
    reopened = Store.open(db_path)
    assert {c.id for c in reopened.all_contacts()} | {r.id for r in reopened.recalls()} == ids
    assert reopened.settings.goal_recalls == 1
    assert reopened.is_rest_day(TODAY - timedelta(days=1))
    assert len(on_disk(db_path)["contacts"]) == 10
    for store in (first, second):
        store.refresh()
        assert store.export_data() == reopened.export_data()


def test_edit_of_a_contact_deleted_elsewhere(db_path: Path, clock: FakeClock) -> None:
    first = Store.open(db_path, clock=clock)
    contact = first.add_contact(draft())
    second = Store.open(db_path, clock=clock)
    second.delete_contact(contact.id)
    first.edit_contact(contact.id, draft("Kim"))  # the stale store still knows it: its edit puts it back
    assert [c.who for c in Store.open(db_path).all_contacts()] == ["Kim"]


# --- export and import -------------------------------------------------------------------------


def test_import_merges_by_id_and_skips_present(store: Store, tmp_path: Path, clock: FakeClock) -> None:
    store.add_contact(draft("A"))
    store.add_recall(make_recall())
    store.set_rest_day(TODAY - timedelta(days=1), "ill")
    store.update_settings(goal_warm_days=2)
    exported = store.export_data()

    target = Store.open(tmp_path / "other.json", clock=clock)
    target.add_contact(draft("B"))
    result = target.import_data(exported)
    assert (result.added, result.skipped) == (3, 0)
    assert target.settings.goal_warm_days == 2
    again = target.import_data(exported)
    assert (again.added, again.skipped) == (0, 3)
    assert sorted(c.who for c in target.all_contacts()) == ["A", "B"]
    assert Store.open(tmp_path / "other.json").export_data() == target.export_data()


def test_import_keeps_existing_settings(store: Store, tmp_path: Path) -> None:
    store.update_settings(goal_warm_days=6)
    exported = {**store.export_data(), "settings": {**store.export_data()["settings"], "goal_warm_days": 1}}
    assert store.import_data(exported).added == 0
    assert store.settings.goal_warm_days == 6


@pytest.mark.parametrize(
    ("data", "says"),
    [
        ([], "not an object"),
        ({"schema_version": 99}, "schema_version 99"),
        ({"schema_version": "1"}, "schema_version"),
        ({"schema_version": 1, "contacts": {}}, "'contacts' is not a list"),
        ({"schema_version": 1, "contacts": [1]}, "contacts record 1"),
        ({"schema_version": 1, "contacts": [{"id": "x"}]}, "contacts record 1"),
        ({"schema_version": 1, "rest_days": [{"day": "2026-02-30", "reason": ""}]}, "rest_days record 1"),
        ({"schema_version": 1, "settings": {"day_start_hour": 99}}, "day_start_hour"),
    ],
)
def test_import_refuses_bad_exports(store: Store, db_path: Path, data: object, says: str) -> None:
    store.add_contact(draft())
    before = db_path.read_bytes()
    with pytest.raises(ValidationError) as caught:
        store.import_data(data)
    assert set(caught.value.errors) == {"import"}
    assert says in caught.value.errors["import"]
    assert db_path.read_bytes() == before


def test_stale_store_importing_what_another_imported_adds_no_duplicates(
    store: Store, db_path: Path, tmp_path: Path, clock: FakeClock
) -> None:
    source = Store.open(tmp_path / "source.json", clock=clock)
    source.add_contact(draft("A"))
    source.add_contact(draft("B"))
    exported = source.export_data()
    stale = Store.open(db_path, clock=clock)
    assert store.import_data(exported).added == 2
    result = stale.import_data(exported)  # its memory predates the other import
    assert (result.added, result.skipped) == (0, 2)
    assert len(on_disk(db_path)["contacts"]) == 2
    assert sorted(c.who for c in stale.all_contacts()) == ["A", "B"]


def test_import_with_the_same_id_twice_adds_it_once(store: Store, db_path: Path) -> None:
    contact = store.add_contact(draft("A"))
    exported = store.export_data()
    other = Store.open(db_path.with_name("other.json"))
    twice = {**exported, "contacts": exported["contacts"] * 2}
    result = other.import_data(twice)
    assert (result.added, result.skipped) == (1, 1)
    assert [c.id for c in other.all_contacts()] == [contact.id]
    assert len(on_disk(other.path)["contacts"]) == 1


def test_stale_settings_change_keeps_the_other_stores_change(db_path: Path, clock: FakeClock) -> None:
    first = Store.open(db_path, clock=clock)
    first.add_contact(draft())
    stale = Store.open(db_path, clock=clock)
    first.update_settings(goal_warm_days=2)
    stale.update_settings(week_start="sunday")
    settings = Store.open(db_path).settings
    assert (settings.goal_warm_days, settings.week_start) == (2, "sunday")
    assert stale.settings == settings


# --- a random walk of changes and undos, checked against a plain model ----------------------------


class StoreWalk(RuleBasedStateMachine):
    """Random adds, edits, deletes, rest day toggles and undos; the file always says what the model says."""

    def __init__(self) -> None:
        super().__init__()
        self.folder = tempfile.TemporaryDirectory()
        self.clock = FakeClock(datetime(2026, 11, 25, 21, 30, tzinfo=BERLIN))
        self.store = Store.open(Path(self.folder.name) / "walk.json", clock=self.clock)
        self.contacts: dict[str, str] = {}
        self.rest: set[date] = set()
        self.history: list[tuple[dict[str, str], set[date]]] = []

    def _remember(self) -> None:
        self.history.append((dict(self.contacts), set(self.rest)))

    @rule(who=st.sampled_from(["Sam", "Kim", "Rex", "Ana"]))
    def add(self, who: str) -> None:
        self.clock.now += timedelta(seconds=1)
        self._remember()
        self.contacts[self.store.add_contact(draft(who)).id] = who

    @precondition(lambda self: bool(self.contacts))
    @rule(data=st.data(), who=st.sampled_from(["Lou", "Max"]))
    def edit(self, data: st.DataObject, who: str) -> None:
        contact_id = data.draw(st.sampled_from(sorted(self.contacts)))
        self._remember()
        self.store.edit_contact(contact_id, draft(who))
        self.contacts[contact_id] = who

    @precondition(lambda self: bool(self.contacts))
    @rule(data=st.data())
    def delete(self, data: st.DataObject) -> None:
        contact_id = data.draw(st.sampled_from(sorted(self.contacts)))
        self._remember()
        self.store.delete_contact(contact_id)
        del self.contacts[contact_id]

    @rule(back=st.integers(min_value=0, max_value=3))
    def toggle_rest_day(self, back: int) -> None:
        day = TODAY - timedelta(days=back)
        self._remember()
        assert self.store.toggle_rest_day(day) is (day not in self.rest)
        self.rest ^= {day}

    @rule()
    def undo(self) -> None:
        if self.history:
            assert self.store.undo() is not None
            self.contacts, self.rest = self.history.pop()
        else:
            assert self.store.undo() is None

    @invariant()
    def matches_model_in_memory_and_on_disk(self) -> None:
        for seen in (self.store, Store.open(self.store.path)):
            assert {c.id: c.who for c in seen.all_contacts()} == self.contacts
            assert set(seen.rest_days()) == self.rest

    def teardown(self) -> None:
        self.folder.cleanup()


StoreWalk.TestCase.settings = settings(max_examples=60, stateful_step_count=20, deadline=None)
test_store_walk = StoreWalk.TestCase
