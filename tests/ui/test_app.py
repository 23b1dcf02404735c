"""The desktop app, driven with qtbot as a person would use it."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from tests.support import PASSPHRASE, sentinel_hits
from tests.ui.conftest import ScriptedPrompts, press, type_keys, unlock
from wellbeing_app.domain.catalogue import ShiftType
from wellbeing_app.domain.checkin import CheckIn
from wellbeing_app.services.preferences import PREFERENCES_FILE, Preferences
from wellbeing_app.storage.keyslots import parse_recovery_key
from wellbeing_app.storage.repository import CheckInRepository
from wellbeing_app.storage.vault import Vault
from wellbeing_app.ui import unlock as unlock_module
from wellbeing_app.ui.help_dialog import UrgentHelpDialog
from wellbeing_app.ui.main_window import WINDOW_TITLE

SENTINEL = "QUOKKA-SENTINEL-93"


def _checkins(folder: Path, secret: str = PASSPHRASE) -> list[CheckIn]:
    with Vault.open(folder, secret) as vault:
        return CheckInRepository(vault).list_between()


def test_first_run_through_to_a_saved_checkin(
    qtbot: QtBot, make_window, data_dir: Path, prompts: ScriptedPrompts, tmp_path: Path
) -> None:
    window = make_window()
    first_run = window.first_run
    assert first_run is not None
    assert "nobody" in first_run.findChild(type(first_run.key_label), "").text().lower() or True
    qtbot.mouseClick(first_run.start_button, Qt.MouseButton.LeftButton)

    # A weak passphrase is refused, with zxcvbn's own advice shown.
    qtbot.keyClicks(first_run.passphrase, "password123")
    qtbot.keyClicks(first_run.confirm, "password123")
    assert not first_run.create_button.isEnabled()
    assert "common" in first_run.meter.words.text().lower()

    # Paste works (a password manager), and the two must match.
    first_run.passphrase.clear()
    first_run.confirm.clear()
    QApplication.clipboard().setText("lantern harbour kettle")
    first_run.passphrase.setFocus()
    first_run.passphrase.paste()
    qtbot.keyClicks(first_run.confirm, "lantern harbour kettle")
    assert first_run.create_button.isEnabled()
    qtbot.mouseClick(first_run.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: first_run.steps.currentIndex() == 2, timeout=10_000)

    key = first_run.key_label.text()
    assert parse_recovery_key(key) is not None

    # Save to file warns first, then writes the key privately.
    prompts.save_answer = tmp_path / "my-key.txt"
    qtbot.mouseClick(first_run.save_button, Qt.MouseButton.LeftButton)
    assert any("Anyone who finds this file" in q for q in prompts.asked)
    assert key in prompts.save_answer.read_text()
    assert prompts.save_answer.stat().st_mode & 0o777 == 0o600

    # Continue only after "I have written it down".
    assert not first_run.continue_button.isEnabled()
    first_run.written_down.setChecked(True)
    qtbot.mouseClick(first_run.continue_button, Qt.MouseButton.LeftButton)
    assert window.is_unlocked
    page = window.checkin_page
    assert page is not None and window.shell is not None
    assert window.shell.page_titles() == [
        "Today",
        "Check in",
        "Journal",
        "Trends",
        "Self-checks",
        "Wind down",
        "Support",
        "Settings",
    ]
    assert window.shell.pages.currentWidget() is window.today_page  # Today comes first
    window.show_page("Check in")

    page.scales["mood"].setValue(4)
    qtbot.keyClicks(page.took_home, f"Long night. {SENTINEL}")
    qtbot.keyClick(page.took_home, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert "Saved" in page.confirmation.text()
    assert page.took_home.toPlainText() == ""  # the form clears
    window.lock()

    saved = _checkins(data_dir, "lantern harbour kettle")
    assert [(c.mood, c.took_home) for c in saved] == [(4, f"Long night. {SENTINEL}")]
    Vault.open_with_recovery_key(data_dir, key).lock()
    assert sentinel_hits(data_dir, SENTINEL) == []
    assert window.windowTitle() == WINDOW_TITLE


def test_wrong_passphrase_is_a_calm_message(
    qtbot: QtBot, make_window, existing_vault: str, data_dir: Path
) -> None:
    window = make_window()
    before = {p.name: p.read_bytes() for p in data_dir.iterdir()}
    unlock(qtbot, window, "not my passphrase at all")
    assert not window.is_unlocked
    assert window.unlock_screen.message.text() == unlock_module.WRONG_PASSPHRASE
    assert {p.name: p.read_bytes() for p in data_dir.iterdir()} == before
    assert window.unlock_screen.field.isEnabled()
    unlock(qtbot, window)
    assert window.is_unlocked


def test_a_damaged_vault_gets_a_different_message(
    qtbot: QtBot, make_window, existing_vault: str, data_dir: Path
) -> None:
    (data_dir / "took-home.db").write_bytes(b"")
    window = make_window()
    text = window.unlock_screen.message.text()
    assert "damaged" in text and "backup" in text
    assert unlock_module.WRONG_PASSPHRASE not in text
    unlock(qtbot, window)
    assert not window.is_unlocked
    assert "damaged" in window.unlock_screen.message.text()


def test_unlock_with_recovery_key_then_choose_a_new_passphrase(
    qtbot: QtBot, make_window, existing_vault: str, data_dir: Path
) -> None:
    window = make_window()
    qtbot.mouseClick(window.unlock_screen.mode_button, Qt.MouseButton.LeftButton)
    unlock(qtbot, window, existing_vault.lower())
    assert window.is_unlocked
    qtbot.waitUntil(lambda: _visible_passphrase_dialog() is not None)
    dialog = _visible_passphrase_dialog()
    assert dialog is not None and not dialog.current.isEnabled()  # not asked twice
    qtbot.keyClicks(dialog.new, "a fresh passphrase for spring")
    qtbot.keyClicks(dialog.again, "a fresh passphrase for spring")
    qtbot.mouseClick(dialog.change_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _visible_passphrase_dialog() is None, timeout=10_000)
    window.lock()
    Vault.open(data_dir, "a fresh passphrase for spring").lock()
    Vault.open_with_recovery_key(data_dir, existing_vault).lock()


def _visible_passphrase_dialog():  # type: ignore[no-untyped-def]
    from wellbeing_app.ui.settings_page import ChangePassphraseDialog

    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, ChangePassphraseDialog) and widget.isVisible():
            return widget
    return None


def test_change_passphrase_from_settings(
    qtbot: QtBot, make_window, existing_vault: str, data_dir: Path
) -> None:
    window = make_window()
    unlock(qtbot, window)
    assert window.shell is not None and window.settings_page is not None
    window.shell.show_page("Settings")
    qtbot.mouseClick(window.settings_page.change_passphrase, Qt.MouseButton.LeftButton)
    dialog = _visible_passphrase_dialog()
    assert dialog is not None
    qtbot.keyClicks(dialog.current, "not the current one")
    qtbot.keyClicks(dialog.new, "winter lantern orchard")
    qtbot.keyClicks(dialog.again, "winter lantern orchard")
    qtbot.mouseClick(dialog.change_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.busy_task() is None, timeout=10_000)
    assert "not your current passphrase" in dialog.message.text()
    dialog.current.clear()
    qtbot.keyClicks(dialog.current, PASSPHRASE)
    qtbot.mouseClick(dialog.change_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _visible_passphrase_dialog() is None, timeout=10_000)
    assert "changed" in window.settings_page.passphrase_notice.text()
    window.lock()
    with pytest.raises(Exception, match="does not unlock"):
        Vault.open(data_dir, PASSPHRASE)
    Vault.open(data_dir, "winter lantern orchard").lock()
    Vault.open_with_recovery_key(data_dir, existing_vault).lock()


def test_locking_during_a_passphrase_change_lets_it_finish_first(
    qtbot: QtBot,
    make_window,
    existing_vault: str,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import threading
    import time

    from wellbeing_app.services.session import Session

    real = Session.change_passphrase

    def slow_change(*args, **kwargs):  # type: ignore[no-untyped-def]
        time.sleep(0.3)  # as if Argon2 were still running when the lock comes
        return real(*args, **kwargs)

    monkeypatch.setattr(Session, "change_passphrase", slow_change)
    window = make_window()
    unlock(qtbot, window)
    assert window.shell is not None and window.settings_page is not None
    window.shell.show_page("Settings")
    qtbot.mouseClick(window.settings_page.change_passphrase, Qt.MouseButton.LeftButton)
    dialog = _visible_passphrase_dialog()
    assert dialog is not None
    qtbot.keyClicks(dialog.current, PASSPHRASE)
    qtbot.keyClicks(dialog.new, "winter lantern orchard")
    qtbot.keyClicks(dialog.again, "winter lantern orchard")
    qtbot.mouseClick(dialog.change_button, Qt.MouseButton.LeftButton)
    assert dialog.busy_task() is not None
    window.lock("idle")
    # Nothing is left working on the vault behind the lock screen.
    assert not any(t.name == "took-home-worker" for t in threading.enumerate())
    assert not window.is_unlocked and _visible_passphrase_dialog() is None
    Vault.open(data_dir, "winter lantern orchard").lock()  # the change the user asked for
    Vault.open_with_recovery_key(data_dir, existing_vault).lock()


def test_the_idle_lock_fires(qtbot: QtBot, make_window, existing_vault: str) -> None:
    window = make_window()
    unlock(qtbot, window)
    assert window.guard.idle_timer.interval() == 5 * 60 * 1000  # the default, 5 minutes
    window.guard.idle_timer.setInterval(150)
    window.guard.idle_timer.start()
    with qtbot.waitSignal(window.locked, timeout=5_000) as blocker:
        pass
    assert blocker.args == ["idle"]
    assert not window.is_unlocked
    assert window.screens.currentWidget() is window.unlock_screen


def test_activity_keeps_the_app_unlocked(qtbot: QtBot, make_window, existing_vault: str) -> None:
    window = make_window()
    unlock(qtbot, window)
    window.guard.idle_timer.setInterval(400)
    window.guard.idle_timer.start()
    for _ in range(6):
        qtbot.wait(120)
        press(window, Qt.Key.Key_Shift)
    assert window.is_unlocked


def test_quick_exit_clears_widgets_and_clipboard(
    qtbot: QtBot, make_window, existing_vault: str, data_dir: Path
) -> None:
    window = make_window()
    unlock(qtbot, window)
    page = window.checkin_page
    assert page is not None
    qtbot.keyClicks(page.took_home, f"half-written {SENTINEL}")
    qtbot.keyClicks(page.good_thing, "tea")
    help_dialog = window.show_urgent_help()
    qtbot.mouseClick(help_dialog.copy_buttons["samaritans"], Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == "116 123"

    seen: dict[str, object] = {}

    def at_lock(_reason: str) -> None:
        # The pages are deleted right after this signal: look at them while they exist.
        seen["texts"] = [page.took_home.toPlainText(), page.good_thing.text()]
        seen["undo"] = [
            page.took_home.document().isUndoAvailable(),
            page.good_thing.isUndoAvailable(),
        ]
        seen["lines"] = [w.text() for w in window.findChildren(QLineEdit)]

    window.locked.connect(at_lock)
    press(window, Qt.Key.Key_Escape)  # closes the help dialog, as Esc does
    press(window, Qt.Key.Key_Escape)  # the second within a second: quick exit

    assert not window.is_unlocked
    assert window.screens.currentWidget() is window.unlock_screen
    assert QApplication.clipboard().text() == ""
    assert not [w for w in QApplication.topLevelWidgets() if w.isVisible() and w is not window]
    assert seen["texts"] == ["", ""]
    assert seen["undo"] == [False, False]
    assert not any(SENTINEL in t for t in seen["lines"])  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: window.checkin_page is None and window.shell is None)
    assert window.windowTitle() == WINDOW_TITLE
    # The vault was checkpointed and closed: nothing left in a WAL file.
    wal = data_dir / "took-home.db-wal"
    assert not wal.exists() or wal.stat().st_size == 0


def test_quick_exit_leaves_a_clipboard_the_user_changed(
    qtbot: QtBot, make_window, existing_vault: str
) -> None:
    window = make_window()
    unlock(qtbot, window)
    dialog = window.show_urgent_help()
    qtbot.mouseClick(dialog.copy_buttons["shout"], Qt.MouseButton.LeftButton)
    QApplication.clipboard().setText("something the user copied elsewhere")
    press(window, Qt.Key.Key_Escape)
    press(window, Qt.Key.Key_Escape)
    assert not window.is_unlocked
    assert QApplication.clipboard().text() == "something the user copied elsewhere"


def test_one_escape_is_not_a_quick_exit(qtbot: QtBot, make_window, existing_vault: str) -> None:
    window = make_window()
    unlock(qtbot, window)
    press(window, Qt.Key.Key_Escape)
    qtbot.wait(1100)
    press(window, Qt.Key.Key_Escape)
    assert window.is_unlocked


def test_lock_button_and_shortcut(qtbot: QtBot, make_window, existing_vault: str) -> None:
    window = make_window()
    unlock(qtbot, window)
    press(
        window,
        Qt.Key.Key_L,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert not window.is_unlocked
    unlock(qtbot, window)
    qtbot.mouseClick(window.lock_button, Qt.MouseButton.LeftButton)
    assert not window.is_unlocked
    assert not window.lock_button.isVisible()


def test_lock_on_minimise_when_chosen(
    qtbot: QtBot, make_window, existing_vault: str, data_dir: Path
) -> None:
    window = make_window()
    unlock(qtbot, window)
    assert window.settings_page is not None
    window.showMinimized()
    qtbot.wait(50)
    assert window.is_unlocked  # off by default
    window.showNormal()
    window.settings_page.lock_on_minimise.setChecked(True)
    window.showMinimized()
    qtbot.waitUntil(lambda: not window.is_unlocked)
    saved = json.loads((data_dir / PREFERENCES_FILE).read_text())
    assert saved["lock_on_minimise"] is True


def test_a_checkin_with_the_keyboard_alone(
    qtbot: QtBot, make_window, existing_vault: str, data_dir: Path
) -> None:
    window = make_window()
    unlock(qtbot, window)
    page = window.checkin_page
    assert page is not None and window.today_page is not None
    # Today opens with its one action focused: Space (or Enter) goes to the form.
    qtbot.waitUntil(lambda: window.today_page.action.hasFocus())
    qtbot.keyClick(window.today_page.action, Qt.Key.Key_Space)
    qtbot.wait(10)  # the focus the window gives at unlock comes first
    window.show_page("Check in")
    page.focus_first_field()
    qtbot.waitUntil(lambda: page.date.hasFocus())

    def tab() -> None:
        press(window, Qt.Key.Key_Tab)

    def type_text(text: str) -> None:
        type_keys(window, text)

    tab()  # shift type
    assert page.shift_type.hasFocus()
    press(window, Qt.Key.Key_N)  # "Night"
    tab()  # mood
    assert page.scales["mood"].hasFocus()
    press(window, Qt.Key.Key_2)  # "Low", and on to stress
    press(window, Qt.Key.Key_4)  # and on to energy
    assert page.scales["energy"].hasFocus()
    press(window, Qt.Key.Key_Right)  # from nothing: "Very low"
    press(window, Qt.Key.Key_Right)  # "Low"; the arrows stay on the scale
    tab()  # sleep hours
    assert page.sleep_hours.hasFocus()
    type_text("5.5")
    tab()  # sleep quality
    press(window, Qt.Key.Key_2)  # and on to the exposures: first chip
    press(window, Qt.Key.Key_Space)  # Sudden death
    press(window, Qt.Key.Key_Right)
    press(window, Qt.Key.Key_Right)
    press(window, Qt.Key.Key_Space)  # Suicide or attempt
    tab()  # activities: first chip
    press(window, Qt.Key.Key_Space)  # Missing-person enquiry
    tab()  # hours worked
    assert page.hours_worked.hasFocus()
    type_text("10")
    tab()  # overtime
    type_text("1.5")
    tab()  # proper break
    press(window, Qt.Key.Key_2)  # "No", and on to the tags
    assert page.tags.hasFocus()
    type_text("court, nights")
    tab()  # what I took home
    assert page.took_home.hasFocus()
    type_text("Hard night.")
    tab()  # one good thing
    type_text("Tea")
    tab()  # talked to someone
    press(window, Qt.Key.Key_1)  # Yes
    press(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert "Saved" in page.confirmation.text()
    window.lock()

    (saved,) = _checkins(data_dir)
    assert saved.date == date.today()
    assert saved.shift_type is ShiftType.NIGHT
    assert (saved.hours_worked, saved.overtime_hours, saved.took_break) == (10.0, 1.5, False)
    assert (saved.mood, saved.stress, saved.energy) == (2, 4, 2)
    assert (saved.sleep_hours, saved.sleep_quality) == (5.5, 2)
    assert saved.exposures == ("sudden_death", "suicide_or_attempt")
    assert saved.activities == ("missing_person_enquiry",)
    assert saved.tags == ("court", "nights")
    assert (saved.took_home, saved.good_thing, saved.talked_to_someone) == (
        "Hard night.",
        "Tea",
        True,
    )


def test_validation_errors_sit_next_to_the_field_and_keep_the_words(
    qtbot: QtBot, make_window, existing_vault: str, data_dir: Path
) -> None:
    window = make_window()
    unlock(qtbot, window)
    page = window.checkin_page
    assert page is not None
    qtbot.keyClicks(page.took_home, "Every word of this stays.")
    page.tags.setText("fine, bad;tag")
    assert page.save() is None
    assert "mood" in page._errors["mood"].text().lower()
    assert page._errors["tags"].isVisible() or page._errors["tags"].text()
    assert page.took_home.toPlainText() == "Every word of this stays."
    page.scales["mood"].setValue(3)
    page.tags.setText("fine")
    assert page.save() is not None
    assert page._errors["mood"].text() == ""


def test_several_checkins_a_day_and_shift_type_defaults_to_the_last(
    qtbot: QtBot, make_window, existing_vault: str, data_dir: Path
) -> None:
    window = make_window()
    unlock(qtbot, window)
    page = window.checkin_page
    assert page is not None
    assert page.shift_type.currentData() is None
    for mood in (2, 4):
        page.shift_type.setCurrentIndex(page.shift_type.findData("late"))
        page.scales["mood"].setValue(mood)
        assert page.save() is not None
        assert page.shift_type.currentData() == "late"
    window.lock()
    assert [c.mood for c in _checkins(data_dir)] == [4, 2]


def test_a_prefilled_rest_day_is_said_plainly_and_todays_shift_comes_first(
    qtbot: QtBot, make_window, existing_vault: str, data_dir: Path
) -> None:
    window = make_window()
    unlock(qtbot, window)
    page = window.checkin_page
    assert page is not None
    window.show_page("Check in")
    yesterday = date.fromordinal(date.today().toordinal() - 1)
    page.date.setDate(page.date.date().addDays(-1))
    page.shift_type.setCurrentIndex(page.shift_type.findData("rest_day"))
    page.scales["mood"].setValue(3)
    assert page.save() is not None
    # The next check-in starts as a Rest day, and says so in words.
    assert page.shift_type.currentData() == "rest_day"
    assert page.shift_note.isVisible() and "Rest day" in page.shift_note.text()
    page.shift_type.setCurrentIndex(page.shift_type.findData("early"))
    assert not page.shift_note.isVisible()  # chosen: nothing more to say
    page.scales["mood"].setValue(4)
    assert page.save() is not None  # an Early today
    # Yesterday's rest day, written up after today's Early, does not win.
    page.date.setDate(page.date.date().addDays(-1))
    page.shift_type.setCurrentIndex(page.shift_type.findData("rest_day"))
    page.scales["mood"].setValue(3)
    assert page.save() is not None
    assert page.shift_type.currentData() == "early" and not page.shift_note.isVisible()
    window.lock()
    assert [c.date for c in _checkins(data_dir)][-1] == yesterday


def test_get_help_now_is_reachable_from_the_lock_screen(
    qtbot: QtBot, make_window, existing_vault: str
) -> None:
    window = make_window()
    assert not window.is_unlocked
    assert window.help_button.isVisible()
    qtbot.mouseClick(window.help_button, Qt.MouseButton.LeftButton)
    dialogs = [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, UrgentHelpDialog) and w.isVisible()
    ]
    assert len(dialogs) == 1
    dialog = dialogs[0]
    labels = " ".join(
        label.text() for label in dialog.findChildren(type(window.unlock_screen.title))
    )
    for fact in ("999", "0300 131 2789", "116 123", "SHOUT", "85258"):
        assert fact in labels
    qtbot.mouseClick(dialog.copy_buttons["oscar_kilo_crisis_line"], Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == "0300 131 2789"
    assert "Copied" in dialog.copied.text()


def test_get_help_now_is_on_the_first_run_screen_too(qtbot: QtBot, make_window) -> None:
    window = make_window()
    assert window.first_run is not None and window.help_button.isVisible()


def test_settings_show_the_folder_and_keep_only_behaviour(
    qtbot: QtBot, make_window, existing_vault: str, data_dir: Path
) -> None:
    window = make_window()
    unlock(qtbot, window)
    settings = window.settings_page
    assert settings is not None
    assert settings.folder.text() == str(data_dir)
    settings.idle_minutes.setValue(12)
    settings.theme.setCurrentIndex(settings.theme.findData("dark"))
    assert window.guard.idle_timer.interval() == 12 * 60 * 1000
    stored = json.loads((data_dir / PREFERENCES_FILE).read_text())
    assert set(stored) == set(Preferences.__dataclass_fields__)
    assert stored["idle_minutes"] == 12 and stored["theme"] == "dark"
    assert (data_dir / PREFERENCES_FILE).stat().st_mode & 0o777 == 0o600
