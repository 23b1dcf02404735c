"""Encrypted backups: one self-contained file, verified before it ever replaces a vault.

A backup is a ZIP holding a small manifest, the key file and a copy of the
database made with SQLite's backup API (never a raw copy of a live file).
Both stay encrypted: the backup opens with the same passphrase or recovery
key as the vault did when it was made.

Since version 2 the manifest carries an HMAC under a key derived from the
data key, so nothing it says is shown before the backup has been unlocked.

Restoring is two steps. ``check_backup`` reads the file with a cap on every
part (it may come from anywhere), unwraps the key with what the user gave,
proves the manifest and the other key slot against their MACs, and unpacks
and checks the database; nothing in the vault folder changes. ``install``
then swaps it in under the folder's exclusive lock (``restoring``), keeping
the old vault aside under a name of its own. A crash part-way is finished on
the next open, so the vault is always either the old one or the new one.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import re
import shutil
import tempfile
import time
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Final

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from wellbeing_app import __version__, paths
from wellbeing_app.storage import locking, migrations, restoring, sqlcipher
from wellbeing_app.storage.errors import (
    VaultDamagedError,
    VaultError,
    VaultTooNewError,
)
from wellbeing_app.storage.files import VaultFiles
from wellbeing_app.storage.keyslots import KeySlots, SlotCheck
from wellbeing_app.storage.vault import Vault, unwrap_slot

BACKUP_FORMAT: Final = "took-home-backup"
BACKUP_VERSION: Final = 2
READABLE_VERSIONS: Final = (1, 2)
BACKUP_SUFFIX: Final = ".thbackup"
MANIFEST: Final = "manifest.json"
_MAX_BACKUP_BYTES: Final = 8 * 1024 * 1024 * 1024
# A manifest is about 300 bytes and a key file about 1 KiB; 16 KiB is room to
# grow and far too little to hurt. The database is refused if it says it is
# more than twice its packed size (an encrypted database does not compress,
# so a real one is about 1:1) or would not fit in the free space.
MAX_SMALL_MEMBER_BYTES: Final = 16 * 1024
MAX_DATABASE_RATIO: Final = 2
_MEMBERS: Final = frozenset({MANIFEST, paths.KEY_FILE_NAME, paths.DATABASE_NAME})
_MANIFEST_MAC_INFO: Final = b"took-home backup manifest v1"
_COMPRESSIONS: Final = frozenset({zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED})
_CHUNK: Final = 1024 * 1024
# A backup is built in a private work folder beside its target, then renamed
# into place. A process killed meanwhile cannot tidy up; the next backup into
# the same folder removes what it left, once no backup can still be using it.
_WORK_PREFIX: Final = ".took-home-backup-"
_WORK: Final = re.compile(re.escape(_WORK_PREFIX) + r"[A-Za-z0-9_]+")
_WORK_FILES: Final = frozenset({"copy.db", "copy.db-wal", "copy.db-shm", "backup.zip"})
STALE_WORK_SECONDS: Final = 3600


@dataclass(frozen=True)
class BackupInfo:
    """What a backup's manifest says about itself.

    Read without a key (``read_backup_info``) it is only a claim, fit for
    "this file looks like a backup"; ``CheckedBackup.info`` is proven.
    """

    created_at: datetime
    vault_id: str
    schema_version: int
    checkins: int


def write_backup(vault: Vault, target: Path) -> BackupInfo:
    """Write an encrypted, self-contained backup of ``vault`` to ``target`` (atomically)."""
    return _write_backup(vault.connection, vault.folder, vault.data_key(), target)


def write_backup_with_key(folder: Path, data_key: bytes, target: Path) -> BackupInfo:
    """Like ``write_backup``, over a connection of its own (for a worker thread).

    WAL lets this read a consistent snapshot while the app keeps writing.
    """
    conn = sqlcipher.connect_existing(VaultFiles(folder).database, data_key)
    try:
        return _write_backup(conn, folder, data_key, target)
    finally:
        conn.close()


def _write_backup(
    source: sqlcipher.Connection, folder: Path, data_key: bytes, target: Path
) -> BackupInfo:
    target = target.absolute()
    remove_stale_work(target.parent)
    # A folder of its own (0700): two backups at once never share one.
    work = Path(tempfile.mkdtemp(prefix=_WORK_PREFIX, dir=target.parent))
    try:
        copy = work / "copy.db"
        paths.create_private_file(copy)
        destination = sqlcipher.connect_existing(copy, data_key)
        try:
            source.backup(destination)
            destination.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            # Describe the copy itself, so the manifest matches what was written.
            count = int(destination.execute("SELECT count(*) FROM checkin").fetchone()[0])
            row = destination.execute("SELECT value FROM meta WHERE key = 'vault_id'").fetchone()
            version = migrations.schema_version(destination)
        finally:
            destination.close()
        info = BackupInfo(
            created_at=datetime.now(UTC),
            vault_id=str(row[0]) if row else "",
            schema_version=version,
            checkins=count,
        )
        key_bytes = paths.read_regular_file(folder / paths.KEY_FILE_NAME, MAX_SMALL_MEMBER_BYTES)
        manifest: dict[str, object] = {
            "format": BACKUP_FORMAT,
            "version": BACKUP_VERSION,
            "created_at": info.created_at.isoformat(),
            "vault_id": info.vault_id,
            "schema_version": info.schema_version,
            "checkins": info.checkins,
            "app_version": __version__,
            "key_file_sha256": hashlib.sha256(key_bytes).hexdigest(),
        }
        manifest["mac"] = _manifest_mac(data_key, manifest).hex()
        packed = work / "backup.zip"
        fd = os.open(packed, os.O_WRONLY | os.O_CREAT | os.O_EXCL, paths.PRIVATE_FILE_MODE)
        with os.fdopen(fd, "wb") as raw, zipfile.ZipFile(raw, "w", zipfile.ZIP_STORED) as archive:
            archive.writestr(MANIFEST, json.dumps(manifest, indent=2))
            archive.writestr(paths.KEY_FILE_NAME, key_bytes)
            archive.write(copy, paths.DATABASE_NAME)
        with open(packed, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(packed, target)
        paths.make_private(target)
        paths.fsync_dir(target.parent)
        return info
    finally:
        shutil.rmtree(work, ignore_errors=True)


def remove_stale_work(folder: Path, now: float | None = None) -> list[str]:
    """Remove work folders that killed backups left in ``folder``; their names.

    Only folders named like ours, holding nothing but our files, and untouched
    for an hour (a backup takes seconds) are removed.
    """
    now = time.time() if now is None else now
    removed: list[str] = []
    with contextlib.suppress(OSError):
        for entry in folder.iterdir():
            if not _WORK.fullmatch(entry.name) or not entry.is_dir() or entry.is_symlink():
                continue
            try:
                names = {child.name for child in entry.iterdir()}
                if not names <= _WORK_FILES:
                    continue
                newest = max([entry.stat().st_mtime, *((entry / n).stat().st_mtime for n in names)])
                if now - newest < STALE_WORK_SECONDS:
                    continue
                shutil.rmtree(entry)
            except OSError:
                continue
            removed.append(entry.name)
    return removed


def _manifest_mac(data_key: bytes, manifest: dict[str, object]) -> bytes:
    """HMAC-SHA256 over the manifest's canonical JSON (without its ``mac``)."""
    body = {k: v for k, v in manifest.items() if k != "mac"}
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_MANIFEST_MAC_INFO).derive(
        data_key
    )
    return hmac.new(key, canonical.encode("ascii"), hashlib.sha256).digest()


