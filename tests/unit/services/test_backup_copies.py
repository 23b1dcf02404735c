"""A second place for backups: copies in a folder the user chose, proven and rotated.

Driven through ``services.backups`` as the app's daily job and the command
line use it: ``copy_backup``, ``keep_copy_up_to_date`` and ``backup_job_if_due``.
"""

from __future__ import annotations

import json
import os
import time
import zipfile
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from tests.support import FAST_KDF, PASSPHRASE, sentinel_hits, snapshot
from wellbeing_app import paths
from wellbeing_app.domain.checkin import CheckIn
from wellbeing_app.domain.synthetic import synthetic_checkins
from wellbeing_app.services.backups import (
    AutoBackup,
    CopyOutcome,
    DailyBackup,
    backup_if_due,
    backup_job_if_due,
    backup_now,
    backups_in,
    copy_backup,
    keep_copy_up_to_date,
    list_backups,
    newest_copy,
)
from wellbeing_app.storage.backup import restore_backup, verify_backup_file
from wellbeing_app.storage.errors import VaultDamagedError
from wellbeing_app.storage.repository import CheckInRepository
from wellbeing_app.storage.vault import Vault

SENTINEL = "BILBY-COPY-SENTINEL-77"
NOON = datetime(2026, 11, 20, 12, tzinfo=UTC)


@pytest.fixture
def filled(vault: Vault) -> Vault:
    """The ``vault`` fixture with some days in it, one of them holding the sentinel."""
    checkins = synthetic_checkins(20, end=date(2026, 11, 19), seed=5)
    checkins.append(
        CheckIn(date=date(2026, 11, 20), mood=2, took_home=SENTINEL, tags=(SENTINEL[:20],))
    )
    CheckInRepository(vault).add_many(checkins)
    return vault


@pytest.fixture
def usb(tmp_path: Path) -> Path:
    """A folder standing in for a USB stick that is plugged in (a shared-looking 0755)."""
    folder = tmp_path / "usb"
    folder.mkdir()
    os.chmod(folder, 0o755)
    return folder


def _names(folder: Path) -> list[str]:
    return sorted(entry.name for entry in folder.iterdir())


def test_a_copy_is_the_same_encrypted_file_private_and_proven(
    filled: Vault, usb: Path, tmp_path: Path
) -> None:
    made = backup_now(filled, NOON)
    old_umask = os.umask(0)  # the copy is 0600 whatever the umask
    try:
        copy = copy_backup(made.path, usb, filled.data_key())
    finally:
        os.umask(old_umask)
    assert copy == usb / made.path.name
    assert copy.read_bytes() == made.path.read_bytes()
    assert copy.stat().st_mode & 0o777 == 0o600
    assert _names(usb) == [made.path.name]  # no temp file left beside it
    assert verify_backup_file(copy, filled.data_key()).checkins == 21
    assert sentinel_hits(usb, SENTINEL) == []
    # The copy is a whole backup on its own: it restores everything, with the passphrase.
    restore_backup(copy, tmp_path / "from-the-stick", secret=PASSPHRASE)
    with Vault.open(tmp_path / "from-the-stick", PASSPHRASE) as restored:
        assert CheckInRepository(restored).count() == 21
    newest = newest_copy(usb)
    assert newest is not None and newest.path == copy and newest.made_at == made.made_at


def test_a_copy_is_proven_under_this_vaults_key_only(filled: Vault, usb: Path) -> None:
    made = backup_now(filled, NOON)
    other, _ = Vault.create(filled.folder.parent / "other", PASSPHRASE, kdf=FAST_KDF)
    try:
        with pytest.raises(VaultDamagedError):
            copy_backup(made.path, usb, other.data_key())
    finally:
        other.lock()
    assert _names(usb) == []


