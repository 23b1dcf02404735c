"""The sleep chart: hours of sleep above, sleep quality in words below, sharing the dates."""

from __future__ import annotations

import math
from typing import Final

import numpy as np
from matplotlib.axes import Axes

from wellbeing_app.charts.date_ticks import date_axis, day_numbers
from wellbeing_app.charts.drawing import (
    DOTS_UP_TO_DAYS,
    NOTE_AVERAGE,
    NOTE_DAILY,
    SCORE_LIMITS,
    SCORE_MARKS,
    EndLabel,
    draw_empty,
    end_labels_px,
    fraction,
    gappy_line,
    integer_ticks,
    label_ends,
    last_point,
    prepare,
    split_axes,
    with_gaps,
    words_at,
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
from wellbeing_app.domain.catalogue import SCALE_LABELS
from wellbeing_app.domain.insights import SleepTrends

TITLE: Final = "Sleep"
HEIGHT_INCHES: Final = 3.4
"""Two panels need a little more height than one."""
# The quality panel below the hours panel, and the gap between them, in hours panels.
_QUALITY_HEIGHT: Final = 0.5
_PANEL_GAP: Final = 0.25


def build_sleep(ax: Axes, trends: SleepTrends, theme: ChartTheme = LIGHT) -> None:
    """Two panels sharing the dates: hours of sleep (``ax``), sleep quality in words below it.

    Hours and quality have different scales, so they get a panel each rather
    than two y axes on one plot.
    """
    title = TITLE
    if trends.is_empty:
        draw_empty(ax, theme, title)
        return
    days = trends.hours.dates
    x = day_numbers(days)
    daily_too = len(x) <= DOTS_UP_TO_DAYS
    hours_ax = ax
    prepare(hours_ax, theme, title, note=NOTE_DAILY if daily_too else NOTE_AVERAGE)
    _hours, quality_ax = split_axes(ax, rows=2, ratios=(1.0, _QUALITY_HEIGHT), space=_PANEL_GAP)
    prepare(quality_ax, theme)
    # The dates are written once, under the quality panel; the hours panel keeps the same days.

    hours = with_gaps(trends.hours.values)
    has_hours = bool(np.isfinite(hours).any())
    top = max(10.0, math.ceil(float(np.nanmax(hours))) + 1.0) if has_hours else 10.0
    hours_ax.set_ylim(0, top)
    hour_ticks = integer_ticks(0, top, 6)
    y_labels(hours_ax, hour_ticks, [str(t) for t in hour_ticks], theme)
    axis_label(hours_ax, "y", "Hours", theme)
    end_texts: list[str] = []
    if has_hours:
        rolling = with_gaps(trends.hours.rolling)
        if daily_too:
            gappy_line(hours_ax, x, hours, theme.sleep, width=1.0, alpha=0.5, dots=True)
        gappy_line(hours_ax, x, rolling, theme.sleep, width=2.4)
        end = last_point(x, rolling) or last_point(x, hours)
        if end is not None:
            label = EndLabel(end[0], fraction(end[1], 0, top), f"{end[1]:.1f} h", theme.sleep)
            label_ends(hours_ax, [label], theme)
            end_texts.append(label.text)

    quality = with_gaps(trends.quality.values)
    low, high = SCORE_LIMITS
    quality_ax.set_ylim(low, high)
    words = words_at(SCALE_LABELS["sleep_quality"], SCORE_MARKS)
    y_labels(quality_ax, list(SCORE_MARKS), words, theme)
    if np.isfinite(quality).any():
        rolling = with_gaps(trends.quality.rolling)
        if daily_too:
            gappy_line(quality_ax, x, quality, theme.quality, width=1.0, alpha=0.5, dots=True)
        gappy_line(quality_ax, x, rolling, theme.quality, width=2.4)
        end = last_point(x, rolling) or last_point(x, quality)
        if end is not None:
            label = EndLabel(end[0], fraction(end[1], low, high), "Quality", theme.quality)
            label_ends(quality_ax, [label], theme, gap=0.3)
            end_texts.append(label.text)
    # The hours label sits beside the hour numbers; the quality words are wider than both.
    left = max(
        widest_px(ax, words, theme.font_size),
        widest_px(ax, [str(t) for t in hour_ticks], theme.font_size)
        + text_px(ax, "Hours", theme.font_size)[1]
        + points_px(ax, 4),
    )
    plot_px = plot_width_px(ax, left, end_labels_px(ax, end_texts, theme))
    date_axis(quality_ax, days, x, plot_px, theme)
    hours_ax.set_xlim(quality_ax.get_xlim())
