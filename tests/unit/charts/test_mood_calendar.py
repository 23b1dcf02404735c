"""The year-in-pixels chart: one mesh coloured by mood, with a legend in words."""

from __future__ import annotations

from datetime import date

import numpy as np
from matplotlib.collections import QuadMesh

from tests.unit.charts.chart_support import (
    TODAY,
    new_figure,
)
from wellbeing_app.charts import (
    LIGHT,
    build_year_in_pixels,
)
from wellbeing_app.domain.catalogue import SCALE_LABELS
from wellbeing_app.domain.checkin import CheckIn
from wellbeing_app.domain.insights import Range, insights_for


def test_year_in_pixels_is_one_mesh_coloured_by_mood() -> None:
    checkins = [
        CheckIn(date=date(2026, 11, 2), mood=1),
        CheckIn(date=date(2026, 11, 3), mood=5),
        CheckIn(date=date(2026, 11, 3), mood=4),  # averages to 4.5, shown as 5
    ]
    year = insights_for(checkins, TODAY, Range.FOUR_WEEKS).year
    figure = new_figure()
    ax = figure.add_subplot()
    build_year_in_pixels(ax, year, LIGHT)
    figure.canvas.draw()

    meshes = [c for c in ax.collections if isinstance(c, QuadMesh)]
    assert len(meshes) == 1
    grid = np.asarray(meshes[0].get_array()).reshape(len(year.months), 31)
    november = year.months.index(date(2026, 11, 1))
    assert grid[november, 1] == 1 and grid[november, 2] == 5
    assert grid[november, 20] == 0  # tomorrow: blank
    legend = ax.get_legend()
    assert legend is not None
    assert [t.get_text() for t in legend.get_texts()] == [*SCALE_LABELS["mood"], "No check-in"]
