"""Reminders for the tray: what timing is fed, the locked reminder file, and what was put off.

The timing itself is pure (``domain.reminders``). While the vault is
unlocked it is fed the rota's shifts and, of the check-ins, only when each
was made and whether it carried an exposure tag. While it is locked it is
fed the reminder file, if the user opted in to "Remind me even when
locked"; otherwise nothing, and no reminder comes.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Final

from wellbeing_app.domain.reminder_settings import ReminderSettings
from wellbeing_app.domain.reminders import (
    LOOK_BACK,
    CheckInMark,
    Dismissals,
    Reminder,
    ShiftTimes,
    awaiting_check_in,
    from_locked_record,
    locked_record,
    not_today,
    reminder_plan,
    shift_times,
    snooze,
)
from wellbeing_app.domain.rota.model import LONDON, Shift

if TYPE_CHECKING:
    from wellbeing_app.services.session import Session

LOCKED_DAYS: Final = 14
"""How many days of shift times the reminder file holds."""

ShiftsSource = Callable[[date, date], Sequence[Shift]]
"""The rota's shifts that start from the first day to the last (both included)."""


def session_shifts(session: Session) -> ShiftsSource:
    """The rota's shifts through the one door (none when no rota is set)."""
    return session.shifts_between


@dataclass(frozen=True, slots=True)
class Timing:
    """What the timing is fed: shift times and check-in marks (never a check-in's words)."""

    shifts: tuple[ShiftTimes, ...] = ()
    marks: tuple[CheckInMark, ...] = ()


def timing_unlocked(session: Session, shifts: ShiftsSource, now: datetime) -> Timing:
    """The shifts from two days ago to a fortnight ahead, and the last 40 days' check-in marks."""
    today = now.astimezone(LONDON).date()
    checkins = session.checkins_between(today - LOOK_BACK, today + timedelta(days=1), text=False)
    marks = tuple(CheckInMark(c.date, c.created_at, bool(c.exposures)) for c in checkins)
    timed = shift_times(shifts(today - timedelta(days=2), today + timedelta(days=LOCKED_DAYS)))
    return Timing(timed, marks)


# -- the reminder file ---------------------------------------------------------------------

_reported: set[Path] = set()


def write_locked_timing(
    folder: Path, timing: Timing, settings: ReminderSettings, now: datetime
) -> None:
    """Write the reminder file: the shifts still waiting for a check-in, for the next 14 days.

    Only shift times and the settings go in; a shift already checked in is
    left out, so its reminder does not come while locked.
    """
    from wellbeing_app.storage.reminder_file import write_reminder_file

    horizon = now.astimezone(UTC) + timedelta(days=LOCKED_DAYS)
    waiting = awaiting_check_in(timing.shifts, timing.marks, now)
    keep = [s for s in waiting if s.start.astimezone(UTC) <= horizon]
    payload = json.dumps(locked_record(keep, settings), separators=(",", ":")).encode()
    write_reminder_file(folder, payload)
    _reported.discard(folder)


def locked_timing(folder: Path) -> tuple[Timing, ReminderSettings] | None:
    """What the reminder file gives; None when there is none or it cannot be read.

    A damaged file means no reminders and one quiet line in the event log
    (once per run), never an error in the user's face.
    """
    from wellbeing_app.event_log import record, start_event_log
    from wellbeing_app.storage.reminder_file import ReminderFileDamaged, read_reminder_file

    try:
        payload = read_reminder_file(folder)
        if payload is None:
            return None
        shifts, settings = from_locked_record(json.loads(payload))
    except (ReminderFileDamaged, ValueError, RecursionError):
        if folder not in _reported:
            _reported.add(folder)
            start_event_log(folder)
            record("reminder file unreadable")
        return None
    return Timing(shifts), settings


def forget_locked_timing(folder: Path) -> None:
    """Remove the reminder file and its key ("Remind me even when locked" turned off)."""
    from wellbeing_app.storage.reminder_file import remove_reminder_file

    remove_reminder_file(folder)


def has_locked_timing(folder: Path) -> bool:
    from wellbeing_app.storage.reminder_file import reminder_file

    return reminder_file(folder).exists()


# -- what the tray asks each minute -----------------------------------------------------------


class Reminders:
    """The reminder showing now, each shown once, and what the user snoozed or put off.

    ``check`` gives a reminder only the first time it is due (again after a
    snooze runs out); ``showing`` is the one the tray menu's Snooze and
    "Not today" act on.
    """

    def __init__(self) -> None:
        self.dismissals = Dismissals()
        self.showing: Reminder | None = None
        self.next_at: datetime | None = None
        self._shown: set[tuple[str, datetime]] = set()

    def check(self, timing: Timing, settings: ReminderSettings, now: datetime) -> Reminder | None:
        plan = reminder_plan(timing.shifts, timing.marks, settings, self.dismissals, now)
        self.showing, self.next_at = plan.due, plan.next_at
        due = plan.due
        if due is None or (due.key, due.at) in self._shown:
            return None
        self._shown.add((due.key, due.at))
        return due

    def snooze(self, now: datetime) -> None:
        if self.showing is not None:
            self.dismissals = snooze(self.dismissals, self.showing, now)
            self.showing = None

    def not_today(self, now: datetime) -> None:
        self.dismissals = not_today(self.dismissals, now)
        self.showing = None

    def settled(self) -> None:
        """The user went to check in: the reminder showing is done with for now."""
        self.showing = None
