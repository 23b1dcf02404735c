"""Settings: how soon the app locks, its look, the passphrase, and where the data lives."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from wellbeing_app.domain.passphrase import assess_passphrase
from wellbeing_app.services.passphrases import WeakPassphraseError, change_passphrase
from wellbeing_app.services.preferences import IDLE_MINUTES_RANGE, Preferences, Theme
from wellbeing_app.storage.errors import WrongSecretError
from wellbeing_app.storage.keyslots import DEFAULT_KDF, KdfParams
from wellbeing_app.storage.vault import Vault
from wellbeing_app.ui.widgets import Notice, StrengthMeter
from wellbeing_app.ui.workers import BackgroundTask

THEME_LABELS = {
    Theme.SYSTEM: "Follow my computer (light or dark)",
    Theme.LIGHT: "Light",
    Theme.DARK: "Dark",
}


class ChangePassphraseDialog(QDialog):
    """Current passphrase or recovery key, then the new one twice. Only the slot is rewritten."""

    def __init__(
        self,
        vault: Vault,
        *,
        kdf: KdfParams | None = None,
        after_recovery: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Change passphrase")
        self._vault = vault
        self._kdf = kdf or DEFAULT_KDF
        self._task: BackgroundTask | None = None
        column = QVBoxLayout(self)
        intro = QLabel(
            "You unlocked with your recovery key. Choose a new passphrase now; your "
            "recovery key will keep working."
            if after_recovery
            else "Type your current passphrase (or your recovery key), then the new one twice. "
            "Your recovery key will keep working."
        )
        intro.setWordWrap(True)
        column.addWidget(intro)
        self.current = QLineEdit()
        self.current.setEchoMode(QLineEdit.EchoMode.Password)
        self.current.setAccessibleName("Current passphrase or recovery key")
        self.new = QLineEdit()
        self.new.setEchoMode(QLineEdit.EchoMode.Password)
        self.new.setAccessibleName("New passphrase")
        self.again = QLineEdit()
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        self.again.setAccessibleName("New passphrase again")
        self.meter = StrengthMeter()
        form = QFormLayout()
        form.addRow("Current passphrase or recovery key", self.current)
        form.addRow("New passphrase", self.new)
        form.addRow("New passphrase again", self.again)
        form.addRow("", self.meter)
        column.addLayout(form)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setMaximumHeight(6)
        self.busy.hide()
        column.addWidget(self.busy)
        self.mismatch = Notice("notice")
        column.addWidget(self.mismatch)
        self.message = Notice("notice")
        column.addWidget(self.message)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.change_button = self.buttons.addButton(
            "Change passphrase", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.change_button.setObjectName("primary")
        self.change_button.setEnabled(False)
        self.buttons.accepted.connect(self._start)
        self.buttons.rejected.connect(self.reject)
        column.addWidget(self.buttons)
        for field in (self.current, self.new, self.again):
            field.textChanged.connect(self._changed)
        self.setMinimumWidth(520)

    def prefill_current(self, secret: str) -> None:
        """After a recovery-key unlock the user has just typed it: don't ask again."""
        self.current.setText(secret)
        self.current.setEnabled(False)

    def _changed(self) -> None:
        text = self.new.text()
        assessment = assess_passphrase(text) if text else None
        self.meter.show_assessment(assessment)
        if self.again.text() and self.again.text() != text:
            self.mismatch.show_notice("The new passphrases are not the same yet.")
        else:
            self.mismatch.clear_notice()
        self.change_button.setEnabled(
            bool(self.current.text())
            and assessment is not None
            and assessment.acceptable
            and text == self.again.text()
            and self._task is None
        )

    def _start(self) -> None:
        current, new, vault, kdf = self.current.text(), self.new.text(), self._vault, self._kdf
        self.change_button.setEnabled(False)
        self.busy.show()
        self.message.show_notice("Changing your passphrase…")
        self._task = BackgroundTask(lambda: change_passphrase(vault, current, new, kdf=kdf), self)
        self._task.succeeded.connect(self._done)
        self._task.failed.connect(self._failed)
        self._task.start()

    def busy_task(self) -> BackgroundTask | None:
        return self._task

    def _done(self, _result: object) -> None:
        self._task = None
        self.busy.hide()
        for field in (self.current, self.new, self.again):
            field.clear()
        self.accept()

    def _failed(self, error: object) -> None:
        self._task = None
        self.busy.hide()
        if isinstance(error, WrongSecretError):
            self.message.show_notice(
                "That is not your current passphrase or recovery key. Nothing was changed."
            )
        elif isinstance(error, WeakPassphraseError):
            self.message.show_notice(f"Please choose a stronger passphrase. {error}")
        else:
            self.message.show_notice(f"The passphrase was not changed ({type(error).__name__}).")
        self._changed()


