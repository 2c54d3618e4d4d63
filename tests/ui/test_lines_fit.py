"""Cells of a row (a person's contacts) are cut to their width in terminal cells, ending in "…"."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from oxytui.ui.widgets.lines import columns, fit


@pytest.mark.parametrize(
    ("text", "width", "shown"),
    [
        ("Hug", 6, "Hug   "),
        ("Holding hands", 6, "Holdi…"),
        ("界" * 20, 18, "界" * 8 + "…" + " "),  # 8 wide characters and "…" fill 17 cells; one pads
        ("界界", 4, "界界"),
        ("a界界", 4, "a界…"),
        ("🤗🤗🤗", 5, "🤗🤗…"),
    ],
)
def test_a_cell_is_cut_by_its_width_on_screen(text: str, width: int, shown: str) -> None:
    assert fit(text, width) == shown
    assert cell_len(fit(text, width)) == width


def test_a_row_of_wide_text_keeps_its_columns() -> None:
    row = columns([("界" * 20, 10), ("♥♥♥♡♡", 6)])
    assert row == "界界界界…  ♥♥♥♡♡ "  # 4 wide characters and "…" fill 9 cells of 10
