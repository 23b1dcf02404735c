"""Check-ins made by hand for the insights tests: dated by days before TODAY, written in order."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta

from wellbeing_app.domain.catalogue import ShiftType
from wellbeing_app.domain.checkin import CheckIn

TODAY = date(2026, 11, 20)  # a Friday

_clock = itertools.count()


N, E, L, R = ShiftType.NIGHT, ShiftType.EARLY, ShiftType.LATE, ShiftType.REST_DAY


def checkin(day: date | int, mood: int = 3, **fields: object) -> CheckIn:
    """A check-in on ``day`` (a date, or days before TODAY); each one written after the last."""
    when = day if isinstance(day, date) else TODAY - timedelta(days=day)
    stamp = datetime(2020, 1, 1, tzinfo=UTC) + timedelta(minutes=next(_clock))
    return CheckIn(date=when, mood=mood, created_at=stamp, updated_at=stamp, **fields)
