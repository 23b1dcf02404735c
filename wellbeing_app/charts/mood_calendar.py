"""The year-in-pixels chart: one square per day, coloured by mood, one row per month."""

from __future__ import annotations

import math
from typing import Final

import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.colors import BoundaryNorm, ListedColormap
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FixedLocator

from wellbeing_app.charts.drawing import draw_empty, month_ticks, prepare
from wellbeing_app.charts.palette import LIGHT, ChartTheme
from wellbeing_app.domain.catalogue import SCALE_LABELS
from wellbeing_app.domain.checkin import SCORE_RANGE
from wellbeing_app.domain.insights import YearInPixels

TITLE: Final = "Year in pixels: mood each day"


def build_year_in_pixels(ax: Axes, year: YearInPixels, theme: ChartTheme = LIGHT) -> None:
    """One square per day, coloured by mood; a small dot marks a day without a check-in.

    Several check-ins on a day are averaged and the average rounded to the
    nearest step. Days outside the range, or not in the calendar, are blank.
    """
    title = TITLE
    if year.is_empty:
        draw_empty(ax, theme, title)
        return
    prepare(ax, theme, title)
    rows = len(year.months)
    codes = np.zeros((rows, 31))
    missing_rows: list[int] = []
    missing_days: list[int] = []
    for r, (values, shown) in enumerate(zip(year.values, year.in_range, strict=True)):
        for c in range(31):
            value = values[c]
            if not shown[c]:
                continue  # 0: blank
            if value is None:
                missing_rows.append(r)
                missing_days.append(c + 1)
            else:
                codes[r, c] = math.floor(value + 0.5)  # a step of the scale
    cmap = ListedColormap([theme.background, *theme.mood_scale])
    norm = BoundaryNorm(np.arange(-0.5, SCORE_RANGE.high + 1.5, 1.0), cmap.N)
    ax.pcolormesh(
        np.arange(0.5, 32.5),
        np.arange(-0.5, rows + 0.5),
        codes,
        cmap=cmap,
        norm=norm,
        edgecolors=theme.background if rows <= 24 else "none",
        linewidth=1.0,
    )
    dot_size = 3.0 if rows <= 24 else 1.5
    if missing_days:
        ax.plot(
            missing_days,
            missing_rows,
            linestyle="none",
            marker="o",
            markersize=dot_size,
            markeredgewidth=0,
            color=theme.muted,
        )
    ax.set_ylim(rows - 0.5, -0.5)
    ax.set_xlim(0.5, 31.5)
    if rows <= 24:
        ax.set_aspect("equal", adjustable="box")  # square days; a decade would be a sliver
        ax.set_anchor("N")  # a short range sits under the title, not adrift mid-figure
    ax.grid(False)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.tick_params(length=0)
    ax.xaxis.set_major_locator(FixedLocator([1, 5, 10, 15, 20, 25, 31]))
    ax.set_xlabel("Day of the month", fontsize=theme.font_size)
    positions, labels = month_ticks(year.months, limit=24)
    ax.yaxis.set_major_locator(FixedLocator(positions))
    ax.set_yticklabels(labels)
    handles: list[Artist] = [
        Patch(facecolor=colour, label=word)
        for colour, word in zip(theme.mood_scale, SCALE_LABELS["mood"], strict=True)
    ]
    handles.append(
        Line2D(
            [],
            [],
            linestyle="none",
            marker="o",
            markersize=4,
            markeredgewidth=0,
            color=theme.muted,
            label="No check-in",
        )
    )
    ax.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, 0.0),
        borderaxespad=3.0,  # in font sizes: clears the day numbers and their label
        ncol=len(handles),
        frameon=False,
        fontsize=theme.font_size,
        labelcolor=theme.text,
        handlelength=1.1,
        handleheight=1.1,
        columnspacing=1.2,
        handletextpad=0.5,
    )
