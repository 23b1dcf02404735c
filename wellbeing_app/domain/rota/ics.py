"""Reading a roster exported as an iCalendar (.ics) file into shifts.

``read_ics`` takes the file's bytes (the caller reads at most
``MAX_ICS_BYTES + 1`` of them) and returns the shifts that start in a date
window, or raises ``RotaFileError`` with one plain line. It parses with
``icalendar`` and expands repeats (RRULE, RDATE, EXDATE, RECURRENCE-ID
overrides) with ``recurring-ical-events``.

How events are read:

* **Times.** A time with a zone (TZID, with or without a VTIMEZONE block,
  or UTC) is converted to Europe/London. A floating time (no zone), or a
  TZID nobody knows, is read as Europe/London wall-clock time, by the
  same RFC 5545 rule as the pattern.
* **Whose day.** A shift belongs to the London date it starts on, so a
  night from 22:00 to 07:00 is one shift on its first day.
* **All-day events** give one entry per day they cover (their type from
  the word rules, otherwise a rest day). So do timed events longer than
  24 hours or running from midnight to midnight, which some calendars
  write instead of all-day events.
* **No end.** A timed event with no end (or an end equal to its start)
  keeps its start and has no end.
* **Cancelled** events (STATUS:CANCELLED) are left out.
* **Shared UIDs.** A RECURRENCE-ID override replaces its one instance.
  Events that share a UID without a RECURRENCE-ID are versions of one
  event, and only those with the highest SEQUENCE count; if several of
  those remain and none repeats, each different start is kept as its own
  shift (some rostering systems give every shift the same UID), and copies
  with the same start collapse to the last one in the file. Identical
  shifts from different events appear once.
* **Privacy.** An event's summary is read only to choose the shift type;
  it is never stored and never quoted in an error.

Bounds: at most ``MAX_ICS_BYTES`` of file, ``MAX_CALENDAR_EVENTS`` event
blocks, ``MAX_REPEATING_EVENTS`` repeating ones, none repeating more often
than daily, and ``MAX_SHIFTS_READ`` shifts in the window.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from typing import Final

import icalendar
import recurring_ical_events  # type: ignore[import-untyped]
from icalendar import Component

from wellbeing_app.domain.catalogue import ShiftType
from wellbeing_app.domain.rota import wording
from wellbeing_app.domain.rota.errors import InvalidRota, RotaFileError
from wellbeing_app.domain.rota.mapping import DEFAULT_MAPPING, ShiftMapping
from wellbeing_app.domain.rota.model import (
    EARLIEST_ROTA_DATE,
    LATEST_ROTA_DATE,
    LONDON,
    Shift,
    ShiftSource,
    london_from_wall_clock,
)

MAX_ICS_BYTES: Final = 10_000_000
"""Largest file accepted (10 MB); a year's roster is usually well under 1 MB."""
MAX_CALENDAR_EVENTS: Final = 20_000
MAX_REPEATING_EVENTS: Final = 1_000
MAX_SHIFTS_READ: Final = 10_000
MAX_WINDOW_DAYS: Final = 3_700
IMPORT_DAYS_BEFORE: Final = 366
IMPORT_DAYS_AFTER: Final = 366

_SUB_DAILY: Final = frozenset({"SECONDLY", "MINUTELY", "HOURLY"})
_TIME_PROPERTIES: Final = ("DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE")
_EVENT_BEGIN: Final = re.compile(r"^BEGIN:VEVENT[ \t]*\r?$", re.IGNORECASE | re.MULTILINE)
_ONE_DAY: Final = timedelta(days=1)


def import_window(today: date) -> tuple[date, date]:
    """The dates a roster file is read for: about a year either side of ``today``."""
    first = max(today - timedelta(days=IMPORT_DAYS_BEFORE), EARLIEST_ROTA_DATE)
    last = min(today + timedelta(days=IMPORT_DAYS_AFTER), LATEST_ROTA_DATE)
    return first, last


