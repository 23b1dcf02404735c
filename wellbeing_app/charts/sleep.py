"""The sleep chart: hours of sleep above, sleep quality in words below, sharing the dates."""

from __future__ import annotations

import math
from typing import Final

import numpy as np
from matplotlib.axes import Axes
from matplotlib.ticker import FixedLocator, MaxNLocator

from wellbeing_app.charts.drawing import (
    DOTS_UP_TO_DAYS,
    NOTE_AVERAGE,
    NOTE_DAILY,
    SCORE_LIMITS,
    SCORE_MARKS,
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
    words_at,
)
from wellbeing_app.charts.palette import LIGHT, ChartTheme
from wellbeing_app.domain.catalogue import SCALE_LABELS
from wellbeing_app.domain.insights import SleepTrends

TITLE: Final = "Sleep"


def build_sleep(ax: Axes, trends: SleepTrends, theme: ChartTheme = LIGHT) -> None:
    """Two panels sharing the dates: hours of sleep above, sleep quality (in words) below.

    Hours and quality have different scales, so they get a panel each rather
    than two y axes on one plot.
    """
    title = TITLE
    if trends.is_empty:
        draw_empty(ax, theme, title)
        return
    x = day_numbers(trends.hours.dates)
    daily_too = len(x) <= DOTS_UP_TO_DAYS
    prepare(ax, theme, title, note=NOTE_DAILY if daily_too else NOTE_AVERAGE)
    ax.set_axis_off()  # the two panels are insets filling this axes
    hours_ax = ax.inset_axes((0.0, 0.36, 1.0, 0.64))
    quality_ax = ax.inset_axes((0.0, 0.0, 1.0, 0.26))
    quality_ax.sharex(hours_ax)
    for panel in (hours_ax, quality_ax):
        prepare(panel, theme)
    hours_ax.tick_params(axis="x", labelbottom=False)

    hours = with_gaps(trends.hours.values)
    top = max(10.0, math.ceil(float(np.nanmax(hours))) + 1.0) if np.isfinite(hours).any() else 10.0
    hours_ax.set_ylim(0, top)
    hours_ax.yaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
    hours_ax.set_ylabel("Hours", fontsize=theme.font_size)
    if np.isfinite(hours).any():
        rolling = with_gaps(trends.hours.rolling)
        if daily_too:
            gappy_line(hours_ax, x, hours, theme.sleep, width=1.0, alpha=0.5, dots=True)
        gappy_line(hours_ax, x, rolling, theme.sleep, width=2.4)
        end = last_point(x, rolling) or last_point(x, hours)
        if end is not None:
            label = EndLabel(end[0], fraction(end[1], 0, top), f"{end[1]:.1f} h", theme.sleep)
            label_ends(hours_ax, [label], theme)

    quality = with_gaps(trends.quality.values)
    low, high = SCORE_LIMITS
    quality_ax.set_ylim(low, high)
    quality_ax.yaxis.set_major_locator(FixedLocator(list(SCORE_MARKS)))
    words = SCALE_LABELS["sleep_quality"]
    quality_ax.set_yticklabels(words_at(words, SCORE_MARKS))
    if np.isfinite(quality).any():
        rolling = with_gaps(trends.quality.rolling)
        if daily_too:
            gappy_line(quality_ax, x, quality, theme.quality, width=1.0, alpha=0.5, dots=True)
        gappy_line(quality_ax, x, rolling, theme.quality, width=2.4)
        end = last_point(x, rolling) or last_point(x, quality)
        if end is not None:
            label = EndLabel(end[0], fraction(end[1], low, high), "Quality", theme.quality)
            label_ends(quality_ax, [label], theme)
    date_axis(quality_ax, x)
