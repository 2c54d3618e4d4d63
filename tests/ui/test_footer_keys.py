"""The footer shows what the focused pane can do now, as one line that a change of keys only repaints."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.style import Style as RichStyle
from textual.color import Color
from textual.pilot import Pilot

from oxytui.store import Store
from oxytui.ui.app import OxyApp
from oxytui.ui.widgets.footer import MORE_TOOLTIP, KeysFooter, ShownKey
from tests.ui.conftest import AppFactory
from tests.waiting import wait_until

DAY_KEYS = {"edit", "delete", "undo", "next_day", "today"}


def footer(app: OxyApp) -> KeysFooter:
    return app.screen.query_one(KeysFooter)


def shown(app: OxyApp) -> set[str]:
    """The Today pane's keys the footer shows now (those that can do nothing are left out)."""
    return {key.action for key in footer(app).shown if key.action in DAY_KEYS}


def key(app: OxyApp, action: str) -> ShownKey:
    return next(key for key in footer(app).shown if key.action == action)


def style_at(bar: KeysFooter, x: int) -> RichStyle:
    """The style the footer draws cell `x` in."""
    segment = next(iter(bar.render_line(0).crop(x, x + 1)))
    assert segment.style is not None
    return segment.style


def first_key_is(app: OxyApp, text: str) -> Callable[[], bool]:
    return lambda: footer(app).shown[0].text == text


async def press(pilot: Pilot[int], *names: str) -> None:
    await pilot.press(*names)
    await pilot.pause()  # the footer updates after the next refresh


class LayoutRequests:
    """Counts the footer's requests for a layout and the screen's layouts (make it once the app runs)."""

    def __init__(self, app: OxyApp) -> None:
        self.footer = 0
        self.screen = 0
        bar, screen = footer(app), app.screen
        refresh, refresh_layout = bar.refresh, screen._refresh_layout

        def counted_refresh(*regions: Any, layout: bool = False, **options: Any) -> KeysFooter:
            self.footer += layout
            return refresh(*regions, layout=layout, **options)

        def counted_layout(*args: Any, **kwargs: Any) -> None:
            self.screen += 1
            refresh_layout(*args, **kwargs)

        bar.refresh = counted_refresh  # type: ignore[method-assign]
        screen._refresh_layout = counted_layout  # type: ignore[method-assign]


