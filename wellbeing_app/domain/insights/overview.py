"""Every insight for one range at once, from check-ins sorted and grouped a single time."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from wellbeing_app.domain.checkin import CheckIn
from wellbeing_app.domain.insights.activities import TruePicture, true_picture_from
from wellbeing_app.domain.insights.common import Range, context_for
from wellbeing_app.domain.insights.exposure import ExposureLoad, exposure_load_from
from wellbeing_app.domain.insights.mood_calendar import YearInPixels, year_in_pixels_from
from wellbeing_app.domain.insights.scores import ScoreTrends, score_trends_from
from wellbeing_app.domain.insights.shifts import (
    RestDays,
    ShiftComparison,
    rest_days_from,
    shift_comparison_from,
)
from wellbeing_app.domain.insights.sleep import SleepTrends, sleep_trends_from
from wellbeing_app.domain.insights.sleep_mood import SleepAndMood, sleep_and_mood_from
from wellbeing_app.domain.rota import PatternCost, Rota, pattern_cost

if TYPE_CHECKING:
    from wellbeing_app.domain.selfchecks import SelfCheck
    from wellbeing_app.domain.selfchecks.trends import SelfCheckTrends


@dataclass(frozen=True, slots=True)
class Insights:
    """Everything the Trends page shows for one range."""

    span: Range
    first: date
    last: date
    scores: ScoreTrends
    sleep: SleepTrends
    shifts: ShiftComparison
    sleep_mood: SleepAndMood
    exposure: ExposureLoad
    rest: RestDays
    year: YearInPixels
    true_picture: TruePicture
    pattern: PatternCost | None = None  # the true cost of the rota, when one is set
    selfchecks: SelfCheckTrends | None = None  # each questionnaire's scores, once there are any

    @property
    def sentences(self) -> tuple[str, ...]:
        return (
            self.scores.sentence,
            self.sleep.sentence,
            self.shifts.sentence,
            self.sleep_mood.sentence,
            self.exposure.sentence,
            self.rest.sentence,
            self.year.sentence,
            self.true_picture.sentence,
            *(self.pattern.sentences if self.pattern is not None else ()),
            *((self.selfchecks.sentence,) if self.selfchecks is not None else ()),
        )


def insights_for(
    checkins: Sequence[CheckIn],
    today: date,
    span: Range,
    *,
    since: date | None = None,
    rota: Rota | None = None,
    selfchecks: Sequence[SelfCheck] = (),
) -> Insights:
    """Every insight for ``span`` (or from ``since`` to ``today``), sorting and grouping the
    check-ins only once; with ``rota``, the true cost of the pattern over the same days."""
    context = context_for(checkins, today, span, since=since)
    return Insights(
        span=span,
        first=context.first,
        last=context.last,
        scores=score_trends_from(context),
        sleep=sleep_trends_from(context),
        shifts=shift_comparison_from(context),
        sleep_mood=sleep_and_mood_from(context),
        exposure=exposure_load_from(context),
        rest=rest_days_from(context),
        year=year_in_pixels_from(context),
        true_picture=true_picture_from(context),
        pattern=(
            pattern_cost(rota, checkins, context.first, context.last) if rota is not None else None
        ),
        selfchecks=_selfcheck_trends(selfchecks, context.first, context.last),
    )


def _selfcheck_trends(
    selfchecks: Sequence[SelfCheck], first: date, last: date
) -> SelfCheckTrends | None:
    if not selfchecks:
        return None
    from wellbeing_app.domain.selfchecks.trends import selfcheck_trends

    return selfcheck_trends(selfchecks, first, last)
