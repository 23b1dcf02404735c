"""What every "moving in" parser shares: limits, decoding, times, stable ids, and the build.

Each parser turns the other app's entries into ``Draft`` records in the
interchange shape, noting problems in that app's words; ``build_checkins``
then runs the app's own check-in rules over all of them and either returns
every check-in or raises ``ImportRejected`` listing every bad record.
"""

from __future__ import annotations

import hashlib
import json
import re
import uuid
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, tzinfo
from typing import Final
from zoneinfo import ZoneInfo

from wellbeing_app.domain.checkin import (
    SCORE_RANGE,
    CheckIn,
    InvalidCheckIn,
    checkin_from_record,
    format_timestamp,
)
from wellbeing_app.domain.interchange import ImportRejected
from wellbeing_app.domain.moving_in.problems import (
    WHOLE_ENTRY,
    SourceProblem,
    SourceRecordProblem,
    file_problem,
)

# A CSV or JSON export far bigger than any diary: refuse it before parsing
# rather than build a huge object tree in memory.
MAX_FILE_BYTES: Final = 64 * 1024 * 1024
# A Day One zip also carries the photos, which are never read.
MAX_ARCHIVE_BYTES: Final = 512 * 1024 * 1024
# About 27 years of ten entries a day.
MAX_RECORDS: Final = 100_000

# Daylio and jrnl write the phone's or computer's wall-clock time with no
# zone; the people this app is for are in the UK.
LONDON: Final = ZoneInfo("Europe/London")

# Fixed for ever: changing it would change every imported id, and a second
# import of the same file would no longer be recognised as a duplicate.
MOVING_IN_NAMESPACE: Final = uuid.UUID("908dd861-49eb-590d-8121-61ca89a22082")

_ISO_DATE: Final = re.compile(r"\d{4}-\d{2}-\d{2}")
# "21:05", "09:05", "9:05 pm", "9:05 PM", "9:05 p.m.", "9.05pm", with optional seconds.
_CLOCK: Final = re.compile(
    r"(\d{1,2})[:.](\d{2})(?:[:.]\d{2})?\s*(?:([ap])\.?\s*m\.?)?", re.IGNORECASE
)


def decode_text(data: bytes, app: str) -> str:
    """The file as text, or ``ImportRejected`` saying plainly why it cannot be read."""
    if len(data) > MAX_FILE_BYTES:
        raise file_problem(
            f"the file is {len(data) / 1024 / 1024:.0f} MB; the most that can be imported "
            f"from {app} at once is {MAX_FILE_BYTES // 1024 // 1024} MB",
            damaged=False,
        )
    if not data.strip():
        raise file_problem("the file is empty", damaged=True)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise file_problem("the file is UTF-16 text; save it as UTF-8 and try again", damaged=True)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise file_problem("the file is not UTF-8 text", damaged=True) from None
    if "\x00" in text:
        raise file_problem("the file contains null characters; it is not a text file", damaged=True)
    return text


def _reject_constant(name: str) -> object:
    raise ValueError(f"{name} is not allowed")


def load_json(text: str) -> object:
    """Parse JSON text, or raise ``ImportRejected`` (damaged) naming the line."""
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as error:
        message = f"the file is not valid JSON (line {error.lineno})"
        raise file_problem(message, damaged=True) from None
    except (ValueError, RecursionError):
        raise file_problem("the file is not valid JSON", damaged=True) from None


def check_record_count(count: int) -> None:
    """Refuse a file with more entries than one import takes."""
    if count > MAX_RECORDS:
        raise file_problem(
            f"the file has more than {MAX_RECORDS:,} entries; import it in parts",
            damaged=False,
        )


def check_default_mood(default_mood: object) -> int:
    """The caller's mood for entries that never had one; a bad value is a programming error."""
    if isinstance(default_mood, bool) or not isinstance(default_mood, int):
        raise ValueError(f"default_mood must be a whole number, not {default_mood!r}")
    if default_mood not in SCORE_RANGE:
        raise ValueError(
            f"default_mood must be from {SCORE_RANGE.low} to {SCORE_RANGE.high}, not {default_mood}"
        )
    return default_mood


