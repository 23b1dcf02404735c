"""Watching for idleness, the quick-exit key (Esc twice) and the lock key (Ctrl+Shift+L).

Keys are read where they enter the app: as they reach a window (QWindow),
before Qt hands them to a widget and lets them bubble up to its parents.
That way each press is seen exactly once, on every screen and in every
dialog, whichever widget has the focus.
"""

from __future__ import annotations

import time
from typing import Final

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QWindow

QUICK_EXIT_WINDOW_S: Final = 1.0

_INPUT_EVENTS: Final = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)


class SessionGuard(QObject):
    """An application-wide event filter. ``idle``, ``quick_exit`` and ``lock_requested`` fire."""

    idle = Signal()
    quick_exit = Signal()
    lock_requested = Signal()

    def __init__(self, idle_minutes: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.idle_timer = QTimer(self)
        self.idle_timer.setSingleShot(True)
        self.idle_timer.timeout.connect(self.idle.emit)
        self.set_idle_minutes(idle_minutes)
        self._last_escape = -10.0
        self.active = False

    def set_idle_minutes(self, minutes: int) -> None:
        self.idle_timer.setInterval(minutes * 60 * 1000)
        if self.idle_timer.isActive():
            self.idle_timer.start()

    def start(self) -> None:
        """Watch while the vault is open.

        The filter is installed only now: every event of the whole app passes
        through it, which would slow the first paint of the lock screen.
        """
        app = QCoreApplication.instance()
        if app is not None and not self.active:
            app.installEventFilter(self)
        self.active = True
        self._last_escape = -10.0
        self.idle_timer.start()

    def stop(self) -> None:
        app = QCoreApplication.instance()
        if app is not None and self.active:
            app.removeEventFilter(self)
        self.active = False
        self.idle_timer.stop()

    def note_activity(self) -> None:
        """Something the user is doing without keys or mouse (breathing along to the
        pacer) counts as use: the idle time starts again."""
        if self.active:
            self.idle_timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if not self.active or event.type() not in _INPUT_EVENTS or not isinstance(watched, QWindow):
            return False
        self.idle_timer.start()
        if isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
            return self._key(event)
        return False

    def _key(self, event: QKeyEvent) -> bool:
        if event.isAutoRepeat():
            return False
        key = event.key()
        modifiers = event.modifiers()
        if key == Qt.Key.Key_Escape:
            now = time.monotonic()
            if now - self._last_escape <= QUICK_EXIT_WINDOW_S:
                self._last_escape = -10.0
                self.quick_exit.emit()
                return True
            self._last_escape = now
            return False
        if (
            key == Qt.Key.Key_L
            and modifiers & Qt.KeyboardModifier.ControlModifier
            and (modifiers & Qt.KeyboardModifier.ShiftModifier)
        ):
            self.lock_requested.emit()
            return True
        return False
