"""The lock screen: neutral, calm, and quick to get past with the right passphrase."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wellbeing_app.services.errors import (
    NoVaultError,
    VaultDamagedError,
    VaultError,
    WrongSecretError,
)
from wellbeing_app.ui.notice import Notice

if TYPE_CHECKING:
    from wellbeing_app.ui.workers import BackgroundTask

WRONG_PASSPHRASE = (
    "That passphrase didn't unlock it. Check Caps Lock and your keyboard layout, "
    "and try again. If you have forgotten it, use your recovery key."
)
WRONG_RECOVERY_KEY = (
    "That recovery key didn't unlock it. Check each group of four letters and digits "
    "against what you wrote down."
)
NOT_A_RECOVERY_KEY = "A recovery key is eight groups of four letters and digits."

# While the lock screen waits for a passphrase, the code of an unlocked session
# loads: its plain Python on a thread (``services.warm_up``), and the first
# page's Qt modules here on the UI thread, one at a time between events.
LOAD_AHEAD_MS: Final = 300  # after the lock screen is shown: its first paint comes first
FIRST_PAGE_UI: Final = (
    "wellbeing_app.ui.workers",  # "Unlock" derives the key on a worker thread
    "wellbeing_app.ui.widgets",
    "wellbeing_app.ui.shell",
    "wellbeing_app.ui.today_page",
)


def damage_message(reason: str, folder: Path) -> str:
    return (
        f"<b>Your vault could not be opened because a file is damaged</b> ({reason}). "
        "Nothing has been changed and nothing has been deleted.<br><br>"
        f"Before trying anything else, copy the whole folder <tt>{folder}</tt> somewhere "
        "safe. Then see \u201cIf something goes wrong\u201d in the guide: if you have a "
        "backup, you can restore it from there."
    )


class UnlockScreen(QWidget):
    """Passphrase (or recovery key) in, open vault out.

    Emits ``unlocked(session, recovery_key)``; the recovery key is the text typed
    when the user unlocked with it (so the next step need not ask again), else "".
    """

    unlocked = Signal(object, str)

    def __init__(self, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._folder = folder
        self._recovery_mode = False
        self._task: BackgroundTask | None = None
        self._to_load: list[str] | None = None  # FIRST_PAGE_UI, once the loading began
        self._load_timer = QTimer(self)
        self._load_timer.setSingleShot(True)
        self._load_timer.timeout.connect(self._load_ahead)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(40, 40, 40, 40)
        outer.addStretch(1)
        box = QWidget()
        box.setMinimumWidth(360)
        box.setMaximumWidth(560)
        column = QVBoxLayout(box)
        column.setSpacing(12)
        self.title = QLabel("Took Home is locked")
        self.title.setObjectName("title")
        self.prompt = QLabel("Enter your passphrase to unlock.")
        self.prompt.setWordWrap(True)
        self.field = QLineEdit()
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setAccessibleName("Passphrase")
        self.field.setPlaceholderText("Passphrase")
        self.field.returnPressed.connect(self.start_unlock)
        self.unlock_button = QPushButton("Unlock")
        self.unlock_button.setObjectName("primary")
        self.unlock_button.clicked.connect(self.start_unlock)
        row = QHBoxLayout()
        row.addWidget(self.field, 1)
        row.addWidget(self.unlock_button)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setMaximumHeight(6)
        self.busy.setAccessibleName("Unlocking")
        self.busy.hide()
        self.message = Notice("notice", rich=True)
        self.restore_button = QPushButton("")
        self.restore_button.clicked.connect(self.restore_newest_backup)
        self.restore_button.hide()
        self.mode_button = QPushButton("Use my recovery key instead")
        self.mode_button.setFlat(True)
        self.mode_button.clicked.connect(self.toggle_recovery_mode)
        column.addWidget(self.title)
        column.addWidget(self.prompt)
        column.addLayout(row)
        column.addWidget(self.busy)
        column.addWidget(self.message)
        for button in (self.restore_button, self.mode_button):
            # Held to the left by a stretch (an alignment flag would need ``Qt``'s
            # types before the first window: see ``keyboard``).
            left = QHBoxLayout()
            left.addWidget(button)
            left.addStretch(1)
            column.addLayout(left)
        # Centred by stretches, not by an alignment flag: an aligned widget gets
        # its size hint's width, and a wrapped message then loses its last lines.
        middle = QHBoxLayout()
        middle.addStretch(1)
        middle.addWidget(box, 100)
        middle.addStretch(1)
        outer.addLayout(middle)
        outer.addStretch(2)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._to_load is None:
            self._load_timer.start(LOAD_AHEAD_MS)

    def _load_ahead(self) -> None:
        """Load a session's code while the passphrase is typed (see ``LOAD_AHEAD_MS``)."""
        from wellbeing_app.services.warm_up import start_warm_up

        if self._to_load is None:
            start_warm_up()
            self._to_load = list(FIRST_PAGE_UI)
        if self._to_load:
            importlib.import_module(self._to_load.pop(0))
            self._load_timer.start(0)  # the next one after the events waiting now

    # -- public ----------------------------------------------------------------

    def reset(self) -> None:
        """Back to a plain, empty passphrase prompt (used every time the app locks)."""
        self.field.clear()
        self.field.setEnabled(True)
        self.unlock_button.setEnabled(True)
        self.busy.hide()
        self.message.clear_notice()
        self.restore_button.hide()
        if self._recovery_mode:
            self.toggle_recovery_mode()

    def show_demo_hint(self, passphrase: str) -> None:
        """The demo's lock screen says its (made-up) passphrase."""
        self.prompt.setText(f"This is the demo. Its passphrase is: {passphrase}")

    def show_damage(self, reason: str) -> None:
        """Say what is damaged, and offer the newest good automatic backup if there is one."""
        from wellbeing_app.services.backups import newest_good_backup

        text = damage_message(reason, self._folder)
        found = newest_good_backup(self._folder)
        self._offered_backup = found[0].path if found else None
        if found is not None:
            backup, info = found
            from wellbeing_app.domain.dates import moment

            when = moment(info.created_at)
            text += (
                f"<br><br>There is a backup from {when} ({info.checkins} check-ins). To restore "
                "it, type your passphrase (or recovery key) above and choose "
                "\u201cRestore this backup\u201d. The damaged files are kept aside, not deleted."
            )
            self.restore_button.setText(f"Restore this backup ({when})")
        self.restore_button.setVisible(found is not None)
        self.message.show_notice(text)

    def restore_newest_backup(self) -> None:
        backup = getattr(self, "_offered_backup", None)
        secret = self.field.text()
        if backup is None or self._task is not None:
            return
        if not secret:
            self.message.show_notice(
                "Type the passphrase (or recovery key) you used when the backup was made, "
                "then choose \u201cRestore this backup\u201d again."
            )
            return
        from wellbeing_app.services.backups import restore_with_secret
        from wellbeing_app.ui.workers import BackgroundTask

        folder = self._folder
        self._set_busy(True)
        self.message.show_notice("Checking the backup and restoring it…")
        self._task = BackgroundTask(lambda: restore_with_secret(backup, folder, secret), self)
        self._task.succeeded.connect(lambda _info: self._restored())
        self._task.failed.connect(self._failed)
        self._task.start()

    def _restored(self) -> None:
        from wellbeing_app.event_log import record, start_event_log

        self._task = None
        self._set_busy(False)
        self.restore_button.hide()
        start_event_log(self._folder)
        record("restore done")
        self.message.show_notice("The backup is restored. Unlocking…")
        self.start_unlock()

    def focus_field(self) -> None:
        QTimer.singleShot(0, self.field.setFocus)

    def busy_task(self) -> BackgroundTask | None:
        return self._task

    def toggle_recovery_mode(self) -> None:
        self._recovery_mode = not self._recovery_mode
        self.field.clear()
        self.message.clear_notice()
        if self._recovery_mode:
            self.prompt.setText(
                "Type your recovery key. You will choose a new passphrase straight after."
            )
            self.field.setEchoMode(QLineEdit.EchoMode.Normal)
            self.field.setPlaceholderText("Eight groups of four letters and digits")
            self.field.setAccessibleName("Recovery key")
            self.mode_button.setText("Use my passphrase instead")
        else:
            self.prompt.setText("Enter your passphrase to unlock.")
            self.field.setEchoMode(QLineEdit.EchoMode.Password)
            self.field.setPlaceholderText("Passphrase")
            self.field.setAccessibleName("Passphrase")
            self.mode_button.setText("Use my recovery key instead")
        self.field.setFocus()

    # -- unlocking ---------------------------------------------------------------

    def start_unlock(self) -> None:
        if self._task is not None:
            return
        # SQLCipher and the crypto libraries load here, not at start-up.
        from wellbeing_app.services.session import looks_like_recovery_key, read_key_slots

        secret = self.field.text()
        if not secret:
            self.message.show_notice(
                "Type your recovery key first."
                if self._recovery_mode
                else "Type your passphrase first."
            )
            return
        try:
            slots = read_key_slots(self._folder)
        except VaultDamagedError as error:
            self.show_damage(str(error))
            return
        except NoVaultError:
            self.message.show_notice("There is no vault in this folder any more.")
            return
        if self._recovery_mode:
            if not looks_like_recovery_key(secret):
                self.message.show_notice(NOT_A_RECOVERY_KEY)
                return
            work = lambda: slots.unwrap_recovery_key(secret)  # noqa: E731
        else:
            work = lambda: slots.unwrap(secret)  # noqa: E731
        self._set_busy(True)
        from wellbeing_app.services.warm_up import start_warm_up
        from wellbeing_app.ui.workers import BackgroundTask

        start_warm_up()  # if the passphrase came before the lock screen began loading
        self._task = BackgroundTask(work, self)
        self._task.succeeded.connect(self._got_key)
        self._task.failed.connect(self._failed)
        self._task.start()

    def _set_busy(self, busy: bool) -> None:
        self.field.setEnabled(not busy)
        self.unlock_button.setEnabled(not busy)
        self.mode_button.setEnabled(not busy)
        self.busy.setVisible(busy)
        if busy:
            self.message.show_notice("Unlocking…")

    def _got_key(self, data_key: object) -> None:
        from wellbeing_app.services.session import Session

        self._task = None
        assert isinstance(data_key, bytes)
        try:
            session = Session.open_with_data_key(self._folder, data_key)
        except VaultDamagedError as error:
            self._set_busy(False)
            self.show_damage(str(error))
            return
        except VaultError as error:
            self._set_busy(False)
            self.message.show_notice(str(error).capitalize() + ".")
            return
        recovery_secret = self.field.text() if self._recovery_mode else ""
        self._set_busy(False)
        self.reset()
        self.unlocked.emit(session, recovery_secret)

    def _failed(self, error: object) -> None:
        self._task = None
        self._set_busy(False)
        if isinstance(error, WrongSecretError):
            self.message.show_notice(
                WRONG_RECOVERY_KEY if self._recovery_mode else WRONG_PASSPHRASE
            )
            self.field.selectAll()
            self.field.setFocus()
        elif isinstance(error, VaultDamagedError):
            self.show_damage(str(error))
        else:
            self.message.show_notice(
                f"Something went wrong while unlocking ({type(error).__name__})."
            )
