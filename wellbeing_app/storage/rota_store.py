"""Your rota inside the encrypted vault: one JSON record, replaced whole."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from wellbeing_app.storage.errors import VaultDamagedError
from wellbeing_app.storage.sqlcipher import Connection
from wellbeing_app.storage.vault import Vault


class RotaStore:
    """The rota record (as ``domain.rota.records.rota_to_record`` makes it), or none."""

    def __init__(self, vault: Vault) -> None:
        self._vault = vault

    def load(self) -> object | None:
        """The stored record, or None when no rota is set; damage raises ``VaultDamagedError``."""
        row = self._vault.connection.execute("SELECT record FROM rota WHERE slot = 1").fetchone()
        if row is None:
            return None
        try:
            record: object = json.loads(row[0])
        except ValueError:
            raise VaultDamagedError("the stored rota cannot be read") from None
        return record

    def save(self, record: dict[str, object]) -> None:
        text = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
        with self._vault.transaction() as conn:
            conn.execute(
                "INSERT INTO rota (slot, record, saved_at) VALUES (1, ?, ?) "
                "ON CONFLICT (slot) DO UPDATE SET record = excluded.record, "
                "saved_at = excluded.saved_at",
                (text, datetime.now(UTC).isoformat()),
            )

    @staticmethod
    def save_within_if_none(conn: Connection, record: dict[str, object]) -> bool:
        """Inside the caller's transaction: keep ``record`` unless a rota is kept already."""
        text = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
        added: int = conn.execute(
            "INSERT INTO rota (slot, record, saved_at) VALUES (1, ?, ?) ON CONFLICT DO NOTHING",
            (text, datetime.now(UTC).isoformat()),
        ).rowcount
        return added > 0

    def clear(self) -> bool:
        """Remove the rota; whether there was one."""
        with self._vault.transaction() as conn:
            removed: int = conn.execute("DELETE FROM rota WHERE slot = 1").rowcount
        return removed > 0
