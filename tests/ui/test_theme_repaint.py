"""A theme change repaints the Streaks pane at once, in the new theme's colours (no poll needed)."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from oxytui.core.model import ContactDraft
from oxytui.store import Store
from oxytui.ui.app import create_app
from oxytui.ui.widgets.heatmap import Palette


def figure_colour(app_text: object) -> str:
    """The colour of the daily streak's figure in the summary line."""
    assert isinstance(app_text, Text)
    span = next(s for s in app_text.spans if app_text.plain[s.start : s.end].isdigit())
    style = span.style
    assert not isinstance(style, str) and style.color is not None
    return str(style.color.triplet.hex if style.color.triplet else style.color.name).lower()


async def test_a_theme_change_repaints_the_streak_figures_at_once(store: Store) -> None:
    store.add_contact(ContactDraft("Sam", "hug"))
    store.update_settings(welcomed=True)
    app = create_app(store, poll_interval=3600)  # no poll: only the theme change can repaint
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        summary = app.screen.query_one("#streaks-summary", Static)
        assert app.theme == "oxytui"
        assert figure_colour(summary.content) == Palette.from_theme(app.theme_variables).levels[4].lower()
        app.theme = "textual-light"
        await pilot.pause()
        await pilot.pause()
        expected = Palette.from_theme(app.theme_variables).levels[4].lower()
        assert figure_colour(summary.content) == expected
        app.theme = "oxytui"
        await pilot.pause()
        await pilot.pause()
        assert figure_colour(summary.content) != expected


async def test_the_focused_pane_alone_has_the_primary_border_in_each_theme(store: Store) -> None:
    from textual.color import Color

    store.update_settings(welcomed=True)
    app = create_app(store, poll_interval=3600)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()

        def primary_panes() -> list[str]:
            primary = Color.parse(app.theme_variables["primary"])
            return [
                str(pane.id)
                for pane in app.dashboard.panes
                if pane.styles.border_top == ("round", primary) and pane.styles.border_title_color == primary
            ]

        assert primary_panes() == ["today"]
        await pilot.press("4")
        await pilot.pause()
        assert primary_panes() == ["people"]
        app.theme = "textual-light"
        await pilot.pause()
        await pilot.pause()
        assert primary_panes() == ["people"]  # the new theme's primary, at once
        await pilot.press("3")
        await pilot.pause()
        assert primary_panes() == ["streaks"]
