"""Backups and restore in the app, the damaged-vault rescue, and the event log."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.support import FAST_KDF, PASSPHRASE, sentinel_hits
from tests.ui.conftest import ScriptedPrompts, unlock
from wellbeing_app import paths
from wellbeing_app.domain.checkin import CheckIn
from wellbeing_app.event_log import EVENTS
from wellbeing_app.services.backups import list_backups
from wellbeing_app.storage import restoring
from wellbeing_app.storage.backup import write_backup
from wellbeing_app.storage.repository import CheckInRepository
from wellbeing_app.storage.vault import Vault

SENTINEL = "NUMBAT-SESSION-SENTINEL-64"


def _fill(folder: Path, moods: list[int]) -> None:
    vault, _ = Vault.create(folder, PASSPHRASE, kdf=FAST_KDF)
    CheckInRepository(vault).add_many(
        [CheckIn(date=date(2026, 11, day), mood=mood) for day, mood in enumerate(moods, 1)]
    )
    vault.lock()


def test_a_backup_is_made_on_unlock_once_a_day(
    qtbot: QtBot, make_window, existing_vault: str, data_dir: Path
) -> None:
    window = make_window()
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: len(list_backups(data_dir)) == 1, timeout=5_000)
    window.lock()
    unlock(qtbot, window)
    qtbot.wait(50)
    assert len(list_backups(data_dir)) == 1
    assert window.settings_page is not None
    assert "Last automatic backup" in window.settings_page.last_backup.text()


def test_back_up_now_writes_where_chosen(
    qtbot: QtBot, make_window, existing_vault: str, prompts: ScriptedPrompts, tmp_path: Path
) -> None:
    window = make_window()
    unlock(qtbot, window)
    prompts.save_answer = tmp_path / "chosen.thbackup"
    assert window.settings_page is not None
    qtbot.mouseClick(window.settings_page.backup_button, Qt.MouseButton.LeftButton)
    assert prompts.save_answer.exists()
    assert "encrypted" in window.settings_page.backup_notice.text()


def test_restore_says_what_it_replaces_then_swaps_the_vault(
    qtbot: QtBot, make_window, data_dir: Path, prompts: ScriptedPrompts, tmp_path: Path
) -> None:
    _fill(data_dir, [2, 3])
    backup = tmp_path / "two.thbackup"
    with Vault.open(data_dir, PASSPHRASE) as vault:
        write_backup(vault, backup)
        CheckInRepository(vault).add(CheckIn(date=date(2026, 11, 3), mood=5))
    window = make_window()
    unlock(qtbot, window)
    assert window.settings_page is not None
    prompts.open_answer = backup
    prompts.confirm_answer = False
    qtbot.mouseClick(window.settings_page.restore_button, Qt.MouseButton.LeftButton)
    assert window.is_unlocked  # "Cancel": nothing happens
    confirm = [q for q in prompts.asked if q.startswith("confirm: Restore")][-1]
    assert "holds 3 check-ins" in confirm and "holds 2" in confirm
    prompts.confirm_answer = True
    qtbot.mouseClick(window.settings_page.restore_button, Qt.MouseButton.LeftButton)
    assert not window.is_unlocked
    assert "Restored" in window.unlock_screen.message.text()
    (kept,) = restoring.kept_aside(data_dir)
    assert (data_dir / kept.database_name).exists()
    assert not list(data_dir.glob(restoring.CHECKING_PREFIX + "*"))  # the cancelled check too
    unlock(qtbot, window)
    assert window.session is not None
    assert CheckInRepository(window.session.vault).count() == 2


def test_a_damaged_vault_offers_the_newest_good_backup(
    qtbot: QtBot, make_window, data_dir: Path
) -> None:
    _fill(data_dir, [1, 2, 4])
    with Vault.open(data_dir, PASSPHRASE) as vault:
        from wellbeing_app.services.backups import backup_now

        backup_now(vault)
    (data_dir / paths.DATABASE_NAME).write_bytes(b"")  # emptied by something outside the app
    window = make_window()
    screen = window.unlock_screen
    assert "damaged" in screen.message.text() and "There is a backup from" in screen.message.text()
    assert screen.restore_button.isVisible()
    qtbot.keyClicks(screen.field, PASSPHRASE)
    qtbot.mouseClick(screen.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.is_unlocked, timeout=10_000)
    assert window.session is not None
    assert CheckInRepository(window.session.vault).count() == 3


def test_the_event_log_holds_events_only(
    qtbot: QtBot, make_window, existing_vault: str, data_dir: Path
) -> None:
    window = make_window()
    unlock(qtbot, window)
    form = window.checkin_page
    assert form is not None
    form.scales["mood"].setValue(3)
    form.took_home.setPlainText(f"a reflection with {SENTINEL}")
    form.tags.setText(SENTINEL[:20])
    assert form.save() is not None
    window.lock()
    log = data_dir / "logs" / "events.log"
    assert log.stat().st_mode & 0o777 == 0o600
    assert (data_dir / "logs").stat().st_mode & 0o777 == 0o700
    lines = log.read_text(encoding="utf-8").splitlines()
    assert any("check-in saved" in line for line in lines)
    assert any("locked: button" in line for line in lines)
    for line in lines:
        event = line.split(" ", 1)[1].split(" (")[0]
        assert event in EVENTS, line
    assert sentinel_hits(data_dir / "logs", SENTINEL) == []


def test_a_plain_export_warns_first_and_goes_only_where_chosen(
    qtbot: QtBot,
    make_window,
    existing_vault: str,
    prompts: ScriptedPrompts,
    tmp_path: Path,
    data_dir: Path,
) -> None:
    window = make_window()
    unlock(qtbot, window)
    assert window.settings_page is not None
    prompts.confirm_answer = False
    qtbot.mouseClick(window.settings_page.export_button, Qt.MouseButton.LeftButton)
    assert any("NOT encrypted" in q for q in prompts.asked)
    assert not any(q.startswith("save:") for q in prompts.asked)  # declined: no dialog
    prompts.confirm_answer = True
    prompts.save_answer = tmp_path / "mine.csv"
    qtbot.mouseClick(window.settings_page.export_button, Qt.MouseButton.LeftButton)
    assert prompts.save_answer.read_text(encoding="utf-8").startswith("id,date,")
    assert prompts.save_answer.stat().st_mode & 0o777 == 0o600
    assert not any(p.suffix in (".csv", ".json") for p in data_dir.rglob("*"))


def test_export_warns_then_writes_a_private_file_where_chosen(
    qtbot: QtBot, make_window, data_dir: Path, prompts: ScriptedPrompts, tmp_path: Path
) -> None:
    import json
    import stat

    _fill(data_dir, [3, 4, 2])
    window = make_window()
    unlock(qtbot, window)
    assert window.settings_page is not None
    prompts.confirm_answer = False
    prompts.save_answer = tmp_path / "mine.json"
    qtbot.mouseClick(window.settings_page.export_button, Qt.MouseButton.LeftButton)
    assert "NOT encrypted" in prompts.asked[-1] and not prompts.save_answer.exists()

    prompts.confirm_answer = True
    qtbot.mouseClick(window.settings_page.export_button, Qt.MouseButton.LeftButton)
    written = json.loads(prompts.save_answer.read_text(encoding="utf-8"))
    assert [c["mood"] for c in written["checkins"]] == [3, 4, 2]
    assert stat.S_IMODE(prompts.save_answer.stat().st_mode) == 0o600
    assert "Exported 3 check-ins" in window.settings_page.backup_notice.text()

    # A name ending .csv gets CSV; a name without .json or .csv becomes .json.
    prompts.save_answer = tmp_path / "mine.csv"
    qtbot.mouseClick(window.settings_page.export_button, Qt.MouseButton.LeftButton)
    assert prompts.save_answer.read_text(encoding="utf-8").splitlines()[0].startswith("id,")
    prompts.save_answer = tmp_path / "plain"
    qtbot.mouseClick(window.settings_page.export_button, Qt.MouseButton.LeftButton)
    assert json.loads((tmp_path / "plain.json").read_text(encoding="utf-8"))["checkins"]
