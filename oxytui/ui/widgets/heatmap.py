"""The warmth heatmap: one column per week, one row per weekday, coloured by each day's warmth."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from rich.style import Style
from rich.text import Text
from textual.color import Color
from textual.widget import Widget

from oxytui.core.streaks import History

LEVELS = 5  # 0 (nothing logged) to 4 (warmest)
WEEKDAY_LABELS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
CELL = "■"
LABEL_WIDTH = 3


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
        """Shades from the background towards the theme's primary colour."""
        background = Color.parse(variables.get("background", "#1e1e1e"))
        primary = Color.parse(variables.get("primary", "#e07a5f"))
        panel = Color.parse(variables.get("panel", "#3b2d28"))
        secondary = Color.parse(variables.get("secondary", "#81b29a"))
        foreground = Color.parse(variables.get("foreground", "#f4e9dd"))
        accent = Color.parse(variables.get("accent", "#f2cc8f"))
        empty = panel.lighten(0.06)
        shades = [empty] + [empty.blend(primary, factor) for factor in (0.3, 0.55, 0.8, 1.0)]
        return cls(
            levels=tuple(shade.hex for shade in shades),
            rest=secondary.blend(background, 0.35).hex,
            empty=empty.hex,
            future=background.hex,
            muted=foreground.blend(background, 0.45).hex,
            selected=accent.hex,
        )


class WarmthHeatmap(Widget):
    """Recent weeks of warmth; the selected week is marked. `compact` draws two days per text row."""

    DEFAULT_CSS = """
    WarmthHeatmap {
        height: 9;
        width: 1fr;
    }
    WarmthHeatmap.-compact {
        height: 5;
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
        """True when two days share one text row."""
        return self.has_class("-compact")

    def week_count(self, width: int | None = None) -> int:
        """How many weeks fit: 52 when wide enough, else 26 (fewer if even that does not fit)."""
        space = (self.size.width if width is None else width) - LABEL_WIDTH
        if space >= 52:
            return 52
        return max(1, min(26, space))

    def first_week(self, count: int) -> date:
        """The first week shown: the window ends at this week unless the selected week is older."""
        end = self._week_start
        if self._selected < end - timedelta(weeks=count - 1):
            end = self._selected + timedelta(weeks=count // 2)
        return end - timedelta(weeks=count - 1)

    def _day_colour(self, palette: Palette, day: date) -> str:
        if day > self._today:
            return palette.future
        if day in self._history.rest and day not in self._history.warm:
            return palette.rest
        return palette.levels[self._history.level(day)]

    def render(self) -> Text:
        palette = Palette.from_theme(self.app.theme_variables)
        count = self.week_count()
        first = self.first_week(count)
        weeks = [first + timedelta(weeks=i) for i in range(count)]
        text = Text(no_wrap=True, overflow="crop")
        if self.months and not self.compact:
            text.append_text(self._month_row(weeks, palette))
            text.append("\n")
        rows = ((0, 1), (2, 3), (4, 5), (6, None)) if self.compact else tuple((i, None) for i in range(7))
        for top, bottom in rows:
            text.append(f"{WEEKDAY_LABELS[top]:<{LABEL_WIDTH}}", Style(color=palette.muted))
            for week in weeks:
                top_colour = self._day_colour(palette, week + timedelta(days=top))
                if self.compact:
                    bottom_day = None if bottom is None else week + timedelta(days=bottom)
                    bottom_colour = (
                        palette.future if bottom_day is None else self._day_colour(palette, bottom_day)
                    )
                    text.append("▀", Style(color=top_colour, bgcolor=bottom_colour))
                else:
                    text.append(CELL, Style(color=top_colour))
            text.append("\n")
        text.append_text(self._legend(palette, weeks))
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

    def _legend(self, palette: Palette, weeks: list[date]) -> Text:
        """The legend; without the month row it also carries the ▴ under the selected week."""
        long = [("less ", palette.muted), *((CELL, c) for c in palette.levels), (" more  ", palette.muted)]
        long += [(CELL, palette.rest), (" rest", palette.muted)]
        short = [
            *((CELL, c) for c in palette.levels),
            (" ", palette.muted),
            (CELL, palette.rest),
            ("rest", palette.muted),
        ]
        legend = Text(no_wrap=True, overflow="crop")
        marker = weeks.index(self._selected) + LABEL_WIDTH if self._selected in weeks else None
        if marker is None or (self.months and not self.compact):
            for piece, colour in long:
                legend.append(piece, Style(color=colour))
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
            for char, colour in cells:
                legend.append(char, Style(color=colour, bold=char == "▴"))
            legend.rstrip()
            return legend
        legend.append(" " * marker + "▴", Style(color=palette.selected, bold=True))
        return legend
