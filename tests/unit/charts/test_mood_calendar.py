"""The year-in-pixels chart: a week grid coloured by mood, Monday on top, a legend in words."""

from __future__ import annotations

from datetime import date

import numpy as np
from matplotlib.collections import QuadMesh

from tests.unit.charts.chart_support import (
    CHART_WIDTHS,
    LAYOUT_DATASETS,
    TODAY,
    labels,
    new_figure,
)
from wellbeing_app.charts import LIGHT, build_year_in_pixels
from wellbeing_app.charts.mood_calendar import height_for
from wellbeing_app.domain.catalogue import SCALE_LABELS
from wellbeing_app.domain.checkin import CheckIn
from wellbeing_app.domain.insights import Range, insights_for


def _grid(ax):  # type: ignore[no-untyped-def]
    (mesh,) = [c for c in ax.collections if isinstance(c, QuadMesh)]
    return np.ma.masked_invalid(np.asarray(mesh.get_array()))


def test_each_day_is_a_square_in_its_week_coloured_by_its_mood() -> None:
    checkins = [
        CheckIn(date=date(2026, 11, 2), mood=1),  # a Monday
        CheckIn(date=date(2026, 11, 3), mood=5),
        CheckIn(date=date(2026, 11, 3), mood=4),  # averages to 4.5, shown as 5
    ]
    year = insights_for(checkins, TODAY, Range.FOUR_WEEKS).year
    figure = new_figure()
    ax = figure.add_subplot()
    build_year_in_pixels(ax, year, LIGHT)
    figure.canvas.draw()

    grid = _grid(ax).reshape(7, -1)  # Monday to Sunday, a column a week
    first_monday = date(2026, 10, 19)  # the week the range (from 24 October) starts in
    week = (date(2026, 11, 2) - first_monday).days // 7
    assert grid[0, week] == 1 and grid[1, week] == 5
    assert grid[6, week - 1] == 0  # Sunday 1 November: shown, no check-in
    assert np.ma.is_masked(grid[5, week + 2])  # Saturday 21 November, tomorrow: blank
    assert np.ma.is_masked(grid[0, 0])  # Monday 19 October, before the range: blank
    assert labels(ax, "left") == ["Mon", "Wed", "Fri"]
    words = [*SCALE_LABELS["mood"], "No check-in"]
    below = labels(ax, "below")
    assert [label for label in below if label in words] == words


def test_years_get_a_band_each_and_the_figure_grows_with_them() -> None:
    insights = insights_for(LAYOUT_DATASETS["decade"], TODAY, Range.ALL)
    figure = new_figure()
    ax = figure.add_subplot()
    build_year_in_pixels(ax, insights.year, LIGHT)
    figure.canvas.draw()
    years = [str(y) for y in range(insights.year.first.year, TODAY.year + 1)]
    assert labels(ax, "left") == years
    assert _grid(ax).shape[0] == len(years) * 8 - 1  # seven days a band, a gap between

    one_year = insights_for(LAYOUT_DATASETS["decade"], TODAY, Range.TWELVE_MONTHS).year
    width = CHART_WIDTHS[1000] / 96
    assert height_for(insights.year, width) > 3 * height_for(one_year, width)