class SettingsPage(QWidget):
    """Changes apply at once; ``preferences_changed`` carries the new preferences."""

    preferences_changed = Signal(object)
    change_passphrase_requested = Signal()
    backup_requested = Signal()
    restore_requested = Signal()
    support_filters_changed = Signal(object, object)
    export_requested = Signal()
    title = "Settings"

    def __init__(self, prefs: Preferences, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._prefs = prefs
        column = QVBoxLayout(self)
        column.setContentsMargins(24, 16, 24, 16)
        column.setSpacing(14)
        heading = QLabel("Settings")
        heading.setObjectName("title")
        column.addWidget(heading)

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        self.idle_minutes = QSpinBox()
        self.idle_minutes.setRange(*IDLE_MINUTES_RANGE)
        self.idle_minutes.setSuffix(" minutes")
        self.idle_minutes.setValue(prefs.idle_minutes)
        self.idle_minutes.setAccessibleName("Lock after this many minutes without use")
        self.idle_minutes.valueChanged.connect(lambda value: self._update(idle_minutes=int(value)))
        form.addRow("Lock after", self.idle_minutes)
        self.lock_on_minimise = QCheckBox("Lock when I minimise the window")
        self.lock_on_minimise.setChecked(prefs.lock_on_minimise)
        self.lock_on_minimise.toggled.connect(lambda on: self._update(lock_on_minimise=bool(on)))
        form.addRow("", self.lock_on_minimise)
        self.theme = QComboBox()
        self.theme.setAccessibleName("Appearance")
        for theme, label in THEME_LABELS.items():
            self.theme.addItem(label, theme.value)
        self.theme.setCurrentIndex(self.theme.findData(prefs.theme.value))
        self.theme.currentIndexChanged.connect(
            lambda _i: self._update(theme=Theme(self.theme.currentData()))
        )
        form.addRow("Appearance", self.theme)
        self.nation = QComboBox()
        self.nation.setAccessibleName("Where you work, for the Support page")
        self.nation.addItem("Anywhere in the UK", None)
        self.audience = QComboBox()
        self.audience.setAccessibleName("Who you are, for the Support page")
        self.audience.addItem("Anyone", None)
        from wellbeing_app.ui.support_page import AUDIENCE_LABELS, NATION_LABELS

        for nation, label in NATION_LABELS.items():
            self.nation.addItem(label, nation.value)
        for audience, label in AUDIENCE_LABELS.items():
            self.audience.addItem(label.capitalize(), audience.value)
        for combo in (self.nation, self.audience):
            combo.currentIndexChanged.connect(lambda _i: self._filters_changed())
        form.addRow("Support for", self.nation)
        form.addRow("You are", self.audience)
        self.on_this_day = QCheckBox("Show \u201cOn this day\u201d from earlier years")
        self.on_this_day.setChecked(prefs.on_this_day)
        self.on_this_day.toggled.connect(lambda on: self._update(on_this_day=bool(on)))
        form.addRow("Journal", self.on_this_day)
        column.addLayout(form)

        self.change_passphrase = QPushButton("Change passphrase…")
        self.change_passphrase.clicked.connect(self.change_passphrase_requested.emit)
        self.passphrase_notice = Notice("calm")
        row = QHBoxLayout()
        row.addWidget(self.change_passphrase)
        row.addWidget(self.passphrase_notice, 1)
        column.addLayout(row)

        backups_heading = QLabel("Backups")
        backups_heading.setObjectName("heading")
        column.addWidget(backups_heading)
        self.last_backup = QLabel("")
        self.last_backup.setWordWrap(True)
        column.addWidget(self.last_backup)
        backup_row = QHBoxLayout()
        self.backup_button = QPushButton("Back up now…")
        self.backup_button.clicked.connect(self.backup_requested.emit)
        self.restore_button = QPushButton("Restore…")
        self.restore_button.clicked.connect(self.restore_requested.emit)
        self.export_button = QPushButton("Export as JSON or CSV…")
        self.export_button.clicked.connect(self.export_requested.emit)
        backup_row.addWidget(self.backup_button)
        backup_row.addWidget(self.restore_button)
        backup_row.addWidget(self.export_button)
        backup_row.addStretch(1)
        column.addLayout(backup_row)
        self.backup_notice = Notice("calm")
        column.addWidget(self.backup_notice)
        from wellbeing_app.services.backups import last_backup_time

        self.show_last_backup(last_backup_time(folder))

        where = QLabel("Your vault is kept in this folder, readable only by you:")
        where.setWordWrap(True)
        self.folder = QLineEdit(str(folder))
        self.folder.setReadOnly(True)
        self.folder.setAccessibleName("Data folder")
        column.addWidget(where)
        column.addWidget(self.folder)
        column.addStretch(1)

    def _update(self, **changes: object) -> None:
        self._prefs = replace(self._prefs, **changes)  # type: ignore[arg-type]
        self.preferences_changed.emit(self._prefs)

    def set_support_filters(self, nation: object, audience: object) -> None:
        """Show the stored choices (without announcing a change)."""
        for combo, value in ((self.nation, nation), (self.audience, audience)):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(0, combo.findData(getattr(value, "value", None))))
            combo.blockSignals(False)

    def _filters_changed(self) -> None:
        from wellbeing_app.domain.support import Audience, Nation

        nation, audience = self.nation.currentData(), self.audience.currentData()
        self.support_filters_changed.emit(
            Nation(nation) if nation else None, Audience(audience) if audience else None
        )

    def show_last_backup(self, when: datetime | None) -> None:
        if when is None:
            text = "No automatic backup yet. One is made each day you unlock or lock the app."
        else:
            text = (
                f"Last automatic backup: {when.astimezone().strftime('%-d %B %Y at %H:%M')}. "
                "A backup is made each day you use the app; the last 7 days and 4 weeks are kept "
                "in the backups folder inside your data folder."
            )
        self.last_backup.setText(text)

    def passphrase_changed(self) -> None:
        self.passphrase_notice.show_notice(
            "Your passphrase has been changed. Your recovery key still works.", seconds=10
        )
