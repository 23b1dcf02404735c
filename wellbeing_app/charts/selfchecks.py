"""Self-checks over time: a small panel per score, each on its own questionnaire's scale.

Drawn only once there are self-checks. Each panel is named, its scale's ends
are labelled and the newest score is written beside its point, so the chart
reads in black and white and never relies on colour.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Final

from matplotlib.axes import Axes

from wellbeing_app.charts.date_ticks import date_axis, day_numbers
from wellbeing_app.charts.drawing import CHART_HEIGHT_INCHES, draw_empty, prepare, split_axes
from wellbeing_app.charts.labels import place_text, plot_width_px, widest_px, y_labels
from wellbeing_app.charts.palette import LIGHT, ChartTheme
from wellbeing_app.domain.selfchecks.trends import SelfCheckTrends

TITLE: Final = "Your self-checks"
_PANEL_INCHES: Final = 1.35


def height_for(trends: SelfCheckTrends | None) -> float:
    panels = len(trends.series) if trends is not None else 0
    return max(CHART_HEIGHT_INCHES, 0.8 + _PANEL_INCHES * panels)


def build_selfchecks(ax: Axes, trends: SelfCheckTrends, theme: ChartTheme = LIGHT) -> None:
    """One panel per score (a line through each self-check, its number beside it)."""
    if trends.is_empty:
        draw_empty(ax, theme, TITLE)
        return
    panels = split_axes(ax, rows=len(trends.series), space=0.3)
    days = [trends.first + timedelta(days=n) for n in range((trends.last - trends.first).days + 1)]
    x_all = day_numbers(days)
    size = theme.font_size
    names = [s.label for s in trends.series]
    left = widest_px(ax, [f"{s.highest}" for s in trends.series], size)
    for index, (panel, series) in enumerate(zip(panels, trends.series, strict=True)):
        prepare(panel, theme, TITLE if index == 0 else "", note=names[index])
        span = series.highest - series.lowest
        panel.set_ylim(series.lowest - span * 0.12, series.highest + span * 0.12)
        y_labels(
            panel, [series.lowest, series.highest], [str(series.lowest), str(series.highest)], theme
        )
        xs = [float(x_all[(day - trends.first).days]) for day, _ in series.points]
        ys = [score for _, score in series.points]
        panel.plot(xs, ys, color=theme.mood, linewidth=2, marker="o", markersize=6, zorder=3)
        # The newest number beside its point (the others are on the scale at the left).
        place_text(
            panel,
            str(ys[-1]),
            xs[-1],
            ys[-1],
            dx=6,
            ha="left",
            va="center",
            color=theme.text,
            fontsize=size - 0.5,
        ).set_in_layout(False)
        # Room on the right for the last point's number.
        number_px = widest_px(ax, [str(series.highest)], size) + 12
        plot_px = plot_width_px(panel, left, number_px)
        if index == len(panels) - 1:
            date_axis(panel, days, x_all, plot_px, theme)
        else:
            panel.set_xticks([])
        low, high = float(x_all[0]) - 0.5, float(x_all[-1]) + 0.5
        panel.set_xlim(low, high + (high - low) * number_px / max(plot_px, 1.0))
