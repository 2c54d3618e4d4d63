"""What is kept between redraws (the streak history, the people list) is built again after any change."""

from __future__ import annotations

import contextlib
from datetime import date, timedelta
from pathlib import Path

from oxytui.core.model import ContactDraft, ValidationError
from oxytui.core.streaks import History
from oxytui.reports import history_of, streak_summary, week_review
from oxytui.store import Store
from tests.conftest import FakeClock

WED = date(2026, 11, 25)


def test_history_is_reused_until_something_changes(store: Store) -> None:
    store.add_contact(ContactDraft("Sam", "hug", 4))
    first = history_of(store)
    assert history_of(store) is first  # nothing changed: the same history
    assert first.warmth == {WED: 4}


def test_history_follows_a_save_an_edit_a_delete_and_an_undo(store: Store) -> None:
    sam = store.add_contact(ContactDraft("Sam", "hug", 4))
    assert history_of(store).warmth == {WED: 4}
    mia = store.add_contact(ContactDraft("Mia", "cuddle", 2), WED - timedelta(days=1))
    assert history_of(store).warmth == {WED: 4, WED - timedelta(days=1): 2}
    store.edit_contact(sam.id, ContactDraft("Sam", "hug", 5))
    assert history_of(store).warmth[WED] == 5
    store.delete_contact(mia.id)
    assert history_of(store).warmth == {WED: 5}
    store.undo()
    assert history_of(store).warmth == {WED: 5, WED - timedelta(days=1): 2}
    store.set_rest_day(WED - timedelta(days=2))
    assert history_of(store).rest == frozenset({WED - timedelta(days=2)})
    assert streak_summary(store).daily.current == 2


def test_history_follows_another_process_write(db_path: Path, clock: FakeClock) -> None:
    dashboard = Store.open(db_path, clock=clock)
    dashboard.add_contact(ContactDraft("Sam", "hug", 3))
    before = history_of(dashboard)
    other = Store.open(db_path, clock=clock)  # `oxytui log` from a second terminal
    other.add_contact(ContactDraft("Mia", "hug", 2), WED - timedelta(days=1))
    assert dashboard.refresh()  # what the dashboard's poll does every second
    after = history_of(dashboard)
    assert after is not before
    assert after.warmth == {WED: 3, WED - timedelta(days=1): 2}
    assert streak_summary(dashboard).daily.current == 2


def test_each_store_has_its_own_history(tmp_path: Path, clock: FakeClock) -> None:
    one = Store.open(tmp_path / "one.json", clock=clock)
    two = Store.open(tmp_path / "two.json", clock=clock)
    one.add_contact(ContactDraft("Sam", "hug", 3))
    assert history_of(one).warmth == {WED: 3}
    assert history_of(two) == History.build([], [], [])


def test_people_follow_saves_and_other_writers(db_path: Path, clock: FakeClock) -> None:
    dashboard = Store.open(db_path, clock=clock)
    dashboard.add_contact(ContactDraft("Sam", "hug"))
    assert list(dashboard.everyone()) == ["sam"]
    dashboard.add_contact(ContactDraft("Mia", "hug"))
    dashboard.add_contact(ContactDraft("Mia", "cuddle"))
    assert dashboard.everyone()["mia"].contacts == 2 and set(dashboard.everyone()) == {"mia", "sam"}
    Store.open(db_path, clock=clock).add_contact(ContactDraft("Noor", "call"))
    dashboard.refresh()
    assert set(dashboard.everyone()) == {"mia", "sam", "noor"}


def test_the_review_counts_only_its_week(store: Store) -> None:
    store.add_contact(ContactDraft("Sam", "hug", 4))
    store.add_contact(ContactDraft("Mia", "hug", 3), WED - timedelta(days=7))
    review = week_review(store, WED)
    assert review.contacts == 1
    assert review.people == [("Sam", 1)]
    assert week_review(store, WED - timedelta(days=7)).people == [("Mia", 1)]


def test_all_contacts_are_by_day_then_time(store: Store, clock: FakeClock) -> None:
    late = store.add_contact(ContactDraft("Late", "hug"))
    earlier_day = store.add_contact(ContactDraft("Yesterday", "hug"), WED - timedelta(days=1))
    clock.now = clock.now - timedelta(hours=2)
    early = store.add_contact(ContactDraft("Early", "hug"))
    assert [c.id for c in store.all_contacts()] == [earlier_day.id, early.id, late.id]
    assert [c.id for c in store.contacts_between(WED, WED)] == [early.id, late.id]


