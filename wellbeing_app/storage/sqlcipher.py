"""The SQLCipher library: one check of the build, and connections opened one way only."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any, Final

from sqlcipher3 import dbapi2

from wellbeing_app.storage.errors import UnsupportedSqlcipherError, VaultDamagedError

DatabaseError: Final = dbapi2.DatabaseError
OperationalError: Final = dbapi2.OperationalError
IntegrityError: Final = dbapi2.IntegrityError
Connection = Any  # sqlcipher3 ships no type information

# Messages SQLite and SQLCipher use when a file cannot be read as a database.
_DAMAGE_MARKERS: Final = (
    "file is not a database",
    "database disk image is malformed",
    "malformed",
    "disk i/o error",
    "unable to open database file",
    "database corrupt",
    "fts5: corrupt",
)

_checked_version: str | None = None
_check_lock = threading.Lock()


def check_build() -> str:
    """Refuse to run unless SQLCipher is 4.x with FTS5 and temp files kept in memory.

    Also silences SQLCipher's own log (a process-wide setting), which would
    otherwise print decryption failures to stderr. The check runs once per
    process; the SQLCipher version is returned.
    """
    global _checked_version
    with _check_lock:
        if _checked_version is not None:
            return _checked_version
        conn = dbapi2.connect(":memory:")
        try:
            conn.execute("PRAGMA cipher_log_level = NONE")
            row = conn.execute("PRAGMA cipher_version").fetchone()
            version = str(row[0]) if row and row[0] else ""
            options = {str(r[0]) for r in conn.execute("PRAGMA compile_options")}
        finally:
            conn.close()
        problem = build_problem(version, options)
        if problem is not None:
            raise UnsupportedSqlcipherError(problem)
        _checked_version = version
        return version


def build_problem(version: str, compile_options: set[str]) -> str | None:
    """Why a SQLCipher build is not good enough, or None if it is."""
    if not version.startswith("4."):
        return f"this app needs SQLCipher 4, but found {version or 'plain SQLite'}"
    if "ENABLE_FTS5" not in compile_options:
        return "this SQLCipher build has no full-text search (FTS5)"
    if not ({"TEMP_STORE=2", "TEMP_STORE=3"} & compile_options):
        return "this SQLCipher build may write temporary files to disk (TEMP_STORE is not 2 or 3)"
    return None


def connect_existing(path: Path, raw_key: bytes) -> Connection:
    """Open an existing database file (never create one) keyed with a raw 256-bit key.

    The order follows the design: key first, prove it by reading the schema,
    then keep temp data in memory, WAL, full sync, and no SQLCipher log.
    """
    if len(raw_key) != 32:
        raise ValueError("the data key must be 32 bytes")
    check_build()  # once per process: also silences SQLCipher's own log before any read
    uri = path.absolute().as_uri() + "?mode=rw"
    try:
        conn = dbapi2.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    except dbapi2.Error as error:
        raise VaultDamagedError(f"the database file cannot be opened ({error})") from None
    try:
        # Raw key form: no passphrase ever goes into a PRAGMA string.
        conn.execute(f"PRAGMA key = \"x'{raw_key.hex()}'\"")
        conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("PRAGMA journal_mode = WAL").fetchone()
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute("PRAGMA foreign_keys = ON")
    except dbapi2.DatabaseError:
        conn.close()
        raise VaultDamagedError(
            "the database cannot be read with its key: it is damaged, or it does not "
            "belong with this key file"
        ) from None
    return conn


def create_database(path: Path, raw_key: bytes) -> Connection:
    """Key a new, empty database file (created 0600 by the caller) and return it open."""
    return connect_existing(path, raw_key)


def is_damage(error: BaseException) -> bool:
    """True when a database error means the file is damaged, not that we misused it."""
    if not isinstance(error, dbapi2.DatabaseError):
        return False
    text = str(error).lower()
    return any(marker in text for marker in _DAMAGE_MARKERS)
