"""Settings: copies of the backups in a second folder, vaults kept aside, the folder note.

Everything is driven as a person would: the lock screen, the Settings
buttons, and the answers a person gives in the folder and confirm dialogs
(``ScriptedPrompts``). No pop-up may appear for a missing USB stick.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from tests.support import FAST_KDF, PASSPHRASE, sentinel_hits, snapshot
from tests.ui.conftest import ScriptedPrompts, unlock
from wellbeing_app import paths
from wellbeing_app.domain.checkin import CheckIn
from wellbeing_app.services.backups import backups_in, list_backups
from wellbeing_app.services.preferences import load_preferences, save_preferences
from wellbeing_app.storage import restoring
from wellbeing_app.storage.backup import restore_backup, verify_backup_file, write_backup
from wellbeing_app.storage.repository import CheckInRepository
from wellbeing_app.storage.vault import Vault
from wellbeing_app.ui.main_window import MainWindow
from wellbeing_app.ui.settings_page import SettingsPage

SENTINEL = "QUOLL-SETTINGS-COPY-SENTINEL-19"
MakeWindow = Callable[..., MainWindow]


@pytest.fixture
def journal(data_dir: Path) -> Path:
    """A locked vault holding a few days, one with the sentinel in it."""
    vault, _ = Vault.create(data_dir, PASSPHRASE, kdf=FAST_KDF)
    CheckInRepository(vault).add_many(
        [
            CheckIn(date=date(2026, 11, 1), mood=2),
            CheckIn(date=date(2026, 11, 2), mood=4, took_home=SENTINEL, tags=(SENTINEL[:20],)),
        ]
    )
    vault.lock()
    return data_dir


@pytest.fixture
def data_key(journal: Path) -> bytes:
    """The journal's data key, read before the app opens it (the copies are proven with it)."""
    with Vault.open(journal, PASSPHRASE) as vault:
        return vault.data_key()


def _choose_copy_folder(folder: Path, directory: str) -> None:
    """What choosing a folder in an earlier session left in the preferences."""
    prefs = load_preferences(folder)
    save_preferences(folder, replace(prefs, backup_copy_folder=directory))


def _settings(window: MainWindow) -> SettingsPage:
    page = window.settings_page
    assert page is not None
    return page


def _job_done(window: MainWindow) -> bool:
    return window._backup_task is None  # noqa: SLF001 - no thread may outlive the test


def _unlock_and_settle(qtbot: QtBot, window: MainWindow, data_dir: Path) -> None:
    """Unlock, then wait for the day's backup job (made on a worker thread) to finish."""
    unlock(qtbot, window)
    assert window.is_unlocked
    qtbot.waitUntil(lambda: bool(list_backups(data_dir)) and _job_done(window), timeout=10_000)
    qtbot.wait(20)  # the job's result reaches the page through a queued signal
    qtbot.waitUntil(lambda: _job_done(window), timeout=10_000)


def _click(qtbot: QtBot, button: QWidget) -> None:
    """A left click, as a person makes it."""
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # type: ignore[no-untyped-call]


def _no_pop_ups() -> None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog):
            assert not widget.isVisible(), f"a dialog was shown: {widget.windowTitle()}"


def test_choosing_a_folder_copies_the_backup_there_at_once(
    qtbot: QtBot,
    make_window: MakeWindow,
    journal: Path,
    data_key: bytes,
    prompts: ScriptedPrompts,
    tmp_path: Path,
) -> None:
    stick = tmp_path / "STICK"
    stick.mkdir()
    window = make_window()
    _unlock_and_settle(qtbot, window, journal)
    page = _settings(window)
    assert "You can also copy" in page.copy_status.text()
    assert page.stop_copy_button.isHidden()
    assert backups_in(stick) == []

    _click(qtbot, page.copy_button)  # the folder dialog is cancelled: nothing changes
    assert prompts.asked == ["folder: Choose a folder for copies of your backups"]
    assert load_preferences(journal).backup_copy_folder == ""
    assert "You can also copy" in page.copy_status.text() and page.stop_copy_button.isHidden()

    prompts.folder_answer = stick
    _click(qtbot, page.copy_button)
    assert prompts.asked == ["folder: Choose a folder for copies of your backups"] * 2
    qtbot.waitUntil(lambda: "newest copy there is from" in page.copy_status.text(), timeout=10_000)
    qtbot.waitUntil(lambda: _job_done(window), timeout=10_000)

    (made,) = list_backups(journal)
    (copy,) = backups_in(stick)
    assert copy.path.name == made.path.name
    assert copy.path.read_bytes() == made.path.read_bytes()
    assert copy.path.stat().st_mode & 0o777 == 0o600
    assert verify_backup_file(copy.path, data_key).checkins == 2
    assert sentinel_hits(stick, SENTINEL) == []
    assert f"also copied to {stick}" in page.copy_status.text()
    assert "checked after copying" in page.copy_status.text()
    assert load_preferences(journal).backup_copy_folder == str(stick)
    assert not page.stop_copy_button.isHidden()
    assert page.copy_button.text() == "Copy backups to a different folder\u2026"
    _no_pop_ups()


