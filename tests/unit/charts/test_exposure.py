"""The exposure chart: a tick under each tagged day, and the latest count at the line's end."""

from __future__ import annotations

from datetime import timedelta

import numpy as np
from matplotlib.dates import date2num

from tests.unit.charts.chart_support import TODAY, labels, new_figure
from wellbeing_app.charts import LIGHT, build_exposure
from wellbeing_app.domain.checkin import CheckIn
from wellbeing_app.domain.insights import EXPOSURE_WINDOW_DAYS, Range, exposure_load


def test_each_tagged_day_gets_a_tick_and_the_latest_count_is_written() -> None:
    checkins = [
        CheckIn(date=TODAY - timedelta(days=12), mood=3, exposures=("sudden_death",)),
        CheckIn(
            date=TODAY - timedelta(days=4), mood=3, exposures=("sudden_death", "threat_to_life")
        ),
        CheckIn(date=TODAY, mood=3),
    ]
    load = exposure_load(checkins, TODAY, Range.FOUR_WEEKS)
    figure = new_figure()
    ax = figure.add_subplot()
    build_exposure(ax, load, LIGHT)
    figure.canvas.draw()

    (ticks,) = [line for line in ax.lines if line.get_marker() == "|"]
    tagged = np.asarray(date2num([TODAY - timedelta(days=12), TODAY - timedelta(days=4)]))
    assert np.array_equal(np.asarray(ticks.get_xdata(), dtype=float), tagged)
    assert labels(ax, "right") == ["3"]
    assert ax.get_ylabel() == f"Tagged in {EXPOSURE_WINDOW_DAYS} days"
