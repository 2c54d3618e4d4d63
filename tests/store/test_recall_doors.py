"""A recall's rules are checked by validate.recall_errors at every door, not by the model itself: the same
rating or text is refused (or taken) alike by add_recall, by an import, by reading the data file (the
typed read and the record-by-record one) and by a restore, and a refused one is never stored."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oxytui.core.model import FIGURE_MAX, KIND_MAX, NOTE_MAX, Ratings, Recall, ValidationError
from oxytui.store import Store, UnreadableFileError, views
from oxytui.store.backups import backup_path, newest_good_backup, restore_backup
from tests.conftest import BERLIN, STORED_RECALL, FakeClock

NOW = datetime(2026, 11, 25, 21, 30, tzinfo=BERLIN)
GOOD = {**STORED_RECALL}

ratings = st.one_of(
    st.none(),
    st.integers(-3, 13),
    st.booleans(),
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1, max_value=11),
    st.text(max_size=2),
    st.just([5]),
)
texts = st.sampled_from(
    ["", "x", " ", "\x1b[31m", "x" * FIGURE_MAX, "x" * (FIGURE_MAX + 1), "y" * (NOTE_MAX + 1)]
)


def allowed(rating: object) -> bool:
    return rating is None or (type(rating) is int and 0 <= rating <= 10)


def as_recall(document: dict[str, Any]) -> Recall:
    """The Recall the model makes of `document` without any check (as the recall screen builds one)."""
    fields = {**document}
    fields["day"] = date.fromisoformat(fields["day"])
    for name in ("started_at", "finished_at"):
        fields[name] = datetime.fromisoformat(fields[name])
    fields["before"], fields["after"] = Ratings(**fields["before"]), Ratings(**fields["after"])
    return Recall(**fields)


def write_file(path: Path, documents: list[dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    meta = {"1": {"schema_version": 2}}
    path.write_bytes(orjson.dumps({"meta": meta, "recalls": {str(i): d for i, d in enumerate(documents, 1)}}))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rating=ratings, where=st.sampled_from(["before.stress", "after.connected"]), typed=st.booleans())
def test_every_door_takes_and_refuses_a_rating_alike(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rating: object, where: str, typed: bool
) -> None:
    when, item = where.split(".")
    document = {**GOOD, "id": "a" * 32, when: {**GOOD[when], item: rating}}
    ok = allowed(rating)
    folder = tmp_path / f"d{len(list(tmp_path.iterdir()))}"
    clock = FakeClock(NOW)
    with monkeypatch.context() as patch:
        if not typed:  # the record-by-record read, as for a file the typed read cannot take whole
            patch.setattr(views, "typed_records", lambda table, documents: None)

        # Reading a file that holds it.
        held = folder / "held" / "oxytui.json"
        write_file(held, [GOOD, document])
        if ok:
            read = Store.open(held, clock=clock).records.recalls[document["id"]]
            assert read == as_recall(document)
        else:
            with pytest.raises(UnreadableFileError, match=rf"recalls #2.*'{where}'"):
                Store.open(held, clock=clock)

        # A restore of a backup that holds it; and the newest good backup skips it.
        store = Store.open(folder / "data" / "oxytui.json", clock=clock)
        store.add_recall(as_recall(GOOD))
        before = store.path.read_bytes()
        backup = backup_path(store.path, date(2026, 11, 20))
        write_file(backup, [GOOD, document])
        if ok:
            assert newest_good_backup(store.path) is not None
        else:
            assert newest_good_backup(store.path) is None
            with pytest.raises(UnreadableFileError, match=f"'{where}'"):
                restore_backup(store.path, backup, NOW)
            assert store.path.read_bytes() == before

    # Saving it.
    if ok:
        store.add_recall(as_recall(document))
        assert document["id"] in Store.open(store.path, clock=clock).records.recalls
    else:
        with pytest.raises(ValidationError, match=f"{where}"):
            store.add_recall(as_recall(document))
        assert store.path.read_bytes() == before

    # Importing it.
    export = json.loads(orjson.dumps({"schema_version": 2, "recalls": [{**document, "id": "b" * 32}]}))
    if ok:
        assert store.import_data(export).added == 1
    else:
        with pytest.raises(ValidationError, match=f"recalls record 1.*'{where}'"):
            store.import_data(export)
        assert store.path.read_bytes() == before


@pytest.mark.parametrize("field", ["script", "figure", "note"])
@given(text=texts)
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_a_recall_s_text_is_refused_by_add_recall_as_by_reading_it(
    tmp_path: Path, field: str, text: str
) -> None:
    """What the recall screen hands to add_recall (a Recall no longer checked when made) is refused
    exactly when the same record in the file would make the file unreadable; nothing is stored."""
    folder = tmp_path / f"t{len(list(tmp_path.iterdir()))}"
    clock = FakeClock(NOW)
    document = {**GOOD, field: text}
    held = folder / "held" / "oxytui.json"
    write_file(held, [document])
    try:
        Store.open(held, clock=clock)
        readable = True
    except UnreadableFileError:
        readable = False
    limit = {"script": KIND_MAX, "figure": FIGURE_MAX, "note": NOTE_MAX}[field]
    if text in ("x", ""):
        assert readable == (text == "x" or field != "script")  # only the script must be given
    if len(text) > limit:
        assert not readable
    store = Store.open(folder / "data" / "oxytui.json", clock=clock)
    if readable:
        store.add_recall(as_recall(document))
        assert list(Store.open(store.path, clock=clock).records.recalls.values()) == [as_recall(document)]
    else:
        with pytest.raises(ValidationError, match=field):
            store.add_recall(as_recall(document))
        assert not store.path.exists()  # the first save never happened


def test_a_recall_made_with_a_rating_out_of_range_is_made_but_never_saved(tmp_path: Path) -> None:
    recall = as_recall({**GOOD, "before": {"stress": 11, "connected": None}})
    assert recall.before.stress == 11  # the model takes it as it is: the door checks it
    store = Store.open(tmp_path / "oxytui.json", clock=FakeClock(NOW))
    with pytest.raises(ValidationError) as caught:
        store.add_recall(recall)
    assert caught.value.errors == {"before.stress": "stress must be from 0 to 10 (not 11)"}
    assert store.recalls() == [] and not store.path.exists()
    assert store.records.recalls == {}
    store.add_recall(as_recall(GOOD))
    assert [r.id for r in Store.open(store.path, clock=FakeClock(NOW)).recalls()] == [GOOD["id"]]
