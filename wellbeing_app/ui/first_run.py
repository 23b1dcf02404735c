"""First run: what the app is, choose a passphrase, write down the recovery key."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from wellbeing_app import paths
from wellbeing_app.kdf import DEFAULT_KDF, KdfParams
from wellbeing_app.services.session import Session
from wellbeing_app.ui.keyboard import is_plain_enter, press_focused_button
from wellbeing_app.ui.prompts import Prompts
from wellbeing_app.ui.widgets import NewPassphraseFields, Notice
from wellbeing_app.ui.workers import BackgroundTask

WELCOME = (
    "<p>Took Home is a private notebook for the end of a shift. In under a minute you can "
    "note how it went, how you slept, and what you took home from it. Over time it shows "
    "you your own patterns, and points you to support when it matters.</p>"
    "<p><b>Everything you write stays on this computer, encrypted.</b> The app never "
    "connects to the internet.</p>"
    "<p>Nobody, not even the people who made this app, can open it without your "
    "passphrase or your recovery key. There is no reset service, so keep them safe.</p>"
)


def _page(*widgets: QWidget) -> QWidget:
    page = QWidget()
    column = QVBoxLayout(page)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(14)
    for widget in widgets:
        column.addWidget(widget)
    column.addStretch(1)
    return page


def _label(text: str, name: str | None = None) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    if name:
        label.setObjectName(name)
    return label


class FirstRunScreen(QWidget):
    """Three short steps. Emits ``finished`` with a session on the new, open vault."""

    finished = Signal(object)

    def __init__(
        self,
        folder: Path,
        prompts: Prompts,
        *,
        kdf: KdfParams | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._folder = folder
        self._prompts = prompts
        self._kdf = kdf or DEFAULT_KDF
        self._session: Session | None = None
        self._recovery_key = ""
        self._task: BackgroundTask | None = None

        outer = QVBoxLayout(self)
        outer.setContentsMargins(40, 24, 40, 24)
        self.steps = QStackedWidget()
        self.steps.setMaximumWidth(640)
        outer.addWidget(self.steps, 0, Qt.AlignmentFlag.AlignHCenter)

        # Step 1: what this is.
        self.start_button = QPushButton("Set up my vault")
        self.start_button.setObjectName("primary")
        self.start_button.clicked.connect(lambda: self._go(1))
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.start_button)
        holder = QWidget()
        holder.setLayout(row)
        self.steps.addWidget(
            _page(_label("Welcome to Took Home", "title"), _label(WELCOME), holder)
        )

        # Step 2: the passphrase.
        self.fields = NewPassphraseFields("Passphrase", "Again", show_typing=True, parent=self)
        self.passphrase, self.confirm = self.fields.passphrase, self.fields.again
        self.meter, self.match_notice = self.fields.meter, self.fields.mismatch
        self.create_button = QPushButton("Create my vault")
        self.create_button.setObjectName("primary")
        self.create_button.setEnabled(False)
        self.create_button.clicked.connect(self._create)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumHeight(6)
        self.busy.setTextVisible(False)
        self.busy.hide()
        self.error = Notice("notice")
        form = QFormLayout()
        self.fields.add_rows(form)
        form_holder = QWidget()
        form_holder.setLayout(form)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.create_button)
        button_holder = QWidget()
        button_holder.setLayout(buttons)
        self.steps.addWidget(
            _page(
                _label("Choose a passphrase", "title"),
                _label(
                    "A passphrase is a password made of a few words. Longer is stronger: "
                    "15 characters or more is good. Pasting from a password manager is fine."
                ),
                form_holder,
                self.match_notice,
                self.busy,
                self.error,
                button_holder,
            )
        )
        self.fields.changed.connect(self._passphrase_changed)
        self.passphrase.returnPressed.connect(self._passphrase_entered)
        self.confirm.returnPressed.connect(self._create)

        # Step 3: the recovery key.
        self.key_label = QLabel("")
        self.key_label.setObjectName("recoveryKey")
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key_label.setAccessibleName("Your recovery key")
        self.save_button = QPushButton("Save to file…")
        self.save_button.clicked.connect(self._save_key)
        self.saved_notice = Notice("calm")
        self.written_down = QCheckBox("I have written it down and put it somewhere safe")
        self.continue_button = QPushButton("Continue")
        self.continue_button.setObjectName("primary")
        self.continue_button.setEnabled(False)
        self.written_down.toggled.connect(self.continue_button.setEnabled)
        self.continue_button.clicked.connect(self._finish)
        key_buttons = QHBoxLayout()
        key_buttons.addWidget(self.save_button)
        key_buttons.addStretch(1)
        key_buttons.addWidget(self.continue_button)
        key_holder = QWidget()
        key_holder.setLayout(key_buttons)
        self.steps.addWidget(
            _page(
                _label("Your recovery key", "title"),
                _label(
                    "If you ever forget your passphrase, this key is the only way back in. "
                    "<b>Write it down now</b> and keep it somewhere safe, away from this "
                    "computer. It will not be shown again."
                ),
                self.key_label,
                self.written_down,
                self.saved_notice,
                key_holder,
            )
        )

        # Enter on each step presses its main button (see keyPressEvent).
        self.default_buttons = (self.start_button, self.create_button, self.continue_button)
        for button in self.default_buttons:
            button.setDefault(True)

    # -- steps -----------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        """Enter that no field used: the focused button, else this step's main button."""
        if not is_plain_enter(event):
            super().keyPressEvent(event)
            return
        event.accept()
        if event.isAutoRepeat() or press_focused_button():
            return
        default = self.default_buttons[self.steps.currentIndex()]
        if default.isEnabled() and default.isVisible():
            default.click()

    def _passphrase_entered(self) -> None:
        if not self.fields.ready():
            self.confirm.setFocus(Qt.FocusReason.OtherFocusReason)

    def _go(self, index: int) -> None:
        self.steps.setCurrentIndex(index)
        focus = {0: self.start_button, 1: self.passphrase, 2: self.written_down}[index]
        # At once, not on a timer: a key pressed straight after must land here.
        focus.setFocus(Qt.FocusReason.OtherFocusReason)

    def showEvent(self, event: object) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)  # type: ignore[arg-type]
        QTimer.singleShot(0, self.start_button.setFocus)

    def _passphrase_changed(self) -> None:
        self.create_button.setEnabled(self.fields.ready() and self._task is None)

    def _create(self) -> None:
        if not self.create_button.isEnabled():
            return
        passphrase = self.passphrase.text()
        self.create_button.setEnabled(False)
        self.passphrase.setEnabled(False)
        self.confirm.setEnabled(False)
        self.busy.show()
        self.error.clear_notice()
        folder, kdf = self._folder, self._kdf
        self._task = BackgroundTask(lambda: Session.create(folder, passphrase, kdf=kdf), self)
        self._task.succeeded.connect(self._created)
        self._task.failed.connect(self._create_failed)
        self._task.start()

    def _created(self, result: object) -> None:
        self._task = None
        assert isinstance(result, tuple)
        session, recovery_key = result
        assert isinstance(session, Session) and isinstance(recovery_key, str)
        self._session = session
        self._recovery_key = recovery_key
        self.passphrase.clear()
        self.confirm.clear()
        self.busy.hide()
        self.key_label.setText(recovery_key)
        self._go(2)

    def _create_failed(self, error: object) -> None:
        self._task = None
        self.busy.hide()
        self.passphrase.setEnabled(True)
        self.confirm.setEnabled(True)
        self.error.show_notice(f"The vault could not be created: {error}")
        self._passphrase_changed()

    def _save_key(self) -> None:
        warning = (
            "Anyone who finds this file can open your vault with it. Save it somewhere "
            "only you can reach, such as a USB stick you keep safe, and do not leave it "
            "on this computer. Printing it and deleting the file is safest."
        )
        if not self._prompts.confirm(self, "Save the recovery key?", warning, "Choose where…"):
            return
        path = self._prompts.save_path(
            self,
            "Save recovery key",
            Path.home() / "took-home-recovery-key.txt",
            "Text files (*.txt)",
        )
        if path is None:
            return
        text = (
            "Took Home recovery key\n\n"
            f"    {self._recovery_key}\n\n"
            "This key opens your Took Home vault if you forget your passphrase.\n"
            "Keep it somewhere safe, away from the computer.\n"
        )
        try:
            paths.write_atomically(path, text.encode("utf-8"))
        except OSError as error:
            self.saved_notice.show_notice(f"Could not save the file: {error.strerror}.")
            return
        self.saved_notice.show_notice(f"Saved to {path}. Keep it somewhere safe.")

    def _finish(self) -> None:
        session, self._session = self._session, None
        self._recovery_key = ""
        self.key_label.setText("")
        if session is not None:
            self.finished.emit(session)

    def busy_task(self) -> BackgroundTask | None:
        return self._task
