"""The rota: a repeating pattern, imported shifts, and one-day changes on top; and a ``Shift``.

Times are Europe/London wall-clock times, the way a rota is written. A
shift's ``hours`` are the time that really passes, so a night across the
October clock change is an hour longer than its clock times suggest and one
across the March change an hour shorter (``Shift.clock_change_note`` says
so in words). Every comparison and subtraction goes through UTC: Python
compares and subtracts two times in the same zone by their clock faces,
which is an hour out across a clock change.

**Wall-clock times that do not exist or happen twice** follow RFC 5545
(the iCalendar standard), so a pattern and an imported file agree:

* a time the clocks skip (01:00 to 01:59 on the last Sunday in March) is
  read with the offset from before the change, so 01:30 becomes 02:30 BST;
* a time that happens twice (01:00 to 01:59 on the last Sunday in October)
  is the first of the two, in BST.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from typing import Final, TypeAlias
from zoneinfo import ZoneInfo

from wellbeing_app.domain.catalogue import ShiftType
from wellbeing_app.domain.checkin import MAX_TAGS, tag_problem
from wellbeing_app.domain.rota import wording
from wellbeing_app.domain.rota.errors import refuse
from wellbeing_app.domain.rota.mapping import DEFAULT_MAPPING, ShiftMapping

LONDON: Final = ZoneInfo("Europe/London")

# ``RotaChange`` has a field called ``date``, which hides the type inside its body.
_Date: TypeAlias = date

MAX_CYCLE_DAYS: Final = 366
MAX_PATTERN_SHIFT_HOURS: Final = 24.0
MAX_OVERTIME_HOURS: Final = 24.0
MAX_SHIFT_HOURS: Final = 48.0
"""Longest a single shift may really last, overtime included."""
MAX_CHANGES: Final = 10_000
MAX_IMPORTED_SHIFTS: Final = 50_000
EARLIEST_ROTA_DATE: Final = date(1990, 1, 1)
LATEST_ROTA_DATE: Final = date(2100, 12, 31)


def london_from_wall_clock(wall: datetime) -> datetime:
    """A naive Europe/London wall-clock time as an aware one, by the RFC 5545 rule above."""
    if wall.tzinfo is not None:
        raise ValueError("expected a wall-clock time without a time zone")
    # fold=0 gives the pre-change offset in the March gap and the first
    # (BST) reading in the October overlap; the trip through UTC turns a
    # skipped 01:30 into the 02:30 BST that it really is.
    return wall.replace(tzinfo=LONDON, fold=0).astimezone(UTC).astimezone(LONDON)


def london_time(day: date, wall: time) -> datetime:
    """``wall`` on ``day`` in Europe/London, by the RFC 5545 rule above."""
    return london_from_wall_clock(datetime.combine(day, wall))


def start_of_day(day: date) -> datetime:
    """Midnight at the start of ``day`` in Europe/London (never inside a clock change)."""
    return london_time(day, time(0, 0))


def _whole_minutes(hours: float) -> bool:
    minutes = hours * 60
    return abs(minutes - round(minutes)) < 1e-6


def _check_hours(name: str, value: object, high: float, *, zero_allowed: bool = False) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise refuse(name, value, "is not a number of hours")
    hours = float(value)
    low_ok = hours >= 0 if zero_allowed else hours > 0
    if not math.isfinite(hours) or not low_ok or hours > high:
        low = "from 0" if zero_allowed else "of more than 0"
        raise refuse(name, value, f"is not a length {low} up to {wording.hours(high)}")
    if not _whole_minutes(hours):
        raise refuse(name, value, "is not a whole number of minutes")
    return hours


def _check_tags(tags: object) -> None:
    if not isinstance(tags, tuple) or len(tags) > MAX_TAGS:
        raise refuse("tags", tags, f"must be a list of at most {MAX_TAGS} tags")
    folded: set[str] = set()
    for index, tag in enumerate(tags):
        reason = tag_problem(tag) if isinstance(tag, str) else "is not text"
        if reason is None and tag.casefold() in folded:
            reason = "is listed twice"
        if reason is not None:
            raise refuse(f"tags[{index}]", tag, reason)
        folded.add(tag.casefold())


def _check_date(name: str, value: object) -> date:
    if not isinstance(value, date) or isinstance(value, datetime):
        raise refuse(name, value, "is not a date")
    if not EARLIEST_ROTA_DATE <= value <= LATEST_ROTA_DATE:
        raise refuse(
            name,
            value.isoformat(),
            f"is outside {EARLIEST_ROTA_DATE.isoformat()} to {LATEST_ROTA_DATE.isoformat()}",
        )
    return value


# ---------------------------------------------------------------------------
# The pattern


@dataclass(frozen=True, slots=True)
class PatternDay:
    """One day of a cycle: a rest day, or a shift with its wall-clock start and length.

    ``hours`` is the length on the clock: a 22:00 night of 10 hours ends at
    08:00 whatever the clocks do, so it really lasts 11 hours in October
    and 9 in March.
    """

    shift_type: ShiftType
    start: time | None = None
    hours: float | None = None
    tags: tuple[str, ...] = ()

    @classmethod
    def rest_day(cls) -> PatternDay:
        return cls(ShiftType.REST_DAY)

    @classmethod
    def working(
        cls, shift_type: ShiftType, start: time, hours: float, tags: tuple[str, ...] = ()
    ) -> PatternDay:
        return cls(shift_type, start, hours, tags)

    def __post_init__(self) -> None:
        if not isinstance(self.shift_type, ShiftType):
            raise refuse("shift_type", self.shift_type, "is not a known shift type")
        _check_tags(self.tags)
        if self.shift_type is ShiftType.REST_DAY:
            if self.start is not None or self.hours is not None:
                raise refuse("start", self.start, "must be empty on a rest day")
            return
        if (
            not isinstance(self.start, time)
            or self.start.tzinfo is not None
            or self.start.second
            or self.start.microsecond
        ):
            raise refuse("start", self.start, "is not a wall-clock time in whole minutes")
        if self.hours is None:
            raise refuse("hours", None, "is required for a shift")
        object.__setattr__(
            self, "hours", _check_hours("hours", self.hours, MAX_PATTERN_SHIFT_HOURS)
        )

    @property
    def is_rest_day(self) -> bool:
        return self.shift_type is ShiftType.REST_DAY


@dataclass(frozen=True, slots=True)
class RotaPattern:
    """A cycle of days repeated from ``starts_on`` (day 0 of the cycle) onwards.

    Days before ``starts_on`` have no shift: the pattern says nothing about
    the time before the person began working it.
    """

    days: tuple[PatternDay, ...]
    starts_on: date

    def __post_init__(self) -> None:
        if not isinstance(self.days, tuple) or not 1 <= len(self.days) <= MAX_CYCLE_DAYS:
            raise refuse("days", self.days, f"must list 1 to {MAX_CYCLE_DAYS} days")
        for index, day in enumerate(self.days):
            if not isinstance(day, PatternDay):
                raise refuse(f"days[{index}]", day, "is not a pattern day")
        _check_date("starts_on", self.starts_on)

    def position_on(self, day: date) -> int | None:
        """Where ``day`` falls in the cycle (0 is its first day), or None before it starts."""
        offset = (day - self.starts_on).days
        return None if offset < 0 else offset % len(self.days)

    def day_on(self, day: date) -> PatternDay | None:
        """What the pattern gives for ``day``, or None before the cycle starts."""
        position = self.position_on(day)
        return None if position is None else self.days[position]


# ---------------------------------------------------------------------------
# One-day changes


class ChangeKind(StrEnum):
    SWAP = "swap"
    """The day's shift (or rest day) is replaced by another."""
    OVERTIME = "overtime"
    """Extra hours at the end of the day's worked shift."""
    REST_DAY_CANCELLED = "rest_day_cancelled"
    """A rest day worked: replaced by a shift, all of whose hours count as overtime."""


