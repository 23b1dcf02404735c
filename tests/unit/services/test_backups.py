"""Automatic backups: once a day, rotated to a week of days and a month of weeks."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from tests.support import PASSPHRASE, sentinel_hits
from wellbeing_app.domain.checkin import CheckIn
from wellbeing_app.services.backups import (
    AutoBackup,
    backup_if_due,
    keep,
    list_backups,
    newest_good_backup,
)
from wellbeing_app.storage.backup import restore_backup
from wellbeing_app.storage.repository import CheckInRepository
from wellbeing_app.storage.vault import Vault


def test_one_backup_a_day(vault: Vault) -> None:
    noon = datetime(2026, 11, 20, 12, tzinfo=UTC)
    first = backup_if_due(vault, noon)
    assert first is not None and first.path.exists()
    assert backup_if_due(vault, noon + timedelta(hours=3)) is None
    assert backup_if_due(vault, noon + timedelta(days=1)) is not None
    assert len(list_backups(vault.folder)) == 2
    assert first.path.stat().st_mode & 0o777 == 0o600
    assert (vault.folder / "backups").stat().st_mode & 0o777 == 0o700


def test_rotation_keeps_seven_days_and_four_weeks(vault: Vault) -> None:
    start = datetime(2026, 9, 1, 12, tzinfo=UTC)
    backups = [AutoBackup(Path(f"/x/{i}"), start + timedelta(days=i)) for i in range(80)]
    kept = keep(sorted(backups, key=lambda b: b.made_at, reverse=True))
    kept_days = sorted(b.made_at.date() for b in backups if b.path in kept)
    newest = start.date() + timedelta(days=79)
    daily = [d for d in kept_days if d > newest - timedelta(days=7)]
    weekly = [d for d in kept_days if d <= newest - timedelta(days=7)]
    assert len(daily) == 7 and len(weekly) == 4
    assert len({d.isocalendar()[:2] for d in weekly}) == 4
    assert min(kept_days) >= newest - timedelta(days=7 + 5 * 7)


def test_rotation_deletes_files_on_disk(vault: Vault) -> None:
    start = datetime(2026, 8, 1, 9, tzinfo=UTC)
    for i in range(30):
        backup_if_due(vault, start + timedelta(days=i))
    assert len(list_backups(vault.folder)) == 7 + 4


def test_backups_hold_no_plaintext_and_restore(vault: Vault, tmp_path: Path) -> None:
    CheckInRepository(vault).add(
        CheckIn(date=date(2026, 11, 20), mood=3, took_home="ECHIDNA-AUTO-SENTINEL")
    )
    made = backup_if_due(vault)
    assert made is not None
    assert sentinel_hits(vault.folder / "backups", "ECHIDNA-AUTO-SENTINEL") == []
    found = newest_good_backup(vault.folder)
    assert found is not None and found[1].checkins == 1
    restore_backup(made.path, tmp_path / "copy", secret=PASSPHRASE)
    with Vault.open(tmp_path / "copy", PASSPHRASE) as copy:
        assert CheckInRepository(copy).count() == 1


def test_a_damaged_newest_backup_is_skipped(vault: Vault) -> None:
    older = backup_if_due(vault, datetime(2026, 11, 19, 9, tzinfo=UTC))
    newer = backup_if_due(vault, datetime(2026, 11, 20, 9, tzinfo=UTC))
    assert older is not None and newer is not None
    newer.path.write_bytes(b"not a zip")
    found = newest_good_backup(vault.folder)
    assert found is not None and found[0].path == older.path
