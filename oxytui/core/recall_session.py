"""One guided recall as it happens: a small state machine driven by a clock the caller supplies.

choose → rate before → steps (each with its own countdown; pause and resume) → rate after → note →
summary → saved. Stopping during the steps asks whether to keep the session as not completed (it then
goes on to the ratings) or to discard it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum

from oxytui.core.model import Ratings, Recall, new_id
from oxytui.core.recall import Script, Step, needs_safety_note

Clock = Callable[[], datetime]


class Phase(StrEnum):
    """Where a session is."""

    CHOOSE = "choose"
    BEFORE = "before"
    STEPS = "steps"
    STOPPING = "stopping"
    AFTER = "after"
    NOTE = "note"
    SUMMARY = "summary"
    SAVED = "saved"
    DISCARDED = "discarded"


class PhaseError(RuntimeError):
    """An action that does not fit the phase the session is in."""


@dataclass(frozen=True, slots=True)
class StepView:
    """What the screen shows for the current step."""

    number: int
    count: int
    title: str
    text: str
    seconds: int
    remaining: int
    paused: bool
    waiting: bool = False  # the time is up, and the step waits for a key (its text invites closed eyes)


class RecallSession:
    """A guided recall from choosing a script to the record that gets saved."""

    def __init__(self, clock: Clock, *, hold_closed_eyes: bool = False) -> None:
        self._clock = clock
        self.hold_closed_eyes = hold_closed_eyes  # steps inviting closed eyes wait for a key at their end
        self.phase = Phase.CHOOSE
        self.script: Script | None = None
        self.figure = ""
        self.today_name = ""
        self.day: date | None = None
        self.started_at: datetime | None = None
        self.finished_at: datetime | None = None
        self.before = Ratings()
        self.after = Ratings()
        self.painful = False
        self.note = ""
        self.completed = False
        self.step_index = 0
        self.steps_done = 0
        self._step_started: datetime | None = None
        self._paused_at: datetime | None = None
        self._paused_for = timedelta(0)
        self._was_paused = False
        self._held = False

    def _expect(self, *phases: Phase) -> None:
        if self.phase not in phases:
            raise PhaseError(f"cannot do that while the session is at {self.phase.value}")

    # --- choosing and rating ---------------------------------------------------------------

    def choose(self, script: Script, figure: str, day: date, today_name: str = "") -> None:
        """Pick the script and the figure; the session starts now, on the logical `day`."""
        self._expect(Phase.CHOOSE)
        self.script = script
        self.figure = figure.strip() if script.asks_figure else ""
        self.today_name = today_name
        self.day = day
        self.started_at = self._clock()
        self.phase = Phase.BEFORE

    def rate_before(self, ratings: Ratings) -> None:
        """Record how things are before the steps (either item may be None) and begin the first step."""
        self._expect(Phase.BEFORE)
        self.before = ratings
        self.phase = Phase.STEPS
        self._start_step(0)

    # --- steps -------------------------------------------------------------------------------

    @property
    def _script(self) -> Script:
        if self.script is None:
            raise PhaseError("no script chosen yet")
        return self.script

    @property
    def step(self) -> Step:
        """The current step."""
        return self._script.steps[self.step_index]

    @property
    def paused(self) -> bool:
        """True while the countdown is held."""
        return self._paused_at is not None

    def _start_step(self, index: int) -> None:
        self.step_index = index
        self._step_started = self._clock()
        self._paused_at = None
        self._paused_for = timedelta(0)

    def elapsed(self) -> float:
        """Seconds spent in the current step, pauses left out."""
        if self._step_started is None:
            return 0.0
        until = self._paused_at or self._clock()
        return max(0.0, (until - self._step_started - self._paused_for).total_seconds())

    def remaining(self) -> int:
        """Whole seconds left in the current step (rounded up, so 0 means the time is up)."""
        left = self.step.seconds - self.elapsed()
        return max(0, -int(-left // 1))

    def view(self) -> StepView:
        """The current step with the figure filled in and its time left."""
        step, fallback = self.step, self._script.figure_fallback
        return StepView(
            number=self.step_index + 1,
            count=len(self._script.steps),
            title=step.filled_title(self.figure, self.today_name, fallback),
            text=step.filled(self.figure, self.today_name, fallback),
            seconds=step.seconds,
            remaining=self.remaining(),
            paused=self.paused,
            waiting=self.waiting,
        )

    @property
    def waiting(self) -> bool:
        """True when the current step's time is up but it waits for a key (it invites closed eyes)."""
        return (
            self.phase is Phase.STEPS
            and self.hold_closed_eyes
            and self.step.invites_closed_eyes
            and self.remaining() == 0
        )

    def tick(self) -> bool:
        """Move on when the current step's time is up (not while paused); True when it moved."""
        if self.phase is not Phase.STEPS or self.paused or self.remaining() > 0 or self.waiting:
            return False
        self.next_step()
        return True

    def next_step(self) -> None:
        """Finish the current step now and begin the next; after the last one, go on to rating."""
        self._expect(Phase.STEPS)
        self.steps_done = max(self.steps_done, self.step_index + 1)
        if self.step_index + 1 < len(self._script.steps):
            self._start_step(self.step_index + 1)
        else:
            self.completed = True
            self._step_started = None
            self.phase = Phase.AFTER

    def pause(self) -> None:
        """Hold the countdown."""
        self._expect(Phase.STEPS, Phase.STOPPING)
        if self._paused_at is None:
            self._paused_at = self._clock()

    def resume(self) -> None:
        """Let the countdown run again."""
        self._expect(Phase.STEPS)
        if self._paused_at is not None:
            self._paused_for += self._clock() - self._paused_at
            self._paused_at = None

    def hold(self) -> None:
        """Hold the countdown while something covers the exercise (a dialog, help, the palette).

        Time behind a cover is not time spent on the steps: a held session never runs on to its end.
        A countdown the person paused stays as it was; `release` undoes only a hold.
        """
        if self.phase is Phase.STEPS and not self.paused:
            self.pause()
            self._held = True

    def release(self) -> None:
        """The exercise is in view again: go on where a `hold` stopped the countdown."""
        if self._held and self.phase is Phase.STEPS:
            self.resume()
        self._held = False

    def toggle_pause(self) -> bool:
        """Pause or resume; True when now paused."""
        if self.paused:
            self.resume()
        else:
            self.pause()
        return self.paused

    # --- stopping ----------------------------------------------------------------------------

    def stop(self) -> None:
        """Ask to stop during the steps: the countdown holds until keep, discard or go on."""
        self._expect(Phase.STEPS)
        self._was_paused = self.paused
        self.pause()
        self.phase = Phase.STOPPING

    def go_on(self) -> None:
        """Take back a stop and carry on with the step where it was."""
        self._expect(Phase.STOPPING)
        self.phase = Phase.STEPS
        if not self._was_paused:
            self.resume()

    def keep(self) -> None:
        """Keep a stopped session as not completed; it goes on to the ratings."""
        self._expect(Phase.STOPPING)
        self.completed = False
        self._step_started = None
        self._paused_at = None
        self.phase = Phase.AFTER

    def discard(self) -> None:
        """Drop the session: nothing will be saved."""
        if self.phase is Phase.SAVED:
            raise PhaseError("the session is already saved")
        self.phase = Phase.DISCARDED

    @property
    def under_way(self) -> bool:
        """True from the first step until the session is saved or discarded: quitting would lose it."""
        return self.phase in (Phase.STEPS, Phase.STOPPING, Phase.AFTER, Phase.NOTE, Phase.SUMMARY)

    def finish_early(self) -> None:
        """Close a session that is under way so it can be kept as it stands (when the app is quit).

        Stopped during the steps it is not completed; rated or noted after the last step it is.
        """
        self._expect(Phase.STEPS, Phase.STOPPING, Phase.AFTER, Phase.NOTE, Phase.SUMMARY)
        if self.phase in (Phase.STEPS, Phase.STOPPING):
            self.completed = False
            self._step_started = None
            self._paused_at = None
        if self.phase is not Phase.SUMMARY:
            self.finished_at = self._clock()
            self.phase = Phase.SUMMARY

    # --- after -------------------------------------------------------------------------------

    def rate_after(self, ratings: Ratings, painful: bool = False) -> None:
        """Record how things are now, and whether the session brought up something painful."""
        self._expect(Phase.AFTER)
        self.after = ratings
        self.painful = painful
        self.phase = Phase.NOTE

    def add_note(self, note: str) -> None:
        """Record an optional note and close the session for its summary."""
        self._expect(Phase.NOTE)
        self.note = note.strip()
        self.finished_at = self._clock()
        self.phase = Phase.SUMMARY

    @property
    def needs_safety_note(self) -> bool:
        """True when the summary should offer the gentle note with crisis resources."""
        return needs_safety_note(self.before, self.after, self.painful)

    def record(self) -> Recall:
        """The recall to save (the session must be at its summary)."""
        self._expect(Phase.SUMMARY)
        assert self.day is not None and self.started_at is not None and self.finished_at is not None
        return Recall(
            id=new_id(),
            day=self.day,
            started_at=self.started_at.astimezone(UTC),
            finished_at=self.finished_at.astimezone(UTC),
            script=self._script.id,
            figure=self.figure,
            before=self.before,
            after=self.after,
            completed=self.completed,
            note=self.note,
        )

    def saved(self) -> None:
        """Mark the session saved (after the store confirmed the write)."""
        self._expect(Phase.SUMMARY)
        self.phase = Phase.SAVED