_DAMAGED: Final = "the backup file is damaged (it is not a readable backup)"


def read_backup_info(source: Path) -> BackupInfo:
    """What a backup's manifest claims (unproven); ``VaultDamagedError`` if it is not a backup."""
    with _open_backup(source) as archive:
        return _info(_read_manifest(archive))


@contextlib.contextmanager
def _open_backup(source: Path) -> Iterator[zipfile.ZipFile]:
    """The backup as a ZIP whose members have been looked over, without reading them."""
    try:
        handle: IO[bytes] = paths.open_regular_file(source)
    except FileNotFoundError:
        raise VaultError(f"there is no file at {source}") from None
    except paths.NotRegularFileError:
        raise VaultDamagedError("that is not a backup file (it is not a regular file)") from None
    except OSError as error:
        raise VaultError(f"the file cannot be read ({error.strerror or error})") from None
    try:
        try:
            if os.fstat(handle.fileno()).st_size > _MAX_BACKUP_BYTES:
                raise VaultDamagedError("the backup file is far too large to be a backup")
            archive = zipfile.ZipFile(handle)
        except (*_ZIP_ERRORS, OSError):
            raise VaultDamagedError(_DAMAGED) from None
        try:
            _look_over(archive)
            try:
                yield archive
            except _ZIP_ERRORS:
                raise VaultDamagedError(_DAMAGED) from None
        finally:
            archive.close()
    finally:
        handle.close()


