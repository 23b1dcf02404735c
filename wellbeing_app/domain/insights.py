"""Trends: check-ins turned into series, and each series into one plain sentence.

Pure Python (no Qt, no matplotlib): the charts in ``wellbeing_app.charts``
draw what these functions return, and the Trends page shows the sentences
beside them as their accessible alternative.

Every public function takes the check-ins, ``today`` and a ``Range`` and
returns a small frozen dataclass with a ``sentence`` and a
``has_enough_data`` flag. A sentence states numbers and never judges them:
no verdicts, no diagnoses, no advice. When there is too little to say, it
says what is missing instead. The minimum counts are the constants below.

How check-ins are read:

* **Order.** Check-ins are taken oldest first by ``(date, created_at)``, so
  two on the same day keep the order they were written in.
* **Several on one day.** Scores, sleep hours and sleep quality for a day
  are the mean of that day's check-ins (a second check-in on a day more
  often repeats the same night than records a second one), and averages
  over a range are averages of days, so a busy day does not count twice.
  Sleep by shift type and sleep against mood pair single check-ins.
* **Gaps stay gaps.** A day without a check-in is ``None``, never zero and
  never filled in. The 7-day average needs check-ins on at least
  ``ROLLING_MIN_DAYS`` of its seven days, so a long gap breaks the line.
* **Sleep belongs to the shift before it.** The form asks for "sleep since
  your last shift", so the sleep in check-in *i* is the sleep between the
  shift of check-in *i - 1* and the shift of check-in *i*. "Sleep after
  nights" therefore pairs each check-in's sleep with the *previous*
  check-in's shift type, and only when that previous check-in is from the
  same day or the day before (``SLEEP_FOLLOWS_WITHIN_DAYS``): after a gap
  in check-ins we cannot tell which shift the sleep followed.
* **Sleep, then mood.** For the same reason, the mood that comes after a
  sleep is the mood in the *same* check-in (recorded at the end of the shift
  that followed that sleep). ``sleep_and_mood`` pairs them that way.
"""

from __future__ import annotations

import calendar
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from statistics import median
from types import MappingProxyType
from typing import Final

from wellbeing_app.domain.catalogue import ACTIVITIES, EXPOSURES, ShiftType
from wellbeing_app.domain.checkin import CheckIn
from wellbeing_app.domain.dates import MONTH_NAMES, WEEKDAY_NAMES

# ---------------------------------------------------------------------------
# Thresholds: every minimum count in one place.

ROLLING_DAYS: Final = 7
"""Days in the rolling average window (the day itself and the six before)."""
ROLLING_MIN_DAYS: Final = 3
"""Days with a check-in that a rolling window needs before it shows an average."""
MIN_DAYS_FOR_SCORES: Final = 3
"""Days with a check-in before mood, stress and energy get a sentence."""
MIN_NIGHTS_FOR_SLEEP: Final = 3
"""Days with sleep hours before sleep gets a sentence."""
MIN_PER_SHIFT: Final = 3
"""Check-ins needed for each of two shift types before they are compared."""
SLEEP_FOLLOWS_WITHIN_DAYS: Final = 1
"""Most days between a check-in and the next one for the next one's sleep to follow its shift."""
MIN_PER_SLEEP_GROUP: Final = 3
"""Check-ins needed after longer and after shorter sleeps before their moods are compared."""
EXPOSURE_WINDOW_DAYS: Final = 30
"""Days in the rolling window for exposure load."""
TRUE_PICTURE_TOP: Final = 3
"""How many activities the true-picture sentence names."""

_MONTHS: Final = MONTH_NAMES
_WEEKDAYS: Final = WEEKDAY_NAMES

# "After nights", "on earlies": how each shift type reads in a sentence.
SHIFT_PLURALS: Final = MappingProxyType(
    {
        ShiftType.EARLY: "earlies",
        ShiftType.LATE: "lates",
        ShiftType.NIGHT: "nights",
        ShiftType.DAY: "day shifts",
        ShiftType.REST_DAY: "rest days",
        ShiftType.ON_CALL: "on-call shifts",
        ShiftType.TRAINING: "training days",
        ShiftType.OTHER: "other shifts",
    }
)
WORKING_SHIFTS: Final = frozenset(ShiftType) - {ShiftType.REST_DAY}


