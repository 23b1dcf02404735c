"""Quick changeovers: less than 11 hours between the end of one shift and the start of the next.

Eleven hours is the daily rest in the Working Time Regulations 1998; here
it is only the line a changeover is counted against. The result is a
count with its context, never a judgement about whether a rota is allowed.

Gaps are real elapsed time (through UTC), so a late that ends at 23:00 on
the Saturday the clocks go back is 12 hours, not 11, before a 10:00 early.
Only worked shifts with both times count. Shifts that overlap or touch
(a court hearing inside a shift, say) are one stretch of work: the gap is
measured from the end of the stretch.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

from wellbeing_app.domain.rota import wording
from wellbeing_app.domain.rota.model import Shift

QUICK_CHANGEOVER_UNDER: Final = timedelta(hours=11)
"""A changeover shorter than this is quick; exactly 11 hours is not."""
DAILY_REST_CONTEXT: Final = "11 hours is the daily rest in the Working Time Regulations 1998."


@dataclass(frozen=True, slots=True)
class Changeover:
    """The gap between the end of one stretch of work and the start of the next."""

    finished: Shift
    next_shift: Shift
    gap: timedelta

    @property
    def gap_hours(self) -> float:
        return self.gap.total_seconds() / 3600


@dataclass(frozen=True, slots=True)
class QuickChangeovers:
    """Quick changeovers among the worked shifts given, with the numbers behind them.

    ``quick`` holds the changeovers under ``QUICK_CHANGEOVER_UNDER``, oldest
    first; ``changeovers`` is how many gaps there were in all and
    ``shortest_gap`` the shortest of them. ``context`` is a sentence a page
    may show beside the count.
    """

    quick: tuple[Changeover, ...]
    changeovers: int
    worked_shifts: int
    shortest_gap: timedelta | None
    sentence: str
    context: str = DAILY_REST_CONTEXT

    @property
    def count(self) -> int:
        return len(self.quick)

    @property
    def is_empty(self) -> bool:
        return self.worked_shifts == 0


@dataclass
class _Stretch:
    start: datetime
    end: datetime
    first: Shift
    last: Shift


def _stretches(shifts: Sequence[Shift]) -> list[_Stretch]:
    timed = sorted((s for s in shifts if s.is_worked and s.has_times), key=lambda s: s.sort_key)
    stretches: list[_Stretch] = []
    for shift in timed:
        start, end = shift.start_utc, shift.end_utc
        assert start is not None and end is not None
        if stretches and start <= stretches[-1].end:
            current = stretches[-1]
            if end >= current.end:
                current.end, current.last = end, shift
            continue
        stretches.append(_Stretch(start, end, shift, shift))
    return stretches


def quick_changeovers(shifts: Sequence[Shift]) -> QuickChangeovers:
    """Count the gaps of less than 11 hours between worked shifts (see the module docstring)."""
    stretches = _stretches(shifts)
    worked = sum(1 for s in shifts if s.is_worked and s.has_times)
    gaps = [
        Changeover(before.last, after.first, after.start - before.end)
        for before, after in zip(stretches, stretches[1:], strict=False)
    ]
    quick = tuple(g for g in gaps if g.gap < QUICK_CHANGEOVER_UNDER)
    shortest = min((g.gap for g in gaps), default=None)
    return QuickChangeovers(
        quick, len(gaps), worked, shortest, _sentence(shifts, worked, len(gaps), quick, shortest)
    )


def _sentence(
    shifts: Sequence[Shift],
    worked: int,
    gaps: int,
    quick: tuple[Changeover, ...],
    shortest: timedelta | None,
) -> str:
    if not shifts:
        return wording.NO_SHIFTS
    if worked == 0:
        return "No worked shifts with start and end times in this range, so no changeovers."
    if gaps == 0:
        return "Only one stretch of work in this range, so there are no changeovers to count yet."
    if not quick:
        return (
            f"No quick changeovers: all {wording.count(gaps, 'gap')} between shifts were "
            "11 hours or more."
            if gaps > 1
            else "No quick changeovers: the one gap between shifts was 11 hours or more."
        )
    assert shortest is not None
    was = "was a quick one" if len(quick) == 1 else "were quick ones"
    return (
        f"{len(quick)} of {wording.count(gaps, 'changeover')} between shifts {was}, "
        f"with less than 11 hours between them; the shortest was {wording.duration(shortest)}."
    )
