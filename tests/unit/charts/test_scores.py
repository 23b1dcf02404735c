"""The mood, stress and energy chart: one line per series, gaps as gaps, named at the ends."""

from __future__ import annotations

from datetime import timedelta

import numpy as np

from tests.unit.charts.chart_support import (
    DATASETS,
    TODAY,
    new_figure,
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
    assert len(ax.lines) == 6
    mood_daily = np.asarray(ax.lines[0].get_ydata(), dtype=float)
    assert mood_daily.size == 28
    gap = mood_daily[7 + 8 : 7 + 15]  # the range starts 27 days ago; the week off is NaN
    assert np.isnan(gap).all()
    assert np.isfinite(mood_daily[7 + 7]) and np.isfinite(mood_daily[7 + 15])
    mood_average = np.asarray(ax.lines[1].get_ydata(), dtype=float)
    assert np.isnan(mood_average[7 + 12])  # no average invented across the gap


def test_long_ranges_draw_averages_only_still_one_line_per_series() -> None:
    insights = insights_for(DATASETS["year"], TODAY, Range.TWELVE_MONTHS)
    figure = new_figure()
    ax = figure.add_subplot()
    build_scores(ax, insights.scores, DARK)
    figure.canvas.draw()
    assert len(ax.lines) == 3
    assert all(len(line.get_xdata()) == 365 for line in ax.lines)


def test_lines_are_named_at_their_ends_and_scores_in_words() -> None:
    insights = insights_for(DATASETS["year"], TODAY, Range.THREE_MONTHS)
    figure = new_figure()
    ax = figure.add_subplot()
    build_scores(ax, insights.scores, LIGHT)
    figure.canvas.draw()
    assert {t.get_text() for t in ax.texts} == {"Mood", "Stress", "Energy"}
    assert [t.get_text() for t in ax.get_yticklabels()] == list(SCALE_LABELS["stress"])
    assert not ax.get_legend()
