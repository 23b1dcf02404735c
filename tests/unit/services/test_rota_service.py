"""Your rota kept in the vault: saved, read back, carried by backups, and through migrations."""

from __future__ import annotations

import json
import shutil
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest

from tests.support import PASSPHRASE, REPO_ROOT, sentinel_hits
from wellbeing_app.domain.catalogue import ShiftType
from wellbeing_app.domain.rota import LONDON, PatternDay, Rota, RotaPattern
from wellbeing_app.domain.synthetic import synthetic_rota
from wellbeing_app.services.backups import backup_if_due
from wellbeing_app.services.errors import VaultDamagedError
from wellbeing_app.services.rota import days_ahead, last_ended_shift, next_shift
from wellbeing_app.services.session import Session
from wellbeing_app.storage import migrations
from wellbeing_app.storage.backup import restore_backup
from wellbeing_app.storage.vault import Vault

FIXTURES = REPO_ROOT / "tests" / "fixtures"
FIXTURE_SECRETS = {1: "one", 2: "two", 4: "four"}


def late_and_early() -> Rota:
    """A late (14:00-23:00) then an early (07:00-15:00): an 8-hour changeover."""
    return Rota(
        pattern=RotaPattern(
            (
                PatternDay.working(ShiftType.LATE, time(14), 9.0),
                PatternDay.working(ShiftType.EARLY, time(7), 8.0),
                PatternDay.rest_day(),
            ),
            starts_on=date(2026, 11, 30),
        )
    )


def test_a_rota_is_saved_read_back_after_a_lock_and_cleared(vault: Vault) -> None:
    session = Session(vault)
    assert (
        session.rota() is None
        and session.shifts_between(date(2026, 12, 1), date(2026, 12, 3)) == []
    )
    session.save_rota(late_and_early())
    folder = vault.folder
    vault.lock()
    with Session.open(folder, PASSPHRASE) as again:
        assert again.rota() == late_and_early()
        shifts = again.shifts_between(date(2026, 11, 30), date(2026, 12, 2))
        assert [s.shift_type for s in shifts] == [
            ShiftType.LATE,
            ShiftType.EARLY,
            ShiftType.REST_DAY,
        ]
        assert again.clear_rota() is True
        assert again.rota() is None and again.clear_rota() is False


def test_the_rota_is_encrypted_and_carried_by_a_backup(vault: Vault, tmp_path: Path) -> None:
    sentinel = "quokkarotasentinel"
    rota = Rota(
        pattern=RotaPattern(
            (PatternDay.working(ShiftType.OTHER, time(9), 7.0, tags=(sentinel,)),),
            starts_on=date(2026, 11, 30),
        )
    )
    Session(vault).save_rota(rota)
    vault.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert sentinel_hits(vault.folder, sentinel) == []
    made = backup_if_due(vault)
    assert made is not None
    assert sentinel_hits(vault.folder / "backups", sentinel) == []
    restore_backup(made.path, tmp_path / "copy", secret=PASSPHRASE)
    with Session.open(tmp_path / "copy", PASSPHRASE) as copy:
        assert copy.rota() == rota


def test_a_damaged_rota_record_is_reported_as_damage(vault: Vault) -> None:
    Session(vault).save_rota(late_and_early())
    with vault.transaction() as conn:
        conn.execute("UPDATE rota SET record = ?", (json.dumps({"version": 1, "pattern": 7}),))
    with pytest.raises(VaultDamagedError, match="stored rota"):
        Session(vault).rota()


def test_the_last_ended_and_next_shift() -> None:
    rota = late_and_early()
    # Tuesday 1 December 2026, 16:00: the early (07:00-15:00) has ended, the late before it too.
    now = datetime(2026, 12, 1, 16, tzinfo=LONDON)
    ended = last_ended_shift(rota, now)
    assert (
        ended is not None
        and ended.shift_type is ShiftType.EARLY
        and ended.date == date(2026, 12, 1)
    )
    coming = next_shift(rota, now)
    assert coming is not None and coming.shift_type is ShiftType.LATE
    assert coming.date == date(2026, 12, 3)
    assert [s.date for s in days_ahead(rota, date(2026, 12, 1), 3)] == [
        date(2026, 12, 1) + timedelta(days=n) for n in range(3)
    ]
    assert last_ended_shift(rota, datetime(2026, 11, 30, 13, tzinfo=LONDON)) is None


@pytest.mark.parametrize("version", sorted(FIXTURE_SECRETS))
def test_every_earlier_vault_migrates_and_takes_a_rota(version: int, tmp_path: Path) -> None:
    folder = tmp_path / f"v{version}"
    shutil.copytree(FIXTURES / f"vault-v{version}", folder)
    with Session.open(folder, f"fixture passphrase for schema {FIXTURE_SECRETS[version]}") as s:
        assert migrations.schema_version(s.vault.connection) == migrations.LATEST_VERSION
        assert s.rota() is None
        before = s.count()
        s.save_rota(synthetic_rota())
        assert s.rota() == synthetic_rota() and s.count() == before
        assert s.check().ok
