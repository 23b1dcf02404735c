"""The session guard watches each window, not the whole app: Esc twice still locks from
every kind of window (the main one, a modal dialog, one opened on top of it, a window
that takes the focus), and any click there counts as use."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.conftest import unlock


def esc_twice(widget: QWidget) -> None:
    handle = widget.windowHandle()
    assert handle is not None
    QTest.keyClick(handle, Qt.Key.Key_Escape)
    QTest.keyClick(handle, Qt.Key.Key_Escape)


def test_esc_twice_locks_from_a_dialog_opened_on_top_of_a_dialog(
    qtbot: QtBot, make_window, existing_vault: str
) -> None:
    window = make_window()
    unlock(qtbot, window)
    help_dialog = window.show_urgent_help()
    box = QMessageBox(QMessageBox.Icon.Information, "Took Home", "A question", parent=help_dialog)
    box.open()  # modal over a modal: no event loop turn before the keys
    esc_twice(box)
    assert not window.is_unlocked


def test_esc_twice_locks_from_a_window_that_took_the_focus(
    qtbot: QtBot, make_window, existing_vault: str
) -> None:
    window = make_window()
    unlock(qtbot, window)
    other = QWidget()
    qtbot.addWidget(other)
    other.show()
    other.activateWindow()
    qtbot.waitUntil(lambda: QGuiApplication.focusWindow() is other.windowHandle())
    esc_twice(other)
    assert not window.is_unlocked


def test_a_click_in_a_dialog_counts_as_use_and_a_lock_stops_watching(
    qtbot: QtBot, make_window, existing_vault: str
) -> None:
    window = make_window()
    unlock(qtbot, window)
    dialog = window.show_urgent_help()
    window.guard.idle_timer.setInterval(400)
    window.guard.idle_timer.start()
    for _ in range(4):
        qtbot.wait(150)
        handle = dialog.windowHandle()
        assert handle is not None
        QTest.mouseClick(handle, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert window.is_unlocked  # 600 ms, past the 400 ms idle time, with clicks all along
    window.lock()
    handle = window.windowHandle()
    assert handle is not None
    QTest.keyClick(handle, Qt.Key.Key_Escape)
    QTest.keyClick(handle, Qt.Key.Key_Escape)  # locked already: nothing more happens
    assert not window.is_unlocked and window.guard.active is False
