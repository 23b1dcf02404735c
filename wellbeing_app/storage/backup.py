"""Encrypted backups: one self-contained file, verified before it ever replaces a vault.

A backup is a ZIP holding a small manifest, the key file and a copy of the
database made with SQLite's backup API (never a raw copy of a live file).
Both stay encrypted: the backup opens with the same passphrase or recovery
key as the vault did when it was made.

Restoring checks everything first (the key unwraps, both integrity checks
pass, the schema is one we know) and only then swaps the files in, keeping
the old vault aside as ``*.before-restore``. The swap is a fixed sequence of
renames; if it is interrupted, ``finish_interrupted_restore`` completes it
on the next open, so the vault is always either the old one or the new one.
"""

from __future__ import annotations

import contextlib
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
from typing import Final

from wellbeing_app import __version__, paths
from wellbeing_app.storage import migrations, sqlcipher
from wellbeing_app.storage.errors import VaultDamagedError, VaultError, VaultTooNewError
from wellbeing_app.storage.files import VaultFiles
from wellbeing_app.storage.keyslots import KeySlots
from wellbeing_app.storage.vault import Vault, unwrap_data_key

BACKUP_FORMAT: Final = "took-home-backup"
BACKUP_VERSION: Final = 1
BACKUP_SUFFIX: Final = ".thbackup"
MANIFEST: Final = "manifest.json"
_MAX_BACKUP_BYTES: Final = 8 * 1024 * 1024 * 1024
RESTORING: Final = ".restoring"
BEFORE_RESTORE: Final = ".before-restore"
# A backup is built in a private work folder beside its target, then renamed
# into place. A process killed meanwhile cannot tidy up; the next backup into
# the same folder removes what it left, once no backup can still be using it.
_WORK_PREFIX: Final = ".took-home-backup-"
_WORK: Final = re.compile(re.escape(_WORK_PREFIX) + r"[A-Za-z0-9_]+")
_WORK_FILES: Final = frozenset({"copy.db", "copy.db-wal", "copy.db-shm", "backup.zip"})
STALE_WORK_SECONDS: Final = 3600


@dataclass(frozen=True)
class BackupInfo:
    """What a backup says about itself (read without any key)."""

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
        manifest = {
            "format": BACKUP_FORMAT,
            "version": BACKUP_VERSION,
            "created_at": info.created_at.isoformat(),
            "vault_id": info.vault_id,
            "schema_version": info.schema_version,
            "checkins": info.checkins,
            "app_version": __version__,
        }
        packed = work / "backup.zip"
        fd = os.open(packed, os.O_WRONLY | os.O_CREAT | os.O_EXCL, paths.PRIVATE_FILE_MODE)
        with os.fdopen(fd, "wb") as raw, zipfile.ZipFile(raw, "w", zipfile.ZIP_STORED) as archive:
            archive.writestr(MANIFEST, json.dumps(manifest, indent=2))
            archive.write(folder / paths.KEY_FILE_NAME, paths.KEY_FILE_NAME)
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


def read_backup_info(source: Path) -> BackupInfo:
    """The manifest of a backup; ``VaultDamagedError`` if the file is not a readable backup."""
    with _open_backup(source) as archive:
        return _manifest(archive)


@contextlib.contextmanager
def _open_backup(source: Path) -> Iterator[zipfile.ZipFile]:
    try:
        if source.stat().st_size > _MAX_BACKUP_BYTES:
            raise VaultDamagedError("the backup file is far too large to be a backup")
        archive = zipfile.ZipFile(source)
    except (OSError, zipfile.BadZipFile, ValueError) as error:
        if isinstance(error, FileNotFoundError):
            raise VaultError(f"there is no file at {source}") from None
        raise VaultDamagedError(
            "the backup file is damaged (it is not a readable backup)"
        ) from None
    try:
        yield archive
    finally:
        archive.close()


def _manifest(archive: zipfile.ZipFile) -> BackupInfo:
    names = set(archive.namelist())
    if not {MANIFEST, paths.KEY_FILE_NAME, paths.DATABASE_NAME} <= names:
        raise VaultDamagedError("the backup file is damaged (parts of it are missing)")
    try:
        raw = json.loads(archive.read(MANIFEST))
        if raw.get("format") != BACKUP_FORMAT or raw.get("version") != BACKUP_VERSION:
            raise VaultDamagedError("the file is not a Took Home backup this app can read")
        return BackupInfo(
            created_at=datetime.fromisoformat(str(raw["created_at"])),
            vault_id=str(raw["vault_id"]),
            schema_version=int(raw["schema_version"]),
            checkins=int(raw["checkins"]),
        )
    except (KeyError, ValueError, TypeError, zipfile.BadZipFile, AttributeError):
        raise VaultDamagedError("the backup file is damaged (its manifest is unreadable)") from None


