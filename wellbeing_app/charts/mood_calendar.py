"""The year-in-pixels chart: a calendar heat map of mood, one square per day, a week a column.

Laid out like a wall planner turned on its side (the "GitHub" week grid):
each column is a week from Monday at the top to Sunday at the bottom, the
months named above the weeks they start in. A range of up to a year is one
band of weeks; a longer range gets one band per calendar year, the year
written beside it. The squares are as big as the width allows (and no bigger
than ``MAX_CELL_POINTS``), and the figure is as tall as the squares need:
``height_for`` says how tall, from the same sums the builder uses.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import BoundaryNorm, ListedColormap
from matplotlib.transforms import offset_copy

from wellbeing_app.charts.date_ticks import MONTH_ABBREVIATIONS
from wellbeing_app.charts.drawing import CHART_HEIGHT_INCHES, draw_empty, hide_frame, prepare
from wellbeing_app.charts.labels import (
    figure_of,
    figure_px,
    layout_only_extremes,
    place_text,
    points_px,
    text_px,
)
from wellbeing_app.charts.palette import LIGHT, ChartTheme
from wellbeing_app.domain.catalogue import SCALE_LABELS
from wellbeing_app.domain.checkin import SCORE_RANGE
from wellbeing_app.domain.insights import YearInPixels

TITLE: Final = "Year in pixels: mood each day"
NO_CHECKIN: Final = "No check-in"
WEEKDAY_LABELS: Final = {0: "Mon", 2: "Wed", 4: "Fri"}
"""Every other weekday is named beside a single band of weeks, as on a wall planner."""

MAX_CELL_POINTS: Final = 18.0  # 24 px on a 96 dpi screen: a short range stays a calendar
MIN_CELL_POINTS: Final = 4.5
MAX_GRID_POINTS: Final = 640.0  # a decade of years stays within two screens
ONE_BAND_WEEKS: Final = 54  # up to this many weeks, one continuous band (a year and a bit)
DAYS_PER_WEEK: Final = 7
_ROWS_PER_BAND: Final = DAYS_PER_WEEK + 1  # a blank row between bands
_FONT_POINTS: Final = LIGHT.font_size  # both themes share their type sizes
_EM_PER_CHARACTER: Final = 0.62  # a generous average width of DejaVu Sans, for planning
_LEGEND_HANDLE_EMS: Final = 0.95 + 4 * 4.0 / _FONT_POINTS  # the swatch and the gaps
_SIDE_PADDING_POINTS: Final = 14.0  # the layout's padding each side, and a little air
_LEGEND_TOP_POINTS: Final = 12.0  # from the grid down to the middle of the legend's first line
_LINE_EMS: Final = 1.17  # a line of DejaVu Sans is this many ems tall, as matplotlib measures it
_LAYOUT_PAD_POINTS: Final = 3.0  # the constrained layout's padding round each part
_LABEL_GAP_POINTS: Final = 3.0  # between the grid and the month names over it
_LEGEND_GAP_POINTS: Final = 4.0  # between a swatch and its word (three of these before the next)


@dataclass(frozen=True, slots=True)
class _Grid:
    """Where each day goes: ``bands`` of ``columns`` weeks, and the size of a square."""

    bands: tuple[date, ...]  # the Monday each band's first column starts on
    columns: int
    cell_points: float
    legend_columns: int
    height_inches: float


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _bands(year: YearInPixels) -> tuple[tuple[date, ...], int]:
    """The first Monday of each band, and how many week columns the widest band has."""
    first, last = year.first, year.last
    weeks = (_monday(last) - _monday(first)).days // DAYS_PER_WEEK + 1
    if weeks <= ONE_BAND_WEEKS:
        return (_monday(first),), weeks
    years = range(first.year, last.year + 1)
    starts = tuple(_monday(date(y, 1, 1)) for y in years)
    columns = max(
        (_monday(date(y, 12, 31)) - _monday(date(y, 1, 1))).days // DAYS_PER_WEEK + 1 for y in years
    )
    return starts, columns


def _estimated_width_points(text: str, size: float = _FONT_POINTS) -> float:
    return len(text) * size * _EM_PER_CHARACTER


def _legend_line() -> float:
    """From one line of the legend to the next, in points."""
    return _FONT_POINTS * 1.6


def _legend_words() -> list[str]:
    return [*SCALE_LABELS["mood"], NO_CHECKIN]


def _legend_columns(width_points: float) -> int:
    """As many legend entries on a line as fit the width: all six, else three, else two."""
    entries = [
        _estimated_width_points(word) + _LEGEND_HANDLE_EMS * _FONT_POINTS
        for word in _legend_words()
    ]
    for columns in (len(entries), 3, 2):
        rows = [entries[i : i + columns] for i in range(0, len(entries), columns)]
        widest_columns = [max(row[c] for row in rows if c < len(row)) for c in range(columns)]
        if sum(widest_columns) <= width_points - _SIDE_PADDING_POINTS:
            return columns
    return 2


def _grid(year: YearInPixels, width_inches: float) -> _Grid:
    """The grid for ``year`` in a figure ``width_inches`` wide: the squares and the height."""
    bands, columns = _bands(year)
    width_points = width_inches * 72.0
    side_label = "Mon" if len(bands) == 1 else "2026"
    label_points = _estimated_width_points(side_label) + 6.0
    room = width_points - label_points - _SIDE_PADDING_POINTS
    cell = min(MAX_CELL_POINTS, room / columns)
    rows = len(bands) * _ROWS_PER_BAND - 1
    cell = max(MIN_CELL_POINTS, min(cell, MAX_GRID_POINTS / rows))
    legend_columns = _legend_columns(width_points)
    legend_rows = math.ceil(len(_legend_words()) / legend_columns)
    line = _FONT_POINTS * _LINE_EMS
    title = LIGHT.title_size * _LINE_EMS + 2 * _LAYOUT_PAD_POINTS
    above = _LABEL_GAP_POINTS + line * (2 if len(bands) == 1 else 1) + 1.0  # years, months
    below = _LEGEND_TOP_POINTS + (legend_rows - 1) * _legend_line() + line / 2
    height = title + above + rows * cell + below
    return _Grid(bands, columns, cell, legend_columns, height / 72.0)


def height_for(year: YearInPixels, width_inches: float) -> float:
    """How tall the figure should be for ``year`` at ``width_inches`` wide, in inches."""
    if year.is_empty:
        return CHART_HEIGHT_INCHES * 0.6
    return _grid(year, width_inches).height_inches


def _days(year: YearInPixels) -> list[tuple[date, float | None]]:
    """Every day shown, oldest first, with its mean mood (``None``: no check-in)."""
    days: list[tuple[date, float | None]] = []
    for month, values, shown in zip(year.months, year.values, year.in_range, strict=True):
        for index, inside in enumerate(shown):
            if inside:
                days.append((month.replace(day=index + 1), values[index]))
    return days


def _place(day: date, bands: tuple[date, ...]) -> tuple[int, int]:
    """The (row, column) of ``day`` in the grid."""
    band = max(index for index, start in enumerate(bands) if start <= day)
    column = (day - bands[band]).days // DAYS_PER_WEEK
    return band * _ROWS_PER_BAND + day.weekday(), column


def build_year_in_pixels(ax: Axes, year: YearInPixels, theme: ChartTheme = LIGHT) -> None:
    """A week grid of mood: one square per day, a column per week, Monday at the top.

    Several check-ins on a day are averaged and the average rounded to the
    nearest step. A day without a check-in is a pale square; days outside the
    range are left blank.
    """
    title = TITLE
    if year.is_empty:
        draw_empty(ax, theme, title)
        return
    width_px, _height_px = figure_px(ax)
    grid = _grid(year, width_px / figure_of(ax).dpi)
    prepare(ax, theme, title)
    hide_frame(ax)
    rows = len(grid.bands) * _ROWS_PER_BAND - 1
    codes = np.full((rows, grid.columns), np.nan)
    for day, value in _days(year):
        row, column = _place(day, grid.bands)
        codes[row, column] = 0 if value is None else math.floor(value + 0.5)
    cmap = ListedColormap([theme.empty_cell, *theme.mood_scale])
    norm = BoundaryNorm(np.arange(-0.5, SCORE_RANGE.high + 1.5, 1.0), cmap.N)
    cell_px = points_px(ax, grid.cell_points)
    ax.pcolormesh(
        np.arange(grid.columns + 1) - 0.5,
        np.arange(rows + 1) - 0.5,
        np.ma.masked_invalid(codes),
        cmap=cmap,
        norm=norm,
        edgecolors=theme.background,
        linewidth=max(0.4, grid.cell_points / 9),
    )
    ax.set_xlim(-0.5, grid.columns - 0.5)
    ax.set_ylim(rows - 0.5, -0.5)
    ax.set_aspect("equal", adjustable="box")
    ax.set_anchor("NW")
    _label_months(ax, year, grid, cell_px, theme)
    if len(grid.bands) == 1:
        for weekday, name in WEEKDAY_LABELS.items():
            _side_label(ax, weekday, name, theme)
    else:
        for band, start in enumerate(grid.bands):
            shown_year = (start + timedelta(days=6)).year
            _side_label(ax, band * _ROWS_PER_BAND + 3, str(shown_year), theme)
    _legend(ax, grid, theme, rows - 0.5)


def _side_label(ax: Axes, row: float, text: str, theme: ChartTheme) -> None:
    place_text(
        ax,
        text,
        -0.5,
        row,
        dx=-5,
        ha="right",
        va="center",
        color=theme.text,
        fontsize=theme.font_size,
    )


def _label_months(
    ax: Axes, year: YearInPixels, grid: _Grid, cell_px: float, theme: ChartTheme
) -> None:
    """Month names over the week each month starts in (and years over them), never touching."""
    bands = grid.bands
    top = bands[0]
    size = theme.font_size
    gap = points_px(ax, 4)
    kept: list[tuple[float, str, date]] = []
    if len(bands) == 1:
        starts = [m for m in year.months if year.first <= m <= year.last]
        if not starts or starts[0] > year.first:
            starts.insert(0, year.first)  # the month the range starts in, part way through
        for start in starts:
            left = (start - top).days // DAYS_PER_WEEK * cell_px
            name = MONTH_ABBREVIATIONS[start.month - 1]
            if kept and left < kept[-1][0] + text_px(ax, kept[-1][1], size)[0] + gap:
                if len(kept) == 1 and kept[0][2].day != 1:
                    kept.pop()  # a partial first month gives way to the first whole one
                else:
                    continue
            kept.append((left, name, start))
    else:  # the months of the top band's year stand for every band: all, or every 2nd or 3rd
        label_year = (top + timedelta(days=6)).year
        for stride in (1, 2, 3, 6):
            kept = []
            for month in range(1, 13, stride):
                start = date(label_year, month, 1)
                left = (_monday(start) - top).days // DAYS_PER_WEEK * cell_px
                kept.append((left, MONTH_ABBREVIATIONS[month - 1], start))
            if all(
                right[0] - left[0] >= text_px(ax, left[1], size)[0] + gap
                for left, right in zip(kept, kept[1:], strict=False)
            ):
                break
    month_texts = [
        place_text(
            ax,
            name,
            left / cell_px - 0.5,
            -0.5,
            dy=_LABEL_GAP_POINTS,
            ha="left",
            va="bottom",
            color=theme.text,
            fontsize=size,
        )
        for left, name, _start in kept
    ]
    layout_only_extremes(month_texts, [left for left, _n, _s in kept], [0.0] * len(kept))
    if len(bands) > 1:
        return
    line_points = text_px(ax, "Jan", size)[1] * 72.0 / figure_of(ax).dpi + 1.0
    years: list[tuple[float, str]] = []
    for index, (left, _name, start) in enumerate(kept):
        if index == 0 or start.year != kept[index - 1][2].year:
            text = str(start.year)
            if years and left < years[-1][0] + text_px(ax, years[-1][1], size)[0] + gap:
                years.pop()  # the later year matters more than a first partial month's
            years.append((left, text))
    for left, text in years:
        place_text(
            ax,
            text,
            left / cell_px - 0.5,
            -0.5,
            dy=_LABEL_GAP_POINTS + line_points,
            ha="left",
            va="bottom",
            color=theme.muted,
            fontsize=size,
        )


def _legend(ax: Axes, grid: _Grid, theme: ChartTheme, bottom: float) -> None:
    """The five mood words and "No check-in" under the grid, a swatch before each word.

    Drawn as a few marks and words rather than a matplotlib legend, which costs
    more to lay out than the whole grid; as many to a line as ``height_for``
    planned for.
    """
    figure = figure_of(ax)
    words = _legend_words()
    colours = [*theme.mood_scale, theme.empty_cell]
    per_line = grid.legend_columns
    to_points = 72.0 / float(figure.dpi)
    widths = [text_px(ax, word, theme.font_size)[0] * to_points for word in words]
    columns = [max(widths[i::per_line]) for i in range(per_line)]
    swatch = theme.font_size * 0.95
    line = _legend_line()
    for index, (word, colour) in enumerate(zip(words, colours, strict=True)):
        row, column = divmod(index, per_line)
        left = sum(columns[:column]) + column * (swatch + _LEGEND_GAP_POINTS * 3)
        down = -_LEGEND_TOP_POINTS - row * line
        ax.plot(
            [-0.5],
            [bottom],
            transform=offset_copy(
                ax.transData, figure, x=left + swatch / 2, y=down, units="points"
            ),
            linestyle="none",
            marker="s",
            markersize=swatch,
            markeredgewidth=0,
            color=colour,
            clip_on=False,
        )
        place_text(
            ax,
            word,
            -0.5,
            bottom,
            dx=left + swatch + _LEGEND_GAP_POINTS,
            dy=down,
            ha="left",
            va="center",
            color=theme.text,
            fontsize=theme.font_size,
        )