# What a crafted ZIP can make ``zipfile`` raise, besides OSError.
_ZIP_ERRORS: Final = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    EOFError,
    zlib.error,
    NotImplementedError,
    RuntimeError,  # includes RecursionError
    ValueError,
    OverflowError,
    KeyError,
)


def _look_over(archive: zipfile.ZipFile) -> None:
    members = archive.infolist()
    names = [member.filename for member in members]
    if set(names) != _MEMBERS or len(names) != len(_MEMBERS):
        raise VaultDamagedError(
            "the backup file is damaged (its parts are not what they should be)"
        )
    for member in members:
        if member.flag_bits & 0x1:
            raise VaultDamagedError("the backup file has a password-protected part; it is not ours")
        if member.compress_type not in _COMPRESSIONS:
            raise VaultDamagedError("the backup file uses a kind of compression it should not")
        if member.filename != paths.DATABASE_NAME:
            if member.file_size > MAX_SMALL_MEMBER_BYTES:
                raise VaultDamagedError(f"the backup's {member.filename} is far too large")
        elif member.file_size > MAX_DATABASE_RATIO * member.compress_size + _CHUNK:
            raise VaultDamagedError("the backup's database unpacks to far more than it should")


def _read_small(archive: zipfile.ZipFile, name: str) -> bytes:
    """A small member, read with a hard cap whatever its header says."""
    try:
        with archive.open(name) as member:
            data = member.read(MAX_SMALL_MEMBER_BYTES + 1)
    except (*_ZIP_ERRORS, OSError):
        raise VaultDamagedError(f"the backup file is damaged (its {name} is unreadable)") from None
    if len(data) > MAX_SMALL_MEMBER_BYTES:
        raise VaultDamagedError(f"the backup's {name} is far too large")
    return data


def _read_manifest(archive: zipfile.ZipFile) -> dict[str, object]:
    unreadable = "the backup file is damaged (its manifest is unreadable)"
    try:
        raw = json.loads(_read_small(archive, MANIFEST))
    except (ValueError, RecursionError):
        raise VaultDamagedError(unreadable) from None
    if not isinstance(raw, dict):
        raise VaultDamagedError(unreadable)
    if raw.get("format") != BACKUP_FORMAT or raw.get("version") not in READABLE_VERSIONS:
        raise VaultDamagedError("the file is not a Took Home backup this app can read")
    _info(raw)  # every field has the right shape
    return raw


def _info(raw: dict[str, object]) -> BackupInfo:
    try:
        return BackupInfo(
            created_at=datetime.fromisoformat(str(raw["created_at"])),
            vault_id=str(raw["vault_id"]),
            schema_version=int(str(raw["schema_version"])),
            checkins=int(str(raw["checkins"])),
        )
    except (KeyError, ValueError, TypeError, OverflowError):
        raise VaultDamagedError("the backup file is damaged (its manifest is unreadable)") from None


def read_backup_key_slots(source: Path) -> KeySlots:
    """The backup's key slots (unproven: only to say which vault it claims to be)."""
    with _open_backup(source) as archive:
        return KeySlots.from_bytes(_read_small(archive, paths.KEY_FILE_NAME))


@dataclass
class CheckedBackup:
    """A backup proven whole and unpacked beside the vault, ready for ``install``.

    ``info`` comes from an authenticated manifest; for a version 1 backup
    (which has none) its date is None and the rest is read from the database.
    ``opened_with`` names the slot the user's secret opened (None when the
    open vault's data key was used). ``slots`` reports the MACs of both.
    """

    folder: Path
    database: Path
    key_bytes: bytes
    vault_id: str
    checkins: int
    created_at: datetime | None
    opened_with: str | None
    slots: SlotCheck

    def discard(self) -> None:
        for path in (self.database, *VaultFiles(self.folder).sidecars(self.database)):
            path.unlink(missing_ok=True)


