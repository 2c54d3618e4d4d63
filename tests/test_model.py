"""The rules a record must meet: every field checked, every wrong field named at once."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oxytui.core.model import (
    NOTE_MAX,
    WHO_MAX,
    Contact,
    ContactDraft,
    Ratings,
    Recall,
    RestDay,
    Settings,
    ValidationError,
    new_id,
    whole_number,
)
from oxytui.core.text import clean, has_lone_surrogate
from oxytui.core.validate import recall_errors, rest_day_errors


def errors_of(make: object, *args: object, **kwargs: object) -> dict[str, str]:
    assert callable(make)
    with pytest.raises(ValidationError) as caught:
        make(*args, **kwargs)
    return caught.value.errors


# --- who --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "who", ["S", "Sam", "  Sam  ", "x" * WHO_MAX, "  " + "x" * WHO_MAX + "\n", "猫", "🐈‍⬛"]
)
def test_who_accepted(who: str) -> None:
    draft = ContactDraft(who, "hug")
    assert draft.who == who.strip()


@pytest.mark.parametrize(
    "who",
    ["", "   ", "\n\t", "x" * (WHO_MAX + 1), "\x1b[31m", "\x1b]0;title\x07", "\u202e", "\x07\x00", "\u200b"],
)
def test_who_refused(who: str) -> None:
    errors = errors_of(ContactDraft, who, "hug")
    assert set(errors) == {"who"}
    assert "who" in errors["who"]


def test_who_counts_visible_characters_not_escape_codes() -> None:
    # 80 visible characters wrapped in colour codes are still 80 characters.
    who = "\x1b[1m" + "y" * WHO_MAX + "\x1b[0m"
    assert ContactDraft(who, "hug").who == who


def test_who_with_a_flood_of_invisible_codes_is_refused() -> None:
    errors = errors_of(ContactDraft, "Sam" + "\x1b[0m" * 200, "hug")
    assert "too long" in errors["who"]


def test_who_with_lone_surrogate_is_refused() -> None:
    errors = errors_of(ContactDraft, "Sam\ud800", "hug")
    assert "surrogate" in errors["who"]


def test_too_long_message_says_the_limit() -> None:
    errors = errors_of(ContactDraft, "x" * 81, "hug")
    assert "80" in errors["who"] and "81" in errors["who"]


# --- kind, warmth, minutes, note -----------------------------------------------------------


def test_kind_is_required_and_free_text() -> None:
    assert ContactDraft("Sam", " long talk ").kind == "long talk"
    assert set(errors_of(ContactDraft, "Sam", "  ")) == {"kind"}


@pytest.mark.parametrize("warmth", [1, 2, 3, 4, 5])
def test_warmth_in_range(warmth: int) -> None:
    assert ContactDraft("Sam", "hug", warmth).warmth == warmth


@pytest.mark.parametrize("warmth", [0, 6, -1, 100, True, 3.0, "3"])
def test_warmth_out_of_range(warmth: object) -> None:
    errors = errors_of(ContactDraft, "Sam", "hug", warmth)
    assert set(errors) == {"warmth"}


def test_a_number_far_out_of_range_is_not_repeated_whole() -> None:
    assert errors_of(ContactDraft, "Sam", "hug", 6)["warmth"] == "warmth must be from 1 to 5 (not 6)"
    for huge in (10**400, -(10**400), 10**9):
        message = errors_of(ContactDraft, "Sam", "hug", huge)["warmth"]
        assert message == "warmth must be from 1 to 5 (not a number that far out)"


@pytest.mark.parametrize(("text", "number"), [("0", 0), ("12", 12), ("007", 7), ("-3", -3)])
def test_whole_number_reads_ascii_digits(text: str, number: int) -> None:
    assert whole_number(text) == number


@pytest.mark.parametrize("text", ["", " 3", "3 ", "٤", "²", "1_0", "+3", "3.0", "--3", "9" * 13, "9" * 5000])
def test_whole_number_refuses_anything_else(text: str) -> None:
    assert whole_number(text) is None


@given(st.text(max_size=30))
def test_whole_number_never_raises_and_agrees_with_int(text: str) -> None:
    number = whole_number(text)
    if number is not None:
        assert number == int(text) and text.lstrip("-").isascii() and text.lstrip("-").isdigit()


@pytest.mark.parametrize("minutes", [None, 0, 1, 60, 1440])
def test_minutes_in_range(minutes: int | None) -> None:
    assert ContactDraft("Sam", "hug", 3, minutes).minutes == minutes


@pytest.mark.parametrize("minutes", [-1, 1441, 10**9, False, 2.5])
def test_minutes_out_of_range(minutes: object) -> None:
    assert set(errors_of(ContactDraft, "Sam", "hug", 3, minutes)) == {"minutes"}


def test_note_limit() -> None:
    assert ContactDraft("Sam", "hug", note="n" * NOTE_MAX).note == "n" * NOTE_MAX
    assert ContactDraft("Sam", "hug", note="").note == ""
    assert set(errors_of(ContactDraft, "Sam", "hug", note="n" * (NOTE_MAX + 1))) == {"note"}


def test_note_keeps_inner_newlines() -> None:
    assert ContactDraft("Sam", "hug", note=" line one\nline two\n").note == "line one\nline two"


def test_every_wrong_field_named_at_once() -> None:
    errors = errors_of(ContactDraft, "", "", 9, -5, "n" * 3000)
    assert set(errors) == {"who", "kind", "warmth", "minutes", "note"}


# --- from_text ------------------------------------------------------------------------------


def test_from_text_parses_numbers() -> None:
    draft = ContactDraft.from_text(" Sam ", "hug", " 4 ", "15", " warm ")
    assert draft == ContactDraft("Sam", "hug", 4, 15, "warm")


def test_from_text_blank_warmth_is_three_and_blank_minutes_is_none() -> None:
    draft = ContactDraft.from_text("Sam", "hug", "", "  ", "")
    assert (draft.warmth, draft.minutes) == (3, None)


def test_from_text_names_every_wrong_field() -> None:
    errors = errors_of(ContactDraft.from_text, "  ", "", "warm", "ten", "n" * 2001)
    assert set(errors) == {"who", "kind", "warmth", "minutes", "note"}
    assert "'warm'" in errors["warmth"]
    assert "'ten'" in errors["minutes"]


@pytest.mark.parametrize(
    ("warmth", "minutes", "wrong"),
    [
        ("0", "", {"warmth"}),
        ("6", "", {"warmth"}),
        ("3", "-1", {"minutes"}),
        ("2.5", "1441", {"warmth", "minutes"}),
    ],
)
def test_from_text_number_ranges(warmth: str, minutes: str, wrong: set[str]) -> None:
    assert set(errors_of(ContactDraft.from_text, "Sam", "hug", warmth, minutes, "")) == wrong


def test_from_text_number_errors_with_good_text_fields() -> None:
    errors = errors_of(ContactDraft.from_text, "Sam", "hug", "7", "x", "")
    assert set(errors) == {"warmth", "minutes"}


def test_validation_error_message_lists_fields() -> None:
    error = ValidationError({"who": "who is needed", "warmth": "warmth must be"})
    assert str(error) == "who: who is needed; warmth: warmth must be"
    assert isinstance(error, ValueError)


def _expected_text_ok(text: str, limit: int, required: bool) -> bool:
    stripped = text.strip()
    if has_lone_surrogate(stripped):
        return False
    visible = clean(stripped).strip()
    shown = any(char.isprintable() and not char.isspace() for char in visible)
    if required and not shown:
        return False
    return len(visible) <= limit and len(stripped) <= limit * 4


texts = st.text(
    alphabet=st.one_of(
        st.characters(),
        st.sampled_from(["\x1b", "[", "]", "\x07", "\u202e", "\u200b", " ", "\n", "\x9b", "é", "🐈"]),
    ),
    max_size=120,
)


@given(who=texts, warmth=st.integers(-2, 8), minutes=st.one_of(st.none(), st.integers(-5, 1500)))
def test_draft_accepts_exactly_what_the_rules_allow(who: str, warmth: int, minutes: int | None) -> None:
    expected = {
        "who": _expected_text_ok(who, WHO_MAX, required=True),
        "warmth": 1 <= warmth <= 5,
        "minutes": minutes is None or 0 <= minutes <= 1440,
    }
    try:
        draft = ContactDraft(who, "hug", warmth, minutes)
    except ValidationError as error:
        assert set(error.errors) == {name for name, ok in expected.items() if not ok}
    else:
        assert all(expected.values())
        assert draft.who == who.strip()
        # An accepted draft is accepted again from its own text, unchanged.
        again = ContactDraft.from_text(draft.who, draft.kind, str(draft.warmth), str(draft.minutes or ""), "")
        assert again.who == draft.who and again.warmth == draft.warmth


@given(warmth=st.text(max_size=6), minutes=st.text(max_size=6))
def test_from_text_numbers_consistent(warmth: str, minutes: str) -> None:
    def ok(text: str, low: int, high: int, blank_ok: bool) -> bool:
        if not text.strip():
            return blank_ok
        try:
            return low <= int(text.strip()) <= high
        except ValueError:
            return False

    expected_wrong = set()
    if not ok(warmth, 1, 5, True):
        expected_wrong.add("warmth")
    if not ok(minutes, 0, 1440, True):
        expected_wrong.add("minutes")
    try:
        ContactDraft.from_text("Sam", "hug", warmth, minutes, "")
    except ValidationError as error:
        assert set(error.errors) == expected_wrong
    else:
        assert not expected_wrong


# --- Contact ------------------------------------------------------------------------------


def test_contact_create_records_utc_time_and_offset() -> None:
    local = datetime(2026, 11, 25, 21, 30, tzinfo=timezone(timedelta(hours=1)))
    contact = Contact.create(ContactDraft("Sam", "hug", 4, 10, "n"), date(2026, 11, 25), local)
    assert contact.logged_at == datetime(2026, 11, 25, 20, 30, tzinfo=UTC)
    assert contact.logged_at.utcoffset() == timedelta(0)
    assert contact.utc_offset == "+01:00"
    assert contact.local_time.hour == 21
    assert len(contact.id) == 32 and int(contact.id, 16) >= 0
    assert contact.draft == ContactDraft("Sam", "hug", 4, 10, "n")


def test_contact_negative_offset_round_trip() -> None:
    local = datetime(2026, 3, 8, 1, 15, tzinfo=timezone(-timedelta(hours=5, minutes=30)))
    contact = Contact.create(ContactDraft("Ana", "talk"), date(2026, 3, 7), local)
    assert contact.utc_offset == "-05:30"
    assert contact.local_time == local
    assert contact.local_time.utcoffset() == local.utcoffset()


def test_contact_with_draft_keeps_id_day_and_time() -> None:
    local = datetime(2026, 11, 25, 21, 30, tzinfo=UTC)
    contact = Contact.create(ContactDraft("Sam", "hug"), date(2026, 11, 25), local)
    edited = contact.with_draft(ContactDraft("Kim", "cuddle", 5, 3, "x"))
    assert (edited.id, edited.day, edited.logged_at) == (contact.id, contact.day, contact.logged_at)
    assert (edited.who, edited.kind, edited.warmth, edited.minutes, edited.note) == (
        "Kim",
        "cuddle",
        5,
        3,
        "x",
    )


def test_new_ids_are_distinct() -> None:
    assert len({new_id() for _ in range(500)}) == 500


# --- Ratings, Recall, RestDay ----------------------------------------------------------------


@pytest.mark.parametrize("value", [None, 0, 5, 10])
def test_ratings_accepted(value: int | None) -> None:
    assert Ratings(value, value) == Ratings(stress=value, connected=value)


def test_ratings_refused_names_both() -> None:
    def errors(before: Ratings) -> set[str]:
        return set(recall_errors(_recall(before=before)))

    assert errors(Ratings(-1, 11)) == {"before.stress", "before.connected"}
    assert errors(Ratings(True, None)) == {"before.stress"}
    assert errors(Ratings(None, 3.5)) == {"before.connected"}  # type: ignore[arg-type]
    assert set(recall_errors(_recall(after=Ratings(None, 11)))) == {"after.connected"}


def _recall(**changes: object) -> Recall:
    fields: dict[str, object] = {
        "id": new_id(),
        "day": date(2026, 11, 25),
        "started_at": datetime(2026, 11, 25, 20, 0, tzinfo=UTC),
        "finished_at": None,
        "script": "safe-place",
        "figure": "Grandma",
    }
    fields.update(changes)
    return Recall(**fields)  # type: ignore[arg-type]


def test_recall_checks_text_fields() -> None:
    assert _recall().script == "safe-place"
    assert _recall(figure="").figure == ""
    assert not recall_errors(_recall(note="n" * 2000))
    assert set(recall_errors(_recall(script=" ", figure="f" * 81, note="n" * 2001))) == {
        "script",
        "figure",
        "note",
    }


def test_rest_day_reason_limit() -> None:
    assert RestDay(date(2026, 1, 1), "ill").reason == "ill"
    assert set(rest_day_errors(RestDay(date(2026, 1, 1), "r" * 201))) == {"reason"}


# --- Settings ------------------------------------------------------------------------------


def test_settings_defaults() -> None:
    settings = Settings()
    assert (settings.day_start_hour, settings.week_start, settings.goal_warm_days, settings.goal_recalls) == (
        4,
        "monday",
        4,
        2,
    )
    assert (settings.gentle, settings.step_cue) == (False, "none")


def test_settings_without_gentle_mode_or_step_cue_read_as_before() -> None:
    from oxytui.core.records import settings_from_dict, settings_to_dict

    old = {"day_start_hour": 5, "week_start": "sunday", "goal_warm_days": 5, "goal_recalls": 3}
    settings = settings_from_dict(old)
    assert (settings.goal_warm_days, settings.goal_recalls, settings.gentle, settings.step_cue) == (
        5,
        3,
        False,
        "none",
    )
    stored = settings_to_dict(Settings(gentle=True, step_cue="bell"))
    assert (stored["gentle"], stored["step_cue"]) == (True, "bell")
    assert settings_from_dict(stored) == Settings(gentle=True, step_cue="bell")


@pytest.mark.parametrize(
    ("field", "value"), [("gentle", "yes"), ("gentle", 1), ("step_cue", "chime"), ("step_cue", None)]
)
def test_bad_gentle_or_step_cue_is_named(field: str, value: object) -> None:
    with pytest.raises(ValidationError) as caught:
        Settings(**{field: value})  # type: ignore[arg-type]
    assert field in caught.value.errors


@pytest.mark.parametrize("hour", [0, 4, 23])
def test_settings_day_start_hour_ok(hour: int) -> None:
    assert Settings(day_start_hour=hour).day_start_hour == hour


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"day_start_hour": 24}, "day_start_hour"),
        ({"day_start_hour": -1}, "day_start_hour"),
        ({"day_start_hour": True}, "day_start_hour"),
        ({"week_start": "someday"}, "week_start"),
        ({"week_start": ""}, "week_start"),
        ({"goal_warm_days": 8}, "goal_warm_days"),
        ({"goal_warm_days": -1}, "goal_warm_days"),
        ({"goal_recalls": 22}, "goal_recalls"),
        ({"theme": " "}, "theme"),
        ({"theme": 3}, "theme"),
    ],
)
def test_settings_refused(changes: dict[str, object], field: str) -> None:
    assert set(errors_of(Settings, **changes)) == {field}


def test_settings_every_wrong_field_at_once() -> None:
    errors = errors_of(
        Settings, day_start_hour=30, week_start="x", goal_warm_days=9, goal_recalls=-2, theme=""
    )
    assert set(errors) == {"day_start_hour", "week_start", "goal_warm_days", "goal_recalls", "theme"}


@pytest.mark.parametrize("week_start", ["monday", "wednesday", "sunday"])
def test_settings_week_start_names(week_start: str) -> None:
    assert Settings(week_start=week_start).week_start == week_start
