"""Readable text on every theme: WCAG contrast, and text colours moved until they reach AA (4.5:1).

The app passes its theme's CSS variables through `readable_variables`, so every colour text is drawn
in ($text-muted, $warning, …) reads on the backgrounds it is drawn on, whichever theme is chosen.
A colour that already reads is left exactly as the theme made it.
"""

from __future__ import annotations

from textual.color import Color, ColorParseError

AA = 4.5  # WCAG 2 level AA for normal text
# Variables used as text colours, and the backgrounds they are drawn on.
TEXT_VARIABLES = (
    "foreground",
    "foreground-muted",
    "text",
    "text-muted",
    "primary",
    "secondary",
    "accent",
    "warning",
    "error",
    "success",
)
TEXT_BACKGROUNDS = ("background", "surface")
FOOTER_VARIABLES = ("footer-foreground", "footer-key-foreground", "footer-description-foreground")
FOOTER_BACKGROUNDS = ("footer-background",)


def luminance(colour: Color) -> float:
    """The WCAG relative luminance of an opaque colour, 0 (black) to 1 (white)."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = colour.rgb
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(first: Color, second: Color) -> float:
    """The WCAG contrast ratio of two opaque colours, 1 to 21."""
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def on(background: Color, colour: Color) -> Color:
    """`colour` as seen on `background` (its transparency blended away)."""
    return (background + colour).clamped if colour.a < 1 else colour


def readable(colour: Color, backgrounds: list[Color], ratio: float = AA) -> Color:
    """`colour`, or the nearest shade towards white or black that reaches `ratio` on every background."""
    seen = [on(background, colour) for background in backgrounds]
    if all(contrast(s, b) >= ratio for s, b in zip(seen, backgrounds, strict=True)):
        return colour
    base = on(backgrounds[0], colour)
    dark_backgrounds = sum(luminance(b) for b in backgrounds) / len(backgrounds) < 0.2
    target = Color(255, 255, 255) if dark_backgrounds else Color(0, 0, 0)
    for step in range(1, 21):
        shade = base.blend(target, step / 20)
        if all(contrast(shade, b) >= ratio for b in backgrounds):
            return shade
    return target


def _parse(text: str | None) -> Color | None:
    if text is None:
        return None
    try:
        colour = Color.parse(text)
    except ColorParseError:
        return None
    return None if colour.ansi is not None else colour  # terminal colours are the terminal's to set


def readable_variables(variables: dict[str, str]) -> dict[str, str]:
    """The theme's variables with each text colour made readable on its backgrounds (a new dict)."""
    fixed = dict(variables)
    for names, background_names in (
        (TEXT_VARIABLES, TEXT_BACKGROUNDS),
        (FOOTER_VARIABLES, FOOTER_BACKGROUNDS),
    ):
        backgrounds = [c for c in (_parse(variables.get(n)) for n in background_names) if c is not None]
        backgrounds = [b.clamped for b in backgrounds if b.a == 1]
        if not backgrounds:
            continue
        for name in names:
            colour = _parse(variables.get(name))
            if colour is not None:
                better = readable(colour, backgrounds)
                if better is not colour:
                    fixed[name] = better.hex
    return fixed