def read_ics(
    data: bytes,
    *,
    first: date,
    last: date,
    mapping: ShiftMapping = DEFAULT_MAPPING,
) -> tuple[Shift, ...]:
    """The shifts in a calendar file that start from ``first`` to ``last``, oldest first.

    Every shift has source ``ics``; rest days have no times. Raises
    ``RotaFileError`` when the file is too large, empty, not a calendar,
    damaged, has no events in the window or far too many.
    """
    if not EARLIEST_ROTA_DATE <= first <= last <= LATEST_ROTA_DATE:
        raise ValueError("the window must run forwards between 1990 and 2100")
    if (last - first).days > MAX_WINDOW_DAYS:
        raise ValueError(f"the window must be at most {MAX_WINDOW_DAYS} days")
    if not isinstance(data, bytes | bytearray):
        raise TypeError("read_ics takes the file's bytes")
    if len(data) > MAX_ICS_BYTES:
        raise RotaFileError(
            f"The file is too large for a rota: {len(data) / 1_000_000:.1f} MB, "
            f"and the limit is {MAX_ICS_BYTES // 1_000_000} MB."
        )
    text = _decoded(bytes(data))
    if not text.strip():
        raise RotaFileError("The file is empty.")
    if not text.lstrip()[:15].upper().startswith("BEGIN:VCALENDAR"):
        raise RotaFileError(
            "This is not a calendar file (.ics): it does not begin with BEGIN:VCALENDAR."
        )
    blocks = _count_event_blocks(text)
    if blocks > MAX_CALENDAR_EVENTS:
        raise RotaFileError(
            f"The calendar file has more than {MAX_CALENDAR_EVENTS:,} events, "
            "far more than a roster; export a shorter date range."
        )
    calendars = _parsed(text)
    events = [event for calendar in calendars for event in calendar.walk("VEVENT")]
    if not events:
        raise RotaFileError("The calendar file has no events in it.")
    _check_events(events)
    for calendar in calendars:
        _settle_shared_uids(calendar)

    shifts: dict[Shift, None] = {}  # a dict keeps order and drops identical repeats
    for event in _occurrences(calendars, first, last):
        try:
            read = _shifts_from_event(event, mapping, first, last)
        except InvalidRota:  # times the model cannot hold, such as a zone far off the map
            raise RotaFileError(
                "The calendar file has an event whose times cannot be used for a shift."
            ) from None
        for shift in read:
            shifts[shift] = None
        if len(shifts) > MAX_SHIFTS_READ:
            raise RotaFileError(
                f"The calendar file has more than {MAX_SHIFTS_READ:,} shifts "
                f"{wording.span(first, last)}, far more than a roster."
            )
    if not shifts:
        raise RotaFileError(f"The calendar file has no events {wording.span(first, last)}.")
    return tuple(sorted(shifts, key=lambda s: s.sort_key))


# ---------------------------------------------------------------------------
# Bytes to calendars


