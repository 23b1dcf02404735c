"""The mood, stress and energy chart: one line per series, gaps as gaps, named at the ends."""

from __future__ import annotations

from datetime import timedelta

import numpy as np

from tests.unit.charts.chart_support import (
    DATASETS,
    TODAY,
    labels,
    new_figure,
    series_lines,
)
from wellbeing_app.charts import (
    DARK,
    LIGHT,
    build_scores,
)
from wellbeing_app.domain.catalogue import SCALE_LABELS
from wellbeing_app.domain.checkin import CheckIn
from wellbeing_app.domain.insights import Range, insights_for, score_trends


def test_one_line_per_series_and_gaps_drawn_as_gaps() -> None:
    start = TODAY - timedelta(days=20)
    days = [start + timedelta(days=n) for n in range(21) if not 8 <= n <= 14]  # a week off
    checkins = [CheckIn(date=d, mood=3, stress=2, energy=4) for d in days]
    figure = new_figure()
    ax = figure.add_subplot()
    build_scores(ax, score_trends(checkins, TODAY, Range.FOUR_WEEKS), LIGHT)
    figure.canvas.draw()

    # Mood, stress and energy: a faint daily line and a bold average each, nothing per point.
    lines = series_lines(ax)
    assert len(lines) == 6
    mood_daily = np.asarray(lines[0].get_ydata(), dtype=float)
    assert mood_daily.size == 28
    gap = mood_daily[7 + 8 : 7 + 15]  # the range starts 27 days ago; the week off is NaN
    assert np.isnan(gap).all()
    assert np.isfinite(mood_daily[7 + 7]) and np.isfinite(mood_daily[7 + 15])
    mood_average = np.asarray(lines[1].get_ydata(), dtype=float)
    assert np.isnan(mood_average[7 + 12])  # no average invented across the gap


def test_long_ranges_draw_averages_only_still_one_line_per_series() -> None:
    insights = insights_for(DATASETS["year"], TODAY, Range.TWELVE_MONTHS)
    figure = new_figure()
    ax = figure.add_subplot()
    build_scores(ax, insights.scores, DARK)
    figure.canvas.draw()
    lines = series_lines(ax)
    assert len(lines) == 3
    assert all(len(line.get_xdata()) == 365 for line in lines)


def test_lines_are_named_at_their_ends_and_scores_in_words() -> None:
    insights = insights_for(DATASETS["year"], TODAY, Range.THREE_MONTHS)
    figure = new_figure()
    ax = figure.add_subplot()
    build_scores(ax, insights.scores, LIGHT)
    figure.canvas.draw()
    assert set(labels(ax, "right")) == {"Mood", "Stress", "Energy"}
    assert labels(ax, "left") == list(reversed(SCALE_LABELS["stress"]))
    assert not ax.get_legend()
    # Three months: the 1st and the 15th of each month, as many as fit side by side.
    below = labels(ax, "below")
    assert below and all(label.split()[0] in ("1", "15") for label in below)
