"""The by-shift-type chart: sleep after each kind of shift (bars) and mood on it (dots)."""

from __future__ import annotations

import math
from typing import Final

import numpy as np
from matplotlib.axes import Axes
from matplotlib.ticker import FixedLocator

from wellbeing_app.charts.drawing import SCORE_LIMITS, SCORE_MARKS, draw_empty, prepare, words_at
from wellbeing_app.charts.palette import LIGHT, ChartTheme
from wellbeing_app.domain.catalogue import SCALE_LABELS
from wellbeing_app.domain.checkin import SCORE_RANGE
from wellbeing_app.domain.insights import MIN_PER_SHIFT, ShiftComparison

TITLE: Final = "Sleep and mood by shift type"


def build_shifts(ax: Axes, comparison: ShiftComparison, theme: ChartTheme = LIGHT) -> None:
    """Two panels side by side: sleep after each shift type (bars) and mood on it (dots).

    A shift type with fewer than ``MIN_PER_SHIFT`` check-ins is drawn faint
    and its number says how many there are so far.
    """
    title = TITLE
    if comparison.is_empty:
        draw_empty(ax, theme, title)
        return
    prepare(ax, theme, title)
    ax.set_axis_off()
    groups = comparison.groups
    rows = np.arange(len(groups))[::-1]  # first shift type at the top
    names = [g.shift_type.label for g in groups]

    sleep_ax = ax.inset_axes((0.0, 0.0, 0.47, 1.0))
    mood_ax = ax.inset_axes((0.53, 0.0, 0.47, 1.0))
    for panel in (sleep_ax, mood_ax):
        prepare(panel, theme, "")
        panel.grid(axis="y", visible=False)
        panel.grid(axis="x", color=theme.grid, linewidth=0.8)
        panel.set_ylim(-0.6, len(groups) - 0.4)
        panel.yaxis.set_major_locator(FixedLocator(list(rows)))
    sleep_ax.set_yticklabels(names)
    mood_ax.set_yticklabels([])
    mood_ax.tick_params(axis="y", length=0)

    sleep_values = [g.sleep_after_mean for g in groups]
    longest = max((v for v in sleep_values if v is not None), default=8.0)
    sleep_ax.set_xlim(0, max(10.0, math.ceil(longest) + 3.0))
    sleep_ax.set_xlabel("Sleep after it (hours)", fontsize=theme.font_size)
    for row, group in zip(rows, groups, strict=True):
        if group.sleep_after_mean is None:
            continue
        settled = group.sleep_after_count >= MIN_PER_SHIFT
        sleep_ax.barh(
            row,
            group.sleep_after_mean,
            height=0.6,
            color=theme.sleep,
            alpha=1.0 if settled else 0.4,
        )
        text = f"{group.sleep_after_mean:.1f} h"
        if not settled:
            text += f", {group.sleep_after_count} so far"
        sleep_ax.annotate(
            text,
            xy=(group.sleep_after_mean, row),
            xytext=(5, 0),
            textcoords="offset points",
            va="center",
            color=theme.text,
            fontsize=theme.font_size,
        )

    low, high = SCORE_LIMITS
    mood_ax.set_xlim(low, high + 1.2)
    mood_words = SCALE_LABELS["mood"]
    mood_ax.xaxis.set_major_locator(FixedLocator(list(SCORE_MARKS)))
    mood_ax.set_xticklabels(words_at(mood_words, SCORE_MARKS))
    mood_ax.set_xlabel("Mood at the end of it", fontsize=theme.font_size)
    mood_ax.hlines(rows, SCORE_RANGE.low, SCORE_RANGE.high, color=theme.grid, linewidth=3, zorder=1)
    for settled in (True, False):
        picked = [
            (row, g.mood_mean)
            for row, g in zip(rows, groups, strict=True)
            if g.mood_mean is not None and (g.mood_count >= MIN_PER_SHIFT) is settled
        ]
        if picked:
            mood_ax.plot(
                [m for _, m in picked],
                [r for r, _ in picked],
                linestyle="none",
                marker="o",
                markersize=10,
                markeredgewidth=0,
                color=theme.mood,
                alpha=1.0 if settled else 0.4,
                zorder=2,
            )
    for row, group in zip(rows, groups, strict=True):
        if group.mood_mean is None:
            continue
        text = f"{group.mood_mean:.1f}"
        if group.mood_count < MIN_PER_SHIFT:
            text += f", {group.mood_count} so far"
        mood_ax.annotate(
            text,
            xy=(SCORE_RANGE.high, row),
            xytext=(10, 0),
            textcoords="offset points",
            va="center",
            color=theme.text,
            fontsize=theme.font_size,
        )
