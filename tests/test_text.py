"""Cleaning user text for display; the user's words are stored exactly and cleaned only when shown."""

from __future__ import annotations

import io
import json
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oxytui.cli import main
from oxytui.core.model import ContactDraft
from oxytui.core.text import BIDI_CONTROLS, clean, clean_line, has_lone_surrogate, markdown_text, shorten
from oxytui.store import Store

PWNED = "\x1b]0;pwned\x07[bold]x[/]"


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\x1b[31mred\x1b[0m", "red"),
        ("\x1b[2J\x1b[Hclear", "clear"),
        ("\x1b[?25lhidden cursor", "hidden cursor"),
        ("\x1b[38;2;255;0;0mrgb", "rgb"),
        ("\x9b31mC1 CSI", "C1 CSI"),
        ("\x1b]0;title\x07after", "after"),
        ("\x1b]0;title\x1b\\after", "after"),
        ("\x9d0;title\x9cafter", "after"),
        ("\x1b]8;;https://example.org\x1b\\link\x1b]8;;\x1b\\", "link"),
        ("\x1bPq#0;2;0;0;0\x1b\\sixel", "sixel"),
        ("\x1b_APC payload\x1b\\x", "x"),
        ("\x1bcreset", "reset"),
        ("\x1b7saved\x1b8", "saved"),
        ("\x1b(Bcharset", "charset"),
        ("tail\x1b", "tail"),
        # An unterminated string sequence hides nothing: only its control codes go.
        ("\x1b]0;never ended", "0;never ended"),
        ("\x9fvonne", "vonne"),
        (PWNED, "[bold]x[/]"),
    ],
)
def test_escape_sequences_removed(raw: str, shown: str) -> None:
    assert clean(raw) == shown


def test_c0_controls_removed_but_newline_and_tab_kept() -> None:
    c0 = "".join(chr(code) for code in range(0x20))
    assert clean("a" + c0 + "b") == "a\t\nb"
    assert clean("a\rb\x08c\x7fd") == "abcd"


def test_c1_controls_removed() -> None:
    # \x90 DCS, \x98 SOS, \x9b CSI, \x9d OSC, \x9e PM, \x9f APC open sequences; a lone one eats the rest.
    plain_c1 = [chr(code) for code in range(0x80, 0xA0) if chr(code) not in "\x90\x98\x9b\x9d\x9e\x9f"]
    assert clean("a" + "".join(plain_c1) + "b") == "ab"
    assert clean("a\x85b") == "ab"


@pytest.mark.parametrize("control", sorted(BIDI_CONTROLS))
def test_bidi_controls_removed(control: str) -> None:
    assert clean(f"evil{control}txt.exe") == "eviltxt.exe"


def test_bidi_override_trick_cannot_reverse_a_name() -> None:
    assert clean("Sam\u202egnp.exe\u202c") == "Samgnp.exe"
    assert clean("\u2067שלום\u2069") == "שלום"


@pytest.mark.parametrize(
    "kept",
    [
        "🐈‍⬛ and 👍🏽",
        "👨‍👩‍👧",
        "猫と話す",
        "שלום",
        "مرحبا بك",
        "é with combining accent: e\u0301",
        "[bold]not markup[/bold]",
        "tab\there\nand a new line",
        "zero\u200bwidth and \u200d joiner",
        "ß ğ Ω ∑ — “quotes” …",
    ],
)
def test_ordinary_text_kept(kept: str) -> None:
    assert clean(kept) == kept


def test_lone_surrogates_removed() -> None:
    assert has_lone_surrogate("a\ud800b")
    assert not has_lone_surrogate("a🐈b")
    assert clean("a\ud800b\udfffc") == "abc"


def test_clean_line() -> None:
    assert clean_line("  two\nlines\tand\r\n  spaces  ") == "two lines and spaces"
    assert clean_line(PWNED) == "[bold]x[/]"
    assert clean_line("") == ""


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [
        ("Sam", 10, "Sam"),
        ("Samantha", 8, "Samantha"),
        ("Samantha", 5, "Sama…"),
        ("Sam and Kim", 5, "Sam…"),
        ("Sam", 1, "…"),
        ("Sam", 0, ""),
        ("Sam", -3, ""),
        ("\x1b[31mSam\x1b[0m\nKim", 7, "Sam Kim"),
    ],
)
def test_shorten(text: str, width: int, expected: str) -> None:
    assert shorten(text, width) == expected
    assert len(shorten(text, width)) <= max(width, 0)


