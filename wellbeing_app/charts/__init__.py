"""Trend charts: pure builders ``(Axes, insight, theme) -> None`` for the Trends page.

Only this package imports matplotlib, and only its object-oriented API
(``Figure``/``Axes``): never pyplot. Importing it loads matplotlib, so the UI
imports it lazily, on first use of Trends.
"""

from __future__ import annotations

from wellbeing_app.charts.builders import (
    CHARTS,
    EMPTY_MESSAGE,
    TITLES,
    Chart,
    build_exposure,
    build_scores,
    build_shifts,
    build_sleep,
    build_sleep_and_mood,
    build_true_picture,
    build_year_in_pixels,
    draw_empty,
    sentence_for,
)
from wellbeing_app.charts.palette import DARK, LIGHT, OKABE_ITO, THEMES, ChartTheme

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
    "sentence_for",
]
