"""Which files a vault folder holds, judged without opening anything.

Kept apart from ``vault.py`` so the lock screen can tell "first run",
"locked" and "damaged" apart without loading SQLCipher or the crypto
libraries: start-up stays fast.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Final

from wellbeing_app import paths

_CREATING_SUFFIX: Final = ".creating"


class VaultState(Enum):
    """What a data folder holds, judged from which files exist and their sizes."""

    NONE = "none"
    PRESENT = "present"
    DATABASE_MISSING = "database missing"
    DATABASE_EMPTY = "database empty"
    KEY_FILE_MISSING = "key file missing"
    SETUP_UNFINISHED = "setup unfinished"


@dataclass(frozen=True)
class VaultFiles:
    """The paths of one vault's files."""

    folder: Path

    @property
    def database(self) -> Path:
        return self.folder / paths.DATABASE_NAME

    @property
    def key_file(self) -> Path:
        return self.folder / paths.KEY_FILE_NAME

    @property
    def creating(self) -> Path:
        return self.folder / (paths.DATABASE_NAME + _CREATING_SUFFIX)

    def sidecars(self, database: Path | None = None) -> list[Path]:
        base = database or self.database
        return [base.with_name(base.name + suffix) for suffix in ("-wal", "-shm", "-journal")]

    def state(self) -> VaultState:
        has_key = self.key_file.exists()
        has_db = self.database.exists()
        if not has_key and not has_db:
            return VaultState.SETUP_UNFINISHED if self.creating.exists() else VaultState.NONE
        if has_key and not has_db:
            if self.creating.exists():
                return VaultState.SETUP_UNFINISHED
            return VaultState.DATABASE_MISSING
        if has_db and not has_key:
            return VaultState.KEY_FILE_MISSING
        if self.database.stat().st_size == 0:
            return VaultState.DATABASE_EMPTY
        return VaultState.PRESENT


STATE_MESSAGES: Final = {
    VaultState.DATABASE_MISSING: (
        f"the database file ({paths.DATABASE_NAME}) is missing, but its key file is here"
    ),
    VaultState.DATABASE_EMPTY: f"the database file ({paths.DATABASE_NAME}) is empty (0 bytes)",
    VaultState.KEY_FILE_MISSING: (
        f"the key file ({paths.KEY_FILE_NAME}) is missing, so the database cannot be unlocked"
    ),
    VaultState.SETUP_UNFINISHED: (
        "setting up this vault did not finish; if it never held check-ins, remove the "
        "took-home.* files from the folder and set it up again"
    ),
}


def vault_state(folder: Path) -> VaultState:
    return VaultFiles(folder).state()
