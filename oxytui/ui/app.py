"""The oxytui Textual app: the dashboard frame, themes, live reload and day rollover."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Unpack

from textual import events, on
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.dom import DOMNode
from textual.notifications import SeverityLevel
from textual.reactive import var
from textual.screen import Screen
from textual.theme import Theme

from oxytui.core.days import format_day
from oxytui.core.model import SettingsChanges
from oxytui.core.text import clean
from oxytui.store import Store, StoreError
from oxytui.ui.contrast import readable_variables
from oxytui.ui.panes.people import PeoplePane
from oxytui.ui.panes.recall import RecallPane
from oxytui.ui.panes.streaks import StreaksPane
from oxytui.ui.panes.today import TodayPane
from oxytui.ui.saving import WAITING, LockWaitEnded, PendingSave, save, wait_ended
from oxytui.ui.screens.dashboard import DashboardScreen
from oxytui.ui.screens.quit_guard import GuardsQuit
from oxytui.ui.typeahead import TypeAhead

if TYPE_CHECKING:
    from textual.command import Provider

POLL_INTERVAL = 1.0  # seconds between looks at the data file and the clock

WARM_THEME = Theme(
    name="oxytui",
    primary="#E07A5F",
    secondary="#81B29A",
    accent="#F2CC8F",
    warning="#F4A261",
    error="#E5484D",
    success="#81B29A",
    foreground="#F4E9DD",
    background="#211917",
    surface="#2C221F",
    panel="#3B2D28",
    dark=True,
)


def key_commands() -> type[Provider]:
    """The palette's list of keyed actions (screens/palette.py, loaded when the palette first opens)."""
    from oxytui.ui.screens.palette import KeyCommands

    return KeyCommands


def people_commands() -> type[Provider]:
    """The palette's "Open <person>" commands (screens/palette.py, loaded when the palette first opens)."""
    from oxytui.ui.screens.palette import PeopleCommands

    return PeopleCommands


