"""When to remind: after a shift ends, and a few days and a month after a tagged incident.

Pure Python, no Qt, no clock of its own: everything is worked out from the
shift times, what is known of the check-ins (only when they were made and
whether they carried an exposure tag), the user's settings, what they
snoozed or put off, and ``now``. The tray asks once a minute.

The words a notification shows are fixed (``REMINDER_TEXTS``): they never
carry what was written, a score or an incident, because a notification can
appear on a shared or locked screen.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from types import MappingProxyType
from typing import Final

from wellbeing_app.domain.reminder_settings import (
    ReminderSettings,
)
from wellbeing_app.domain.rota.model import LONDON, Shift, london_from_wall_clock, london_time

# ---------------------------------------------------------------------------
# The words: fixed, neutral, never anything the user wrote


class ReminderKind(StrEnum):
    END_OF_SHIFT = "end_of_shift"
    """A set time after the rostered end of a shift."""
    FOLLOW_UP_DAYS = "follow_up_days"
    """About 72 hours after a check-in that carried an exposure tag."""
    FOLLOW_UP_MONTH = "follow_up_month"
    """About a month after a check-in that carried an exposure tag."""


REMINDER_TITLE: Final = "Took Home"
REMINDER_TEXTS: Final[Mapping[ReminderKind, str]] = MappingProxyType(
    {
        ReminderKind.END_OF_SHIFT: "Time for your check-in?",
        ReminderKind.FOLLOW_UP_DAYS: "A moment for a check-in?",
        ReminderKind.FOLLOW_UP_MONTH: "A moment for a check-in?",
    }
)

# ---------------------------------------------------------------------------
# Timings

SNOOZE: Final = timedelta(hours=1)
END_OF_SHIFT_WINDOW: Final = timedelta(hours=12)
"""How long after a shift ends its reminder may still come (never once the next one starts)."""
FOLLOW_UPS: Final[Mapping[ReminderKind, tuple[timedelta, timedelta]]] = MappingProxyType(
    {
        # (how long after the tagged check-in, how long it may still come after that)
        ReminderKind.FOLLOW_UP_DAYS: (timedelta(hours=72), timedelta(days=2)),
        ReminderKind.FOLLOW_UP_MONTH: (timedelta(days=30), timedelta(days=7)),
    }
)
RECENT_CHECKIN_COUNTS: Final = timedelta(hours=24)
"""A check-in made this soon before a follow-up is due already is that follow-up."""
LOOK_BACK: Final = timedelta(days=40)
"""How far back check-ins and shifts can matter (the month follow-up and its window)."""

# ---------------------------------------------------------------------------
# What timing is given


@dataclass(frozen=True, slots=True)
class ShiftTimes:
    """A worked shift's start and end (aware times): all that timing needs of a shift."""

    start: datetime
    end: datetime

    def __post_init__(self) -> None:
        if self.start.utcoffset() is None or self.end.utcoffset() is None:
            raise ValueError("shift times need a time zone")
        if self.end.astimezone(UTC) <= self.start.astimezone(UTC):
            raise ValueError("a shift must end after it starts")

    @property
    def day(self) -> date:
        """The day the shift starts, in London (a night belongs to its evening)."""
        return self.start.astimezone(LONDON).date()


def shift_times(shifts: Iterable[Shift]) -> tuple[ShiftTimes, ...]:
    """The worked shifts with both times known, oldest first (rest days have no end to remind)."""
    timed = [
        ShiftTimes(s.start, s.end)
        for s in shifts
        if s.is_worked and s.start is not None and s.end is not None
    ]
    return tuple(sorted(timed, key=lambda t: t.start.astimezone(UTC)))


@dataclass(frozen=True, slots=True)
class CheckInMark:
    """What timing may know of a check-in: its day, when it was made, and whether it was tagged.

    Never its words, scores or which exposure: only that there was one.
    """

    date: date
    created_at: datetime
    tagged: bool = False


@dataclass(frozen=True, slots=True)
class Dismissals:
    """What the user put off: snoozes by reminder key, and "not today" until a moment."""

    snoozed: Mapping[str, datetime] = field(default_factory=lambda: MappingProxyType({}))
    not_before: datetime | None = None