async def test_footer_keys_follow_adds_days_and_undo(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert shown(app) == set()
        assert [k.text for k in footer(app).shown[:2]] == ["a Add", "[ Prev"]
        await press(pilot, "a", *"Sam", "tab", *"hug", "enter")
        assert shown(app) == {"edit", "delete", "undo"}
        await press(pilot, "left_square_bracket")  # yesterday: nothing logged, today is ahead
        assert shown(app) == {"undo", "next_day", "today"}
        await press(pilot, "left_square_bracket")  # another empty past day: the same keys
        assert shown(app) == {"undo", "next_day", "today"}
        await press(pilot, "t")
        assert shown(app) == {"edit", "delete", "undo"}
        await press(pilot, "u")
        assert shown(app) == set()


async def test_hidden_keys_do_nothing_and_the_footer_never_asks_for_a_layout(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        pane = app.dashboard.today_pane
        bar = footer(app)
        requests = LayoutRequests(app)
        await press(pilot, "left_square_bracket")
        assert shown(app) == {"next_day", "today"}
        await press(pilot, "right_square_bracket")
        assert pane.shown_day == pane.store.today() and shown(app) == set()
        await press(pilot, "right_square_bracket", "t", "e", "d")  # hidden: nothing happens
        assert pane.shown_day == pane.store.today() and app.screen is app.dashboard
        assert not bar.children and requests.footer == 0


async def test_moving_the_focus_between_panes_does_not_lay_out_the_screen(
    store: Store, make_app: AppFactory
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.pause()
        requests = LayoutRequests(app)
        for pane, first in [("4", "⏎ Open"), ("1", "a Add"), ("4", "⏎ Open")]:
            await press(pilot, pane)
            await wait_until(pilot, first_key_is(app, first), f"{first} first in the footer")
            await pilot.pause()
        assert (requests.footer, requests.screen) == (0, 0)
        await pilot.resize_terminal(90, 30)  # what does need a layout still gets one
        await wait_until(pilot, lambda: requests.screen > 0, "a layout after a resize")


async def test_clicking_a_key_in_the_footer_does_what_it_says(make_app: AppFactory) -> None:
    from oxytui.ui.screens.contact_form import ContactForm

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        bar = footer(app)
        ran: list[tuple[str, object]] = []
        run_action = app.run_action

        async def recorded(action: Any, default_namespace: Any = None, namespaces: Any = None) -> bool:
            ran.append((action, default_namespace))
            return await run_action(action, default_namespace, namespaces)

        app.run_action = recorded  # type: ignore[method-assign]
        add, prev = key(app, "add"), key(app, "previous_day")
        assert (add.text, bar.render_line(0).text[add.start : add.end]) == ("a Add", "a Add")
        await pilot.click(bar, offset=(add.end, 0))  # the space between two keys does nothing
        await pilot.pause()
        assert ran == [] and app.screen is app.dashboard
        await pilot.click(bar, offset=(add.end - 1, 0))
        await wait_until(pilot, lambda: isinstance(app.screen, ContactForm), "the add form")
        assert ran == [("add", app.dashboard.today_pane)]  # run on the pane the key belongs to
        await press(pilot, "escape")
        await pilot.click(footer(app), offset=(prev.start, 0))
        await wait_until(pilot, lambda: shown(app) == {"next_day", "today"}, "yesterday")


async def test_the_key_under_the_mouse_is_highlighted_and_tells_what_it_does(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(60, 20), tooltips=True) as pilot:
        await pilot.press("3")
        await pilot.pause()
        await pilot.pause()
        bar = footer(app)
        review, more = key(app, "review"), key(app, "…")
        plain = style_at(bar, review.start).bgcolor
        await pilot.hover(bar, offset=(review.start + 2, 0))
        await pilot.pause()
        assert bar.hovered == review and bar.tooltip == "Open the weekly review of the selected week"
        assert {style_at(bar, x).bgcolor for x in range(review.start, review.end)} != {plain}
        assert style_at(bar, review.end + 2).bgcolor == plain  # the next key is not highlighted
        await pilot.hover(bar, offset=(more.start, 0))
        await pilot.pause()
        assert bar.tooltip == MORE_TOOLTIP
        await pilot.hover(bar, offset=(more.end, 0))
        await pilot.pause()
        assert bar.hovered is None and bar.tooltip is None
        assert style_at(bar, review.start).bgcolor == plain


async def test_the_footer_follows_the_theme_and_dims_keys_it_does_not_hide(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        bar = footer(app)
        add = key(app, "add")
        palette = bar.shown[-1]
        assert (palette.text, palette.end, bar.render_line(0).text[palette.start]) == ("^p palette", 100, "▏")

        def key_colours() -> tuple[str, str]:
            """The colour the key "a" is drawn in, and the theme's colour for keys in the footer."""
            background = Color.parse(app.theme_variables["footer-background"])
            expected = background + Color.parse(app.theme_variables["footer-key-foreground"])
            drawn = style_at(bar, add.start)
            assert drawn.bold and drawn.color is not None
            return drawn.color.get_truecolor().hex, expected.hex.lower()

        dark, expected = key_colours()
        assert dark == expected
        app.theme = "textual-light"
        await pilot.pause()
        await pilot.pause()
        light, expected = key_colours()
        assert light == expected != dark
        bar.hide_unusable = False
        bar._place()
        await pilot.pause()
        undo = key(app, "undo")
        assert not undo.usable and style_at(bar, undo.start).dim and not style_at(bar, add.start).dim


async def test_several_updates_at_once_make_one(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        bar = footer(app)
        before = bar.shown
        updates = 0
        update = bar._update

        def counted() -> None:
            nonlocal updates
            updates += 1
            update()

        bar._update = counted  # type: ignore[method-assign]
        for _ in range(3):
            app.screen.refresh_bindings()
        await pilot.pause()
        await pilot.pause()
        assert updates == 1 and bar.shown == before
