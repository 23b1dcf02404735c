"""The true-picture chart: activities most frequent first, a total for each, numbers while small."""

from __future__ import annotations

from datetime import date

from tests.unit.charts.chart_support import (
    CHART_WIDTHS,
    DATASETS,
    LAYOUT_DATASETS,
    TODAY,
    labels,
    new_figure,
)
from wellbeing_app.charts import LIGHT, build_true_picture
from wellbeing_app.charts.activities import MAX_NUMBERED_CELLS, height_for
from wellbeing_app.domain.catalogue import ACTIVITIES
from wellbeing_app.domain.checkin import CheckIn
from wellbeing_app.domain.insights import Range, true_picture


def _inside(ax, *, bold: bool) -> list[str]:  # type: ignore[no-untyped-def]
    weight = "bold" if bold else "normal"
    shown = set(labels(ax, "inside"))
    return [
        t.get_text() for t in ax.texts if t.get_fontweight() == weight and t.get_text() in shown
    ]


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

    assert labels(ax, "left") == [ACTIVITIES["welfare_check"], ACTIVITIES["training"]]
    assert labels(ax, "below") == ["Oct\n2026", "Nov", "Total"]
    assert _inside(ax, bold=True) == ["3", "1"]
    assert sorted(_inside(ax, bold=False)) == ["1", "1", "2"]


def test_a_large_grid_shows_totals_only() -> None:
    picture = true_picture(DATASETS["year"], TODAY, Range.TWELVE_MONTHS)
    assert len(picture.codes) * len(picture.months) > MAX_NUMBERED_CELLS
    figure = new_figure()
    ax = figure.add_subplot()
    build_true_picture(ax, picture, LIGHT)
    figure.canvas.draw()
    assert _inside(ax, bold=True) == [str(total) for total in picture.totals]
    assert _inside(ax, bold=False) == []


def test_years_of_check_ins_are_counted_by_year_and_the_figure_grows_with_the_rows() -> None:
    picture = true_picture(LAYOUT_DATASETS["decade"], TODAY, Range.ALL)
    figure = new_figure()
    ax = figure.add_subplot()
    build_true_picture(ax, picture, LIGHT)
    figure.canvas.draw()
    assert figure.texts[0].get_text() == "What your shifts involved, each year"
    years = [label for label in labels(ax, "below") if label != "Total"]
    assert years[0] == str(picture.months[0].year) and years[-1] == str(TODAY.year)

    few = true_picture(DATASETS["one"], TODAY, Range.FOUR_WEEKS)
    width = CHART_WIDTHS[1000] / 96
    assert height_for(picture, width) > height_for(few, width)
