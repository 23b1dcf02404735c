"""Chart builders: draw headless under Agg, quietly, in both themes, without pyplot, fast."""

from __future__ import annotations

import math
import os
import re
import subprocess
import sys
import textwrap
import time
from datetime import date, timedelta

import numpy as np
import pytest
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import QuadMesh
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

from tests.support import REPO_ROOT
from wellbeing_app.charts import (
    CHARTS,
    DARK,
    EMPTY_MESSAGE,
    LIGHT,
    OKABE_ITO,
    THEMES,
    Chart,
    ChartTheme,
    build_scores,
    build_year_in_pixels,
    sentence_for,
)
from wellbeing_app.domain.catalogue import SCALE_LABELS, ShiftType
from wellbeing_app.domain.checkin import CheckIn
from wellbeing_app.domain.insights import Insights, Range, insights_for, score_trends
from wellbeing_app.domain.synthetic import synthetic_checkins

TODAY = date(2026, 11, 20)
CHART_IDS = [chart.key for chart in CHARTS]


def _figure() -> Figure:
    figure = Figure(figsize=(8, 4), dpi=80, layout="constrained")
    FigureCanvasAgg(figure)
    return figure


def _draw(chart: Chart, insights: Insights, theme: ChartTheme) -> tuple[Figure, Axes]:
    figure = _figure()
    ax = figure.add_subplot()
    chart.draw(ax, insights, theme)
    figure.canvas.draw()
    return figure, ax


def _texts(figure: Figure) -> list[str]:
    return [t.get_text() for t in figure.findobj(lambda a: hasattr(a, "get_text"))]


def _one_checkin() -> list[CheckIn]:
    return [
        CheckIn(
            date=TODAY,
            mood=4,
            shift_type=ShiftType.EARLY,
            stress=2,
            energy=3,
            sleep_hours=6.5,
            sleep_quality=3,
            exposures=("sudden_death",),
            activities=("welfare_check",),
        )
    ]


DATASETS = {
    "empty": [],
    "one": _one_checkin(),
    "year": synthetic_checkins(400, end=TODAY),
}


@pytest.mark.parametrize("theme", THEMES, ids=lambda t: t.name)
@pytest.mark.parametrize("dataset", list(DATASETS))
@pytest.mark.parametrize("chart", CHARTS, ids=CHART_IDS)
def test_every_chart_draws_quietly(chart: Chart, dataset: str, theme: ChartTheme) -> None:
    # Warnings are errors (pyproject), so a tight_layout, font or NaN warning fails here.
    span = Range.FOUR_WEEKS if dataset == "one" else Range.TWELVE_MONTHS
    insights = insights_for(DATASETS[dataset], TODAY, span)
    figure, _ax = _draw(chart, insights, theme)

    assert to_hex(figure.get_facecolor()) == theme.background.lower()
    texts = _texts(figure)
    assert chart.title in texts
    if dataset == "empty":
        assert EMPTY_MESSAGE in texts
    else:
        assert EMPTY_MESSAGE not in texts
    assert sentence_for(chart, insights).endswith(".")


def test_an_empty_chart_is_a_calm_message_not_empty_axes() -> None:
    figure = _figure()
    ax = figure.add_subplot()
    build_scores(ax, score_trends([], TODAY, Range.FOUR_WEEKS), LIGHT)
    figure.canvas.draw()
    assert [t.get_text() for t in ax.texts] == [EMPTY_MESSAGE]
    assert len(ax.lines) == 0 and len(ax.collections) == 0
    assert ax.get_xticks().size == 0 and ax.get_yticks().size == 0


def test_one_line_per_series_and_gaps_drawn_as_gaps() -> None:
    start = TODAY - timedelta(days=20)
    days = [start + timedelta(days=n) for n in range(21) if not 8 <= n <= 14]  # a week off
    checkins = [CheckIn(date=d, mood=3, stress=2, energy=4) for d in days]
    figure = _figure()
    ax = figure.add_subplot()
    build_scores(ax, score_trends(checkins, TODAY, Range.FOUR_WEEKS), LIGHT)
    figure.canvas.draw()

    # Mood, stress and energy: a faint daily line and a bold average each, nothing per point.
    assert len(ax.lines) == 6
    mood_daily = np.asarray(ax.lines[0].get_ydata(), dtype=float)
    assert mood_daily.size == 28
    gap = mood_daily[7 + 8 : 7 + 15]  # the range starts 27 days ago; the week off is NaN
    assert np.isnan(gap).all()
    assert np.isfinite(mood_daily[7 + 7]) and np.isfinite(mood_daily[7 + 15])
    mood_average = np.asarray(ax.lines[1].get_ydata(), dtype=float)
    assert np.isnan(mood_average[7 + 12])  # no average invented across the gap


def test_long_ranges_draw_averages_only_still_one_line_per_series() -> None:
    insights = insights_for(DATASETS["year"], TODAY, Range.TWELVE_MONTHS)
    figure = _figure()
    ax = figure.add_subplot()
    build_scores(ax, insights.scores, DARK)
    figure.canvas.draw()
    assert len(ax.lines) == 3
    assert all(len(line.get_xdata()) == 365 for line in ax.lines)


