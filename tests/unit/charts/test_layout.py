"""Every chart reads well at every size: no text on top of other text, none cut off.

Each chart is drawn as the Trends page draws it (its width from the page at
window widths 800, 1000 and 1280, its height from the chart), for every
range, in both themes, on nothing, one check-in, the demo's data and ten
years of it. Then every text that was drawn is checked against every other
and against the edges of the figure.
"""

from __future__ import annotations

import pytest

from tests.unit.charts.chart_support import (
    CHART_WIDTHS,
    LAYOUT_DATASETS,
    TODAY,
    draw_at,
    text_problems,
)
from wellbeing_app.charts import CHARTS, THEMES
from wellbeing_app.domain.insights import Range, insights_for
from wellbeing_app.domain.synthetic import synthetic_rota, synthetic_selfchecks

CASES = [
    (dataset, span)
    for dataset in LAYOUT_DATASETS
    for span in Range
    if dataset not in ("empty", "one") or span in (Range.FOUR_WEEKS, Range.ALL)
]


@pytest.mark.slow
@pytest.mark.parametrize("window_width", list(CHART_WIDTHS))
@pytest.mark.parametrize(("dataset", "span"), CASES, ids=[f"{d}-{s.value}" for d, s in CASES])
def test_no_text_overlaps_other_text_or_leaves_the_figure(
    dataset: str, span: Range, window_width: int
) -> None:
    insights = insights_for(
        LAYOUT_DATASETS[dataset],
        TODAY,
        span,
        rota=synthetic_rota(),
        selfchecks=synthetic_selfchecks(TODAY),
    )
    width = CHART_WIDTHS[window_width]
    found = []
    for theme in THEMES:
        for chart in CHARTS:
            figure = draw_at(chart, insights, theme, width)
            found += [f"{chart.key} ({theme.name}): {p}" for p in text_problems(figure)]
    assert found == []


def test_the_check_finds_overlapping_and_clipped_text() -> None:
    insights = insights_for(
        LAYOUT_DATASETS["demo"],
        TODAY,
        Range.TWELVE_MONTHS,
        rota=synthetic_rota(),
        selfchecks=synthetic_selfchecks(TODAY),
    )
    figure = draw_at(CHARTS[0], insights, THEMES[0], CHART_WIDTHS[800])
    ax = figure.axes[0]
    ax.text(0.5, 0.5, "first", transform=ax.transAxes)
    ax.text(0.5, 0.5, "second", transform=ax.transAxes)
    ax.text(1.5, 0.5, "beyond the edge", transform=ax.transAxes)
    found = text_problems(figure)
    assert "overlap: 'first' and 'second'" in found
    assert any(p.startswith("outside the figure: 'beyond the edge'") for p in found)
