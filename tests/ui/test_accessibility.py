"""Screen readers: every control the Tab key reaches says what it is, on every screen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from tests.ui.conftest import ScriptedPrompts, press, type_keys, unlock
from wellbeing_app.ui.checkin_page import CheckInPage
from wellbeing_app.ui.main_window import MainWindow

MAX_STOPS = 300


def spoken_name(widget: QWidget) -> str:
    """The name a screen reader gives ``widget``.

    A drop-down's accessible name is its label on Windows and macOS; on Linux
    Qt reports its current choice as the name and the label separately (the
    buddy relation), so the label set on the widget is what is checked here.
    """
    if isinstance(widget, QComboBox):
        return widget.accessibleName()
    interface = QAccessible.queryAccessibleInterface(widget)
    assert interface is not None, widget
    return interface.text(QAccessible.Text.Name)


def current_value(widget: QWidget) -> str:
    """What the control holds now: the choice, the typed text or the number shown."""
    if isinstance(widget, QComboBox):
        return widget.currentText()
    if isinstance(widget, QAbstractSpinBox | QLineEdit):
        return widget.text()
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Value) if interface is not None else ""


def problems_of(widget: QWidget) -> str | None:
    name = spoken_name(widget).strip()
    value = current_value(widget).strip()
    label = f"{type(widget).__name__} {widget.objectName()!r} ({value!r})"
    if not name:
        return f"{label}: no accessible name"
    if value and name == value:
        return f"{label}: its name is only its value"
    return None


def tab_stops(window: QWidget, key_target: MainWindow) -> list[QWidget]:
    """Every widget Tab reaches in ``window``, pressing Tab round the whole chain once."""
    first = QApplication.focusWidget()
    assert first is not None and first.window() is window
    stops = [first]
    for _ in range(MAX_STOPS):
        press(key_target, Qt.Key.Key_Tab)
        focus = QApplication.focusWidget()
        assert focus is not None
        if focus is first:
            return stops
        if focus not in stops:
            stops.append(focus)
    raise AssertionError("Tab never came back round")


def unnamed(stops: list[QWidget]) -> list[str]:
    return [problem for widget in stops if (problem := problems_of(widget)) is not None]


def test_the_walk_finds_a_nameless_field_and_a_name_that_is_only_a_value(
    qtbot: QtBot,
) -> None:
    nameless = QLineEdit()
    qtbot.addWidget(nameless)
    assert problems_of(nameless) is not None
    only_value = QLineEdit("Late")
    only_value.setAccessibleName("Late")
    qtbot.addWidget(only_value)
    assert "only its value" in (problems_of(only_value) or "")
    drop_down = QComboBox()
    drop_down.addItem("Late")
    qtbot.addWidget(drop_down)
    assert problems_of(drop_down) is not None  # Linux would read "Late" and nothing else
    drop_down.setAccessibleName("Shift type")
    assert problems_of(drop_down) is None


@pytest.mark.parametrize(
    "title",
    [
        "Today",
        "Check in",
        "Journal",
        "Trends",
        "Wind down",
        "Support",
        "Settings",
    ],
)
def test_every_page_after_unlock_names_each_control(
    qtbot: QtBot, make_window, existing_vault: str, title: str
) -> None:
    window = make_window()
    unlock(qtbot, window)
    qtbot.wait(10)
    page = window.show_page(title)
    assert page is not None
    if isinstance(page, CheckInPage):
        page.draft_bar.show()  # its buttons too
        page.on_this_day_link.setText("On this day: 1 check-in from earlier years")
        page.on_this_day_link.show()
    qtbot.waitUntil(page.isVisible)
    window.help_button.setFocus(Qt.FocusReason.TabFocusReason)
    stops = tab_stops(window, window)
    assert [w for w in stops if page.isAncestorOf(w)], "Tab never reaches the page"
    assert unnamed(stops) == []


def test_the_lock_screen_names_each_control(qtbot: QtBot, make_window, existing_vault: str) -> None:
    window = make_window()
    window.unlock_screen.focus_field()
    qtbot.waitUntil(lambda: window.unlock_screen.field.hasFocus())
    assert unnamed(tab_stops(window, window)) == []


def test_each_first_run_step_names_each_control(
    qtbot: QtBot, make_window, prompts: ScriptedPrompts
) -> None:
    window = make_window()
    first_run = window.first_run
    assert first_run is not None
    qtbot.waitUntil(lambda: first_run.start_button.hasFocus())
    steps = {"welcome": unnamed(tab_stops(window, window))}
    first_run.start_button.setFocus()
    press(window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: first_run.passphrase.hasFocus())
    steps["passphrase"] = unnamed(tab_stops(window, window))
    first_run.passphrase.setFocus()
    type_keys(window, "lantern harbour kettle")
    first_run.confirm.setFocus()
    type_keys(window, "lantern harbour kettle")
    press(window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: first_run.written_down.hasFocus(), timeout=10_000)
    stops = tab_stops(window, window)
    assert first_run.save_button in stops and window.help_button in stops
    steps["recovery key"] = unnamed(stops)
    assert steps == {"welcome": [], "passphrase": [], "recovery key": []}


def test_get_help_now_names_each_control(qtbot: QtBot, make_window, existing_vault: str) -> None:
    window = make_window()
    dialog = window.show_urgent_help()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: dialog.isAncestorOf(QApplication.focusWidget()))
    stops = tab_stops(dialog, window)
    assert len([w for w in stops if isinstance(w, QAbstractButton)]) >= 2  # Copy…, Close
    assert unnamed(stops) == []
    dialog.close()


def test_the_report_dialog_names_each_control(
    qtbot: QtBot, make_window, existing_vault: str
) -> None:
    from datetime import date

    from wellbeing_app.ui.report_dialog import ReportDialog

    window = make_window()
    unlock(qtbot, window)
    dialog = ReportDialog(date.today(), window)
    dialog.open()  # modal, as Settings shows it
    qtbot.waitExposed(dialog)
    dialog.spans.button(1).setFocus()
    qtbot.waitUntil(lambda: dialog.isAncestorOf(QApplication.focusWidget()))
    stops = tab_stops(dialog, window)
    assert dialog.name in stops and dialog.include_text in stops and dialog.save_button in stops
    assert unnamed(stops) == []
    dialog.close()
