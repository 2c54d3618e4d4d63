"""The warmth heatmap: one column per week, one row per weekday; each day's warmth told by shape and colour.

Levels are drawn `· ░ ▒ ▓ █` from nothing logged to warmest and a rest day is `z`, so the map reads the
same without colour (NO_COLOR, 16-colour terminals) as with it. Colours come from the current theme each
time the map is drawn.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import groupby

from rich.style import Style
from rich.text import Text
from textual.color import Color
from textual.widget import Widget

from oxytui.core.streaks import History
from oxytui.ui.contrast import readable

LEVELS = 5  # 0 (nothing logged) to 4 (warmest)
WEEKDAY_LABELS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")  # by date.weekday()
SHAPES = ("·", "░", "▒", "▓", "█")  # one shape per level, so levels differ without colour
REST = "z"  # a rest day, as in the week strip
FUTURE = " "
LABEL_WIDTH = 3
COMPACT_LABEL = 7  # 'dd Mon ' before each row of weeks in the compact map


Cell = tuple[str, str, bool | None]  # characters, colour, bold (None: as the widget's text)


def append_runs(text: Text, cells: Iterable[Cell]) -> None:
    """Append `cells` with one span for each run of cells drawn alike, not one for each cell: Textual
    turns a row of a few spans into a frame much faster than a row of fifty (the first frame draws the
    map more than once)."""
    for (colour, bold), run in groupby(cells, key=lambda cell: cell[1:]):
        text.append("".join(chars for chars, _, _ in run), Style(color=colour, bold=bold))


@dataclass(frozen=True, slots=True)
class Palette:
    """The colours of the heatmap, taken from the app's theme."""

    levels: tuple[str, ...]
    rest: str
    empty: str
    future: str
    muted: str
    selected: str

    @classmethod
    def from_theme(cls, variables: dict[str, str]) -> Palette:
        """Shades from the background towards the theme's primary colour (opaque: Rich takes no alpha)."""
        background = Color.parse(variables.get("background", "#1e1e1e"))
        primary = Color.parse(variables.get("primary", "#e07a5f"))
        panel = Color.parse(variables.get("panel", "#3b2d28"))
        secondary = Color.parse(variables.get("secondary", "#81b29a"))
        foreground = Color.parse(variables.get("foreground", "#f4e9dd"))
        accent = Color.parse(variables.get("accent", "#f2cc8f"))
        empty = panel.lighten(0.06)
        shades = [empty] + [empty.blend(primary, factor) for factor in (0.3, 0.55, 0.8, 1.0)]
        return cls(
            levels=tuple(shade.hex6 for shade in shades),
            rest=readable(secondary.blend(background, 0.35), [background]).hex6,
            empty=empty.hex6,
            future=background.hex6,
            muted=readable(foreground.blend(background, 0.45), [background]).hex6,
            selected=accent.hex6,
        )


