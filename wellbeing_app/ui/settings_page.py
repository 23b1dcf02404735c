"""Settings: how soon the app locks, its look, the passphrase, reminders, where the data is."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

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

from wellbeing_app.domain.dates import moment
from wellbeing_app.kdf import DEFAULT_KDF, KdfParams
from wellbeing_app.services.errors import WrongSecretError
from wellbeing_app.services.passphrases import WeakPassphraseError
from wellbeing_app.services.preferences import IDLE_MINUTES_RANGE, Preferences, Theme
from wellbeing_app.services.session import Session
from wellbeing_app.ui.widgets import NewPassphraseFields, Notice, empty_layout, scrolling_column
from wellbeing_app.ui.workers import BackgroundTask

THEME_LABELS = {
    Theme.SYSTEM: "Follow my computer (light or dark)",
    Theme.LIGHT: "Light",
    Theme.DARK: "Dark",
}

if TYPE_CHECKING:
    from wellbeing_app.ui.rota_section import RotaSection
    from wellbeing_app.ui.routine_section import RoutineSection
    from wellbeing_app.ui.selfcheck_offers import SelfCheckOffersSection


class ChangePassphraseDialog(QDialog):
    """Current passphrase or recovery key, then the new one twice. Only the slot is rewritten."""

    def __init__(
        self,
        session: Session,
        *,
        kdf: KdfParams | None = None,
        after_recovery: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Change passphrase")
        self._session = session
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
        self.fields = NewPassphraseFields("New passphrase", "New passphrase again", parent=self)
        self.new, self.again = self.fields.passphrase, self.fields.again
        self.meter, self.mismatch = self.fields.meter, self.fields.mismatch
        form = QFormLayout()
        form.addRow("Current passphrase or recovery key", self.current)
        self.fields.add_rows(form)
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
        self.current.textChanged.connect(self._changed)
        self.fields.changed.connect(self._changed)
        self.setMinimumWidth(520)

    def prefill_current(self, secret: str) -> None:
        """After a recovery-key unlock the user has just typed it: don't ask again."""
        self.current.setText(secret)
        self.current.setEnabled(False)

    def _changed(self) -> None:
        self.change_button.setEnabled(
            bool(self.current.text()) and self.fields.ready() and self._task is None
        )

    def _start(self) -> None:
        current, new, session, kdf = self.current.text(), self.new.text(), self._session, self._kdf
        self.change_button.setEnabled(False)
        self.busy.show()
        self.message.show_notice("Changing your passphrase…")
        self._task = BackgroundTask(lambda: session.change_passphrase(current, new, kdf=kdf), self)
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
    report_requested = Signal()
    import_requested = Signal()
    copy_folder_requested = Signal()
    delete_kept_aside_requested = Signal(str)
    title = "Settings"

    def __init__(
        self,
        prefs: Preferences,
        folder: Path,
        parent: QWidget | None = None,
        *,
        rota: RotaSection | None = None,
        selfcheck_offers: SelfCheckOffersSection | None = None,
        routine: RoutineSection | None = None,
    ) -> None:
        super().__init__(parent)
        self._prefs = prefs
        column = scrolling_column(self)
        column.setSpacing(14)
        self._column = column
        # Sections that need the open vault, made by the window and placed here, in
        # reading order, before the widgets after them are made (so Tab follows).
        self.rota = rota
        self.selfcheck_offers = selfcheck_offers
        self.routine = routine
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

        for section in (rota, selfcheck_offers, routine):
            if section is not None:
                column.addWidget(section)

        from wellbeing_app.ui.reminders_section import RemindersSection

        self.reminders = RemindersSection(prefs, folder, self._update)
        column.addWidget(self.reminders)

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

        # A second place for the backups: a USB stick, or a folder a sync tool keeps.
        self.copy_status = QLabel("")
        self.copy_status.setWordWrap(True)
        column.addWidget(self.copy_status)
        copy_row = QHBoxLayout()
        self.copy_button = QPushButton("Also copy backups to\u2026")
        self.copy_button.clicked.connect(self.copy_folder_requested.emit)
        self.stop_copy_button = QPushButton("Stop copying")
        self.stop_copy_button.clicked.connect(lambda: self._update(backup_copy_folder=""))
        self.stop_copy_button.clicked.connect(lambda: self.show_copy_status(None))
        copy_row.addWidget(self.copy_button)
        copy_row.addWidget(self.stop_copy_button)
        copy_row.addStretch(1)
        column.addLayout(copy_row)
        self.show_copy_status(None)

        # Vaults that restores set aside (each under its own dated name).
        self._folder_path = folder
        self.kept_aside_heading = QLabel("Kept aside by earlier restores")
        self.kept_aside_heading.setObjectName("subheading")
        column.addWidget(self.kept_aside_heading)
        self.kept_aside_rows = QVBoxLayout()
        column.addLayout(self.kept_aside_rows)
        self.refresh_kept_aside()

        report_heading = QLabel("A report for your GP or occupational health")
        report_heading.setObjectName("heading")
        column.addWidget(report_heading)
        report_text = QLabel(
            "A PDF of your numbers and charts for a range of dates, to print or to show "
            "someone you choose. What you wrote goes in only if you tick it. Like an export, "
            "it is not encrypted."
        )
        report_text.setWordWrap(True)
        column.addWidget(report_text)
        report_row = QHBoxLayout()
        self.report_button = QPushButton("Make a report…")
        self.report_button.clicked.connect(self.report_requested.emit)
        report_row.addWidget(self.report_button)
        report_row.addStretch(1)
        column.addLayout(report_row)
        self.report_notice = Notice("calm")
        column.addWidget(self.report_notice)

        import_heading = QLabel("Bring check-ins in")
        import_heading.setObjectName("heading")
        column.addWidget(import_heading)
        import_text = QLabel(
            "From a Took Home export, or from Daylio, jrnl or Day One. You see what the file "
            "holds before anything is added, and check-ins already in your journal are skipped."
        )
        import_text.setWordWrap(True)
        column.addWidget(import_text)
        import_row = QHBoxLayout()
        self.import_button = QPushButton("Import\u2026")
        self.import_button.setAccessibleName("Import check-ins from a file")
        self.import_button.clicked.connect(self.import_requested.emit)
        import_row.addWidget(self.import_button)
        import_row.addStretch(1)
        column.addLayout(import_row)
        self.import_notice = Notice("calm")
        column.addWidget(self.import_notice)

        where = QLabel("Your vault is kept in this folder, readable only by you:")
        where.setWordWrap(True)
        self.folder = QLineEdit(str(folder))
        self.folder.setReadOnly(True)
        self.folder.setAccessibleName("Data folder")
        column.addWidget(where)
        column.addWidget(self.folder)
        self.folder_notice = Notice("calm")
        column.addWidget(self.folder_notice)
        from wellbeing_app import paths

        warning = paths.folder_privacy_warning(folder)
        if warning:
            where.setText("Your vault is kept in this folder:")
            self.folder_notice.show_notice(warning[0].upper() + warning[1:] + ".")
        column.addStretch(1)

    def note_preferences(self, prefs: Preferences) -> None:
        """Preferences changed elsewhere (Wind down's "Reduce motion"): keep them, quietly."""
        self._prefs = prefs

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
                f"Last automatic backup: {moment(when)}. "
                "A backup is made each day you use the app; the last 7 days and 4 weeks are kept "
                "in the backups folder inside your data folder."
            )
        self.last_backup.setText(text)

    def set_copy_folder(self, directory: Path) -> None:
        """Copy each day's backup to ``directory`` from now on."""
        self._update(backup_copy_folder=str(directory))
        self.copy_status.setText(f"Copying the newest backup to {directory}\u2026")
        self.stop_copy_button.setVisible(True)

    def show_copy_status(self, outcome: object) -> None:
        """Say where backups are also copied, and how the last copy went (never a pop-up)."""
        from wellbeing_app.services.backups import CopyOutcome, newest_copy

        chosen = self._prefs.backup_copy_folder
        self.stop_copy_button.setVisible(bool(chosen))
        self.copy_button.setText(
            "Copy backups to a different folder\u2026" if chosen else "Also copy backups to\u2026"
        )
        if not chosen:
            self.copy_status.setText(
                "A backup on this computer's disk does not survive the disk. You can also copy "
                "each day's backup to a USB stick, or to a folder a sync tool keeps elsewhere. "
                "The copies are the same encrypted files."
            )
            return
        directory = Path(chosen)
        text = f"Each day's backup is also copied to {directory}."
        if isinstance(outcome, CopyOutcome) and outcome.problem:
            text += f" Just now {outcome.problem}."
        else:
            newest = newest_copy(directory)
            if newest is not None:
                when = moment(newest.made_at)
                text += f" The newest copy there is from {when}, checked after copying."
            elif not directory.is_dir():
                text += (
                    " It is not there just now (is the drive plugged in?); "
                    "the copy will be made next time."
                )
        self.copy_status.setText(text)

    def show_import_result(self, text: str) -> None:
        """Say what an import did, in view, with the keyboard back on Import…."""
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QScrollArea

        self.import_notice.show_notice(text, seconds=20)
        self.import_button.setFocus()
        scroll = self.findChild(QScrollArea)
        if scroll is not None:
            # Once the notice has its height (it was hidden until now).
            QTimer.singleShot(0, lambda: scroll.ensureWidgetVisible(self.import_notice))

    def refresh_kept_aside(self) -> None:
        """List the vaults earlier restores kept aside, each with its own Delete button."""
        from wellbeing_app.services.backups import kept_aside

        empty_layout(self.kept_aside_rows)
        sets = kept_aside(self._folder_path)
        self.kept_aside_heading.setVisible(bool(sets))
        self.kept_aside_labels: list[QLabel] = []
        self.kept_aside_buttons: list[QPushButton] = []
        for kept in sets:
            row = QHBoxLayout()
            when = moment(kept.made_at) if kept.made_at is not None else "an earlier restore"
            label = QLabel(f"The vault as it was before the restore on {when} ({_size(kept.size)})")
            label.setWordWrap(True)
            button = QPushButton("Delete\u2026")
            button.setAccessibleName(f"Delete the vault kept aside on {when}")
            button.clicked.connect(
                lambda _checked=False, stamp=kept.stamp: self.delete_kept_aside_requested.emit(
                    stamp
                )
            )
            row.addWidget(label, 1)
            row.addWidget(button)
            self.kept_aside_rows.addLayout(row)
            self.kept_aside_labels.append(label)
            self.kept_aside_buttons.append(button)

    def passphrase_changed(self) -> None:
        self.passphrase_notice.show_notice(
            "Your passphrase has been changed. Your recovery key still works.", seconds=10
        )


def _size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    return f"{max(1, round(size / 1024))} KB"