REPLACING_KINDS: Final = frozenset({ChangeKind.SWAP, ChangeKind.REST_DAY_CANCELLED})


@dataclass(frozen=True, slots=True)
class RotaChange:
    """A change for one day on top of the pattern or the imported shifts."""

    date: date
    kind: ChangeKind
    day: PatternDay | None = None
    overtime_hours: float | None = None

    @classmethod
    def swap(cls, on: _Date, day: PatternDay) -> RotaChange:
        return cls(on, ChangeKind.SWAP, day=day)

    @classmethod
    def overtime(cls, on: _Date, hours: float) -> RotaChange:
        return cls(on, ChangeKind.OVERTIME, overtime_hours=hours)

    @classmethod
    def rest_day_cancelled(cls, on: _Date, day: PatternDay) -> RotaChange:
        return cls(on, ChangeKind.REST_DAY_CANCELLED, day=day)

    def __post_init__(self) -> None:
        _check_date("date", self.date)
        if not isinstance(self.kind, ChangeKind):
            raise refuse("kind", self.kind, "is not a known kind of change")
        if self.kind is ChangeKind.OVERTIME:
            if self.day is not None:
                raise refuse("day", "", "must be empty for overtime")
            if self.overtime_hours is None:
                raise refuse("overtime_hours", None, "is required for overtime")
            hours = _check_hours("overtime_hours", self.overtime_hours, MAX_OVERTIME_HOURS)
            object.__setattr__(self, "overtime_hours", hours)
            return
        if self.overtime_hours is not None:
            raise refuse("overtime_hours", self.overtime_hours, f"must be empty for {self.kind}")
        if not isinstance(self.day, PatternDay):
            raise refuse("day", self.day, f"is required for {self.kind}")
        if self.kind is ChangeKind.REST_DAY_CANCELLED and self.day.is_rest_day:
            raise refuse("day.shift_type", self.day.shift_type.value, "must be a worked shift")