class WarmthHeatmap(Widget):
    """Recent weeks of warmth; the selected week is marked.

    Tall enough, one row per weekday (labelled from the real weekdays, whatever day a week starts on) and
    one column per week. `compact` (too few rows for seven) lays weeks out as runs of seven cells, oldest
    first, as many as fit, with the legend kept on the last row.
    """

    DEFAULT_CSS = """
    WarmthHeatmap {
        height: 9;
        width: 1fr;
    }
    WarmthHeatmap.-compact {
        height: 4;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._history = History()
        self._today = date.today()
        self._week_start = date.today()
        self._selected = date.today()
        self.months = True

    def show(self, history: History, today: date, this_week: date, selected: date) -> None:
        """Show `history` up to `today`; `this_week` and `selected` are week starts."""
        self._history, self._today, self._week_start, self._selected = history, today, this_week, selected
        self.refresh()

    @property
    def compact(self) -> bool:
        """True when weeks are laid out as runs of seven cells instead of columns."""
        return self.has_class("-compact")

    def week_count(self, width: int | None = None) -> int:
        """How many weeks fit: 52 when wide enough, else 26 (fewer if even that does not fit)."""
        width = self.size.width if width is None else width
        if self.compact:
            per_row = max(1, (width - COMPACT_LABEL + 1) // 8)
            return per_row * max(1, self.size.height - 1)
        space = width - LABEL_WIDTH
        if space >= 52:
            return 52
        return max(1, min(26, space))

    def first_week(self, count: int) -> date:
        """The first week shown: the window ends at this week unless the selected week is older."""
        end = self._week_start
        if self._selected < end - timedelta(weeks=count - 1):
            end = self._selected + timedelta(weeks=count // 2)
        return end - timedelta(weeks=count - 1)

    def day_mark(self, day: date) -> tuple[str, int | None]:
        """The shape of `day` and its level (None for a rest day or a day still to come)."""
        if day > self._today:
            return FUTURE, None
        if day in self._history.rest and day not in self._history.warm:
            return REST, None
        level = self._history.level(day)
        return SHAPES[level], level

    def _cell(self, palette: Palette, day: date) -> Cell:
        shape, level = self.day_mark(day)
        colour = palette.rest if shape == REST else palette.levels[level or 0]
        return shape, colour, shape == REST

    def render(self) -> Text:
        palette = Palette.from_theme(self.app.theme_variables)
        count = self.week_count()
        first = self.first_week(count)
        weeks = [first + timedelta(weeks=i) for i in range(count)]
        if self.compact:
            return self._render_compact(weeks, palette)
        text = Text(no_wrap=True, overflow="crop")
        if self.months:
            text.append_text(self._month_row(weeks, palette))
            text.append("\n")
        for offset in range(7):
            label = WEEKDAY_LABELS[(self._week_start + timedelta(days=offset)).weekday()]
            row: list[Cell] = [(f"{label:<{LABEL_WIDTH}}", palette.muted, None)]
            row += [self._cell(palette, week + timedelta(days=offset)) for week in weeks]
            append_runs(text, row)
            text.append("\n")
        text.append_text(self._legend(palette, weeks))
        return text

    def _render_compact(self, weeks: list[date], palette: Palette) -> Text:
        per_row = max(1, (self.size.width - COMPACT_LABEL + 1) // 8)
        text = Text(no_wrap=True, overflow="crop")
        for row in range(0, len(weeks), per_row):
            chunk = weeks[row : row + per_row]
            cells: list[Cell] = [(f"{chunk[0].day:>2} {chunk[0]:%b} ", palette.muted, None)]
            for index, week in enumerate(chunk):
                if index:
                    cells.append(("▸" if week == self._selected else " ", palette.selected, None))
                cells += [self._cell(palette, week + timedelta(days=offset)) for offset in range(7)]
            append_runs(text, cells)
            text.append("\n")
        text.append_text(self._legend(palette, []))
        return text

    def _month_row(self, weeks: list[date], palette: Palette) -> Text:
        row = Text(" " * LABEL_WIDTH, no_wrap=True)
        column = 0
        while column < len(weeks):
            week = weeks[column]
            if week == self._selected:
                row.append("▾", Style(color=palette.selected, bold=True))
                column += 1
            elif column == 0 or week.month != (week - timedelta(weeks=1)).month:
                label = f"{week + timedelta(days=6):%b}"[: max(1, min(3, len(weeks) - column))]
                if self._selected in weeks[column : column + len(label)]:
                    label = label[: weeks.index(self._selected) - column]
                row.append(label, Style(color=palette.muted))
                column += max(1, len(label))
            else:
                row.append(" ")
                column += 1
        return row

    def _legend_parts(self, palette: Palette, long: bool) -> list[tuple[str, str]]:
        shapes = [(shape, palette.levels[level]) for level, shape in enumerate(SHAPES)]
        if long:
            return [("less ", palette.muted), *shapes, (" more  ", palette.muted), *self._rest_part(palette)]
        return [*shapes, (" ", palette.muted), *self._rest_part(palette)]

    @staticmethod
    def _rest_part(palette: Palette) -> list[tuple[str, str]]:
        return [(REST, palette.rest), (" rest", palette.muted)]

    def _legend(self, palette: Palette, weeks: list[date]) -> Text:
        """The legend; without the month row it also carries the ▴ under the selected week."""
        long = self._legend_parts(palette, True)
        short = self._legend_parts(palette, False)
        legend = Text(no_wrap=True, overflow="crop")
        marker = weeks.index(self._selected) + LABEL_WIDTH if self._selected in weeks else None
        if marker is None or self.months:
            parts = long if sum(len(p) for p, _ in long) <= max(self.size.width, 1) else short
            for piece, colour in parts:
                legend.append(piece, Style(color=colour, bold=piece == REST))
            return legend
        width = max(self.size.width, marker + 1)
        for parts in (long, short):
            length = sum(len(piece) for piece, _ in parts)
            if length <= marker - 1:
                start = marker - 1 - length
            elif marker + 2 + length <= width:
                start = marker + 2
            else:
                continue
            cells: list[tuple[str, str]] = [(" ", palette.muted)] * width
            cells[marker] = ("▴", palette.selected)
            position = start
            for piece, colour in parts:
                for char in piece:
                    cells[position] = (char, colour)
                    position += 1
            append_runs(legend, ((char, colour, char in ("▴", REST)) for char, colour in cells))
            legend.rstrip()
            return legend
        legend.append(" " * marker + "▴", Style(color=palette.selected, bold=True))
        return legend
