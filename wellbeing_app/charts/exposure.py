"""The exposure chart: tagged incidents in the rolling window ending on each day."""

from __future__ import annotations

from typing import Final

import numpy as np
from matplotlib.axes import Axes
from matplotlib.ticker import MaxNLocator

from wellbeing_app.charts.drawing import (
    EndLabel,
    date_axis,
    day_numbers,
    draw_empty,
    fraction,
    gappy_line,
    label_ends,
    last_point,
    prepare,
    with_gaps,
)
from wellbeing_app.charts.palette import LIGHT, ChartTheme
from wellbeing_app.domain.insights import EXPOSURE_WINDOW_DAYS, ExposureLoad

TITLE: Final = f"Tagged incidents in each {EXPOSURE_WINDOW_DAYS} days"


def build_exposure(ax: Axes, load: ExposureLoad, theme: ChartTheme = LIGHT) -> None:
    """Tagged incidents in the window ending on each day, with a tick under each tagged day."""
    title = TITLE
    if load.is_empty:
        draw_empty(ax, theme, title)
        return
    prepare(ax, theme, title, note="| marks a day with a tagged incident")
    x = day_numbers(load.dates)
    counts = with_gaps(load.counts)
    finite = np.isfinite(counts)
    ax.fill_between(
        x,
        0,
        np.where(finite, counts, 0),
        where=finite,
        color=theme.exposure,
        alpha=0.22,
        linewidth=0,
    )
    gappy_line(ax, x, counts, theme.exposure, width=2.2)
    if load.tagged_days:
        ax.plot(
            day_numbers(load.tagged_days),
            np.zeros(len(load.tagged_days)),
            linestyle="none",
            marker="|",
            markersize=9,
            markeredgewidth=1.6,
            color=theme.exposure,
            clip_on=False,
            zorder=3,
        )
    highest = float(np.nanmax(counts)) if finite.any() else 0.0
    top = max(4.0, highest * 1.2)
    ax.set_ylim(0, top)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True, nbins=5))
    ax.set_ylabel(f"Tagged in {EXPOSURE_WINDOW_DAYS} days", fontsize=theme.font_size)
    date_axis(ax, x)
    end = last_point(x, counts)
    if end is not None:
        label = EndLabel(end[0], fraction(end[1], 0, top), f"{end[1]:.0f}", theme.exposure)
        label_ends(ax, [label], theme)
