"""Year in pixels: a calendar of daily mood, one row per month and one column per day."""

from __future__ import annotations

import calendar
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from wellbeing_app.domain.checkin import SCORE_RANGE, CheckIn
from wellbeing_app.domain.insights.common import (
    Context,
    Range,
    context_for,
    mean,
    months_between,
)
from wellbeing_app.domain.insights.wording import count


@dataclass(frozen=True, slots=True)
class YearInPixels:
    """A calendar grid of daily mood: one row per month, 31 columns for the days.

    ``months`` are the first days of the months the range touches, oldest
    first. ``values[row][day - 1]`` is that day's mean mood or ``None``;
    ``in_range[row][day - 1]`` is False for days that do not exist (30
    February) or fall outside the range, which are drawn blank.
    """

    first: date
    last: date
    months: tuple[date, ...]
    values: tuple[tuple[float | None, ...], ...]
    in_range: tuple[tuple[bool, ...], ...]
    days_shown: int
    days_with_checkins: int
    sentence: str
    has_enough_data: bool

    @property
    def is_empty(self) -> bool:
        return self.days_with_checkins == 0


def year_in_pixels(checkins: Sequence[CheckIn], today: date, span: Range) -> YearInPixels:
    """Mean mood for each day in ``span``, laid out as months by days of the month."""
    return year_in_pixels_from(context_for(checkins, today, span))


def year_in_pixels_from(context: Context) -> YearInPixels:
    """``year_in_pixels`` for check-ins already sorted and grouped."""
    first, last = context.first, context.last
    months = months_between(first, last)
    values: list[tuple[float | None, ...]] = []
    shown: list[tuple[bool, ...]] = []
    days_shown = 0
    with_checkins = 0
    moods: Counter[int] = Counter()
    for month in months:
        length = calendar.monthrange(month.year, month.month)[1]
        row: list[float | None] = []
        valid: list[bool] = []
        for day_number in range(1, 32):
            if day_number > length:
                row.append(None)
                valid.append(False)
                continue
            day = month.replace(day=day_number)
            inside = first <= day <= last
            valid.append(inside)
            found = context.by_day.get(day.toordinal()) if inside else None
            if inside:
                days_shown += 1
            if found:
                with_checkins += 1
                moods.update(c.mood for c in found)
                row.append(mean([c.mood for c in found]))
            else:
                row.append(None)
        values.append(tuple(row))
        shown.append(tuple(valid))

    enough = with_checkins > 0
    if enough:
        sentence = f"You checked in on {with_checkins} of the {count(days_shown, 'day')} shown"
        ranked = moods.most_common(2)
        if len(ranked) == 1 or ranked[0][1] > ranked[1][1]:  # only a clear most often
            sentence += (
                f", and the mood you recorded most often was {ranked[0][0]} "
                f"out of {SCORE_RANGE.high}"
            )
        sentence += f" ({context.phrase})."
    else:
        sentence = "No check-ins in this range yet."
    return YearInPixels(
        first,
        last,
        months,
        tuple(values),
        tuple(shown),
        days_shown,
        with_checkins,
        sentence,
        enough,
    )
