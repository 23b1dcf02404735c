"""jrnl's JSON export (``jrnl --export json``) as check-ins.

jrnl writes ``{"tags": {"@court": 2, ...}, "entries": [...]}``, each entry
``{"title", "body", "date": "2024-01-05", "time": "21:30", "tags":
["@court"], "starred": false}``, plus ``uuid`` for journals kept in Day One
format.

===========  ===============================================================
jrnl         Check-in
===========  ===============================================================
``date``     ``date``
``time``     ``created_at`` (and ``updated_at``): the computer's wall clock,
             read as Europe/London, stored in UTC; 09:00 if absent, as jrnl
             does for an entry given only a date
``title``,   ``took_home``: the title on the first line, then the body (as
``body``     jrnl's own journal file shows them)
``tags``     ``tags``, without jrnl's leading "@" (or "#"), bent to the tag
             rules (see ``tags``)
``uuid``     the source of the check-in's stable ``id`` when present;
             otherwise the entry's date, time, title and body are
``starred``  not kept (the check-in has no such field)
(none)       ``mood``: the caller's ``default_mood`` for every entry
===========  ===============================================================

The top-level ``tags`` counts are not needed: each entry lists its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from types import MappingProxyType
from typing import Final

from wellbeing_app.domain.checkin import CheckIn
from wellbeing_app.domain.moving_in.formats import ForeignFormat
from wellbeing_app.domain.moving_in.json_entries import entries_of, tags_field, text_field
from wellbeing_app.domain.moving_in.problems import (
    WHOLE_ENTRY,
    SourceProblem,
    bad_value,
    wrong_kind,
)
from wellbeing_app.domain.moving_in.records import (
    Draft,
    StableIds,
    build_checkins,
    check_default_mood,
    parse_clock,
    parse_iso_date,
    wall_clock_to_utc,
)
from wellbeing_app.domain.moving_in.text import join_title_and_body

JRNL_TAG_SYMBOLS: Final = "@#"  # jrnl's default "tagsymbols"
DEFAULT_TIME: Final = (9, 0)  # jrnl's own "default_hour" and "default_minute"

_NAMES: Final = MappingProxyType(
    {
        "date": "date",
        "tags": "tags",
        "took_home": "title and body",
        "created_at": "time",
        "updated_at": "time",
    }
)


def _short(value: object) -> str:
    return value.strip()[:20] if isinstance(value, str) else ""


def _draft(index: int, entry: object, mood: int, ids: StableIds) -> Draft:
    if not isinstance(entry, dict):
        draft = Draft(index, _NAMES)
        draft.fail(WHOLE_ENTRY, wrong_kind(WHOLE_ENTRY, entry, "an object"))
        return draft
    raw_date, raw_time = entry.get("date"), entry.get("time")
    draft = Draft(index, _NAMES, when=f"{_short(raw_date)} {_short(raw_time)}".strip())
    draft.record["mood"] = mood

    day: date | None = None
    if raw_date is None:
        draft.fail("date", SourceProblem("date", "", "is missing"))
    elif not isinstance(raw_date, str):
        draft.fail("date", wrong_kind("date", raw_date, "text"))
    else:
        day = parse_iso_date(raw_date.strip())
        if day is None:
            draft.fail("date", bad_value("date", raw_date, "is not a date written as YYYY-MM-DD"))
        else:
            draft.record["date"] = day.isoformat()

    clock: tuple[int, int] | None = DEFAULT_TIME
    if raw_time is not None and not isinstance(raw_time, str):
        draft.fail("created_at", wrong_kind("time", raw_time, "text"))
        clock = None
    elif isinstance(raw_time, str):
        clock = parse_clock(raw_time)
        if clock is None:
            draft.fail("created_at", bad_value("time", raw_time, "is not a time like 21:05"))
    if day is not None and clock is not None:
        stamp = wall_clock_to_utc(day, *clock)
        if stamp is None:
            draft.fail("created_at", bad_value("time", raw_time, "is outside the calendar"))
        draft.record["created_at"] = draft.record["updated_at"] = stamp

    title = text_field(draft, entry, "title", "took_home")
    body = text_field(draft, entry, "body", "took_home")
    draft.record["took_home"] = join_title_and_body(title, body) or None
    draft.record["tags"] = tags_field(draft, entry, "tags", JRNL_TAG_SYMBOLS)

    own_id = entry.get("uuid")
    if isinstance(own_id, str) and own_id.strip():
        draft.record["id"] = ids.next_id("uuid", own_id.strip().upper())
    else:
        draft.record["id"] = ids.next_id(
            "entry", str(raw_date), str(raw_time), str(entry.get("title")), str(entry.get("body"))
        )
    return draft


def checkins_from_jrnl(
    data: bytes, *, default_mood: int, today: date | None = None
) -> list[CheckIn]:
    """Every entry of a ``jrnl --export json`` file as a check-in, or ``ImportRejected``.

    jrnl records no mood, so every check-in gets ``default_mood`` (1-5; a
    ``ValueError`` otherwise). All or nothing: every bad entry is reported by
    its index in ``entries`` (0-based) and jrnl's name for the field.
    """
    mood = check_default_mood(default_mood)
    entries = entries_of(data, ForeignFormat.JRNL)
    ids = StableIds(ForeignFormat.JRNL.value)

    def drafts() -> Iterator[Draft]:
        for index, entry in enumerate(entries):
            yield _draft(index, entry, mood, ids)

    return build_checkins(drafts(), today=today)