def test_an_unplugged_stick_is_said_calmly_and_gets_its_copy_once_plugged_in(
    qtbot: QtBot, make_window: MakeWindow, journal: Path, prompts: ScriptedPrompts, tmp_path: Path
) -> None:
    stick = tmp_path / "media" / "STICK"
    _choose_copy_folder(journal, str(stick))
    window = make_window()
    _unlock_and_settle(qtbot, window, journal)
    page = _settings(window)
    qtbot.waitUntil(lambda: "Just now" in page.copy_status.text(), timeout=10_000)
    status = page.copy_status.text()
    assert "is not there just now (is the drive plugged in?)" in status
    assert "copied there next time" in status
    assert prompts.asked == []  # no question, no pop-up
    _no_pop_ups()
    assert not stick.exists() and not stick.parent.exists()
    assert page.backup_notice.isHidden()  # said in its own quiet line only
    assert load_preferences(journal).backup_copy_folder == str(stick)  # kept for next time

    stick.mkdir(parents=True)  # plugged in
    window.lock()
    _unlock_and_settle(qtbot, window, journal)
    page = _settings(window)
    qtbot.waitUntil(lambda: backups_in(stick) != [], timeout=10_000)
    qtbot.waitUntil(lambda: "newest copy there is from" in page.copy_status.text(), timeout=10_000)
    (made,) = list_backups(journal)  # no second backup that day: the same one, copied
    (copy,) = backups_in(stick)
    assert copy.path.read_bytes() == made.path.read_bytes()
    assert sentinel_hits(stick, SENTINEL) == []
    assert prompts.asked == []


def test_stop_copying_forgets_the_folder_and_copies_no_more(
    qtbot: QtBot, make_window: MakeWindow, journal: Path, prompts: ScriptedPrompts, tmp_path: Path
) -> None:
    stick = tmp_path / "STICK"
    stick.mkdir()
    _choose_copy_folder(journal, str(stick))
    window = make_window()
    _unlock_and_settle(qtbot, window, journal)
    qtbot.waitUntil(lambda: backups_in(stick) != [], timeout=10_000)
    page = _settings(window)
    assert not page.stop_copy_button.isHidden()
    _click(qtbot, page.stop_copy_button)
    assert load_preferences(journal).backup_copy_folder == ""
    assert "You can also copy" in page.copy_status.text()
    assert page.stop_copy_button.isHidden()
    assert page.copy_button.text() == "Also copy backups to\u2026"
    copies_before = snapshot(stick)
    assert len(copies_before) == 1  # the copies already made stay where they are

    # A day goes by: yesterday's backup is there, and today's is due at the next unlock.
    (made,) = list_backups(journal)
    yesterday = made.made_at - timedelta(days=1)
    made.path.rename(made.path.with_name(f"took-home-{yesterday:%Y%m%d-%H%M%S}.thbackup"))
    window.lock()
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: len(list_backups(journal)) == 2 and _job_done(window), timeout=10_000)
    qtbot.wait(20)
    assert snapshot(stick) == copies_before  # today's backup was not copied
    assert "You can also copy" in _settings(window).copy_status.text()
    assert prompts.asked == []


@pytest.mark.parametrize("inside", ["", "backups", "copies/usb"])
def test_a_folder_inside_the_data_folder_is_refused(
    qtbot: QtBot,
    make_window: MakeWindow,
    journal: Path,
    prompts: ScriptedPrompts,
    inside: str,
) -> None:
    window = make_window()
    _unlock_and_settle(qtbot, window, journal)
    page = _settings(window)
    chosen = journal / inside if inside else journal
    chosen.mkdir(parents=True, exist_ok=True)
    before = snapshot(journal / "backups")
    prompts.folder_answer = chosen
    _click(qtbot, page.copy_button)
    assert not page.backup_notice.isHidden()
    assert "inside your data folder" in page.backup_notice.text()
    assert "USB stick" in page.backup_notice.text()
    assert load_preferences(journal).backup_copy_folder == ""
    assert "You can also copy" in page.copy_status.text()
    qtbot.wait(20)
    assert _job_done(window)  # no copy job was started
    assert snapshot(journal / "backups") == before
    if inside == "copies/usb":
        assert list(chosen.iterdir()) == []