def _decoded(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16, as some Windows tools save
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise RotaFileError("The file's text encoding cannot be read.") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Older exports are often Windows-1252; a summary with a stray byte
        # should not sink the whole roster.
        return data.decode("cp1252", errors="replace")


def _count_event_blocks(text: str) -> int:
    found = 0
    for _ in _EVENT_BEGIN.finditer(text):
        found += 1
        if found > MAX_CALENDAR_EVENTS:
            break
    return found


def _parsed(text: str) -> list[icalendar.Calendar]:
    try:
        components = icalendar.Calendar.from_ical(text, multiple=True)
    except Exception:  # the parser raises many kinds; every one means "damaged"
        raise RotaFileError(
            "The calendar file is damaged: some of its lines are not in iCalendar form."
        ) from None
    calendars = [c for c in components if isinstance(c, icalendar.Calendar)]
    if not calendars:
        raise RotaFileError("The calendar file is damaged: it has no VCALENDAR block.")
    return calendars


def _check_events(events: list[Component]) -> None:
    repeating = 0
    for number, event in enumerate(events, start=1):
        broken = {str(name).upper() for name, _ in event.errors} & set(_TIME_PROPERTIES)
        if broken:
            raise RotaFileError(
                f"Event {number} in the calendar file has a time or repeat "
                f"({sorted(broken)[0]}) that cannot be read."
            )
        if event.get("DTSTART") is None:
            raise RotaFileError(f"Event {number} in the calendar file has no start (DTSTART).")
        rules = event.get("RRULE")
        if rules is not None or event.get("RDATE") is not None:
            repeating += 1
        rule_list = rules if isinstance(rules, list) else [] if rules is None else [rules]
        for rule in rule_list:
            frequency = {str(f).upper() for f in rule.get("FREQ", [])}
            if frequency & _SUB_DAILY:
                raise RotaFileError(
                    f"Event {number} in the calendar file repeats more often than daily, "
                    "which a roster never does."
                )
    if repeating > MAX_REPEATING_EVENTS:
        raise RotaFileError(
            f"The calendar file has more than {MAX_REPEATING_EVENTS:,} repeating events, "
            "far more than a roster."
        )


def _settle_shared_uids(calendar: icalendar.Calendar) -> None:
    """Apply the shared-UID rule in the module docstring before expansion."""
    overridden = {str(e.get("UID")) for e in calendar.walk("VEVENT") if "RECURRENCE-ID" in e}
    versions: dict[str, list[Component]] = {}
    for event in calendar.subcomponents:
        if str(event.name).upper() == "VEVENT" and "UID" in event and "RECURRENCE-ID" not in event:
            versions.setdefault(str(event["UID"]), []).append(event)
    dropped: set[int] = set()
    for uid, group in versions.items():
        if len(group) < 2:
            continue
        top = max(_sequence(e) for e in group)
        current = [e for e in group if _sequence(e) == top]
        dropped.update(id(e) for e in group if _sequence(e) != top)
        repeats = any("RRULE" in e or "RDATE" in e for e in current) or uid in overridden
        if repeats:
            dropped.update(id(e) for e in current[:-1])
            continue
        last_at_start: dict[tuple[str, str], Component] = {}
        for event in current:
            last_at_start[_start_key(event)] = event
        survivors = {id(e) for e in last_at_start.values()}
        dropped.update(id(e) for e in current if id(e) not in survivors)
        if len(survivors) > 1:
            for index, event in enumerate(last_at_start.values()):
                event["UID"] = f"{uid}#{index}"
    if dropped:
        calendar.subcomponents = [c for c in calendar.subcomponents if id(c) not in dropped]


def _sequence(event: Component) -> int:
    try:
        return int(event.get("SEQUENCE", 0))
    except (TypeError, ValueError):
        return 0


def _start_key(event: Component) -> tuple[str, str]:
    start = event["DTSTART"]
    written = start.to_ical()
    text = written.decode("ascii", "replace") if isinstance(written, bytes) else str(written)
    return (text, str(start.params.get("TZID", "")))


def _occurrences(
    calendars: list[icalendar.Calendar], first: date, last: date
) -> Iterator[Component]:
    # A day's margin either side: a zone can move an event across midnight.
    span_start = datetime.combine(first - _ONE_DAY, time(0))
    span_stop = datetime.combine(last + 2 * _ONE_DAY, time(0))
    read = 0
    try:
        for calendar in calendars:
            query = recurring_ical_events.of(calendar)
            # Series by series, lazily, so the count below stops a runaway
            # repeat before it fills memory (``between`` builds one big list).
            for series in query.series:
                for occurrence in series.between(span_start, span_stop):
                    read += 1
                    if read > MAX_SHIFTS_READ:
                        raise RotaFileError(
                            f"The calendar file has more than {MAX_SHIFTS_READ:,} events "
                            f"{wording.span(first, last)}, far more than a roster."
                        )
                    event = occurrence.as_component(False)
                    if str(event.get("STATUS", "")).upper() != "CANCELLED":
                        yield event
    except RotaFileError:
        raise
    except Exception:  # the expander raises many kinds; all mean a bad event
        raise RotaFileError(
            "The calendar file has an event whose times or repeats cannot be worked out."
        ) from None


# ---------------------------------------------------------------------------
# One event to shifts


def _time_value(event: Component, name: str) -> date | None:
    """A DTSTART or DTEND as a ``date`` or ``datetime``, or None when absent."""
    value = getattr(event.get(name), "dt", None)
    return value if isinstance(value, date) else None


def _in_london(value: datetime) -> datetime:
    if value.utcoffset() is None:
        return london_from_wall_clock(value)
    return value.astimezone(LONDON)


def _whole_days(first_day: date, end_day: date, window: tuple[date, date]) -> Iterator[date]:
    """The days from ``first_day`` up to but not including ``end_day``, inside the window."""
    day = max(first_day, window[0])
    stop = min(max(end_day, first_day + _ONE_DAY), window[1] + _ONE_DAY)
    while day < stop:
        yield day
        day += _ONE_DAY


def _shifts_from_event(
    event: Component, mapping: ShiftMapping, first: date, last: date
) -> list[Shift]:
    summary = str(event.get("SUMMARY", ""))
    start_value = _time_value(event, "DTSTART")
    end_value = _time_value(event, "DTEND")
    window = (first, last)
    if start_value is None:
        return []

    if not isinstance(start_value, datetime):
        end_day = end_value if isinstance(end_value, date) else start_value + _ONE_DAY
        return _all_day(summary, mapping, _whole_days(start_value, end_day, window))

    start = _in_london(start_value)
    end = _in_london(end_value) if isinstance(end_value, datetime) else None
    if end is not None and end.astimezone(UTC) <= start.astimezone(UTC):
        end = None
    if end is not None:
        length = end.astimezone(UTC) - start.astimezone(UTC)
        midnight = time(0)
        whole_days = start.time() == midnight and end.time() == midnight
        if length > _ONE_DAY or whole_days:
            last_moment = end - timedelta(microseconds=1)
            days = _whole_days(start.date(), last_moment.date() + _ONE_DAY, window)
            return _all_day(summary, mapping, days)

    if not first <= start.date() <= last:
        return []
    shift_type, tags = mapping.shift_for(summary, start.time())
    if shift_type is ShiftType.REST_DAY:
        return [Shift(start.date(), shift_type, source=ShiftSource.ICS, tags=tags)]
    return [Shift(start.date(), shift_type, start, end, source=ShiftSource.ICS, tags=tags)]


def _all_day(summary: str, mapping: ShiftMapping, days: Iterator[date]) -> list[Shift]:
    shift_type, tags = mapping.shift_for(summary, None)
    return [Shift(day, shift_type, source=ShiftSource.ICS, tags=tags) for day in days]
