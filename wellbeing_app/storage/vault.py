"""The vault: one SQLCipher database and its key file, in one private folder.

Opening follows one order: check the SQLCipher build; look at which files
exist (a missing or 0-byte database beside a key file is damage, never a
new vault); unwrap the data key from its slot (a failure here is a wrong
passphrase); open the database with the raw key and prove it by reading the
schema (a failure here is damage); migrate. Locking checkpoints the WAL
into the database, closes it, and forgets the key.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from wellbeing_app import __version__, paths
from wellbeing_app.kdf import DEFAULT_KDF, KdfParams
from wellbeing_app.storage import keyslots, locking, migrations, restoring, sqlcipher
from wellbeing_app.storage.errors import (
    NoVaultError,
    VaultDamagedError,
    VaultExistsError,
    VaultLockedError,
    WrongSecretError,
)
from wellbeing_app.storage.files import STATE_MESSAGES, VaultFiles, VaultState, vault_state
from wellbeing_app.storage.keyslots import KeySlots

__all__ = ["CheckReport", "Vault", "VaultFiles", "VaultState", "unwrap_data_key", "vault_state"]


@dataclass(frozen=True)
class CheckReport:
    """The result of ``Vault.check``: an empty ``problems`` list means all is well."""

    problems: tuple[str, ...]
    checked: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


class Vault:
    """An open, unlocked vault. Use ``create`` or one of the ``open_*`` class methods."""

    def __init__(
        self,
        files: VaultFiles,
        conn: sqlcipher.Connection,
        data_key: bytes,
        slots: KeySlots,
        held: locking.VaultLock | None = None,
    ) -> None:
        self._files = files
        self._held = held or locking.VaultLock(None)
        self._conn: sqlcipher.Connection | None = conn
        self._data_key = bytearray(data_key)
        self._slots = slots
        self._revision = 0
        self._checkin_revision = 0

    # -- creating and opening -------------------------------------------------

    @classmethod
    def create(
        cls, folder: Path, passphrase: str, *, kdf: KdfParams = DEFAULT_KDF
    ) -> tuple[Vault, str]:
        """Make a new vault; returns it open, with the recovery key to show once.

        Refuses a folder that already holds a vault or part of one.
        """
        sqlcipher.check_build()
        files = VaultFiles(folder)
        state = files.state()
        if state is not VaultState.NONE:
            raise VaultExistsError(
                f"{folder} already holds a vault (or part of one); nothing was changed"
            )
        paths.ensure_private_dir(folder)
        data_key = os.urandom(keyslots.DATA_KEY_BYTES)
        recovery_key = keyslots.new_recovery_key()
        slots = KeySlots.create(data_key, passphrase, recovery_key, kdf=kdf)

        # Build the database under a temporary name, then write the key file,
        # then give the database its real name: a crash part-way leaves a
        # marker that ``state`` recognises, never a key file for another vault.
        temp = files.creating
        for leftover in [temp, *files.sidecars(temp)]:
            leftover.unlink(missing_ok=True)
        paths.create_private_file(temp)
        conn = sqlcipher.create_database(temp, data_key)
        try:
            migrations.migrate(conn)
            now = datetime.now(UTC).isoformat()
            with _transaction(conn):
                conn.executemany(
                    "INSERT INTO meta (key, value) VALUES (?, ?)",
                    [
                        ("vault_id", slots.vault_id),
                        ("created_at", now),
                        ("created_by", __version__),
                    ],
                )
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
        paths.write_atomically(files.key_file, slots.to_bytes())
        os.replace(temp, files.database)
        paths.fsync_dir(folder)
        vault = cls._open_with_key(files, data_key, slots)
        return vault, keyslots.format_recovery_key(recovery_key)

    @classmethod
    def read_key_slots(cls, folder: Path) -> KeySlots:
        """Check which files exist and read the key file; damage raises before any KDF runs.

        A restore that a crash interrupted is finished first, so the vault is
        always the old one or the restored one, never a mixture.
        """
        sqlcipher.check_build()
        restoring.finish_interrupted_restore(folder)
        files = VaultFiles(folder)
        state = files.state()
        if state is VaultState.NONE:
            raise NoVaultError(f"there is no vault in {folder} yet")
        if state is not VaultState.PRESENT:
            raise VaultDamagedError(STATE_MESSAGES[state])
        try:
            data = files.key_file.read_bytes()
        except OSError as error:
            raise VaultDamagedError(f"the key file cannot be read ({error.strerror})") from None
        return KeySlots.from_bytes(data)

    @classmethod
    def open(cls, folder: Path, secret: str) -> Vault:
        """Unlock with the passphrase, or with the recovery key typed in its place."""
        slots = cls.read_key_slots(folder)
        data_key = unwrap_data_key(slots, secret)
        return cls._open_with_key(VaultFiles(folder), data_key, slots)

    @classmethod
    def open_with_recovery_key(cls, folder: Path, recovery_key: str) -> Vault:
        slots = cls.read_key_slots(folder)
        raw = keyslots.parse_recovery_key(recovery_key)
        if raw is None:
            raise WrongSecretError("that is not a recovery key (32 letters and digits)")
        data_key = slots.unwrap_with_recovery_key(raw)
        return cls._open_with_key(VaultFiles(folder), data_key, slots)

    @classmethod
    def open_with_data_key(cls, folder: Path, data_key: bytes) -> Vault:
        """Open with a data key already unwrapped (by ``unwrap_data_key`` on a worker thread)."""
        slots = cls.read_key_slots(folder)
        return cls._open_with_key(VaultFiles(folder), data_key, slots)

    @classmethod
    def _open_with_key(cls, files: VaultFiles, data_key: bytes, slots: KeySlots) -> Vault:
        # Held for as long as the vault is open: a restore cannot swap the files meanwhile.
        held = locking.hold_open(files.folder)
        try:
            return cls._connect(files, data_key, slots, held)
        except BaseException:
            held.release()
            raise

    @classmethod
    def _connect(
        cls, files: VaultFiles, data_key: bytes, slots: KeySlots, held: locking.VaultLock
    ) -> Vault:
        conn = sqlcipher.connect_existing(files.database, data_key)
        try:
            migrations.migrate(conn)
            row = conn.execute("SELECT value FROM meta WHERE key = 'vault_id'").fetchone()
        except sqlcipher.DatabaseError as error:
            conn.close()
            if sqlcipher.is_damage(error):
                raise VaultDamagedError("the database is damaged") from None
            raise
        except BaseException:
            conn.close()
            raise
        if row is None or row[0] != slots.vault_id:
            conn.close()
            raise VaultDamagedError("the key file and the database belong to different vaults")
        vault = cls(files, conn, data_key, slots, held)
        vault._tighten_permissions()
        return vault

    # -- using it --------------------------------------------------------------

    @property
    def folder(self) -> Path:
        return self._files.folder

    @property
    def vault_id(self) -> str:
        return self._slots.vault_id

    @property
    def is_open(self) -> bool:
        return self._conn is not None

    @property
    def connection(self) -> sqlcipher.Connection:
        if self._conn is None:
            raise VaultLockedError("the vault is locked")
        return self._conn

    @contextlib.contextmanager
    def transaction(self, *, checkins: bool = False) -> Iterator[sqlcipher.Connection]:
        """``BEGIN IMMEDIATE`` … ``COMMIT``, or ``ROLLBACK`` if anything inside fails.

        ``checkins`` says the write changes check-ins (not a draft or a setting).
        """
        with _transaction(self.connection) as conn:
            yield conn
        self._revision += 1
        if checkins:
            self._checkin_revision += 1
        self._tighten_permissions()

    @property
    def revision(self) -> int:
        """Goes up with every committed write through this vault (cheap "has it changed?")."""
        return self._revision

    @property
    def checkin_revision(self) -> int:
        """Changes with every committed change to the check-ins through this vault (drafts
        do not count), and with every write another connection commits (an import or an
        edit from the command line while the app is open): SQLite's ``data_version``."""
        if self._conn is None:
            return self._checkin_revision
        outside = int(self._conn.execute("PRAGMA data_version").fetchone()[0])
        return self._checkin_revision + (outside << 32)

    def change_passphrase(self, new_passphrase: str, *, kdf: KdfParams = DEFAULT_KDF) -> None:
        """Rewrite the passphrase slot only (atomically); the data is not re-encrypted."""
        if self._conn is None:
            raise VaultLockedError("the vault is locked")
        slots = self._slots.with_passphrase(bytes(self._data_key), new_passphrase, kdf=kdf)
        paths.write_atomically(self._files.key_file, slots.to_bytes())
        self._slots = slots

    def check(self) -> CheckReport:
        """SQLCipher's page check, SQLite's integrity check, the search index, the key file."""
        conn = self.connection
        problems: list[str] = []
        checked: list[str] = []
        try:
            cipher_rows = conn.execute("PRAGMA cipher_integrity_check").fetchall()
            checked.append("encrypted pages (cipher_integrity_check)")
            problems.extend(f"encrypted page check: {row[0]}" for row in cipher_rows[:5])
            rows = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
            checked.append("database structure (integrity_check)")
            if rows != ["ok"]:
                problems.extend(f"database structure: {r}" for r in rows[:5])
            conn.execute("INSERT INTO checkin_fts (checkin_fts) VALUES ('integrity-check')")
            checked.append("search index")
        except sqlcipher.DatabaseError as error:
            problems.append(f"database: {error}")
        try:
            on_disk = KeySlots.from_bytes(self._files.key_file.read_bytes())
            if on_disk.vault_id != self.vault_id:
                problems.append("key file: it belongs to a different vault")
            else:
                slot_check = on_disk.check_slots(bytes(self._data_key))
                problems.extend(
                    f"key file: the {name} slot is damaged (it no longer matches this vault)"
                    for name in slot_check.damaged
                )
            checked.append("key file")
        except (OSError, VaultDamagedError) as error:
            problems.append(f"key file: {error}")
        return CheckReport(tuple(problems), tuple(checked))

    def key_file_bytes(self) -> bytes:
        """The key file this session was unlocked with (to keep it across a restore)."""
        if self._conn is None:
            raise VaultLockedError("the vault is locked")
        return self._slots.to_bytes()

    def data_key(self) -> bytes:
        """The raw data key, only to write or verify a backup of this same vault."""
        if self._conn is None:
            raise VaultLockedError("the vault is locked")
        return bytes(self._data_key)

    def accepts_secret(self, secret: str) -> bool:
        """True if ``secret`` (passphrase or recovery key) unlocks this vault's key file."""
        try:
            on_disk = KeySlots.from_bytes(self._files.key_file.read_bytes())
            return unwrap_data_key(on_disk, secret) == bytes(self._data_key)
        except (OSError, WrongSecretError, VaultDamagedError):
            return False

    def lock(self) -> None:
        """Checkpoint the WAL into the database, close it, and forget the key."""
        conn, self._conn = self._conn, None
        if conn is not None:
            try:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                conn.close()
                self._held.release()
        for i in range(len(self._data_key)):
            self._data_key[i] = 0
        self._data_key = bytearray()

    def __enter__(self) -> Vault:
        return self

    def __exit__(self, *exc: object) -> None:
        self.lock()

    def _tighten_permissions(self) -> None:
        for path in [self._files.database, *self._files.sidecars()]:
            with contextlib.suppress(FileNotFoundError):
                if path.stat().st_mode & 0o077:
                    paths.make_private(path)


def unwrap_data_key(slots: KeySlots, secret: str) -> bytes:
    """Try the secret as a passphrase, and, if it has the shape of one, as a recovery key.

    A recovery key is tried first when the text looks like one, because HKDF
    is instant while Argon2id takes about half a second.
    """
    return unwrap_slot(slots, secret)[0]


def unwrap_slot(slots: KeySlots, secret: str) -> tuple[bytes, str]:
    """Like ``unwrap_data_key``, and names the slot that opened (``passphrase`` or ``recovery``)."""
    recovery = keyslots.parse_recovery_key(secret)
    if recovery is not None:
        try:
            return slots.unwrap_with_recovery_key(recovery), keyslots.RECOVERY_SLOT
        except WrongSecretError:
            pass
    return slots.unwrap_with_passphrase(secret), keyslots.PASSPHRASE_SLOT


@contextlib.contextmanager
def _transaction(conn: sqlcipher.Connection) -> Iterator[sqlcipher.Connection]:
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
