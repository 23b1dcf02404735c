"""Every modal question the app asks, in one place, so tests can answer them.

Pages never call QMessageBox or a file dialog directly; they ask a ``Prompts``.
Tests hand in a ``Prompts`` with scripted answers and never block on a dialog.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from wellbeing_app.ui import file_dialogs

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import date

    from wellbeing_app.charts.report_pdf import ReportRequest
    from wellbeing_app.domain.rota import RotaChange, RotaPattern, Shift, ShiftMapping
    from wellbeing_app.ui.detail_review import FlaggedField


class Prompts:
    """Asks the user with real dialogs."""

    def confirm(self, parent: QWidget | None, title: str, text: str, accept_label: str) -> bool:
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(title)
        box.setText(text)
        accept = box.addButton(accept_label, QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton("Cancel", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel)
        box.exec()
        return box.clickedButton() is accept

    def report_request(self, parent: QWidget | None, today: date) -> ReportRequest | None:
        """Which days a report covers and what goes in it; None if the user cancels."""
        from wellbeing_app.ui.report_dialog import ReportDialog

        dialog = ReportDialog(today, parent)
        return dialog.request() if dialog.exec() == ReportDialog.DialogCode.Accepted else None

    def rota_pattern(
        self, parent: QWidget | None, current: RotaPattern | None, today: date
    ) -> RotaPattern | None:
        """The repeating pattern the user builds; None if they cancel."""
        from wellbeing_app.ui.rota_dialogs import PatternDialog

        dialog = PatternDialog(current, today, parent)
        if dialog.exec() != PatternDialog.DialogCode.Accepted:
            return None
        return dialog.pattern()

    def rota_preview(self, parent: QWidget | None, file_name: str, shifts: Sequence[Shift]) -> bool:
        """Show the next four weeks a calendar file gives; True to use it."""
        from wellbeing_app.ui.rota_dialogs import PreviewDialog

        return PreviewDialog(file_name, shifts, parent).exec() == QDialog.DialogCode.Accepted

    def rota_rules(self, parent: QWidget | None, mapping: ShiftMapping) -> ShiftMapping | None:
        """The user's rules for reading calendar files; None if they cancel."""
        from wellbeing_app.ui.rota_dialogs import RulesDialog

        dialog = RulesDialog(mapping, parent)
        return dialog.mapping() if dialog.exec() == RulesDialog.DialogCode.Accepted else None

    def rota_change(self, parent: QWidget | None, today: date) -> RotaChange | None:
        from wellbeing_app.ui.rota_dialogs import ChangeDialog

        dialog = ChangeDialog(today, parent)
        return dialog.change() if dialog.exec() == ChangeDialog.DialogCode.Accepted else None

    def inform(self, parent: QWidget | None, title: str, text: str) -> None:
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(title)
        box.setText(text)
        box.exec()

    def save_despite_detail(self, parent: QWidget | None, flagged: list[FlaggedField]) -> bool:
        """Ask about text that looks like operational detail: True means "Save anyway"."""
        from wellbeing_app.ui.detail_review import DetailReviewDialog

        dialog = DetailReviewDialog(flagged, parent)
        return dialog.exec() == DetailReviewDialog.DialogCode.Accepted

    def save_path(
        self, parent: QWidget | None, title: str, suggested: Path, name_filter: str
    ) -> Path | None:
        return file_dialogs.ask_save_path(parent, title, suggested, name_filter)

    def open_path(
        self, parent: QWidget | None, title: str, folder: Path, name_filter: str
    ) -> Path | None:
        return file_dialogs.ask_open_path(parent, title, folder, name_filter)

    def folder_path(self, parent: QWidget | None, title: str, start: Path) -> Path | None:
        return file_dialogs.ask_folder(parent, title, start)
