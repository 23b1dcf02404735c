"""The end-of-shift check-in, and the one place where its rules live.

``checkin_from_record`` turns a plain mapping (a JSON object, a CSV row
already converted to JSON types, or what the form collected) into a valid
``CheckIn`` or raises ``InvalidCheckIn`` listing every problem it found,
each naming the field and the bad value.
"""

from __future__ import annotations

import math
import re
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Final

from wellbeing_app.domain.catalogue import ACTIVITIES, EXPOSURES, ShiftType

# ---------------------------------------------------------------------------
# Ranges: defined once, read by validation, the form, import and export.


@dataclass(frozen=True)
class IntRange:
    low: int
    high: int

    def __contains__(self, value: object) -> bool:
        return isinstance(value, int) and self.low <= value <= self.high


@dataclass(frozen=True)
class HoursRange:
    low: float
    high: float

    def __contains__(self, value: object) -> bool:
        return isinstance(value, float) and math.isfinite(value) and self.low <= value <= self.high


SCORE_RANGE: Final = IntRange(1, 5)
HOURS_RANGE: Final = HoursRange(0.0, 24.0)

SCORE_FIELDS: Final = ("mood", "stress", "energy", "sleep_quality")
HOURS_FIELDS: Final = ("hours_worked", "overtime_hours", "sleep_hours")
BOOL_FIELDS: Final = ("took_break", "talked_to_someone")
TEXT_FIELDS: Final = ("took_home", "good_thing")
LIST_FIELDS: Final = ("exposures", "activities", "tags")
TIME_FIELDS: Final = ("created_at", "updated_at")

EARLIEST_DATE: Final = date(1990, 1, 1)
# A night shift or a clock a few hours out can put "today" one day ahead.
LATEST_DATE_AHEAD: Final = timedelta(days=1)

MAX_TEXT_CHARS: Final = 20_000
MAX_TAG_CHARS: Final = 40
MAX_TAGS: Final = 20
TAG_SEPARATOR: Final = ";"  # lists are joined with this in CSV, so a tag may not contain it

# Every field of the interchange format, in the order it is written.
FIELDS: Final = (
    "id",
    "date",
    "shift_type",
    "hours_worked",
    "overtime_hours",
    "took_break",
    "mood",
    "stress",
    "energy",
    "sleep_hours",
    "sleep_quality",
    "exposures",
    "activities",
    "tags",
    "took_home",
    "good_thing",
    "talked_to_someone",
    "created_at",
    "updated_at",
)
REQUIRED_FIELDS: Final = ("date", "mood")

_DATE_PATTERN: Final = re.compile(r"\d{4}-\d{2}-\d{2}")


def new_checkin_id() -> str:
    return str(uuid.uuid4())


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class CheckIn:
    """One end-of-shift check-in. Only ``date`` and ``mood`` are required."""

    date: date
    mood: int
    shift_type: ShiftType | None = None
    hours_worked: float | None = None
    overtime_hours: float | None = None
    took_break: bool | None = None
    stress: int | None = None
    energy: int | None = None
    sleep_hours: float | None = None
    sleep_quality: int | None = None
    exposures: tuple[str, ...] = ()
    activities: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    took_home: str | None = None
    good_thing: str | None = None
    talked_to_someone: bool | None = None
    id: str = field(default_factory=new_checkin_id)
    created_at: datetime = field(default_factory=utc_now)
    updated_at: datetime = field(default_factory=utc_now)


def oldest_first(checkin: CheckIn) -> tuple[date, datetime]:
    """Sort key for check-ins oldest first: by day, and within a day in the order written."""
    return (checkin.date, checkin.created_at)


# ---------------------------------------------------------------------------
# Problems


@dataclass(frozen=True)
class FieldProblem:
    """What is wrong with one field: its name, a short view of the value, and why."""

    field: str
    value: str
    reason: str

    def __str__(self) -> str:
        if self.value:
            return f"{self.field}: {self.value} {self.reason}"
        return f"{self.field}: {self.reason}"


@dataclass(frozen=True)
class UnknownField(FieldProblem):
    """A key that is not a field of the format, named as a sentence: ``title is not a
    check-in field``. Shown as ``field: value reason`` it read "title: '' is not a field",
    as if the field's value were empty."""

    def __str__(self) -> str:
        return f"{self.field} {self.reason}"


class InvalidCheckIn(ValueError):
    """A check-in that breaks the rules; ``problems`` lists every field at fault."""

    def __init__(self, problems: Iterable[FieldProblem]) -> None:
        self.problems: tuple[FieldProblem, ...] = tuple(problems)
        super().__init__("; ".join(str(p) for p in self.problems))


def show_value(value: object, limit: int = 40) -> str:
    """A short, printable view of a bad value, for messages (never a whole reflection)."""
    if isinstance(value, str):
        text = value if len(value) <= limit else value[: limit - 1] + "…"
        return repr(text)
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return "null"
    if isinstance(value, list | tuple):
        return f"a list of {len(value)}"
    if isinstance(value, dict):
        return "an object"
    try:
        text = str(value)
    except ValueError:  # an integer with thousands of digits
        return "a number far too large"
    return show_value(text, limit) if len(text) > limit else text


