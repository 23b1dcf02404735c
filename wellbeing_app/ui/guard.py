"""Watching for idleness, the quick-exit key (Esc twice) and the lock key (Ctrl+Shift+L).

Keys are read where they enter the app: as they reach a window (QWindow),
before Qt hands them to a widget and lets them bubble up to its parents.
That way each press is seen exactly once, on every screen and in every
dialog, whichever widget has the focus.
"""

from __future__ import annotations

import time
from typing import Final

from PySide6 import QtCore
from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QWindow

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
    """An event filter on every window. ``idle``, ``quick_exit`` and ``lock_requested`` fire."""

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
        self._following_focus = False

    def set_idle_minutes(self, minutes: int) -> None:
        self.idle_timer.setInterval(minutes * 60 * 1000)
        if self.idle_timer.isActive():
            self.idle_timer.start()

    def start(self) -> None:
        """Watch while the vault is open.

        The filter sits on each window (the main window, and each dialog and
        popup as it takes the focus), not on the application: an
        application-wide Python filter is called for every event of every
        object, and wrapping each one for Python cost the first page after
        unlock tens of milliseconds. Every key and click enters through a
        window: the main window is watched from the start, a modal dialog as it
        opens (its opening blocks a watched window, which tells us at once,
        before any key can reach it), and any other window when it takes the
        focus. ``stop`` takes the filter off again.
        """
        app = QGuiApplication.instance()
        if not self.active and isinstance(app, QGuiApplication):
            for window in app.topLevelWindows():
                window.installEventFilter(self)
            if not self._following_focus:
                app.focusWindowChanged.connect(self._watch)
                self._following_focus = True
        self.active = True
        self._last_escape = -10.0
        self.idle_timer.start()

    def _watch(self, window: QWindow | None) -> None:
        """A window that takes the focus (a dialog, a popup) is watched too (once: Qt
        keeps one entry per filter)."""
        if self.active and window is not None:
            window.installEventFilter(self)

    def stop(self) -> None:
        app = QGuiApplication.instance()
        if self.active and isinstance(app, QGuiApplication):
            for window in app.topLevelWindows():
                window.removeEventFilter(self)
        self.active = False
        self.idle_timer.stop()

    def note_activity(self) -> None:
        """Something the user is doing without keys or mouse (breathing along to the
        pacer) counts as use: the idle time starts again."""
        if self.active:
            self.idle_timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if not self.active:
            return False
        kind = event.type()
        if kind == QEvent.Type.WindowBlocked:
            self._watch(QGuiApplication.modalWindow())  # a modal dialog has just opened
            return False
        if kind not in _INPUT_EVENTS or not isinstance(watched, QWindow):
            return False
        self.idle_timer.start()
        if isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
            return self._key(event)
        return False

    def _key(self, event: QKeyEvent) -> bool:
        if event.isAutoRepeat():
            return False
        qt = QtCore.Qt  # looked up here, not imported: see ``keyboard``
        key = event.key()
        modifiers = event.modifiers()
        if key == qt.Key.Key_Escape:
            now = time.monotonic()
            if now - self._last_escape <= QUICK_EXIT_WINDOW_S:
                self._last_escape = -10.0
                self.quick_exit.emit()
                return True
            self._last_escape = now
            return False
        if (
            key == qt.Key.Key_L
            and modifiers & qt.KeyboardModifier.ControlModifier
            and (modifiers & qt.KeyboardModifier.ShiftModifier)
        ):
            self.lock_requested.emit()
            return True
        return False
