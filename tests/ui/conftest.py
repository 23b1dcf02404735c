"""Fixtures for driving the desktop app with qtbot, offscreen."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from tests.support import FAST_KDF, PASSPHRASE
from wellbeing_app.services.preferences import load_preferences
from wellbeing_app.storage.vault import Vault
from wellbeing_app.ui.app import build_window
from wellbeing_app.ui.main_window import MainWindow


class ScriptedPrompts:
    """Answers the app's questions without showing a dialog; records what was asked."""

    def __init__(self) -> None:
        self.confirm_answer = True
        self.save_answer: Path | None = None
        self.open_answer: Path | None = None
        self.folder_answer: Path | None = None
        self.report_answer: object = None
        self.rota_pattern_answer: object = None
        self.rota_preview_answer = True
        self.rota_change_answer: object = None
        self.rota_rules_answer: object = None
        self.previewed: list[object] = []
        self.save_anyway = True
        self.flagged: list[object] = []
        self.asked: list[str] = []

    def confirm(self, parent: QWidget | None, title: str, text: str, accept_label: str) -> bool:
        self.asked.append(f"confirm: {title}: {text}")
        return self.confirm_answer

    def inform(self, parent: QWidget | None, title: str, text: str) -> None:
        self.asked.append(f"inform: {title}: {text}")

    def save_despite_detail(self, parent: QWidget | None, flagged: list[object]) -> bool:
        self.flagged = list(flagged)
        self.asked.append("detail review")
        return self.save_anyway

    def save_path(
        self, parent: QWidget | None, title: str, suggested: Path, name_filter: str
    ) -> Path | None:
        self.asked.append(f"save: {title}")
        return self.save_answer

    def open_path(
        self, parent: QWidget | None, title: str, folder: Path, name_filter: str
    ) -> Path | None:
        self.asked.append(f"open: {title}")
        return self.open_answer

    def rota_pattern(self, parent: QWidget | None, current: object, today: object) -> object:
        self.asked.append("rota pattern")
        return self.rota_pattern_answer

    def rota_preview(self, parent: QWidget | None, file_name: str, shifts: object) -> bool:
        self.asked.append(f"rota preview: {file_name}")
        self.previewed.append(shifts)
        return self.rota_preview_answer

    def rota_rules(self, parent: QWidget | None, mapping: object) -> object:
        self.asked.append("rota rules")
        return self.rota_rules_answer

    def rota_change(self, parent: QWidget | None, today: object) -> object:
        self.asked.append("rota change")
        return self.rota_change_answer

    def report_request(self, parent: QWidget | None, today: object) -> object:
        self.asked.append("report")
        return self.report_answer

    def folder_path(self, parent: QWidget | None, title: str, start: Path) -> Path | None:
        self.asked.append(f"folder: {title}")
        return self.folder_answer


@pytest.fixture
def private_runtime_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """A fresh 0700 XDG_RUNTIME_DIR with a short path (a socket path holds ~100 bytes)."""
    runtime = tmp_path_factory.mktemp("run")
    runtime.chmod(0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    return runtime


@pytest.fixture
def prompts() -> ScriptedPrompts:
    return ScriptedPrompts()


@pytest.fixture
def make_window(
    qtbot: QtBot, qapp: QApplication, data_dir: Path, prompts: ScriptedPrompts
) -> Iterator[Callable[..., MainWindow]]:
    """Build the real main window (theme and all) for ``data_dir``, shown and exposed."""
    made: list[MainWindow] = []

    def make(folder: Path | None = None) -> MainWindow:
        window = build_window(qapp, folder or data_dir, kdf=FAST_KDF, prompts=prompts)  # type: ignore[arg-type]
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        made.append(window)
        return window

    yield make
    for window in made:
        window.close()
    QApplication.clipboard().clear()


@pytest.fixture
def existing_vault(data_dir: Path) -> str:
    """A vault on disk (locked); hands back its recovery key."""
    vault, recovery = Vault.create(data_dir, PASSPHRASE, kdf=FAST_KDF)
    vault.lock()
    return recovery


def unlock(qtbot: QtBot, window: MainWindow, secret: str = PASSPHRASE) -> None:
    """Type the passphrase into the lock screen and press Enter, as a person would."""
    screen = window.unlock_screen
    screen.field.setFocus()
    qtbot.keyClicks(screen.field, secret)
    qtbot.keyClick(screen.field, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: (
            window.is_unlocked
            or screen.busy_task() is None
            and screen.message.text() not in ("", "Unlocking…")
        ),
        timeout=10_000,
    )


def _active_handle(window: MainWindow):  # type: ignore[no-untyped-def]
    """Where a real key press would land: an open modal dialog, else the main window."""
    target = QApplication.activeModalWidget() or window
    handle = target.windowHandle()
    assert handle is not None
    return handle


def press(
    window: MainWindow, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    """A key press that enters through a window, exactly as a real key press does."""
    QTest.keyClick(_active_handle(window), key, modifiers)


def type_keys(window: MainWindow, text: str) -> None:
    """Type ``text`` one key at a time into whatever has the keyboard focus."""
    handle = _active_handle(window)
    for ch in text:
        QTest.keyClick(handle, ch)


def prefs_of(folder: Path) -> object:
    return load_preferences(folder)
