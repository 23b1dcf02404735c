"""Self-checks kept in the vault: saved, read back, half-done, exported, imported, migrated."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from tests.support import FAST_KDF, PASSPHRASE, REPO_ROOT, sentinel_hits
from wellbeing_app.domain.file_formats import ExportFormat
from wellbeing_app.domain.interchange import ImportRejected, checkins_to_json, read_json
from wellbeing_app.domain.selfchecks import InvalidSelfCheck, SelfCheck, selfcheck_to_record
from wellbeing_app.services.backups import backup_if_due
from wellbeing_app.services.import_export import ImportSource, import_source
from wellbeing_app.services.session import Session
from wellbeing_app.storage import migrations
from wellbeing_app.storage.backup import restore_backup
from wellbeing_app.storage.vault import Vault

FIXTURES = REPO_ROOT / "tests" / "fixtures"
FIXTURE_SECRETS = {1: "one", 2: "two", 4: "four"}
PHQ9 = SelfCheck(date(2026, 11, 2), "phq9", (1, 2, 0, 3, 1, 0, 2, 1, 0), difficulty=1)
GAD7 = SelfCheck(date(2026, 11, 9), "gad7", (0, 1, 1, 0, 2, 0, 1))


def test_saved_self_checks_come_back_in_order_and_the_half_done_one_goes(vault: Vault) -> None:
    session = Session(vault)
    session.save_selfcheck_draft("gad7", [1, None, 2])
    assert session.load_selfcheck_draft() == ("gad7", [1, None, 2, None, None, None, None])
    session.save_selfcheck(GAD7)
    session.save_selfcheck(PHQ9)
    assert session.selfchecks() == [PHQ9, GAD7]
    assert session.selfchecks("gad7") == [GAD7]
    assert session.load_selfcheck_draft() is None  # finished: the half-done one is gone
    assert session.selfcheck_count() == 2


def test_a_wrong_number_of_answers_is_never_saved(vault: Vault) -> None:
    with pytest.raises(InvalidSelfCheck):
        Session(vault).save_selfcheck(SelfCheck(date(2026, 11, 2), "gad7", (1, 2)))
    assert Session(vault).selfchecks() == []


def test_self_checks_are_encrypted_and_carried_by_a_backup(vault: Vault, tmp_path: Path) -> None:
    Session(vault).save_selfcheck(PHQ9)
    vault.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert sentinel_hits(vault.folder, "phq9") == []
    made = backup_if_due(vault)
    assert made is not None
    restore_backup(made.path, tmp_path / "copy", secret=PASSPHRASE)
    with Session.open(tmp_path / "copy", PASSPHRASE) as copy:
        assert copy.selfchecks() == [PHQ9]


def test_export_writes_version_2_with_computed_scores_and_import_recomputes_them(
    vault: Vault, tmp_path: Path
) -> None:
    session = Session(vault)
    session.save_selfcheck(PHQ9)
    target = tmp_path / "mine.json"
    session.export_to(target, ExportFormat.JSON)
    document = json.loads(target.read_text("utf-8"))
    assert document["version"] == 2
    (record,) = document["selfchecks"]
    assert list(record) == ["id", "date", "instrument", "answers", "difficulty", "scores"]
    assert record["scores"] == {"total": 10}
    record["scores"] = {"total": 99}  # read-only: an import ignores it
    target.write_text(json.dumps(document), "utf-8")
    other, _ = Session.create(tmp_path / "other", PASSPHRASE, kdf=FAST_KDF)
    with other, ImportSource(target) as source:
        import_source(other.vault, source)
        (back,) = other.selfchecks()
        assert back == PHQ9 and back.scores == {"total": 10}


def test_a_version_1_file_still_imports() -> None:
    text = checkins_to_json([]).replace('"version": 2', '"version": 1')
    stream = read_json([text.encode()])
    assert list(stream.checkins()) == [] and stream.selfchecks == []


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"answers": [1, 2]}, "answers"),
        ({"answers": [0, 1, 2, 3, 4, 0, 0, 0, 0]}, "answers"),
        ({"instrument": "phq10"}, "instrument"),
        ({"difficulty": 7}, "difficulty"),
    ],
)
def test_bad_self_checks_are_refused_by_index_and_field(change: dict, field: str) -> None:  # type: ignore[type-arg]
    good = selfcheck_to_record(GAD7)
    bad = {**selfcheck_to_record(PHQ9), **change}
    text = checkins_to_json([])[:-3] + f',\n  "selfchecks": {json.dumps([good, bad])}\n}}\n'
    stream = read_json([text.encode()])
    with pytest.raises(ImportRejected) as refused:
        list(stream.checkins())
    lines = refused.value.lines()
    assert lines and all(line.startswith("selfcheck 1: ") for line in lines)
    assert any(line.startswith(f"selfcheck 1: {field}") for line in lines), lines


@pytest.mark.parametrize("version", sorted(FIXTURE_SECRETS))
def test_every_earlier_vault_migrates_and_takes_self_checks(version: int, tmp_path: Path) -> None:
    folder = tmp_path / f"v{version}"
    shutil.copytree(FIXTURES / f"vault-v{version}", folder)
    with Session.open(folder, f"fixture passphrase for schema {FIXTURE_SECRETS[version]}") as s:
        assert migrations.schema_version(s.vault.connection) == migrations.LATEST_VERSION
        before = s.count()
        s.save_selfcheck(GAD7)
        assert s.selfchecks() == [GAD7] and s.count() == before and s.check().ok
