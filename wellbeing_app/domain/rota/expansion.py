"""Turning a rota into the shifts of a date range, and taking in a newer roster file.

``shifts_between`` builds each day in order: the imported shifts for that
day if there are any, otherwise the pattern's day; then the day's changes.

* A **swap** replaces everything that day with its shift (or rest day).
* A **rest day cancelled** does the same, marks the shift
  ``rest_day_cancelled`` and counts all of its hours as overtime: they are
  hours beyond the rostered pattern.
* **Overtime** extends the end of the day's last worked shift with times
  by that many real hours (the time really worked). On a worked entry
  without times it is recorded on the entry; on a day with no worked shift
  it becomes an ``other`` entry without times, so the hours still count.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, timedelta

from wellbeing_app.domain.catalogue import ShiftType
from wellbeing_app.domain.rota.model import (
    ChangeKind,
    PatternDay,
    Rota,
    RotaChange,
    Shift,
    ShiftSource,
    london_from_wall_clock,
    london_time,
)


def shift_from_pattern_day(on: date, day: PatternDay, source: ShiftSource) -> Shift:
    """The shift (or rest day) that a pattern day gives on ``on``.

    The end is the start's wall-clock time plus ``hours`` on the clock, so
    the real length changes when the clocks do. In the rare case that both
    ends fall in the March gap and the end would come first, the shift
    keeps its length in real hours instead.
    """
    if day.start is None or day.hours is None:
        return Shift(on, day.shift_type, source=source, tags=day.tags)
    start = london_time(on, day.start)
    clock_length = timedelta(minutes=round(day.hours * 60))
    end = london_from_wall_clock(datetime.combine(on, day.start) + clock_length)
    if end.astimezone(UTC) <= start.astimezone(UTC):
        end = (start.astimezone(UTC) + clock_length).astimezone(start.tzinfo)
    return Shift(on, day.shift_type, start, end, source=source, tags=day.tags)


def _with_overtime(shifts: list[Shift], hours: float, on: date) -> list[Shift]:
    extra = timedelta(minutes=round(hours * 60))
    worked = [i for i, s in enumerate(shifts) if s.is_worked]
    timed = [i for i in worked if shifts[i].has_times]
    if timed:
        index = max(timed, key=lambda i: shifts[i].begins_utc)
        shift = shifts[index]
        assert shift.end is not None
        end = (shift.end.astimezone(UTC) + extra).astimezone(shift.end.tzinfo)
        changed = _replace(shift, end=end, overtime_hours=shift.overtime_hours + hours)
    elif worked:
        index = worked[-1]
        changed = _replace(shifts[index], overtime_hours=shifts[index].overtime_hours + hours)
    else:
        was_rest_day = any(not s.is_worked for s in shifts)
        extra_entry = Shift(
            on,
            ShiftType.OTHER,
            source=ShiftSource.CHANGE,
            overtime_hours=hours,
            rest_day_cancelled=was_rest_day,
        )
        return [extra_entry]
    result = list(shifts)
    result[index] = changed
    return result


def _replace(shift: Shift, *, end: datetime | None = None, overtime_hours: float) -> Shift:
    return Shift(
        shift.date,
        shift.shift_type,
        shift.start,
        end if end is not None else shift.end,
        source=ShiftSource.CHANGE,
        tags=shift.tags,
        overtime_hours=overtime_hours,
        rest_day_cancelled=shift.rest_day_cancelled,
    )


def _apply_changes(on: date, base: list[Shift], changes: Sequence[RotaChange]) -> list[Shift]:
    shifts = base
    for change in changes:
        if change.kind is ChangeKind.OVERTIME:
            continue
        assert change.day is not None
        replacement = shift_from_pattern_day(on, change.day, ShiftSource.CHANGE)
        if change.kind is ChangeKind.REST_DAY_CANCELLED:
            replacement = Shift(
                replacement.date,
                replacement.shift_type,
                replacement.start,
                replacement.end,
                source=ShiftSource.CHANGE,
                tags=replacement.tags,
                overtime_hours=replacement.hours or 0.0,
                rest_day_cancelled=True,
            )
        shifts = [replacement]
    for change in changes:
        if change.kind is ChangeKind.OVERTIME:
            assert change.overtime_hours is not None
            shifts = _with_overtime(shifts, change.overtime_hours, on)
    return shifts


def _by_date(shifts: Iterable[Shift], first: date, last: date) -> dict[date, list[Shift]]:
    grouped: dict[date, list[Shift]] = {}
    for shift in shifts:
        if first <= shift.date <= last:
            grouped.setdefault(shift.date, []).append(shift)
    return grouped


def shifts_between(rota: Rota, first: date, last: date) -> tuple[Shift, ...]:
    """Every shift and rest day that starts from ``first`` to ``last`` (both included).

    Oldest first. Rest days are included, without times. A day with
    nothing in the rota (before the pattern starts, with no imported shift
    and no change) has no entry at all.
    """
    if last < first:
        return ()
    imported = _by_date(rota.imported, first, last)
    changes: dict[date, list[RotaChange]] = {}
    for change in rota.changes:
        if first <= change.date <= last:
            changes.setdefault(change.date, []).append(change)

    result: list[Shift] = []
    day = first
    while day <= last:
        base = sorted(imported.get(day, ()), key=lambda s: s.sort_key)
        if not base and rota.pattern is not None:
            pattern_day = rota.pattern.day_on(day)
            if pattern_day is not None:
                base = [shift_from_pattern_day(day, pattern_day, ShiftSource.PATTERN)]
        todays_changes = changes.get(day)
        if todays_changes:
            base = _apply_changes(day, base, todays_changes)
        result.extend(sorted(base, key=lambda s: s.sort_key))
        day += timedelta(days=1)
    return tuple(result)


def merge_imported(
    existing: Sequence[Shift], new: Sequence[Shift], now: datetime
) -> tuple[Shift, ...]:
    """The imported shifts after reading a newer roster file: the future replaced, the past kept.

    A shift is in the past when it begins before ``now`` (an entry without
    times begins at the midnight its day starts), so a shift under way is
    past and stays as it was. From ``new`` come every shift that begins at
    or after ``now``, and past shifts only on days the existing shifts say
    nothing about, so a first import keeps its history and a newer file
    never rewrites a day already recorded. Exact duplicates appear once.
    """
    if now.utcoffset() is None:
        raise ValueError("now must be a time with a time zone")
    cut = now.astimezone(UTC)
    kept = [s for s in existing if s.begins_utc < cut]
    covered = {s.date for s in kept}
    taken = [s for s in new if s.begins_utc >= cut or s.date not in covered]
    unique = dict.fromkeys([*kept, *taken])  # keeps first-seen order, drops repeats
    return tuple(sorted(unique, key=lambda s: s.sort_key))
