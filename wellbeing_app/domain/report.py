"""What a report for a GP or occupational health says, as plain numbers (no drawing here).

The report is the person's own summary of their own notes, for someone they
choose to show it to. Its numbers come from the check-ins between two dates
(both included) and are worded like the rest of the app: counts and
averages, never a verdict. ``charts.report_pdf`` lays them out as a PDF, with
the same charts and sentences as Trends.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final

from wellbeing_app.domain.catalogue import EXPOSURES, SHIFT_LABELS, WORKING_SHIFTS, ShiftType
from wellbeing_app.domain.checkin import CheckIn, oldest_first
from wellbeing_app.domain.dates import day_month_year
from wellbeing_app.domain.insights.wording import count, score

REST_DAY_CANCELLED: Final = "rest_day_cancelled"
NOT_A_CLINICAL_RECORD: Final = (
    "Prepared by the person it is about from their own private notes; not a clinical record."
)


@dataclass(frozen=True, slots=True)
class Fact:
    """One line of the numbers page: what is counted, and its plain value."""

    label: str
    value: str


@dataclass(frozen=True, slots=True)
class ReportNumbers:
    """The plain numbers for the check-ins from ``first`` to ``last``."""

    first: date
    last: date
    checkins: int
    days: int
    mood: float | None
    stress: float | None
    energy: float | None
    sleep_hours: float | None
    shifts: dict[ShiftType, int]  # days of each shift type (a day counts once per type)
    hours_worked: float
    overtime_hours: float
    incidents: dict[str, int]  # check-ins tagged with each kind, most first
    rest_days_cancelled: int
    # From the rota, when one is set: changeovers under 11 hours, and every gap between shifts.
    quick_changeovers: tuple[int, int] | None = None

    @property
    def nights(self) -> int:
        return self.shifts.get(ShiftType.NIGHT, 0)

    @property
    def range_words(self) -> str:
        return f"{day_month_year(self.first)} to {day_month_year(self.last)}"

    def facts(self) -> list[Fact]:
        """The numbers as label and value, in the order the page lists them."""

        def average(value: float | None) -> str:
            return "not recorded" if value is None else score(value)

        worked = sum(n for shift, n in self.shifts.items() if shift in WORKING_SHIFTS)
        lines = [
            Fact("Check-ins", f"{self.checkins} on {count(self.days, 'day')}"),
            Fact("Average mood", average(self.mood)),
            Fact("Average stress", average(self.stress)),
            Fact("Average energy", average(self.energy)),
            Fact(
                "Average sleep",
                "not recorded"
                if self.sleep_hours is None
                else f"{self.sleep_hours:.1f} hours a night",
            ),
            Fact("Days worked", str(worked)),
            Fact("Nights worked", str(self.nights)),
        ]
        lines += [
            Fact(f"{SHIFT_LABELS[shift]} shifts", str(self.shifts[shift]))
            for shift in ShiftType
            if shift not in (ShiftType.NIGHT, ShiftType.REST_DAY) and self.shifts.get(shift)
        ]
        lines += [
            Fact("Rest days", str(self.shifts.get(ShiftType.REST_DAY, 0))),
            Fact("Rest days cancelled", str(self.rest_days_cancelled)),
        ]
        if self.quick_changeovers is not None:
            quick, gaps = self.quick_changeovers
            lines.append(
                Fact(
                    "Quick changeovers (under 11 hours between shifts, from the rota)",
                    f"{quick} of {gaps}",
                )
            )
        lines += [
            Fact("Hours worked (where recorded)", f"{self.hours_worked:g}"),
            Fact("Overtime hours (where recorded)", f"{self.overtime_hours:g}"),
            Fact(
                "Check-ins with a distressing incident tagged",
                str(sum(self.incidents.values())) if self.incidents else "0",
            ),
        ]
        return lines


def report_numbers(checkins: Sequence[CheckIn], first: date, last: date) -> ReportNumbers:
    """Count and average the check-ins dated ``first`` to ``last`` (both included)."""
    chosen = sorted((c for c in checkins if first <= c.date <= last), key=oldest_first)

    def mean_of(values: list[float]) -> float | None:
        return sum(values) / len(values) if values else None

    shift_days: dict[ShiftType, set[date]] = {}
    incidents: Counter[str] = Counter()
    for checkin in chosen:
        if checkin.shift_type is not None:
            shift_days.setdefault(checkin.shift_type, set()).add(checkin.date)
        incidents.update(set(checkin.exposures))
    ranked = sorted(incidents.items(), key=lambda item: (-item[1], list(EXPOSURES).index(item[0])))
    return ReportNumbers(
        first=first,
        last=last,
        checkins=len(chosen),
        days=len({c.date for c in chosen}),
        mood=mean_of([float(c.mood) for c in chosen]),
        stress=mean_of([float(c.stress) for c in chosen if c.stress is not None]),
        energy=mean_of([float(c.energy) for c in chosen if c.energy is not None]),
        sleep_hours=mean_of([c.sleep_hours for c in chosen if c.sleep_hours is not None]),
        shifts={shift: len(days) for shift, days in shift_days.items()},
        hours_worked=sum(c.hours_worked or 0.0 for c in chosen),
        overtime_hours=sum(c.overtime_hours or 0.0 for c in chosen),
        incidents=dict(ranked),
        rest_days_cancelled=sum(REST_DAY_CANCELLED in c.activities for c in chosen),
    )
