"""The dashboard as text at 60×20, 80×24, 100×30 and 160×45, with and without NO_COLOR.

Each size is checked for what the issue named: today in the week strip, the heatmap's legend, clipped
text ending in "…", sentences never cut mid-word, and columns that grow with the width. NO_COLOR changes
no character: everything is told apart by shape as well as colour.
"""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest
from rich.console import Console
from textual.app import App

from oxytui.core.model import ContactDraft
from oxytui.store import Store
from oxytui.ui.screens.recall_pages import ChoosePage
from oxytui.ui.widgets.heatmap import REST, SHAPES
from tests.ui.conftest import AppFactory

SIZES = [(60, 20), (80, 24), (100, 30), (160, 45)]
TODAY = date(2026, 11, 25)  # the fake clock's Wednesday
LONG_NOTE = "she told the story of the blue bicycle again, with new details"


def screen_text(app: App[Any]) -> str:
    """The characters on the screen, one line per row, as a terminal would show them."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), record=True, legacy_windows=False)
    console.print(app.screen._compositor.render_update(full=True))
    return console.export_text(styles=False)


def pane_lines(text: str, title: str) -> list[str]:
    """The rows of the pane whose border carries `title`, from its top border to its bottom border."""
    rows = text.splitlines()
    top = next(i for i, row in enumerate(rows) if title in row)
    column = rows[top].index(title) - 3  # "╭─ " comes before the title
    end = next(i for i in range(top + 1, len(rows)) if rows[i][column : column + 1] == "╰")
    right = rows[top].index("╮", column)
    return [row[column : right + 1] for row in rows[top : end + 1]]


async def capture(make_app: AppFactory, size: tuple[int, int]) -> str:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        return screen_text(app)


@pytest.mark.parametrize("no_color", [False, True], ids=["colour", "NO_COLOR"])
@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
async def test_the_dashboard_at_each_size(
    sample: Store,
    make_app: AppFactory,
    monkeypatch: pytest.MonkeyPatch,
    size: tuple[int, int],
    no_color: bool,
) -> None:
    sample.set_rest_day(date(2026, 11, 24))
    sample.update_settings(week_start="thursday")  # today, a Wednesday, is the week's last day
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    else:
        monkeypatch.delenv("NO_COLOR", raising=False)
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert app.no_color is no_color
        text = screen_text(app)
    width, height = size
    rows = text.splitlines()
    assert len(rows) == height and all(len(row) <= width for row in rows)

    streaks = "\n".join(pane_lines(text, "3 Streaks"))
    strip = next(line for line in streaks.splitlines() if "●" in line)
    assert strip.rstrip(" │").endswith(("We●", "W●"))  # today, the last day, stays in the strip
    assert "rest" in streaks and all(shape in streaks for shape in SHAPES[1:])  # the legend stays
    assert (
        REST in streaks.split("rest")[0] or f"{REST} rest" in streaks
    )  # the rest mark, in the map or legend

    today = "\n".join(pane_lines(text, "1 Today"))
    note_row = next(line for line in today.splitlines() if "19:40" in line)
    assert "Grandma Lu" in note_row or "Grandma…" in note_row
    note = note_row[note_row.index("she told") :].rstrip(" │")
    assert note == LONG_NOTE or (note.endswith("…") and LONG_NOTE.startswith(note[:-1]))  # clipped: "…"
    if width >= 160:
        assert "Call or video with a loved one" in today  # the kind column grows with the width
    recall = " ".join(line.strip("│ ╭╮╰╯─") for line in pane_lines(text, "2 Recall"))
    assert "This week: 0 of 2 recalls" in recall or "Recalls this week: 0/2" in recall
    if width >= 80:  # whole sentences, never cut mid-word
        assert "3 warm contacts · 3 people · 37 min" in today
        assert "Today is warm: 2 days in a row." in streaks
        assert "This week: 0 of 2 recalls" in recall


@pytest.mark.parametrize("size", [(80, 24), (100, 30)], ids=["80x24", "100x30"])
async def test_the_empty_recall_sentence_is_never_cut_mid_word(
    store: Store, make_app: AppFactory, size: tuple[int, int]
) -> None:
    text = await capture(make_app, size)
    recall = " ".join(" ".join(line.strip("│ ╭╮╰╯─").split()) for line in pane_lines(text, "2 Recall"))
    assert "No recalls yet. A few minutes with someone who cares for you." in recall


async def test_the_recall_chooser_keeps_its_keys_in_view_at_60x20(store: Store, make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("2", "r")
        await pilot.pause()
        text = screen_text(app)
        scripts = app.screen.query_one(ChoosePage).scripts
    assert len(scripts) == 8  # more than 20 rows can list
    assert "Press 1–8, or ↑ ↓ and enter, to choose · escape to close" in text
    assert scripts[-1].title not in text  # the list is cut off, its keys are not


@pytest.mark.parametrize("size", [(80, 24), (100, 30)], ids=["80x24", "100x30"])
async def test_why_the_streak_ended_is_said_whole(
    store: Store, make_app: AppFactory, size: tuple[int, int]
) -> None:
    store.add_contact(ContactDraft("Sam", "hug"), date(2026, 11, 21))  # four days before today
    text = await capture(make_app, size)
    streaks = " ".join(" ".join(line.strip("│ ╭╮╰╯─").split()) for line in pane_lines(text, "3 Streaks"))
    assert "Last run: 1 warm day, to Sat 21 Nov. Any evening can start a new one." in streaks
    assert "rest" in streaks  # the legend stays below it
