"""Which files a vault folder holds, judged without opening anything.

Kept apart from ``vault.py`` so the lock screen can tell "first run",
"locked" and "damaged" apart without loading SQLCipher or the crypto
libraries: start-up stays fast.
"""

from __future__ import annotations

import struct
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
    LOG_MISSING = "write-ahead log missing"


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
        if write_ahead_log_lost(self.database):
            return VaultState.LOG_MISSING
        return VaultState.PRESENT


STATE_MESSAGES: Final = {
    VaultState.DATABASE_MISSING: (
        f"the database file ({paths.DATABASE_NAME}) is missing, but its key file is here"
    ),
    VaultState.DATABASE_EMPTY: f"the database file ({paths.DATABASE_NAME}) is empty (0 bytes)",
    VaultState.KEY_FILE_MISSING: (
        f"the key file ({paths.KEY_FILE_NAME}) is missing, so the database cannot be unlocked"
    ),
    VaultState.LOG_MISSING: (
        f"its write-ahead log ({paths.DATABASE_NAME}-wal) is missing, so the most recent "
        "changes cannot be recovered; a backup from before then is the safest way back"
    ),
    VaultState.SETUP_UNFINISHED: (
        "setting up this vault did not finish; if it never held check-ins, remove the "
        "took-home.* files from the folder and set it up again"
    ),
}


# The SQLite WAL index (the -shm file, never encrypted) starts with a header
# whose mxFrame (offset 16) counts the frames in the log and whose nBackfill
# (offset 96) counts those already copied into the database.
_SHM_HEADER_BYTES: Final = 136
_SHM_IS_INIT: Final = 12
_SHM_MAX_FRAME: Final = 16
_SHM_BACKFILL: Final = 96


def write_ahead_log_lost(database: Path) -> bool:
    """True when the -wal file is gone but the index says it held uncopied changes.

    After a crash both -wal and -shm remain. If something then deletes the
    -wal, opening would silently lose the last changes: we report damage
    instead. A stale -shm whose frames were all copied back is harmless.
    """
    wal = database.with_name(database.name + "-wal")
    shm = database.with_name(database.name + "-shm")
    if wal.exists() or not shm.exists():
        return False
    try:
        header = shm.read_bytes()[:_SHM_HEADER_BYTES]
    except OSError:
        return False
    if len(header) < _SHM_HEADER_BYTES or header[_SHM_IS_INIT] != 1:
        return False
    frames = struct.unpack_from("=I", header, _SHM_MAX_FRAME)[0]
    copied = struct.unpack_from("=I", header, _SHM_BACKFILL)[0]
    return bool(frames > copied)


def vault_state(folder: Path) -> VaultState:
    return VaultFiles(folder).state()