# ---------------------------------------------------------------------------
# A shift


class ShiftSource(StrEnum):
    PATTERN = "pattern"
    ICS = "ics"
    CHANGE = "change"


@dataclass(frozen=True, slots=True, eq=False)
class Shift:
    """One day's shift, or a rest day (no times), as the rota gives it.

    ``date`` is the day the shift starts: a night belongs to the evening it
    began. ``start`` and ``end`` are aware Europe/London times (any aware
    time given is converted); both are None on a rest day and on an
    all-day entry, and ``end`` is None when a calendar event gave no end.
    ``overtime_hours`` is the part of the shift that is overtime.
    Equality and hashing compare instants, not clock faces.
    """

    date: date
    shift_type: ShiftType
    start: datetime | None = None
    end: datetime | None = None
    source: ShiftSource = ShiftSource.PATTERN
    tags: tuple[str, ...] = ()
    overtime_hours: float = 0.0
    rest_day_cancelled: bool = False

    def __post_init__(self) -> None:
        _check_date("date", self.date)
        if not isinstance(self.shift_type, ShiftType):
            raise refuse("shift_type", self.shift_type, "is not a known shift type")
        if not isinstance(self.source, ShiftSource):
            raise refuse("source", self.source, "is not a known source")
        if not isinstance(self.rest_day_cancelled, bool):
            raise refuse("rest_day_cancelled", self.rest_day_cancelled, "is not true or false")
        _check_tags(self.tags)
        object.__setattr__(
            self,
            "overtime_hours",
            _check_hours("overtime_hours", self.overtime_hours, MAX_SHIFT_HOURS, zero_allowed=True),
        )
        for name in ("start", "end"):
            value = getattr(self, name)
            if value is None:
                continue
            if not isinstance(value, datetime) or value.utcoffset() is None:
                raise refuse(name, value, "is not a time with a time zone")
            object.__setattr__(self, name, value.astimezone(LONDON))
        if self.shift_type is ShiftType.REST_DAY and self.start is not None:
            raise refuse("start", self.start.isoformat(), "must be empty on a rest day")
        if self.start is None:
            if self.end is not None:
                raise refuse("end", self.end.isoformat(), "needs a start")
            return
        if self.start.date() != self.date:
            raise refuse("start", self.start.isoformat(), "is not on the shift's date")
        if self.end is not None:
            length = self.end.astimezone(UTC) - self.start.astimezone(UTC)
            if length <= timedelta(0):
                raise refuse("end", self.end.isoformat(), "is not after the start")
            if length > timedelta(hours=MAX_SHIFT_HOURS):
                raise refuse(
                    "end",
                    self.end.isoformat(),
                    f"makes the shift longer than {wording.hours(MAX_SHIFT_HOURS)}",
                )

    # -- identity ----------------------------------------------------------

    def _identity(self) -> tuple[object, ...]:
        return (
            self.date,
            self.shift_type,
            self.start_utc,
            self.end_utc,
            self.source,
            self.tags,
            self.overtime_hours,
            self.rest_day_cancelled,
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Shift):
            return NotImplemented
        return self._identity() == other._identity()

    def __hash__(self) -> int:
        return hash(self._identity())

    # -- what it is --------------------------------------------------------

    @property
    def is_worked(self) -> bool:
        """True for any shift that is not a rest day."""
        return self.shift_type is not ShiftType.REST_DAY

    @property
    def has_times(self) -> bool:
        """True when both the start and the end are known."""
        return self.start is not None and self.end is not None

    @property
    def start_utc(self) -> datetime | None:
        return None if self.start is None else self.start.astimezone(UTC)

    @property
    def end_utc(self) -> datetime | None:
        return None if self.end is None else self.end.astimezone(UTC)

    @property
    def begins_utc(self) -> datetime:
        """The start, or for an entry without times the midnight its day begins, in UTC."""
        start = self.start_utc
        return start if start is not None else start_of_day(self.date).astimezone(UTC)

    @property
    def sort_key(self) -> tuple[datetime, str, tuple[str, ...]]:
        """Oldest first; on one day a rest-day entry comes before the shifts of that day."""
        return (self.begins_utc, self.shift_type.value, self.tags)

    # -- how long ----------------------------------------------------------

    @property
    def hours(self) -> float | None:
        """The time that really passes from start to end, in hours; None without both times."""
        start, end = self.start_utc, self.end_utc
        if start is None or end is None:
            return None
        return (end - start).total_seconds() / 3600

    @property
    def clock_hours(self) -> float | None:
        """The length by the clock on the wall (what the rota's times suggest)."""
        if self.start is None or self.end is None:
            return None
        naive = self.end.replace(tzinfo=None) - self.start.replace(tzinfo=None)
        return naive.total_seconds() / 3600

    @property
    def clock_change_hours(self) -> float:
        """How much longer (positive) or shorter the shift really is than its clock times."""
        real, clock = self.hours, self.clock_hours
        if real is None or clock is None:
            return 0.0
        return round(real - clock, 6)

    @property
    def clock_change_note(self) -> str | None:
        """A plain sentence when the clocks change during the shift, otherwise None."""
        change = self.clock_change_hours
        real = self.hours
        if change == 0 or real is None:
            return None
        size = "an hour" if abs(change) == 1 else wording.hours(abs(change))
        if change > 0:
            return (
                f"The clocks go back during this shift, so it is {size} longer than usual: "
                f"{wording.hours(real)}."
            )
        return (
            f"The clocks go forward during this shift, so it is {size} shorter than usual: "
            f"{wording.hours(real)}."
        )


