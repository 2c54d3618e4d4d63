"""The guided recall as a full screen: choose, rate, the steps one by one, rate again, save."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import ContentSwitcher, Footer, Input, OptionList, Static

from oxytui.core.model import Ratings, Recall, ValidationError
from oxytui.core.people import warmest, warmest_lately
from oxytui.core.recall import Script, figure_prompt, figure_suggestions, parse_rating
from oxytui.core.recall_session import Phase, RecallSession
from oxytui.core.text import clean
from oxytui.recall_scripts import LoadedScripts
from oxytui.store import Store
from oxytui.support import QUIET_LINE
from oxytui.ui import saving
from oxytui.ui.saving import PendingSave
from oxytui.ui.screens.quit_guard import GuardsQuit
from oxytui.ui.screens.recall_dialogs import StopChoice, StopDialog
from oxytui.ui.screens.recall_pages import (
    ChoosePage,
    FigurePage,
    PainfulBox,
    RatingsPage,
    StepPage,
    SummaryPage,
)
from oxytui.ui.screens.recall_summary import summary_lines

RECENT_DAYS = 30
TICK_SECONDS = 0.25


class RecallScreen(GuardsQuit, Screen[Recall | None]):
    """A guided recall; dismissed with the saved Recall, or None when nothing was saved."""

    DEFAULT_CSS = """
    RecallScreen { align: center top; }
    RecallScreen ContentSwitcher { width: 76; max-width: 100%; height: 1fr; padding: 1 2; }
    RecallScreen ContentSwitcher > * { height: auto; }
    RecallScreen #summary { height: 1fr; }
    RecallScreen .page-title { text-style: bold; color: $accent; margin-bottom: 1; }
    RecallScreen #choose-keys { color: $text-muted; margin-bottom: 1; }
    RecallScreen .hint { color: $text-muted; margin-top: 1; }
    RecallScreen #choose .hint { margin-top: 0; }
    RecallScreen .error { color: $error; }
    RecallScreen #step-text { margin-bottom: 1; min-height: 5; }
    RecallScreen #step-progress { margin-top: 1; }
    RecallScreen #step-progress Bar { width: 60; max-width: 100%; }
    RecallScreen #choose { height: 1fr; }
    RecallScreen #script-list { height: 1fr; max-height: 100%; border: none; padding: 0; margin-top: 1; }
    RecallScreen Input.rating { width: 20; }
    RecallScreen #figure-options { height: auto; max-height: 10; }
    RecallScreen #safety-note { margin-bottom: 1; border: round $warning; padding: 0 1; height: auto; }
    RecallScreen #safety-note MarkdownBlock { margin: 0; }
    """

    AUTO_FOCUS = ""  # each page decides what has focus

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space,enter", "next", "Next step", id="recall-next", tooltip="Go on to the next step"),
        Binding("enter", "rated", "Go on", id="recall-rated", tooltip="Go on to the summary"),
        Binding("enter", "save", "Save", id="recall-save", tooltip="Save this session"),
        Binding("p", "pause", "Pause", id="recall-pause", tooltip="Pause or resume the countdown"),
        Binding("escape", "stop", "Stop", id="recall-stop", tooltip="Stop: keep it, or discard it"),
        Binding("escape", "back", "Back", id="recall-back", tooltip="Go back; nothing has started yet"),
        Binding("escape", "leave", "Discard", id="recall-leave", tooltip="Leave without saving"),
        Binding("down", "suggestions", "Suggestions", show=False, id="recall-suggestions"),
        *(
            Binding(str(n), f"choose({n})", f"Script {n}", show=False, id=f"recall-choose-{n}")
            for n in range(1, 10)
        ),
    ]

    def __init__(self, store: Store, scripts: LoadedScripts, *, tick_seconds: float = TICK_SECONDS) -> None:
        super().__init__()
        self.store = store
        self.scripts = scripts
        self.tick_seconds = tick_seconds
        self.cue = store.settings.step_cue
        self.session = self._new_session()
        self.timer: Timer | None = None
        self.chosen: Script | None = None
        self._waiting_save: PendingSave[Recall] | None = None  # a save waiting for another oxytui's lock

    def _new_session(self) -> RecallSession:
        # Without a cue, a step that invites closing the eyes waits for a key instead of moving on silently.
        return RecallSession(self.store.now, hold_closed_eyes=self.cue == "none")

    # --- typed access ------------------------------------------------------------------------

    @property
    def switcher(self) -> ContentSwitcher:
        return self.query_one(ContentSwitcher)

    @property
    def page(self) -> str:
        """The id of the page on show."""
        return self.switcher.current or ""

    @property
    def step_page(self) -> StepPage:
        return self.query_one(StepPage)

    def compose(self) -> ComposeResult:
        with ContentSwitcher(initial="choose"):
            yield ChoosePage(self.scripts.scripts, id="choose")
            yield FigurePage(id="figure-page")
            yield RatingsPage("before", id="before")
            yield StepPage(id="step")
            yield RatingsPage("after", id="after")
            yield SummaryPage(id="summary")
        yield Footer()

    def on_mount(self) -> None:
        self.timer = self.set_interval(self.tick_seconds, self.tick)
        self._show_choices()

    def _show_choices(self) -> None:  # the list has the focus: ↑ ↓ scroll it, enter chooses
        self._show("choose", "#script-list" if self.scripts.scripts else None)

    def on_screen_suspend(self) -> None:
        """Something covers the exercise (a dialog, help, the palette): its countdown holds."""
        self.session.hold()

    def on_screen_resume(self) -> None:
        """In view again: a held countdown goes on where it was."""
        self.session.release()
        if self.session.phase is Phase.STEPS:
            self.step_page.show_time(self.session.view())

    def _show(self, page: str, focus: str | None = None) -> None:
        self.switcher.current = page
        if focus:
            self.query_one(focus).focus()
        else:
            self.set_focus(None)
        self.refresh_bindings()

    # --- the timer ---------------------------------------------------------------------------

    def tick(self) -> None:
        """Look at the clock: move on when a step's time is up, else redraw its countdown."""
        if self.session.phase is not Phase.STEPS:
            return
        if self.session.tick():
            if self.cue == "bell":
                self.app.bell()  # a soft cue: the step moved on by itself
            self._after_step_change()
        else:
            self.step_page.show_time(self.session.view())

    def _after_step_change(self) -> None:
        if self.session.phase is Phase.STEPS:
            self.step_page.show(self._script, self.session.view())
        else:
            self._show("after", "#after-stress")

    @property
    def _script(self) -> Script:
        assert self.session.script is not None
        return self.session.script

    # --- actions -----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        phase = self.session.phase
        wanted = {
            "next": (Phase.STEPS,),
            "pause": (Phase.STEPS,),
            "stop": (Phase.STEPS,),
            "rated": (Phase.AFTER,),
            "save": (Phase.SUMMARY,),
            "back": (Phase.CHOOSE, Phase.BEFORE),
            "leave": (Phase.AFTER, Phase.NOTE, Phase.SUMMARY),
        }.get(action)
        return wanted is None or phase in wanted

    def action_choose(self, number: int) -> None:
        if self.session.phase is not Phase.CHOOSE or self.page != "choose":
            return
        scripts = self.query_one(ChoosePage).scripts
        if not 1 <= number <= len(scripts):
            return
        script = scripts[number - 1]
        self.chosen = script
        if not script.asks_figure:
            self._choose_figure("")
            return
        today = self.store.today()
        today_contacts = self.store.contacts_on(today)
        since = today - timedelta(days=RECENT_DAYS)
        pets = [c.who for c in self.store.all_contacts() if c.day >= since and c.kind == "pet-time"]
        people = [person.name for person in warmest_lately(self.store.everyone().values())]
        suggestions = figure_suggestions(script.figure, people, [c.who for c in today_contacts], pets)
        default = warmest(today_contacts) if script.figure == "today" else ""
        prompt = figure_prompt(script.figure, logged_today=bool(today_contacts))
        self.query_one(FigurePage).show(script, prompt, suggestions, default)
        self._show("figure-page", "#figure")

    def _choose_figure(self, figure: str) -> None:
        assert self.chosen is not None
        today = self.store.today()
        self.session.choose(self.chosen, figure, today, warmest(self.store.contacts_on(today)))
        for field in ("#before-stress", "#before-connected"):
            self.query_one(field, Input).value = ""
        self.query_one("#before-error", Static).update("")
        self._show("before", "#before-stress")

    def action_suggestions(self) -> None:
        if self.page == "figure-page" and self.focused is self.query_one("#figure", Input):
            options = self.query_one("#figure-options", OptionList)
            if options.option_count:
                options.focus()
                options.highlighted = 0

    def action_next(self) -> None:
        self.session.next_step()
        self._after_step_change()

    def action_rated(self) -> None:
        self._submit_after()

    def action_save(self) -> None:
        self._save()

    def action_pause(self) -> None:
        self.session.toggle_pause()
        self.step_page.show_time(self.session.view())

    def action_back(self) -> None:
        if self.session.phase is Phase.BEFORE:
            self.session = self._new_session()
            self._show_choices()
        elif self.page == "figure-page":
            self._show_choices()
        else:
            self.dismiss(None)

    def action_stop(self) -> None:
        self.session.stop()
        self.step_page.show_time(self.session.view())
        self.app.push_screen(StopDialog(can_keep=True), self._stopped)

    def action_leave(self) -> None:
        self.app.push_screen(StopDialog(can_keep=False), self._leaving)

    def _stopped(self, choice: StopChoice | None) -> None:
        if choice == "keep":
            self.session.keep()
            self._show("after", "#after-stress")
        elif choice == "discard":
            self._discard()
        else:
            self.session.go_on()
            self.step_page.show_time(self.session.view())

    def _leaving(self, choice: StopChoice | None) -> None:
        if choice == "discard":
            self._discard()

    def _discard(self) -> None:
        if self._waiting_save is not None:  # a save waiting for the lock is given up
            self._waiting_save.cancel()
            self._waiting_save = None
        self.session.discard()
        self.app.notify(QUIET_LINE, title="Recall discarded", markup=False)
        self.dismiss(None)

    # --- forms -------------------------------------------------------------------------------

    @on(Input.Submitted, "#figure")
    def _figure_typed(self, event: Input.Submitted) -> None:
        self._choose_figure(event.value)

    @on(OptionList.OptionSelected, "#script-list")
    def _script_picked(self, event: OptionList.OptionSelected) -> None:
        self.action_choose(event.option_index + 1)

    @on(OptionList.OptionSelected, "#figure-options")
    def _figure_picked(self, event: OptionList.OptionSelected) -> None:
        self._choose_figure(self.query_one(FigurePage).suggestions[event.option_index])

    def _ratings(self, moment: str) -> Ratings | None:
        error = self.query_one(f"#{moment}-error", Static)
        values: dict[str, int | None] = {}
        for item in ("stress", "connected"):
            field = self.query_one(f"#{moment}-{item}", Input)
            try:
                values[item] = parse_rating(field.value, item)
            except ValidationError as problem:
                error.update(problem.errors[item])
                field.focus()
                return None
        error.update("")
        return Ratings(values["stress"], values["connected"])

    @on(Input.Submitted, "#before-stress")
    @on(Input.Submitted, "#before-connected")
    def _before_done(self) -> None:
        """Enter in either rating goes on (an empty rating is skipped)."""
        ratings = self._ratings("before")
        if ratings is not None:
            self.session.rate_before(ratings)
            self.step_page.show(self._script, self.session.view())
            self._show("step")

    @on(Input.Submitted, "#after-stress")
    @on(Input.Submitted, "#after-connected")
    @on(Input.Submitted, "#note")
    def _after_done(self) -> None:
        """Enter in any field of the after page goes on to the summary."""
        self._submit_after()

    def _submit_after(self) -> None:
        ratings = self._ratings("after")
        if ratings is None:
            return
        self.session.rate_after(ratings, self.query_one("#painful", PainfulBox).value)
        self.session.add_note(self.query_one("#note", Input).value)
        self.query_one(SummaryPage).show(
            summary_lines(self.session), self.session.needs_safety_note, stopped=not self.session.completed
        )
        self._show("summary", "#summary")

    def _save(self) -> None:
        """Save the session (waiting, if another oxytui holds the lock, without freezing: ui/saving.py)."""
        if self._waiting_save is not None:
            return
        saving.save(
            self.app,
            lambda: self.store.add_recall(self.session.record()),
            self._saved,
            self._not_saved,
            self._waiting,
        )

    def _saved(self, recall: Recall) -> None:
        self._waiting_save = None
        self.session.saved()
        self.dismiss(recall)

    def _not_saved(self, error: Exception) -> None:
        self._waiting_save = None
        message = clean(f"Not saved: {error}. Press enter to try again.")  # it may name a path
        self.query_one("#summary-error", Static).update(message)

    def _waiting(self, pending: PendingSave[Recall]) -> None:
        self._waiting_save = pending
        self.query_one("#summary-error", Static).update(
            f"{saving.WAITING} It is saved when that one lets go."
        )

    # --- quitting ----------------------------------------------------------------------------

    def ask_before_quit(self, quit_app: Callable[[], None]) -> bool:
        """Quitting in the middle of a recall asks whether to keep it (as it stands) or discard it."""
        if not self.session.under_way:
            return False
        if isinstance(self.app.screen, StopDialog):
            return True  # already asking

        def chosen(choice: StopChoice | None) -> None:
            if choice == "discard":
                quit_app()
            elif choice == "keep":
                self._keep_as_it_stands(quit_app)

        self.app.push_screen(StopDialog(can_keep=True, quitting=True), chosen)
        return True

    def _keep_as_it_stands(self, then: Callable[[], None]) -> None:
        """Keep the session as it stands, then quit (waiting for another oxytui's lock off the UI thread)."""
        self.session.finish_early()

        def saved(_: Recall) -> None:
            self.session.saved()
            then()

        def failed(error: Exception) -> None:
            self.app.notify(f"Not saved: {error}", title="Recall", severity="error", markup=False)

        def waiting(_: PendingSave[Recall]) -> None:
            self.app.notify(f"{saving.WAITING} oxytui closes once it is saved.", title="Recall", markup=False)

        saving.save(self.app, lambda: self.store.add_recall(self.session.record()), saved, failed, waiting)
