"""The pages of the recall screen: choose, figure, rate before, step, rate after, summary."""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group
from rich.padding import Padding
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.suggester import SuggestFromList
from textual.widgets import Checkbox, Input, Markdown, OptionList, ProgressBar, Static

from oxytui.core.model import FIGURE_MAX, NOTE_MAX
from oxytui.core.recall import Script
from oxytui.core.recall_session import StepView
from oxytui.core.text import clean_line, shorten
from oxytui.support import QUIET_LINE, gentle_note_text

MAX_SCRIPT_KEYS = 9


def _hint(text: str) -> Static:
    return Static(text, classes="hint", markup=False)


def countdown(seconds: int) -> str:
    """A remaining time such as '0:42'."""
    return f"{seconds // 60}:{seconds % 60:02d}"


class ChoosePage(Vertical):
    """The scripts to choose from: every one in a list that scrolls, the first nine with a number key each."""

    def __init__(self, scripts: tuple[Script, ...], *, id: str) -> None:
        super().__init__(id=id)
        self.scripts = scripts

    def compose(self) -> ComposeResult:
        yield Static("Choose a recall", classes="page-title", markup=False)
        # The keys and the hint come first, so a short terminal that cuts the list shows how to choose.
        yield Static(choose_keys(len(self.scripts)), id="choose-keys", markup=False)
        yield _hint("Every step can be skipped or stopped. Sadness or longing may come up; that is allowed.")
        if self.scripts:
            yield OptionList(*(script_option(n, s) for n, s in enumerate(self.scripts, 1)), id="script-list")
        else:
            yield Static("No recall scripts could be loaded.", markup=False)


def choose_keys(count: int) -> str:
    """How to choose among `count` scripts."""
    numbers = f"Press 1–{min(count, MAX_SCRIPT_KEYS)}" if count > 1 else "Press 1"
    return f"{numbers}, or ↑ ↓ and enter, to choose · escape to close" if count else "escape to close"


def script_option(number: int, script: Script) -> Group:
    """One script in the list: its number key (the first nine), title and length, then its summary."""
    key = str(number) if number <= MAX_SCRIPT_KEYS else " "
    title = Text(f"{key}  {script.title} · {script.minutes} min")
    return Group(title, Padding(Text(script.summary, style="dim"), (0, 0, 0, 3)))


class FigurePage(Vertical):
    """Who or what to recall: type a name, or pick one of the suggestions."""

    def compose(self) -> ComposeResult:
        yield Static("", id="figure-title", classes="page-title", markup=False)
        yield Static("", id="figure-prompt", markup=False)
        yield Input(id="figure", max_length=FIGURE_MAX, placeholder="a name, or pick one below")
        yield OptionList(id="figure-options", markup=False)
        yield _hint("enter goes on · ↓ picks a suggestion · escape goes back")

    def show(self, script: Script, prompt: str, suggestions: list[str], default: str) -> None:
        """Fill the page for `script`."""
        self.query_one("#figure-title", Static).update(script.title)
        self.query_one("#figure-prompt", Static).update(prompt)
        field = self.query_one("#figure", Input)
        field.suggester = SuggestFromList([clean_line(name) for name in suggestions], case_sensitive=False)
        field.value = clean_line(default)  # a logged name, shown without its control codes
        options = self.query_one("#figure-options", OptionList)
        options.clear_options()
        options.add_options([shorten(name, 60) for name in suggestions])
        self.suggestions = suggestions
        field.focus()


class RatingsPage(Vertical):
    """Two 0–10 items, each skippable; the after page adds 'painful' and a note."""

    def __init__(self, moment: str, *, id: str) -> None:
        super().__init__(id=id)
        self.moment = moment

    def compose(self) -> ComposeResult:
        after = self.moment == "after"
        yield Static("How is it now?" if after else "Before you start", classes="page-title", markup=False)
        if not after:
            yield Static("Two quick questions; skip either one by leaving it empty.", markup=False)
        yield Static("How stressed do you feel right now? (0–10)", markup=False)
        yield self._rating("stress")
        yield Static("How connected or cared-for do you feel right now? (0–10)", markup=False)
        yield self._rating("connected")
        if after:
            yield Static("A note, if you like", markup=False)
            yield Input(id="note", max_length=NOTE_MAX, placeholder="optional")
            yield PainfulBox("This brought up something painful", id="painful")
        yield Static("", id=f"{self.moment}-error", classes="error", markup=False)
        yield _hint(
            "enter goes on · tab moves · space ticks the box · escape discards"
            if after
            else "enter goes on · leave a number empty to skip it · escape goes back"
        )

    def _rating(self, item: str) -> Input:
        return Input(
            id=f"{self.moment}-{item}",
            max_length=2,
            restrict=r"[0-9]*",
            placeholder="empty to skip",
            classes="rating",
        )


class PainfulBox(Checkbox, inherit_bindings=False):
    """A checkbox that only space toggles, so enter can carry on to the next page.

    Ticked it shows ✓ and unticked it is empty, so it reads the same without colour.
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("space", "toggle_button", "Tick", show=False)]
    BUTTON_INNER = " "

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        self.BUTTON_INNER = "✓" if event.value else " "
        self.refresh()


class StepPage(Vertical):
    """One step: its title, its invitation and a calm countdown."""

    def compose(self) -> ComposeResult:
        yield Static("", id="step-count", classes="hint", markup=False)
        yield Static("", id="step-title", classes="page-title", markup=False)
        yield Static("", id="step-text", markup=False)
        yield ProgressBar(id="step-progress", show_percentage=False, show_eta=False)
        yield Static("", id="step-time", classes="hint", markup=False)

    def show(self, script: Script, view: StepView) -> None:
        """Draw `view` (text already filled in and cleaned)."""
        self.query_one("#step-count", Static).update(f"{script.title} · step {view.number} of {view.count}")
        self.query_one("#step-title", Static).update(view.title)
        self.query_one("#step-text", Static).update(view.text)
        self.show_time(view)

    def show_time(self, view: StepView) -> None:
        """Redraw only the countdown."""
        bar = self.query_one("#step-progress", ProgressBar)
        bar.update(total=view.seconds, progress=view.seconds - view.remaining)
        if view.paused:
            time = f"paused at {countdown(view.remaining)} · p goes on"
        elif view.waiting:
            time = "take your time · space goes on when you are ready · escape stop"
        else:
            time = f"{countdown(view.remaining)} left · space next · p pause · escape stop"
        self.query_one("#step-time", Static).update(time)


def safety_text() -> str:
    """The gentle note with the support resources, from content/safety.md."""
    return gentle_note_text()


class SummaryPage(VerticalScroll):
    """What happened, the safety note when it is needed, and the choice to save."""

    def compose(self) -> ComposeResult:
        yield Static("Summary", classes="page-title", markup=False)
        yield Markdown(safety_text(), id="safety-note")
        yield Static("", id="summary-text", markup=False)
        yield Static(QUIET_LINE, id="summary-support", classes="hint", markup=False)
        yield Static("", id="summary-error", classes="error", markup=False)
        yield _hint("enter saves · escape discards · ↑ ↓ scroll")

    def show(self, lines: list[str], safety: bool, stopped: bool = False) -> None:
        """Show the summary lines; when `safety` the gentle note, else when `stopped` one quiet line."""
        self.query_one("#summary-text", Static).update("\n".join(clean_line(line) for line in lines))
        self.query_one("#safety-note", Markdown).display = safety
        self.query_one("#summary-support", Static).display = stopped and not safety
        self.query_one("#summary-error", Static).update("")
