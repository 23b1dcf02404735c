"""Small settings that belong with the data, kept inside the encrypted vault."""

from __future__ import annotations

import json

from wellbeing_app.storage.sqlcipher import Connection
from wellbeing_app.storage.vault import Vault


class VaultSettings:
    """JSON values by key (e.g. which suggestions were dismissed)."""

    def __init__(self, vault: Vault) -> None:
        self._vault = vault

    def get(self, key: str, default: object = None) -> object:
        row = self._vault.connection.execute(
            "SELECT value FROM vault_setting WHERE key = ?", (key,)
        ).fetchone()
        if row is None:
            return default
        try:
            return json.loads(row[0])
        except ValueError:
            return default

    def set(self, key: str, value: object) -> None:
        with self._vault.transaction() as conn:
            self.set_within(conn, key, value)

    @staticmethod
    def set_within(conn: Connection, key: str, value: object) -> None:
        """``set`` inside a transaction the caller holds: it commits or rolls back with it."""
        conn.execute(
            "INSERT INTO vault_setting (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, json.dumps(value, ensure_ascii=False)),
        )
