"""Hours and overtime per 4 weeks, and rest days cancelled or worked.

Hours are the real elapsed length of each worked shift (so the October
clock change adds an hour), counted in the period of the day the shift
starts. A worked entry without times counts only the overtime recorded on
it. Overtime is what the rota's changes say: extra hours at the end of a
shift, and every hour of a rest day worked. Overtime written in check-ins
is shown beside it (``recorded_overtime_hours``) and never added to it,
since the two often describe the same hours.

Periods of 4 weeks are counted back from the last day of the range, so
the most recent period is always whole; the oldest may be shorter.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from wellbeing_app.domain.checkin import CheckIn
from wellbeing_app.domain.rota import wording
from wellbeing_app.domain.rota.model import Shift

PERIOD_DAYS: Final = 28
REST_DAY_CANCELLED: Final = "rest_day_cancelled"
"""The true-picture activity a check-in uses for a rest day cancelled."""


@dataclass(frozen=True, slots=True)
class HoursPeriod:
    """Hours in one period; ``is_complete`` is False for a period shorter than 4 weeks."""

    first: date
    last: date
    hours_worked: float
    overtime_hours: float
    recorded_overtime_hours: float
    shifts_worked: int

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    @property
    def is_complete(self) -> bool:
        return self.days == PERIOD_DAYS


@dataclass(frozen=True, slots=True)
class HoursByPeriod:
    """Hours worked and overtime in each 4-week period of the range, oldest first."""

    first: date
    last: date
    periods: tuple[HoursPeriod, ...]
    sentence: str

    @property
    def total_hours(self) -> float:
        return sum(p.hours_worked for p in self.periods)

    @property
    def total_overtime(self) -> float:
        return sum(p.overtime_hours for p in self.periods)

    @property
    def is_empty(self) -> bool:
        return all(p.shifts_worked == 0 for p in self.periods)


def _period_bounds(first: date, last: date) -> list[tuple[date, date]]:
    bounds: list[tuple[date, date]] = []
    end = last
    while end >= first:
        start = max(first, end - timedelta(days=PERIOD_DAYS - 1))
        bounds.append((start, end))
        end = start - timedelta(days=1)
    return bounds[::-1]


def worked_hours(shift: Shift) -> float:
    """Hours a shift counts for: its real length, or only its overtime when it has no times."""
    if not shift.is_worked:
        return 0.0
    hours = shift.hours
    return hours if hours is not None else shift.overtime_hours


def hours_by_period(
    shifts: Sequence[Shift], checkins: Sequence[CheckIn], first: date, last: date
) -> HoursByPeriod:
    """Hours worked and overtime per 4 weeks from ``first`` to ``last`` (see the module)."""
    periods: list[HoursPeriod] = []
    for start, end in _period_bounds(first, last):
        inside = [s for s in shifts if s.is_worked and start <= s.date <= end]
        recorded = sum(c.overtime_hours or 0.0 for c in checkins if start <= c.date <= end)
        periods.append(
            HoursPeriod(
                start,
                end,
                hours_worked=sum(worked_hours(s) for s in inside),
                overtime_hours=sum(s.overtime_hours for s in inside),
                recorded_overtime_hours=recorded,
                shifts_worked=len(inside),
            )
        )
    return HoursByPeriod(first, last, tuple(periods), _hours_sentence(shifts, periods, first, last))


def _hours_sentence(
    shifts: Sequence[Shift], periods: list[HoursPeriod], first: date, last: date
) -> str:
    in_range = [s for s in shifts if first <= s.date <= last]
    if not in_range or not periods:
        return wording.NO_SHIFTS
    if not any(s.is_worked for s in in_range):
        return f"No worked shifts {wording.span(first, last)}."
    latest = periods[-1]
    length = "4 weeks" if latest.is_complete else wording.count(latest.days, "day")
    text = (
        f"In the {length} {wording.span(latest.first, latest.last)} you worked "
        f"{wording.hours(latest.hours_worked)}"
    )
    if latest.overtime_hours > 0:
        text += f", {wording.number(latest.overtime_hours)} of them overtime"
    complete = [p for p in periods if p.is_complete]
    if len(complete) >= 2:
        mean = sum(p.hours_worked for p in complete) / len(complete)
        text += f"; across {len(complete)} periods of 4 weeks the average was {wording.hours(mean)}"
    if latest.recorded_overtime_hours > 0:
        text += (
            f"; your check-ins record {wording.hours(latest.recorded_overtime_hours)} "
            "of overtime in that time"
        )
    return text + "."


# ---------------------------------------------------------------------------
# Rest days cancelled or worked


@dataclass(frozen=True, slots=True)
class RestDaysCancelled:
    """Rest days cancelled or worked from ``first`` to ``last``.

    ``from_rota`` are days the rota's changes mark as a rest day cancelled;
    ``from_checkins`` are days of check-ins with the ``rest_day_cancelled``
    activity; ``dates`` joins the two. ``rostered_rest_days`` counts the
    days the rota gives as rest days, those cancelled included.
    """

    first: date
    last: date
    dates: tuple[date, ...]
    from_rota: tuple[date, ...]
    from_checkins: tuple[date, ...]
    rostered_rest_days: int
    sentence: str

    @property
    def count(self) -> int:
        return len(self.dates)


def rest_days_cancelled(
    shifts: Sequence[Shift], checkins: Sequence[CheckIn], first: date, last: date
) -> RestDaysCancelled:
    """Rest days cancelled or worked, from the rota's changes and from check-ins."""
    in_range = [s for s in shifts if first <= s.date <= last]
    from_rota = sorted({s.date for s in in_range if s.rest_day_cancelled})
    from_checkins = sorted(
        {c.date for c in checkins if first <= c.date <= last and REST_DAY_CANCELLED in c.activities}
    )
    rostered = len({s.date for s in in_range if not s.is_worked or s.rest_day_cancelled})
    dates = sorted({*from_rota, *from_checkins})
    return RestDaysCancelled(
        first,
        last,
        tuple(dates),
        tuple(from_rota),
        tuple(from_checkins),
        rostered,
        _rest_sentence(bool(in_range), len(dates), rostered, first, last),
    )


def _rest_sentence(has_shifts: bool, lost: int, rostered: int, first: date, last: date) -> str:
    when = wording.span(first, last)
    if lost == 0:
        if not has_shifts:
            return wording.NO_SHIFTS
        if rostered == 0:
            return f"The rota has no rest days {when}."
        if rostered == 1:
            return f"Your one rest day {when} was not cancelled or worked."
        return f"None of your {wording.count(rostered, 'rest day')} {when} was cancelled or worked."
    verb = "was" if lost == 1 else "were"
    if 0 < rostered and lost <= rostered:
        return (
            f"{lost} of your {wording.count(rostered, 'rest day')} {when} {verb} "
            "cancelled or worked."
        )
    return f"{wording.count(lost, 'rest day')} {when} {verb} cancelled or worked."
