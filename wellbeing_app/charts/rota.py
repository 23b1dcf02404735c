"""The true cost of the rota: hours every four weeks, and sleep and mood around nights.

Drawn only when a rota is set (``Insights.pattern``). The quick changeovers
and cancelled rest days are counts, said in a sentence on the page, not drawn.
"""

from __future__ import annotations

from datetime import date
from typing import Final

import numpy as np
from matplotlib.axes import Axes

from wellbeing_app.charts.drawing import CHART_HEIGHT_INCHES, draw_empty, integer_ticks, prepare
from wellbeing_app.charts.labels import (
    axis_label,
    fit_text,
    place_text,
    plot_width_px,
    points_px,
    widest_px,
    x_labels,
    y_labels,
)
from wellbeing_app.charts.palette import LIGHT, ChartTheme
from wellbeing_app.charts.shifts import ScoreRow, draw_score_rows
from wellbeing_app.domain.dates import MONTH_NAMES
from wellbeing_app.domain.rota import MIN_DAYS_TO_COMPARE, HoursByPeriod, NightRuns
from wellbeing_app.domain.rota.nights import CyclePositions
from wellbeing_app.domain.rota.wording import number

HOURS_TITLE: Final = "Hours worked, every 4 weeks"
NIGHTS_TITLE: Final = "Sleep and mood around nights"
_VALUE_OFFSET_POINTS: Final = 5.0
# Overtime is hatched as well as coloured, so a report printed in black and white shows it.
_OVERTIME_HATCH: Final = "////"


def _short(day: date) -> str:
    """ "21 Aug": the days a bar covers, short enough to leave the bars room."""
    return f"{day.day} {MONTH_NAMES[day.month - 1][:3]}"


def hours_height(hours: HoursByPeriod | None) -> float:
    """Tall enough for a bar per period: a year is 13 of them."""
    bars = len(hours.periods) if hours is not None else 0
    return max(CHART_HEIGHT_INCHES, 1.1 + 0.3 * bars)


def build_rota_hours(ax: Axes, hours: HoursByPeriod, theme: ChartTheme = LIGHT) -> None:
    """One bar per four-week period: hours on the rota, with overtime added on the end.

    A period shorter than four weeks (the range's last, usually) is drawn
    faint and its label says how many days it has.
    """
    periods = [p for p in hours.periods if p.shifts_worked or p.recorded_overtime_hours]
    if not periods:
        draw_empty(ax, theme, HOURS_TITLE)
        return
    prepare(ax, theme, HOURS_TITLE, note="overtime hatched")
    rows = np.arange(len(periods))[::-1]  # oldest at the top
    names = []
    for period in periods:
        name = f"{_short(period.first)} \u2013 {_short(period.last)}"
        if not period.is_complete:
            name += f" ({period.days} days)"
        names.append(name)
    texts = []
    for period in periods:
        text = f"{number(period.hours_worked)} h"
        if period.recorded_overtime_hours:
            text += f" + {number(period.recorded_overtime_hours)} h overtime"
        texts.append(text)
    size = theme.font_size
    plot_px = plot_width_px(ax, widest_px(ax, names, size), 0.0)
    widest = max(p.hours_worked + p.recorded_overtime_hours for p in periods)
    room = plot_px - widest_px(ax, texts, size) - points_px(ax, _VALUE_OFFSET_POINTS) - 4
    right = max(widest * plot_px / max(room, plot_px * 0.3), 1.0)
    ax.set_xlim(0, right)
    ax.set_ylim(-0.6, len(periods) - 0.4)
    y_labels(ax, list(rows), names, theme, grid=False)
    ticks = integer_ticks(0, right, max(3, int(plot_px // 60)))
    x_labels(ax, ticks, [str(t) for t in ticks], theme, grid=True)
    axis_label(ax, "x", fit_text(ax, "Hours", size, plot_px), theme)
    for row, period, text in zip(rows, periods, texts, strict=True):
        alpha = 1.0 if period.is_complete else 0.45
        ax.barh(row, period.hours_worked, height=0.6, color=theme.sleep, alpha=alpha)
        if period.recorded_overtime_hours:
            ax.barh(
                row,
                period.recorded_overtime_hours,
                left=period.hours_worked,
                height=0.6,
                color=theme.background,
                edgecolor=theme.stress,
                hatch=_OVERTIME_HATCH,
                linewidth=1.0,
                alpha=alpha,
            )
        place_text(
            ax,
            text,
            period.hours_worked + period.recorded_overtime_hours,
            row,
            dx=_VALUE_OFFSET_POINTS,
            va="center",
            color=theme.text,
            fontsize=size,
        ).set_in_layout(False)  # the axis is long enough for it


def around_nights_rows(nights: NightRuns, positions: CyclePositions) -> list[ScoreRow]:
    """The rows of the nights chart: on and after nights, then positions in the cycle."""
    named = [("On nights", nights.on_nights), ("The day after nights", nights.after_nights)]
    named += [(group.label.capitalize(), group.means) for group in positions.groups]
    return [
        ScoreRow(label, means.sleep, means.sleep_days, means.mood, means.mood_days)
        for label, means in named
        if means.mood is not None or means.sleep is not None
    ]


def build_around_nights(
    ax: Axes, nights: NightRuns, positions: CyclePositions, theme: ChartTheme = LIGHT
) -> None:
    """Sleep (bars) and mood (dots) on nights, after them, and at each place in the cycle."""
    rows = around_nights_rows(nights, positions)
    if not rows:
        draw_empty(ax, theme, NIGHTS_TITLE)
        return
    draw_score_rows(
        ax,
        rows,
        theme,
        title=NIGHTS_TITLE,
        sleep_words="Sleep (hours)",
        mood_words="Mood",
        settled_at=MIN_DAYS_TO_COMPARE,
    )
