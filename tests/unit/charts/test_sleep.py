"""The sleep chart: hours above, sleep quality in words below, each line named at its end."""

from __future__ import annotations

from datetime import timedelta

from tests.unit.charts.chart_support import TODAY, labels, new_figure
from wellbeing_app.charts import LIGHT, build_sleep
from wellbeing_app.domain.catalogue import SCALE_LABELS
from wellbeing_app.domain.checkin import CheckIn
from wellbeing_app.domain.insights import Range, sleep_trends


def test_hours_and_quality_get_a_panel_each_and_quality_reads_in_words() -> None:
    checkins = [
        CheckIn(date=TODAY - timedelta(days=d), mood=3, sleep_hours=6.0, sleep_quality=2)
        for d in range(5)
    ]
    figure = new_figure()
    ax = figure.add_subplot()
    build_sleep(ax, sleep_trends(checkins, TODAY, Range.FOUR_WEEKS), LIGHT)
    figure.canvas.draw()

    hours_ax, quality_ax = figure.axes
    assert hours_ax is ax and hours_ax.get_ylabel() == "Hours"
    assert quality_ax.get_position().y1 < hours_ax.get_position().y0  # quality below hours
    assert labels(hours_ax, "right") == ["6.0 h"]
    words = SCALE_LABELS["sleep_quality"]
    assert labels(quality_ax, "left") == [words[4], words[2], words[0]]
    assert labels(quality_ax, "right") == ["Quality"]
    assert labels(hours_ax, "below") == []  # the dates are written once, under quality
    assert labels(quality_ax, "below")
