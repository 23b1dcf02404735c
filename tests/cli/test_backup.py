"""backup, restore and passwd through the command line, and restores cut short by a crash."""

from __future__ import annotations

import io
import json
import os
import shutil
import time
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from tests.support import FAST_KDF, PASSPHRASE, CliResult, sentinel_hits, snapshot
from wellbeing_app import paths
from wellbeing_app.domain.checkin import CheckIn
from wellbeing_app.domain.synthetic import synthetic_checkins
from wellbeing_app.storage import restoring
from wellbeing_app.storage.keyslots import KeySlots
from wellbeing_app.storage.repository import CheckInRepository
from wellbeing_app.storage.vault import Vault

Run = Callable[..., CliResult]
LINE = PASSPHRASE + "\n"
SENTINEL = "WOMBAT-BACKUP-SENTINEL-12"


@pytest.fixture
def filled(data_dir: Path) -> tuple[Path, str, list[CheckIn]]:
    vault, recovery = Vault.create(data_dir, PASSPHRASE, kdf=FAST_KDF)
    checkins = synthetic_checkins(60, end=date(2026, 11, 20), seed=4)
    checkins.append(
        CheckIn(date=date(2026, 11, 21), mood=3, took_home=SENTINEL, tags=(SENTINEL[:20],))
    )
    CheckInRepository(vault).add_many(checkins)
    vault.lock()
    return data_dir, recovery, checkins


def _all(folder: Path, secret: str = PASSPHRASE) -> list[CheckIn]:
    with Vault.open(folder, secret) as vault:
        return CheckInRepository(vault).list_between(newest_first=False)


def test_backup_is_one_encrypted_file_that_restores_everything(
    run_cli: Run, filled: tuple[Path, str, list[CheckIn]], tmp_path: Path
) -> None:
    folder, recovery, checkins = filled
    backup = tmp_path / "out" / "mine.thbackup"
    backup.parent.mkdir()
    result = run_cli("backup", "-o", str(backup), "--passphrase-stdin", stdin=LINE)
    assert result.code == 0, result.stderr
    assert backup.stat().st_mode & 0o777 == 0o600
    assert sentinel_hits(backup.parent, SENTINEL) == []
    assert sorted(p.name for p in backup.parent.iterdir()) == ["mine.thbackup"]
    with zipfile.ZipFile(backup) as archive:
        assert set(archive.namelist()) == {"manifest.json", "took-home.key", "took-home.db"}
        manifest = json.loads(archive.read("manifest.json"))
    assert manifest["checkins"] == len(checkins)

    # Restore into an empty folder: the backup carries its own key slots.
    elsewhere = tmp_path / "elsewhere"
    restored = run_cli("restore", str(backup), "--passphrase-stdin", stdin=LINE, data=elsewhere)
    assert restored.code == 0, restored.stderr
    assert _all(elsewhere) == checkins
    Vault.open_with_recovery_key(elsewhere, recovery).lock()


def test_restore_keeps_the_old_vault_aside(
    run_cli: Run, filled: tuple[Path, str, list[CheckIn]], tmp_path: Path
) -> None:
    folder, _recovery, checkins = filled
    backup = tmp_path / "b.thbackup"
    assert run_cli("backup", "-o", str(backup), "--passphrase-stdin", stdin=LINE).code == 0
    with Vault.open(folder, PASSPHRASE) as vault:
        CheckInRepository(vault).add(CheckIn(date=date(2026, 11, 22), mood=5))
    old_db = (folder / paths.DATABASE_NAME).read_bytes()
    result = run_cli("restore", str(backup), "--replace", "--passphrase-stdin", stdin=LINE)
    assert result.code == 0, result.stderr
    assert _all(folder) == checkins  # the entry made after the backup is gone from the vault
    (kept,) = restoring.kept_aside(folder)
    assert kept.database_name in result.stdout
    assert (folder / kept.database_name).read_bytes() == old_db
    assert (folder / (paths.KEY_FILE_NAME + restoring.aside_suffix(kept.stamp))).exists()
    assert not list(folder.glob(f"*{restoring.STAGED}*"))


