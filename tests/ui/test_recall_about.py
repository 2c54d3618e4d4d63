"""The About screen and the texts behind it: sources named, no hormone claims, safety resources dated."""

from __future__ import annotations

import re

from textual.app import App
from textual.widgets import Markdown

from oxytui.content import content_dir, read_text
from oxytui.ui.screens.about import AboutScreen

SOURCES = (
    "Lisa Brookes Kift",
    "Linda Graham",
    "Phil Shaver",
    "Sue Carter",
    "Bruce Ecker",
    "Mikulincer & Shaver",
    "Jakubiak & Feeney, 2016",
    "Rowe, Gold & Carnelley, 2020",
    "Ai, Gillath & Karantzas, 2020",
    "Zilcha-Mano, Mikulincer & Shaver, 2012",
    "Light, Grewen & Amico, 2005",
    "Holt-Lunstad, Birmingham & Light, 2008",
    "Rick Hanson",
    "Mallinckrodt et al., 2013",
)


def test_about_names_every_source() -> None:
    text = " ".join(read_text("about.md").split())
    missing = [source for source in SOURCES if source not in text]
    assert missing == []


def test_no_content_claims_a_hormone_effect() -> None:
    files = [
        content_dir() / "about.md",
        content_dir() / "safety.md",
        *(content_dir() / "recall").glob("*.toml"),
    ]
    for path in files:
        text = path.read_text(encoding="utf-8").casefold()
        assert "oxytocin" not in text, path
        assert not re.search(r"releas\w* (the )?(hormone|oxytocin)", text), path
    assert "no claim about what any exercise does to your hormones" in read_text("about.md")


def test_safety_note_has_the_resources_and_the_date_they_were_checked() -> None:
    text = read_text("safety.md")
    assert "call or text **988**" in text
    assert "findahelpline.com" in text
    assert "last checked 2026-11-27" in text


async def test_about_screen_opens_and_closes() -> None:
    app: App[None] = App()
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(AboutScreen())
        await pilot.pause()
        assert isinstance(app.screen, AboutScreen)
        markdown = app.screen.query_one("#about-text", Markdown)
        assert markdown.source.startswith("# Why these habits")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, AboutScreen)
