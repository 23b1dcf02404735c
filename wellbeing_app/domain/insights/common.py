"""What every insight shares: the ranges, the daily series, and check-ins sorted and grouped once.

``context_for`` sorts the check-ins and groups them by day a single time;
each insight module reads that ``Context`` (``insights_for`` hands the same
one to all of them).
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Final

from wellbeing_app.domain.checkin import CheckIn, oldest_first
from wellbeing_app.domain.dates import day_month_year

ROLLING_DAYS: Final = 7
"""Days in the rolling average window (the day itself and the six before)."""
ROLLING_MIN_DAYS: Final = 3
"""Days with a check-in that a rolling window needs before it shows an average."""


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


def months_between(first: date, last: date) -> tuple[date, ...]:
    """The first day of every month from ``first``'s to ``last``'s, oldest first."""
    months: list[date] = []
    index = first.year * 12 + first.month - 1
    end = last.year * 12 + last.month - 1
    while index <= end:
        year, month = divmod(index, 12)
        months.append(date(year, month + 1, 1))
        index += 1
    return tuple(months)


# ---------------------------------------------------------------------------
# Daily series


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


# ---------------------------------------------------------------------------
# Shared preparation: sort once, group by day once.


@dataclass(frozen=True, slots=True)
class Context:
    """The check-ins for one range, sorted and grouped once for every insight."""

    span: Range
    today: date
    first: date
    last: date
    ordered: tuple[CheckIn, ...]  # oldest first, up to ``last``
    by_day: dict[int, tuple[CheckIn, ...]]  # ordinal -> that day's check-ins, in order
    since: date | None = None  # a first day chosen by date (a report), not by ``span``

    @property
    def phrase(self) -> str:
        """How a sentence names the range: "last 3 months", or "1 March to 31 May 2026"."""
        if self.since is None:
            return self.span.phrase
        return f"{day_month_year(self.first)} to {day_month_year(self.last)}"

    def in_range(self) -> list[CheckIn]:
        low = self.first
        return [c for c in self.ordered if c.date >= low]


def context_for(
    checkins: Sequence[CheckIn], today: date, span: Range, *, since: date | None = None
) -> Context:
    """Sort ``checkins`` oldest first and group them by day, for the range ``span`` (or,
    given ``since``, from that day to ``today``)."""
    first, last = range_bounds(span, today, checkins) if since is None else (since, today)
    ordered = tuple(sorted((c for c in checkins if c.date <= last), key=oldest_first))
    grouped: dict[int, list[CheckIn]] = {}
    for checkin in ordered:
        grouped.setdefault(checkin.date.toordinal(), []).append(checkin)
    by_day = {day: tuple(items) for day, items in grouped.items()}
    return Context(span, today, first, last, ordered, by_day, since)


def mean(values: Sequence[float]) -> float:
    return sum(values) / len(values)


def daily_series(context: Context, pick: Callable[[CheckIn], float | None]) -> DailySeries:
    """The daily mean of ``pick`` across the range, with its rolling average."""
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


def catalogue_index(order: list[str], code: str) -> int:
    """Where ``code`` stands in a catalogue's order; unknown codes after every known one."""
    return order.index(code) if code in order else len(order)
