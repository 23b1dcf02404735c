"""The mood, stress and energy chart: rolling averages in bold, each day faint on short ranges."""

from __future__ import annotations

from typing import Final

import numpy as np
from matplotlib.axes import Axes

from wellbeing_app.charts.date_ticks import date_axis, day_numbers
from wellbeing_app.charts.drawing import (
    DOTS_UP_TO_DAYS,
    NOTE_AVERAGE,
    NOTE_DAILY,
    SCORE_LIMITS,
    EndLabel,
    draw_empty,
    end_labels_px,
    fraction,
    gappy_line,
    label_ends,
    last_point,
    prepare,
    score_axis,
    with_gaps,
)
from wellbeing_app.charts.labels import plot_width_px, widest_px
from wellbeing_app.charts.palette import LIGHT, ChartTheme
from wellbeing_app.domain.catalogue import SCALE_LABELS
from wellbeing_app.domain.insights import ScoreTrends

TITLE: Final = "Mood, stress and energy"


def build_scores(ax: Axes, trends: ScoreTrends, theme: ChartTheme = LIGHT) -> None:
    """Mood, stress and energy: rolling averages in bold, labelled at their ends.

    Up to ``DOTS_UP_TO_DAYS`` days, each day's value shows too, as faint
    dots and lines; over longer ranges the daily values would only be noise.
    """
    title = TITLE
    if trends.is_empty:
        draw_empty(ax, theme, title)
        return
    days = trends.mood.dates
    x = day_numbers(days)
    daily_too = len(x) <= DOTS_UP_TO_DAYS
    prepare(ax, theme, title, note=NOTE_DAILY if daily_too else NOTE_AVERAGE)
    low, high = SCORE_LIMITS
    labels: list[EndLabel] = []
    for name, series, colour in (
        ("Mood", trends.mood, theme.mood),
        ("Stress", trends.stress, theme.stress),
        ("Energy", trends.energy, theme.energy),
    ):
        daily = with_gaps(series.values)
        if not np.isfinite(daily).any():
            continue
        rolling = with_gaps(series.rolling)
        if daily_too:
            gappy_line(ax, x, daily, colour, width=1.0, alpha=0.5, dots=True)
        gappy_line(ax, x, rolling, colour, width=2.4 if daily_too else 2.0)
        end = last_point(x, rolling) or last_point(x, daily)
        if end is not None:
            labels.append(EndLabel(end[0], fraction(end[1], low, high), name, colour))
    # Stress and energy share these words, and they read neutrally for mood too.
    words = SCALE_LABELS["stress"]
    score_axis(ax, words, theme)
    plot_px = plot_width_px(
        ax,
        widest_px(ax, words, theme.font_size),
        end_labels_px(ax, [label.text for label in labels], theme),
    )
    date_axis(ax, days, x, plot_px, theme)
    label_ends(ax, labels, theme)
