"""Enter presses the focused button, on every screen (Qt does this only inside dialogs).

Outside a dialog a focused QPushButton answers only Space, so "Set up my
vault", "Continue" or "Save check-in" did nothing on Enter. ``ButtonsTakeEnter``
watches one top-level window: an Enter that no widget used reaches the window,
and if a button has the focus, it is pressed. Dialogs already do this
themselves (every button in a QDialog is an "auto default" button).

The filter sits on the window widget, not on the application: an
application-wide Python filter sees every event of every widget and slows the
first paint of the lock screen.
"""

from __future__ import annotations

from PySide6 import QtCore
from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QCheckBox, QRadioButton, QWidget

# ``Qt`` is looked up when used, not imported: making its ~90 enum types costs
# 15 ms, and the lock screen appears before anything needs them (see ``theme``).


def is_plain_enter(event: QKeyEvent) -> bool:
    """Return or keypad Enter, with no modifier but the keypad's own."""
    qt = QtCore.Qt
    modifiers = event.modifiers() & ~qt.KeyboardModifier.KeypadModifier
    return (
        event.key() in (qt.Key.Key_Return, qt.Key.Key_Enter)
        and modifiers == qt.KeyboardModifier.NoModifier
    )


def press_focused_button() -> bool:
    """Click the button that has the keyboard focus, if one does; True if it was clicked.

    Check boxes and radio buttons are left alone: Space ticks them, and Enter
    belongs to the screen's main button.
    """
    focus = QApplication.focusWidget()
    if (
        isinstance(focus, QAbstractButton)
        and not isinstance(focus, QCheckBox | QRadioButton)
        and focus.isEnabled()
        and focus.isVisible()
    ):
        focus.click()
        return True
    return False


class ButtonsTakeEnter(QObject):
    """Installed on a top-level window: an unused Enter presses the focused button.

    Only the button the Enter was typed on: a field whose Enter starts work
    may disable itself (the passphrase while the key is derived), and the focus
    then moves on to the next button while that same Enter is still on its way
    up to the window. Qt offers every key as a ShortcutOverride first, to the
    widget that has the focus then, so that is where the Enter began.
    """

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._typed_on: QWidget | None = None
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if kind not in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride):
            return False
        if not (isinstance(event, QKeyEvent) and is_plain_enter(event)):
            return False
        if kind == QEvent.Type.ShortcutOverride:
            self._typed_on = QApplication.focusWidget()
            return False
        typed_on, self._typed_on = self._typed_on, None
        if event.isAutoRepeat() or (
            typed_on is not None and typed_on is not QApplication.focusWidget()
        ):
            return False
        if press_focused_button():
            event.accept()
            return True
        return False
