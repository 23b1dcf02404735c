"""The by-shift-type chart: a shift type with few check-ins is faint and says how many so far."""

from __future__ import annotations

from datetime import timedelta

from tests.unit.charts.chart_support import TODAY, labels, new_figure
from wellbeing_app.charts import LIGHT, build_shifts
from wellbeing_app.domain.catalogue import SCALE_LABELS, ShiftType
from wellbeing_app.domain.insights import MIN_PER_SHIFT, ShiftComparison, ShiftGroup


def test_few_checkins_are_drawn_faint_and_say_how_many_so_far() -> None:
    comparison = ShiftComparison(
        TODAY - timedelta(days=27),
        TODAY,
        (
            ShiftGroup(ShiftType.EARLY, 3.5, MIN_PER_SHIFT + 1, 7.0, MIN_PER_SHIFT),
            ShiftGroup(ShiftType.NIGHT, 2.0, 1, 5.5, MIN_PER_SHIFT - 1),
        ),
        "Not enough check-ins yet to compare shifts.",
        False,
    )
    figure = new_figure()
    ax = figure.add_subplot()
    build_shifts(ax, comparison, LIGHT)
    figure.canvas.draw()

    sleep_ax, mood_ax = figure.axes
    assert sleep_ax is ax and mood_ax.get_position().x0 > sleep_ax.get_position().x1
    assert labels(sleep_ax, "inside") == ["7.0 h", f"5.5 h, {MIN_PER_SHIFT - 1} so far"]
    assert labels(mood_ax, "inside") == ["3.5", "2.0, 1 so far"]
    assert [bar.get_alpha() for bar in sleep_ax.patches] == [1.0, 0.4]
    # The first shift type in catalogue order is the top row.
    assert labels(sleep_ax, "left") == ["Early", "Night"]
    words = SCALE_LABELS["mood"]
    assert labels(mood_ax, "below") == [words[0], words[2], words[4]]
