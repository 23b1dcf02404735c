"""What the journal list shows: a filter, and a row per check-in (newest first)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Final

from wellbeing_app.domain.catalogue import ShiftType
from wellbeing_app.domain.search_terms import SearchQuery

PAGE_SIZE: Final = 100  # rows fetched at a time as the list scrolls


@dataclass(frozen=True)
class JournalFilter:
    """What the journal shows: a date range, a shift type, an exposure, and search words."""

    first: date | None = None
    last: date | None = None
    shift_type: ShiftType | None = None
    exposure: str | None = None
    query: SearchQuery | None = None


@dataclass(frozen=True)
class JournalRow:
    """Enough of a check-in to show it in the list; open it to read the whole entry."""

    sort_key: int
    id: str
    date: date
    shift_type: ShiftType | None
    mood: int
    exposures: tuple[str, ...]
    preview: str  # the start of "what I took home"
    good_thing: str = ""  # the start of "one good thing"
    created_at: datetime | None = None  # when it was written (several in a day show it)