def test_every_change_is_a_new_version_and_views_are_derived_once_per_version(store: Store) -> None:
    built: list[int] = []

    def build() -> int:
        built.append(store.version)
        return len(built)

    version = store.version
    store.add_contact(ContactDraft("Sam", "hug", 4))
    assert store.version == version + 1
    assert store.derived("view", build) == store.derived("view", build) == 1
    store.update_settings(goal_recalls=1)
    assert store.version == version + 2
    assert store.derived("view", build) == 2 and built == [version + 1, version + 2]


def test_a_save_reuses_the_records_it_did_not_change(store: Store) -> None:
    sam = store.add_contact(ContactDraft("Sam", "hug", 4))
    kept = store.contact(sam.id)
    store.add_contact(ContactDraft("Mia", "cuddle", 2))
    assert store.contact(sam.id) is kept  # not parsed again
    edited = store.edit_contact(sam.id, ContactDraft("Sam", "hug", 5))
    assert store.contact(sam.id) == edited and store.contact(sam.id) is not kept
    assert [c.warmth for c in Store.open(store.path).all_contacts()] == [5, 2]


def test_a_document_changed_in_place_is_read_again(store: Store) -> None:
    """Every document a change reaches is parsed again, even one TinyDB changed in place."""
    sam = store.add_contact(ContactDraft("Sam", "hug", 4))
    mia = store.add_contact(ContactDraft("Mia", "hug", 2))
    kept = store.contact(mia.id)
    doc_id = store.records.contact_docs[sam.id]
    store.write(lambda: store.db.table("contacts").update({"warmth": 5}, doc_ids=[doc_id]))
    assert [c.warmth for c in store.contacts_on(WED)] == [5, 2]
    assert store.records.contacts[sam.id].warmth == 5
    assert store.contact(mia.id) is kept  # not reached by the change: not parsed again


def test_indexes_kept_across_changes_are_those_built_from_scratch(tmp_path: Path, clock: FakeClock) -> None:
    """After each change the by-day index is patched, not rebuilt; it equals one built anew from the file."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from oxytui.store.views import Records

    steps = st.lists(
        st.tuples(
            st.sampled_from(["add", "edit", "delete", "undo", "rename", "reload"]),
            st.integers(0, 6),
            st.integers(0, 50),
        ),
        min_size=1,
        max_size=12,
    )

    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(steps)
    def check(plan: list[tuple[str, int, int]]) -> None:
        path = tmp_path / f"index-{len(list(tmp_path.iterdir()))}.json"
        store = Store.open(path, clock=clock)
        for who in ("Sam", "Mia", "Lin"):
            store.add_contact(ContactDraft(who, "hug", 3), WED - timedelta(days=len(who)))
        for action, back, pick in plan:
            day = WED - timedelta(days=back)
            ids = sorted(store.records.contacts)
            if action == "add":
                store.add_contact(ContactDraft(f"P{pick % 5}", "hug", 1 + pick % 5), day)
            elif action == "edit" and ids:
                store.edit_contact(ids[pick % len(ids)], ContactDraft("Sam", "call", 2))
            elif action == "delete" and ids:
                store.delete_contact(ids[pick % len(ids)])
            elif action == "undo":
                store.undo()
            elif action == "rename" and ids:
                who = store.records.contacts[ids[pick % len(ids)]].who
                with contextlib.suppress(ValidationError):  # a rename onto the name it has is refused
                    store.rename_person(who, f"P{pick % 3}")
            elif action == "reload":  # another process's change: everything read again
                Store.open(path, clock=clock).add_contact(ContactDraft("Other", "hug"), day)
                store.refresh()
            kept = store.records
            fresh = Records(Store.open(path, clock=clock)._storage.read(), path)
            assert kept.contacts == fresh.contacts and kept.recalls == fresh.recalls
            assert kept.contact_docs == fresh.contact_docs
            assert kept.by_day == fresh.by_day
            assert {d: [c.id for c in cs] for d, cs in kept.by_day.items()} == {
                d: [c.id for c in cs] for d, cs in fresh.by_day.items()
            }

    check()


def test_the_streak_summary_is_shared_until_the_data_the_settings_or_the_day_change(
    store: Store, clock: FakeClock
) -> None:
    store.add_contact(ContactDraft("Sam", "hug", 4))
    first = streak_summary(store)
    assert streak_summary(store) is first  # the Recall and Streaks panes read the same figures
    store.update_settings(goal_recalls=7)
    assert streak_summary(store).week.goal_recalls > first.week.goal_recalls
    assert streak_summary(store).daily.today_warm
    clock.now += timedelta(days=1)  # a new day, nothing written: tonight is open again
    assert not streak_summary(store).daily.today_warm
    assert streak_summary(store).daily.current == 1
