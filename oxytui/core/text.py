"""Cleaning user text for display: the user's words reach the screen, their control codes do not."""

from __future__ import annotations

import re
import unicodedata

# Whole terminal escape sequences: CSI (ESC [ ... final), OSC/DCS/SOS/PM/APC strings
# (ESC ] ... BEL or ST), and two-character escapes. Their C1 forms are covered too.
_ESCAPE_SEQUENCE = re.compile(
    r"""
    (?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]                     # CSI
    | (?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f]).*?(?:\x07|\x1b\\|\x9c)  # OSC, DCS, SOS, PM, APC
    | \x1b[ -/]*[0-~]                                    # other two-character escapes
    """,
    re.VERBOSE | re.DOTALL,
)

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")

# Bidirectional embeddings, overrides and isolates, plus the directional marks.
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

# Every character clean() removes: the C0 controls but newline and tab, DEL and the C1 controls (together
# Unicode's Cc), lone surrogates (Cs) and the bidi controls. Each escape sequence starts with one of them,
# so a text without any is already clean: the common case, told in one scan instead of one call a character.
_REMOVED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff" + "".join(sorted(BIDI_CONTROLS)) + "]")


def _keep(char: str) -> bool:
    if char in "\n\t":
        return True
    if char in BIDI_CONTROLS:
        return False
    category = unicodedata.category(char)
    # Cc: C0, DEL and C1 controls; Cs: lone surrogates, which no terminal can show.
    return category not in ("Cc", "Cs")


def clean(text: str) -> str:
    """Return `text` without escape sequences, control characters (but newline and tab) or bidi controls."""
    if _REMOVED.search(text) is None:
        return text
    without_sequences = _ESCAPE_SEQUENCE.sub("", text)
    return "".join(char for char in without_sequences if _keep(char))


def clean_line(text: str) -> str:
    """Return `text` cleaned for a single line: newlines and tabs become spaces."""
    return " ".join(clean(text).split())


# What Markdown reads as markup inside a line: emphasis, code, links and images, raw HTML, strikethrough
# and entities. Escaped, a name such as "<img src=x onerror=...>" or "[x](javascript:...)" stays text.
_MARKDOWN_MARKUP = re.compile(r"([\\`*_\[\]<>~&])")


def markdown_text(text: str) -> str:
    """Return `text` cleaned for a single line of Markdown, its markup characters escaped: read as typed."""
    return _MARKDOWN_MARKUP.sub(r"\\\1", clean_line(text))


def shorten(text: str, width: int) -> str:
    """Return the cleaned single line `text`, cut to `width` characters with an ellipsis."""
    line = clean_line(text)
    if width < 1:
        return ""
    return line if len(line) <= width else line[: width - 1].rstrip() + "…"


def has_lone_surrogate(text: str) -> bool:
    """True when `text` holds a lone surrogate, which cannot be written as UTF-8."""
    return not text.isascii() and _LONE_SURROGATE.search(text) is not None
