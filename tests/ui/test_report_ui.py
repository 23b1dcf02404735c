"""Settings › Make a report…: the choices, the save, and a PDF that holds what was chosen."""

from __future__ import annotations

import dataclasses
import stat
from datetime import date, timedelta
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from tests.support import FAST_KDF, PASSPHRASE, sentinel_hits
from tests.ui.conftest import ScriptedPrompts, unlock
from wellbeing_app.charts.report_pdf import ReportRequest
from wellbeing_app.domain.insights import Range, range_bounds
from wellbeing_app.domain.synthetic import synthetic_checkins
from wellbeing_app.storage.repository import CheckInRepository
from wellbeing_app.storage.vault import Vault
from wellbeing_app.ui.report_dialog import ReportDialog

SENTINEL = "WOMBAT-REPORT-UI-SENTINEL-0917"


def test_the_dialog_offers_the_trends_spans_or_dates_and_checks_them(qtbot: QtBot) -> None:
    today = date(2026, 12, 3)
    dialog = ReportDialog(today)
    qtbot.addWidget(dialog)
    # By default: the last 3 months, numbers and charts only, no name.
    assert dialog.request() == ReportRequest(*range_bounds(Range.THREE_MONTHS, today))
    dialog.spans.button(2).click()
    assert dialog.request().first == range_bounds(Range.TWELVE_MONTHS, today)[0]

    # Changing a date chooses "These dates"; a backwards range is refused in words.
    dialog.first.setDate(QDate(2026, 11, 20))
    dialog.last.setDate(QDate(2026, 11, 10))
    assert dialog.these_dates.isChecked()
    dialog.show()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "on or before" in dialog.problem.text()
    dialog.last.setDate(QDate(2026, 11, 30))
    dialog.include_text.setChecked(True)
    qtbot.keyClicks(dialog.name, "  Sam Taylor ")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.request() == ReportRequest(
        date(2026, 11, 20), date(2026, 11, 30), include_text=True, name="Sam Taylor"
    )


def test_make_a_report_writes_the_pdf_where_chosen_off_the_ui_thread(
    qtbot: QtBot, make_window, data_dir: Path, prompts: ScriptedPrompts, tmp_path: Path
) -> None:
    today = date.today()
    checkins = synthetic_checkins(120, end=today - timedelta(days=1), seed=8)
    checkins[-5] = dataclasses.replace(checkins[-5], took_home=f"{SENTINEL} at the station")
    vault, _ = Vault.create(data_dir, PASSPHRASE, kdf=FAST_KDF)
    CheckInRepository(vault).add_many(checkins)
    vault.lock()

    window = make_window()
    unlock(qtbot, window)
    settings = window.settings_page
    assert settings is not None
    first = today - timedelta(days=27)
    prompts.report_answer = ReportRequest(first, today, include_text=False)
    prompts.save_answer = tmp_path / "for-occupational-health"
    qtbot.mouseClick(settings.report_button, Qt.MouseButton.LeftButton)
    assert "save: Save the report (not encrypted)" in prompts.asked
    written = tmp_path / "for-occupational-health.pdf"  # .pdf added
    qtbot.waitUntil(lambda: "Saved a report" in settings.report_notice.text(), timeout=20_000)
    assert "27 check-ins" in settings.report_notice.text()
    assert "not encrypted" in settings.report_notice.text()
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    text = " ".join(page.extract_text() for page in PdfReader(written).pages)
    assert "Check-ins: 27" in text and SENTINEL not in text
    assert sentinel_hits(data_dir, SENTINEL) == [] and sentinel_hits(tmp_path, SENTINEL) == []

    # Cancelling the choice writes nothing and asks nothing more.
    prompts.report_answer = None
    prompts.asked.clear()
    qtbot.mouseClick(settings.report_button, Qt.MouseButton.LeftButton)
    assert prompts.asked == ["report"]