# ---------------------------------------------------------------------------
# The whole rota


@dataclass(frozen=True, slots=True)
class Rota:
    """Everything the app knows about someone's shifts.

    On a day that has ``imported`` shifts they are used instead of the
    pattern (a roster file is more specific than a repeating cycle);
    ``changes`` then apply on top of either. ``mapping`` holds the user's
    rules for reading calendar files, kept with the rota so they travel
    with it.
    """

    pattern: RotaPattern | None = None
    changes: tuple[RotaChange, ...] = ()
    imported: tuple[Shift, ...] = ()
    mapping: ShiftMapping = field(default=DEFAULT_MAPPING)

    def __post_init__(self) -> None:
        if self.pattern is not None and not isinstance(self.pattern, RotaPattern):
            raise refuse("pattern", self.pattern, "is not a rota pattern")
        if not isinstance(self.mapping, ShiftMapping):
            raise refuse("mapping", self.mapping, "is not a shift mapping")
        if not isinstance(self.changes, tuple) or len(self.changes) > MAX_CHANGES:
            raise refuse("changes", self.changes, f"must be a list of at most {MAX_CHANGES:,}")
        replaced: set[date] = set()
        extended: set[date] = set()
        for index, change in enumerate(self.changes):
            if not isinstance(change, RotaChange):
                raise refuse(f"changes[{index}]", change, "is not a rota change")
            seen = replaced if change.kind in REPLACING_KINDS else extended
            if change.date in seen:
                what = "a replacement" if seen is replaced else "overtime"
                raise refuse(
                    f"changes[{index}].date",
                    change.date.isoformat(),
                    f"already has {what}; change that one instead",
                )
            seen.add(change.date)
        if not isinstance(self.imported, tuple) or len(self.imported) > MAX_IMPORTED_SHIFTS:
            raise refuse(
                "imported", self.imported, f"must be a list of at most {MAX_IMPORTED_SHIFTS:,}"
            )
        for index, shift in enumerate(self.imported):
            if not isinstance(shift, Shift) or shift.source is not ShiftSource.ICS:
                raise refuse(f"imported[{index}]", shift, "is not a shift from a calendar file")

    @property
    def is_empty(self) -> bool:
        return self.pattern is None and not self.changes and not self.imported
