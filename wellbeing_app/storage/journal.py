"""Reading the journal a page at a time: filters, full-text search, newest first.

Pages are fetched by key ("the next 100 older than this one"), never by
OFFSET, so the hundredth page costs what the first does. Row keys sort by
date, and the search index hands back matches in key order, so "newest
first" needs no sort and no join beyond the page itself.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime
from typing import Any, Final

from wellbeing_app.domain.catalogue import ShiftType
from wellbeing_app.domain.journal import PAGE_SIZE, JournalFilter, JournalRow
from wellbeing_app.storage.sort_keys import day_bounds, key_date
from wellbeing_app.storage.vault import Vault

PREVIEW_CHARS: Final = 240  # also written into the checkin_listing index (migration 4)
# What a plain list of matches shows, held apart from the rows (see ``listing``).
LISTING_INDEX: Final = "checkin_listing"
_SHIFT_TYPES: Final = {shift.value: shift for shift in ShiftType}

# (sort key, id, date, shift type, mood, the start of "what I took home")
ListingRow = tuple[int, str, str, str | None, int, str | None]


class JournalQuery:
    """Pages of journal rows, and whole-vault searches, over one open vault."""

    def __init__(self, vault: Vault) -> None:
        self._vault = vault

    def page(
        self, where: JournalFilter, *, older_than: int | None = None, limit: int = PAGE_SIZE
    ) -> list[JournalRow]:
        """Up to ``limit`` rows matching ``where``, newest first, older than ``older_than``."""
        rows = self._select(
            where,
            older_than,
            limit,
            f"c.id, c.date, c.shift_type, c.mood, substr(c.took_home, 1, {PREVIEW_CHARS}), "
            f"substr(c.good_thing, 1, {PREVIEW_CHARS}), c.created_at",
        )
        return self._rows(rows)

    def listing(
        self,
        where: JournalFilter,
        *,
        older_than: int | None = None,
        limit: int = PAGE_SIZE,
        preview: bool = True,
    ) -> list[ListingRow]:
        """Like ``page``, but only what a plain list of matches shows, as it comes from the
        database (no exposures, no "one good thing"; the preview None unless asked for):
        for the command line's search, where the cost of each row is the whole cost.

        Read from the ``checkin_listing`` index (migration 4), never the rows: a
        fifth of the pages to decrypt.
        """
        text = f"substr(c.took_home, 1, {PREVIEW_CHARS})" if preview else "NULL"
        return self._select(
            where,
            older_than,
            limit,
            f"c.id, c.date, c.shift_type, c.mood, {text}",
            index=LISTING_INDEX,
        )

    def _select(
        self,
        where: JournalFilter,
        older_than: int | None,
        limit: int,
        columns: str,
        *,
        index: str | None = None,
    ) -> list[Any]:
        low, high = day_bounds(where.first, where.last)
        if older_than is not None:
            high = min(high, older_than - 1)
        if low > high:
            return []
        searching = where.query is not None and not where.query.is_empty
        key = "f.rowid" if searching else "c.sort_key"
        table = f"checkin AS c INDEXED BY {index}" if index else "checkin AS c"
        sql = [f"SELECT c.sort_key, {columns}"]
        params: list[Any] = []
        if searching:
            assert where.query is not None
            sql.append(
                f"FROM checkin_fts AS f JOIN {table} ON c.sort_key = f.rowid "
                "WHERE checkin_fts MATCH ?"
            )
            params.append(where.query.fts5())
        else:
            sql.append(f"FROM {table} WHERE 1")
        sql.append(f"AND {key} BETWEEN ? AND ?")
        params += [low, high]
        if where.shift_type is not None:
            sql.append("AND c.shift_type = ?")
            params.append(where.shift_type.value)
        if where.exposure is not None:
            sql.append(
                "AND EXISTS (SELECT 1 FROM checkin_exposure AS e "
                "WHERE e.checkin = c.sort_key AND e.code = ?)"
            )
            params.append(where.exposure)
        sql.append(f"ORDER BY {key} DESC LIMIT ?")
        params.append(limit)
        rows: list[Any] = self._vault.connection.execute(" ".join(sql), params).fetchall()
        return rows

    def all_matches(self, where: JournalFilter) -> list[JournalRow]:
        """Every row matching ``where``, newest first."""
        found: list[JournalRow] = []
        older_than: int | None = None
        while True:
            page = self.page(where, older_than=older_than, limit=500)
            found.extend(page)
            if len(page) < 500:
                return found
            older_than = page[-1].sort_key

    def on_this_day(self, today: date) -> list[JournalRow]:
        """Entries from earlier years on today's day and month, newest first."""
        row = self._vault.connection.execute("SELECT min(sort_key) FROM checkin").fetchone()
        if row is None or row[0] is None:
            return []
        first_year = key_date(int(row[0])).year
        found: list[JournalRow] = []
        for year in range(today.year - 1, first_year - 1, -1):
            try:
                day = today.replace(year=year)
            except ValueError:  # 29 February in a year without one
                continue
            found.extend(self.page(JournalFilter(first=day, last=day), limit=20))
        return found

    def _rows(self, rows: list[Any]) -> list[JournalRow]:
        keys = [int(r[0]) for r in rows]
        exposures: dict[int, list[str]] = defaultdict(list)
        if keys:
            marks = ",".join("?" * len(keys))
            for checkin, code in self._vault.connection.execute(
                f"SELECT checkin, code FROM checkin_exposure WHERE checkin IN ({marks}) "
                "ORDER BY checkin, position",
                keys,
            ):
                exposures[int(checkin)].append(str(code))
        return [
            JournalRow(
                sort_key=int(r[0]),
                id=str(r[1]),
                date=date.fromisoformat(r[2]),
                shift_type=_SHIFT_TYPES[r[3]] if r[3] is not None else None,
                mood=int(r[4]),
                exposures=tuple(exposures.get(int(r[0]), ())),
                preview=r[5] or "",
                good_thing=r[6] or "",
                created_at=datetime.fromisoformat(r[7]),
            )
            for r in rows
        ]
