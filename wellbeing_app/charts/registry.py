"""The charts of the Trends page in order, for the page, save-as-PNG, the report and benchmarks."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from matplotlib.axes import Axes

from wellbeing_app.charts import (
    activities,
    exposure,
    mood_calendar,
    rota,
    scores,
    selfchecks,
    shifts,
    sleep,
    sleep_mood,
)
from wellbeing_app.charts.activities import build_true_picture
from wellbeing_app.charts.drawing import CHART_HEIGHT_INCHES
from wellbeing_app.charts.exposure import build_exposure
from wellbeing_app.charts.mood_calendar import build_year_in_pixels
from wellbeing_app.charts.palette import ChartTheme
from wellbeing_app.charts.rota import build_around_nights, build_rota_hours
from wellbeing_app.charts.scores import build_scores
from wellbeing_app.charts.selfchecks import build_selfchecks
from wellbeing_app.charts.shifts import build_shifts
from wellbeing_app.charts.sleep import build_sleep
from wellbeing_app.charts.sleep_mood import build_sleep_and_mood
from wellbeing_app.domain.insights import Insights
from wellbeing_app.domain.rota import PatternCost
from wellbeing_app.domain.selfchecks.trends import SelfCheckTrends

TITLES: Final = {
    "scores": scores.TITLE,
    "sleep": sleep.TITLE,
    "shifts": shifts.TITLE,
    "sleep_mood": sleep_mood.TITLE,
    "exposure": exposure.TITLE,
    "year": mood_calendar.TITLE,
    "true_picture": activities.TITLE,
    "rota_hours": rota.HOURS_TITLE,
    "rota_nights": rota.NIGHTS_TITLE,
    "selfchecks": selfchecks.TITLE,
}
"""Each chart's title by its key."""


def _usual_height(_insights: Insights, _width_inches: float) -> float:
    return CHART_HEIGHT_INCHES


def _always(_insights: Insights) -> bool:
    return True


def _with_rota(insights: Insights) -> bool:
    return insights.pattern is not None and bool(insights.pattern.shifts)


def _with_selfchecks(insights: Insights) -> bool:
    return insights.selfchecks is not None


@dataclass(frozen=True, slots=True)
class Chart:
    """One chart of the Trends page: a stable key, its title, and how to draw it from insights.

    ``height_for(insights, width_inches)`` is how tall its figure should be at
    that width, in inches: the owner of the figure sizes it so before drawing.
    ``shows(insights)`` says whether it belongs on the page at all (the rota's
    charts only once there is a rota).
    """

    key: str
    title: str
    draw: Callable[[Axes, Insights, ChartTheme], None]
    height_for: Callable[[Insights, float], float] = _usual_height
    shows: Callable[[Insights], bool] = _always


CHARTS: Final = (
    Chart("scores", TITLES["scores"], lambda ax, i, t: build_scores(ax, i.scores, t)),
    Chart(
        "sleep",
        TITLES["sleep"],
        lambda ax, i, t: build_sleep(ax, i.sleep, t),
        lambda _i, _w: sleep.HEIGHT_INCHES,
    ),
    Chart("shifts", TITLES["shifts"], lambda ax, i, t: build_shifts(ax, i.shifts, t)),
    Chart(
        "sleep_mood",
        TITLES["sleep_mood"],
        lambda ax, i, t: build_sleep_and_mood(ax, i.sleep_mood, t),
    ),
    Chart("exposure", TITLES["exposure"], lambda ax, i, t: build_exposure(ax, i.exposure, t)),
    Chart(
        "year",
        TITLES["year"],
        lambda ax, i, t: build_year_in_pixels(ax, i.year, t),
        lambda i, width: mood_calendar.height_for(i.year, width),
    ),
    Chart(
        "true_picture",
        TITLES["true_picture"],
        lambda ax, i, t: build_true_picture(ax, i.true_picture, t),
        lambda i, width: activities.height_for(i.true_picture, width),
    ),
    Chart(
        "rota_hours",
        TITLES["rota_hours"],
        lambda ax, i, t: build_rota_hours(ax, _pattern(i).hours, t),
        lambda i, _w: rota.hours_height(i.pattern.hours if i.pattern is not None else None),
        _with_rota,
    ),
    Chart(
        "rota_nights",
        TITLES["rota_nights"],
        lambda ax, i, t: build_around_nights(ax, _pattern(i).nights, _pattern(i).positions, t),
        shows=_with_rota,
    ),
    Chart(
        "selfchecks",
        TITLES["selfchecks"],
        lambda ax, i, t: build_selfchecks(ax, _selfchecks(i), t),
        lambda i, _w: selfchecks.height_for(i.selfchecks),
        _with_selfchecks,
    ),
)


def _selfchecks(insights: Insights) -> SelfCheckTrends:
    if insights.selfchecks is None:
        raise ValueError("the self-checks chart is drawn only once there are self-checks")
    return insights.selfchecks


def _pattern(insights: Insights) -> PatternCost:
    if insights.pattern is None:
        raise ValueError("the rota's charts are drawn only when there is a rota")
    return insights.pattern


_SENTENCES: Final[dict[str, Callable[[Insights], str]]] = {
    "scores": lambda i: i.scores.sentence,
    "sleep": lambda i: i.sleep.sentence,
    "shifts": lambda i: i.shifts.sentence,
    "sleep_mood": lambda i: i.sleep_mood.sentence,
    "exposure": lambda i: i.exposure.sentence,
    "year": lambda i: i.year.sentence,
    "true_picture": lambda i: i.true_picture.sentence,
    "rota_hours": lambda i: _pattern(i).hours.sentence,
    "rota_nights": lambda i: f"{_pattern(i).nights.sentence} {_pattern(i).positions.sentence}",
    "selfchecks": lambda i: _selfchecks(i).sentence,
}


def sentence_for(chart: Chart, insights: Insights) -> str:
    """The plain sentence shown beside ``chart`` (and read out as its text alternative)."""
    return _SENTENCES[chart.key](insights)
