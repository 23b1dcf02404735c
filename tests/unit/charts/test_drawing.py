"""What the charts share: a calm message for nothing to show, and clean redraws."""

from __future__ import annotations

import numpy as np

from tests.unit.charts.chart_support import (
    DATASETS,
    TODAY,
    new_figure,
)
from wellbeing_app.charts import (
    CHARTS,
    DARK,
    EMPTY_MESSAGE,
    LIGHT,
    build_scores,
    fresh_axes,
)
from wellbeing_app.domain.insights import Range, insights_for, score_trends
from wellbeing_app.domain.synthetic import synthetic_rota, synthetic_selfchecks


def test_an_empty_chart_is_a_calm_message_not_empty_axes() -> None:
    figure = new_figure()
    ax = figure.add_subplot()
    build_scores(ax, score_trends([], TODAY, Range.FOUR_WEEKS), LIGHT)
    figure.canvas.draw()
    assert [t.get_text() for t in ax.texts] == [EMPTY_MESSAGE]
    assert len(ax.lines) == 0 and len(ax.collections) == 0
    assert len(ax.get_xticks()) == 0 and len(ax.get_yticks()) == 0


def test_a_chart_drawn_again_on_its_figure_looks_as_if_drawn_afresh() -> None:
    # The Trends page empties a chart's axes and draws on it again (cheaper than new axes):
    # nothing of the earlier drawing (another range, theme or nothing at all) may show.
    year = insights_for(
        DATASETS["year"],
        TODAY,
        Range.TWELVE_MONTHS,
        rota=synthetic_rota(),
        selfchecks=synthetic_selfchecks(TODAY),
    )
    others = [
        (
            insights_for(
                DATASETS["year"],
                TODAY,
                Range.FOUR_WEEKS,
                rota=synthetic_rota(),
                selfchecks=synthetic_selfchecks(TODAY),
            ),
            DARK,
        ),
        (
            insights_for(
                [],
                TODAY,
                Range.FOUR_WEEKS,
                rota=synthetic_rota(),
                selfchecks=synthetic_selfchecks(TODAY),
            ),
            LIGHT,
        ),
        (
            insights_for(
                DATASETS["one"],
                TODAY,
                Range.ALL,
                rota=synthetic_rota(),
                selfchecks=synthetic_selfchecks(TODAY),
            ),
            LIGHT,
        ),
    ]
    for chart in CHARTS:
        fresh = new_figure()
        chart.draw(fresh_axes(fresh), year, LIGHT)
        fresh.canvas.draw()
        reused = new_figure()
        for insights, theme in others:
            chart.draw(fresh_axes(reused), insights, theme)
            reused.canvas.draw()
        chart.draw(fresh_axes(reused), year, LIGHT)
        reused.canvas.draw()
        assert np.array_equal(
            np.asarray(fresh.canvas.buffer_rgba()), np.asarray(reused.canvas.buffer_rgba())
        ), chart.key