def restore_backup(
    source: Path, folder: Path, *, secret: str | None = None, data_key: bytes | None = None
) -> BackupInfo:
    """Verify ``source`` completely, then make it the vault in ``folder``.

    Unlock the backup with ``secret`` (its passphrase or recovery key) or,
    for a backup of the open vault, with that vault's ``data_key``. Raises
    ``WrongSecretError``, ``VaultDamagedError`` or ``VaultTooNewError`` and
    leaves every file in ``folder`` byte for byte as it was.
    """
    files = VaultFiles(folder)
    paths.ensure_private_dir(folder)
    staged_db = files.database.with_name(paths.DATABASE_NAME + RESTORING)
    staged_key = files.key_file.with_name(paths.KEY_FILE_NAME + RESTORING)
    checking = _checking(files)
    try:
        with _open_backup(source) as archive:
            info = _manifest(archive)
            key_bytes = archive.read(paths.KEY_FILE_NAME)
            slots = KeySlots.from_bytes(key_bytes)
            if data_key is None:
                if secret is None:
                    raise ValueError("restoring needs the backup's passphrase or its data key")
                data_key = unwrap_data_key(slots, secret)
            _extract(archive, paths.DATABASE_NAME, checking)
        _verify(checking, data_key, slots, info)
        # Staged only once checked, and its key first: a staged database always has its key.
        paths.write_atomically(staged_key, key_bytes)
        os.replace(checking, staged_db)
    except BaseException:
        for leftover in (checking, staged_db, staged_key, *files.sidecars(checking)):
            leftover.unlink(missing_ok=True)
        raise
    finish_interrupted_restore(folder)
    return info


def _checking(files: VaultFiles) -> Path:
    """Where a backup's database is unpacked and checked, before it is staged."""
    return files.database.with_name(paths.DATABASE_NAME + RESTORING + "-check")


def _extract(archive: zipfile.ZipFile, name: str, target: Path) -> None:
    target.unlink(missing_ok=True)
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, paths.PRIVATE_FILE_MODE)
    try:
        with os.fdopen(fd, "wb") as out, archive.open(name) as member:
            shutil.copyfileobj(member, out, 1024 * 1024)
            out.flush()
            os.fsync(out.fileno())
    except (zipfile.BadZipFile, EOFError, zlib.error):
        raise VaultDamagedError("the backup file is damaged (the database is unreadable)") from None


def _verify(database: Path, data_key: bytes, slots: KeySlots, info: BackupInfo) -> None:
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
        if version < 1 or version != info.schema_version:
            raise VaultDamagedError("the backup's database does not match its manifest")
        row = conn.execute("SELECT value FROM meta WHERE key = 'vault_id'").fetchone()
        if row is None or row[0] != slots.vault_id:
            raise VaultDamagedError("the backup's key file and database do not belong together")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except sqlcipher.DatabaseError:
        raise VaultDamagedError("the backup's database is damaged") from None
    finally:
        conn.close()


def finish_interrupted_restore(folder: Path) -> None:
    """Complete a restore whose files are staged, or that a crash stopped part-way.

    The steps, each an atomic rename: the old database and key file move
    aside to ``*.before-restore``; the staged key file moves in; the staged
    database moves in. From any point, running this again finishes the job.
    """
    files = VaultFiles(folder)
    staged_db = files.database.with_name(paths.DATABASE_NAME + RESTORING)
    staged_key = files.key_file.with_name(paths.KEY_FILE_NAME + RESTORING)
    # A database still being checked when the process stopped was never staged.
    checking = _checking(files)
    for leftover in (checking, *files.sidecars(checking)):
        leftover.unlink(missing_ok=True)
    live_present = files.database.exists() and files.key_file.exists()
    if not staged_db.exists():
        if staged_key.exists() and live_present:
            staged_key.unlink()  # staging never finished: the live vault is untouched
        return
    if not staged_key.exists() and files.database.exists():
        # The database was staged but never verified and paired with its key:
        # the live vault is untouched, so the half-staged restore is dropped.
        staged_db.unlink()
        return
    if staged_key.exists():
        # Step 1: set the old vault aside (whatever part of it is still here).
        for live in (files.database, files.key_file, *files.sidecars()):
            if live.exists():
                os.replace(live, live.with_name(live.name + BEFORE_RESTORE))
        # Step 2: the key file first, so the database never arrives without its key.
        os.replace(staged_key, files.key_file)
    for sidecar in files.sidecars():
        sidecar.unlink(missing_ok=True)
    # Step 3: the database.
    os.replace(staged_db, files.database)
    paths.fsync_dir(folder)
