"""The unfinished check-in, kept inside the encrypted vault so no crash or lock loses it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime

from wellbeing_app.domain.checkin import format_timestamp
from wellbeing_app.storage.vault import Vault


@dataclass(frozen=True)
class Draft:
    """What the form held: interchange field names and JSON types, as the form gave them."""

    record: dict[str, object]
    editing_id: str | None
    saved_at: datetime


class DraftStore:
    """One draft at a time: saving replaces it, a saved check-in clears it."""

    def __init__(self, vault: Vault) -> None:
        self._vault = vault

    def save(self, record: dict[str, object], editing_id: str | None = None) -> None:
        text = json.dumps(record, ensure_ascii=False, sort_keys=True)
        with self._vault.transaction() as conn:
            conn.execute(
                "INSERT INTO draft (slot, editing_id, record, saved_at) VALUES (1, ?, ?, ?) "
                "ON CONFLICT (slot) DO UPDATE SET editing_id = excluded.editing_id, "
                "record = excluded.record, saved_at = excluded.saved_at",
                (editing_id, text, format_timestamp(datetime.now(UTC))),
            )

    def load(self) -> Draft | None:
        row = self._vault.connection.execute(
            "SELECT record, editing_id, saved_at FROM draft WHERE slot = 1"
        ).fetchone()
        if row is None:
            return None
        try:
            record = json.loads(row[0])
        except ValueError:
            return None
        if not isinstance(record, dict):
            return None
        return Draft(record, row[1], datetime.fromisoformat(row[2]))

    def clear(self) -> None:
        with self._vault.transaction() as conn:
            conn.execute("DELETE FROM draft")
