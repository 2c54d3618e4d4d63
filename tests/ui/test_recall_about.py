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
    "Sue Carter",
    "Mikulincer & Shaver, 2007",
    "Jakubiak & Feeney, 2016",
    "Rowe, Gold &\nCarnelley, 2020",
    "Gillath, Karantzas, Romano & Karantzas, 2022",
    "Gillath & Karantzas, 2019",
    "Ai, Gillath & Karantzas, 2020",
    "Zilcha-Mano, Mikulincer & Shaver, 2012",
    "Light, Grewen & Amico, 2005",
    "Holt-Lunstad, Birmingham & Light, 2008",
    "McCullough, Churchland & Mendez, 2013",
    "Nave, Camerer & McCullough, 2015",
    "Walum, Waldman & Young, 2016",
    "Arriaga, Kumashiro, Simpson &\n  Overall, 2018",
    "Chen et al., 2026",
    "Borelli, Rasmussen, Burkhart & Sbarra, 2015",
    "Rick Hanson",
    "Kristin Neff",
)


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_about_names_every_source() -> None:
    text = _flat(read_text("about.md"))
    missing = [source for source in SOURCES if _flat(source) not in text]
    assert missing == []


def test_every_study_cited_in_the_text_is_in_the_reference_list() -> None:
    text = _flat(read_text("about.md"))
    body, _, references = text.partition("## References")
    cited = set(re.findall(r"\(?([A-Z][\w-]+)(?:,| &| et al\.)[^()]*?(\d{4})\)", body))
    assert cited, "the text cites studies"
    for first_author, year in cited:
        entry = rf"- {re.escape(first_author)}, [^()]*\({year}\)\."
        assert re.search(entry, references), (first_author, year)


def test_research_and_practices_are_apart() -> None:
    text = read_text("about.md")
    research = text.index("## What the research says")
    practices = text.index("## Practices borrowed from practitioners")
    assert research < practices
    assert "Have–Enrich–Absorb" in text[practices:] and "Have–Enrich–Absorb" not in text[research:practices]
    assert "hand on the heart" in text[practices:]


def test_no_content_claims_a_hormone_effect() -> None:
    files = [
        content_dir() / "safety.md",
        content_dir() / "welcome.md",
        *(content_dir() / "recall").glob("*.toml"),
    ]
    for path in files:
        text = path.read_text(encoding="utf-8").casefold()
        assert "oxytocin" not in text, path
    about = _flat(read_text("about.md"))
    assert not re.search(r"(?<!says that an exercise )releas\w* (the )?(hormone|oxytocin)", about.casefold())
    assert "It never says that an exercise releases oxytocin or any other hormone" in about
    for claim in ("instant antidote to stress", "heals old wounding", "dramatic and permanent"):
        assert claim in about  # named as what oxytui does not take from the article


def test_safety_note_has_the_resources_and_the_date_they_were_checked() -> None:
    text = read_text("safety.md")
    assert "call or text **988**" in text and "US and Canada" in text
    assert "Samaritans on **116 123**" in text and "UK and Ireland" in text
    assert "findahelpline.com" in text
    for number in ("911", "112", "999", "000"):
        assert f"**{number}**" in text
    assert re.search(r"last checked \d{4}-\d{2}-\d{2}", text)


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
