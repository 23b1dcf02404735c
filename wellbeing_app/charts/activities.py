"""The true-picture chart: what shifts involved (rows) by month (columns), with totals."""

from __future__ import annotations

from typing import Final

import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.ticker import FixedLocator

from wellbeing_app.charts.drawing import draw_empty, month_ticks, prepare
from wellbeing_app.charts.palette import LIGHT, ChartTheme
from wellbeing_app.domain.catalogue import ACTIVITIES
from wellbeing_app.domain.insights import TruePicture

TITLE: Final = "What your shifts involved, each month"
# Cells of the true-picture grid that get their count written in them.
MAX_NUMBERED_CELLS: Final = 100


def build_true_picture(ax: Axes, picture: TruePicture, theme: ChartTheme = LIGHT) -> None:
    """A grid of what shifts involved (rows) by month (columns), with totals on the right.

    Stronger cells mean more check-ins listed that activity that month; cells
    carry their number while the grid is small enough to read them.
    """
    title = TITLE
    if picture.is_empty:
        draw_empty(ax, theme, title)
        return
    # No note on the right: beside the wide activity names it would collide with
    # the title. The sentence beside the chart says what the colours mean.
    prepare(ax, theme, title)
    data = np.array(picture.counts, dtype=float)
    rows, columns = data.shape
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
        linewidth=1.0 if columns <= 24 else 0.25,
    )
    total_x = columns - 0.5 + max(0.6, columns * 0.05)
    ax.set_ylim(rows - 0.5, -0.5)
    ax.set_xlim(-0.5, total_x + max(0.6, columns * 0.05))
    ax.grid(False)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.tick_params(length=0)
    ax.yaxis.set_major_locator(FixedLocator(list(range(rows))))
    ax.set_yticklabels([ACTIVITIES.get(code, code) for code in picture.codes])
    positions, labels = month_ticks(picture.months, limit=6, two_lines=True)
    ax.xaxis.set_major_locator(FixedLocator([*positions, total_x]))
    ax.set_xticklabels([*labels, "Total"])

    for row, total in enumerate(picture.totals):
        ax.text(
            total_x,
            row,
            str(total),
            va="center",
            ha="center",
            color=theme.text,
            fontsize=theme.font_size,
            fontweight="bold",
        )
    if rows * columns <= MAX_NUMBERED_CELLS:
        for row, column in zip(*np.nonzero(data), strict=True):
            value = data[row, column]
            ax.text(
                column,
                row,
                f"{value:.0f}",
                va="center",
                ha="center",
                color=theme.background if value / highest > 0.55 else theme.text,
                fontsize=theme.font_size - 1,
            )