# ---------------------------------------------------------------------------
# Field rules. Each returns the clean value, or adds a problem and returns None.


def _problem(problems: list[FieldProblem], name: str, value: object, reason: str) -> None:
    problems.append(FieldProblem(name, show_value(value), reason))


def parse_date(value: object, problems: list[FieldProblem], today: date) -> date | None:
    if not isinstance(value, str) or not _DATE_PATTERN.fullmatch(value):
        _problem(problems, "date", value, "is not a date written as YYYY-MM-DD")
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        _problem(problems, "date", value, "is not a real date")
        return None
    latest = today + LATEST_DATE_AHEAD
    if not EARLIEST_DATE <= day <= latest:
        _problem(
            problems,
            "date",
            value,
            f"is outside {EARLIEST_DATE.isoformat()} to {latest.isoformat()}",
        )
        return None
    return day


def _score(name: str, value: object, problems: list[FieldProblem]) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value not in SCORE_RANGE:
        _problem(
            problems,
            name,
            value,
            f"is not a whole number from {SCORE_RANGE.low} to {SCORE_RANGE.high}",
        )
        return None
    return value


def _hours(name: str, value: object, problems: list[FieldProblem]) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        _problem(problems, name, value, "is not a number of hours")
        return None
    try:
        hours = float(value)
    except OverflowError:  # an integer too large for a float is certainly out of range
        hours = math.inf
    if hours not in HOURS_RANGE:
        _problem(
            problems,
            name,
            value,
            f"is not between {HOURS_RANGE.low:g} and {HOURS_RANGE.high:g} hours",
        )
        return None
    return hours


def _flag(name: str, value: object, problems: list[FieldProblem]) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    _problem(problems, name, value, "is not true or false")
    return None


def text_problem(value: str) -> str | None:
    """Why a piece of free text cannot be stored, or None if it can."""
    if len(value) > MAX_TEXT_CHARS:
        return f"is {len(value):,} characters long; the limit is {MAX_TEXT_CHARS:,}"
    if "\x00" in value:
        return "contains a null character"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return "contains characters that cannot be stored (broken Unicode)"
    return None


def _text(name: str, value: object, problems: list[FieldProblem]) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        _problem(problems, name, value, "is not text")
        return None
    reason = text_problem(value)
    if reason is not None:
        # Never echo a reflection back: the reason says what is wrong.
        problems.append(FieldProblem(name, "", reason))
        return None
    return value if value != "" else None


def _codes(
    name: str, value: object, known: Mapping[str, str], problems: list[FieldProblem]
) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list | tuple):
        _problem(problems, name, value, "is not a list")
        return ()
    seen: list[str] = []
    for item in value:
        if not isinstance(item, str) or item not in known:
            _problem(problems, name, item, "is not a known code")
        elif item in seen:
            _problem(problems, name, item, "is listed twice")
        else:
            seen.append(item)
    return tuple(seen)


def tag_problem(tag: str) -> str | None:
    """Why a custom tag cannot be stored, or None if it can."""
    if tag != tag.strip() or not tag:
        return "must not be empty or start or end with a space"
    if len(tag) > MAX_TAG_CHARS:
        return f"is longer than {MAX_TAG_CHARS} characters"
    if TAG_SEPARATOR in tag or any(ch in tag for ch in "\r\n\t\x00"):
        return f"must not contain {TAG_SEPARATOR!r}, a tab or a line break"
    return text_problem(tag)


def _tags(value: object, problems: list[FieldProblem]) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list | tuple):
        _problem(problems, "tags", value, "is not a list")
        return ()
    if len(value) > MAX_TAGS:
        _problem(problems, "tags", value, f"has more than {MAX_TAGS} tags")
        return ()
    seen: list[str] = []
    folded: set[str] = set()
    for item in value:
        if not isinstance(item, str):
            _problem(problems, "tags", item, "is not text")
            continue
        reason = tag_problem(item)
        if reason is not None:
            _problem(problems, "tags", item, reason)
        elif item.casefold() in folded:
            _problem(problems, "tags", item, "is listed twice")
        else:
            seen.append(item)
            folded.add(item.casefold())
    return tuple(seen)


def parse_timestamp(name: str, value: object, problems: list[FieldProblem]) -> datetime | None:
    if value is None:
        return None
    if not isinstance(value, str):
        _problem(problems, name, value, "is not an ISO 8601 time")
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        _problem(problems, name, value, "is not an ISO 8601 time")
        return None
    if moment.tzinfo is None:
        _problem(problems, name, value, "has no time zone (use UTC, ending in Z)")
        return None
    try:
        return moment.astimezone(UTC)
    except OverflowError:
        _problem(problems, name, value, "is outside the calendar once turned into UTC")
        return None