def test_restore_with_the_wrong_passphrase_changes_nothing(
    run_cli: Run, filled: tuple[Path, str, list[CheckIn]], tmp_path: Path
) -> None:
    folder, _recovery, _checkins = filled
    backup = tmp_path / "b.thbackup"
    assert run_cli("backup", "-o", str(backup), "--passphrase-stdin", stdin=LINE).code == 0
    before = snapshot(folder)
    result = run_cli(
        "restore", str(backup), "--replace", "--passphrase-stdin", stdin="not it at all\n"
    )
    assert result.code == 3
    assert "Traceback" not in result.stderr and len(result.stderr.splitlines()) == 1
    assert "passphrase you had when it was made" in result.stderr  # which one it needs
    assert snapshot(folder) == before


def _rezip(source: Path, target: Path, change: Callable[[dict[str, bytes]], None]) -> None:
    with zipfile.ZipFile(source) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    change(parts)
    with zipfile.ZipFile(target, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def _flip(parts: dict[str, bytes], name: str, offset: int) -> None:
    data = bytearray(parts[name])
    data[offset] ^= 0xFF
    parts[name] = bytes(data)


@pytest.mark.parametrize(
    ("damage", "code"),
    [
        ("random bytes", 4),
        ("truncated", 4),
        ("no database", 4),
        ("flipped byte in a page", 4),
        ("flipped byte in the header", 4),
        ("key file from another vault", 4),
        ("damaged key file", 4),
        ("not a backup", 4),
        ("missing file", 1),
    ],
)
def test_a_bad_backup_leaves_the_live_vault_byte_for_byte(
    run_cli: Run, filled: tuple[Path, str, list[CheckIn]], tmp_path: Path, damage: str, code: int
) -> None:
    folder, _recovery, _checkins = filled
    good = tmp_path / "good.thbackup"
    assert run_cli("backup", "-o", str(good), "--passphrase-stdin", stdin=LINE).code == 0
    bad = tmp_path / "bad.thbackup"
    if damage == "random bytes":
        bad.write_bytes(os.urandom(4096))
    elif damage == "truncated":
        bad.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    elif damage == "no database":
        _rezip(good, bad, lambda parts: parts.pop("took-home.db"))
    elif damage == "flipped byte in a page":
        _rezip(good, bad, lambda parts: _flip(parts, "took-home.db", 3 * 4096 + 77))
    elif damage == "flipped byte in the header":
        _rezip(good, bad, lambda parts: _flip(parts, "took-home.db", 20))
    elif damage == "key file from another vault":
        other = tmp_path / "other"
        Vault.create(other, PASSPHRASE, kdf=FAST_KDF)[0].lock()
        other_key = (other / paths.KEY_FILE_NAME).read_bytes()
        _rezip(good, bad, lambda parts: parts.update({"took-home.key": other_key}))
    elif damage == "damaged key file":
        _rezip(good, bad, lambda parts: parts.update({"took-home.key": b"{broken"}))
    elif damage == "not a backup":
        _rezip(good, bad, lambda parts: parts.update({"manifest.json": b'{"format": "x"}'}))
    before = snapshot(folder)
    result = run_cli("restore", str(bad), "--replace", "--passphrase-stdin", stdin=LINE)
    assert result.code == code, (damage, result.stderr)
    assert "Traceback" not in result.stderr and len(result.stderr.splitlines()) == 1
    assert snapshot(folder) == before, damage


def test_a_backup_from_a_newer_app_is_refused(
    run_cli: Run, filled: tuple[Path, str, list[CheckIn]], tmp_path: Path
) -> None:
    folder, _recovery, _checkins = filled
    with Vault.open(folder, PASSPHRASE) as vault:
        vault.connection.execute("PRAGMA user_version = 99")
        from wellbeing_app.storage.backup import write_backup

        future = tmp_path / "future.thbackup"
        write_backup(vault, future)
        vault.connection.execute("PRAGMA user_version = 3")
    before = snapshot(folder)
    result = run_cli("restore", str(future), "--replace", "--passphrase-stdin", stdin=LINE)
    assert result.code in (1, 4)
    assert "newer" in result.stderr
    assert snapshot(folder) == before


def test_passwd_rewrites_only_the_passphrase_slot(
    run_cli: Run, filled: tuple[Path, str, list[CheckIn]]
) -> None:
    folder, recovery, checkins = filled
    db_before = (folder / paths.DATABASE_NAME).read_bytes()
    slots_before = KeySlots.from_bytes((folder / paths.KEY_FILE_NAME).read_bytes())
    result = run_cli("passwd", "--passphrase-stdin", stdin=f"{PASSPHRASE}\nnew lantern orchard\n")
    assert result.code == 0, result.stderr
    assert (folder / paths.DATABASE_NAME).read_bytes() == db_before
    slots_after = KeySlots.from_bytes((folder / paths.KEY_FILE_NAME).read_bytes())
    assert slots_after.recovery == slots_before.recovery
    assert slots_after.passphrase != slots_before.passphrase
    assert _all(folder, "new lantern orchard") == checkins
    # The recovery key works as the current secret too.
    result = run_cli("passwd", "--passphrase-stdin", stdin=f"{recovery}\nthird winter passphrase\n")
    assert result.code == 0, result.stderr
    Vault.open(folder, "third winter passphrase").lock()


@pytest.mark.parametrize(
    ("stdin", "code", "words"),
    [
        ("wrong one here\nnew lantern orchard\n", 3, "does not unlock"),
        (f"{PASSPHRASE}\npassword123\n", 1, "too easy"),
        (f"{PASSPHRASE}\n", 2, "new passphrase"),
    ],
)
def test_passwd_refusals_change_nothing(
    run_cli: Run, filled: tuple[Path, str, list[CheckIn]], stdin: str, code: int, words: str
) -> None:
    folder, _recovery, _checkins = filled
    before = snapshot(folder)
    result = run_cli("passwd", "--passphrase-stdin", stdin=stdin)
    assert result.code == code, result.stderr
    assert words in result.stderr
    assert snapshot(folder) == before


# -- restores interrupted at each step -------------------------------------------


STAMP = "20261202T101500Z"


def _stage(folder: Path, backup_of: Path) -> None:
    """Put a verified restore's staged files in place, as a restore does."""
    db_name, key_name = restoring.staged_names(STAMP)
    shutil.copy(backup_of / paths.DATABASE_NAME, folder / db_name)
    shutil.copy(backup_of / paths.KEY_FILE_NAME, folder / key_name)


@pytest.mark.parametrize("crash_after", ["staged", "db aside", "both aside", "key in"])
def test_a_restore_cut_short_always_finishes_as_the_new_vault(
    tmp_path: Path, crash_after: str
) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    for folder, passphrase in ((old, "old passphrase here"), (new, "new passphrase here")):
        vault, _ = Vault.create(folder, passphrase, kdf=FAST_KDF)
        CheckInRepository(vault).add(CheckIn(date=date(2026, 11, 20), mood=2))
        vault.lock()
    old_db = (old / paths.DATABASE_NAME).read_bytes()
    _stage(old, new)
    db, key = old / paths.DATABASE_NAME, old / paths.KEY_FILE_NAME
    suffix = restoring.aside_suffix(STAMP)
    db_staged, key_staged = restoring.staged_names(STAMP)
    if crash_after in ("db aside", "both aside", "key in"):
        os.replace(db, db.with_name(db.name + suffix))
    if crash_after in ("both aside", "key in"):
        os.replace(key, key.with_name(key.name + suffix))
    if crash_after == "key in":
        os.replace(old / key_staged, key)
    # The next open finishes the job: the restored vault, with the new passphrase.
    Vault.open(old, "new passphrase here").lock()
    assert (old / (paths.DATABASE_NAME + suffix)).read_bytes() == old_db
    assert (old / (paths.KEY_FILE_NAME + suffix)).exists()
    assert not list(old.glob(f"*{restoring.STAGED}*"))
    assert [kept.stamp for kept in restoring.kept_aside(old)] == [STAMP]
    Vault.open(old, "new passphrase here").lock()  # and it stays finished


def test_a_restore_staged_under_the_old_name_still_finishes(tmp_path: Path) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    Vault.create(old, "old passphrase here", kdf=FAST_KDF)[0].lock()
    Vault.create(new, "new passphrase here", kdf=FAST_KDF)[0].lock()
    for name in (paths.DATABASE_NAME, paths.KEY_FILE_NAME):  # what 0.3 left after a crash
        shutil.copy(new / name, old / (name + restoring.STAGED))
    Vault.open(old, "new passphrase here").lock()
    (kept,) = restoring.kept_aside(old)
    assert kept.stamp  # given a stamp of its own, so a later restore cannot overwrite it


def test_a_half_staged_restore_is_dropped_and_the_live_vault_kept(tmp_path: Path) -> None:
    folder = tmp_path / "v"
    Vault.create(folder, "old passphrase here", kdf=FAST_KDF)[0].lock()
    staged = folder / restoring.staged_names(STAMP)[0]
    staged.write_bytes(os.urandom(8192))  # extracted, never verified, no key beside it
    restoring.finish_interrupted_restore(folder)
    assert not staged.exists()
    Vault.open(folder, "old passphrase here").lock()


def test_two_backups_at_once_in_one_process_both_complete(
    filled: tuple[Path, str, list[CheckIn]], tmp_path: Path
) -> None:
    from concurrent.futures import ThreadPoolExecutor

    from wellbeing_app.storage.backup import read_backup_info, write_backup_with_key

    folder, _recovery, checkins = filled
    with Vault.open(folder, PASSPHRASE) as vault:
        key = vault.data_key()
    targets = [tmp_path / f"b{i}.thbackup" for i in range(4)]
    with ThreadPoolExecutor(4) as pool:  # like the daily backup and "Back up now…" together
        list(pool.map(lambda t: write_backup_with_key(folder, key, t), targets))
    for target in targets:
        assert read_backup_info(target).checkins == len(checkins)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".took-home")) == []


