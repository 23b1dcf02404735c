"""The rota as JSON-typed records: a shift for the command line, the whole rota for storage.

``shift_to_record`` is the shape ``wellbeing-app rota show --json`` prints:
``{"date", "shift_type", "start", "end", "hours"}``, where ``date`` is the
day the shift starts, times are ISO 8601 with their UTC offset, and rest
days have nulls.

``rota_to_record`` and ``rota_from_record`` carry everything (the pattern,
the changes, the imported shifts and the mapping rules) without loss:
``rota_from_record(rota_to_record(r)) == r``. Reading raises
``InvalidRota`` naming each bad field by its path, for example
``changes[3].overtime_hours``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime, time
from typing import Final, TypeVar

from wellbeing_app.domain.catalogue import ShiftType
from wellbeing_app.domain.checkin import FieldProblem, show_value
from wellbeing_app.domain.rota.errors import InvalidRota
from wellbeing_app.domain.rota.mapping import (
    DEFAULT_MAPPING,
    ShiftMapping,
    TimeBand,
    WordRule,
)
from wellbeing_app.domain.rota.model import (
    MAX_CHANGES,
    MAX_IMPORTED_SHIFTS,
    ChangeKind,
    PatternDay,
    Rota,
    RotaChange,
    RotaPattern,
    Shift,
    ShiftSource,
)

ROTA_RECORD_VERSION: Final = 1
MAX_REPORTED_PROBLEMS: Final = 50
HOURS_DECIMALS: Final = 2
"""Hours in a shift record are rounded to this many places (the times are exact)."""

_DATE: Final = re.compile(r"\d{4}-\d{2}-\d{2}")
_CLOCK: Final = re.compile(r"\d{2}:\d{2}")
_T = TypeVar("_T")


# ---------------------------------------------------------------------------
# Writing


def _clock(value: time | None) -> str | None:
    return None if value is None else value.strftime("%H:%M")


def shift_to_record(shift: Shift) -> dict[str, object]:
    """A shift as the command line prints it; ``hours`` is the real length, rounded."""
    hours = shift.hours
    return {
        "date": shift.date.isoformat(),
        "shift_type": shift.shift_type.value,
        "start": shift.start.isoformat() if shift.start is not None else None,
        "end": shift.end.isoformat() if shift.end is not None else None,
        "hours": round(hours, HOURS_DECIMALS) if hours is not None else None,
    }


def _day_record(day: PatternDay) -> dict[str, object]:
    return {
        "shift_type": day.shift_type.value,
        "start": _clock(day.start),
        "hours": day.hours,
        "tags": list(day.tags),
    }


def _change_record(change: RotaChange) -> dict[str, object]:
    return {
        "date": change.date.isoformat(),
        "kind": change.kind.value,
        "day": _day_record(change.day) if change.day is not None else None,
        "overtime_hours": change.overtime_hours,
    }


def _stored_shift_record(shift: Shift) -> dict[str, object]:
    return {**shift_to_record(shift), "tags": list(shift.tags)}


def mapping_to_record(mapping: ShiftMapping) -> dict[str, object]:
    """The user's rules for reading calendar files, as JSON types."""
    return {
        "rules": [
            {"words": list(r.words), "shift_type": r.shift_type.value, "tag": r.tag}
            for r in mapping.word_rules
        ],
        "times": [
            {"from": _clock(b.starts), "to": _clock(b.ends), "shift_type": b.shift_type.value}
            for b in mapping.time_bands
        ],
    }


def rota_to_record(rota: Rota) -> dict[str, object]:
    """Everything in the rota as JSON types, for the vault and for export."""
    pattern = rota.pattern
    return {
        "version": ROTA_RECORD_VERSION,
        "pattern": None
        if pattern is None
        else {
            "starts_on": pattern.starts_on.isoformat(),
            "days": [_day_record(d) for d in pattern.days],
        },
        "changes": [_change_record(c) for c in rota.changes],
        "imported": [_stored_shift_record(s) for s in rota.imported],
        "mapping": mapping_to_record(rota.mapping),
    }


# ---------------------------------------------------------------------------
# Reading: each reader returns the value or adds problems and returns None.


class _Problems:
    def __init__(self) -> None:
        self.found: list[FieldProblem] = []

    def add(self, name: str, value: object, reason: str) -> None:
        self.found.append(FieldProblem(name, show_value(value), reason))

    def take(self, error: InvalidRota, prefix: str) -> None:
        self.found.extend(error.under(prefix).problems)


def _object(
    value: object, path: str, keys: Sequence[str], problems: _Problems
) -> Mapping[str, object] | None:
    if not isinstance(value, Mapping):
        problems.add(path, value, "is not an object")
        return None
    for key in value:
        if key not in keys:
            problems.add(f"{path}.{key}" if path else str(key), "", "is not a known field")
    return value


