"""Mood, stress and energy: one value a day, each with its rolling average, and one sentence."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final

from wellbeing_app.domain.checkin import CheckIn
from wellbeing_app.domain.insights.common import (
    Context,
    DailySeries,
    Range,
    context_for,
    daily_series,
    mean,
)
from wellbeing_app.domain.insights.wording import count, join, score

MIN_DAYS_FOR_SCORES: Final = 3
"""Days with a check-in before mood, stress and energy get a sentence."""


@dataclass(frozen=True, slots=True)
class ScoreTrends:
    """Daily mood, stress and energy (on the check-in scale) with their rolling averages."""

    first: date
    last: date
    mood: DailySeries
    stress: DailySeries
    energy: DailySeries
    checkin_count: int
    days_with_checkins: int
    sentence: str
    has_enough_data: bool

    @property
    def is_empty(self) -> bool:
        return self.checkin_count == 0


def score_trends(checkins: Sequence[CheckIn], today: date, span: Range) -> ScoreTrends:
    """Daily mood, stress and energy over ``span``, each with a rolling average."""
    return score_trends_from(context_for(checkins, today, span))


def score_trends_from(context: Context) -> ScoreTrends:
    """``score_trends`` for check-ins already sorted and grouped."""
    mood = daily_series(context, lambda c: c.mood)
    stress = daily_series(context, lambda c: c.stress)
    energy = daily_series(context, lambda c: c.energy)
    inside = context.in_range()
    days = len(mood.present)
    enough = days >= MIN_DAYS_FOR_SCORES
    if enough:
        parts = [f"Your mood averaged {score(mean(mood.present))}"]
        for name, series in (("stress", stress), ("energy", energy)):
            if series.present:
                parts.append(f"{name} {mean(series.present):.1f}")
        sentence = f"{join(parts)}, across {count(days, 'day')} with check-ins ({context.phrase})."
    else:
        sentence = (
            "Not enough check-ins yet to show a trend: "
            f"this needs check-ins on at least {MIN_DAYS_FOR_SCORES} days."
        )
    return ScoreTrends(
        context.first, context.last, mood, stress, energy, len(inside), days, sentence, enough
    )
