"""Text colours reach WCAG AA (4.5:1) on every built-in theme, computed from the theme itself."""

from __future__ import annotations

from textual.color import Color

from oxytui.store import Store
from oxytui.ui.contrast import (
    AA,
    FOOTER_BACKGROUNDS,
    FOOTER_VARIABLES,
    TEXT_BACKGROUNDS,
    TEXT_VARIABLES,
    contrast,
    on,
    readable,
)
from oxytui.ui.widgets.heatmap import Palette
from tests.ui.conftest import AppFactory


def test_contrast_is_the_wcag_ratio() -> None:
    assert round(contrast(Color(0, 0, 0), Color(255, 255, 255)), 1) == 21.0
    assert round(contrast(Color(119, 119, 119), Color(255, 255, 255)), 2) == 4.48  # the known AA near-miss
    grey = Color(150, 150, 150)
    assert readable(grey, [Color(255, 255, 255)]) != grey
    assert contrast(readable(grey, [Color(255, 255, 255)]), Color(255, 255, 255)) >= AA
    assert readable(Color(20, 20, 20), [Color(255, 255, 255)]) == Color(20, 20, 20)  # left as it was


def _ratios(variables: dict[str, str], names: tuple[str, ...], grounds: tuple[str, ...]) -> dict[str, float]:
    backgrounds = [Color.parse(variables[name]) for name in grounds if name in variables]
    ratios: dict[str, float] = {}
    if any(b.ansi is not None or b.a < 1 for b in backgrounds):
        return ratios  # the terminal's own background: not the theme's to know
    for name in names:
        if name not in variables or variables[name].startswith("auto"):
            continue  # 'auto' is Textual's own choice of black or white for the best contrast
        colour = Color.parse(variables[name])
        if colour.ansi is not None:
            continue  # the terminal's own colours (the ANSI themes) are the terminal's to set
        ratios[name] = min(contrast(on(b, colour), b) for b in backgrounds)
    return ratios


async def test_text_colours_reach_aa_on_every_theme(store: Store, make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        themes = sorted(app.available_themes)
        assert "oxytui" in themes and "textual-light" in themes and len(themes) > 10
        low: list[str] = []
        for theme in themes:
            app.theme = theme
            await pilot.pause()
            variables = app.theme_variables
            ratios = _ratios(variables, TEXT_VARIABLES, TEXT_BACKGROUNDS)
            ratios |= _ratios(variables, FOOTER_VARIABLES, FOOTER_BACKGROUNDS)
            background = Color.parse(variables.get("background", "ansi_default"))
            if background.ansi is None and background.a == 1:
                palette = Palette.from_theme(variables)
                ratios["heatmap muted"] = contrast(Color.parse(palette.muted), background)
                ratios["heatmap rest"] = contrast(Color.parse(palette.rest), background)
            low += [f"{theme} {name} {ratio:.2f}" for name, ratio in ratios.items() if ratio < AA]
        assert low == []