def _list(value: object, path: str, limit: int, problems: _Problems) -> list[object] | None:
    if not isinstance(value, list):
        problems.add(path, value, "is not a list")
        return None
    if len(value) > limit:
        problems.add(path, value, f"has more than {limit:,} items")
        return None
    return value


def _date(value: object, path: str, problems: _Problems) -> date | None:
    if isinstance(value, str) and _DATE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    problems.add(path, value, "is not a date written as YYYY-MM-DD")
    return None


def _clock_time(value: object, path: str, problems: _Problems) -> time | None:
    if value is None:
        return None
    if isinstance(value, str) and _CLOCK.fullmatch(value):
        try:
            return time.fromisoformat(value)
        except ValueError:
            pass
    problems.add(path, value, "is not a time written as HH:MM")
    return None


def _moment(value: object, path: str, problems: _Problems) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            moment = None
        if moment is not None and moment.utcoffset() is not None:
            return moment
    problems.add(path, value, "is not an ISO 8601 time with a UTC offset")
    return None


def _hours(value: object, path: str, problems: _Problems) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        problems.add(path, value, "is not a number of hours")
        return None
    try:
        return float(value)
    except OverflowError:
        problems.add(path, value, "is far too large")
        return None


def _shift_type(value: object, path: str, problems: _Problems) -> ShiftType | None:
    if isinstance(value, str) and value in ShiftType.__members__.values():
        return ShiftType(value)
    problems.add(path, value, "is not a known shift type")
    return None


def _strings(value: object, path: str, limit: int, problems: _Problems) -> tuple[str, ...] | None:
    items = _list(value if value is not None else [], path, limit, problems)
    if items is None:
        return None
    bad = [i for i, item in enumerate(items) if not isinstance(item, str)]
    for index in bad:
        problems.add(f"{path}[{index}]", items[index], "is not text")
    return None if bad else tuple(str(item) for item in items)


def _build(problems: _Problems, path: str, make: Callable[[], _T]) -> _T | None:
    """Build a value with the model's own rules, turning its refusal into a problem at ``path``."""
    try:
        return make()
    except InvalidRota as error:
        problems.take(error, path)
        return None


def _read_day(value: object, path: str, problems: _Problems) -> PatternDay | None:
    record = _object(value, path, ("shift_type", "start", "hours", "tags"), problems)
    if record is None:
        return None
    before = len(problems.found)
    shift_type = _shift_type(record.get("shift_type"), f"{path}.shift_type", problems)
    start = _clock_time(record.get("start"), f"{path}.start", problems)
    hours = _hours(record.get("hours"), f"{path}.hours", problems)
    tags = _strings(record.get("tags"), f"{path}.tags", 100, problems)
    if len(problems.found) > before or shift_type is None or tags is None:
        return None
    return _build(problems, path, lambda: PatternDay(shift_type, start, hours, tags))


def _read_pattern(value: object, problems: _Problems) -> RotaPattern | None:
    record = _object(value, "pattern", ("starts_on", "days"), problems)
    if record is None:
        return None
    starts_on = _date(record.get("starts_on"), "pattern.starts_on", problems)
    raw_days = _list(record.get("days"), "pattern.days", 1_000, problems)
    if raw_days is None:
        return None
    days = [_read_day(item, f"pattern.days[{i}]", problems) for i, item in enumerate(raw_days)]
    clean = [d for d in days if d is not None]
    if starts_on is None or len(clean) != len(days):
        return None
    return _build(problems, "pattern", lambda: RotaPattern(tuple(clean), starts_on))


def _read_change(value: object, path: str, problems: _Problems) -> RotaChange | None:
    record = _object(value, path, ("date", "kind", "day", "overtime_hours"), problems)
    if record is None:
        return None
    on = _date(record.get("date"), f"{path}.date", problems)
    kind_value = record.get("kind")
    known = isinstance(kind_value, str) and kind_value in ChangeKind.__members__.values()
    kind = ChangeKind(str(kind_value)) if known else None
    if kind is None:
        problems.add(f"{path}.kind", kind_value, "is not swap, overtime or rest_day_cancelled")
    raw_day = record.get("day")
    day = _read_day(raw_day, f"{path}.day", problems) if raw_day is not None else None
    overtime = _hours(record.get("overtime_hours"), f"{path}.overtime_hours", problems)
    if on is None or kind is None or (raw_day is not None and day is None):
        return None
    return _build(problems, path, lambda: RotaChange(on, kind, day, overtime))


_SHIFT_KEYS: Final = ("date", "shift_type", "start", "end", "hours", "tags")


