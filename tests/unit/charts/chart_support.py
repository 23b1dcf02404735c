"""Figures, drawing and data shared by the chart tests."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any
from unittest.mock import patch

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.markers import TICKDOWN
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from wellbeing_app.charts import CHARTS, Chart, ChartTheme
from wellbeing_app.domain.catalogue import ShiftType
from wellbeing_app.domain.checkin import CheckIn
from wellbeing_app.domain.insights import Insights
from wellbeing_app.domain.synthetic import synthetic_checkins
from wellbeing_app.services.demo import DEMO_DAYS

TODAY = date(2026, 11, 20)

CHART_IDS = [chart.key for chart in CHARTS]

SCREEN_DPI = 96
CHART_WIDTHS = {800: 564, 1000: 764, 1280: 748}
"""The width in pixels the Trends page gives each chart, by window width (tests/ui checks)."""


def new_figure() -> Figure:
    """A small figure on the Agg canvas, laid out the way the Trends page lays out its own."""
    figure = Figure(figsize=(8, 4), dpi=80, layout="constrained")
    FigureCanvasAgg(figure)
    return figure


def draw_chart(chart: Chart, insights: Insights, theme: ChartTheme) -> tuple[Figure, Axes]:
    """``chart`` drawn for ``insights`` on a new figure, and rendered."""
    figure = new_figure()
    ax = figure.add_subplot()
    chart.draw(ax, insights, theme)
    figure.canvas.draw()
    return figure, ax


def draw_at(chart: Chart, insights: Insights, theme: ChartTheme, width_px: int) -> Figure:
    """``chart`` drawn as the Trends page draws it for a chart ``width_px`` wide."""
    width = width_px / SCREEN_DPI
    figure = Figure(
        figsize=(width, chart.height_for(insights, width)), dpi=SCREEN_DPI, layout="constrained"
    )
    FigureCanvasAgg(figure)
    chart.draw(figure.add_subplot(), insights, theme)
    return figure


def texts_in(figure: Figure) -> list[str]:
    """Every piece of text in ``figure``: titles, labels, ticks and annotations."""
    return [t.get_text() for t in figure.findobj(lambda a: hasattr(a, "get_text"))]


@contextmanager
def texts_drawn() -> Iterator[list[tuple[Text, Bbox]]]:
    """Every text that is drawn while inside, with where it was drawn (window pixels)."""
    drawn: list[tuple[Text, Bbox]] = []
    draw = Text.draw

    def recording(text: Text, renderer: Any) -> None:
        draw(text, renderer)
        if text.get_visible() and text.get_text().strip():
            drawn.append((text, text.get_window_extent(renderer)))

    with patch.object(Text, "draw", recording):
        yield drawn


def text_problems(figure: Figure, slack: float = 0.5) -> list[str]:
    """Render ``figure``; every drawn text that overlaps another or reaches outside the figure.

    ``slack`` pixels of rounding are allowed on each side.
    """
    with texts_drawn() as drawn:
        figure.canvas.draw()
    width, height = figure.bbox.width, figure.bbox.height
    found = [
        f"outside the figure: {text.get_text()!r} at {box.bounds}"
        for text, box in drawn
        if box.x0 < -slack or box.y0 < -slack or box.x1 > width + slack or box.y1 > height + slack
    ]
    for (one, a), (other, b) in itertools.combinations(drawn, 2):
        if (
            a.x0 < b.x1 - slack
            and b.x0 < a.x1 - slack
            and a.y0 < b.y1 - slack
            and b.y0 < a.y1 - slack
        ):
            found.append(f"overlap: {one.get_text()!r} and {other.get_text()!r}")
    return found


def labels(ax: Axes, side: str) -> list[str]:
    """The texts of ``ax`` that lie ``"left"`` of, ``"right"`` of, ``"below"`` or ``"inside"``
    its plot, as a reader meets them (top to bottom; below: line by line, left to right)."""
    figure = ax.get_figure()
    assert isinstance(figure, Figure)
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    box = ax.get_window_extent(renderer)
    found: list[tuple[float, float, str]] = []  # (level, across, text)
    for text in ax.texts:
        if not text.get_visible() or not text.get_text():
            continue
        extent = text.get_window_extent(renderer)
        where = (
            "below"
            if extent.y1 <= box.y0 + 1
            else "above"
            if extent.y0 >= box.y1 - 1
            else "left"
            if extent.x1 <= box.x0 + 1
            else "right"
            if extent.x0 >= box.x1 - 1
            else "inside"
        )
        if where == side:
            # Labels in a line share their top (below the plot) or their middle (beside it).
            level = extent.y1 if side == "below" else (extent.y0 + extent.y1) / 2
            found.append((level, extent.x0, text.get_text()))
    lines: list[list[tuple[float, float, str]]] = []
    for item in sorted(found, key=lambda item: -item[0]):
        if lines and lines[-1][0][0] - item[0] < 3:  # within a few pixels: the same line
            lines[-1].append(item)
        else:
            lines.append([item])
    across = side in ("below", "above")
    return [
        text
        for line in lines
        for _level, _x, text in (sorted(line, key=lambda item: item[1]) if across else line)
    ]


def series_lines(ax: Axes) -> list[Any]:
    """The lines that draw data (not the tick marks under a date axis)."""
    return [line for line in ax.lines if line.get_marker() != TICKDOWN]


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

LAYOUT_DATASETS = {
    "empty": [],
    "one": _one_checkin(),
    "demo": synthetic_checkins(DEMO_DAYS, end=TODAY, seed=2026),  # what the demo shows
    "decade": synthetic_checkins(3650, end=TODAY),  # what the benchmark opens
}
"""Data for the layout test: none, a single check-in, the demo's nine months, ten years."""
