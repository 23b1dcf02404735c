"""Dates along an axis: weeks, then the 1st and 15th, then months and years, never crowded."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.unit.charts.chart_support import TODAY, labels, new_figure
from wellbeing_app.charts import LIGHT
from wellbeing_app.charts.date_ticks import date_axis, day_numbers


def _labels_for(days: int, plot_px: float) -> list[str]:
    """The date labels for the ``days`` up to TODAY (20 November 2026), ``plot_px`` wide."""
    shown = [TODAY - timedelta(days=n) for n in range(days - 1, -1, -1)]
    figure = new_figure()
    ax = figure.add_subplot()
    date_axis(ax, shown, day_numbers(shown), plot_px, LIGHT)
    figure.canvas.draw()
    return labels(ax, "below")


@pytest.mark.parametrize(
    ("days", "plot_px", "expected"),
    [
        (28, 600, ["26 Oct", "2 Nov", "9 Nov", "16 Nov"]),  # Mondays
        (92, 600, ["1 Sep", "15 Sep", "1 Oct", "15 Oct", "1 Nov", "15 Nov"]),
        (365, 1200, ["Dec 2025", "Jan 2026", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug"]),
        (3650, 600, ["2017", "2018", "2019", "2020", "2021", "2022", "2023", "2024", "2025"]),
    ],
)
def test_dates_are_labelled_as_finely_as_the_room_allows(
    days: int, plot_px: float, expected: list[str]
) -> None:
    assert _labels_for(days, plot_px)[: len(expected)] == expected


def test_less_room_means_fewer_labels_and_never_none() -> None:
    roomy, cramped = _labels_for(365, 1200), _labels_for(365, 300)
    assert 0 < len(cramped) < len(roomy)
    assert _labels_for(1, 100) == [f"{TODAY.day} Nov"]
