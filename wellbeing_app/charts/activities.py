"""The true-picture chart: what shifts involved (rows) by month (columns), with totals.

Over more than ``MONTHS_BEFORE_YEARS`` months the columns are years instead,
so the cells stay wide enough to see. The figure is as tall as the rows need
(``height_for``); names too long for their column are wrapped by ``fit_text``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Final

import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import LinearSegmentedColormap

from wellbeing_app.charts.date_ticks import month_label
from wellbeing_app.charts.drawing import draw_empty, hide_frame, prepare
from wellbeing_app.charts.labels import (
    figure_px,
    fit_text,
    fits_side_by_side,
    layout_only_extremes,
    place_text,
    plot_width_px,
    points_px,
    text_px,
    widest_px,
)
from wellbeing_app.charts.palette import LIGHT, ChartTheme
from wellbeing_app.domain.catalogue import ACTIVITIES
from wellbeing_app.domain.insights import TruePicture

TITLE: Final = "What your shifts involved"
MONTHLY_TITLE: Final = f"{TITLE}, each month"
YEARLY_TITLE: Final = f"{TITLE}, each year"
MONTHS_BEFORE_YEARS: Final = 24
MAX_NUMBERED_CELLS: Final = 100
"""A grid with more cells than this shows its totals only: a wall of numbers reads as noise."""
NAME_SHARE: Final = 0.5  # of the figure's width, at most, for the activity names
TOTAL_LABEL: Final = "Total"

_ROW_POINTS: Final = 15.0  # 20 px a row on a 96 dpi screen: one line of a name and air
_WRAPPED_ROW_POINTS: Final = 25.0
_WRAP_BELOW_POINTS: Final = 390.0  # narrower than 520 px, the longest names take two lines
_FONT_POINTS: Final = LIGHT.font_size
_HEADER_POINTS: Final = LIGHT.title_size * 1.3 + 10.0  # the title and the space under it
_FOOTER_POINTS: Final = 2 * _FONT_POINTS * 1.3 + 18.0  # month names, some with the year under


def height_for(picture: TruePicture, width_inches: float) -> float:
    """How tall the figure should be for ``picture`` at ``width_inches`` wide, in inches."""
    rows = max(len(picture.codes), 3)
    row = _ROW_POINTS if width_inches * 72.0 >= _WRAP_BELOW_POINTS else _WRAPPED_ROW_POINTS
    return (_HEADER_POINTS + rows * row + _FOOTER_POINTS) / 72.0


def _columns(picture: TruePicture) -> tuple[np.ndarray, list[date], bool]:
    """The counts and the first day of each column's period: months, or years when long."""
    data = np.array(picture.counts, dtype=float)
    months = picture.months
    if len(months) <= MONTHS_BEFORE_YEARS:
        return data, list(months), False
    years = sorted({month.year for month in months})
    by_year = np.zeros((data.shape[0], len(years)))
    for column, month in enumerate(months):
        by_year[:, years.index(month.year)] += data[:, column]
    return by_year, [date(year, 1, 1) for year in years], True


def _column_labels(
    ax: Axes, periods: Sequence[date], yearly: bool, cell_px: float, size: float
) -> list[tuple[int, str]]:
    """Labels for the columns that fit side by side: every one, else every 2nd, 3rd, 6th..."""
    labelled: list[tuple[int, str]] = []
    for stride in (1, 2, 3, 4, 6, 12, 24):
        kept = list(range(0, len(periods), stride))
        if yearly:
            labelled = [(i, str(periods[i].year)) for i in kept]
        else:
            labelled = [
                (i, month_label(periods[i], periods[kept[n - 1]] if n else None))
                for n, i in enumerate(kept)
            ]
        centres = [i * cell_px for i in kept]
        if fits_side_by_side(ax, centres, [label for _i, label in labelled], size):
            break
    return labelled


