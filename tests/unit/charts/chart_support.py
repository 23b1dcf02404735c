"""Figures, drawing and data shared by the chart tests."""

from __future__ import annotations

from datetime import date

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from wellbeing_app.charts import CHARTS, Chart, ChartTheme
from wellbeing_app.domain.catalogue import ShiftType
from wellbeing_app.domain.checkin import CheckIn
from wellbeing_app.domain.insights import Insights
from wellbeing_app.domain.synthetic import synthetic_checkins

TODAY = date(2026, 11, 20)

CHART_IDS = [chart.key for chart in CHARTS]


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


def texts_in(figure: Figure) -> list[str]:
    """Every piece of text in ``figure``: titles, labels, ticks and annotations."""
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
