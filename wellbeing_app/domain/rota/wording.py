"""Small pieces of plain UK English shared by the rota sentences: counts, hours, dates."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from wellbeing_app.domain.dates import MONTH_NAMES, short_date

if TYPE_CHECKING:
    from wellbeing_app.domain.rota.model import Shift


def count(number: int, singular: str, plural: str | None = None) -> str:
    """``count(1, "night") == "1 night"``; ``count(3, "night") == "3 nights"``."""
    word = singular if number == 1 else (plural if plural is not None else singular + "s")
    return f"{number:,} {word}"


def number(value: float) -> str:
    """A number to one decimal place without a needless ``.0``: 8.0 -> "8", 7.5 -> "7.5"."""
    rounded = round(value, 1)
    if rounded == int(rounded):
        return f"{int(rounded):,}"
    return f"{rounded:,.1f}"


def hours(value: float) -> str:
    """``hours(1) == "1 hour"``; ``hours(10.5) == "10.5 hours"``."""
    text = number(value)
    return f"{text} hour" if text == "1" else f"{text} hours"


def duration(span: timedelta) -> str:
    """A length in whole minutes: "10 hours 59 minutes", "11 hours", "45 minutes"."""
    minutes = round(span.total_seconds() / 60)
    sign = "minus " if minutes < 0 else ""
    whole_hours, rest = divmod(abs(minutes), 60)
    parts = []
    if whole_hours:
        parts.append(count(whole_hours, "hour"))
    if rest or not whole_hours:
        parts.append(count(rest, "minute"))
    return sign + " ".join(parts)


def score(value: float) -> str:
    """A mean score on the five-step scale: "3.2 out of 5"."""
    return f"{value:.1f} out of 5"


def day_month(day: date) -> str:
    return f"{day.day} {MONTH_NAMES[day.month - 1]}"


def long_date(day: date) -> str:
    """``long_date(date(2026, 11, 2)) == "2 November 2026"``."""
    return f"{day_month(day)} {day.year}"


def span(first: date, last: date) -> str:
    """ "between 2 and 29 November 2026", "between 30 October and 26 November 2026"."""
    if first == last:
        return f"on {long_date(first)}"
    if first.year != last.year:
        return f"between {long_date(first)} and {long_date(last)}"
    if first.month != last.month:
        return f"between {day_month(first)} and {long_date(last)}"
    return f"between {first.day} and {long_date(last)}"


NO_SHIFTS = "No shifts in this range yet."
"""What every true-cost sentence says when the range has no shifts at all."""


def shift_line(shift: Shift) -> str:
    """ "Late shift, Fri 4 Dec, 14:00 to 23:00", and a sentence if the clocks change in it."""
    text = f"{shift.shift_type.label} shift, {short_date(shift.date, year=False)}"
    if shift.start is not None and shift.end is not None:
        text += f", {shift.start:%H:%M} to {shift.end:%H:%M}"
    note = shift.clock_change_note
    return f"{text}. {note}" if note else text