def snooze(dismissals: Dismissals, reminder: Reminder, now: datetime) -> Dismissals:
    """Put ``reminder`` off for an hour from ``now``."""
    snoozed = {**dismissals.snoozed, reminder.key: now.astimezone(UTC) + SNOOZE}
    return replace(dismissals, snoozed=MappingProxyType(snoozed))


def not_today(dismissals: Dismissals, now: datetime) -> Dismissals:
    """No more reminders until midnight in London."""
    tomorrow = now.astimezone(LONDON).date() + timedelta(days=1)
    return replace(dismissals, not_before=london_time(tomorrow, time(0, 0)))


# ---------------------------------------------------------------------------
# What is due


@dataclass(frozen=True, slots=True)
class Reminder:
    """One reminder: its kind, a key that names it across checks, and when it comes.

    ``key`` is built from times only; ``text`` is the fixed text for the kind.
    """

    kind: ReminderKind
    key: str
    at: datetime

    @property
    def title(self) -> str:
        return REMINDER_TITLE

    @property
    def text(self) -> str:
        return REMINDER_TEXTS[self.kind]


@dataclass(frozen=True, slots=True)
class ReminderPlan:
    """The reminder due now (None for none), and when the next one would come."""

    due: Reminder | None
    next_at: datetime | None


@dataclass(frozen=True, slots=True)
class _Candidate:
    kind: ReminderKind
    key: str
    due: datetime
    expires: datetime


def _in_quiet_hours(moment: datetime, settings: ReminderSettings) -> datetime | None:
    """The end of the quiet hours ``moment`` falls in, or None when it is outside them."""
    start, end = settings.quiet_from, settings.quiet_until
    if not settings.quiet_hours or start == end:
        return None
    local = moment.astimezone(LONDON)
    clock = local.time().replace(tzinfo=None)
    day = local.date()
    if start < end:
        return london_time(day, end) if start <= clock < end else None
    if clock >= start:
        return london_time(day + timedelta(days=1), end)
    return london_time(day, end) if clock < end else None


def _checked_in_for(shift: ShiftTimes, marks: Sequence[CheckInMark]) -> bool:
    """A check-in dated the shift's day is its check-in; so is one dated the day a night
    shift ended, made since it began (the morning after, written as "today")."""
    began = shift.start.astimezone(UTC)
    ended_on = shift.end.astimezone(LONDON).date()
    return any(
        m.date == shift.day or (m.date == ended_on and m.created_at.astimezone(UTC) >= began)
        for m in marks
    )


def awaiting_check_in(
    shifts: Sequence[ShiftTimes], marks: Sequence[CheckInMark], now: datetime
) -> tuple[ShiftTimes, ...]:
    """The shifts whose end-of-shift reminder may still come: not over its window, not checked in.

    What the reminder file keeps, so a shift already checked in is not
    reminded while the vault is locked.
    """
    moment = now.astimezone(UTC)
    return tuple(
        s
        for s in shifts
        if s.end.astimezone(UTC) + END_OF_SHIFT_WINDOW > moment and not _checked_in_for(s, marks)
    )


def _end_of_shift(
    shifts: Sequence[ShiftTimes], marks: Sequence[CheckInMark], settings: ReminderSettings
) -> list[_Candidate]:
    found = []
    after = timedelta(minutes=settings.minutes_after)
    ordered = sorted(shifts, key=lambda s: s.start.astimezone(UTC))
    for index, shift in enumerate(ordered):
        if _checked_in_for(shift, marks):
            continue
        end = shift.end.astimezone(UTC)
        expires = end + END_OF_SHIFT_WINDOW
        later = [s.start.astimezone(UTC) for s in ordered[index + 1 :]]
        if later:
            expires = min(expires, min(later))
        found.append(
            _Candidate(ReminderKind.END_OF_SHIFT, f"shift:{end.isoformat()}", end + after, expires)
        )
    return found


def _follow_ups(marks: Sequence[CheckInMark]) -> list[_Candidate]:
    found = []
    made = [m.created_at.astimezone(UTC) for m in marks]
    for mark in marks:
        if not mark.tagged:
            continue
        anchor = mark.created_at.astimezone(UTC)
        wall = mark.created_at.astimezone(LONDON).replace(tzinfo=None)
        for kind, (delay, window) in FOLLOW_UPS.items():
            # The same time of day in London, whatever the clocks did meanwhile.
            due = london_from_wall_clock(wall + delay).astimezone(UTC)
            if any(when >= due - RECENT_CHECKIN_COUNTS for when in made):
                continue  # checked in about then already
            found.append(_Candidate(kind, f"{kind.value}:{anchor.isoformat()}", due, due + window))
    return found


