"""Settings › Your rota: a pattern, a calendar file with its preview, one day's change, clear."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.support import FAST_KDF, PASSPHRASE
from tests.ui.conftest import ScriptedPrompts, unlock
from wellbeing_app.domain.catalogue import ShiftType
from wellbeing_app.domain.rota import LONDON, ChangeKind, PatternDay, RotaChange, RotaPattern
from wellbeing_app.services.session import Session
from wellbeing_app.ui.main_window import MainWindow
from wellbeing_app.ui.rota_dialogs import ChangeDialog, PatternDialog, PreviewDialog


def settings(qtbot: QtBot, make_window, data_dir: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    Session.create(data_dir, PASSPHRASE, kdf=FAST_KDF)[0].lock()
    window = make_window()
    unlock(qtbot, window)
    window.show_page("Settings")
    return window


def tomorrow() -> date:
    return datetime.now(LONDON).date() + timedelta(days=1)


def test_a_repeating_pattern_is_saved_and_today_names_the_next_shift(
    qtbot: QtBot, make_window, data_dir: Path, prompts: ScriptedPrompts
) -> None:
    window = settings(qtbot, make_window, data_dir)
    page = window.settings_page
    assert page is not None
    section = page.rota
    assert section.summary.text().startswith("No rota yet.")
    assert not section.clear_button.isEnabled()
    pattern = RotaPattern(
        (PatternDay.working(ShiftType.LATE, time(14), 9.0), PatternDay.rest_day()),
        starts_on=tomorrow(),
    )
    prompts.rota_pattern_answer = pattern
    qtbot.mouseClick(section.pattern_button, Qt.MouseButton.LeftButton)
    assert window.session is not None and window.session.rota() is not None
    assert section.summary.text() == "Your rota: a 2-day repeating pattern (1 working day)."
    assert "saved" in section.notice.text()
    today = window.today_page
    assert today is not None and today.next_shift.text().startswith("Next on your rota: Late")

    prompts.rota_change_answer = RotaChange.overtime(tomorrow(), 2.0)
    qtbot.mouseClick(section.change_button, Qt.MouseButton.LeftButton)
    rota = window.session.rota()
    assert rota is not None and [c.kind for c in rota.changes] == [ChangeKind.OVERTIME]

    prompts.confirm_answer = True
    qtbot.mouseClick(section.clear_button, Qt.MouseButton.LeftButton)
    assert window.session.rota() is None and section.summary.text().startswith("No rota yet.")
    assert today.next_shift.isHidden()


def write_roster(path: Path, first: date) -> Path:
    after = first + timedelta(days=1)
    path.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:n@t\r\n"
        "DTSTAMP:20260101T000000Z\r\n"
        f"DTSTART;TZID=Europe/London:{first:%Y%m%d}T220000\r\n"
        f"DTEND;TZID=Europe/London:{after:%Y%m%d}T080000\r\n"
        "RRULE:FREQ=WEEKLY;COUNT=8\r\nSUMMARY:Nights\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        "utf-8",
    )
    return path


def test_a_calendar_file_is_previewed_before_it_becomes_the_rota(
    qtbot: QtBot, make_window, data_dir: Path, prompts: ScriptedPrompts, tmp_path: Path
) -> None:
    window = settings(qtbot, make_window, data_dir)
    page = window.settings_page
    assert page is not None and window.session is not None
    section = page.rota
    prompts.open_answer = write_roster(tmp_path / "roster.ics", tomorrow())
    prompts.rota_preview_answer = False
    qtbot.mouseClick(section.calendar_button, Qt.MouseButton.LeftButton)
    assert prompts.asked[-1] == "rota preview: roster.ics"
    shown = prompts.previewed[-1]
    assert [s.shift_type for s in shown if s.is_worked] == [ShiftType.NIGHT] * 4  # type: ignore[attr-defined]
    assert window.session.rota() is None  # cancelled: nothing saved

    prompts.rota_preview_answer = True
    qtbot.mouseClick(section.calendar_button, Qt.MouseButton.LeftButton)
    rota = window.session.rota()
    assert rota is not None and len(rota.imported) == 8
    assert section.summary.text() == "Your rota: 8 shifts from a calendar file."

    broken = tmp_path / "broken.ics"
    broken.write_text("not a calendar", "utf-8")
    prompts.open_answer = broken
    qtbot.mouseClick(section.calendar_button, Qt.MouseButton.LeftButton)
    assert section.notice.text().startswith("broken.ics cannot be used as a rota.")
    assert window.session.rota() == rota


def test_the_pattern_dialog_previews_four_weeks_and_says_when_the_clocks_go_back(
    qtbot: QtBot,
) -> None:
    dialog = PatternDialog(None, date(2026, 10, 10))
    qtbot.addWidget(dialog)
    dialog.starts_on.setDate(dialog.starts_on.date().fromString("2026-10-19", "yyyy-MM-dd"))
    text = dialog.preview.toPlainText()
    assert "Mon 19 Oct  Early  07:00\u201315:00" in text
    assert "Sat 24 Oct  Night  22:00\u201308:00  (11 hours: the clocks go back)" in text
    assert "Fri 23 Oct  Night  22:00\u201308:00\n" in text
    dialog.ready_made.setCurrentIndex(2)
    dialog.ready_made.activated.emit(2)  # 4 on, 4 off
    made = dialog.pattern()
    assert made is not None and len(made.days) == 8 and made.days[2].hours == 12.0
    dialog.remove_day.click()
    made = dialog.pattern()
    assert made is not None and len(made.days) == 7


def test_the_preview_and_change_dialogs(qtbot: QtBot) -> None:
    preview = PreviewDialog("roster.ics", [])
    qtbot.addWidget(preview)
    assert preview.preview.toPlainText() == "No shifts in these four weeks."
    change = ChangeDialog(date(2026, 12, 4))
    qtbot.addWidget(change)
    swap = change.change()
    assert swap.kind is ChangeKind.SWAP and swap.date == date(2026, 12, 4)
    change.kinds.button(1).setChecked(True)
    overtime = change.change()
    assert overtime.kind is ChangeKind.OVERTIME and overtime.overtime_hours == 1.0
    change.kinds.button(2).setChecked(True)
    assert change.change().kind is ChangeKind.REST_DAY_CANCELLED


def test_tab_reaches_your_rota_and_the_self_check_offers_in_reading_order(
    qtbot: QtBot, make_window, data_dir: Path
) -> None:
    window = settings(qtbot, make_window, data_dir)
    page = window.settings_page
    assert page is not None and page.rota is not None and page.selfcheck_offers is not None
    page.change_passphrase.setFocus()
    qtbot.keyClick(page.change_passphrase, Qt.Key.Key_Tab)
    assert page.rota.pattern_button.hasFocus()
    qtbot.keyClick(page.rota.pattern_button, Qt.Key.Key_Tab)
    assert page.rota.calendar_button.hasFocus()
    qtbot.keyClick(page.rota.calendar_button, Qt.Key.Key_Tab)
    assert page.rota.rules_button.hasFocus()
    # "Change one day" and "Clear rota" wait for a rota; then the self-check choices.
    qtbot.keyClick(page.rota.rules_button, Qt.Key.Key_Tab)
    assert page.selfcheck_offers.choices["phq9"].hasFocus()


def test_the_rules_for_calendar_files_can_be_edited_and_are_used_on_import(
    qtbot: QtBot, make_window, data_dir: Path, prompts: ScriptedPrompts, tmp_path: Path
) -> None:
    from wellbeing_app.domain.rota import DEFAULT_MAPPING, ShiftMapping, WordRule
    from wellbeing_app.ui.rota_dialogs import RulesDialog

    dialog = RulesDialog(DEFAULT_MAPPING)
    qtbot.addWidget(dialog)
    assert dialog.mapping() == DEFAULT_MAPPING  # shown as they are, read back the same
    dialog.add_rule("Nightingale ward", ShiftType.DAY, "hospital")
    made = dialog.mapping()
    assert made is not None and made.word_rules[-1] == WordRule(
        ("Nightingale ward",), ShiftType.DAY, "hospital"
    )
    dialog.rows[-1][2].setText("not a tag;")
    assert dialog.mapping() is None and dialog.problem.text().startswith("A rule cannot be used")

    window = settings(qtbot, make_window, data_dir)
    page = window.settings_page
    assert page is not None and page.rota is not None and window.session is not None
    prompts.rota_rules_answer = ShiftMapping(
        (WordRule(("Nights",), ShiftType.TRAINING),), DEFAULT_MAPPING.time_bands
    )
    qtbot.mouseClick(page.rota.rules_button, Qt.MouseButton.LeftButton)
    prompts.open_answer = write_roster(tmp_path / "roster.ics", tomorrow())
    qtbot.mouseClick(page.rota.calendar_button, Qt.MouseButton.LeftButton)
    rota = window.session.rota()
    assert rota is not None and {s.shift_type for s in rota.imported} == {ShiftType.TRAINING}
