"""The operational-detail guard before saving: Edit or Save anyway, never blocking."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from tests.support import PASSPHRASE
from tests.ui.conftest import ScriptedPrompts, unlock
from wellbeing_app.domain.operational_detail import DetailKind, find_operational_detail
from wellbeing_app.storage.repository import CheckInRepository
from wellbeing_app.storage.vault import Vault
from wellbeing_app.ui.detail_review import DetailReviewDialog, FlaggedField

TEXT = "Sat with the family for hours. PC 1234 took over the scene guard at 0700."


def test_edit_goes_back_to_the_flagged_words_and_saves_nothing(
    qtbot: QtBot, make_window, existing_vault: str, data_dir: Path, prompts: ScriptedPrompts
) -> None:
    window = make_window()
    unlock(qtbot, window)
    form = window.checkin_page
    assert form is not None
    form.scales["mood"].setValue(2)
    form.took_home.setPlainText(TEXT)
    prompts.save_anyway = False
    assert form.save() is None
    assert prompts.asked[-1] == "detail review"
    (field,) = prompts.flagged
    assert isinstance(field, FlaggedField) and field.field_label == "What I took home"
    assert [s.text for s in field.spans] == ["PC 1234"]  # "0700" is a time, not flagged
    assert form.took_home.textCursor().selectedText() == "PC 1234"
    assert form.took_home.toPlainText() == TEXT  # never changed
    window.lock()
    with Vault.open(data_dir, PASSPHRASE) as vault:
        assert CheckInRepository(vault).count() == 0


def test_save_anyway_saves_the_words_as_they_are(
    qtbot: QtBot, make_window, existing_vault: str, data_dir: Path, prompts: ScriptedPrompts
) -> None:
    window = make_window()
    unlock(qtbot, window)
    form = window.checkin_page
    assert form is not None
    form.scales["mood"].setValue(2)
    form.took_home.setPlainText(TEXT)
    form.good_thing.setText("Mrs Jones made us tea")
    prompts.save_anyway = True
    assert form.save() is not None
    assert [f.field_label for f in prompts.flagged] == ["What I took home", "One good thing"]
    window.lock()
    with Vault.open(data_dir, PASSPHRASE) as vault:
        (saved,) = CheckInRepository(vault).list_between()
    assert saved.took_home == TEXT and saved.good_thing == "Mrs Jones made us tea"


def test_ordinary_words_save_without_a_question(
    qtbot: QtBot, make_window, existing_vault: str, prompts: ScriptedPrompts
) -> None:
    window = make_window()
    unlock(qtbot, window)
    form = window.checkin_page
    assert form is not None
    form.scales["mood"].setValue(4)
    form.took_home.setPlainText("Lates all week. A 15-year-old at A&E, then paperwork till 23:00.")
    assert form.save() is not None
    assert "detail review" not in prompts.asked


def test_the_dialog_lists_each_piece_with_its_reason(qtbot: QtBot) -> None:
    spans = tuple(find_operational_detail("Stopped AB12 CDE on the ring road"))
    assert spans and spans[0].kind is DetailKind.VEHICLE_REGISTRATION
    dialog = DetailReviewDialog([FlaggedField("What I took home", spans)])
    qtbot.addWidget(dialog)
    dialog.open()
    labels = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "AB12 CDE" in labels and "vehicle registration" in labels
    assert dialog.edit_button.isDefault()
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
