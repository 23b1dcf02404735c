"""The true cost of the pattern over a date range: every figure at once, for Trends and Today."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from wellbeing_app.domain.checkin import CheckIn
from wellbeing_app.domain.rota.changeovers import QuickChangeovers, quick_changeovers
from wellbeing_app.domain.rota.expansion import shifts_between
from wellbeing_app.domain.rota.model import Rota, Shift
from wellbeing_app.domain.rota.nights import (
    CyclePositions,
    NightRuns,
    cycle_positions,
    night_runs,
)
from wellbeing_app.domain.rota.workload import (
    HoursByPeriod,
    RestDaysCancelled,
    hours_by_period,
    rest_days_cancelled,
)


@dataclass(frozen=True, slots=True)
class PatternCost:
    """Quick changeovers, runs of nights, rest days lost, hours, and positions in the cycle."""

    first: date
    last: date
    shifts: tuple[Shift, ...]
    changeovers: QuickChangeovers
    nights: NightRuns
    rest_days: RestDaysCancelled
    hours: HoursByPeriod
    positions: CyclePositions

    @property
    def sentences(self) -> tuple[str, ...]:
        """One plain sentence per figure, in the order a page shows them."""
        return (
            self.changeovers.sentence,
            self.nights.sentence,
            self.rest_days.sentence,
            self.hours.sentence,
            self.positions.sentence,
        )


def pattern_cost(rota: Rota, checkins: Sequence[CheckIn], first: date, last: date) -> PatternCost:
    """Every true-cost figure for the shifts from ``first`` to ``last`` (both included).

    Check-ins outside the range are ignored.
    """
    shifts = shifts_between(rota, first, last)
    inside = [c for c in checkins if first <= c.date <= last]
    return PatternCost(
        first,
        last,
        shifts,
        quick_changeovers(shifts),
        night_runs(shifts, inside),
        rest_days_cancelled(shifts, inside, first, last),
        hours_by_period(shifts, inside, first, last),
        cycle_positions(shifts, inside),
    )
