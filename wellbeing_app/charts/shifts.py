"""The by-shift-type chart: sleep after each kind of shift (bars) and mood on it (dots)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np
from matplotlib.axes import Axes

from wellbeing_app.charts.drawing import (
    SCORE_LIMITS,
    SCORE_MARKS,
    draw_empty,
    integer_ticks,
    prepare,
    split_axes,
    words_at,
)
from wellbeing_app.charts.labels import (
    axis_label,
    fit_text,
    place_text,
    plot_width_px,
    points_px,
    text_px,
    widest_px,
    x_labels,
    y_labels,
)
from wellbeing_app.charts.palette import LIGHT, ChartTheme
from wellbeing_app.domain.catalogue import SCALE_LABELS
from wellbeing_app.domain.checkin import SCORE_RANGE
from wellbeing_app.domain.insights import MIN_PER_SHIFT, ShiftComparison

TITLE: Final = "Sleep and mood by shift type"
# The gap between the sleep panel (``ax``) and the mood panel, in panel widths.
_PANEL_GAP: Final = 0.12
_VALUE_OFFSET_POINTS: Final = 5.0
_MOOD_OFFSET_POINTS: Final = 10.0
_WORD_GAP_PX: Final = 28.0  # between the mood words under the dots: wider than between numbers


@dataclass(frozen=True, slots=True)
class ScoreRow:
    """One row of a sleep-and-mood chart: its name, mean sleep and mean mood, with counts."""

    label: str
    sleep_mean: float | None
    sleep_count: int
    mood_mean: float | None
    mood_count: int


def build_shifts(ax: Axes, comparison: ShiftComparison, theme: ChartTheme = LIGHT) -> None:
    """Two panels side by side: sleep after each shift type (bars, ``ax``) and mood on it (dots).

    A shift type with fewer than ``MIN_PER_SHIFT`` check-ins is drawn faint
    and its number says how many there are so far.
    """
    if comparison.is_empty:
        draw_empty(ax, theme, TITLE)
        return
    rows = [
        ScoreRow(
            g.shift_type.label, g.sleep_after_mean, g.sleep_after_count, g.mood_mean, g.mood_count
        )
        for g in comparison.groups
    ]
    draw_score_rows(ax, rows, theme, title=TITLE, sleep_words="Sleep after it (hours)")


def draw_score_rows(
    ax: Axes,
    groups: Sequence[ScoreRow],
    theme: ChartTheme,
    *,
    title: str,
    sleep_words: str,
    mood_words: str = "Mood at the end of it",
    settled_at: int = MIN_PER_SHIFT,
) -> None:
    """Sleep (bars, left) and mood (dots, right) for each row, first row at the top.

    A row with fewer than ``settled_at`` days is drawn faint and its number
    says how many there are so far.
    """
    rows = np.arange(len(groups))[::-1]  # first shift type at the top
    names = [g.label for g in groups]
    size = theme.font_size
    sleep_texts: list[tuple[float, str]] = []
    for group in groups:
        if group.sleep_mean is None:
            continue
        text = f"{group.sleep_mean:.1f} h"
        if group.sleep_count < settled_at:
            text += f", {group.sleep_count} so far"
        sleep_texts.append((group.sleep_mean, text))
    mood_texts: list[str] = []
    for group in groups:
        if group.mood_mean is None:
            continue
        text = f"{group.mood_mean:.1f}"
        if group.mood_count < settled_at:
            text += f", {group.mood_count} so far"
        mood_texts.append(text)

    # Share the width: the mood panel gets what its words and numbers need, sleep the rest.
    low, high = SCORE_LIMITS
    both_px = plot_width_px(ax, widest_px(ax, names, size), 0.0) / (1 + _PANEL_GAP / 2)
    marks: tuple[int, ...] = SCORE_MARKS
    words = words_at(SCALE_LABELS["mood"], marks)
    numbers_px = widest_px(ax, mood_texts, size) + points_px(ax, _MOOD_OFFSET_POINTS) + 4
    per_step = max(
        (text_px(ax, a, size)[0] + text_px(ax, b, size)[0]) / 2 + _WORD_GAP_PX
        for a, b in zip(words, words[1:], strict=False)
    ) / (marks[1] - marks[0])
    mood_px = per_step * (high - low) + numbers_px
    if mood_px > both_px * 0.6:  # too narrow for three words: the two ends only
        marks = (SCORE_MARKS[0], SCORE_MARKS[-1])
        words = words_at(SCALE_LABELS["mood"], marks)
        per_step = (widest_px(ax, words, size) + _WORD_GAP_PX) / (marks[1] - marks[0])
        mood_px = per_step * (high - low) + numbers_px
    mood_px = min(max(mood_px, both_px * 0.45), both_px * 0.6)
    sleep_px = both_px - mood_px
    sleep_ax, mood_ax = split_axes(ax, columns=2, ratios=(sleep_px, mood_px), space=_PANEL_GAP)
    prepare(sleep_ax, theme, title)
    prepare(mood_ax, theme)
    for panel in (sleep_ax, mood_ax):
        panel.set_ylim(-0.6, len(groups) - 0.4)
    y_labels(sleep_ax, list(rows), names, theme, grid=False)

    # Room right of the longest bar for its number, worked out in pixels.
    offset_px = points_px(ax, _VALUE_OFFSET_POINTS)
    right = 10.0
    for value, text in sleep_texts:
        room = sleep_px - widest_px(ax, [text], size) - offset_px - 4
        right = max(right, value * sleep_px / max(room, sleep_px * 0.3))
    sleep_ax.set_xlim(0, right)
    hour_ticks = integer_ticks(0, right, max(3, int(sleep_px // 40)))
    x_labels(sleep_ax, hour_ticks, [str(t) for t in hour_ticks], theme, grid=True)
    axis_label(sleep_ax, "x", fit_text(ax, sleep_words, size, sleep_px), theme)
    for row, group in zip(rows, groups, strict=True):
        if group.sleep_mean is None:
            continue
        settled = group.sleep_count >= settled_at
        sleep_ax.barh(
            row,
            group.sleep_mean,
            height=0.6,
            color=theme.sleep,
            alpha=1.0 if settled else 0.4,
        )
    for row, (value, text) in zip(
        [r for r, g in zip(rows, groups, strict=True) if g.sleep_mean is not None],
        sleep_texts,
        strict=True,
    ):
        place_text(
            sleep_ax,
            text,
            value,
            row,
            dx=_VALUE_OFFSET_POINTS,
            va="center",
            color=theme.text,
            fontsize=theme.font_size,
        ).set_in_layout(False)  # the axis is long enough for it

    scale_px = mood_px - numbers_px
    mood_ax.set_xlim(low, high + (high - low) * numbers_px / max(scale_px, 1.0))
    x_labels(mood_ax, list(marks), words, theme, grid=True)
    axis_label(mood_ax, "x", fit_text(ax, mood_words, size, mood_px), theme)
    mood_ax.hlines(rows, SCORE_RANGE.low, SCORE_RANGE.high, color=theme.grid, linewidth=3, zorder=1)
    for settled in (True, False):
        picked = [
            (row, g.mood_mean)
            for row, g in zip(rows, groups, strict=True)
            if g.mood_mean is not None and (g.mood_count >= settled_at) is settled
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
    rows_with_mood = [r for r, g in zip(rows, groups, strict=True) if g.mood_mean is not None]
    for row, text in zip(rows_with_mood, mood_texts, strict=True):
        place_text(
            mood_ax,
            text,
            SCORE_RANGE.high,
            row,
            dx=_MOOD_OFFSET_POINTS,
            va="center",
            color=theme.text,
            fontsize=size,
        ).set_in_layout(False)  # the axis is long enough for it
