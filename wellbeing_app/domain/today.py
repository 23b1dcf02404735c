"""The Today page's "last 7 days at a glance": mood and sleep per day, and one calm sentence.

Pure: it takes check-ins and a date, and says what was recorded, never what
it means. No verdicts ("you are not sleeping enough"), no scores, no counts
of bad days; the sentence only describes ("your mood was mostly okay").
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from wellbeing_app.domain.catalogue import scale_label
from wellbeing_app.domain.checkin import CheckIn

WEEK_DAYS: Final = 7  # today and the six days before it

NO_CHECKINS: Final = "There are no check-ins from the last 7 days yet."


@dataclass(frozen=True, slots=True)
class DayAtAGlance:
    """One day of the strip. ``mood`` and ``sleep_hours`` are None without a check-in.

    With several check-ins on one date, the last one written counts (as a
    correction written later would), for mood; for sleep, the last written
    that recorded sleep.
    """

    date: date
    mood: int | None
    sleep_hours: float | None
    checkins: int


@dataclass(frozen=True, slots=True)
class WeekAtAGlance:
    """Seven days, oldest first and ending on ``today``, and one sentence about them."""

    today: date
    days: tuple[DayAtAGlance, ...]
    checkins: int  # check-ins dated in the seven days
    summary: str


def week_at_a_glance(checkins: Iterable[CheckIn], today: date) -> WeekAtAGlance:
    """The last 7 days (today included) of mood and sleep, with a one-sentence summary.

    Pass check-ins in any order; those dated outside the seven days (older,
    or ahead of today) are left out.
    """
    first = today - timedelta(days=WEEK_DAYS - 1)
    by_date: dict[date, list[CheckIn]] = {}
    for checkin in checkins:
        if first <= checkin.date <= today:
            by_date.setdefault(checkin.date, []).append(checkin)
    days = []
    for offset in range(WEEK_DAYS):
        day = first + timedelta(days=offset)
        written = sorted(by_date.get(day, []), key=lambda c: (c.created_at, c.updated_at))
        slept = [c.sleep_hours for c in written if c.sleep_hours is not None]
        days.append(
            DayAtAGlance(
                date=day,
                mood=written[-1].mood if written else None,
                sleep_hours=slept[-1] if slept else None,
                checkins=len(written),
            )
        )
    count = sum(day.checkins for day in days)
    return WeekAtAGlance(today, tuple(days), count, _summary(days, count))


def _summary(days: list[DayAtAGlance], count: int) -> str:
    if count == 0:
        return NO_CHECKINS
    sentence = f"Over the last 7 days you checked in {_times(count)}; {_mood_words(days)}"
    sleep = _sleep_words(days)
    return f"{sentence} and {sleep}." if sleep else f"{sentence}."


def _times(count: int) -> str:
    return {1: "once", 2: "twice"}.get(count, f"{count} times")


def _mood_words(days: list[DayAtAGlance]) -> str:
    moods = [day.mood for day in days if day.mood is not None]
    if len(moods) == 1:
        return f"your mood was {_mood(moods[0])}"
    if len(set(moods)) == 1:
        return f"your mood was {_mood(moods[0])} each day you checked in"
    [(common, times), *rest] = Counter(moods).most_common()
    if 2 * times >= len(moods) and (not rest or rest[0][1] < times):
        return f"your mood was mostly {_mood(common)}"
    return f"your mood was between {_mood(min(moods))} and {_mood(max(moods))}"


def _mood(value: int) -> str:
    return scale_label("mood", value).lower()


def _sleep_words(days: list[DayAtAGlance]) -> str | None:
    checked_in = [day for day in days if day.checkins]
    nights = [day.sleep_hours for day in checked_in if day.sleep_hours is not None]
    if not nights:
        return None
    amount = _about_hours(math.fsum(nights) / len(nights))
    if len(nights) == 1:
        return f"you recorded one night's sleep, {amount}"
    if len(nights) < len(checked_in):
        return f"you slept {amount} a night on the nights you recorded"
    return f"you slept {amount} a night"


def _about_hours(mean: float) -> str:
    """To the nearest half hour: 'about 6 hours', 'about 6 and a half hours'."""
    halves = math.floor(mean * 2 + 0.5)
    whole, half = divmod(halves, 2)
    if whole == 0:
        return "about half an hour" if half else "less than half an hour"
    if whole == 1:
        return "about an hour and a half" if half else "about an hour"
    return f"about {whole} and a half hours" if half else f"about {whole} hours"
