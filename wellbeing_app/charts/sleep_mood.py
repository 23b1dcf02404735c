"""The sleep-and-mood chart: each sleep against the mood after it, with the middle value marked."""

from __future__ import annotations

import math
from collections import Counter
from typing import Final

import numpy as np
from matplotlib.axes import Axes
from matplotlib.ticker import MaxNLocator

from wellbeing_app.charts.drawing import (
    SCORE_LIMITS,
    EndLabel,
    draw_empty,
    fraction,
    label_ends,
    prepare,
    score_axis,
)
from wellbeing_app.charts.palette import LIGHT, ChartTheme
from wellbeing_app.domain.catalogue import SCALE_LABELS
from wellbeing_app.domain.insights import MIN_PER_SLEEP_GROUP, SleepAndMood

TITLE: Final = "Sleep and the mood after it"


def build_sleep_and_mood(ax: Axes, pairs: SleepAndMood, theme: ChartTheme = LIGHT) -> None:
    """Each sleep against the mood after it: one dot per combination, bigger for more check-ins.

    A line joins the average mood at each whole hour of sleep that has at
    least ``MIN_PER_SLEEP_GROUP`` check-ins; a dashed line marks the middle
    value of sleep that the sentence splits at.
    """
    title = TITLE
    if pairs.is_empty:
        draw_empty(ax, theme, title)
        return
    prepare(ax, theme, title, note="bigger dot: more check-ins")
    ax.grid(axis="x", color=theme.grid, linewidth=0.8)
    counts = Counter(pairs.pairs)
    xs = np.array([s for s, _ in counts], dtype=float)
    ys = np.array([m for _, m in counts], dtype=float)
    sizes = np.minimum(22.0 + 10.0 * np.array(list(counts.values()), dtype=float), 420.0)
    ax.scatter(xs, ys, s=sizes, color=theme.mood, alpha=0.55, linewidths=0, zorder=2)

    low_x = math.floor(float(xs.min())) - 0.5
    high_x = math.ceil(float(xs.max())) + 0.5
    by_hour: dict[int, list[int]] = {}
    for sleep, mood in pairs.pairs:
        by_hour.setdefault(math.floor(sleep + 0.5), []).append(mood)
    steady = sorted(h for h, moods in by_hour.items() if len(moods) >= MIN_PER_SLEEP_GROUP)
    labels: list[EndLabel] = []
    if len(steady) >= 2:
        means = [sum(by_hour[h]) / len(by_hour[h]) for h in steady]
        ax.plot(steady, means, color=theme.text, linewidth=1.8, zorder=3)
        labels.append(
            EndLabel(steady[-1], fraction(means[-1], *SCORE_LIMITS), "Average", theme.text)
        )
    if pairs.median_sleep is not None:
        ax.axvline(pairs.median_sleep, color=theme.muted, linewidth=1.2, linestyle=(0, (4, 3)))
        ax.annotate(
            f"middle value {pairs.median_sleep:.1f} h",
            xy=(pairs.median_sleep, 1.0),
            xycoords=ax.get_xaxis_transform(),
            xytext=(4, -2),
            textcoords="offset points",
            va="top",
            ha="left",
            color=theme.muted,
            fontsize=theme.font_size - 0.5,
        )
    score_axis(ax, SCALE_LABELS["mood"])
    ax.set_xlim(low_x, high_x + max(1.2, (high_x - low_x) * 0.14))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=8))
    ax.set_xlabel("Hours of sleep before the shift", fontsize=theme.font_size)
    label_ends(ax, labels, theme, outside=False)
