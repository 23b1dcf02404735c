"""Sleep and the mood after it: each check-in's sleep paired with the same check-in's mood.

A check-in records the sleep since the last shift and the mood at the end of
this one, so within one check-in the mood is the next mood after the sleep.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from statistics import median
from typing import Final

from wellbeing_app.domain.checkin import CheckIn
from wellbeing_app.domain.insights.common import Context, Range, context_for, mean
from wellbeing_app.domain.insights.wording import hours, score

MIN_PER_SLEEP_GROUP: Final = 3
"""Check-ins needed after longer and after shorter sleeps before their moods are compared."""


@dataclass(frozen=True, slots=True)
class SleepAndMood:
    """Sleep hours paired with the mood that came after that sleep (the same check-in's mood).

    ``mood_after_more`` and ``mood_after_less`` are the mean moods after sleeps
    longer and shorter than ``median_sleep``; sleeps equal to it are in
    neither group.
    """

    first: date
    last: date
    pairs: tuple[tuple[float, int], ...]
    median_sleep: float | None
    mood_after_more: float | None
    mood_after_less: float | None
    more_count: int
    less_count: int
    sentence: str
    has_enough_data: bool

    @property
    def is_empty(self) -> bool:
        return not self.pairs


def sleep_and_mood(checkins: Sequence[CheckIn], today: date, span: Range) -> SleepAndMood:
    """Each check-in's sleep paired with its own mood: the mood after that sleep.

    A check-in records the sleep since the last shift and the mood at the end
    of this one, so within one check-in the mood is the next mood after the
    sleep. Moods after sleeps longer and shorter than the median are compared.
    """
    return sleep_and_mood_from(context_for(checkins, today, span))


def sleep_and_mood_from(context: Context) -> SleepAndMood:
    """``sleep_and_mood`` for check-ins already sorted and grouped."""
    pairs = tuple((c.sleep_hours, c.mood) for c in context.in_range() if c.sleep_hours is not None)
    middle = median(s for s, _ in pairs) if pairs else None
    more = [m for s, m in pairs if middle is not None and s > middle]
    less = [m for s, m in pairs if middle is not None and s < middle]
    more_mean = mean(more) if more else None
    less_mean = mean(less) if less else None
    enough = len(more) >= MIN_PER_SLEEP_GROUP and len(less) >= MIN_PER_SLEEP_GROUP
    if enough and middle is not None and more_mean is not None and less_mean is not None:
        sentence = (
            f"After more than {hours(middle)} of sleep (your middle value) your mood "
            f"averaged {score(more_mean)}, and after less than {hours(middle)} it "
            f"averaged {less_mean:.1f} ({context.phrase})."
        )
    else:
        sentence = (
            "Not enough check-ins yet to compare sleep and mood: this needs at least "
            f"{MIN_PER_SLEEP_GROUP} after longer sleeps and {MIN_PER_SLEEP_GROUP} after "
            "shorter ones."
        )
    return SleepAndMood(
        context.first,
        context.last,
        pairs,
        middle,
        more_mean,
        less_mean,
        len(more),
        len(less),
        sentence,
        enough,
    )