def test_a_database_still_being_checked_never_becomes_the_vault(
    run_cli: Run, filled: tuple[Path, str, list[CheckIn]], tmp_path: Path
) -> None:
    folder, _recovery, _checkins = filled
    backup = tmp_path / "b.thbackup"
    assert run_cli("backup", "-o", str(backup), "--passphrase-stdin", stdin=LINE).code == 0
    # The live database is lost, and a restore stopped while it was unpacking the backup.
    (folder / paths.DATABASE_NAME).unlink()
    checking = folder / (restoring.CHECKING_PREFIX + "abc123")
    checking.write_bytes(os.urandom(8192))
    an_hour_ago = time.time() - restoring.STALE_CHECKING_SECONDS - 5
    os.utime(checking, (an_hour_ago, an_hour_ago))
    before = snapshot(folder)
    result = run_cli("check", "--passphrase-stdin", stdin=LINE)
    assert result.code in (1, 4) and "Traceback" not in result.stderr
    assert not (folder / paths.DATABASE_NAME).exists()  # never moved in unchecked
    assert not checking.exists()
    del before[checking.name]
    assert snapshot(folder) == before
    # The proper way back: restore the backup, checked first.
    restored = run_cli("restore", str(backup), "--replace", "--passphrase-stdin", stdin=LINE)
    assert restored.code == 0, restored.stderr
    assert _all(folder) == _checkins
    leftovers = [p.name for p in folder.iterdir() if restoring.STAGED in p.name]
    assert leftovers == [] and not list(folder.glob(restoring.CHECKING_PREFIX + "*"))