ALPHABET = st.one_of(
    st.characters(),
    st.sampled_from(["\x1b", "[", "]", ";", "\x07", "\\", "\x9b", "\x9c", "\x9d", "P", "m", "0", "\n", "\t"]),
    st.sampled_from(sorted(BIDI_CONTROLS)),
)


def _is_forbidden(char: str) -> bool:
    if char in "\n\t":
        return False
    return char in BIDI_CONTROLS or unicodedata.category(char) in ("Cc", "Cs")


@given(st.text(alphabet=ALPHABET, max_size=200))
def test_clean_never_leaves_controls(text: str) -> None:
    shown = clean(text)
    assert not any(_is_forbidden(char) for char in shown)
    assert "\x1b" not in shown
    assert not any("\x80" <= char <= "\x9f" for char in shown)
    assert clean(shown) == shown
    line = clean_line(text)
    assert "\n" not in line and "\t" not in line
    assert not any(_is_forbidden(char) for char in line)


@given(
    st.text(st.characters(exclude_categories=["Cc", "Cs"], exclude_characters=BIDI_CONTROLS), max_size=100)
)
def test_clean_keeps_text_without_controls(text: str) -> None:
    assert clean(text) == text


def test_every_character_of_the_basic_plane_is_kept_or_removed_by_its_category() -> None:
    # clean() returns a text as it is when it holds nothing to remove: that test must know every such code.
    for code in range(0x10000):
        char = chr(code)
        expected = "a" if _is_forbidden(char) else f"a{char}"
        assert clean(f"a{char}") == expected, hex(code)


@given(st.text(alphabet=ALPHABET, max_size=100), st.integers(min_value=0, max_value=40))
def test_shorten_fits(text: str, width: int) -> None:
    short = shorten(text, width)
    assert len(short) <= width
    if len(clean_line(text)) <= width:
        assert short == clean_line(text)


# --- stored verbatim, cleaned on display ----------------------------------------------------------


def test_store_keeps_the_name_verbatim(store: Store, db_path: Path) -> None:
    contact = store.add_contact(ContactDraft(PWNED, "hug", note="\u202enote\x1b[2J"))
    assert contact.who == PWNED
    reopened = Store.open(db_path)
    assert reopened.contact(contact.id) is not None
    assert reopened.all_contacts()[0].who == PWNED
    assert reopened.all_contacts()[0].note == "\u202enote\x1b[2J"
    stored = json.loads(db_path.read_text(encoding="utf-8"))
    assert [c["who"] for c in stored["contacts"].values()] == [PWNED]


def test_json_export_keeps_the_name_verbatim(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(db_path), "log", PWNED]) == 0
    confirmation = capsys.readouterr().out
    assert "\x1b" not in confirmation and "\x07" not in confirmation
    assert "[bold]x[/]" in confirmation
    assert main(["--db", str(db_path), "export"]) == 0
    exported = json.loads(capsys.readouterr().out)
    assert exported["contacts"][0]["who"] == PWNED


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_export_to_a_terminal_is_cleaned_but_to_a_pipe_is_exact(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(db_path), "log", PWNED]) == 0
    capsys.readouterr()
    assert main(["--db", str(db_path), "export", "--format", "csv"]) == 0
    assert PWNED in capsys.readouterr().out
    terminal = _Terminal()
    monkeypatch.setattr("sys.stdout", terminal)
    assert main(["--db", str(db_path), "export", "--format", "csv"]) == 0
    shown = terminal.getvalue()
    assert "\x1b" not in shown and "\x07" not in shown and "[bold]x[/]" in shown


def test_markdown_export_is_for_reading_and_cleaned(db_path: Path, tmp_path: Path) -> None:
    assert main(["--db", str(db_path), "log", PWNED, "--note", "line\x1b[2J one\nline two"]) == 0
    out = tmp_path / "journal.md"
    assert main(["--db", str(db_path), "export", "--format", "markdown", "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "\x1b" not in text and "pwned" not in text
    assert "**\\[bold\\]x\\[/\\]**" in text  # escaped for Markdown: it reads as typed, [bold]x[/]
    assert "line one line two" in text


def test_markdown_text_escapes_what_markdown_reads_as_markup() -> None:
    assert markdown_text("Sam") == "Sam"
    assert (
        markdown_text("a_b *c* `d` [e](f) <g> ~h~ & \\")
        == "a\\_b \\*c\\* \\`d\\` \\[e\\](f) \\<g\\> \\~h\\~ \\& \\\\"
    )
    assert markdown_text("two\nlines\x1b[31m") == "two lines"
