"""Moments (each use of an after-shift tool), inside the encrypted vault."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from wellbeing_app.storage.errors import VaultDamagedError
from wellbeing_app.storage.sqlcipher import Connection
from wellbeing_app.storage.vault import Vault

StoredMoment = tuple[str, datetime, str, int | None, int | None]
"""(id, at, tool, distress_before, distress_after), as stored: the service checks them."""


class MomentStore:
    def __init__(self, vault: Vault) -> None:
        self._vault = vault

    def add(self, rows: Iterable[StoredMoment]) -> int:
        with self._vault.transaction() as conn:
            return self.add_within(conn, rows)

    @staticmethod
    def add_within(conn: Connection, rows: Iterable[StoredMoment]) -> int:
        """Add moments (one with an id already kept is left as it is); how many were new."""
        added = 0
        for moment_id, at, tool, before, after in rows:
            added += conn.execute(
                "INSERT INTO moment (id, at, tool, distress_before, distress_after) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                (moment_id, at.isoformat(), tool, before, after),
            ).rowcount
        return added

    def all(self) -> list[StoredMoment]:
        """Oldest first."""
        rows = self._vault.connection.execute(
            "SELECT id, at, tool, distress_before, distress_after FROM moment ORDER BY at, id"
        )
        found: list[StoredMoment] = []
        for moment_id, at, tool, before, after in rows:
            try:
                when = datetime.fromisoformat(at)
            except (TypeError, ValueError):
                raise VaultDamagedError("a stored moment cannot be read") from None
            found.append((moment_id, when, tool, before, after))
        return found

    def count(self) -> int:
        found: int = self._vault.connection.execute("SELECT count(*) FROM moment").fetchone()[0]
        return found
