"""The recall session state machine, driven by a fake clock, and when the safety note shows."""

from __future__ import annotations

from datetime import UTC, date, timedelta

import pytest

from oxytui.core.model import Ratings
from oxytui.core.recall import Script, Step, needs_safety_note
from oxytui.core.recall_session import Phase, PhaseError, RecallSession
from tests.conftest import FakeClock

SCRIPT = Script(
    id="test-script",
    title="Test",
    minutes=1,
    summary="A test.",
    steps=(Step("One with {figure}", "Hello {figure}.", 10), Step("Two", "Bye.", 20)),
)
DAY = date(2026, 11, 25)


def started(clock: FakeClock) -> RecallSession:
    session = RecallSession(clock)
    session.choose(SCRIPT, " Sam ", DAY)
    session.rate_before(Ratings(6, 4))
    return session


def phase_of(session: RecallSession) -> Phase:
    """The phase, read through a call so the type checker does not pin it between actions."""
    return session.phase


def later(clock: FakeClock, seconds: float) -> None:
    clock.now += timedelta(seconds=seconds)


def test_a_whole_session_by_timer(clock: FakeClock) -> None:
    start = clock.now
    session = started(clock)
    assert phase_of(session) is Phase.STEPS
    view = session.view()
    assert (view.number, view.count, view.title, view.text, view.remaining) == (
        1,
        2,
        "One with Sam",
        "Hello Sam.",
        10,
    )
    later(clock, 4)
    assert session.remaining() == 6 and not session.tick()
    later(clock, 6)
    assert session.tick() and session.step_index == 1 and session.remaining() == 20
    later(clock, 25)
    assert session.tick() and phase_of(session) is Phase.AFTER and session.completed
    session.rate_after(Ratings(3, 8), painful=False)
    later(clock, 5)
    session.add_note("  calmer  ")
    recall = session.record()
    assert recall.day == DAY and recall.script == "test-script" and recall.figure == "Sam"
    assert recall.started_at == start.astimezone(UTC) and recall.started_at.tzinfo is UTC
    assert recall.finished_at == (start + timedelta(seconds=40)).astimezone(UTC)
    assert (recall.before, recall.after, recall.completed, recall.note) == (
        Ratings(6, 4),
        Ratings(3, 8),
        True,
        "calmer",
    )
    assert session.steps_done == 2 and not session.needs_safety_note
    session.saved()
    assert phase_of(session) is Phase.SAVED


def test_next_step_by_key_does_not_wait_for_the_timer(clock: FakeClock) -> None:
    session = started(clock)
    session.next_step()
    assert session.step_index == 1 and session.remaining() == 20
    session.next_step()
    assert phase_of(session) is Phase.AFTER and session.completed


def test_pause_holds_the_countdown(clock: FakeClock) -> None:
    session = started(clock)
    later(clock, 3)
    assert session.toggle_pause() is True
    later(clock, 100)
    assert session.remaining() == 7 and not session.tick() and session.view().paused
    assert session.toggle_pause() is False
    later(clock, 2)
    assert session.remaining() == 5
    later(clock, 5)
    assert session.tick() and session.step_index == 1


def test_stop_and_keep_is_not_completed(clock: FakeClock) -> None:
    session = started(clock)
    session.next_step()
    later(clock, 5)
    session.stop()
    assert phase_of(session) is Phase.STOPPING
    later(clock, 60)
    assert session.remaining() == 15
    session.keep()
    assert phase_of(session) is Phase.AFTER and not session.completed and session.steps_done == 1
    session.rate_after(Ratings(None, None))
    session.add_note("")
    recall = session.record()
    assert not recall.completed and recall.after == Ratings()


def test_stop_then_go_on_resumes_where_it_was(clock: FakeClock) -> None:
    session = started(clock)
    later(clock, 4)
    session.stop()
    later(clock, 30)
    session.go_on()
    assert phase_of(session) is Phase.STEPS and session.remaining() == 6 and not session.paused


def test_stop_while_paused_stays_paused_on_go_on(clock: FakeClock) -> None:
    session = started(clock)
    session.pause()
    session.stop()
    session.go_on()
    assert session.paused


def test_stop_and_discard_saves_nothing(clock: FakeClock) -> None:
    session = started(clock)
    session.stop()
    session.discard()
    assert phase_of(session) is Phase.DISCARDED
    with pytest.raises(PhaseError):
        session.record()


def test_actions_out_of_turn_are_refused(clock: FakeClock) -> None:
    session = RecallSession(clock)
    with pytest.raises(PhaseError):
        session.rate_before(Ratings())
    with pytest.raises(PhaseError):
        session.next_step()
    assert not session.tick()


def test_a_script_without_figure_stores_no_figure(clock: FakeClock) -> None:
    session = RecallSession(clock)
    session.choose(Script("x", "X", 1, "s", (Step("a", "b", 5),), figure="none"), "Sam", DAY)
    assert session.figure == ""


@pytest.mark.parametrize(
    ("before", "after", "painful", "expected"),
    [
        (Ratings(2, 5), Ratings(5, 5), False, True),  # exactly 3 worse
        (Ratings(2, 5), Ratings(4, 5), False, False),  # 2 worse
        (Ratings(2, 5), Ratings(9, 5), False, True),
        (Ratings(6, 5), Ratings(2, 5), False, False),  # better
        (Ratings(None, 5), Ratings(9, 5), False, True),  # before skipped: 8 or more still counts
        (Ratings(None, 5), Ratings(7, 5), False, False),  # before skipped, 7: nothing to compare
        (Ratings(None, 5), Ratings(7, 2), False, True),  # stress skipped: connected fell by 3
        (Ratings(0, None), Ratings(8, None), False, True),  # exactly 8
        (Ratings(), Ratings(8, None), False, True),  # nothing before at all
        (Ratings(5, 6), Ratings(5, 4), False, False),  # connected fell by 2
        (Ratings(2, 5), Ratings(None, 5), False, False),
        (Ratings(2, 5), Ratings(2, 5), True, True),  # painful always
        (Ratings(), Ratings(), True, True),
        (Ratings(7, 9), Ratings(7, 0), False, True),  # connected fell by 3 or more
        (Ratings(7, None), Ratings(7, 0), False, False),  # connected skipped before
    ],
)
def test_safety_note_exactly_when_it_should(
    before: Ratings, after: Ratings, painful: bool, expected: bool
) -> None:
    assert needs_safety_note(before, after, painful) is expected


def test_finish_early_during_the_steps_is_not_completed(clock: FakeClock) -> None:
    session = started(clock)
    assert session.under_way
    later(clock, 5)
    session.finish_early()
    record = session.record()
    assert not record.completed
    assert record.finished_at == clock.now.astimezone(UTC)


def test_finish_early_after_the_last_step_stays_completed(clock: FakeClock) -> None:
    session = started(clock)
    while phase_of(session) is Phase.STEPS:
        session.next_step()
    session.finish_early()
    assert session.record().completed


def test_finish_early_needs_a_session_under_way(clock: FakeClock) -> None:
    session = RecallSession(clock)
    assert not session.under_way
    with pytest.raises(PhaseError):
        session.finish_early()
