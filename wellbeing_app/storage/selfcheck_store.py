"""Completed self-checks and the one left half-done, inside the encrypted vault."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, date, datetime

from wellbeing_app.storage.errors import VaultDamagedError
from wellbeing_app.storage.sqlcipher import Connection
from wellbeing_app.storage.vault import Vault

StoredSelfCheck = tuple[str, date, str, tuple[int, ...], int | None]
"""(id, date, instrument, answers, difficulty), as stored: the service checks them."""


def _answers(text: str) -> tuple[int, ...]:
    try:
        raw = json.loads(text)
    except ValueError:
        raise VaultDamagedError("a stored self-check cannot be read") from None
    if not isinstance(raw, list) or not all(type(v) is int for v in raw):
        raise VaultDamagedError("a stored self-check cannot be read")
    return tuple(raw)


class SelfCheckStore:
    def __init__(self, vault: Vault) -> None:
        self._vault = vault

    def add(self, rows: Iterable[StoredSelfCheck]) -> int:
        """Add completed self-checks (one with an id already kept is left as it is)."""
        with self._vault.transaction() as conn:
            return self.add_within(conn, rows)

    @staticmethod
    def add_within(conn: Connection, rows: Iterable[StoredSelfCheck]) -> int:
        now = datetime.now(UTC).isoformat()
        added = 0
        for selfcheck_id, day, instrument, answers, difficulty in rows:
            added += conn.execute(
                "INSERT INTO selfcheck (id, date, instrument, answers, difficulty, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                (selfcheck_id, day.isoformat(), instrument, json.dumps(answers), difficulty, now),
            ).rowcount
        return added

    def all(self, instrument: str | None = None) -> list[StoredSelfCheck]:
        """Oldest first (by date, then when it was saved)."""
        query = "SELECT id, date, instrument, answers, difficulty FROM selfcheck"
        args: tuple[object, ...] = ()
        if instrument is not None:
            query += " WHERE instrument = ?"
            args = (instrument,)
        rows = self._vault.connection.execute(query + " ORDER BY date, created_at", args)
        return [
            (row[0], date.fromisoformat(row[1]), row[2], _answers(row[3]), row[4]) for row in rows
        ]

    def count(self) -> int:
        found: int = self._vault.connection.execute("SELECT count(*) FROM selfcheck").fetchone()[0]
        return found

    # -- the one left half-done -----------------------------------------------------

    def save_draft(self, instrument: str, answers: list[int | None]) -> None:
        with self._vault.transaction() as conn:
            conn.execute(
                "INSERT INTO selfcheck_draft (slot, instrument, answers, saved_at) "
                "VALUES (1, ?, ?, ?) ON CONFLICT (slot) DO UPDATE SET "
                "instrument = excluded.instrument, answers = excluded.answers, "
                "saved_at = excluded.saved_at",
                (instrument, json.dumps(answers), datetime.now(UTC).isoformat()),
            )

    def load_draft(self) -> tuple[str, list[int | None]] | None:
        row = self._vault.connection.execute(
            "SELECT instrument, answers FROM selfcheck_draft WHERE slot = 1"
        ).fetchone()
        if row is None:
            return None
        try:
            answers = json.loads(row[1])
        except ValueError:
            return None  # a draft is a convenience: a damaged one is dropped, not fatal
        if not isinstance(answers, list):
            return None
        return row[0], [a if type(a) is int else None for a in answers]

    def discard_draft(self) -> None:
        with self._vault.transaction() as conn:
            conn.execute("DELETE FROM selfcheck_draft WHERE slot = 1")
