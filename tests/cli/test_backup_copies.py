"""``backup --to-folder``, ``check`` listing kept-aside vaults, and the data folder note."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from tests.support import FAST_KDF, PASSPHRASE, CliResult, sentinel_hits, snapshot
from wellbeing_app import paths
from wellbeing_app.domain.checkin import CheckIn
from wellbeing_app.domain.synthetic import synthetic_checkins
from wellbeing_app.services.backups import backups_in, list_backups
from wellbeing_app.storage import restoring
from wellbeing_app.storage.backup import verify_backup_file
from wellbeing_app.storage.repository import CheckInRepository
from wellbeing_app.storage.vault import Vault

Run = Callable[..., CliResult]
LINE = PASSPHRASE + "\n"
SENTINEL = "POTOROO-CLI-COPY-SENTINEL-05"


@pytest.fixture
def filled(data_dir: Path) -> Path:
    vault, _recovery = Vault.create(data_dir, PASSPHRASE, kdf=FAST_KDF)
    checkins = synthetic_checkins(30, end=date(2026, 11, 20), seed=8)
    checkins.append(
        CheckIn(date=date(2026, 11, 21), mood=4, took_home=SENTINEL, tags=(SENTINEL[:20],))
    )
    CheckInRepository(vault).add_many(checkins)
    vault.lock()
    return data_dir


def _data_key(folder: Path) -> bytes:
    with Vault.open(folder, PASSPHRASE) as vault:
        return vault.data_key()


def test_backup_to_folder_leaves_a_proven_copy_of_todays_backup(
    run_cli: Run, filled: Path, tmp_path: Path
) -> None:
    stick = tmp_path / "STICK"
    stick.mkdir()
    (stick / "photos").mkdir()  # the stick holds other things of the user's
    result = run_cli("backup", "--to-folder", str(stick), "--passphrase-stdin", stdin=LINE)
    assert result.code == 0, result.stderr
    assert result.stderr == ""  # the data folder is private: no note
    (made,) = list_backups(filled)
    (copy,) = backups_in(stick)
    assert copy.path.name == made.path.name
    assert copy.path.read_bytes() == made.path.read_bytes()
    assert copy.path.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in stick.iterdir()) == sorted([made.path.name, "photos"])
    assert str(copy.path) in result.stdout and "read back and checked" in result.stdout
    assert verify_backup_file(copy.path, _data_key(filled)).checkins == 31
    assert sentinel_hits(stick, SENTINEL) == []

    # Again the same day: the stick is rotated like the backups (one a day is kept).
    again = run_cli("backup", "--to-folder", str(stick), "--passphrase-stdin", stdin=LINE)
    assert again.code == 0, again.stderr
    (newest,) = list_backups(filled)
    (copy,) = backups_in(stick)
    assert copy.path.name == newest.path.name
    assert copy.path.read_bytes() == newest.path.read_bytes()


def test_backup_to_a_missing_folder_is_one_line_and_copies_nothing(
    run_cli: Run, filled: Path, tmp_path: Path
) -> None:
    stick = tmp_path / "media" / "STICK"
    before = snapshot(filled)
    result = run_cli("backup", "--to-folder", str(stick), "--passphrase-stdin", stdin=LINE)
    assert result.code == 1
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr
    assert "not there" in result.stderr and "nothing was copied" in result.stderr
    assert not stick.exists() and not stick.parent.exists()  # never made on the local disk
    assert snapshot(filled) == before  # not even a backup in the data folder


def test_a_folder_that_cannot_take_the_copy_is_one_line_and_leaves_nothing_behind(
    run_cli: Run, filled: Path, tmp_path: Path
) -> None:
    stick = tmp_path / "STICK"
    stick.mkdir()
    # Every name the backup can get in the next minute is taken by a folder on the stick.
    start = datetime.now(UTC)
    for second in range(-2, 60):
        (stick / f"took-home-{start + timedelta(seconds=second):%Y%m%d-%H%M%S}.thbackup").mkdir()
    before = snapshot(stick)
    result = run_cli("backup", "--to-folder", str(stick), "--passphrase-stdin", stdin=LINE)
    assert result.code == 1, result.stderr
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr
    assert f"cannot copy to {stick}" in result.stderr
    assert snapshot(stick) == before
    assert sorted(p.name for p in stick.iterdir() if not p.is_dir()) == []  # no temp file
    (made,) = list_backups(filled)  # the backup itself was made, in the data folder
    assert verify_backup_file(made.path, _data_key(filled)).checkins == 31


def test_backup_takes_either_a_file_or_a_folder_not_both(
    run_cli: Run, filled: Path, tmp_path: Path
) -> None:
    stick = tmp_path / "STICK"
    stick.mkdir()
    out = tmp_path / "out.thbackup"
    before = snapshot(filled)
    result = run_cli(
        "backup", "-o", str(out), "--to-folder", str(stick), "--passphrase-stdin", stdin=LINE
    )
    assert result.code == 2
    assert "not allowed with" in result.stderr and "Traceback" not in result.stderr
    assert not out.exists() and list(stick.iterdir()) == []
    assert snapshot(filled) == before
    neither = run_cli("backup", "--passphrase-stdin", stdin=LINE)
    assert neither.code == 2 and "Traceback" not in neither.stderr


def test_check_lists_what_a_restore_kept_aside(run_cli: Run, filled: Path, tmp_path: Path) -> None:
    backup = tmp_path / "b.thbackup"
    assert run_cli("backup", "-o", str(backup), "--passphrase-stdin", stdin=LINE).code == 0
    before = run_cli("check", "--passphrase-stdin", stdin=LINE)
    assert before.code == 0, before.stderr
    assert "kept aside" not in before.stdout

    restored = run_cli("restore", str(backup), "--replace", "--passphrase-stdin", stdin=LINE)
    assert restored.code == 0, restored.stderr
    (kept,) = restoring.kept_aside(filled)
    result = run_cli("check", "--passphrase-stdin", stdin=LINE)
    assert result.code == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if "kept aside" in line]
    assert len(lines) == 1
    assert f"kept aside by a restore: {kept.database_name} and its key file" in lines[0]
    assert f"({kept.size / (1024 * 1024):.1f} MB)" in lines[0]
    assert "Settings" in lines[0]

    # A second restore keeps a second set aside; check names both.
    again = run_cli("restore", str(backup), "--replace", "--passphrase-stdin", stdin=LINE)
    assert again.code == 0, again.stderr
    sets = restoring.kept_aside(filled)
    assert len(sets) == 2
    result = run_cli("check", "--passphrase-stdin", stdin=LINE)
    listed = [line for line in result.stdout.splitlines() if "kept aside" in line]
    assert [kept.database_name in line for kept, line in zip(sets, listed, strict=True)] == [
        True,
        True,
    ]


@pytest.mark.parametrize(
    ("args", "needs_stick"),
    [(("check",), False), (("backup", "--to-folder"), True)],
)
def test_a_data_folder_others_can_read_gets_a_note_and_keeps_its_mode(
    run_cli: Run, filled: Path, tmp_path: Path, args: tuple[str, ...], needs_stick: bool
) -> None:
    os.chmod(filled, 0o755)
    stick = tmp_path / "STICK"
    extra = []
    if needs_stick:
        stick.mkdir()
        extra.append(str(stick))
    result = run_cli(*args, *extra, "--passphrase-stdin", stdin=LINE)
    assert result.code == 0, result.stderr
    notes = [
        line for line in result.stderr.splitlines() if line.startswith("wellbeing-app: note: ")
    ]
    assert len(notes) == 1, result.stderr
    assert "other people on this computer can look inside" in notes[0]
    assert f"chmod 700 '{filled}'" in notes[0] and "755" in notes[0]
    assert filled.stat().st_mode & 0o777 == 0o755  # said, never changed behind the user's back
    assert (filled / paths.DATABASE_NAME).stat().st_mode & 0o777 == 0o600
    if needs_stick:
        assert len(backups_in(stick)) == 1  # the note is a note: the command still did its work


def test_to_folder_refuses_a_folder_inside_the_data_folder(
    run_cli: Run, data_dir: Path, tmp_path: Path
) -> None:
    Vault.create(data_dir, PASSPHRASE, kdf=FAST_KDF)[0].lock()
    inside = data_dir / "copies"
    inside.mkdir()
    before = snapshot(data_dir)
    result = run_cli("backup", "--to-folder", str(inside), "--passphrase-stdin", stdin=LINE)
    assert result.code == 2, result.stderr
    assert "inside your data folder" in result.stderr and "Traceback" not in result.stderr
    assert snapshot(data_dir) == before
