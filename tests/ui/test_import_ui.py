"""Settings › Import…: the file is recognised, the choices are made, a preview comes before
anything is written, and the pages catch up afterwards."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.support import FAST_KDF, PASSPHRASE, REPO_ROOT
from tests.ui.conftest import ScriptedPrompts, unlock
from wellbeing_app.domain.checkin import CheckIn
from wellbeing_app.domain.interchange import checkins_to_json
from wellbeing_app.domain.synthetic import synthetic_checkins
from wellbeing_app.storage.repository import CheckInRepository
from wellbeing_app.storage.vault import Vault
from wellbeing_app.ui.import_dialog import ImportDialog
from wellbeing_app.ui.main_window import JOURNAL, TRENDS, MainWindow

FIXTURES = REPO_ROOT / "tests" / "fixtures" / "moving_in"
HEADER = "full_date,date,weekday,time,mood,activities,note_title,note"


def filled_vault(data_dir: Path, checkins: list[CheckIn]) -> None:
    vault, _ = Vault.create(data_dir, PASSPHRASE, kdf=FAST_KDF)
    CheckInRepository(vault).add_many(checkins)
    vault.lock()


def open_import(
    qtbot: QtBot, window: MainWindow, prompts: ScriptedPrompts, source: Path
) -> ImportDialog:
    settings = window.settings_page
    assert settings is not None
    prompts.open_answer = source
    qtbot.mouseClick(settings.import_button, Qt.MouseButton.LeftButton)
    dialog = window.import_dialog
    assert dialog is not None and dialog.isVisible()
    settle(qtbot, dialog)
    return dialog


def settle(qtbot: QtBot, dialog: ImportDialog) -> None:
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=10_000)


def test_a_daylio_export_is_recognised_previewed_and_imported(
    qtbot: QtBot, make_window, data_dir: Path, prompts: ScriptedPrompts, tmp_path: Path
) -> None:
    filled_vault(data_dir, synthetic_checkins(30, end=date.today() - timedelta(days=1), seed=3))
    window = make_window()
    unlock(qtbot, window)
    window.show_page(JOURNAL)
    journal = window.journal_page
    assert journal is not None
    before = journal.model.rowCount()
    source = tmp_path / "daylio_export.csv"
    source.write_bytes((FIXTURES / "daylio_export.csv").read_bytes())
    window.show_page("Settings")

    dialog = open_import(qtbot, window, prompts, source)
    assert "open: Choose a file to import" in prompts.asked
    assert dialog.recognised.text() == "This looks like a Daylio export."
    assert dialog.kind.currentData() == "daylio"
    assert set(dialog.mood_combos) == {"awful", "meh", "bad", "Good", "rad"}
    assert dialog.mood_combos["Good"].currentData() == 4
    assert dialog.summary.text() == "6 check-ins from 1 January 2024 to 4 July 2024."
    assert dialog.import_button.isEnabled()
    assert not dialog.default_mood.isVisible()

    # Map an activity to what the shift involved; the preview is read again.
    combo = dialog.activity_combos["hospital wait"]
    combo.setCurrentIndex(combo.findData("hospital_wait_with_detainee"))
    settle(qtbot, dialog)
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)

    session = window.session
    assert session is not None
    assert session.count() == 36
    settings = window.settings_page
    assert settings is not None
    assert settings.import_notice.text() == "Imported 6 check-ins."
    assert journal.model.rowCount() == before + 6  # the journal caught up
    assert window._seen_revision == session.checkin_revision  # and Today was read again
    imported = [c for c in session.checkins_between() if c.date == date(2024, 7, 4)]
    assert {c.activities for c in imported} == {("hospital_wait_with_detainee",), ()}
    assert window.import_dialog is None or not window.import_dialog.isVisible()


def test_a_renamed_mood_is_a_problem_until_it_is_mapped(
    qtbot: QtBot, make_window, data_dir: Path, prompts: ScriptedPrompts, tmp_path: Path
) -> None:
    filled_vault(data_dir, [])
    source = tmp_path / "renamed.csv"
    source.write_text(
        f'{HEADER}\n2024-05-02,2 May,Thursday,9:00 pm,Sleepy,"","",""\n'
        '2024-05-01,1 May,Wednesday,9:00 pm,rad,"","",""\n',
        encoding="utf-8",
    )
    window = make_window()
    unlock(qtbot, window)
    dialog = open_import(qtbot, window, prompts, source)
    assert dialog.summary.text() == (
        "1 record of the file cannot be imported as it is, so nothing is imported yet. "
        "Each is listed below with what is wrong."
    )
    assert dialog.problems.toPlainText() == (
        "record 0 (2024-05-02 9:00 pm): mood 'Sleepy' is not one of the moods mapped to 1 to 5 "
        "(rad, good, meh, bad, awful)"
    )
    assert dialog.problems.isVisible() and not dialog.import_button.isEnabled()
    sleepy = dialog.mood_combos["Sleepy"]
    assert sleepy.currentData() is None and sleepy.accessibleName() == (
        "Mood for Daylio's \u201cSleepy\u201d"
    )
    sleepy.setCurrentIndex(sleepy.findData(2))
    settle(qtbot, dialog)
    assert dialog.summary.text() == "2 check-ins from 1 May 2024 to 2 May 2024."
    assert dialog.import_button.isEnabled() and not dialog.problems.isVisible()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    session = window.session
    assert session is not None
    assert sorted(c.mood for c in session.checkins_between()) == [2, 5]


def test_a_jrnl_file_waits_for_the_mood_the_person_chooses(
    qtbot: QtBot, make_window, data_dir: Path, prompts: ScriptedPrompts, tmp_path: Path
) -> None:
    filled_vault(data_dir, [])
    source = tmp_path / "export.json"
    source.write_bytes((FIXTURES / "jrnl_export.json").read_bytes())
    window = make_window()
    unlock(qtbot, window)
    dialog = open_import(qtbot, window, prompts, source)
    assert dialog.recognised.text() == "This looks like a jrnl export."
    assert dialog.default_mood.isVisible()
    assert "jrnl records no mood" in dialog.mood_note.text()
    assert dialog.summary.text() == "Choose the mood for every entry: jrnl does not record one."
    assert not dialog.import_button.isEnabled()
    dialog.default_mood.setCurrentIndex(dialog.default_mood.findData(3))
    settle(qtbot, dialog)
    assert dialog.summary.text() == "5 check-ins from 5 January 2024 to 27 October 2024."
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    session = window.session
    assert session is not None
    assert {c.mood for c in session.checkins_between()} == {3}


def test_check_ins_already_in_the_journal_are_counted_and_skipped(
    qtbot: QtBot, make_window, data_dir: Path, prompts: ScriptedPrompts, tmp_path: Path
) -> None:
    held = synthetic_checkins(10, end=date(2026, 11, 20), seed=4)
    filled_vault(data_dir, held[:4])
    source = tmp_path / "mine.json"
    source.write_text(checkins_to_json(held), encoding="utf-8")
    window = make_window()
    unlock(qtbot, window)
    window.show_page(TRENDS)
    trends = window.trends_page
    assert trends is not None
    window.show_page("Settings")
    dialog = open_import(qtbot, window, prompts, source)
    assert dialog.recognised.text() == "This looks like a Took Home export."
    assert dialog.kind.currentData() == "own"
    assert dialog.summary.text().endswith("4 already in your journal (they will be skipped).")
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    session = window.session
    assert session is not None
    assert session.count() == 10
    settings = window.settings_page
    assert settings is not None
    assert settings.import_notice.text() == (
        "Imported 6 check-ins; 4 already in your journal were skipped."
    )
    with qtbot.waitSignal(trends.redrawn, timeout=20_000):
        window.show_page(TRENDS)  # Trends catches up when shown
    insights = trends.insights()
    assert insights is not None

    # The same file again: nothing new, and Import stays off.
    dialog = open_import(qtbot, window, prompts, source)
    assert dialog.summary.text().endswith("there is nothing new to import.")
    assert not dialog.import_button.isEnabled()
    dialog.reject()


def test_a_malformed_file_gets_a_clear_message_and_changes_nothing(
    qtbot: QtBot, make_window, data_dir: Path, prompts: ScriptedPrompts, tmp_path: Path
) -> None:
    filled_vault(data_dir, synthetic_checkins(5, end=date(2026, 11, 20), seed=5))
    source = tmp_path / "broken.json"
    source.write_bytes(b'{"format": "took-home-checkins", "version": 1, "checkins": [{"da')
    window = make_window()
    unlock(qtbot, window)
    session = window.session
    assert session is not None
    revision = session.checkin_revision
    dialog = open_import(qtbot, window, prompts, source)
    assert dialog.summary.text().startswith("This file cannot be imported: the file ")
    assert not dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert session.count() == 5 and session.checkin_revision == revision


def test_an_unreadable_file_says_so(
    qtbot: QtBot, make_window, data_dir: Path, prompts: ScriptedPrompts, tmp_path: Path
) -> None:
    filled_vault(data_dir, [])
    window = make_window()
    unlock(qtbot, window)
    session = window.session
    assert session is not None
    revision = session.checkin_revision
    dialog = open_import(qtbot, window, prompts, tmp_path)  # a folder, not a file
    assert dialog.recognised.text() == "This file cannot be read."
    assert dialog.summary.text().startswith("Nothing was imported (")
    assert not dialog.import_button.isEnabled()
    dialog.reject()
    assert session.count() == 0 and session.checkin_revision == revision


def test_cancelling_the_file_choice_opens_nothing(
    qtbot: QtBot, make_window, data_dir: Path, prompts: ScriptedPrompts
) -> None:
    filled_vault(data_dir, [])
    window = make_window()
    unlock(qtbot, window)
    settings = window.settings_page
    assert settings is not None
    prompts.open_answer = None
    qtbot.mouseClick(settings.import_button, Qt.MouseButton.LeftButton)
    assert window.import_dialog is None


def test_every_control_of_the_dialog_has_a_name(
    qtbot: QtBot, make_window, data_dir: Path, prompts: ScriptedPrompts, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QComboBox

    filled_vault(data_dir, [])
    source = tmp_path / "daylio_export.csv"
    source.write_bytes((FIXTURES / "daylio_export.csv").read_bytes())
    window = make_window()
    unlock(qtbot, window)
    dialog = open_import(qtbot, window, prompts, source)
    combos = dialog.findChildren(QComboBox)
    assert len(combos) > 5
    assert all(combo.accessibleName() for combo in combos)
    dialog.reject()


def test_todays_make_a_report_opens_the_same_flow_as_settings(
    qtbot: QtBot, make_window, data_dir: Path, prompts: ScriptedPrompts, tmp_path: Path
) -> None:
    from wellbeing_app.charts.report_pdf import ReportRequest

    today = date.today()
    filled_vault(data_dir, synthetic_checkins(20, end=today - timedelta(days=1), seed=6))
    window = make_window()
    unlock(qtbot, window)
    page = window.today_page
    assert page is not None
    assert page.report_button.accessibleName() == (
        "Make a report for your GP or occupational health"
    )
    prompts.report_answer = ReportRequest(today - timedelta(days=27), today)
    prompts.save_answer = tmp_path / "report.pdf"
    qtbot.mouseClick(page.report_button, Qt.MouseButton.LeftButton)
    assert prompts.asked[-2:] == ["report", "save: Save the report (not encrypted)"]
    qtbot.waitUntil(lambda: "Saved a report" in page.report_notice.text(), timeout=20_000)
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF")
    assert window.page_if_made("Settings") is None  # Today did not need the Settings page


def test_tab_goes_down_the_dialog_as_it_reads(
    qtbot: QtBot, make_window, data_dir: Path, prompts: ScriptedPrompts, tmp_path: Path
) -> None:
    filled_vault(data_dir, [])
    source = tmp_path / "daylio_export.csv"
    source.write_bytes((FIXTURES / "daylio_export.csv").read_bytes())
    window = make_window()
    unlock(qtbot, window)
    dialog = open_import(qtbot, window, prompts, source)
    order = []
    widget = dialog.kind
    for _ in range(40):
        if widget.isVisible() and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            order.append(widget)
        widget = widget.nextInFocusChain()
        if widget is dialog.kind:
            break
    combos = [*dialog.mood_combos.values(), *dialog.activity_combos.values()]
    assert order == [dialog.kind, *combos, dialog.import_button, dialog.cancel_button]
    dialog.reject()


def test_nothing_read_from_the_file_reaches_the_disk_through_the_dialog(
    qtbot: QtBot, make_window, data_dir: Path, prompts: ScriptedPrompts, tmp_path: Path
) -> None:
    from tests.support import sentinel_hits

    sentinel = "QUOKKA-IMPORT-UI-SENTINEL-4471"
    filled_vault(data_dir, [])
    source = tmp_path / "in" / "daylio.csv"
    source.parent.mkdir()
    source.write_text(
        f'{HEADER}\n2024-05-02,2 May,Thursday,9:00 pm,rad,"{sentinel}","","{sentinel} note"\n',
        encoding="utf-8",
    )
    window = make_window()
    unlock(qtbot, window)
    dialog = open_import(qtbot, window, prompts, source)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    session = window.session
    assert session is not None and session.count() == 1
    window.lock("button")
    assert sentinel_hits(data_dir, sentinel) == []
    assert sentinel_hits(tmp_path, sentinel) == [f"{source}: {sentinel.encode()!r}"]


def test_locking_while_a_large_file_is_read_closes_the_dialog_quietly(
    qtbot: QtBot, make_window, data_dir: Path, prompts: ScriptedPrompts, tmp_path: Path
) -> None:
    filled_vault(data_dir, [])
    first = date(1998, 1, 1)
    rows = [
        f'{first + timedelta(days=n)},x,y,9:00 pm,good,"work","","Note {n}<br>more"'
        for n in range(10_000)
    ]
    source = tmp_path / "big.csv"
    source.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    window = make_window()
    unlock(qtbot, window)
    settings = window.settings_page
    assert settings is not None
    prompts.open_answer = source
    qtbot.mouseClick(settings.import_button, Qt.MouseButton.LeftButton)
    dialog = window.import_dialog
    assert dialog is not None and dialog.busy()
    window.lock("idle")
    assert window.import_dialog is None or not window.import_dialog.isVisible()
    from wellbeing_app.ui import import_dialog

    qtbot.waitUntil(lambda: not import_dialog._RUNNING, timeout=20_000)
    qtbot.wait(50)  # the finished read's signal is delivered, into nothing


def test_choosing_another_kind_reads_the_file_that_way_and_says_what_it_is(
    qtbot: QtBot, make_window, data_dir: Path, prompts: ScriptedPrompts, tmp_path: Path
) -> None:
    filled_vault(data_dir, [])
    source = tmp_path / "export.json"
    source.write_bytes((FIXTURES / "jrnl_export.json").read_bytes())
    window = make_window()
    unlock(qtbot, window)
    dialog = open_import(qtbot, window, prompts, source)
    dialog.default_mood.setCurrentIndex(dialog.default_mood.findData(4))
    settle(qtbot, dialog)
    assert dialog.import_button.isEnabled()
    dialog.kind.setCurrentIndex(dialog.kind.findData("dayone"))
    settle(qtbot, dialog)
    assert dialog.summary.text() == (
        "This file cannot be imported: the file is not a Day One export; it looks like a jrnl "
        "export."
    )
    assert not dialog.import_button.isEnabled()
    dialog.kind.setCurrentIndex(dialog.kind.findData("own"))
    settle(qtbot, dialog)
    assert not dialog.default_mood.isVisible()
    assert dialog.summary.text().startswith("This file cannot be imported: the file is not a")
    dialog.reject()
    session = window.session
    assert session is not None and session.count() == 0