def test_backup_info_needs_no_key(filled: tuple[Path, str, list[CheckIn]], tmp_path: Path) -> None:
    from wellbeing_app.storage.backup import read_backup_info, write_backup

    folder, _recovery, checkins = filled
    with Vault.open(folder, PASSPHRASE) as vault:
        target = tmp_path / "x.thbackup"
        write_backup(vault, target)
    info = read_backup_info(target)
    assert info.checkins == len(checkins)
    assert io.BytesIO(target.read_bytes()).read(2) == b"PK"


def test_a_backup_clears_what_a_killed_backup_left_beside_it(
    run_cli: Run, filled: tuple[Path, str, list[CheckIn]], tmp_path: Path
) -> None:
    out = tmp_path / "usb"
    out.mkdir()

    def work_folder(name: str, files: dict[str, bytes], age_seconds: float) -> Path:
        folder = out / name
        folder.mkdir(mode=0o700)
        for file_name, data in files.items():
            (folder / file_name).write_bytes(data)
        when = time.time() - age_seconds
        for path in [*folder.iterdir(), folder]:
            os.utime(path, (when, when))
        return folder

    stale = work_folder(".took-home-backup-4242", {"copy.db": b"x" * 64}, 2 * 3600)
    running = work_folder(".took-home-backup-4243", {"backup.zip": b"x"}, 5)  # still being built
    theirs = work_folder(".took-home-backup-4244", {"notes.txt": b"mine"}, 2 * 3600)
    alike = work_folder(".took-home-backup-old.kept", {"copy.db": b"x"}, 2 * 3600)

    result = run_cli("backup", "-o", str(out / "mine.thbackup"), "--passphrase-stdin", stdin=LINE)
    assert result.code == 0, result.stderr
    assert not stale.exists()
    # Not ours to remove: one that may still be running, one holding other files, another name.
    assert running.exists() and theirs.exists() and alike.exists()
    assert (theirs / "notes.txt").read_bytes() == b"mine"