def _comes_at(
    candidate: _Candidate, settings: ReminderSettings, dismissals: Dismissals
) -> datetime | None:
    """When a candidate really comes, after snoozes, "not today" and quiet hours; None if never."""
    at = candidate.due
    snoozed = dismissals.snoozed.get(candidate.key)
    if snoozed is not None:
        at = max(at, snoozed.astimezone(UTC))
    if dismissals.not_before is not None:
        at = max(at, dismissals.not_before.astimezone(UTC))
    quiet_end = _in_quiet_hours(at, settings)
    if quiet_end is not None:
        at = quiet_end.astimezone(UTC)
    return at if at < candidate.expires else None


_ORDER: Final = {kind: index for index, kind in enumerate(ReminderKind)}


def reminder_plan(
    shifts: Sequence[ShiftTimes],
    marks: Sequence[CheckInMark],
    settings: ReminderSettings,
    dismissals: Dismissals,
    now: datetime,
) -> ReminderPlan:
    """Which reminder is due at ``now`` and when the next one comes.

    When several are due, the end-of-shift one comes first, then the oldest.
    A due reminder stays due (the caller shows it once) until a check-in, a
    snooze or "not today" settles it, or its window closes.
    """
    if now.utcoffset() is None:
        raise ValueError("now must be a time with a time zone")
    moment = now.astimezone(UTC)
    candidates: list[_Candidate] = []
    if settings.end_of_shift:
        candidates += _end_of_shift(shifts, marks, settings)
    if settings.follow_ups:
        candidates += _follow_ups(marks)
    due: list[Reminder] = []
    upcoming: list[datetime] = []
    for candidate in candidates:
        at = _comes_at(candidate, settings, dismissals)
        if at is None or moment >= candidate.expires:
            continue
        if at <= moment:
            due.append(Reminder(candidate.kind, candidate.key, at.astimezone(LONDON)))
        else:
            upcoming.append(at)
    due.sort(key=lambda r: (_ORDER[r.kind], r.at.astimezone(UTC)))
    next_at = min(upcoming).astimezone(LONDON) if upcoming else None
    return ReminderPlan(due[0] if due else None, next_at)


# ---------------------------------------------------------------------------
# The record in the reminder file ("Remind me even when locked")

LOCKED_RECORD_VERSION: Final = 1
MAX_LOCKED_SHIFTS: Final = 100


def locked_record(shifts: Sequence[ShiftTimes], settings: ReminderSettings) -> dict[str, object]:
    """What the reminder file holds: shift times and the settings, nothing of any check-in."""
    if len(shifts) > MAX_LOCKED_SHIFTS:
        shifts = shifts[:MAX_LOCKED_SHIFTS]
    return {
        "version": LOCKED_RECORD_VERSION,
        "settings": settings.to_record(),
        "shifts": [
            [s.start.astimezone(UTC).isoformat(), s.end.astimezone(UTC).isoformat()] for s in shifts
        ],
    }


def from_locked_record(raw: object) -> tuple[tuple[ShiftTimes, ...], ReminderSettings]:
    """The shift times and settings back from ``locked_record`` (``ValueError`` if not one)."""
    if not isinstance(raw, Mapping) or raw.get("version") != LOCKED_RECORD_VERSION:
        raise ValueError("not a reminder record this app wrote")
    rows = raw.get("shifts")
    if not isinstance(rows, list) or len(rows) > MAX_LOCKED_SHIFTS:
        raise ValueError("the shift times are not a list of at most 100")
    shifts = []
    for row in rows:
        if not (isinstance(row, list) and len(row) == 2 and all(isinstance(v, str) for v in row)):
            raise ValueError("a shift is not a start and an end")
        shifts.append(ShiftTimes(datetime.fromisoformat(row[0]), datetime.fromisoformat(row[1])))
    return tuple(shifts), ReminderSettings.from_record(raw.get("settings"))
