"""Sleep: hours and quality, one value a day, each with its rolling average, and one sentence."""

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
from wellbeing_app.domain.insights.wording import hours, score

MIN_NIGHTS_FOR_SLEEP: Final = 3
"""Days with sleep hours before sleep gets a sentence."""


@dataclass(frozen=True, slots=True)
class SleepTrends:
    """Daily sleep hours and sleep quality (on the check-in scale) with their rolling averages."""

    first: date
    last: date
    hours: DailySeries
    quality: DailySeries
    nights: int  # days in the range with hours of sleep
    sentence: str
    has_enough_data: bool

    @property
    def is_empty(self) -> bool:
        return self.hours.is_empty and self.quality.is_empty


def sleep_trends(checkins: Sequence[CheckIn], today: date, span: Range) -> SleepTrends:
    """Daily sleep hours and sleep quality over ``span``, each with a rolling average."""
    return sleep_trends_from(context_for(checkins, today, span))


def sleep_trends_from(context: Context) -> SleepTrends:
    """``sleep_trends`` for check-ins already sorted and grouped."""
    slept_hours = daily_series(context, lambda c: c.sleep_hours)
    quality = daily_series(context, lambda c: c.sleep_quality)
    slept = slept_hours.present
    rated = quality.present
    enough = len(slept) >= MIN_NIGHTS_FOR_SLEEP
    if enough:
        sentence = (
            f"You slept {hours(mean(slept))} on average, "
            f"between {hours(min(slept))} and {hours(max(slept))}"
        )
        if rated:
            sentence += f", and rated your sleep {score(mean(rated))} on average"
        sentence += f" ({context.phrase})."
    else:
        sentence = (
            "Not enough sleep recorded yet to show a pattern: "
            f"this needs hours of sleep on at least {MIN_NIGHTS_FOR_SLEEP} days."
        )
    return SleepTrends(
        context.first, context.last, slept_hours, quality, len(slept), sentence, enough
    )
