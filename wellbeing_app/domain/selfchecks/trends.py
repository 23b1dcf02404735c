"""Each questionnaire's scores over time, for Trends and the report, with one plain sentence."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from wellbeing_app.domain.dates import day_month, day_month_year
from wellbeing_app.domain.selfchecks.forms import load_instruments
from wellbeing_app.domain.selfchecks.record import SelfCheck
from wellbeing_app.domain.selfchecks.scales import INSTRUMENT_IDS, PCL5, PROQOL5, SCORE_NAMES, TOTAL

PROQOL_LINES = ("compassion_satisfaction", "burnout", "secondary_traumatic_stress")


@dataclass(frozen=True, slots=True)
class ScoreSeries:
    """One score of one questionnaire over time (dates oldest first), on its scale."""

    instrument: str
    key: str
    label: str
    lowest: int
    highest: int
    points: tuple[tuple[date, int], ...]


@dataclass(frozen=True, slots=True)
class SelfCheckTrends:
    first: date
    last: date
    series: tuple[ScoreSeries, ...]
    sentence: str
    credits: tuple[str, ...]

    @property
    def is_empty(self) -> bool:
        return not self.series


def _series(checks: Sequence[SelfCheck], instrument: str) -> list[ScoreSeries]:
    form = load_instruments()[instrument]
    keys = PROQOL_LINES if instrument == PROQOL5 else (TOTAL,)
    found = []
    for key in keys:
        lowest, highest = form.score_range(key)
        label = form.name if key == TOTAL else f"{form.name} {SCORE_NAMES[key].lower()}"
        points = tuple((c.date, c.scores[key]) for c in checks)
        found.append(ScoreSeries(instrument, key, label, lowest, highest, points))
    return found


def _said(series: ScoreSeries) -> str:
    points = series.points
    (first_day, first), (last_day, last) = points[0], points[-1]
    years = first_day.year != last_day.year
    when = day_month_year if years else day_month
    if len(points) == 1:
        return f"your {series.label} {_score_word(series)} was {last} on {when(last_day)}"
    text = (
        f"your {series.label} {_score_word(series)} went from {first} on {when(first_day)} "
        f"to {last} on {when(last_day)}"
    )
    if series.instrument == PCL5:
        guidance = load_instruments()[PCL5].guidance
        change = abs(last - first)
        if guidance is not None and change >= guidance.meaningful_change:
            text += (
                f", a change of {change} points (its authors count a change of "
                f"{guidance.meaningful_change} or more as meaningful)"
            )
    return text


def _score_word(series: ScoreSeries) -> str:
    return "total" if series.key == TOTAL else "score"


def selfcheck_trends(checks: Sequence[SelfCheck], first: date, last: date) -> SelfCheckTrends:
    """The scores of the self-checks done from ``first`` to ``last``, by questionnaire."""
    inside = sorted((c for c in checks if first <= c.date <= last), key=lambda c: c.date)
    series: list[ScoreSeries] = []
    for instrument in INSTRUMENT_IDS:
        mine = [c for c in inside if c.instrument == instrument]
        if mine:
            series.extend(_series(mine, instrument))
    if not series:
        sentence = "No self-checks in this range."
    else:
        said = [_said(s) for s in series]
        sentence = (
            "In this range "
            + "; ".join(said)
            + ". These are screening questionnaires, not a diagnosis."
        )
    instruments = dict.fromkeys(s.instrument for s in series)
    credits = tuple(load_instruments()[i].credit for i in instruments)
    return SelfCheckTrends(first, last, tuple(series), sentence, credits)
