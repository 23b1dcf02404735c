"""Every earlier schema opens, migrates in place, and keeps every check-in."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

from tests.support import REPO_ROOT
from wellbeing_app.domain.checkin import CheckIn, checkin_from_record
from wellbeing_app.storage import migrations
from wellbeing_app.storage.drafts import DraftStore
from wellbeing_app.storage.repository import CheckInRepository
from wellbeing_app.storage.vault import Vault

FIXTURES = REPO_ROOT / "tests" / "fixtures"


def written_into(fixture: str) -> list[CheckIn]:
    """The check-ins the fixture vault was made with, oldest first.

    Kept as JSON beside the vault, because the synthetic data they came from
    has changed since (its wording now fits each shift type).
    """
    records = json.loads((FIXTURES / f"{fixture}.checkins.json").read_text("utf-8"))
    return [checkin_from_record(r, today=date(2026, 11, 20)) for r in records]


def test_a_version_1_vault_migrates_and_keeps_its_checkins(tmp_path: Path) -> None:
    folder = tmp_path / "v1"
    shutil.copytree(FIXTURES / "vault-v1", folder)
    with Vault.open(folder, "fixture passphrase for schema one") as vault:
        assert migrations.schema_version(vault.connection) == migrations.LATEST_VERSION
        kept = CheckInRepository(vault).list_between(newest_first=False)
        assert kept == written_into("vault-v1")
        DraftStore(vault).save({"mood": 3})  # the version 2 table is there
        assert vault.check().ok
    # And the recovery key written for version 1 still opens it.
    Vault.open_with_recovery_key(folder, "FUXZ-NMMG-RXUJ-J4K6-NCZA-TZNP-XQPZ-RAZO").lock()


def test_the_checked_in_fixture_is_still_version_1(tmp_path: Path) -> None:
    """Opened without migrating: the fixture really is the old schema."""
    from wellbeing_app.storage import sqlcipher

    folder = tmp_path / "copy"
    shutil.copytree(FIXTURES / "vault-v1", folder)
    slots = Vault.read_key_slots(folder)
    data_key = slots.unwrap_with_passphrase("fixture passphrase for schema one")
    conn = sqlcipher.connect_existing(folder / "took-home.db", data_key)
    try:
        assert migrations.schema_version(conn) == 1
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_schema")}
        assert "draft" not in tables and "checkin" in tables
    finally:
        conn.close()


def test_a_version_2_vault_migrates_and_keeps_its_checkins_and_draft(tmp_path: Path) -> None:
    folder = tmp_path / "v2"
    shutil.copytree(FIXTURES / "vault-v2", folder)
    with Vault.open(folder, "fixture passphrase for schema two") as vault:
        assert migrations.schema_version(vault.connection) == migrations.LATEST_VERSION
        kept = CheckInRepository(vault).list_between(newest_first=False)
        assert kept == written_into("vault-v2")
        draft = DraftStore(vault).load()
        assert draft is not None and draft.record["took_home"] == "a draft kept across the upgrade"
        plan = " ".join(
            str(row[-1])
            for row in vault.connection.execute(
                "EXPLAIN QUERY PLAN SELECT shift_type FROM checkin WHERE shift_type IS NOT NULL "
                "ORDER BY created_at DESC LIMIT 1"
            )
        )
        assert "checkin_by_created" in plan  # no full scan for the last shift type
        assert vault.check().ok


def test_a_version_4_vault_migrates_and_keeps_its_checkins_draft_and_settings(
    tmp_path: Path,
) -> None:
    from wellbeing_app.domain.support import Nation
    from wellbeing_app.services.support import support_filters

    folder = tmp_path / "v4"
    shutil.copytree(FIXTURES / "vault-v4", folder)
    with Vault.open(folder, "fixture passphrase for schema four") as vault:
        assert migrations.schema_version(vault.connection) == migrations.LATEST_VERSION
        kept = CheckInRepository(vault).list_between(newest_first=False)
        assert kept == written_into("vault-v4")
        draft = DraftStore(vault).load()
        assert draft is not None and draft.record["took_home"] == "a draft kept across the upgrade"
        assert support_filters(vault) == (Nation.SCOTLAND, None)
        assert vault.check().ok
    Vault.open_with_recovery_key(folder, "7CPU-VMDN-4AXI-ENH6-5ICS-YNIU-XYW3-G4RN").lock()


def test_each_checked_in_fixture_is_still_the_version_its_name_gives(tmp_path: Path) -> None:
    """Opened without migrating, so a later change cannot quietly upgrade a fixture."""
    from wellbeing_app.storage import sqlcipher

    passphrases = {1: "one", 2: "two", 4: "four"}
    fixtures = sorted(FIXTURES.glob("vault-v*/"))
    assert [f.name for f in fixtures] == [f"vault-v{n}" for n in sorted(passphrases)]
    for fixture in fixtures:
        version = int(fixture.name.removeprefix("vault-v"))
        folder = tmp_path / fixture.name
        shutil.copytree(fixture, folder)
        secret = f"fixture passphrase for schema {passphrases[version]}"
        data_key = Vault.read_key_slots(folder).unwrap_with_passphrase(secret)
        conn = sqlcipher.connect_existing(folder / "took-home.db", data_key)
        try:
            assert migrations.schema_version(conn) == version
        finally:
            conn.close()
