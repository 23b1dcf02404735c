"""Text in the charts: long labels wrap at spaces, and are shortened only when they must be."""

from __future__ import annotations

from tests.unit.charts.chart_support import new_figure
from wellbeing_app.charts.labels import ELLIPSIS, fit_text, text_px


def test_long_labels_wrap_at_spaces_and_are_shortened_only_when_they_must_be() -> None:
    ax = new_figure().add_subplot()
    text = "Hospital wait with a detained person"
    assert fit_text(ax, text, 10.5, 1000) == text
    wrapped = fit_text(ax, text, 10.5, 180)
    assert "\n" in wrapped and wrapped.replace("\n", " ") == text
    assert all(text_px(ax, line, 10.5)[0] <= 180 for line in wrapped.split("\n"))
    short = fit_text(ax, text, 10.5, 90, lines=1)
    assert short.endswith(ELLIPSIS) and text_px(ax, short, 10.5)[0] <= 90
    assert text_px(ax, "Very good", 10.5, bold=True)[0] > text_px(ax, "Very good", 10.5)[0]
