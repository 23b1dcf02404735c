"""The true-picture chart: activities most frequent first, a total for each, numbers while small."""

from __future__ import annotations

from datetime import date

from tests.unit.charts.chart_support import DATASETS, TODAY, new_figure
from wellbeing_app.charts import LIGHT, build_true_picture
from wellbeing_app.charts.activities import MAX_NUMBERED_CELLS
from wellbeing_app.domain.catalogue import ACTIVITIES
from wellbeing_app.domain.checkin import CheckIn
from wellbeing_app.domain.insights import Range, true_picture


def test_rows_are_activities_with_totals_and_small_grids_carry_their_numbers() -> None:
    checkins = [
        CheckIn(date=date(2026, 10, 30), mood=3, activities=("welfare_check", "training")),
        CheckIn(date=date(2026, 11, 2), mood=3, activities=("welfare_check",)),
        CheckIn(date=date(2026, 11, 3), mood=3, activities=("welfare_check",)),
    ]
    picture = true_picture(checkins, TODAY, Range.FOUR_WEEKS)
    figure = new_figure()
    ax = figure.add_subplot()
    build_true_picture(ax, picture, LIGHT)
    figure.canvas.draw()

    rows = [t.get_text() for t in ax.get_yticklabels()]
    assert rows == [ACTIVITIES["welfare_check"], ACTIVITIES["training"]]
    assert [t.get_text() for t in ax.get_xticklabels()][-1] == "Total"
    totals = [t.get_text() for t in ax.texts[: len(rows)]]
    assert totals == ["3", "1"]
    assert sorted(t.get_text() for t in ax.texts[len(rows) :]) == ["1", "1", "2"]


def test_a_large_grid_shows_totals_only() -> None:
    picture = true_picture(DATASETS["year"], TODAY, Range.TWELVE_MONTHS)
    assert len(picture.codes) * len(picture.months) > MAX_NUMBERED_CELLS
    figure = new_figure()
    ax = figure.add_subplot()
    build_true_picture(ax, picture, LIGHT)
    figure.canvas.draw()
    assert [t.get_text() for t in ax.texts] == [str(total) for total in picture.totals]