def test_a_good_copy_is_left_alone_and_a_damaged_one_is_replaced(filled: Vault, usb: Path) -> None:
    made = backup_now(filled, NOON)
    key = filled.data_key()
    copy = copy_backup(made.path, usb, key)
    inode = copy.stat().st_ino
    assert copy_backup(made.path, usb, key) == copy
    assert copy.stat().st_ino == inode  # already there and the same: not written again
    damaged = bytearray(copy.read_bytes())
    damaged[len(damaged) // 2] ^= 0xFF
    copy.write_bytes(bytes(damaged))  # the stick went bad
    copy_backup(made.path, usb, key)
    assert copy.read_bytes() == made.path.read_bytes()
    assert _names(usb) == [made.path.name]


def _rezip(path: Path, change: Callable[[dict[str, bytes]], None]) -> None:
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    change(parts)
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def _claim_more_checkins(parts: dict[str, bytes]) -> None:
    manifest = json.loads(parts["manifest.json"])
    manifest["checkins"] += 100
    parts["manifest.json"] = json.dumps(manifest).encode()


def _flip_middle(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF  # inside the database part
    path.write_bytes(bytes(data))


def _tamper(path: Path, how: str, other_key_file: bytes) -> None:
    if how == "flipped byte in the database":
        _flip_middle(path)
    elif how == "manifest edited":
        _rezip(path, _claim_more_checkins)
    elif how == "key file swapped":
        _rezip(path, lambda parts: parts.update({paths.KEY_FILE_NAME: other_key_file}))
    elif how == "truncated":
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    elif how == "not a zip":
        path.write_bytes(os.urandom(4096))
    else:  # pragma: no cover - a typo in the parameters
        raise AssertionError(how)


TAMPERINGS = [
    "flipped byte in the database",
    "manifest edited",
    "key file swapped",
    "truncated",
    "not a zip",
]


@pytest.mark.parametrize("how", TAMPERINGS)
def test_a_tampered_backup_is_never_copied(
    filled: Vault, usb: Path, tmp_path: Path, how: str
) -> None:
    key = filled.data_key()
    good = backup_now(filled, NOON - timedelta(days=1))
    copy_backup(good.path, usb, key)
    (usb / "holiday-photos.txt").write_bytes(b"the user's own file")
    before = snapshot(usb)
    tampered = backup_now(filled, NOON)
    other, _ = Vault.create(tmp_path / "other", PASSPHRASE, kdf=FAST_KDF)
    other.lock()
    _tamper(tampered.path, how, (tmp_path / "other" / paths.KEY_FILE_NAME).read_bytes())

    with pytest.raises(VaultDamagedError):
        copy_backup(tampered.path, usb, key)
    assert snapshot(usb) == before, how  # nothing new, nothing rotated away

    # The daily job says so calmly and leaves the folder as it was.
    outcome = keep_copy_up_to_date(filled.folder, usb, key)
    assert outcome.copy is None
    assert outcome.problem is not None and outcome.problem.startswith("the copy was not made")
    assert snapshot(usb) == before, how


def test_the_copy_is_read_back_and_a_bad_write_is_removed(
    filled: Vault, usb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = backup_now(filled, NOON)
    real_copy = paths.copy_atomically

    def faulty_copy(source: Path, target: Path) -> str:
        # The drive "writes" the file, but what reads back is not what was sent.
        digest = real_copy(source, target)
        _flip_middle(target)
        return digest

    monkeypatch.setattr(paths, "copy_atomically", faulty_copy)
    with pytest.raises(VaultDamagedError, match="read back"):
        copy_backup(made.path, usb, filled.data_key())
    assert _names(usb) == []  # the bad copy is not left looking like a good one


def test_copies_rotate_like_the_backups_seven_days_then_four_weeks(
    filled: Vault, usb: Path
) -> None:
    key = filled.data_key()
    (usb / "notes.txt").write_bytes(b"mine")
    (usb / "took-home-notes.thbackup").write_bytes(b"not one of ours by name")
    unreadable = usb / "took-home-20260101-090000.thbackup"  # our name, but not a backup
    unreadable.write_bytes(b"whatever this is, it is not ours to delete")
    start = datetime(2026, 8, 1, 12, tzinfo=UTC)
    for day in range(40):
        made = backup_if_due(filled, start + timedelta(days=day))
        assert made is not None
        copy_backup(made.path, usb, key)
    copies = [c for c in backups_in(usb) if c.path != unreadable]
    assert [c.path.name for c in copies] == [b.path.name for b in list_backups(filled.folder)]
    assert len(copies) == 7 + 4
    newest = start.date() + timedelta(days=39)
    days = sorted(c.made_at.date() for c in copies)
    daily = [d for d in days if d > newest - timedelta(days=7)]
    weekly = [d for d in days if d <= newest - timedelta(days=7)]
    assert daily == [newest - timedelta(days=n) for n in range(6, -1, -1)]
    assert len(weekly) == 4 and len({d.isocalendar()[:2] for d in weekly}) == 4
    # Every copy kept is still the very file it was copied from.
    for copy in copies:
        source = filled.folder / paths.BACKUPS_DIR_NAME / copy.path.name
        assert copy.path.read_bytes() == source.read_bytes()
    # Rotation removes only our own backups: the user's files stay.
    assert (usb / "notes.txt").read_bytes() == b"mine"
    assert (usb / "took-home-notes.thbackup").exists()
    assert unreadable.exists()


def test_a_missing_folder_is_said_calmly_and_never_created(filled: Vault, tmp_path: Path) -> None:
    made = backup_now(filled, NOON)
    stick = tmp_path / "media" / "STICK"
    key = filled.data_key()
    outcome = keep_copy_up_to_date(filled.folder, stick, key)
    assert outcome == CopyOutcome(stick, None, outcome.problem)
    assert outcome.problem is not None
    assert "is not there just now" in outcome.problem and "plugged in" in outcome.problem
    assert "next time" in outcome.problem
    assert not stick.exists() and not stick.parent.exists()
    with pytest.raises(FileNotFoundError):
        copy_backup(made.path, stick, key)
    assert not stick.parent.exists()  # never a stand-in folder on this computer's own disk

    stick.mkdir(parents=True)  # plugged in
    outcome = keep_copy_up_to_date(filled.folder, stick, key)
    assert outcome.problem is None
    assert outcome.copy == stick / made.path.name
    assert outcome.copy.read_bytes() == made.path.read_bytes()


def test_nothing_to_copy_yet_is_said_and_nothing_written(filled: Vault, usb: Path) -> None:
    outcome = keep_copy_up_to_date(filled.folder, usb, filled.data_key())
    assert outcome.copy is None
    assert outcome.problem == "there is no automatic backup to copy yet"
    assert _names(usb) == []


def test_a_folder_that_cannot_take_the_copy_is_said_calmly(filled: Vault, usb: Path) -> None:
    made = backup_now(filled, NOON)
    (usb / made.path.name).mkdir()  # the name is taken by a folder: the rename must fail
    outcome = keep_copy_up_to_date(filled.folder, usb, filled.data_key())
    assert outcome.copy is None
    assert outcome.problem is not None
    assert outcome.problem.startswith(f"the backup could not be copied to {usb}")
    assert outcome.problem.endswith("it will be tried again next time")
    assert _names(usb) == [made.path.name]  # the temp file holding the copy is gone


def test_the_daily_job_copies_even_when_no_backup_is_due(filled: Vault, tmp_path: Path) -> None:
    stick = tmp_path / "stick"
    first = backup_job_if_due(filled, NOON, copy_to=stick)
    assert first is not None
    result = first()
    assert isinstance(result, DailyBackup)
    assert result.made is not None and result.made.path.exists()
    made = result.made
    assert result.copy is not None and result.copy.copy is None
    assert result.copy.problem is not None and "not there" in result.copy.problem

    later = NOON + timedelta(hours=2)
    assert backup_job_if_due(filled, later) is None  # no copy folder: nothing to do today
    stick.mkdir()  # plugged in later the same day
    again = backup_job_if_due(filled, later, copy_to=stick)
    assert again is not None
    result = again()
    assert result.made is None  # no second backup that day
    assert result.copy is not None and result.copy.problem is None
    assert result.copy.copy == stick / made.path.name
    assert _names(stick) == [p.path.name for p in list_backups(filled.folder)]
    (only,) = list_backups(filled.folder)
    assert (stick / only.path.name).read_bytes() == only.path.read_bytes()
    assert sentinel_hits(stick, SENTINEL) == []


def test_temp_files_a_killed_copy_left_are_cleared_later_and_only_ours(
    filled: Vault, usb: Path
) -> None:
    made = backup_now(filled, NOON)
    stale = usb / f".{made.path.name}.k1ll3d.tmp"
    fresh = usb / f".{made.path.name}.running.tmp"  # a copy still being written right now
    theirs = usb / ".notes.txt.abc.tmp"
    for path in (stale, fresh, theirs):
        path.write_bytes(b"x" * 64)
    two_hours_ago = time.time() - 2 * 3600
    for path in (stale, theirs):
        os.utime(path, (two_hours_ago, two_hours_ago))
    copy_backup(made.path, usb, filled.data_key())
    assert not stale.exists()
    assert fresh.exists() and theirs.exists()


def test_newest_copy_ignores_what_is_not_a_copy(usb: Path, tmp_path: Path) -> None:
    assert newest_copy(usb) is None
    assert newest_copy(tmp_path / "missing") is None
    (usb / "took-home-20261120-120000.thbackup").mkdir()  # a folder by that name
    target = tmp_path / "elsewhere.thbackup"
    target.write_bytes(b"x")
    (usb / "took-home-20261121-120000.thbackup").symlink_to(target)
    assert newest_copy(usb) is None
    (usb / "took-home-20261119-080000.thbackup").write_bytes(b"x")
    found = newest_copy(usb)
    assert found == AutoBackup(
        usb / "took-home-20261119-080000.thbackup", datetime(2026, 11, 19, 8, tzinfo=UTC)
    )


def test_a_folder_shared_by_two_vaults_keeps_the_copies_of_both(
    filled: Vault, usb: Path, tmp_path: Path
) -> None:
    # One sync folder for the laptop at home and the one at work: each rotates only its own.
    other, _ = Vault.create(tmp_path / "work-laptop", PASSPHRASE, kdf=FAST_KDF)
    try:
        start = datetime(2026, 8, 1, 9, tzinfo=UTC)
        for day in range(12):
            ours = backup_if_due(filled, start + timedelta(days=day))
            theirs = backup_if_due(other, start + timedelta(days=day, hours=1))
            assert ours is not None and theirs is not None
            copy_backup(ours.path, usb, filled.data_key())
            copy_backup(theirs.path, usb, other.data_key())
        names = _names(usb)
        ours_kept = [b.path.name for b in list_backups(filled.folder)]
        theirs_kept = [b.path.name for b in list_backups(other.folder)]
    finally:
        other.lock()
    assert names == sorted(ours_kept + theirs_kept)
    assert len(ours_kept) == len(theirs_kept) == 7 + 2  # 12 days: a week, then two weeks
