"""When an imported check-in is one the vault already holds, so an import never doubles it.

A check-in is already there when the vault holds one with the same ``id``
(the app's own export, or the same Daylio, jrnl or Day One file imported
again: their ids are derived from the entry), or one on the same date, for
the same shift type, with the same words (``took_home`` and ``good_thing``,
ignoring line endings and spaces at either end). The words must not both be
empty: two check-ins on one day with nothing written are two check-ins (a
mood in the morning and another after a late), not one seen twice.

Only the vault is compared against; records repeated within one file are
the file's business (the app's own format refuses a repeated id).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import date

from wellbeing_app.domain.checkin import CheckIn

# One row as the vault gives it: id, date (YYYY-MM-DD), shift type, took_home, good_thing.
IdentityRow = tuple[str, str, str | None, str | None, str | None]


def _words(text: str | None) -> str:
    return (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()


def content_key(
    day: date | str, shift_type: str | None, took_home: str | None, good_thing: str | None
) -> bytes | None:
    """What makes two check-ins the same by content, as a short digest; None with no words.

    A digest, not the words: a vault's worth of keys stays small in memory.
    """
    first, second = _words(took_home), _words(good_thing)
    if not first and not second:
        return None
    day_text = day.isoformat() if isinstance(day, date) else day
    joined = "\x1f".join((day_text, shift_type or "", first, second))
    return hashlib.blake2b(joined.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def key_of(checkin: CheckIn) -> bytes | None:
    """``content_key`` of a check-in."""
    shift = checkin.shift_type.value if checkin.shift_type is not None else None
    return content_key(checkin.date, shift, checkin.took_home, checkin.good_thing)


class KnownCheckIns:
    """The ids and content keys of the check-ins a vault holds, to skip those already there."""

    def __init__(self, rows: Iterable[IdentityRow] = ()) -> None:
        self.ids: set[str] = set()
        self.contents: set[bytes] = set()
        for checkin_id, day, shift, took_home, good_thing in rows:
            self.ids.add(checkin_id)
            key = content_key(day, shift, took_home, good_thing)
            if key is not None:
                self.contents.add(key)

    def __bool__(self) -> bool:
        return bool(self.ids)

    def holds(self, checkin: CheckIn) -> bool:
        """Whether the vault already has this check-in (by id, or by date, shift and words)."""
        if checkin.id in self.ids:
            return True
        key = key_of(checkin)
        return key is not None and key in self.contents

    def count_held(self, checkins: Iterable[CheckIn]) -> int:
        """How many of ``checkins`` the vault already has."""
        return sum(1 for checkin in checkins if self.holds(checkin)) if self.ids else 0