def build_true_picture(ax: Axes, picture: TruePicture, theme: ChartTheme = LIGHT) -> None:
    """A grid of what shifts involved (rows) by month (columns), with totals on the right.

    Stronger cells mean more check-ins listed that activity that month; cells
    carry their number while the grid is small and its cells wide enough.
    """
    if picture.is_empty:
        draw_empty(ax, theme, MONTHLY_TITLE)
        return
    data, periods, yearly = _columns(picture)
    prepare(ax, theme, YEARLY_TITLE if yearly else MONTHLY_TITLE)
    hide_frame(ax)
    rows, columns = data.shape
    width_px, height_px = figure_px(ax)
    size = theme.font_size
    names = [
        fit_text(ax, ACTIVITIES.get(code, code), size, width_px * NAME_SHARE)
        for code in picture.codes
    ]
    totals = [str(total) for total in picture.totals]
    totals_px = widest_px(ax, [*totals, TOTAL_LABEL], size, bold=True)
    grid_px = plot_width_px(ax, widest_px(ax, names, size) + points_px(ax, 6), totals_px)
    # The totals sit one column's width right of the grid, centred in a column of their own.
    total_gap = max(1.0, (totals_px + points_px(ax, 12)) / max(grid_px / (columns + 1), 1.0))
    cell_px = grid_px / (columns + total_gap)
    total_x = columns - 0.5 + total_gap / 2

    highest = max(1.0, float(data.max()))
    cmap = LinearSegmentedColormap.from_list("activity", [theme.empty_cell, theme.activity])
    ax.pcolormesh(
        np.arange(-0.5, columns + 0.5),
        np.arange(-0.5, rows + 0.5),
        data,
        cmap=cmap,
        vmin=0,
        vmax=highest,
        edgecolors=theme.background,
        linewidth=1.0 if cell_px >= 8 else 0.25,
    )
    ax.set_ylim(rows - 0.5, -0.5)
    ax.set_xlim(-0.5, columns - 0.5 + total_gap)

    name_texts = [
        place_text(
            ax,
            name,
            -0.5,
            row,
            dx=-6,
            ha="right",
            va="center",
            color=theme.text,
            fontsize=size,
            linespacing=1.0,
        )
        for row, name in enumerate(names)
    ]
    layout_only_extremes(
        name_texts, list(range(rows)), [text_px(ax, name, size)[0] for name in names]
    )
    labels = [*_column_labels(ax, periods, yearly, cell_px, size), (columns, TOTAL_LABEL)]
    column_texts = [
        place_text(
            ax,
            label,
            total_x if column == columns else column,
            rows - 0.5,
            dy=-4,
            ha="center",
            va="top",
            color=theme.text,
            fontsize=size,
        )
        for column, label in labels
    ]
    layout_only_extremes(
        column_texts, [column for column, _label in labels], [lab.count("\n") for _c, lab in labels]
    )
    for row, total in enumerate(totals):
        ax.text(
            total_x,
            row,
            total,
            va="center",
            ha="center",
            color=theme.text,
            fontsize=size,
            fontweight="bold",
        ).set_in_layout(False)  # inside the axes, in a column sized for it
    row_px = (height_px - points_px(ax, _HEADER_POINTS + _FOOTER_POINTS)) / rows
    _number_cells(ax, data, cell_px, row_px, theme)


def _number_cells(
    ax: Axes, data: np.ndarray, cell_px: float, row_px: float, theme: ChartTheme
) -> None:
    """Each cell's count written in it, when the grid is small and every number fits its cell."""
    rows, columns = data.shape
    if rows * columns > MAX_NUMBERED_CELLS:
        return
    size = theme.font_size - 1
    widest = widest_px(ax, [f"{value:.0f}" for value in data.flat], size)
    if widest + points_px(ax, 4) > cell_px or text_px(ax, "0", size)[1] > row_px:
        return
    highest = max(1.0, float(data.max()))
    for row, column in zip(*np.nonzero(data), strict=True):
        value = data[row, column]
        ax.text(
            column,
            row,
            f"{value:.0f}",
            va="center",
            ha="center",
            color=theme.background if value / highest > 0.55 else theme.text,
            fontsize=size,
        ).set_in_layout(False)  # inside its cell