# ---------------------------------------------------------------------------
# Ranges


class Range(StrEnum):
    """The spans the Trends page offers."""

    FOUR_WEEKS = "4w"
    THREE_MONTHS = "3m"
    TWELVE_MONTHS = "12m"
    ALL = "all"

    @property
    def label(self) -> str:
        """What the range selector shows, e.g. "3 months"."""
        return _RANGE_LABELS[self]

    @property
    def phrase(self) -> str:
        """How a sentence names the range, e.g. "last 3 months"."""
        return _RANGE_PHRASES[self]


_RANGE_LABELS: Final = {
    Range.FOUR_WEEKS: "4 weeks",
    Range.THREE_MONTHS: "3 months",
    Range.TWELVE_MONTHS: "12 months",
    Range.ALL: "All",
}
_RANGE_PHRASES: Final = {
    Range.FOUR_WEEKS: "last 4 weeks",
    Range.THREE_MONTHS: "last 3 months",
    Range.TWELVE_MONTHS: "last 12 months",
    Range.ALL: "all check-ins",
}


def months_before(day: date, months: int) -> date:
    """The same day ``months`` calendar months earlier, clamped to the month's end."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def range_bounds(span: Range, today: date, checkins: Sequence[CheckIn] = ()) -> tuple[date, date]:
    """The first and last day (both included) that ``span`` covers, ending on ``today``.

    4 weeks is 28 days; 3 and 12 months go back by calendar months (12 months
    ending 20 November 2026 starts on 21 November 2025). ``ALL`` starts at the
    earliest check-in, or today when there is none. Check-ins dated after
    today are left out until their day comes.
    """
    if span is Range.FOUR_WEEKS:
        return today - timedelta(days=27), today
    if span is Range.THREE_MONTHS:
        return months_before(today, 3) + timedelta(days=1), today
    if span is Range.TWELVE_MONTHS:
        return months_before(today, 12) + timedelta(days=1), today
    earliest = min((c.date for c in checkins if c.date <= today), default=today)
    return earliest, today


# ---------------------------------------------------------------------------
# Results


@dataclass(frozen=True, slots=True)
class DailySeries:
    """One value a day from ``dates[0]`` to ``dates[-1]``; ``None`` where there is no check-in.

    ``rolling`` is the mean of the daily values in the ``ROLLING_DAYS`` days
    ending on each day (days before the range count too), or ``None`` when
    fewer than ``ROLLING_MIN_DAYS`` of them have a value.
    """

    dates: tuple[date, ...]
    values: tuple[float | None, ...]
    rolling: tuple[float | None, ...]

    @property
    def present(self) -> tuple[float, ...]:
        """The values of the days that have one."""
        return tuple(v for v in self.values if v is not None)

    @property
    def is_empty(self) -> bool:
        return all(v is None for v in self.values)


@dataclass(frozen=True, slots=True)
class ScoreTrends:
    """Daily mood, stress and energy (1-5) with their 7-day averages."""

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


@dataclass(frozen=True, slots=True)
class SleepTrends:
    """Daily sleep hours and sleep quality (1-5) with their 7-day averages."""

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


@dataclass(frozen=True, slots=True)
class ShiftGroup:
    """Averages for one shift type: mood at the end of it, and the sleep that followed it."""

    shift_type: ShiftType
    mood_mean: float | None
    mood_count: int
    sleep_after_mean: float | None
    sleep_after_count: int


@dataclass(frozen=True, slots=True)
class ShiftComparison:
    """Mood and sleep by shift type, in ``ShiftType`` order, only types with any data."""

    first: date
    last: date
    groups: tuple[ShiftGroup, ...]
    sentence: str
    has_enough_data: bool

    @property
    def is_empty(self) -> bool:
        return not self.groups


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


@dataclass(frozen=True, slots=True)
class ExposureLoad:
    """Tagged incidents in the ``EXPOSURE_WINDOW_DAYS`` days ending on each day.

    Each exposure tag on a check-in counts as one tagged incident. A day's
    count is ``None`` when its window holds no check-in at all (nothing was
    recorded, which is not the same as nothing happening). ``tagged_days``
    are the days in the range with at least one tag; ``by_tag`` counts each
    tag in the range, most frequent first.
    """

    first: date
    last: date
    dates: tuple[date, ...]
    counts: tuple[int | None, ...]
    tagged_days: tuple[date, ...]
    by_tag: tuple[tuple[str, int], ...]
    total: int
    sentence: str
    has_enough_data: bool

    @property
    def is_empty(self) -> bool:
        return all(c is None for c in self.counts)


@dataclass(frozen=True, slots=True)
class RestDays:
    """The most recent check-in marked as a rest day, up to today, whatever the range."""

    today: date
    last_rest_day: date | None
    days_since: int | None
    shifts_since: int
    sentence: str
    has_enough_data: bool


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


@dataclass(frozen=True, slots=True)
class TruePicture:
    """What shifts involved, per month: how many check-ins listed each activity.

    ``codes`` are the activity codes that occur, most frequent first (ties in
    catalogue order); ``counts[i][j]`` is the count for ``codes[i]`` in
    ``months[j]``, only days inside the range counted; ``totals[i]`` sums a row.
    """

    first: date
    last: date
    months: tuple[date, ...]
    codes: tuple[str, ...]
    counts: tuple[tuple[int, ...], ...]
    totals: tuple[int, ...]
    checkins_with_activities: int
    sentence: str
    has_enough_data: bool

    @property
    def is_empty(self) -> bool:
        return not self.codes


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
        )


# ---------------------------------------------------------------------------
# Shared preparation: sort once, group by day once.


@dataclass(frozen=True, slots=True)
class _Context:
    span: Range
    today: date
    first: date
    last: date
    ordered: tuple[CheckIn, ...]  # oldest first, up to ``last``
    by_day: dict[int, tuple[CheckIn, ...]]  # ordinal -> that day's check-ins, in order

    def in_range(self) -> list[CheckIn]:
        low = self.first
        return [c for c in self.ordered if c.date >= low]


def _order_key(checkin: CheckIn) -> tuple[date, datetime]:
    return (checkin.date, checkin.created_at)


def _context(checkins: Sequence[CheckIn], today: date, span: Range) -> _Context:
    first, last = range_bounds(span, today, checkins)
    ordered = tuple(sorted((c for c in checkins if c.date <= last), key=_order_key))
    grouped: dict[int, list[CheckIn]] = {}
    for checkin in ordered:
        grouped.setdefault(checkin.date.toordinal(), []).append(checkin)
    by_day = {day: tuple(items) for day, items in grouped.items()}
    return _Context(span, today, first, last, ordered, by_day)


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values)


def _daily_series(context: _Context, pick: Callable[[CheckIn], float | None]) -> DailySeries:
    first = context.first.toordinal()
    last = context.last.toordinal()
    start = first - (ROLLING_DAYS - 1)
    by_day = context.by_day
    daily: list[float | None] = []
    for day in range(start, last + 1):
        found = by_day.get(day)
        if found is None:
            daily.append(None)
            continue
        values = [v for v in map(pick, found) if v is not None]
        daily.append(sum(values) / len(values) if values else None)

    rolling: list[float | None] = []
    total = 0.0
    present = 0
    for index, value in enumerate(daily):
        if value is not None:
            total += value
            present += 1
        leaving = index - ROLLING_DAYS
        if leaving >= 0:
            old = daily[leaving]
            if old is not None:
                total -= old
                present -= 1
        if index >= ROLLING_DAYS - 1:
            rolling.append(total / present if present >= ROLLING_MIN_DAYS else None)
    offset = ROLLING_DAYS - 1
    dates = tuple(date.fromordinal(day) for day in range(first, last + 1))
    return DailySeries(dates, tuple(daily[offset:]), tuple(rolling))


# ---------------------------------------------------------------------------
# Wording helpers


def _hours(value: float) -> str:
    return f"{value:.1f} h"


def _score(value: float) -> str:
    return f"{value:.1f} out of 5"


def _count(number: int, singular: str, plural: str | None = None) -> str:
    word = singular if number == 1 else (plural if plural is not None else singular + "s")
    return f"{number} {word}"


def _long_date(day: date) -> str:
    return f"{_WEEKDAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]}"


def _join(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


# ---------------------------------------------------------------------------
# Mood, stress and energy


def score_trends(checkins: Sequence[CheckIn], today: date, span: Range) -> ScoreTrends:
    """Daily mood, stress and energy over ``span``, each with a 7-day average."""
    return _score_trends(_context(checkins, today, span))


def _score_trends(context: _Context) -> ScoreTrends:
    mood = _daily_series(context, lambda c: c.mood)
    stress = _daily_series(context, lambda c: c.stress)
    energy = _daily_series(context, lambda c: c.energy)
    inside = context.in_range()
    days = len(mood.present)
    enough = days >= MIN_DAYS_FOR_SCORES
    if enough:
        parts = [f"Your mood averaged {_score(_mean(mood.present))}"]
        for name, series in (("stress", stress), ("energy", energy)):
            if series.present:
                parts.append(f"{name} {_mean(series.present):.1f}")
        sentence = (
            f"{_join(parts)}, across {_count(days, 'day')} with check-ins ({context.span.phrase})."
        )
    else:
        sentence = (
            "Not enough check-ins yet to show a trend: "
            f"this needs check-ins on at least {MIN_DAYS_FOR_SCORES} days."
        )
    return ScoreTrends(
        context.first, context.last, mood, stress, energy, len(inside), days, sentence, enough
    )


# ---------------------------------------------------------------------------
# Sleep


def sleep_trends(checkins: Sequence[CheckIn], today: date, span: Range) -> SleepTrends:
    """Daily sleep hours and sleep quality over ``span``, each with a 7-day average."""
    return _sleep_trends(_context(checkins, today, span))


def _sleep_trends(context: _Context) -> SleepTrends:
    hours = _daily_series(context, lambda c: c.sleep_hours)
    quality = _daily_series(context, lambda c: c.sleep_quality)
    slept = hours.present
    rated = quality.present
    enough = len(slept) >= MIN_NIGHTS_FOR_SLEEP
    if enough:
        sentence = (
            f"You slept {_hours(_mean(slept))} on average, "
            f"between {_hours(min(slept))} and {_hours(max(slept))}"
        )
        if rated:
            sentence += f", and rated your sleep {_score(_mean(rated))} on average"
        sentence += f" ({context.span.phrase})."
    else:
        sentence = (
            "Not enough sleep recorded yet to show a pattern: "
            f"this needs hours of sleep on at least {MIN_NIGHTS_FOR_SLEEP} days."
        )
    return SleepTrends(context.first, context.last, hours, quality, len(slept), sentence, enough)


# ---------------------------------------------------------------------------
# By shift type


def sleep_after_shifts(ordered: Sequence[CheckIn]) -> list[tuple[ShiftType, CheckIn]]:
    """Each check-in with sleep hours, paired with the shift type that sleep followed.

    ``ordered`` must be oldest first. The sleep in a check-in follows the
    previous check-in's shift, if that check-in has a shift type and is at
    most ``SLEEP_FOLLOWS_WITHIN_DAYS`` days earlier; otherwise the sleep is
    not put down to any shift.
    """
    paired: list[tuple[ShiftType, CheckIn]] = []
    for before, after in zip(ordered, ordered[1:], strict=False):
        if (
            before.shift_type is not None
            and after.sleep_hours is not None
            and (after.date - before.date).days <= SLEEP_FOLLOWS_WITHIN_DAYS
        ):
            paired.append((before.shift_type, after))
    return paired


def shift_comparison(checkins: Sequence[CheckIn], today: date, span: Range) -> ShiftComparison:
    """Mood on each shift type, and sleep after it (see the module notes for sleep).

    The sentence compares nights with earlies when both have at least
    ``MIN_PER_SHIFT`` check-ins; otherwise the shift type followed by the
    least sleep with the one followed by the most.
    """
    return _shift_comparison(_context(checkins, today, span))


def _shift_comparison(context: _Context) -> ShiftComparison:
    first = context.first
    moods: dict[ShiftType, list[float]] = {}
    for checkin in context.in_range():
        if checkin.shift_type is not None:
            moods.setdefault(checkin.shift_type, []).append(checkin.mood)
    sleeps: dict[ShiftType, list[float]] = {}
    for shift, after in sleep_after_shifts(context.ordered):
        if after.date >= first and after.sleep_hours is not None:
            sleeps.setdefault(shift, []).append(after.sleep_hours)

    groups = tuple(
        ShiftGroup(
            shift,
            _mean(moods[shift]) if shift in moods else None,
            len(moods.get(shift, ())),
            _mean(sleeps[shift]) if shift in sleeps else None,
            len(sleeps.get(shift, ())),
        )
        for shift in ShiftType
        if shift in moods or shift in sleeps
    )
    sleep_means = {
        g.shift_type: round(g.sleep_after_mean, 1)
        for g in groups
        if g.sleep_after_mean is not None and g.sleep_after_count >= MIN_PER_SHIFT
    }
    mood_means = {
        g.shift_type: round(g.mood_mean, 1)
        for g in groups
        if g.mood_mean is not None and g.mood_count >= MIN_PER_SHIFT
    }
    clauses: list[str] = []
    sleep_pair = _pick_pair(sleep_means)
    if sleep_pair is not None:
        low, high = sleep_pair
        clauses.append(
            f"After {SHIFT_PLURALS[low]} you slept {_hours(sleep_means[low])} on average, "
            + _difference(sleep_means[low], sleep_means[high], "h", f"after {SHIFT_PLURALS[high]}")
        )
    mood_pair = _pick_pair(mood_means)
    if mood_pair is not None:
        low, high = mood_pair
        opening = "your" if clauses else "Your"
        clauses.append(
            f"{opening} mood on {SHIFT_PLURALS[low]} averaged {_score(mood_means[low])}, "
            f"against {mood_means[high]:.1f} on {SHIFT_PLURALS[high]}"
        )
    enough = bool(clauses)
    if enough:
        sentence = "; ".join(clauses) + f" ({context.span.phrase})."
    else:
        sentence = (
            "Not enough check-ins yet to compare shifts: "
            f"this needs at least {MIN_PER_SHIFT} after each of two kinds of shift."
        )
    return ShiftComparison(context.first, context.last, groups, sentence, enough)


def _pick_pair(means: dict[ShiftType, float]) -> tuple[ShiftType, ShiftType] | None:
    """Nights against earlies when both are there, else the lowest against the highest."""
    if len(means) < 2:
        return None
    if ShiftType.NIGHT in means and ShiftType.EARLY in means:
        return ShiftType.NIGHT, ShiftType.EARLY
    order = list(ShiftType)
    ranked = sorted(means, key=lambda s: (means[s], order.index(s)))
    return ranked[0], ranked[-1]


def _difference(value: float, other: float, unit: str, what: str) -> str:
    gap = round(abs(value - other), 1)
    if gap == 0:
        return f"the same as {what}"
    direction = "less" if value < other else "more"
    return f"{gap:.1f} {unit} {direction} than {what}"


# ---------------------------------------------------------------------------
# Sleep and the mood after it


def sleep_and_mood(checkins: Sequence[CheckIn], today: date, span: Range) -> SleepAndMood:
    """Each check-in's sleep paired with its own mood: the mood after that sleep.

    A check-in records the sleep since the last shift and the mood at the end
    of this one, so within one check-in the mood is the next mood after the
    sleep. Moods after sleeps longer and shorter than the median are compared.
    """
    return _sleep_and_mood(_context(checkins, today, span))


def _sleep_and_mood(context: _Context) -> SleepAndMood:
    pairs = tuple((c.sleep_hours, c.mood) for c in context.in_range() if c.sleep_hours is not None)
    middle = median(s for s, _ in pairs) if pairs else None
    more = [m for s, m in pairs if middle is not None and s > middle]
    less = [m for s, m in pairs if middle is not None and s < middle]
    more_mean = _mean(more) if more else None
    less_mean = _mean(less) if less else None
    enough = len(more) >= MIN_PER_SLEEP_GROUP and len(less) >= MIN_PER_SLEEP_GROUP
    if enough and middle is not None and more_mean is not None and less_mean is not None:
        sentence = (
            f"After more than {_hours(middle)} of sleep (your middle value) your mood "
            f"averaged {_score(more_mean)}, and after less than {_hours(middle)} it "
            f"averaged {less_mean:.1f} ({context.span.phrase})."
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


# ---------------------------------------------------------------------------
# Exposure load


def exposure_load(checkins: Sequence[CheckIn], today: date, span: Range) -> ExposureLoad:
    """Tagged incidents in each rolling ``EXPOSURE_WINDOW_DAYS`` days across ``span``."""
    return _exposure_load(_context(checkins, today, span))


def _exposure_load(context: _Context) -> ExposureLoad:
    first = context.first.toordinal()
    last = context.last.toordinal()
    window = EXPOSURE_WINDOW_DAYS
    start = first - (window - 1)
    tags = [0] * (last - start + 1)
    present = [0] * (last - start + 1)
    for day, found in context.by_day.items():
        if start <= day <= last:
            tags[day - start] = sum(len(c.exposures) for c in found)
            present[day - start] = len(found)

    counts: list[int | None] = []
    tag_sum = sum(tags[: window - 1])
    seen = sum(present[: window - 1])
    for index in range(window - 1, len(tags)):
        tag_sum += tags[index]
        seen += present[index]
        counts.append(tag_sum if seen else None)
        tag_sum -= tags[index - window + 1]
        seen -= present[index - window + 1]

    inside = context.in_range()
    by_tag = Counter(code for c in inside for code in c.exposures)
    order = list(EXPOSURES)
    ranked = tuple(
        sorted(by_tag.items(), key=lambda item: (-item[1], _catalogue_index(order, item[0])))
    )
    total = sum(by_tag.values())
    tagged_days = tuple(sorted({c.date for c in inside if c.exposures}))
    dates = tuple(date.fromordinal(day) for day in range(first, last + 1))

    enough = bool(inside)
    latest = counts[-1] if counts else None
    phrase = context.span.phrase
    if not enough:
        sentence = "No check-ins in this range yet, so there are no tagged incidents to count."
    elif latest is None:
        tagged = f"you tagged {_count(total, 'incident')}" if total else "no incidents were tagged"
        sentence = f"No check-ins in the last {window} days; {tagged} in all ({phrase})."
    elif total == 0:
        sentence = f"You tagged no incidents ({phrase})."
    else:
        recent = "no incidents" if latest == 0 else _count(latest, "incident")
        sentence = (
            f"You tagged {recent} in the last {window} days, and "
            f"{_count(total, 'incident')} in all ({phrase})."
        )
    return ExposureLoad(
        context.first,
        context.last,
        dates,
        tuple(counts),
        tagged_days,
        ranked,
        total,
        sentence,
        enough,
    )


def _catalogue_index(order: list[str], code: str) -> int:
    return order.index(code) if code in order else len(order)


# ---------------------------------------------------------------------------
# Rest days


def rest_days(checkins: Sequence[CheckIn], today: date, span: Range = Range.ALL) -> RestDays:
    """Days since the most recent check-in marked as a rest day, up to ``today``.

    This looks at every check-in up to today, not only the range: "days
    since" is about now. Only what was recorded counts, so the sentence says
    "recorded rest day".
    """
    return _rest_days(_context(checkins, today, span))


def _rest_days(context: _Context) -> RestDays:
    today = context.today
    last_rest: date | None = None
    shifts_since = 0
    for checkin in reversed(context.ordered):
        if checkin.shift_type is ShiftType.REST_DAY:
            last_rest = checkin.date
            break
        if checkin.shift_type in WORKING_SHIFTS:
            shifts_since += 1
    if last_rest is None:
        return RestDays(
            today, None, None, 0, "No rest day is recorded in your check-ins yet.", False
        )
    days = (today - last_rest).days
    if days == 0:
        sentence = "Today is a recorded rest day."
    else:
        when = "yesterday" if days == 1 else f"{days} days ago, on {_long_date(last_rest)}"
        sentence = f"Your last recorded rest day was {when}"
        if shifts_since:
            sentence += f", and you have recorded {_count(shifts_since, 'shift')} since"
        sentence += "."
    return RestDays(today, last_rest, days, shifts_since, sentence, True)


# ---------------------------------------------------------------------------
# Year in pixels


def _months(first: date, last: date) -> tuple[date, ...]:
    months: list[date] = []
    index = first.year * 12 + first.month - 1
    end = last.year * 12 + last.month - 1
    while index <= end:
        year, month = divmod(index, 12)
        months.append(date(year, month + 1, 1))
        index += 1
    return tuple(months)


def year_in_pixels(checkins: Sequence[CheckIn], today: date, span: Range) -> YearInPixels:
    """Mean mood for each day in ``span``, laid out as months by days of the month."""
    return _year_in_pixels(_context(checkins, today, span))


def _year_in_pixels(context: _Context) -> YearInPixels:
    first, last = context.first, context.last
    months = _months(first, last)
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
                row.append(_mean([c.mood for c in found]))
            else:
                row.append(None)
        values.append(tuple(row))
        shown.append(tuple(valid))

    enough = with_checkins > 0
    if enough:
        sentence = f"You checked in on {with_checkins} of the {_count(days_shown, 'day')} shown"
        ranked = moods.most_common(2)
        if len(ranked) == 1 or ranked[0][1] > ranked[1][1]:  # only a clear most often
            sentence += f", and the mood you recorded most often was {ranked[0][0]} out of 5"
        sentence += f" ({context.span.phrase})."
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


# ---------------------------------------------------------------------------
# The true picture


def true_picture(checkins: Sequence[CheckIn], today: date, span: Range) -> TruePicture:
    """How many check-ins listed each activity (what the shift involved), per month."""
    return _true_picture(_context(checkins, today, span))


def _true_picture(context: _Context) -> TruePicture:
    months = _months(context.first, context.last)
    column = {(m.year, m.month): index for index, m in enumerate(months)}
    per_code: dict[str, list[int]] = {}
    with_activities = 0
    for checkin in context.in_range():
        if not checkin.activities:
            continue
        with_activities += 1
        index = column[(checkin.date.year, checkin.date.month)]
        for code in checkin.activities:
            per_code.setdefault(code, [0] * len(months))[index] += 1
    order = list(ACTIVITIES)
    codes = tuple(
        sorted(per_code, key=lambda code: (-sum(per_code[code]), _catalogue_index(order, code)))
    )
    counts = tuple(tuple(per_code[code]) for code in codes)
    totals = tuple(sum(row) for row in counts)

    enough = with_activities > 0
    if enough:
        named = [
            f"{_lower_first(ACTIVITIES.get(code, code))} ({_count(total, 'shift')})"
            for code, total in zip(codes[:TRUE_PICTURE_TOP], totals, strict=False)
        ]
        sentence = (
            f"Over the {context.span.phrase}, your shifts most often involved {_join(named)}."
            if context.span is not Range.ALL
            else f"Across all check-ins, your shifts most often involved {_join(named)}."
        )
    else:
        sentence = "None of the check-ins in this range record what the shift involved yet."
    return TruePicture(
        context.first,
        context.last,
        months,
        codes,
        counts,
        totals,
        with_activities,
        sentence,
        enough,
    )


# ---------------------------------------------------------------------------
# Everything at once


def insights_for(checkins: Sequence[CheckIn], today: date, span: Range) -> Insights:
    """Every insight for ``span``, sorting and grouping the check-ins only once."""
    context = _context(checkins, today, span)
    return Insights(
        span=span,
        first=context.first,
        last=context.last,
        scores=_score_trends(context),
        sleep=_sleep_trends(context),
        shifts=_shift_comparison(context),
        sleep_mood=_sleep_and_mood(context),
        exposure=_exposure_load(context),
        rest=_rest_days(context),
        year=_year_in_pixels(context),
        true_picture=_true_picture(context),
    )
