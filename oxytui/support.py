"""Where to find support: the text of content/safety.md, split into the after-recall note and the
support resources shown on the Support screen, by `oxytui support` and after a heavy recall."""

from __future__ import annotations

from oxytui.content import ContentError, read_text

SUPPORT_HEADING = "## Support"

FALLBACK_SUPPORT = """\
## Support

- **US and Canada:** call or text **988**.
- **UK and Ireland:** call Samaritans on **116 123**.
- **Anywhere else:** find a helpline at **findahelpline.com**.
- **In danger right now:** call your local emergency number (911, 112, 999 or 000).
"""

QUIET_LINE = "If this stirred something up, Support is one key away: press ? then s."
"""The one quiet line shown when a recall is stopped or discarded."""


def _parts() -> tuple[str, str]:
    try:
        text = read_text("safety.md")
    except ContentError:
        return "", FALLBACK_SUPPORT
    note, found, support = text.partition(SUPPORT_HEADING)
    if not found:
        return "", text.strip() + "\n"
    return note.strip() + "\n", (SUPPORT_HEADING + support).strip() + "\n"


def support_text() -> str:
    """The support resources as Markdown, with the date they were last checked."""
    return _parts()[1]


def gentle_note_text() -> str:
    """The note shown after a heavy recall: a few kind words, then the support resources."""
    note, support = _parts()
    return f"{note}\n{support}" if note else support


def plain(markdown: str) -> str:
    """Markdown as plain terminal text: headings and emphasis marks dropped, lists kept."""
    lines = []
    for line in markdown.splitlines():
        line = line.lstrip("#").strip() if line.startswith("#") else line
        lines.append(line.replace("**", "").replace("*", ""))
    return "\n".join(lines).strip() + "\n"
