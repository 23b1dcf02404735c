"""The sleep-and-mood chart: each sleep against the mood after it, with the middle value marked."""

from __future__ import annotations

import math
from collections import Counter
from typing import Final

import numpy as np
from matplotlib.axes import Axes

from wellbeing_app.charts.drawing import (
    NOTE_GAP_POINTS,
    SCORE_LIMITS,
    EndLabel,
    draw_empty,
    fraction,
    integer_ticks,
    label_ends,
    prepare,
    score_axis,
)
from wellbeing_app.charts.labels import axis_label, place_text, plot_width_px, widest_px, x_labels
from wellbeing_app.charts.palette import LIGHT, ChartTheme
from wellbeing_app.domain.catalogue import SCALE_LABELS
from wellbeing_app.domain.insights import MIN_PER_SLEEP_GROUP, SleepAndMood

TITLE: Final = "Sleep and the mood after it"
NOTE: Final = "bigger dot: more check-ins"


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
    prepare(ax, theme, title, note=NOTE)
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
    words = SCALE_LABELS["mood"]
    score_axis(ax, words, theme)
    # Room on the right for the average's name, about a sixth of the plot.
    high_x += max(1.2, (high_x - low_x) * 0.16)
    ax.set_xlim(low_x, high_x)
    plot_px = plot_width_px(ax, widest_px(ax, words, theme.font_size), 0.0)
    hour_ticks = integer_ticks(low_x, high_x, max(3, int(plot_px // 45)))
    x_labels(ax, hour_ticks, [str(t) for t in hour_ticks], theme, grid=True)
    axis_label(ax, "x", "Hours of sleep before the shift", theme)
    if pairs.median_sleep is not None:
        ax.axvline(pairs.median_sleep, color=theme.muted, linewidth=1.2, linestyle=(0, (4, 3)))
        # Named above the plot, on the line of the note: over the dots it would hide some.
        place_text(
            ax,
            f"dashed line: middle value {pairs.median_sleep:.1f} h",
            1.0,
            1.0,
            coords=ax.transAxes,
            dy=NOTE_GAP_POINTS,
            va="bottom",
            ha="right",
            color=theme.muted,
            fontsize=theme.font_size - 1,
        )
    label_ends(ax, labels, theme, outside=False)
