"""The keyboard path: Enter presses buttons, the shortest check-in, messages put focus right."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from tests.support import PASSPHRASE
from tests.ui.conftest import ScriptedPrompts, press, type_keys, unlock
from wellbeing_app.domain.catalogue import ShiftType
from wellbeing_app.storage.repository import CheckInRepository
from wellbeing_app.storage.vault import Vault
from wellbeing_app.ui.checkin_page import CheckInPage
from wellbeing_app.ui.main_window import MainWindow

NO_KEYS = Qt.KeyboardModifier.NoModifier
CTRL = Qt.KeyboardModifier.ControlModifier
KEYPAD = Qt.KeyboardModifier.KeypadModifier

# The README's key sequence, from the moment the check-in page has the focus
# (on the date): (key, modifiers, what it does).
SHORTEST_CHECK_IN: tuple[tuple[Qt.Key, Qt.KeyboardModifier, str], ...] = (
    (Qt.Key.Key_Return, NO_KEYS, "date is today: on to the shift type"),
    (Qt.Key.Key_L, NO_KEYS, "shift type: Late"),
    (Qt.Key.Key_Return, NO_KEYS, "on to mood"),
    (Qt.Key.Key_3, NO_KEYS, "mood: Okay, on to stress"),
    (Qt.Key.Key_4, NO_KEYS, "stress: High, on to energy"),
    (Qt.Key.Key_2, NO_KEYS, "energy: Low, on to sleep"),
    (Qt.Key.Key_7, NO_KEYS, "sleep: 7 hours"),
    (Qt.Key.Key_Return, NO_KEYS, "on to sleep quality"),
    (Qt.Key.Key_Return, NO_KEYS, "skip sleep quality: on to the distressing incidents"),
    (Qt.Key.Key_Space, NO_KEYS, "tick the first: Sudden death"),
    (Qt.Key.Key_S, CTRL, "save"),
)


def _open_form(qtbot: QtBot, make_window) -> tuple[MainWindow, CheckInPage]:  # type: ignore[no-untyped-def]
    window = make_window()
    unlock(qtbot, window)
    qtbot.wait(10)  # the focus the window gives at unlock comes first
    page = window.show_page("Check in")
    assert isinstance(page, CheckInPage)
    page.focus_first_field()
    qtbot.waitUntil(lambda: page.date.hasFocus())
    return window, page


def _saved(folder: Path) -> list:  # type: ignore[type-arg]
    with Vault.open(folder, PASSPHRASE) as vault:
        return CheckInRepository(vault).list_between()


def test_a_whole_checkin_in_eleven_keys(
    qtbot: QtBot, make_window, existing_vault: str, data_dir: Path
) -> None:
    window, page = _open_form(qtbot, make_window)
    pressed = 0
    for key, modifiers, _what in SHORTEST_CHECK_IN:
        press(window, key, modifiers)
        pressed += 1
    assert pressed == len(SHORTEST_CHECK_IN) == 11  # the issue asks for 12 or fewer
    assert "Saved" in page.confirmation.text()
    window.lock()
    (saved,) = _saved(data_dir)
    assert saved.date == date.today()
    assert saved.shift_type is ShiftType.LATE
    assert (saved.mood, saved.stress, saved.energy) == (3, 4, 2)
    assert saved.sleep_hours == 7.0 and saved.sleep_quality is None
    assert saved.exposures == ("sudden_death",)
    assert saved.hours_worked is None and saved.took_break is None


def test_the_readme_gives_the_same_sequence() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert "Enter, L, Enter, 3, 4, 2, 7, Enter, Enter, Space, Ctrl+S" in readme


def test_enter_and_keypad_enter_press_the_focused_button(
    qtbot: QtBot, make_window, existing_vault: str
) -> None:
    window, page = _open_form(qtbot, make_window)
    page.scales["mood"].setValue(4)
    page.save_button.setFocus()
    press(window, Qt.Key.Key_Enter, KEYPAD)
    assert "Saved" in page.confirmation.text()
    assert page.date.hasFocus()  # ready for the next check-in
    # A chip is a button too: Enter ticks it, as Space does.
    page.exposures.focus_chips()
    press(window, Qt.Key.Key_Return)
    assert page.exposures.selected() == ("sudden_death",)
    # Buttons outside the check-in form: the top bar's "Get help now".
    window.help_button.setFocus()
    press(window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is not None)
    dialog = QApplication.activeModalWidget()
    assert dialog is not None and dialog.windowTitle()
    dialog.close()


def test_enter_presses_each_first_run_step_button(
    qtbot: QtBot, make_window, prompts: ScriptedPrompts
) -> None:
    window = make_window()
    first_run = window.first_run
    assert first_run is not None
    qtbot.waitUntil(lambda: first_run.start_button.hasFocus())
    press(window, Qt.Key.Key_Return)  # "Set up my vault"
    qtbot.waitUntil(lambda: first_run.passphrase.hasFocus())
    type_keys(window, "lantern harbour kettle")
    press(window, Qt.Key.Key_Return)  # not ready yet: on to "Again"
    assert first_run.confirm.hasFocus()
    type_keys(window, "lantern harbour kettle")
    press(window, Qt.Key.Key_Enter, KEYPAD)  # "Create my vault"
    qtbot.waitUntil(lambda: first_run.written_down.hasFocus(), timeout=10_000)
    press(window, Qt.Key.Key_Return)  # "Continue" is not ready until the box is ticked
    assert not window.is_unlocked
    press(window, Qt.Key.Key_Space)
    press(window, Qt.Key.Key_Return)  # the step's main button: "Continue"
    qtbot.waitUntil(lambda: window.is_unlocked)


def test_a_message_moves_the_focus_to_its_field_and_the_privacy_check_waits(
    qtbot: QtBot, make_window, existing_vault: str, data_dir: Path, prompts: ScriptedPrompts
) -> None:
    window, page = _open_form(qtbot, make_window)
    page.took_home.setFocus()
    type_keys(window, "PC 1234 was with me.")
    press(window, Qt.Key.Key_S, CTRL)
    assert "detail review" not in prompts.asked  # the mood is asked for first
    assert "mood" in page._errors["mood"].text().lower()
    assert page.scales["mood"].hasFocus()
    press(window, Qt.Key.Key_2)  # answers the mood; not a "2" in the reflection
    assert page.scales["mood"].value() == 2
    assert page.took_home.toPlainText() == "PC 1234 was with me."
    prompts.save_anyway = True
    press(window, Qt.Key.Key_S, CTRL)
    assert prompts.asked == ["detail review"]
    window.lock()
    assert [c.mood for c in _saved(data_dir)] == [2]


def _visible_in(scroll: QScrollArea, widget: QWidget, rect: QRect) -> bool:
    viewport = scroll.viewport()
    top_left = widget.mapTo(viewport, rect.topLeft())
    return viewport.rect().contains(QRect(top_left, rect.size()))


def test_edit_selects_the_flagged_words_and_scrolls_them_into_view(
    qtbot: QtBot, make_window, existing_vault: str, prompts: ScriptedPrompts
) -> None:
    window, page = _open_form(qtbot, make_window)
    window.resize(800, 600)
    page.scales["mood"].setValue(3)
    words = "\n".join(["A long night."] * 30 + ["Then PC 1234 took over."])
    page.took_home.setPlainText(words)
    scroll = page.findChild(QScrollArea)
    assert scroll is not None
    scroll.verticalScrollBar().setValue(0)  # the text box's end is out of view
    prompts.save_anyway = False
    assert page.save() is None
    assert page.took_home.hasFocus()
    assert page.took_home.textCursor().selectedText() == "PC 1234"
    editor = page.took_home
    qtbot.waitUntil(
        lambda: _visible_in(scroll, editor.viewport(), editor.cursorRect()), timeout=2000
    )


def _tab_stops(window: MainWindow, start: QWidget, limit: int = 200) -> list[QWidget]:
    """Press Tab from ``start`` until the focus comes back round; every widget it visits."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    visited = [start]
    for _ in range(limit):
        press(window, Qt.Key.Key_Tab)
        focus = QApplication.focusWidget()
        assert focus is not None
        if focus is start:
            return visited
        visited.append(focus)
    raise AssertionError("Tab never came back round")


