"""Day and month names, and dates worded with them, in plain English whatever the locale."""

from __future__ import annotations

from datetime import date, datetime
from typing import Final

MONTH_NAMES: Final = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAY_NAMES: Final = (
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
)


def weekday_date(day: date) -> str:
    """The day as a sentence names it, without the year: "Tuesday 17 November"."""
    return f"{WEEKDAY_NAMES[day.weekday()]} {day.day} {MONTH_NAMES[day.month - 1]}"


def day_month_year(day: date) -> str:
    """ "3 December 2026"."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def long_date(day: date) -> str:
    """ "Thursday 3 December 2026"."""
    return f"{WEEKDAY_NAMES[day.weekday()]} {day_month_year(day)}"


def day_month(day: date) -> str:
    """ "3 December"."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]}"


def moment(when: datetime) -> str:
    """A time stamp in this computer's time zone: "3 December 2026 at 06:24"."""
    local = when.astimezone()
    return f"{day_month_year(local.date())} at {clock_time(local)}"


def clock_time(when: datetime) -> str:
    """The time of day in this computer's time zone, 24-hour: "06:24"."""
    return f"{when.astimezone():%H:%M}"


def short_date(day: date, *, year: bool = True) -> str:
    """ "Thu 3 Dec 2026" (or "Thu 3 Dec"), for lists and chart tips."""
    text = f"{WEEKDAY_NAMES[day.weekday()][:3]} {day.day} {MONTH_NAMES[day.month - 1][:3]}"
    return f"{text} {day.year}" if year else text
