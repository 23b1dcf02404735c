"""Daylio's CSV export ("More, Export entries, CSV") as check-ins.

Daylio writes one row per entry, newest first, every text cell quoted::

    full_date,date,weekday,time,mood,activities,note_title,note
    2024-01-05,5 January,Friday,9:05 pm,rad,"walk | court","Long one","Sat<br>waiting"

=============  ==========================================================
Daylio         Check-in
=============  ==========================================================
``full_date``  ``date`` (older exports: ``date`` "18 May" and ``year``)
``time``       ``created_at``: "21:05" or "9:05 pm", Europe/London wall
               clock, stored in UTC; ``updated_at`` is the same
``mood``       ``mood``, through ``DaylioOptions.moods`` (rad 5, good 4,
               meh 3, bad 2, awful 1 unless the person changes it)
``activities`` split on "|": each one mapped in
               ``DaylioOptions.activities`` becomes that true-picture
               ``activities`` code (or is left out if mapped to None);
               every other one becomes a custom tag (see ``tags``)
``note_title`` ``took_home``: the title on the first line, then the note,
``note``       with ``<br>`` as new lines, other HTML removed, entities
               unescaped (see ``text.html_to_text``)
``date``,      not used (they repeat ``full_date``)
``weekday``
=============  ==========================================================

Mood names and activity names are matched ignoring case and stray spaces
("Good ", "GOOD" and "good" are one mood), because Daylio lets people
rename both and its export carries the spaces they typed.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import Final

from wellbeing_app.domain.catalogue import ACTIVITIES
from wellbeing_app.domain.checkin import MAX_TAGS, SCORE_RANGE, CheckIn
from wellbeing_app.domain.dates import MONTH_NAMES
from wellbeing_app.domain.moving_in.formats import (
    DAYLIO_COLUMNS,
    ForeignFormat,
    is_daylio_header,
    normalised_header,
    not_this_format,
)
from wellbeing_app.domain.moving_in.problems import (
    WHOLE_ENTRY,
    SourceProblem,
    bad_value,
    file_problem,
)
from wellbeing_app.domain.moving_in.records import (
    MAX_FILE_BYTES,
    Draft,
    StableIds,
    build_checkins,
    check_record_count,
    decode_text,
    parse_clock,
    parse_iso_date,
    wall_clock_to_utc,
)
from wellbeing_app.domain.moving_in.tags import tags_from_names
from wellbeing_app.domain.moving_in.text import html_to_text, join_title_and_body

DEFAULT_DAYLIO_MOODS: Final = MappingProxyType(
    {"rad": 5, "good": 4, "meh": 3, "bad": 2, "awful": 1}
)
ACTIVITY_SEPARATOR: Final = "|"
_MONTHS: Final = {name.casefold(): number for number, name in enumerate(MONTH_NAMES, start=1)}
_MONTHS_SHORT: Final = {name[:3].casefold(): number for name, number in _MONTHS.items()}
_DAY_MONTH: Final = re.compile(r"(\d{1,2})\s+([^\W\d_]+)\.?")
_MOODS_LISTED: Final = 8  # how many mapped moods a problem names before "…"


def daylio_name_key(name: str) -> str:
    """How a Daylio mood or activity name is compared: case and stray spaces ignored."""
    return " ".join(name.split()).casefold()


def _checked_moods(moods: Mapping[str, int]) -> dict[str, int]:
    checked: dict[str, int] = {}
    for name, value in moods.items():
        key = daylio_name_key(name)
        if not key:
            raise ValueError("a Daylio mood name must not be empty")
        if isinstance(value, bool) or not isinstance(value, int) or value not in SCORE_RANGE:
            raise ValueError(
                f"Daylio mood {name!r} must map to a whole number from "
                f"{SCORE_RANGE.low} to {SCORE_RANGE.high}, not {value!r}"
            )
        if checked.get(key, value) != value:
            raise ValueError(f"Daylio mood {name!r} is mapped twice, to different moods")
        checked[key] = value
    return checked


def _checked_activities(activities: Mapping[str, str | None]) -> dict[str, str | None]:
    checked: dict[str, str | None] = {}
    for name, code in activities.items():
        key = daylio_name_key(name)
        if not key:
            raise ValueError("a Daylio activity name must not be empty")
        if code is not None and code not in ACTIVITIES:
            raise ValueError(f"{code!r} (for Daylio activity {name!r}) is not a true-picture code")
        checked[key] = code
    return checked


@dataclass(frozen=True)
class DaylioOptions:
    """How Daylio's moods and activities become this app's.

    ``moods`` maps each Daylio mood name to 1-5. It replaces the default
    mapping; to add a renamed mood, pass
    ``{**DEFAULT_DAYLIO_MOODS, "sleepy": 2}``. ``activities`` maps a Daylio
    activity name to a true-picture code from ``catalogue.ACTIVITIES``, or
    to None to leave it out; an activity not named here becomes a custom
    tag. Names are matched by ``daylio_name_key``. A bad mapping raises
    ``ValueError`` at once, since it is the caller's mistake, not the file's.
    """

    moods: Mapping[str, int] = field(default_factory=lambda: dict(DEFAULT_DAYLIO_MOODS))
    activities: Mapping[str, str | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Stored by their compared keys, read-only, so lookups are one step.
        object.__setattr__(self, "moods", MappingProxyType(_checked_moods(self.moods)))
        object.__setattr__(
            self, "activities", MappingProxyType(_checked_activities(self.activities))
        )

    def mood_for(self, name: str) -> int | None:
        """The 1-5 mood a Daylio mood name maps to, or None if it is not mapped."""
        return self.moods.get(daylio_name_key(name))


@dataclass(frozen=True)
class DaylioVocabulary:
    """The mood and activity names a Daylio file uses, with how many entries use each.

    For the import dialog: it shows these so the person can map renamed
    moods and their activities before anything is imported. Names are
    given as first written (spaces trimmed), in order of first use.
    """

    moods: Mapping[str, int]
    activities: Mapping[str, int]

    def unmapped_moods(self, options: DaylioOptions) -> list[str]:
        """The file's mood names that ``options`` does not map (each would be a problem)."""
        return [name for name in self.moods if options.mood_for(name) is None]