def _position(widget: QWidget, page: QWidget) -> QRect:
    return QRect(widget.mapTo(page, QPoint(0, 0)), widget.size())


def test_tab_follows_the_screen_and_never_stops_on_a_scroll_area(
    qtbot: QtBot, make_window, existing_vault: str
) -> None:
    window, page = _open_form(qtbot, make_window)
    window.resize(1280, 800)
    page.draft_bar.show()  # its buttons sit above the form
    stops = _tab_stops(window, window.help_button)
    assert stops[:2] == [window.help_button, window.lock_button]
    assert not [
        w
        for w in stops
        if isinstance(w, QAbstractScrollArea) and type(w) in (QScrollArea, QAbstractScrollArea)
    ]
    on_page = [w for w in stops if page.isAncestorOf(w)]
    assert on_page[0].text() == "Continue" and on_page[-1] is page.save_button  # type: ignore[attr-defined]
    # Each next stop is lower on the page, or on the same line further right.
    for before, after in zip(on_page, on_page[1:], strict=False):
        a, b = _position(before, page), _position(after, page)
        same_line = b.top() < a.bottom() and a.top() < b.bottom()
        assert (b.left() > a.left()) if same_line else (b.top() >= a.bottom() - 2), (
            before.accessibleName(),
            after.accessibleName(),
        )


