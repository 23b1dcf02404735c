"""Trend charts: pure builders ``(Axes, insight, theme) -> None`` for the Trends page.

One module per chart (``scores``, ``sleep``, ``shifts``, ``sleep_mood``,
``exposure``, ``mood_calendar`` for the year in pixels, ``activities`` for
the true picture), mirroring ``wellbeing_app.domain.insights``; ``drawing``
holds what they share, ``labels`` their text (measured, fitted, placed),
``date_ticks`` their dates, ``registry`` lists them in page order with the
height each wants, and ``palette`` the colours.

Only this package imports matplotlib, and only its object-oriented API
(``Figure``/``Axes``): never pyplot. Importing it loads matplotlib, so the UI
imports it lazily, on first use of Trends.
"""

from __future__ import annotations

from wellbeing_app.charts.activities import build_true_picture
from wellbeing_app.charts.drawing import EMPTY_MESSAGE, draw_empty, fresh_axes
from wellbeing_app.charts.exposure import build_exposure
from wellbeing_app.charts.mood_calendar import build_year_in_pixels
from wellbeing_app.charts.palette import DARK, LIGHT, OKABE_ITO, THEMES, ChartTheme
from wellbeing_app.charts.registry import CHARTS, TITLES, Chart, sentence_for
from wellbeing_app.charts.scores import build_scores
from wellbeing_app.charts.shifts import build_shifts
from wellbeing_app.charts.sleep import build_sleep
from wellbeing_app.charts.sleep_mood import build_sleep_and_mood

__all__ = [
    "CHARTS",
    "DARK",
    "EMPTY_MESSAGE",
    "LIGHT",
    "OKABE_ITO",
    "THEMES",
    "TITLES",
    "Chart",
    "ChartTheme",
    "build_exposure",
    "build_scores",
    "build_shifts",
    "build_sleep",
    "build_sleep_and_mood",
    "build_true_picture",
    "build_year_in_pixels",
    "draw_empty",
    "fresh_axes",
    "sentence_for",
]
