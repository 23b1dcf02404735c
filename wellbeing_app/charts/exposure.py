"""The exposure chart: tagged incidents in the rolling window ending on each day."""

from __future__ import annotations

from typing import Final

import numpy as np
from matplotlib.axes import Axes

from wellbeing_app.charts.date_ticks import date_axis, day_numbers
from wellbeing_app.charts.drawing import (
    EndLabel,
    draw_empty,
    end_labels_px,
    fraction,
    gappy_line,
    integer_ticks,
    label_ends,
    last_point,
    prepare,
    with_gaps,
)
from wellbeing_app.charts.labels import (
    axis_label,
    plot_width_px,
    points_px,
    text_px,
    widest_px,
    y_labels,
)
from wellbeing_app.charts.palette import LIGHT, ChartTheme
from wellbeing_app.domain.insights import EXPOSURE_WINDOW_DAYS, ExposureLoad

TITLE: Final = f"Tagged incidents in each {EXPOSURE_WINDOW_DAYS} days"
NOTE: Final = "| marks a day with a tagged incident"
Y_LABEL: Final = f"Tagged in {EXPOSURE_WINDOW_DAYS} days"


def build_exposure(ax: Axes, load: ExposureLoad, theme: ChartTheme = LIGHT) -> None:
    """Tagged incidents in the window ending on each day, with a tick under each tagged day."""
    title = TITLE
    if load.is_empty:
        draw_empty(ax, theme, title)
        return
    prepare(ax, theme, title, note=NOTE)
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
    count_ticks = integer_ticks(0, top, 5)
    count_labels = [str(t) for t in count_ticks]
    y_labels(ax, count_ticks, count_labels, theme)
    axis_label(ax, "y", Y_LABEL, theme)
    end = last_point(x, counts)
    labels: list[EndLabel] = []
    if end is not None:
        labels.append(EndLabel(end[0], fraction(end[1], 0, top), f"{end[1]:.0f}", theme.exposure))
    left = (
        widest_px(ax, count_labels, theme.font_size)
        + text_px(ax, Y_LABEL, theme.font_size)[1]
        + points_px(ax, 4)
    )
    plot_px = plot_width_px(ax, left, end_labels_px(ax, [lab.text for lab in labels], theme))
    date_axis(ax, load.dates, x, plot_px, theme)
    label_ends(ax, labels, theme)
