"""The tray icon, its menu, and the reminder check once a minute.

Only where the desktop has a tray (``tray_available``); without one the
app works as before and no reminder is shown. Each minute the pure timing
(``domain.reminders``, fed by ``services.reminders``) says whether a
reminder is due; a due one is shown once, as a notification whose words
are fixed ("Time for your check-in?"), never anything the user wrote.
Clicking it opens the app: the lock screen first if locked, then Check in.

While the vault is unlocked the timing reads the rota and when check-ins
were made. While it is locked it reads the reminder file, only if the user
chose "Remind me even when locked"; otherwise no reminder comes then.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMenu, QSystemTrayIcon

from wellbeing_app import APP_NAME
from wellbeing_app.domain.reminder_settings import ReminderSettings
from wellbeing_app.domain.reminders import Reminder
from wellbeing_app.domain.rota.model import LONDON
from wellbeing_app.services.errors import VaultError
from wellbeing_app.services.reminders import (
    Reminders,
    Timing,
    forget_locked_timing,
    locked_timing,
    session_shifts,
    timing_unlocked,
    write_locked_timing,
)

if TYPE_CHECKING:
    from wellbeing_app.services.preferences import Preferences
    from wellbeing_app.ui.main_window import MainWindow

CHECK_EVERY_MS: Final = 60_000
MESSAGE_MS: Final = 15_000
STILL_RUNNING: Final = (
    f"{APP_NAME} is still running in the tray, locked, so reminders can come. "
    "To close it completely, choose Quit from the tray menu."
)

Clock = Callable[[], datetime]


def london_now() -> datetime:
    return datetime.now(LONDON)


def tray_available() -> bool:
    """True when the desktop shows tray icons (many Wayland and some X desktops do not)."""
    return QSystemTrayIcon.isSystemTrayAvailable()


class Tray(QObject):
    """The tray icon of one main window; ``check_now`` is what the timer calls."""

    def __init__(
        self,
        window: MainWindow,
        *,
        clock: Clock = london_now,
        quit_app: Callable[[], None] = QApplication.quit,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.clock = clock
        self._quit_app = quit_app
        self.reminders = Reminders()
        self.last_message: tuple[str, str] | None = None
        # The app's icon, which ``run_app`` sets before it adds the tray.
        self.icon = QSystemTrayIcon(QApplication.windowIcon(), self)
        self.icon.setToolTip(APP_NAME)
        self.menu = QMenu()
        self.menu.setAccessibleName(f"{APP_NAME} tray menu")
        self.open_action = self._action(f"Open {APP_NAME}", self.open_window)
        self.check_in_action = self._action("Check in", self.open_check_in)
        self.lock_action = self._action("Lock", self.lock)
        self.menu.addSeparator()
        self.snooze_action = self._action("Remind me in an hour", self.snooze)
        self.not_today_action = self._action("Not today", self.not_today)
        self.menu.addSeparator()
        self.quit_action = self._action("Quit", self.quit)
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._activated)
        self.icon.messageClicked.connect(self.open_check_in)
        window.locked.connect(lambda _reason: self.update_menu())
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.check_now)
        self.timer.start()
        window.tray = self
        if not window.prefs.reminders.when_locked:
            forget_locked_timing(window.folder)  # one left from before the choice was undone
        if QSystemTrayIcon.isSystemTrayAvailable():  # only where a tray really is
            self.icon.show()
        self.update_menu()

    def _action(self, text: str, slot: Callable[[], None]) -> QAction:
        action = self.menu.addAction(text)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason is QSystemTrayIcon.ActivationReason.Trigger:
            self.open_window()

    def update_menu(self) -> None:
        """Lock only while unlocked; Snooze and Not today only while a reminder is showing."""
        self.lock_action.setEnabled(self.window.is_unlocked)
        showing = self.reminders.showing is not None
        self.snooze_action.setVisible(showing)
        self.not_today_action.setVisible(showing)

    # -- the reminder check --------------------------------------------------------------

    def _timing(self, now: datetime) -> tuple[Timing, ReminderSettings] | None:
        window = self.window
        if window.session is not None:
            shifts = session_shifts(window.session)
            return timing_unlocked(window.session, shifts, now), window.prefs.reminders
        if window.prefs.reminders.when_locked and not window.demo:
            return locked_timing(window.folder)
        return None

    def check_now(self) -> Reminder | None:
        """Show the reminder due now, if it has not been shown yet; what was shown."""
        now = self.clock()
        try:
            fed = self._timing(now)
        except (VaultError, OSError):
            fed = None  # the vault is busy (a restore, a full disk): next minute, again
        shown = None
        if fed is None:
            self.reminders.showing = None
        else:
            shown = self.reminders.check(*fed, now)
        if shown is not None:
            self.show_message(shown.title, shown.text)
        self.update_menu()
        return shown

    def show_message(self, title: str, text: str) -> None:
        self.last_message = (title, text)
        self.icon.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, MESSAGE_MS)

    # -- the reminder file ---------------------------------------------------------------

    def vault_changed(self) -> None:
        """The rota, the check-ins or the reminder settings changed, or the vault is locking:
        with "Remind me even when locked" chosen, the reminder file is brought up to date."""
        window = self.window
        session = window.session
        if session is not None and window.prefs.reminders.when_locked and not window.demo:
            now = self.clock()
            try:
                timing = timing_unlocked(session, session_shifts(session), now)
                write_locked_timing(window.folder, timing, window.prefs.reminders, now)
            except (VaultError, OSError):
                pass  # a full disk or a busy vault: the locked reminders wait for the next write
        self.update_menu()

    def preferences_changed(self, old: Preferences, new: Preferences) -> None:
        if old.reminders.when_locked and not new.reminders.when_locked:
            forget_locked_timing(self.window.folder)
        elif new.reminders != old.reminders:
            self.vault_changed()

    # -- the menu's actions --------------------------------------------------------------

    def open_window(self) -> None:
        self.window.bring_forward()

    def open_check_in(self) -> None:
        """Open the app at Check in (after unlocking, if it is locked)."""
        self.reminders.settled()
        self.window.open_check_in()
        self.update_menu()

    def lock(self) -> None:
        self.window.lock("tray")

    def snooze(self) -> None:
        self.reminders.snooze(self.clock())
        self.update_menu()

    def not_today(self) -> None:
        self.reminders.not_today(self.clock())
        self.update_menu()

    def say_still_running(self) -> None:
        self.show_message(APP_NAME, STILL_RUNNING)

    def quit(self) -> None:
        """Lock and close for good (closing the window alone may keep the app in the tray)."""
        self.timer.stop()
        self.window.quit_for_good()
        self.icon.hide()
        self._quit_app()
