"""The reminder settings: kept apart from the timing so that start-up reads them cheaply.

``services.preferences`` loads these before the first window, so this
module imports nothing but the standard library.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import time
from typing import Final

MINUTES_AFTER_RANGE: Final = (0, 240)
DEFAULT_MINUTES_AFTER: Final = 30

_TIME_PATTERN: Final = re.compile(r"([01]\d|2[0-3]):([0-5]\d)")


def _parse_clock(value: object) -> time | None:
    if not isinstance(value, str):
        return None
    found = _TIME_PATTERN.fullmatch(value)
    return time(int(found.group(1)), int(found.group(2))) if found else None


@dataclass(frozen=True, slots=True)
class ReminderSettings:
    """What the user chose. Quiet hours are Europe/London wall-clock times; equal means none."""

    end_of_shift: bool = True
    minutes_after: int = DEFAULT_MINUTES_AFTER
    quiet_hours: bool = False
    quiet_from: time = time(22, 0)
    quiet_until: time = time(7, 0)
    follow_ups: bool = False
    when_locked: bool = False

    def to_record(self) -> dict[str, object]:
        return {
            "end_of_shift": self.end_of_shift,
            "minutes_after": self.minutes_after,
            "quiet_hours": self.quiet_hours,
            "quiet_from": self.quiet_from.strftime("%H:%M"),
            "quiet_until": self.quiet_until.strftime("%H:%M"),
            "follow_ups": self.follow_ups,
            "when_locked": self.when_locked,
        }

    @classmethod
    def from_record(cls, raw: object) -> ReminderSettings:
        """Settings from a stored record, keeping the default for any field missing or wrong."""
        settings = cls()
        if not isinstance(raw, Mapping):
            return settings
        for name in ("end_of_shift", "quiet_hours", "follow_ups", "when_locked"):
            if isinstance(raw.get(name), bool):
                settings = replace(settings, **{name: raw[name]})
        minutes = raw.get("minutes_after")
        low, high = MINUTES_AFTER_RANGE
        if isinstance(minutes, int) and not isinstance(minutes, bool) and low <= minutes <= high:
            settings = replace(settings, minutes_after=minutes)
        quiet_from = _parse_clock(raw.get("quiet_from"))
        if quiet_from is not None:
            settings = replace(settings, quiet_from=quiet_from)
        quiet_until = _parse_clock(raw.get("quiet_until"))
        if quiet_until is not None:
            settings = replace(settings, quiet_until=quiet_until)
        return settings
