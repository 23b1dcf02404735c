"""The vault: create, open, lock, wrong passphrase versus damage, recovery, privacy."""

from __future__ import annotations

import os
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from tests.support import FAST_KDF, PASSPHRASE, sentinel_hits, snapshot
from wellbeing_app import paths
from wellbeing_app.domain.checkin import CheckIn
from wellbeing_app.storage import keyslots, migrations, sqlcipher
from wellbeing_app.storage.errors import (
    NoVaultError,
    UnsupportedSqlcipherError,
    VaultDamagedError,
    VaultExistsError,
    VaultLockedError,
    VaultTooNewError,
    WrongSecretError,
)
from wellbeing_app.storage.repository import CheckInRepository
from wellbeing_app.storage.vault import Vault, VaultFiles, VaultState, vault_state

SENTINEL = "ZEBRA-SENTINEL-7Q4"


def _files(folder: Path) -> VaultFiles:
    return VaultFiles(folder)


def test_create_then_open_with_passphrase(data_dir: Path) -> None:
    vault, recovery = Vault.create(data_dir, PASSPHRASE, kdf=FAST_KDF)
    CheckInRepository(vault).add(CheckIn(date=date(2026, 11, 20), mood=4))
    vault.lock()
    assert keyslots.parse_recovery_key(recovery) is not None
    with Vault.open(data_dir, PASSPHRASE) as reopened:
        assert [c.mood for c in CheckInRepository(reopened).list_between()] == [4]


def test_passphrase_is_normalised_so_another_keyboard_still_unlocks(data_dir: Path) -> None:
    Vault.create(data_dir, "caf\u00e9 kettle lantern", kdf=FAST_KDF)[0].lock()
    Vault.open(data_dir, "cafe\u0301 kettle lantern").lock()


def test_create_refuses_a_folder_that_already_holds_a_vault(vault: Vault, data_dir: Path) -> None:
    before = snapshot(data_dir)
    with pytest.raises(VaultExistsError):
        Vault.create(data_dir, "another passphrase entirely", kdf=FAST_KDF)
    assert snapshot(data_dir) == before


def test_open_with_no_vault_says_so(data_dir: Path) -> None:
    with pytest.raises(NoVaultError):
        Vault.open(data_dir, PASSPHRASE)
    assert not data_dir.exists() or not any(data_dir.iterdir())


def test_wrong_passphrase_is_not_damage_and_changes_nothing(vault: Vault, data_dir: Path) -> None:
    vault.lock()
    before = snapshot(data_dir)
    with pytest.raises(WrongSecretError):
        Vault.open(data_dir, "not the passphrase at all")
    assert snapshot(data_dir) == before


def test_damaged_database_is_not_a_wrong_passphrase(vault: Vault, data_dir: Path) -> None:
    vault.lock()
    db = _files(data_dir).database
    raw = bytearray(db.read_bytes())
    raw[:4096] = os.urandom(4096)  # the first page: header and schema
    db.write_bytes(bytes(raw))
    before = snapshot(data_dir)
    with pytest.raises(VaultDamagedError):
        Vault.open(data_dir, PASSPHRASE)
    assert snapshot(data_dir) == before


@pytest.mark.parametrize("damage", ["empty", "missing"])
def test_database_gone_beside_a_key_file_is_damage_never_a_new_vault(
    vault: Vault, data_dir: Path, damage: str
) -> None:
    vault.lock()
    db = _files(data_dir).database
    if damage == "empty":
        db.write_bytes(b"")
    else:
        db.unlink()
    before = snapshot(data_dir)
    with pytest.raises(VaultDamagedError, match="database file"):
        Vault.open(data_dir, PASSPHRASE)
    with pytest.raises(VaultExistsError):
        Vault.create(data_dir, PASSPHRASE, kdf=FAST_KDF)
    assert snapshot(data_dir) == before
    assert (db.exists() and db.stat().st_size == 0) == (damage == "empty")


def test_missing_key_file_is_damage(vault: Vault, data_dir: Path) -> None:
    vault.lock()
    _files(data_dir).key_file.unlink()
    assert vault_state(data_dir) is VaultState.KEY_FILE_MISSING
    with pytest.raises(VaultDamagedError, match="key file"):
        Vault.open(data_dir, PASSPHRASE)


