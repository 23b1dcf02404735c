"""Every chart of the Trends page draws quietly in both themes, with its title and sentence."""

from __future__ import annotations

import math
import time

import pytest
from matplotlib.colors import to_hex

from tests.unit.charts.chart_support import (
    CHART_IDS,
    DATASETS,
    TODAY,
    draw_chart,
    texts_in,
)
from wellbeing_app.charts import (
    CHARTS,
    EMPTY_MESSAGE,
    LIGHT,
    THEMES,
    Chart,
    ChartTheme,
    sentence_for,
)
from wellbeing_app.charts.rota import around_nights_rows
from wellbeing_app.domain.insights import Range, insights_for
from wellbeing_app.domain.synthetic import (
    synthetic_checkins,
    synthetic_rota,
    synthetic_selfchecks,
)


@pytest.mark.parametrize("theme", THEMES, ids=lambda t: t.name)
@pytest.mark.parametrize("dataset", list(DATASETS))
@pytest.mark.parametrize("chart", CHARTS, ids=CHART_IDS)
def test_every_chart_draws_quietly(chart: Chart, dataset: str, theme: ChartTheme) -> None:
    # Warnings are errors (pyproject), so a tight_layout, font or NaN warning fails here.
    span = Range.FOUR_WEEKS if dataset == "one" else Range.TWELVE_MONTHS
    insights = insights_for(
        DATASETS[dataset],
        TODAY,
        span,
        rota=synthetic_rota(),
        selfchecks=synthetic_selfchecks(TODAY),
    )
    figure, _ax = draw_chart(chart, insights, theme)

    assert to_hex(figure.get_facecolor()) == theme.background.lower()
    texts = texts_in(figure)
    assert any(text.startswith(chart.title) for text in texts)
    expect_empty = dataset == "empty"
    if chart.key == "rota_hours":
        expect_empty = False  # the rota has hours, with or without check-ins
    elif chart.key == "selfchecks":
        assert insights.selfchecks is not None
        expect_empty = insights.selfchecks.is_empty  # the self-checks, whatever the check-ins
    elif chart.key == "rota_nights":
        assert insights.pattern is not None
        expect_empty = not around_nights_rows(insights.pattern.nights, insights.pattern.positions)
    if expect_empty:
        assert EMPTY_MESSAGE in texts
    else:
        assert EMPTY_MESSAGE not in texts
    assert sentence_for(chart, insights).endswith(".")


def test_all_charts_for_twelve_months_build_and_draw_well_within_budget() -> None:
    # DESIGN.md: all trend charts for 12 months within 500 ms (the benchmark checks that);
    # this only catches a builder gone badly slow, with room for a busy test machine.
    insights = insights_for(
        synthetic_checkins(365, end=TODAY),
        TODAY,
        Range.TWELVE_MONTHS,
        rota=synthetic_rota(),
        selfchecks=synthetic_selfchecks(TODAY),
    )
    draw_chart(CHARTS[0], insights, LIGHT)  # warm font and text caches once
    best = math.inf
    for _ in range(2):
        start = time.perf_counter()
        for chart in CHARTS:
            draw_chart(chart, insights, LIGHT)
        best = min(best, time.perf_counter() - start)
    assert best < 3.0
