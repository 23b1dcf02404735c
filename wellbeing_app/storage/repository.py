"""Check-ins in the vault: add, update, delete, get, and list by date range.

Many check-ins at once (an import) go in through ``CheckInBatches``: a batch
at a time inside one transaction, each batch in one statement, so the
search index takes it in one piece rather than a row at a time.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from typing import Any, Final

from wellbeing_app.domain.catalogue import ShiftType
from wellbeing_app.domain.checkin import (
    CheckIn,
    DeletedCheckIn,
    format_timestamp,
    oldest_first,
    validate_checkin,
)
from wellbeing_app.storage.errors import CheckInConflictError
from wellbeing_app.storage.sort_keys import day_bounds
from wellbeing_app.storage.sqlcipher import Connection
from wellbeing_app.storage.vault import Vault

_MAX_PARAMS: Final = 500
_CODE_TABLES: Final = ("exposure", "activity")

_COLUMNS: Final = (
    "sort_key, id, date, shift_type, hours_worked, overtime_hours, took_break, mood, stress, "
    "energy, sleep_hours, sleep_quality, tags, took_home, good_thing, talked_to_someone, "
    "created_at, updated_at"
)


# Every column but the reflections: what the ``checkin_numbers`` index holds
# (migration 8), so a read of these is answered from the index alone.
NUMBER_COLUMNS: Final = _COLUMNS.replace(
    "took_home, good_thing", "NULL AS took_home, NULL AS good_thing"
)
_SHIFT_TYPES: Final[dict[str | None, ShiftType | None]] = {
    None: None,
    **{shift.value: shift for shift in ShiftType},
}
_NO_TAGS: Final = "[]"  # nearly every check-in: no need to parse it


def _bool_or_none(value: Any) -> bool | None:
    return None if value is None else bool(value)


class CheckInRepository:
    """Reads and writes check-ins. Every write is one transaction."""

    def __init__(self, vault: Vault) -> None:
        self._vault = vault

    @property
    def _conn(self) -> Connection:
        return self._vault.connection

    # -- writing -----------------------------------------------------------------

    def add(self, checkin: CheckIn) -> CheckIn:
        """Store a new check-in. Raises ``CheckInConflictError`` if its id is taken."""
        self.add_many([checkin])
        return checkin

    def add_many(self, checkins: Sequence[CheckIn]) -> int:
        """Store many check-ins all or nothing, in one transaction."""
        for checkin in checkins:
            validate_checkin(checkin)
        taken = self.existing_ids(c.id for c in checkins)
        if taken:
            raise CheckInConflictError(sorted(taken))
        with (
            self._vault.transaction(checkins=True) as conn,
            CheckInBatches(conn, validated=True) as batches,
        ):
            for start in range(0, len(checkins), CheckInBatches.SIZE):
                batches.add(checkins[start : start + CheckInBatches.SIZE])
            return batches.finish()

    def update(self, checkin: CheckIn) -> CheckIn:
        """Replace the stored check-in with the same id (``KeyError`` if there is none).

        The caller sets ``updated_at``; a new date moves the entry to its new day.
        """
        validate_checkin(checkin)
        with self._vault.transaction(checkins=True) as conn:
            row = conn.execute(
                "SELECT sort_key, date FROM checkin WHERE id = ?", (checkin.id,)
            ).fetchone()
            if row is None:
                raise KeyError(checkin.id)
            key = int(row[0])
            if row[1] != checkin.date.isoformat():
                key = self._next_sort_key(conn, checkin.date)
                conn.execute("UPDATE checkin SET sort_key = ? WHERE id = ?", (key, checkin.id))
            conn.execute(
                "UPDATE checkin SET date = ?, shift_type = ?, hours_worked = ?, "
                "overtime_hours = ?, took_break = ?, mood = ?, stress = ?, energy = ?, "
                "sleep_hours = ?, sleep_quality = ?, tags = ?, took_home = ?, good_thing = ?, "
                "talked_to_someone = ?, created_at = ?, updated_at = ? WHERE sort_key = ?",
                (*self._row_values(checkin)[2:], key),
            )
            conn.execute("DELETE FROM checkin_exposure WHERE checkin = ?", (key,))
            conn.execute("DELETE FROM checkin_activity WHERE checkin = ?", (key,))
            self._insert_codes(conn, key, checkin)
        return checkin

    def delete(self, checkin_id: str) -> bool:
        """Remove a check-in (its exposures, activities and index entries go with it)."""
        return self.take(checkin_id) is not None

    def take(self, checkin_id: str) -> DeletedCheckIn | None:
        """Delete a check-in and hand it back whole, so that ``restore`` can undo it."""
        with self._vault.transaction(checkins=True) as conn:
            row = conn.execute(
                f"SELECT {_COLUMNS} FROM checkin WHERE id = ?", (checkin_id,)
            ).fetchone()
            if row is None:
                return None
            checkin = self._build([row])[0]
            conn.execute("DELETE FROM checkin WHERE id = ?", (checkin_id,))
        return DeletedCheckIn(checkin, int(row[0]))

    def restore(self, deleted: DeletedCheckIn) -> CheckIn:
        """Put a deleted check-in back exactly, in its old place in the day if it is free."""
        checkin = deleted.checkin
        if self.existing_ids([checkin.id]):
            raise CheckInConflictError([checkin.id])
        with self._vault.transaction(checkins=True) as conn:
            free = (
                conn.execute(
                    "SELECT 1 FROM checkin WHERE sort_key = ?", (deleted.sort_key,)
                ).fetchone()
                is None
            )
            key = deleted.sort_key if free else self._next_sort_key(conn, checkin.date)
            self._insert(conn, key, checkin)
        return checkin

    # -- reading -----------------------------------------------------------------

    def get(self, checkin_id: str) -> CheckIn | None:
        row = self._conn.execute(
            f"SELECT {_COLUMNS} FROM checkin WHERE id = ?", (checkin_id,)
        ).fetchone()
        if row is None:
            return None
        return self._build([row])[0]

    def list_between(
        self,
        first: date | None = None,
        last: date | None = None,
        *,
        newest_first: bool = True,
        text: bool = True,
    ) -> list[CheckIn]:
        """Check-ins dated ``first`` to ``last`` inclusive (open-ended if None).

        With ``text=False`` the reflections are left out (read as None): trends
        need only the numbers, and ten years of text would cost memory.
        """
        low, high = day_bounds(first, last)
        order = "DESC" if newest_first else "ASC"
        columns = _COLUMNS if text else NUMBER_COLUMNS
        rows = self._conn.execute(
            f"SELECT {columns} FROM checkin WHERE sort_key BETWEEN ? AND ? "
            f"ORDER BY sort_key {order}",
            (low, high),
        ).fetchall()
        return self._build(rows, low, high)

    def reflections(self, ids: Iterable[str]) -> dict[str, tuple[str | None, str | None]]:
        """``(took_home, good_thing)`` of each check-in in ``ids`` that exists, by id."""
        wanted = list(ids)
        found: dict[str, tuple[str | None, str | None]] = {}
        for at in range(0, len(wanted), _MAX_PARAMS):
            chunk = wanted[at : at + _MAX_PARAMS]
            rows = self._conn.execute(
                "SELECT id, took_home, good_thing FROM checkin "
                f"WHERE id IN ({','.join('?' * len(chunk))})",
                chunk,
            )
            found.update((row[0], (row[1], row[2])) for row in rows)
        return found

    def each_between(
        self,
        first: date | None = None,
        last: date | None = None,
        *,
        batch: int = 500,
    ) -> Iterator[CheckIn]:
        """``list_between(first, last, newest_first=False)`` a batch at a time.

        Memory stays flat however many there are (an export of every
        check-in). Read inside one transaction, unless the caller holds one,
        so every batch sees the vault as it was when the first was read.
        """
        low, high = day_bounds(first, last)
        conn = self._conn
        own_transaction = not conn.in_transaction
        if own_transaction:
            conn.execute("BEGIN")
        try:
            while low <= high:
                rows = conn.execute(
                    f"SELECT {_COLUMNS} FROM checkin WHERE sort_key BETWEEN ? AND ? "
                    "ORDER BY sort_key LIMIT ?",
                    (low, high, batch),
                ).fetchall()
                if not rows:
                    return
                yield from self._build(rows, int(rows[0][0]), int(rows[-1][0]))
                if len(rows) < batch:
                    return
                low = int(rows[-1][0]) + 1
        finally:
            if own_transaction and conn.in_transaction:
                conn.execute("COMMIT")

    def count(self) -> int:
        return int(self._conn.execute("SELECT count(*) FROM checkin").fetchone()[0])

    def existing_ids(self, ids: Iterable[str]) -> set[str]:
        wanted = list(dict.fromkeys(ids))
        found: set[str] = set()
        for start in range(0, len(wanted), _MAX_PARAMS):
            chunk = wanted[start : start + _MAX_PARAMS]
            marks = ",".join("?" * len(chunk))
            found.update(
                r[0]
                for r in self._conn.execute(f"SELECT id FROM checkin WHERE id IN ({marks})", chunk)
            )
        return found

    def identities(self) -> Iterator[tuple[str, str, str | None, str | None, str | None]]:
        """Every check-in's id, date, shift type and words, for telling whether an import
        would double one (``domain.duplicates``); read without building check-ins."""
        yield from self._conn.execute(
            "SELECT id, date, shift_type, took_home, good_thing FROM checkin"
        )

    def last_shift_type(self) -> ShiftType | None:
        """The shift type of the most recently created check-in that has one."""
        row = self._conn.execute(
            "SELECT shift_type FROM checkin WHERE shift_type IS NOT NULL "
            "ORDER BY created_at DESC LIMIT 1"
        ).fetchone()
        return ShiftType(row[0]) if row else None

    # -- internals ---------------------------------------------------------------

    @staticmethod
    def _next_sort_key(conn: Connection, day: date) -> int:
        low, high = day_bounds(day, day)
        row = conn.execute(
            "SELECT max(sort_key) FROM checkin WHERE sort_key BETWEEN ? AND ?", (low, high)
        ).fetchone()
        return low if row[0] is None else int(row[0]) + 1

    @staticmethod
    def _row_values(checkin: CheckIn) -> tuple[Any, ...]:
        def flag(value: bool | None) -> int | None:
            return None if value is None else int(value)

        return (
            None,
            checkin.id,
            checkin.date.isoformat(),
            checkin.shift_type.value if checkin.shift_type is not None else None,
            checkin.hours_worked,
            checkin.overtime_hours,
            flag(checkin.took_break),
            checkin.mood,
            checkin.stress,
            checkin.energy,
            checkin.sleep_hours,
            checkin.sleep_quality,
            json.dumps(list(checkin.tags), ensure_ascii=False) if checkin.tags else "[]",
            checkin.took_home,
            checkin.good_thing,
            flag(checkin.talked_to_someone),
            format_timestamp(checkin.created_at),
            format_timestamp(checkin.updated_at),
        )

    def _insert(self, conn: Connection, key: int, checkin: CheckIn) -> None:
        values = (key, *self._row_values(checkin)[1:])
        conn.execute(
            f"INSERT INTO checkin ({_COLUMNS}) VALUES ({','.join('?' * len(values))})", values
        )
        self._insert_codes(conn, key, checkin)

    @staticmethod
    def _insert_codes(conn: Connection, key: int, checkin: CheckIn) -> None:
        if checkin.exposures:
            conn.executemany(
                "INSERT INTO checkin_exposure (checkin, code, position) VALUES (?, ?, ?)",
                [(key, code, i) for i, code in enumerate(checkin.exposures)],
            )
        if checkin.activities:
            conn.executemany(
                "INSERT INTO checkin_activity (checkin, code, position) VALUES (?, ?, ?)",
                [(key, code, i) for i, code in enumerate(checkin.activities)],
            )

    def _codes(
        self, table: str, keys: list[int], low: int | None, high: int | None
    ) -> dict[int, list[str]]:
        codes: dict[int, list[str]] = defaultdict(list)
        if not keys:
            return codes
        if low is not None and high is not None:
            rows: Iterable[Any] = self._conn.execute(
                f"SELECT checkin, code FROM {table} WHERE checkin BETWEEN ? AND ? "
                "ORDER BY checkin, position",
                (low, high),
            )
        else:
            marks = ",".join("?" * len(keys))
            rows = self._conn.execute(
                f"SELECT checkin, code FROM {table} WHERE checkin IN ({marks}) "
                "ORDER BY checkin, position",
                keys,
            )
        for checkin_key, code in rows:
            codes[int(checkin_key)].append(str(code))
        return codes

    def _build(
        self, rows: list[Any], low: int | None = None, high: int | None = None
    ) -> list[CheckIn]:
        keys = [int(r[0]) for r in rows]
        exposures = self._codes("checkin_exposure", keys, low, high)
        activities = self._codes("checkin_activity", keys, low, high)
        out: list[CheckIn] = []
        no_codes: list[str] = []
        for r in rows:
            key = int(r[0])
            out.append(
                CheckIn(
                    id=r[1],
                    date=date.fromisoformat(r[2]),
                    shift_type=_SHIFT_TYPES[r[3]] if r[3] in _SHIFT_TYPES else ShiftType(r[3]),
                    hours_worked=r[4],
                    overtime_hours=r[5],
                    took_break=_bool_or_none(r[6]),
                    mood=int(r[7]),
                    stress=r[8],
                    energy=r[9],
                    sleep_hours=r[10],
                    sleep_quality=r[11],
                    tags=() if r[12] == _NO_TAGS else tuple(json.loads(r[12])),
                    took_home=r[13],
                    good_thing=r[14],
                    talked_to_someone=_bool_or_none(r[15]),
                    exposures=tuple(exposures.get(key, no_codes)),
                    activities=tuple(activities.get(key, no_codes)),
                    created_at=datetime.fromisoformat(r[16]),
                    updated_at=datetime.fromisoformat(r[17]),
                )
            )
        return out


class CheckInBatches:
    """Adds check-ins a batch at a time inside a transaction the caller holds.

    The result is what one ``add_many`` of them all would give: within a day
    the new entries follow the ones already there, in the order they were
    written (``created_at``). A batch is first staged in temporary tables
    (which stay in memory), then moved into the vault in one statement per
    table: the search index then takes the batch in one piece, several times
    quicker than a row at a time. Use it as a context manager; the caller
    commits, or rolls back and nothing was added.

    ``stage`` and ``write`` take a slot, so one thread may stage the next
    batch while another writes this one: writing is a few long statements in
    which SQLite lets go of Python's lock (the connection itself keeps the
    two threads' statements apart: SQLite is built serialized).
    """

    SIZE: Final = 1000  # check-ins per batch: about 1.5 MB of text
    SLOTS: Final = 2  # batches staged at once, at most
    # A larger page cache while the batches go in (the search index merges its
    # segments in it); the usual size comes back afterwards.
    CACHE_KIB: Final = 32 * 1024

    def __init__(self, conn: Connection, *, validated: bool = False) -> None:
        self._conn = conn
        self._validated = validated  # already checked (import does it while reading)
        self._next_key: dict[date, int] = {}
        self._first_key: dict[date, int] = {}
        self._latest: dict[date, datetime] = {}
        self._out_of_order: set[date] = set()
        self._cache_size: int | None = None
        self.count = 0

    def __enter__(self) -> CheckInBatches:
        conn = self._conn
        self._cache_size = int(conn.execute("PRAGMA cache_size").fetchone()[0])
        conn.execute(f"PRAGMA cache_size = -{self.CACHE_KIB}")
        for slot in range(self.SLOTS):
            conn.execute(
                f"CREATE TEMP TABLE IF NOT EXISTS staged_checkin_{slot} AS "
                f"SELECT {_COLUMNS} FROM main.checkin WHERE 0"
            )
            for table in _CODE_TABLES:
                conn.execute(
                    f"CREATE TEMP TABLE IF NOT EXISTS staged_{table}_{slot} "
                    "(checkin INTEGER, code TEXT, position INTEGER)"
                )
            self._clear(slot)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._cache_size is not None:
            self._conn.execute(f"PRAGMA cache_size = {self._cache_size}")

    def add(self, batch: Sequence[CheckIn]) -> None:
        """Add these check-ins (``InvalidCheckIn`` unless they keep the rules)."""
        self.stage(batch)
        self.write()

    def stage(self, batch: Sequence[CheckIn], slot: int = 0) -> None:
        """Check the batch, give it its keys, and hold it in ``slot`` until ``write``."""
        if not self._validated:
            for checkin in batch:
                validate_checkin(checkin)
        if not batch:
            return
        rows: list[tuple[Any, ...]] = []
        codes: dict[str, list[tuple[int, str, int]]] = {table: [] for table in _CODE_TABLES}
        for checkin in sorted(batch, key=oldest_first):
            day = checkin.date
            key = self._next_key.get(day)
            if key is None:
                # The first of this day in this import: no earlier batch holds the day,
                # so what the vault says now is what it said before the import.
                key = CheckInRepository._next_sort_key(self._conn, day)
                self._first_key[day] = key
                self._latest[day] = checkin.created_at
            elif checkin.created_at < self._latest[day]:
                # An earlier batch of this day was written later: put the day in order at the end.
                self._out_of_order.add(day)
            else:
                self._latest[day] = checkin.created_at
            self._next_key[day] = key + 1
            rows.append((key, *CheckInRepository._row_values(checkin)[1:]))
            codes["exposure"].extend((key, code, i) for i, code in enumerate(checkin.exposures))
            codes["activity"].extend((key, code, i) for i, code in enumerate(checkin.activities))
        conn = self._conn
        marks = ",".join("?" * len(rows[0]))
        conn.executemany(f"INSERT INTO temp.staged_checkin_{slot} VALUES ({marks})", rows)
        for table, code_rows in codes.items():
            if code_rows:
                conn.executemany(
                    f"INSERT INTO temp.staged_{table}_{slot} VALUES (?, ?, ?)", code_rows
                )
        self.count += len(rows)

    def write(self, slot: int = 0) -> None:
        """Move the batch staged in ``slot`` into the vault (and the search index)."""
        conn = self._conn
        conn.execute(
            f"INSERT INTO main.checkin ({_COLUMNS}) "
            f"SELECT {_COLUMNS} FROM temp.staged_checkin_{slot} ORDER BY sort_key"
        )
        for table in _CODE_TABLES:
            conn.execute(
                f"INSERT INTO main.checkin_{table} (checkin, code, position) "
                f"SELECT checkin, code, position FROM temp.staged_{table}_{slot}"
            )
        self._clear(slot)

    def discard(self, slot: int = 0) -> None:
        """Drop the batch staged in ``slot`` unwritten (the import is going to be refused)."""
        self._clear(slot)

    def _clear(self, slot: int) -> None:
        self._conn.execute(f"DELETE FROM temp.staged_checkin_{slot}")
        for table in _CODE_TABLES:
            self._conn.execute(f"DELETE FROM temp.staged_{table}_{slot}")

    def finish(self) -> int:
        """Put in order any day whose entries came in more than one batch; how many were added."""
        for day in sorted(self._out_of_order):
            self._reorder(day)
        for slot in range(self.SLOTS):
            self._conn.execute(f"DROP TABLE IF EXISTS temp.staged_checkin_{slot}")
            for table in _CODE_TABLES:
                self._conn.execute(f"DROP TABLE IF EXISTS temp.staged_{table}_{slot}")
        return self.count

    def _reorder(self, day: date) -> None:
        low, high = self._first_key[day], self._next_key[day] - 1  # this import's, and only
        rows = self._conn.execute(
            "SELECT sort_key, created_at FROM checkin WHERE sort_key BETWEEN ? AND ? "
            "ORDER BY sort_key",
            (low, high),
        ).fetchall()
        # Oldest written first; entries written at the same moment keep the order they came in.
        wanted = sorted(rows, key=lambda r: (datetime.fromisoformat(r[1]), int(r[0])))
        if wanted == rows:
            return
        # Out of the way first (keys are never negative), then each to its place; the
        # exposures, activities and the search index follow (ON UPDATE CASCADE, triggers).
        self._conn.execute(
            "UPDATE checkin SET sort_key = -sort_key WHERE sort_key BETWEEN ? AND ?", (low, high)
        )
        self._conn.executemany(
            "UPDATE checkin SET sort_key = ? WHERE sort_key = ?",
            [(low + place, -int(r[0])) for place, r in enumerate(wanted)],
        )
