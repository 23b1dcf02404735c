"""Moments and the switching-off routine kept in the vault: saved, read back, encrypted,
backed up, exported, imported (all or nothing) and migrated from every earlier vault."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.support import FAST_KDF, PASSPHRASE, REPO_ROOT, sentinel_hits
from wellbeing_app.domain.aftershift import InvalidMoment, Moment, moment_to_record
from wellbeing_app.domain.aftershift.routine import InvalidRoutine
from wellbeing_app.domain.file_formats import ExportFormat
from wellbeing_app.domain.interchange import ImportRejected
from wellbeing_app.services.backups import backup_if_due
from wellbeing_app.services.import_export import ImportSource, import_source
from wellbeing_app.services.session import Session
from wellbeing_app.storage import migrations
from wellbeing_app.storage.backup import restore_backup
from wellbeing_app.storage.vault import Vault

FIXTURES = REPO_ROOT / "tests" / "fixtures"
FIXTURE_SECRETS = {1: "one", 2: "two", 4: "four"}
BREATHING = Moment(datetime(2026, 12, 1, 7, 30, tzinfo=UTC), "paced_breathing", 8, 5)
GROUNDING = Moment(datetime(2026, 12, 2, 23, 5, tzinfo=UTC), "grounding", None, 3)
ROUTINE_SENTINEL = "SENTINEL-ROUTINE-kettle-and-slippers"


def test_moments_come_back_oldest_first(vault: Vault) -> None:
    session = Session(vault)
    session.save_moment(GROUNDING)
    session.save_moment(BREATHING)
    assert session.moments() == [BREATHING, GROUNDING]
    assert session.moment_count() == 2


def test_a_bad_moment_is_never_saved(vault: Vault) -> None:
    with pytest.raises(InvalidMoment):
        Session(vault).save_moment(Moment(BREATHING.at, "paced_breathing", 12, None))
    assert Session(vault).moments() == []


def test_moments_and_the_routine_are_encrypted_and_carried_by_a_backup(
    vault: Vault, tmp_path: Path
) -> None:
    session = Session(vault)
    session.save_moment(BREATHING)
    session.set_switch_off_routine([ROUTINE_SENTINEL, "Text home"])
    vault.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert sentinel_hits(vault.folder, ROUTINE_SENTINEL) == []
    assert sentinel_hits(vault.folder, "paced_breathing") == []
    made = backup_if_due(vault)
    assert made is not None
    assert sentinel_hits(made.path.parent, ROUTINE_SENTINEL) == []
    restore_backup(made.path, tmp_path / "copy", secret=PASSPHRASE)
    with Session.open(tmp_path / "copy", PASSPHRASE) as copy:
        assert copy.moments() == [BREATHING]
        assert copy.switch_off_routine() == (ROUTINE_SENTINEL, "Text home")


def test_the_routine_is_checked_before_it_is_kept(vault: Vault) -> None:
    session = Session(vault)
    assert session.switch_off_routine() == ()
    session.set_switch_off_routine(["  Change out of uniform  ", ""])
    with pytest.raises(InvalidRoutine):
        session.set_switch_off_routine(["x" * 500])
    assert session.switch_off_routine() == ("Change out of uniform",)


def test_export_then_import_gives_back_the_same_moments(vault: Vault, tmp_path: Path) -> None:
    session = Session(vault)
    session.save_new_checkin({"date": "2026-12-01", "mood": 3})
    session.save_moment(BREATHING)
    session.save_moment(GROUNDING)
    target = tmp_path / "mine.json"
    session.export_to(target, ExportFormat.JSON)
    document = json.loads(target.read_text("utf-8"))
    assert document["version"] == 2
    assert document["moments"] == [moment_to_record(BREATHING), moment_to_record(GROUNDING)]
    assert document["moments"][0] == {
        "id": BREATHING.id,
        "at": "2026-12-01T07:30:00Z",
        "tool": "paced_breathing",
        "distress_before": 8,
        "distress_after": 5,
    }
    other, _ = Session.create(tmp_path / "other", PASSPHRASE, kdf=FAST_KDF)
    with other, ImportSource(target) as source:
        import_source(other.vault, source)
        assert other.moments() == [BREATHING, GROUNDING]
        with ImportSource(target) as again:
            import_source(other.vault, again)  # the same file twice adds nothing twice
        assert other.moment_count() == 2


def test_an_export_without_moments_has_no_moments_list(vault: Vault, tmp_path: Path) -> None:
    Session(vault).save_new_checkin({"date": "2026-12-01", "mood": 3})
    target = tmp_path / "mine.json"
    Session(vault).export_to(target, ExportFormat.JSON)
    assert "moments" not in json.loads(target.read_text("utf-8"))


def test_a_bad_moment_in_a_file_refuses_the_whole_file(vault: Vault, tmp_path: Path) -> None:
    session = Session(vault)
    session.save_new_checkin({"date": "2026-12-01", "mood": 3})
    session.save_moment(BREATHING)
    target = tmp_path / "mine.json"
    session.export_to(target, ExportFormat.JSON)
    document = json.loads(target.read_text("utf-8"))
    document["moments"].append(
        {"at": "2026-12-03T08:00:00Z", "tool": "grounding", "distress_after": 11}
    )
    document["moments"].append({"at": "2026-12-03T08:00:00Z", "tool": "yoga"})
    target.write_text(json.dumps(document), "utf-8")
    other, _ = Session.create(tmp_path / "other", PASSPHRASE, kdf=FAST_KDF)
    with other, ImportSource(target) as source:
        with pytest.raises(ImportRejected) as refused:
            import_source(other.vault, source)
        assert refused.value.lines() == [
            "moment 1: distress_after: 11 is not a whole number from 0 to 10",
            "moment 2: tool: 'yoga' is not one of paced_breathing, grounding, switch_off, "
            "sleep_plan",
        ]
        assert other.count() == 0 and other.moments() == []  # nothing at all was added


def test_a_moments_value_that_is_not_a_list_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "odd.json"
    target.write_text(
        json.dumps({"format": "took-home-checkins", "version": 2, "checkins": [], "moments": 3}),
        "utf-8",
    )
    other, _ = Session.create(tmp_path / "other", PASSPHRASE, kdf=FAST_KDF)
    with other, ImportSource(target) as source, pytest.raises(ImportRejected) as refused:
        import_source(other.vault, source)
    assert '"moments" is not a list' in " ".join(refused.value.lines())


@pytest.mark.parametrize("version", sorted(FIXTURE_SECRETS))
def test_every_earlier_vault_migrates_and_takes_moments(version: int, tmp_path: Path) -> None:
    folder = tmp_path / f"v{version}"
    shutil.copytree(FIXTURES / f"vault-v{version}", folder)
    with Session.open(folder, f"fixture passphrase for schema {FIXTURE_SECRETS[version]}") as s:
        assert migrations.schema_version(s.vault.connection) == migrations.LATEST_VERSION == 8
        before = s.count()
        s.save_moment(BREATHING)
        s.set_switch_off_routine(["Change out of uniform"])
        assert s.moments() == [BREATHING] and s.count() == before and s.check().ok
