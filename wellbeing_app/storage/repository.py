"""Check-ins in the vault: add, update, delete, get, and list by date range."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any, Final

from wellbeing_app.domain.catalogue import ShiftType
from wellbeing_app.domain.checkin import (
    CheckIn,
    DeletedCheckIn,
    format_timestamp,
    validate_checkin,
)
from wellbeing_app.storage.errors import CheckInConflictError
from wellbeing_app.storage.sqlcipher import Connection
from wellbeing_app.storage.vault import Vault

# sort_key = date.toordinal() << DAY_SHIFT | n, where n counts entries in the day.
DAY_SHIFT: Final = 20
_MAX_PARAMS: Final = 500

_COLUMNS: Final = (
    "sort_key, id, date, shift_type, hours_worked, overtime_hours, took_break, mood, stress, "
    "energy, sleep_hours, sleep_quality, tags, took_home, good_thing, talked_to_someone, "
    "created_at, updated_at"
)


def day_bounds(first: date | None, last: date | None) -> tuple[int, int]:
    """The sort-key range covering ``first`` to ``last`` inclusive (either may be open)."""
    low = first.toordinal() << DAY_SHIFT if first is not None else 0
    high = ((last.toordinal() + 1) << DAY_SHIFT) - 1 if last is not None else (1 << 62)
    return low, high


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
        ordered = sorted(checkins, key=lambda c: (c.date, c.created_at))
        with self._vault.transaction(checkins=True) as conn:
            next_key: dict[date, int] = {}
            for checkin in ordered:
                if checkin.date not in next_key:
                    next_key[checkin.date] = self._next_sort_key(conn, checkin.date)
                key = next_key[checkin.date]
                next_key[checkin.date] = key + 1
                self._insert(conn, key, checkin)
        return len(ordered)

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
        columns = (
            _COLUMNS
            if text
            else _COLUMNS.replace("took_home, good_thing", "NULL AS took_home, NULL AS good_thing")
        )
        rows = self._conn.execute(
            f"SELECT {columns} FROM checkin WHERE sort_key BETWEEN ? AND ? "
            f"ORDER BY sort_key {order}",
            (low, high),
        ).fetchall()
        return self._build(rows, low, high)

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
            json.dumps(list(checkin.tags), ensure_ascii=False),
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
        for r in rows:
            key = int(r[0])
            out.append(
                CheckIn(
                    id=r[1],
                    date=date.fromisoformat(r[2]),
                    shift_type=ShiftType(r[3]) if r[3] is not None else None,
                    hours_worked=r[4],
                    overtime_hours=r[5],
                    took_break=_bool_or_none(r[6]),
                    mood=int(r[7]),
                    stress=r[8],
                    energy=r[9],
                    sleep_hours=r[10],
                    sleep_quality=r[11],
                    tags=tuple(json.loads(r[12])),
                    took_home=r[13],
                    good_thing=r[14],
                    talked_to_someone=_bool_or_none(r[15]),
                    exposures=tuple(exposures.get(key, ())),
                    activities=tuple(activities.get(key, ())),
                    created_at=datetime.fromisoformat(r[16]),
                    updated_at=datetime.fromisoformat(r[17]),
                )
            )
        return out