def check_backup(
    source: Path, folder: Path, *, secret: str | None = None, data_key: bytes | None = None
) -> CheckedBackup:
    """Prove ``source`` completely and unpack its database in ``folder``; change nothing else.

    Unlock it with ``secret`` (its passphrase or recovery key) or, for a
    backup of the open vault, with that vault's ``data_key``. Raises
    ``WrongSecretError``, ``VaultDamagedError`` or ``VaultTooNewError``.
    The caller must ``install`` or ``discard`` what it returns.
    """
    if (secret is None) == (data_key is None):
        raise ValueError("checking a backup needs its passphrase or its data key, not both")
    paths.ensure_private_dir(folder)
    restoring.remove_stale_checking(folder)
    with _open_backup(source) as archive:
        manifest = _read_manifest(archive)
        key_bytes = _read_small(archive, paths.KEY_FILE_NAME)
        slots = KeySlots.from_bytes(key_bytes)  # the KDF window is checked here, before Argon2
        opened_with: str | None = None
        if secret is not None:
            data_key, opened_with = unwrap_slot(slots, secret)
        assert data_key is not None
        authenticated = _authenticate(manifest, data_key, key_bytes, slots)
        slot_check = slots.check_slots(data_key)
        if opened_with is not None and opened_with in slot_check.damaged:
            raise VaultDamagedError(f"the backup's {opened_with} slot is damaged")
        fd, name = tempfile.mkstemp(prefix=restoring.CHECKING_PREFIX, dir=folder)
        database = Path(name)
        try:
            _extract(archive, fd, shutil.disk_usage(folder).free)
            checkins = _verify(database, data_key, slots, authenticated)
        except BaseException:
            for path in (database, *VaultFiles(folder).sidecars(database)):
                path.unlink(missing_ok=True)
            raise
    return CheckedBackup(
        folder=folder,
        database=database,
        key_bytes=key_bytes,
        vault_id=slots.vault_id,
        checkins=checkins,
        created_at=authenticated.created_at if authenticated else None,
        opened_with=opened_with,
        slots=slot_check,
    )


def _authenticate(
    manifest: dict[str, object], data_key: bytes, key_bytes: bytes, slots: KeySlots
) -> BackupInfo | None:
    """The manifest, once its MAC is proven (None for a version 1 backup, which has none)."""
    if manifest.get("version") == 1:
        # Version 1 came before slot check values: a key file carrying them was
        # written by this version, so its manifest was turned back to dodge the MAC.
        if slots.passphrase.mac is not None or slots.recovery.mac is not None:
            raise VaultDamagedError(
                "the backup's description does not match its contents (it was altered)"
            )
        return None
    failed = "the backup's description does not match its contents (it was altered or damaged)"
    try:
        claimed = bytes.fromhex(str(manifest["mac"]))
    except (KeyError, ValueError):
        raise VaultDamagedError(failed) from None
    if not hmac.compare_digest(claimed, _manifest_mac(data_key, manifest)):
        raise VaultDamagedError(failed)
    info = _info(manifest)
    if manifest.get("key_file_sha256") != hashlib.sha256(key_bytes).hexdigest():
        raise VaultDamagedError(failed)
    if info.vault_id != slots.vault_id:
        raise VaultDamagedError("the backup's key file and database do not belong together")
    return info


def _extract(archive: zipfile.ZipFile, fd: int, free: int) -> None:
    """Stream the database member into ``fd``, counting bytes against its header and the disk."""
    member_info = archive.getinfo(paths.DATABASE_NAME)
    if member_info.file_size > free:
        os.close(fd)
        raise VaultDamagedError(
            "there is not enough free space to check this backup; nothing was changed"
        )
    limit = member_info.file_size
    written = 0
    try:
        with os.fdopen(fd, "wb") as out, archive.open(member_info) as member:
            while chunk := member.read(_CHUNK):
                written += len(chunk)
                if written > limit:
                    raise VaultDamagedError("the backup's database is larger than it says")
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
    except (*_ZIP_ERRORS, OSError) as error:
        if isinstance(error, OSError) and error.errno is not None:
            raise VaultError(f"the backup could not be unpacked ({error.strerror})") from None
        raise VaultDamagedError("the backup file is damaged (the database is unreadable)") from None


