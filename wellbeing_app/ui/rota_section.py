"""Settings › Your rota: what is set, and the ways to set it (a pattern, a calendar file, a day)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from wellbeing_app.domain.rota import LONDON, InvalidRota, Rota, RotaFileError
from wellbeing_app.services.rota import days_ahead, with_change
from wellbeing_app.services.session import Session
from wellbeing_app.ui.notice import Notice
from wellbeing_app.ui.prompts import Prompts
from wellbeing_app.ui.widgets import FlowLayout

NO_ROTA = (
    "No rota yet. With one, a new check-in starts from the shift that has just ended, "
    "Today shows your next shift, and Trends shows what the pattern costs you."
)


def describe(rota: Rota) -> str:
    """One plain line on what the rota is made of."""
    parts = []
    if rota.pattern is not None:
        days = len(rota.pattern.days)
        worked = sum(1 for d in rota.pattern.days if d.start is not None)
        parts.append(
            f"a {days}-day repeating pattern ({worked} working day{'s' if worked != 1 else ''})"
        )
    if rota.imported:
        parts.append(f"{len(rota.imported)} shifts from a calendar file")
    if rota.changes:
        parts.append(f"{len(rota.changes)} one-day change{'s' if len(rota.changes) != 1 else ''}")
    return "Your rota: " + (", ".join(parts) if parts else "nothing yet") + "."


class RotaSection(QWidget):
    """Emits ``changed`` after the rota is saved or cleared (Today, Trends and reminders follow)."""

    changed = Signal()

    def __init__(self, session: Session, prompts: Prompts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._prompts = prompts
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        heading = QLabel("Your rota")
        heading.setObjectName("heading")
        column.addWidget(heading)
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        column.addWidget(self.summary)
        buttons = QWidget()
        row = FlowLayout(buttons, spacing=8)  # wraps in a narrow window
        self.pattern_button = QPushButton("Set a repeating pattern\u2026")
        self.pattern_button.clicked.connect(self.edit_pattern)
        self.calendar_button = QPushButton("Import a calendar file\u2026")
        self.calendar_button.setAccessibleName("Import your rota from a calendar file (.ics)")
        self.calendar_button.clicked.connect(self.import_calendar)
        self.rules_button = QPushButton("Rules for calendar files\u2026")
        self.rules_button.clicked.connect(self.edit_rules)
        self.change_button = QPushButton("Change one day\u2026")
        self.change_button.clicked.connect(self.change_day)
        self.clear_button = QPushButton("Clear rota")
        self.clear_button.clicked.connect(self.clear)
        for button in (
            self.pattern_button,
            self.calendar_button,
            self.rules_button,
            self.change_button,
            self.clear_button,
        ):
            row.addWidget(button)
        column.addWidget(buttons)
        self.notice = Notice("calm")
        column.addWidget(self.notice)
        self.refresh()

    def refresh(self) -> None:
        rota = self._session.rota() if self._session.is_open else None
        self.summary.setText(describe(rota) if rota is not None else NO_ROTA)
        self.change_button.setEnabled(rota is not None)
        self.clear_button.setEnabled(rota is not None)

    def _save(self, rota: Rota, said: str) -> None:
        self._session.save_rota(rota)
        self.refresh()
        self.notice.show_notice(said, seconds=8)
        self.changed.emit()

    def edit_pattern(self) -> None:
        now = datetime.now(LONDON)
        current = self._session.rota()
        pattern = self._prompts.rota_pattern(
            self, current.pattern if current is not None else None, now.date()
        )
        if pattern is None:
            return
        rota = Rota(pattern=pattern) if current is None else _replace(current, pattern=pattern)
        self._save(rota, "Your repeating pattern is saved.")

    def import_calendar(self) -> None:
        path = self._prompts.open_path(
            self, "Import your rota", Path.home(), "Calendar files (*.ics);;All files (*)"
        )
        if path is None:
            return
        now = datetime.now(LONDON)
        try:
            rota = self._session.rota_with_file(path, now)
        except RotaFileError as error:
            self.notice.show_notice(f"{path.name} cannot be used as a rota. {error}")
            return
        except OSError as error:
            self.notice.show_notice(f"{path.name} could not be read ({error.strerror}).")
            return
        if self._prompts.rota_preview(self, path.name, days_ahead(rota, now.date())):
            self._save(rota, f"Your rota now comes from {path.name}.")

    def edit_rules(self) -> None:
        """The words that say which shift a calendar event is; kept with the rota."""
        current = self._session.rota()
        base = current if current is not None else Rota()
        mapping = self._prompts.rota_rules(self, base.mapping)
        if mapping is not None:
            self._save(_replace(base, mapping=mapping), "Your rules for calendar files are saved.")

    def change_day(self) -> None:
        current = self._session.rota()
        if current is None:
            return
        change = self._prompts.rota_change(self, datetime.now(LONDON).date())
        if change is None:
            return
        try:
            rota = with_change(current, change)
        except InvalidRota as error:
            self.notice.show_notice(f"That change cannot be used: {error}")
            return
        self._save(rota, "The change is saved.")

    def clear(self) -> None:
        if not self._prompts.confirm(
            self,
            "Clear your rota",
            "Forget your rota? Your check-ins stay as they are.",
            "Clear rota",
        ):
            return
        self._session.clear_rota()
        self.refresh()
        self.notice.show_notice("Your rota is cleared.", seconds=8)
        self.changed.emit()


def _replace(rota: Rota, **changes: object) -> Rota:
    import dataclasses

    return dataclasses.replace(rota, **changes)  # type: ignore[arg-type]