@pytest.mark.parametrize(
    "content",
    [b"", b"{not json", b"\x00\xff" * 50, b'{"format": "took-home-keyfile", "version": 1}'],
)
def test_damaged_key_file_is_named(vault: Vault, data_dir: Path, content: bytes) -> None:
    vault.lock()
    _files(data_dir).key_file.write_bytes(content)
    with pytest.raises(VaultDamagedError, match="key file"):
        Vault.open(data_dir, PASSPHRASE)


def test_key_file_from_another_vault_is_damage(tmp_path: Path, data_dir: Path) -> None:
    Vault.create(data_dir, PASSPHRASE, kdf=FAST_KDF)[0].lock()
    other = tmp_path / "other"
    Vault.create(other, PASSPHRASE, kdf=FAST_KDF)[0].lock()
    (data_dir / paths.KEY_FILE_NAME).write_bytes((other / paths.KEY_FILE_NAME).read_bytes())
    with pytest.raises(VaultDamagedError):
        Vault.open(data_dir, PASSPHRASE)


def test_unlock_with_recovery_key_in_any_case_and_spacing(
    recovery_vault: tuple[Vault, str], data_dir: Path
) -> None:
    vault, recovery = recovery_vault
    vault.lock()
    typed = recovery.lower().replace("-", " ")
    Vault.open_with_recovery_key(data_dir, typed).lock()
    # The recovery key also works where a passphrase is asked for (the CLI's stdin).
    Vault.open(data_dir, recovery).lock()


def test_wrong_recovery_key_is_a_wrong_secret(vault: Vault, data_dir: Path) -> None:
    vault.lock()
    other = keyslots.format_recovery_key(keyslots.new_recovery_key())
    with pytest.raises(WrongSecretError):
        Vault.open_with_recovery_key(data_dir, other)
    with pytest.raises(WrongSecretError):
        Vault.open_with_recovery_key(data_dir, "not a key")


def test_change_passphrase_rewrites_only_the_passphrase_slot(
    recovery_vault: tuple[Vault, str], data_dir: Path
) -> None:
    vault, recovery = recovery_vault
    db_before = _files(data_dir).database.read_bytes()
    old_slots = keyslots.KeySlots.from_bytes(_files(data_dir).key_file.read_bytes())
    vault.change_passphrase("a brand new passphrase for winter", kdf=FAST_KDF)
    vault.lock()
    new_slots = keyslots.KeySlots.from_bytes(_files(data_dir).key_file.read_bytes())
    assert new_slots.recovery == old_slots.recovery
    assert new_slots.passphrase != old_slots.passphrase
    assert _files(data_dir).database.read_bytes() == db_before  # not re-encrypted
    with pytest.raises(WrongSecretError):
        Vault.open(data_dir, PASSPHRASE)
    Vault.open(data_dir, "a brand new passphrase for winter").lock()
    Vault.open_with_recovery_key(data_dir, recovery).lock()


