"""Settings' Reminders section: each choice is saved at once; starting at login is the file."""

from __future__ import annotations

import json
import os
from datetime import time
from pathlib import Path

import pytest
from PySide6.QtCore import QTime
from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QCheckBox
from pytestqt.qtbot import QtBot

from tests.ui.conftest import unlock
from wellbeing_app.services.autostart import autostart_file
from wellbeing_app.services.preferences import PREFERENCES_FILE, load_preferences
from wellbeing_app.ui.main_window import SETTINGS, MainWindow
from wellbeing_app.ui.reminders_section import LOCKED_FILE, NO_TRAY, RemindersSection


def _section(qtbot: QtBot, window: MainWindow) -> RemindersSection:
    unlock(qtbot, window)
    window.show_page(SETTINGS)
    page = window.settings_page
    assert page is not None
    return page.reminders  # type: ignore[attr-defined, no-any-return]


def test_every_choice_is_saved_at_once(
    qtbot: QtBot, make_window, existing_vault: str, data_dir: Path
) -> None:
    section = _section(qtbot, make_window())
    assert section.end_of_shift.isChecked() and not section.when_locked.isChecked()
    assert section.minutes_after.value() == 30
    assert not section.quiet_from.isEnabled()
    section.minutes_after.setValue(45)
    section.quiet_hours.setChecked(True)
    assert section.quiet_from.isEnabled() and section.quiet_until.isEnabled()
    section.quiet_from.setTime(QTime(23, 15))
    section.quiet_until.setTime(QTime(6, 30))
    section.follow_ups.setChecked(True)
    section.keep_in_tray.setChecked(True)
    saved = load_preferences(data_dir)
    assert saved.keep_in_tray
    reminders = saved.reminders
    assert reminders.minutes_after == 45 and reminders.quiet_hours and reminders.follow_ups
    assert (reminders.quiet_from, reminders.quiet_until) == (time(23, 15), time(6, 30))
    section.end_of_shift.setChecked(False)
    assert not section.minutes_after.isEnabled()
    assert not load_preferences(data_dir).reminders.end_of_shift
    stored = json.loads((data_dir / PREFERENCES_FILE).read_text())
    assert stored["reminders"]["quiet_from"] == "23:15"


def test_remind_when_locked_says_what_the_file_reveals(
    qtbot: QtBot, make_window, existing_vault: str, data_dir: Path
) -> None:
    section = _section(qtbot, make_window())
    assert section.locked_file.text() == LOCKED_FILE
    assert "shift times only" in LOCKED_FILE and "nothing you wrote" in LOCKED_FILE
    section.when_locked.setChecked(True)
    assert load_preferences(data_dir).reminders.when_locked


def test_start_at_login_writes_and_removes_the_autostart_entry(
    qtbot: QtBot, make_window, existing_vault: str, data_dir: Path
) -> None:
    entry = autostart_file()
    assert entry.is_relative_to(Path(os.environ["XDG_CONFIG_HOME"]))
    section = _section(qtbot, make_window())
    assert not section.start_at_login.isChecked()
    section.start_at_login.setChecked(True)
    assert entry.is_file() and str(data_dir) in entry.read_text()
    assert section.login_notice.text() == "Took Home will start, locked, when you log in."
    section.start_at_login.setChecked(False)
    assert not entry.exists()


def test_start_at_login_shows_the_entry_as_it_is_and_a_failure_plainly(
    qtbot: QtBot, make_window, existing_vault: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config"
    config.write_text("a file where the config folder should be")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    section = _section(qtbot, make_window())
    section.start_at_login.setChecked(True)
    assert not section.start_at_login.isChecked()
    assert section.login_notice.text().startswith("That could not be changed (")


def test_a_desktop_without_a_tray_is_told_so(
    qtbot: QtBot, make_window, existing_vault: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    section = _section(qtbot, make_window())
    assert section.no_tray.text() == NO_TRAY  # offscreen has no tray


def test_every_control_has_a_name(qtbot: QtBot, make_window, existing_vault: str) -> None:
    section = _section(qtbot, make_window())
    buttons = section.findChildren(QAbstractButton)
    spins = section.findChildren(QAbstractSpinBox)
    assert len(buttons) >= 6 and len(spins) == 3
    for control in [*buttons, *spins]:
        named = control.accessibleName() or (isinstance(control, QCheckBox) and control.text())
        assert named, control


def test_tab_goes_through_the_section_in_reading_order(
    qtbot: QtBot, make_window, existing_vault: str
) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from tests.ui.conftest import press

    window = make_window()
    section = _section(qtbot, window)
    section.quiet_hours.setChecked(True)
    expected = [
        section.minutes_after,
        section.quiet_hours,
        section.quiet_from,
        section.quiet_until,
        section.follow_ups,
        section.when_locked,
        section.keep_in_tray,
        section.start_at_login,
    ]
    section.end_of_shift.setFocus()
    seen: list[object] = []
    for _ in range(2 * len(expected)):  # Tab also steps from hours to minutes in a time
        press(window, Qt.Key.Key_Tab)
        focused = QApplication.focusWidget()
        while focused is not None and focused not in expected and focused is not section:
            focused = focused.parentWidget()  # a spin box's own line edit
        if not seen or seen[-1] is not focused:
            seen.append(focused)
    assert seen[: len(expected)] == expected