_NAMES: Final = MappingProxyType(
    {
        "date": "full_date",
        "mood": "mood",
        "activities": "activities",
        "tags": "activities",
        "took_home": "note",
        "created_at": "time",
        "updated_at": "time",
    }
)
_LEGACY_NAMES: Final = MappingProxyType({**_NAMES, "date": "date"})


@dataclass(frozen=True)
class _Row:
    index: int
    cells: Mapping[str, str] | None  # None: the row has the wrong number of cells
    width: int
    header_width: int


def _rows(data: bytes) -> tuple[tuple[str, ...], Iterator[_Row]]:
    """The header and the data rows (blank lines skipped), or ``ImportRejected``."""
    text = decode_text(data, ForeignFormat.DAYLIO.label)
    # A long note must reach the check-in rules (which name the field), not
    # fail inside the csv module; the file size is already bounded.
    csv.field_size_limit(max(csv.field_size_limit(), MAX_FILE_BYTES))
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        columns = normalised_header(next(reader))
    except (StopIteration, csv.Error):
        raise file_problem("the file has no header row", damaged=True) from None
    if not is_daylio_header(columns):
        raise file_problem(_header_problem(columns), damaged=False)

    def each() -> Iterator[_Row]:
        index = 0
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error:
                where = f" after record {index - 1}" if index else ""
                raise file_problem(f"the CSV is malformed{where}", damaged=True) from None
            if not any(cell.strip() for cell in row):
                continue
            check_record_count(index + 1)
            cells = dict(zip(columns, row, strict=True)) if len(row) == len(columns) else None
            yield _Row(index, cells, len(row), len(columns))
            index += 1

    return columns, each()


def _header_problem(columns: tuple[str, ...]) -> str:
    missing = [name for name in DAYLIO_COLUMNS if name not in columns]
    message = not_this_format(ForeignFormat.DAYLIO, None)
    if 0 < len(missing) < len(DAYLIO_COLUMNS) - 2:
        message += f": the header has no {', '.join(missing)} column{'s' * (len(missing) > 1)}"
    return f"{message}; a Daylio export starts with {','.join(DAYLIO_COLUMNS)}"


def _legacy_date(day_month: str, year: str) -> date | None:
    """Daylio's older "18 May" plus "2018" (English month names, as its export wrote them)."""
    match = _DAY_MONTH.fullmatch(day_month.strip())
    if match is None or not year.strip().isdigit():
        return None
    word = match.group(2).casefold()
    month = _MONTHS.get(word) or _MONTHS_SHORT.get(word)
    if month is None:
        return None
    try:
        return date(int(year), month, int(match.group(1)))
    except ValueError:
        return None


def _mood(draft: Draft, raw: str, options: DaylioOptions) -> None:
    if not raw.strip():
        draft.fail("mood", SourceProblem("mood", "", "is empty; every entry needs a mood"))
        return
    mood = options.mood_for(raw)
    if mood is None:
        known = list(options.moods)
        listed = ", ".join(known[:_MOODS_LISTED]) + (", …" if len(known) > _MOODS_LISTED else "")
        draft.fail(
            "mood",
            bad_value(
                "mood",
                raw.strip(),
                f"is not one of the moods mapped to {SCORE_RANGE.low} to {SCORE_RANGE.high} "
                f"({listed})",
            ),
        )
        return
    draft.record["mood"] = mood