def _verify(database: Path, data_key: bytes, slots: KeySlots, info: BackupInfo | None) -> int:
    """Prove the unpacked database; returns how many check-ins it holds."""
    try:
        conn = sqlcipher.connect_existing(database, data_key)
    except VaultDamagedError:
        raise VaultDamagedError("the backup's database cannot be read with its key") from None
    try:
        if conn.execute("PRAGMA cipher_integrity_check").fetchall():
            raise VaultDamagedError("the backup's database is damaged (encrypted pages)")
        if [r[0] for r in conn.execute("PRAGMA integrity_check")] != ["ok"]:
            raise VaultDamagedError("the backup's database is damaged (structure)")
        version = migrations.schema_version(conn)
        if version > migrations.LATEST_VERSION:
            raise VaultTooNewError("the backup was made by a newer version of Took Home")
        if version < 1 or (info is not None and version != info.schema_version):
            raise VaultDamagedError("the backup's database does not match its manifest")
        row = conn.execute("SELECT value FROM meta WHERE key = 'vault_id'").fetchone()
        if row is None or row[0] != slots.vault_id:
            raise VaultDamagedError("the backup's key file and database do not belong together")
        count = int(conn.execute("SELECT count(*) FROM checkin").fetchone()[0])
        if info is not None and count != info.checkins:
            raise VaultDamagedError("the backup's database does not match its manifest")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return count
    except sqlcipher.DatabaseError:
        raise VaultDamagedError("the backup's database is damaged") from None
    finally:
        conn.close()


@dataclass(frozen=True)
class Restored:
    """What a completed restore did."""

    checkins: int
    created_at: datetime | None
    kept_aside: str | None  # the database name the old vault was kept under


def install(checked: CheckedBackup, *, key_bytes: bytes | None = None) -> Restored:
    """Swap a checked backup in; says what it restored and where the old vault was kept.

    ``key_bytes`` installs another key file for the same vault in place of
    the backup's (the app keeps the one it is unlocked with, so the current
    passphrase still opens the restored vault). ``VaultBusyError`` if the
    vault is open somewhere. On any failure nothing in the vault changes and
    the unpacked copy is removed.
    """
    try:
        return _install(checked, key_bytes)
    except BaseException:
        checked.discard()
        raise


def _install(checked: CheckedBackup, key_bytes: bytes | None) -> Restored:
    folder = checked.folder
    if key_bytes is not None and KeySlots.from_bytes(key_bytes).vault_id != checked.vault_id:
        raise ValueError("that key file belongs to another vault")
    with locking.replacing(folder):
        restoring.finish_locked(folder)  # an earlier interrupted swap first
        stamp = restoring.new_stamp(folder)
        db_name, key_name = restoring.staged_names(stamp)
        staged_db, staged_key = folder / db_name, folder / key_name
        try:
            # Staged only once checked, and its key first: a staged database always has its key.
            paths.write_atomically(
                staged_key, checked.key_bytes if key_bytes is None else key_bytes
            )
            os.replace(checked.database, staged_db)
        except BaseException:
            staged_key.unlink(missing_ok=True)
            staged_db.unlink(missing_ok=True)
            raise
        had_vault = VaultFiles(folder).database.exists() or VaultFiles(folder).key_file.exists()
        aside = restoring.finish_locked(folder)
    kept = paths.DATABASE_NAME + restoring.aside_suffix(aside) if had_vault and aside else None
    return Restored(checkins=checked.checkins, created_at=checked.created_at, kept_aside=kept)


def restore_backup(
    source: Path,
    folder: Path,
    *,
    secret: str | None = None,
    data_key: bytes | None = None,
    key_bytes: bytes | None = None,
) -> Restored:
    """``check_backup`` then ``install``: the whole restore, for callers with nothing to ask."""
    checked = check_backup(source, folder, secret=secret, data_key=data_key)
    return install(checked, key_bytes=key_bytes)


def verify_backup_file(source: Path, data_key: bytes) -> BackupInfo:
    """Read a whole backup back: every part's checksum, and its manifest's MAC under ``data_key``.

    Cheaper than ``check_backup`` (nothing is unpacked): enough to trust a
    copy of a backup this vault wrote. ``VaultDamagedError`` if anything is off.
    """
    with _open_backup(source) as archive:
        manifest = _read_manifest(archive)
        if manifest.get("version") != BACKUP_VERSION:
            raise VaultDamagedError("the backup was made by an older version; it cannot be proven")
        expected = str(manifest.get("mac", ""))
        if not hmac.compare_digest(expected, _manifest_mac(data_key, manifest).hex()):
            raise VaultDamagedError("the backup's description does not match its contents")
        key_bytes = _read_small(archive, paths.KEY_FILE_NAME)
        if hashlib.sha256(key_bytes).hexdigest() != manifest.get("key_file_sha256"):
            raise VaultDamagedError("the backup's key file does not match its description")
        try:
            with archive.open(paths.DATABASE_NAME) as member:
                while member.read(_CHUNK):  # zipfile checks the CRC at the end
                    pass
        except (*_ZIP_ERRORS, OSError):
            raise VaultDamagedError(_DAMAGED) from None
        return _info(manifest)
