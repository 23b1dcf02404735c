"""The sleep-and-mood chart: a dot per combination, the middle value marked, an average line."""

from __future__ import annotations

from datetime import timedelta

from matplotlib.collections import PathCollection

from tests.unit.charts.chart_support import TODAY, labels, new_figure
from wellbeing_app.charts import LIGHT, build_sleep_and_mood
from wellbeing_app.domain.catalogue import SCALE_LABELS
from wellbeing_app.domain.checkin import CheckIn
from wellbeing_app.domain.insights import MIN_PER_SLEEP_GROUP, Range, sleep_and_mood


def _checkins(sleeps_moods: list[tuple[float, int]]) -> list[CheckIn]:
    return [
        CheckIn(date=TODAY - timedelta(days=d), mood=mood, sleep_hours=sleep)
        for d, (sleep, mood) in enumerate(sleeps_moods)
    ]


def test_dots_grow_with_repeats_and_the_middle_value_is_marked() -> None:
    pairs = [(6.0, 2), (6.0, 2), (6.0, 3), (8.0, 4), (8.0, 4), (8.0, 5), (7.0, 3)]
    assert pairs.count((6.0, 2)) < MIN_PER_SLEEP_GROUP <= len([p for p in pairs if p[0] == 6.0])
    figure = new_figure()
    ax = figure.add_subplot()
    build_sleep_and_mood(ax, sleep_and_mood(_checkins(pairs), TODAY, Range.FOUR_WEEKS), LIGHT)
    figure.canvas.draw()

    (dots,) = [c for c in ax.collections if isinstance(c, PathCollection)]
    assert len(dots.get_offsets()) == len(set(pairs))
    sizes = dict(zip(map(tuple, dots.get_offsets().tolist()), dots.get_sizes(), strict=True))
    assert sizes[(6.0, 2.0)] > sizes[(6.0, 3.0)]
    assert labels(ax, "inside") == ["Average"]
    assert "dashed line: middle value 7.0 h" in labels(ax, "above")
    assert labels(ax, "left") == list(reversed(SCALE_LABELS["mood"]))


def test_no_average_line_until_two_hours_of_sleep_have_enough_checkins() -> None:
    pairs = [(6.0, 2), (6.0, 3), (8.0, 4), (8.0, 5)]
    figure = new_figure()
    ax = figure.add_subplot()
    build_sleep_and_mood(ax, sleep_and_mood(_checkins(pairs), TODAY, Range.FOUR_WEEKS), LIGHT)
    figure.canvas.draw()
    assert "Average" not in labels(ax, "inside")