class OxyApp(App[int]):
    """The evening dashboard on one Store."""

    TITLE = "oxytui"
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {key_commands, people_commands}
    _theme_taken = False  # set once __init__ has taken the saved theme (see _start_in_theme)
    data_version: var[int] = var(0)  # the store's version the panes were last told of (see panes/base.py)

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "question_mark",
            "help",
            "Help",
            key_display="?",
            id="help",
            tooltip="Show every key and the streak rules",
        ),
        Binding("q", "quit", "Quit", id="quit", tooltip="Quit oxytui; every saved change is already on disk"),
        Binding(
            "ctrl+q",
            "quit",
            "Quit",
            show=False,
            priority=True,
            id="quit-ctrl",
            tooltip="Quit oxytui, even from a form",
        ),
    ]

    def __init__(self, store: Store, *, poll_interval: float = POLL_INTERVAL) -> None:
        super().__init__()
        self.store = store
        self.poll_interval = poll_interval
        self.register_theme(WARM_THEME)
        self._start_in_theme(store.settings.theme)
        self._today = store.today()
        self._last_problem = ""
        self._typeahead = TypeAhead(self, super().on_event)

    async def on_event(self, event: events.Event) -> None:
        await self._typeahead.handle(event)  # each key once the one before it has acted

    def get_css_variables(self) -> dict[str, str]:
        """The theme's variables, each text colour made readable (WCAG AA) on its backgrounds."""
        if not self._theme_taken:  # App.__init__ asks before the saved theme is taken; nothing is drawn yet
            return super().get_css_variables()
        variables = readable_variables(super().get_css_variables())
        self.theme_variables = variables  # what the heatmap and the streak figures read their colours from
        return variables

    def _start_in_theme(self, saved: str) -> None:
        """Take the saved theme (or the warm one) before any CSS is read, as Textual's own watcher would,
        but without its stylesheet refresh: setting `theme` once mounted parses and applies every rule
        a second time before the first frame."""
        name = saved if saved in self.available_themes else WARM_THEME.name
        self.set_reactive(App.theme, name)
        self._theme_taken = True
        dark = self.current_theme.dark
        self.update_classes(
            {f"-theme-{name}": True, "-dark-mode": dark, "-light-mode": not dark}, update=False
        )
        self._refresh_truecolor_filter(self.ansi_theme)  # what App._watch_theme does for a light theme
        self.stylesheet.set_variables(self.get_css_variables())

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """A notification, its text shown without control codes: it may name a path or quote a file."""
        super().notify(clean(message), title=clean(title), severity=severity, timeout=timeout, markup=markup)

    def get_default_screen(self) -> Screen[None]:
        return DashboardScreen(self.store)

    @property
    def dashboard(self) -> DashboardScreen:
        """The dashboard screen (always at the bottom of the stack)."""
        screen = self.screen_stack[0]
        assert isinstance(screen, DashboardScreen)
        return screen

    def on_mount(self) -> None:
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        self.sub_title = format_day(self._today)
        self.set_interval(self.poll_interval, self.poll, name="poll")
        if not self.store.settings.welcomed:
            from oxytui.ui.screens.welcome import WelcomeScreen  # only on the first run

            welcome = WelcomeScreen(self.store.path, self.store.settings.day_start_hour)
            self.push_screen(welcome, self._welcomed)

    # --- settings ------------------------------------------------------------------------

    def _save_settings(
        self, then: Callable[[], None] | None = None, **changes: Unpack[SettingsChanges]
    ) -> None:
        """Save settings (waiting, if another oxytui holds the lock, without freezing: ui/saving.py);
        `then` runs once they are saved."""

        def done(_: object) -> None:
            if then is not None:
                then()

        def failed(error: Exception) -> None:
            self.notify(str(error), title="Setting not saved", severity="error", markup=False, timeout=10)

        def waiting(_: PendingSave[object]) -> None:
            self.notify(WAITING, markup=False)

        save(self, lambda: self.store.update_settings(**changes), done, failed, waiting)

    def _theme_changed(self, theme: Theme) -> None:
        if theme.name != self.store.settings.theme:
            self._save_settings(theme=theme.name)

    def _welcomed(self, hour: int | None) -> None:
        hour = self.store.settings.day_start_hour if hour is None else hour
        self._save_settings(self.poll, welcomed=True, day_start_hour=hour)

    def _day_start_chosen(self, hour: int | None) -> None:
        if hour is not None and hour != self.store.settings.day_start_hour:

            def saved() -> None:
                self.notify(f"A day now starts at {hour:02d}:00.")
                self.poll()

            self._save_settings(saved, day_start_hour=hour)

    def action_day_start(self) -> None:
        """Change the hour at which a new day starts."""
        from oxytui.ui.screens.welcome import WelcomeScreen  # loaded when first needed: it brings Markdown

        screen = WelcomeScreen(self.store.path, self.store.settings.day_start_hour, first_run=False)
        self.push_screen(screen, self._day_start_chosen)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        for command in super().get_system_commands(screen):
            if command.title != "Quit":  # the quit key is listed with the other keys
                yield command
        yield SystemCommand("Day start", "Change the hour at which a new day starts", self.action_day_start)
        yield SystemCommand(
            "Support", "Helplines and emergency numbers, if things feel heavy", self.action_support
        )

    def action_support(self) -> None:
        """Show where to find support: helplines and emergency numbers."""
        from oxytui.ui.screens.support import SupportScreen  # loaded when first needed: it brings Markdown

        if not isinstance(self.screen, SupportScreen):
            self.push_screen(SupportScreen())

    async def action_quit(self) -> None:
        """Quit, first asking any screen that holds unsaved work (a recall under way)."""
        for screen in reversed(self.screen_stack):
            if isinstance(screen, GuardsQuit) and screen.ask_before_quit(self.exit):
                return
        self.exit()

    # --- help ----------------------------------------------------------------------------

    def action_help(self) -> None:
        """Show every key and the streak rules."""
        from oxytui.ui.screens.help import HelpScreen  # loaded when first needed: it brings Markdown
        from oxytui.ui.screens.person import PersonScreen

        if isinstance(self.screen, HelpScreen):
            return
        sections: list[tuple[str, type[DOMNode]]] = [
            ("Anywhere", type(self)),
            ("Dashboard", DashboardScreen),
            ("Today", TodayPane),
            ("Recall", RecallPane),
            ("Streaks", StreaksPane),
            ("People", PeoplePane),
            ("On a person (enter in People)", PersonScreen),
        ]
        self.push_screen(HelpScreen(sections))

    # --- live data and the day -----------------------------------------------------------

    def poll(self) -> None:
        """Pick up changes made by other processes, and roll over to a new logical day."""
        try:
            self.store.refresh()
        except (StoreError, OSError) as error:  # the file spoiled, replaced by a folder or a FIFO, or locked
            problem = file_problem(self.store.path, error)
            if problem != self._last_problem:
                self._last_problem = problem
                self.notify(problem, title="Cannot read the data file", severity="error", markup=False)
            return
        self._last_problem = ""
        today = self.store.today()
        if today != self._today:
            old, self._today = self._today, today
            self.sub_title = format_day(today)
            self.dashboard.roll_over(old, today)
        self.data_changed()

    def data_changed(self) -> None:
        """Tell the panes the store's data version: each draws again once for a version it has not shown."""
        self.data_version = self.store.version

    @on(LockWaitEnded)
    def _lock_wait_ended(self, event: LockWaitEnded) -> None:
        wait_ended(self, event)  # a save that waited for another oxytui: make it now, or say why not

    @on(TodayPane.DataChanged)
    @on(RecallPane.RecallFinished)
    @on(PeoplePane.Changed)
    def _pane_changed_data(self) -> None:
        self.data_changed()


def file_problem(path: Path, error: Exception) -> str:
    """A notice for a data file that cannot be read (the dashboard keeps what it showed)."""
    if isinstance(error, StoreError):
        return clean(str(error))
    reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
    return clean(f"cannot read {path}: {reason}. What is shown stays; nothing was changed")


def create_app(store: Store, *, poll_interval: float = POLL_INTERVAL) -> OxyApp:
    """The app on `store`: the one factory the entry point and the tests share."""
    return OxyApp(store, poll_interval=poll_interval)


def run_app(store: Store) -> int:
    """Run the dashboard until the user quits; return the exit code."""
    result = create_app(store).run()
    return 0 if result is None else result