def parse_iso_date(value: str) -> date | None:
    """A ``YYYY-MM-DD`` date, or None."""
    if not _ISO_DATE.fullmatch(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def parse_clock(value: str) -> tuple[int, int] | None:
    """Hour and minute from "21:05" or "9:05 pm" (12 am is midnight, 12 pm is noon), or None."""
    match = _CLOCK.fullmatch(value.strip())
    if match is None:
        return None
    hour, minute, half = int(match.group(1)), int(match.group(2)), match.group(3)
    if minute > 59:
        return None
    if half is None:
        return (hour, minute) if hour <= 23 else None
    if not 1 <= hour <= 12:
        return None
    return (hour % 12 + (12 if half.lower() == "p" else 0), minute)


def wall_clock_to_utc(day: date, hour: int, minute: int, zone: tzinfo = LONDON) -> str | None:
    """A wall-clock time in ``zone`` as an ISO 8601 UTC time stamp, or None if off the calendar.

    In the hour repeated when the clocks go back, the first (summer) time is
    used; a time in the hour skipped when they go forward is read with the
    winter offset. Either way the entry keeps its day.
    """
    try:
        local = datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)
        return format_timestamp(local.astimezone(UTC))
    except (OverflowError, ValueError):
        return None


class StableIds:
    """Check-in ids derived from the other app's entry, so a second import matches the first.

    An id is a UUID version 5 of the app's name and the parts given (an
    entry's own id, or its content). Entries that are exactly the same get
    the same key, so the second and later copies add how many came before:
    every id in a file is different, and the same file gives the same ids.
    """

    def __init__(self, app: str) -> None:
        self._app = app
        self._seen: Counter[str] = Counter()

    def next_id(self, *parts: str) -> str:
        key = "\x1f".join((self._app, *parts))
        copies = self._seen[key]
        self._seen[key] += 1
        if copies:
            key = f"{key}\x1e{copies}"
        # uuid.uuid5 by hand: Python 3.11's refuses text with lone surrogates,
        # which a JSON file can hold; the check-in rules then report the text.
        digest = hashlib.sha1(MOVING_IN_NAMESPACE.bytes + key.encode("utf-8", "surrogatepass"))
        return str(uuid.UUID(bytes=digest.digest()[:16], version=5))


@dataclass
class Draft:
    """One entry of another app on its way to a check-in.

    ``record`` holds interchange fields that parsed; ``names`` maps each
    interchange field to the other app's name for it, so the check-in rules'
    complaints can be reworded; ``failed`` holds the interchange fields
    already reported, so they are not reported twice.
    """

    index: int
    names: Mapping[str, str]
    when: str = ""
    record: dict[str, object] = field(default_factory=dict)
    problems: list[SourceProblem] = field(default_factory=list)
    failed: set[str] = field(default_factory=set)

    def fail(self, interchange_field: str, problem: SourceProblem) -> None:
        """Note a problem with the source of ``interchange_field``."""
        self.failed.add(interchange_field)
        self.problems.append(problem)


def _reworded(draft: Draft, invalid: InvalidCheckIn) -> list[SourceProblem]:
    return [
        SourceProblem(draft.names.get(p.field, p.field), p.value, p.reason)
        for p in invalid.problems
        if p.field not in draft.failed
    ]


def build_checkins(drafts: Iterable[Draft], *, today: date | None) -> list[CheckIn]:
    """Every draft as a valid ``CheckIn``, or ``ImportRejected`` listing every bad record."""
    checkins: list[CheckIn] = []
    problems: list[SourceRecordProblem] = []
    for draft in drafts:
        found = list(draft.problems)
        if not any(p.field == WHOLE_ENTRY for p in found):
            try:
                checkin = checkin_from_record(draft.record, today=today)
            except InvalidCheckIn as invalid:
                found.extend(_reworded(draft, invalid))
            else:
                if not found:
                    checkins.append(checkin)
        problems.extend(SourceRecordProblem(draft.index, p, when=draft.when) for p in found)
    if problems:
        raise ImportRejected(problems)
    return checkins