def test_lock_closes_the_database_and_forgets_the_key(vault: Vault, data_dir: Path) -> None:
    CheckInRepository(vault).add(CheckIn(date=date(2026, 11, 20), mood=3))
    vault.lock()
    assert not vault.is_open
    with pytest.raises(VaultLockedError):
        CheckInRepository(vault).list_between()
    # Checkpointed: nothing is left in a WAL file after locking.
    wal = data_dir / (paths.DATABASE_NAME + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    vault.lock()  # locking twice is harmless


def test_stdlib_sqlite_cannot_read_the_database(vault: Vault, data_dir: Path) -> None:
    CheckInRepository(vault).add(CheckIn(date=date(2026, 11, 20), mood=3, took_home=SENTINEL))
    vault.lock()
    conn = sqlite3.connect(_files(data_dir).database)
    try:
        with pytest.raises(sqlite3.DatabaseError):
            conn.execute("SELECT * FROM sqlite_master").fetchall()
    finally:
        conn.close()


def test_planted_sentinel_never_reaches_disk_in_plaintext(vault: Vault, data_dir: Path) -> None:
    repo = CheckInRepository(vault)
    checkin = CheckIn(
        date=date(2026, 11, 20),
        mood=2,
        took_home=f"Today {SENTINEL} stayed with me",
        good_thing=f"{SENTINEL} good",
        tags=(SENTINEL,),
    )
    repo.add(checkin)
    repo.update(checkin.__class__(**{**_fields(checkin), "took_home": f"edited {SENTINEL}"}))
    # While open, the WAL and shared-memory files exist too: scan them as well.
    assert sentinel_hits(data_dir, SENTINEL) == []
    vault.lock()
    assert sentinel_hits(data_dir, SENTINEL) == []
    # The scan itself can find a planted sentinel (so this test can fail).
    (data_dir / "probe.txt").write_text(SENTINEL, encoding="utf-16")
    assert sentinel_hits(data_dir, SENTINEL)


def _fields(checkin: CheckIn) -> dict[str, object]:
    return {name: getattr(checkin, name) for name in checkin.__slots__}


def test_files_and_folder_are_private_whatever_the_umask(tmp_path: Path) -> None:
    folder = tmp_path / "loose"
    old = os.umask(0)
    try:
        vault, _ = Vault.create(folder, PASSPHRASE, kdf=FAST_KDF)
        CheckInRepository(vault).add(CheckIn(date=date(2026, 11, 20), mood=3))
        modes = {p.name: p.stat().st_mode & 0o777 for p in folder.iterdir()}
        vault.lock()
    finally:
        os.umask(old)
    assert folder.stat().st_mode & 0o777 == 0o700
    assert modes, "the vault wrote no files"
    assert all(mode == 0o600 for mode in modes.values()), modes
    assert {paths.DATABASE_NAME, paths.KEY_FILE_NAME} <= set(modes)


def test_schema_version_and_migrations_are_numbered(vault: Vault) -> None:
    assert migrations.schema_version(vault.connection) == migrations.LATEST_VERSION
    tables = {r[0] for r in vault.connection.execute("SELECT name FROM sqlite_schema")}
    assert {"checkin", "checkin_exposure", "checkin_activity", "checkin_fts", "meta"} <= tables


def test_a_vault_from_a_newer_app_is_refused_untouched(vault: Vault, data_dir: Path) -> None:
    vault.connection.execute(f"PRAGMA user_version = {migrations.LATEST_VERSION + 1}")
    vault.lock()
    before = snapshot(data_dir)
    with pytest.raises(VaultTooNewError):
        Vault.open(data_dir, PASSPHRASE)
    assert snapshot(data_dir) == before


def test_the_bundled_sqlcipher_build_passes_its_check() -> None:
    assert sqlcipher.check_build().startswith("4.")


@pytest.mark.parametrize(
    ("version", "options", "problem"),
    [
        ("", {"ENABLE_FTS5", "TEMP_STORE=2"}, "SQLCipher 4"),
        ("3.4.2 community", {"ENABLE_FTS5", "TEMP_STORE=2"}, "SQLCipher 4"),
        ("4.19.0 community", {"TEMP_STORE=2"}, "FTS5"),
        ("4.19.0 community", {"ENABLE_FTS5", "TEMP_STORE=1"}, "TEMP_STORE"),
        ("4.19.0 community", {"ENABLE_FTS5"}, "TEMP_STORE"),
    ],
)
def test_a_bad_sqlcipher_build_is_refused(version: str, options: set[str], problem: str) -> None:
    reason = sqlcipher.build_problem(version, options)
    assert reason is not None and problem in reason
    assert sqlcipher.build_problem("4.19.0 community", {"ENABLE_FTS5", "TEMP_STORE=3"}) is None
    assert issubclass(UnsupportedSqlcipherError, Exception)


def test_check_reports_a_healthy_vault(vault: Vault) -> None:
    report = vault.check()
    assert report.ok, report.problems
    assert len(report.checked) == 4


def test_interrupted_setup_is_recognised_not_mistaken_for_damage(tmp_path: Path) -> None:
    folder = tmp_path / "half"
    folder.mkdir()
    (folder / (paths.DATABASE_NAME + ".creating")).write_bytes(b"")
    (folder / paths.KEY_FILE_NAME).write_bytes(b"{}")
    assert vault_state(folder) is VaultState.SETUP_UNFINISHED
    with pytest.raises(VaultDamagedError, match="did not finish"):
        Vault.open(folder, PASSPHRASE)