def test_lines_are_named_at_their_ends_and_scores_in_words() -> None:
    insights = insights_for(DATASETS["year"], TODAY, Range.THREE_MONTHS)
    figure = _figure()
    ax = figure.add_subplot()
    build_scores(ax, insights.scores, LIGHT)
    figure.canvas.draw()
    assert {t.get_text() for t in ax.texts} == {"Mood", "Stress", "Energy"}
    assert [t.get_text() for t in ax.get_yticklabels()] == list(SCALE_LABELS["stress"])
    assert not ax.get_legend()


def test_year_in_pixels_is_one_mesh_coloured_by_mood() -> None:
    checkins = [
        CheckIn(date=date(2026, 11, 2), mood=1),
        CheckIn(date=date(2026, 11, 3), mood=5),
        CheckIn(date=date(2026, 11, 3), mood=4),  # averages to 4.5, shown as 5
    ]
    year = insights_for(checkins, TODAY, Range.FOUR_WEEKS).year
    figure = _figure()
    ax = figure.add_subplot()
    build_year_in_pixels(ax, year, LIGHT)
    figure.canvas.draw()

    meshes = [c for c in ax.collections if isinstance(c, QuadMesh)]
    assert len(meshes) == 1
    grid = np.asarray(meshes[0].get_array()).reshape(len(year.months), 31)
    november = year.months.index(date(2026, 11, 1))
    assert grid[november, 1] == 1 and grid[november, 2] == 5
    assert grid[november, 20] == 0  # tomorrow: blank
    legend = ax.get_legend()
    assert legend is not None
    assert [t.get_text() for t in legend.get_texts()] == [*SCALE_LABELS["mood"], "No check-in"]


def test_themes_use_okabe_ito_series_colours_with_enough_contrast() -> None:
    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    def contrast(a: str, b: str) -> float:
        high, low = sorted((luminance(a), luminance(b)), reverse=True)
        return (high + 0.05) / (low + 0.05)

    palette = set(OKABE_ITO.values())
    for theme in THEMES:
        series = (theme.mood, theme.stress, theme.energy, theme.sleep, theme.quality)
        assert set(series) <= palette
        assert len({theme.mood, theme.stress, theme.energy}) == 3
        assert theme.sleep != theme.quality
        for colour in (*series, theme.exposure, theme.activity):
            assert contrast(colour, theme.background) >= 3.0, (theme.name, colour)
        assert contrast(theme.text, theme.background) >= 7.0
        assert theme.font_size >= 10


def test_all_charts_for_twelve_months_build_and_draw_well_within_budget() -> None:
    # DESIGN.md: all trend charts for 12 months within 500 ms (the benchmark checks that);
    # this only catches a builder gone badly slow, with room for a busy test machine.
    insights = insights_for(synthetic_checkins(365, end=TODAY), TODAY, Range.TWELVE_MONTHS)
    _draw(CHARTS[0], insights, LIGHT)  # warm font and text caches once
    best = math.inf
    for _ in range(2):
        start = time.perf_counter()
        for chart in CHARTS:
            _draw(chart, insights, LIGHT)
        best = min(best, time.perf_counter() - start)
    assert best < 3.0


_NO_PYPLOT = textwrap.dedent(
    """
    import sys
    from datetime import date
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    import wellbeing_app.charts as charts
    from wellbeing_app.domain.insights import Range, insights_for
    from wellbeing_app.domain.synthetic import synthetic_checkins

    today = date(2026, 11, 20)
    insights = insights_for(synthetic_checkins(60, end=today), today, Range.THREE_MONTHS)
    for theme in charts.THEMES:
        for chart in charts.CHARTS:
            figure = Figure(layout="constrained")
            FigureCanvasAgg(figure)
            chart.draw(figure.add_subplot(), insights, theme)
            figure.canvas.draw()
    assert "matplotlib.pyplot" not in sys.modules, "pyplot was imported"
    print("ok")
    """
)


def test_charts_never_import_pyplot() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _NO_PYPLOT],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        timeout=120,
        env={**os.environ, "MPLBACKEND": "Agg"},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


_IMPORTS_MATPLOTLIB = re.compile(r"^\s*(import|from)\s+matplotlib\b", re.MULTILINE)
_IMPORTS_PYPLOT = re.compile(
    r"^\s*(import\s+matplotlib\.pyplot|from\s+matplotlib(\.pyplot)?\s+import\s+.*pyplot)",
    re.MULTILINE,
)


def test_only_the_charts_package_and_the_ui_import_matplotlib_and_nothing_imports_pyplot() -> None:
    package = REPO_ROOT / "wellbeing_app"
    allowed = {package / "charts", package / "ui"}  # the UI hosts the Qt canvas
    sources = {path: path.read_text(encoding="utf-8") for path in package.rglob("*.py")}
    outside = [
        str(path.relative_to(REPO_ROOT))
        for path, text in sources.items()
        if not any(folder in path.parents for folder in allowed)
        and _IMPORTS_MATPLOTLIB.search(text)
    ]
    assert outside == []
    pyplot = [
        str(p.relative_to(REPO_ROOT)) for p, text in sources.items() if _IMPORTS_PYPLOT.search(text)
    ]
    assert pyplot == []
    assert _IMPORTS_PYPLOT.search("from matplotlib import pyplot as plt")
    assert _IMPORTS_PYPLOT.search("import matplotlib.pyplot as plt")
    assert _IMPORTS_MATPLOTLIB.search(sources[package / "charts" / "builders.py"])
