"""What the charts share: an insight with nothing to show is a calm message, not empty axes."""

from __future__ import annotations

from tests.unit.charts.chart_support import (
    TODAY,
    new_figure,
)
from wellbeing_app.charts import (
    EMPTY_MESSAGE,
    LIGHT,
    build_scores,
)
from wellbeing_app.domain.insights import Range, score_trends


def test_an_empty_chart_is_a_calm_message_not_empty_axes() -> None:
    figure = new_figure()
    ax = figure.add_subplot()
    build_scores(ax, score_trends([], TODAY, Range.FOUR_WEEKS), LIGHT)
    figure.canvas.draw()
    assert [t.get_text() for t in ax.texts] == [EMPTY_MESSAGE]
    assert len(ax.lines) == 0 and len(ax.collections) == 0
    assert ax.get_xticks().size == 0 and ax.get_yticks().size == 0