def format_problems(
    record: Mapping[str, object],
    fields: Sequence[str],
    required: Sequence[str],
    unknown_reason: str,
    *,
    unknown: type[FieldProblem] = FieldProblem,
) -> list[FieldProblem]:
    """Each key of ``record`` that is not one of ``fields``, and each of ``required``
    that is missing or null: the first problems of any record format."""
    problems: list[FieldProblem] = [
        unknown(name, "", unknown_reason) for name in record if name not in fields
    ]
    problems.extend(
        FieldProblem(name, "", "is required") for name in required if record.get(name) is None
    )
    return problems


def parse_record_id(value: object, problems: list[FieldProblem]) -> str | None:
    """A record's optional ``id`` (a check-in, a self-check, a moment): a UUID, or None."""
    if value is None:
        return None
    if isinstance(value, str):
        try:
            return str(uuid.UUID(value))
        except ValueError:
            pass
    _problem(problems, "id", value, "is not a UUID")
    return None


def _shift_type(value: object, problems: list[FieldProblem]) -> ShiftType | None:
    if value is None:
        return None
    if isinstance(value, str) and value in ShiftType.__members__.values():
        return ShiftType(value)
    _problem(problems, "shift_type", value, "is not a known shift type")
    return None


def checkin_from_record(
    record: Mapping[str, object],
    *,
    today: date | None = None,
    now: datetime | None = None,
) -> CheckIn:
    """Validate a record with JSON types and build a ``CheckIn``.

    Raises ``InvalidCheckIn`` with every problem found, not only the first.
    A missing ``id`` or time stamp is filled in; text that is empty counts
    as absent. Nothing else is changed.
    """
    today = today if today is not None else date.today()
    problems = format_problems(
        record, FIELDS, REQUIRED_FIELDS, "is not a check-in field", unknown=UnknownField
    )

    day = parse_date(record["date"], problems, today) if record.get("date") is not None else None
    scores = {name: _score(name, record.get(name), problems) for name in SCORE_FIELDS}
    hours = {name: _hours(name, record.get(name), problems) for name in HOURS_FIELDS}
    flags = {name: _flag(name, record.get(name), problems) for name in BOOL_FIELDS}
    texts = {name: _text(name, record.get(name), problems) for name in TEXT_FIELDS}
    exposures = _codes("exposures", record.get("exposures"), EXPOSURES, problems)
    activities = _codes("activities", record.get("activities"), ACTIVITIES, problems)
    tags = _tags(record.get("tags"), problems)
    shift = _shift_type(record.get("shift_type"), problems)
    checkin_id = parse_record_id(record.get("id"), problems)
    created = parse_timestamp("created_at", record.get("created_at"), problems)
    updated = parse_timestamp("updated_at", record.get("updated_at"), problems)

    if problems:
        raise InvalidCheckIn(problems)
    assert day is not None and scores["mood"] is not None
    stamp = now if now is not None else utc_now()
    created = created if created is not None else stamp
    return CheckIn(
        id=checkin_id if checkin_id is not None else new_checkin_id(),
        date=day,
        shift_type=shift,
        hours_worked=hours["hours_worked"],
        overtime_hours=hours["overtime_hours"],
        took_break=flags["took_break"],
        mood=scores["mood"],
        stress=scores["stress"],
        energy=scores["energy"],
        sleep_hours=hours["sleep_hours"],
        sleep_quality=scores["sleep_quality"],
        exposures=exposures,
        activities=activities,
        tags=tags,
        took_home=texts["took_home"],
        good_thing=texts["good_thing"],
        talked_to_someone=flags["talked_to_someone"],
        created_at=created,
        updated_at=updated if updated is not None else created,
    )


def format_timestamp(moment: datetime) -> str:
    """ISO 8601 in UTC ending in ``Z``; microseconds only when there are any."""
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def checkin_to_record(checkin: CheckIn) -> dict[str, object]:
    """The interchange form of a check-in: every field, in format order, JSON types."""
    return {
        "id": checkin.id,
        "date": checkin.date.isoformat(),
        "shift_type": checkin.shift_type.value if checkin.shift_type is not None else None,
        "hours_worked": checkin.hours_worked,
        "overtime_hours": checkin.overtime_hours,
        "took_break": checkin.took_break,
        "mood": checkin.mood,
        "stress": checkin.stress,
        "energy": checkin.energy,
        "sleep_hours": checkin.sleep_hours,
        "sleep_quality": checkin.sleep_quality,
        "exposures": list(checkin.exposures),
        "activities": list(checkin.activities),
        "tags": list(checkin.tags),
        "took_home": checkin.took_home,
        "good_thing": checkin.good_thing,
        "talked_to_someone": checkin.talked_to_someone,
        "created_at": format_timestamp(checkin.created_at),
        "updated_at": format_timestamp(checkin.updated_at),
    }


def validate_checkin(checkin: CheckIn, *, today: date | None = None) -> None:
    """Check a ``CheckIn`` built in code (by the form, say) against the same rules as import."""
    checkin_from_record(checkin_to_record(checkin), today=today)


@dataclass(frozen=True)
class DeletedCheckIn:
    """A check-in just deleted, held (in memory only) so the delete can be undone."""

    checkin: CheckIn
    sort_key: int