def _read_shift(value: object, path: str, problems: _Problems) -> Shift | None:
    record = _object(value, path, _SHIFT_KEYS, problems)
    if record is None:
        return None
    before = len(problems.found)
    on = _date(record.get("date"), f"{path}.date", problems)
    shift_type = _shift_type(record.get("shift_type"), f"{path}.shift_type", problems)
    start = _moment(record.get("start"), f"{path}.start", problems)
    end = _moment(record.get("end"), f"{path}.end", problems)
    hours = _hours(record.get("hours"), f"{path}.hours", problems)
    tags = _strings(record.get("tags"), f"{path}.tags", 100, problems)
    if len(problems.found) > before or on is None or shift_type is None or tags is None:
        return None
    shift = _build(problems, path, lambda: Shift(on, shift_type, start, end, ShiftSource.ICS, tags))
    if shift is not None and not _same_hours(hours, shift.hours):
        problems.add(f"{path}.hours", hours, "does not match the start and end")
        return None
    return shift


def _same_hours(written: float | None, real: float | None) -> bool:
    if written is None or real is None:
        return written is None and real is None
    return math.isclose(written, real, abs_tol=10**-HOURS_DECIMALS)


def _read_rule(value: object, path: str, problems: _Problems) -> WordRule | None:
    record = _object(value, path, ("words", "shift_type", "tag"), problems)
    if record is None:
        return None
    words = _strings(record.get("words"), f"{path}.words", 100, problems)
    shift_type = _shift_type(record.get("shift_type"), f"{path}.shift_type", problems)
    tag = record.get("tag")
    if tag is not None and not isinstance(tag, str):
        problems.add(f"{path}.tag", tag, "is not text")
        return None
    if words is None or shift_type is None:
        return None
    return _build(problems, path, lambda: WordRule(words, shift_type, tag))


def _read_band(value: object, path: str, problems: _Problems) -> TimeBand | None:
    record = _object(value, path, ("from", "to", "shift_type"), problems)
    if record is None:
        return None
    starts = _clock_time(record.get("from"), f"{path}.from", problems)
    ends = _clock_time(record.get("to"), f"{path}.to", problems)
    shift_type = _shift_type(record.get("shift_type"), f"{path}.shift_type", problems)
    if starts is None or ends is None or shift_type is None:
        if record.get("from") is None:
            problems.add(f"{path}.from", None, "is required")
        if record.get("to") is None:
            problems.add(f"{path}.to", None, "is required")
        return None
    return _build(problems, path, lambda: TimeBand(starts, ends, shift_type))


def _read_all(
    value: object,
    path: str,
    limit: int,
    read: Callable[[object, str, _Problems], _T | None],
    problems: _Problems,
) -> tuple[_T, ...] | None:
    items = _list(value if value is not None else [], path, limit, problems)
    if items is None:
        return None
    read_items = [read(item, f"{path}[{i}]", problems) for i, item in enumerate(items)]
    clean = [item for item in read_items if item is not None]
    return tuple(clean) if len(clean) == len(read_items) else None


def _read_mapping(value: object, problems: _Problems) -> ShiftMapping | None:
    if value is None:
        return DEFAULT_MAPPING
    record = _object(value, "mapping", ("rules", "times"), problems)
    if record is None:
        return None
    rules = _read_all(record.get("rules"), "mapping.rules", 1_000, _read_rule, problems)
    bands = _read_all(record.get("times"), "mapping.times", 1_000, _read_band, problems)
    if rules is None or bands is None:
        return None
    return _build(problems, "mapping", lambda: ShiftMapping(rules, bands))


def rota_from_record(record: object) -> Rota:
    """Read a record written by ``rota_to_record`` (or by hand) back into a ``Rota``.

    ``pattern``, ``changes``, ``imported`` and ``mapping`` may be absent
    (no pattern, none, none, the default rules); ``version`` is required.
    Raises ``InvalidRota`` listing the problems found, at most
    ``MAX_REPORTED_PROBLEMS`` of them, each named by its path.
    """
    problems = _Problems()
    top = _object(record, "", ("version", "pattern", "changes", "imported", "mapping"), problems)
    if top is None:
        raise InvalidRota(problems.found)
    version = top.get("version")
    if version != ROTA_RECORD_VERSION or isinstance(version, bool):
        problems.add("version", version, f"is not {ROTA_RECORD_VERSION}")
    raw_pattern = top.get("pattern")
    pattern = _read_pattern(raw_pattern, problems) if raw_pattern is not None else None
    changes = _read_all(top.get("changes"), "changes", MAX_CHANGES, _read_change, problems)
    imported = _read_all(
        top.get("imported"), "imported", MAX_IMPORTED_SHIFTS, _read_shift, problems
    )
    mapping = _read_mapping(top.get("mapping"), problems)
    if not problems.found:
        assert changes is not None and imported is not None and mapping is not None
        rota = _build(problems, "", lambda: Rota(pattern, changes, imported, mapping))
        if rota is not None:
            return rota
    found = problems.found
    if len(found) > MAX_REPORTED_PROBLEMS:
        more = len(found) - MAX_REPORTED_PROBLEMS
        found = [
            *found[:MAX_REPORTED_PROBLEMS],
            FieldProblem("more", "", f"{more:,} further problems not listed"),
        ]
    raise InvalidRota(found)