def test_digits_answer_and_move_on_arrows_change_and_stay(
    qtbot: QtBot, make_window, existing_vault: str
) -> None:
    window, page = _open_form(qtbot, make_window)
    mood, stress = page.scales["mood"], page.scales["stress"]
    mood.setFocus()
    press(window, Qt.Key.Key_4)
    assert mood.value() == 4 and stress.hasFocus()
    press(window, Qt.Key.Key_Right)
    press(window, Qt.Key.Key_Right)
    assert stress.value() == 2 and stress.hasFocus()
    press(window, Qt.Key.Key_9)  # not one of the five: nothing happens
    assert stress.value() == 2 and stress.hasFocus()
    press(window, Qt.Key.Key_Return)
    assert page.scales["energy"].hasFocus() and page.scales["energy"].value() is None


def test_enter_in_the_passphrase_field_unlocks_and_presses_nothing_else(
    qtbot: QtBot, make_window, existing_vault: str
) -> None:
    """The field is disabled while the key is derived, so the focus moves on (to "Get
    help now" under X11) while the same Enter is still on its way up to the window:
    that Enter must not press the button the focus moved to."""
    from wellbeing_app.ui.help_dialog import UrgentHelpDialog

    window = make_window()
    window.windowHandle().requestActivate()  # a real focus, as on a desktop
    qtbot.waitUntil(window.isActiveWindow)
    window.help_button.setFocus()  # the next in the focus chain after the disabled field
    field = window.unlock_screen.field
    field.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is field)
    qtbot.keyClicks(field, PASSPHRASE)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.is_unlocked, timeout=10_000)
    qtbot.wait(50)
    opened = [w for w in QApplication.topLevelWidgets() if isinstance(w, UrgentHelpDialog)]
    assert [w for w in opened if w.isVisible()] == []


def test_enter_on_a_focused_button_still_presses_it(
    qtbot: QtBot, make_window, existing_vault: str
) -> None:
    window = make_window()
    window.windowHandle().requestActivate()
    qtbot.waitUntil(window.isActiveWindow)
    button = window.unlock_screen.mode_button  # "Use my recovery key instead"
    button.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is button)
    qtbot.keyClick(button, Qt.Key.Key_Return)
    assert window.unlock_screen.field.placeholderText() == "Eight groups of four letters and digits"