def _activities(draft: Draft, raw: str, options: DaylioOptions) -> None:
    names = [name.strip() for name in raw.split(ACTIVITY_SEPARATOR) if name.strip()]
    codes: list[str] = []
    for_tags: list[str] = []
    for name in names:
        key = daylio_name_key(name)
        if key not in options.activities:
            for_tags.append(name)
            continue
        code = options.activities[key]
        if code is not None and code not in codes:
            codes.append(code)
    tags = tags_from_names(for_tags)
    if len(tags) > MAX_TAGS:
        draft.fail(
            "tags",
            SourceProblem(
                "activities",
                "",
                f"would make {len(tags)} tags and the limit is {MAX_TAGS}; map some to what "
                "the shift involved, or leave some out",
            ),
        )
    draft.record["activities"] = codes
    draft.record["tags"] = tags


def _draft(row: _Row, legacy: bool, options: DaylioOptions, ids: StableIds) -> Draft:
    names = _LEGACY_NAMES if legacy else _NAMES
    if row.cells is None:
        draft = Draft(row.index, names)
        reason = f"has {row.width} cells; the header has {row.header_width}"
        draft.fail(WHOLE_ENTRY, SourceProblem(WHOLE_ENTRY, "", reason))
        return draft
    cells = row.cells
    raw_date = f"{cells['date']} {cells['year']}" if legacy else cells["full_date"]
    raw_time = cells["time"]
    draft = Draft(row.index, names, when=f"{raw_date.strip()} {raw_time.strip()}"[:40].strip())

    day = _legacy_date(cells["date"], cells["year"]) if legacy else parse_iso_date(raw_date.strip())
    if day is None:
        how = "a date like 18 May, with a year" if legacy else "a date written as YYYY-MM-DD"
        draft.fail("date", bad_value(names["date"], raw_date.strip(), f"is not {how}"))
    else:
        draft.record["date"] = day.isoformat()
    clock = parse_clock(raw_time)
    if clock is None:
        draft.fail("created_at", bad_value("time", raw_time, "is not a time like 21:05 or 9:05 pm"))
    elif day is not None:
        stamp = wall_clock_to_utc(day, *clock)
        if stamp is None:
            draft.fail("created_at", bad_value("time", raw_time, "is outside the calendar"))
        draft.record["created_at"] = draft.record["updated_at"] = stamp

    _mood(draft, cells["mood"], options)
    _activities(draft, cells["activities"], options)
    title = html_to_text(cells.get("note_title", ""))
    note = html_to_text(cells["note"])
    draft.record["took_home"] = join_title_and_body(title, note) or None
    draft.record["id"] = ids.next_id(
        raw_date,
        raw_time,
        cells["mood"],
        cells["activities"],
        cells.get("note_title", ""),
        cells["note"],
    )
    return draft


def checkins_from_daylio(
    data: bytes, options: DaylioOptions | None = None, *, today: date | None = None
) -> list[CheckIn]:
    """Every entry of a Daylio CSV export as a check-in, or ``ImportRejected``.

    All or nothing: every bad row is reported by index (0-based, in file
    order, blank lines not counted) and the Daylio column at fault.
    ``today`` bounds the dates accepted, as for the app's own import.
    """
    options = options if options is not None else DaylioOptions()
    columns, rows = _rows(data)
    legacy = "full_date" not in columns
    ids = StableIds(ForeignFormat.DAYLIO.value)
    return build_checkins((_draft(row, legacy, options, ids) for row in rows), today=today)


def daylio_vocabulary(data: bytes) -> DaylioVocabulary:
    """The mood and activity names a Daylio CSV export uses (``ImportRejected`` if unreadable)."""
    _, rows = _rows(data)
    moods: Counter[str] = Counter()
    activities: Counter[str] = Counter()
    spelling: dict[str, str] = {}
    for row in rows:
        if row.cells is None:
            continue
        mood = " ".join(row.cells["mood"].split())
        if mood:
            moods[spelling.setdefault("m" + daylio_name_key(mood), mood)] += 1
        for name in row.cells["activities"].split(ACTIVITY_SEPARATOR):
            name = " ".join(name.split())
            if name:
                activities[spelling.setdefault("a" + daylio_name_key(name), name)] += 1
    return DaylioVocabulary(MappingProxyType(dict(moods)), MappingProxyType(dict(activities)))
