"""Nothing clipped, nothing off-screen: every page and dialog, at three sizes, light and dark.

The demo vault (nine months of made-up check-ins) fills every page the way a
real one would, with suggestions, on-this-day entries and full charts.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from tests.support import FAST_KDF
from tests.ui.conftest import ScriptedPrompts
from tests.ui.layout_check import problems
from wellbeing_app.services.preferences import Theme
from wellbeing_app.ui.app import open_demo
from wellbeing_app.ui.main_window import MainWindow
from wellbeing_app.ui.report_dialog import ReportDialog
from wellbeing_app.ui.theme import apply_theme

SIZES = ((800, 600), (1000, 760), (1280, 800))
THEMES = (Theme.LIGHT, Theme.DARK)


@pytest.fixture
def demo(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, prompts: ScriptedPrompts
) -> Iterator[MainWindow]:
    window = open_demo(qapp, tmp_path / "demo", kdf=FAST_KDF, prompts=prompts)  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    apply_theme(qapp, Theme.LIGHT)
    window.close()


def _settle(qtbot: QtBot, widget: QWidget, size: tuple[int, int]) -> None:
    widget.resize(*size)
    QApplication.processEvents()
    qtbot.wait(20)
    QApplication.processEvents()


@pytest.mark.slow
@pytest.mark.parametrize("theme", THEMES, ids=lambda t: t.value)
def test_every_page_fits_at_every_size(
    qtbot: QtBot, qapp: QApplication, demo: MainWindow, theme: Theme
) -> None:
    apply_theme(qapp, theme)
    assert demo.shell is not None
    found: list[str] = []
    for size in SIZES:
        for title in demo.shell.page_titles():
            demo.show_page(title)
            _settle(qtbot, demo, size)
            found += [f"{title} at {size}: {p}" for p in problems(demo)]
    assert found == []


@pytest.mark.slow
@pytest.mark.parametrize("theme", THEMES, ids=lambda t: t.value)
def test_the_lock_screen_and_dialogs_fit_at_every_size(
    qtbot: QtBot, qapp: QApplication, demo: MainWindow, theme: Theme
) -> None:
    from wellbeing_app.ui.unlock import WRONG_PASSPHRASE

    apply_theme(qapp, theme)
    found: list[str] = []
    for size in SIZES:
        demo.resize(*size)
        help_dialog = demo.show_urgent_help(kind=True)
        QApplication.processEvents()
        next(iter(help_dialog.copy_buttons.values())).click()
        QApplication.processEvents()
        found += [f"help at {size}: {p}" for p in problems(help_dialog)]
        help_dialog.close()
        demo.ask_new_passphrase()
        QApplication.processEvents()
        report = ReportDialog(date.today(), demo)
        report.show()
        QApplication.processEvents()
        dialogs = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w is not demo]
        assert report in dialogs
        for dialog in dialogs:
            found += [f"{type(dialog).__name__} at {size}: {p}" for p in problems(dialog)]
            dialog.close()
    demo.lock("button")
    screen = demo.unlock_screen
    for size in SIZES:
        for recovery in (False, True):
            if recovery != screen._recovery_mode:
                screen.toggle_recovery_mode()
            screen.message.show_notice(WRONG_PASSPHRASE)
            _settle(qtbot, demo, size)
            found += [f"lock screen at {size}: {p}" for p in problems(demo)]
    assert found == []


def test_the_checker_sees_a_cut_label(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QLabel, QVBoxLayout

    page = QWidget()
    qtbot.addWidget(page)
    column = QVBoxLayout(page)
    label = QLabel("This sentence is far too long to fit in a narrow box at all.")
    label.setWordWrap(True)
    column.addWidget(label)
    page.resize(400, 200)
    page.show()
    QApplication.processEvents()
    assert problems(page) == []
    label.setFixedSize(120, 18)
    QApplication.processEvents()
    assert any("needs" in p for p in problems(page))


def test_the_first_window_fits_a_small_screen() -> None:
    from PySide6.QtCore import QRect

    from wellbeing_app.ui.main_window import DEFAULT_SIZE, MINIMUM_SIZE, first_size

    class Screen:
        def __init__(self, width: int, height: int) -> None:
            self._free = QRect(0, 0, width, height)

        def availableGeometry(self) -> QRect:  # noqa: N802 - Qt's name
            return self._free

    assert first_size(None) == DEFAULT_SIZE
    assert first_size(Screen(1920, 1080)) == DEFAULT_SIZE  # type: ignore[arg-type]
    width, height = first_size(Screen(800, 600))  # type: ignore[arg-type]
    assert width <= 800 and height <= 600 - 40
    assert first_size(Screen(500, 400)) == MINIMUM_SIZE  # type: ignore[arg-type]