def _restore_twice(folder: Path, tmp_path: Path) -> list[restoring.KeptAside]:
    """Two restores over the vault in ``folder``; each keeps the vault it replaced aside."""
    backup = tmp_path / "b.thbackup"
    with Vault.open(folder, PASSPHRASE) as vault:
        write_backup(vault, backup)
    restore_backup(backup, folder, secret=PASSPHRASE)
    with Vault.open(folder, PASSPHRASE) as vault:  # the vault changes between the two restores
        CheckInRepository(vault).add(CheckIn(date=date(2026, 11, 3), mood=5))
    restore_backup(backup, folder, secret=PASSPHRASE)
    sets = restoring.kept_aside(folder)
    assert len(sets) == 2 and all(len(kept.files) >= 2 for kept in sets)
    return sets


def test_kept_aside_vaults_are_listed_and_deleted_only_after_a_yes(
    qtbot: QtBot, make_window: MakeWindow, journal: Path, prompts: ScriptedPrompts, tmp_path: Path
) -> None:
    first, second = _restore_twice(journal, tmp_path)
    window = make_window()
    _unlock_and_settle(qtbot, window, journal)
    page = _settings(window)
    assert not page.kept_aside_heading.isHidden()
    assert len(page.kept_aside_labels) == 2 and len(page.kept_aside_buttons) == 2
    for label in page.kept_aside_labels:
        assert label.text().startswith("The vault as it was before the restore on ")
        assert label.text().endswith("KB)") or label.text().endswith("MB)")
    assert all(button.text() == "Delete\u2026" for button in page.kept_aside_buttons)

    prompts.confirm_answer = False  # "Cancel"
    _click(qtbot, page.kept_aside_buttons[0])
    (question,) = [q for q in prompts.asked if q.startswith("confirm:")]
    assert question.startswith("confirm: Delete the vault kept aside?")
    assert "is not touched" in question
    assert all(path.exists() for path in (*first.files, *second.files))
    assert len(page.kept_aside_labels) == 2

    prompts.confirm_answer = True
    _click(qtbot, page.kept_aside_buttons[0])
    assert not any(path.exists() for path in first.files)
    assert all(path.exists() for path in second.files)  # only the one asked about
    assert [kept.stamp for kept in restoring.kept_aside(journal)] == [second.stamp]
    assert len(page.kept_aside_labels) == 1 and len(page.kept_aside_buttons) == 1
    assert "was deleted" in page.backup_notice.text()

    _click(qtbot, page.kept_aside_buttons[0])
    assert restoring.kept_aside(journal) == []
    assert page.kept_aside_labels == [] and page.kept_aside_heading.isHidden()
    # The live vault is untouched by all this.
    window.lock()
    with Vault.open(journal, PASSPHRASE) as vault:
        assert CheckInRepository(vault).count() == 2
    assert (journal / paths.DATABASE_NAME).exists() and (journal / paths.KEY_FILE_NAME).exists()


def test_no_kept_aside_vaults_means_no_list(
    qtbot: QtBot, make_window: MakeWindow, journal: Path
) -> None:
    window = make_window()
    _unlock_and_settle(qtbot, window, journal)
    page = _settings(window)
    assert page.kept_aside_heading.isHidden()
    assert page.kept_aside_labels == [] and page.kept_aside_buttons == []


@pytest.mark.parametrize("mode", [0o755, 0o700])
def test_a_data_folder_others_can_read_gets_a_note_and_keeps_its_mode(
    qtbot: QtBot, make_window: MakeWindow, journal: Path, mode: int
) -> None:
    os.chmod(journal, mode)
    window = make_window()
    _unlock_and_settle(qtbot, window, journal)
    notice = _settings(window).folder_notice
    if mode == 0o755:
        assert not notice.isHidden()
        assert notice.text().startswith("Other people on this computer can look inside")
        assert f"chmod 700 '{journal}'" in notice.text()
    else:
        assert notice.isHidden() and notice.text() == ""
    window.lock()
    assert journal.stat().st_mode & 0o777 == mode  # said, never changed
