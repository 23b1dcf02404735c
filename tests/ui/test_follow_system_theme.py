"""Following the desktop into dark mode: the palette for the first window, then the scheme.

(That the first window comes before Qt's namespace is made is tested in ``test_startup``.)
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.support import FAST_KDF, PASSPHRASE
from wellbeing_app.services.preferences import Preferences, Theme, save_preferences
from wellbeing_app.storage.vault import Vault
from wellbeing_app.ui import app as app_module
from wellbeing_app.ui import theme
from wellbeing_app.ui.notice import Notice


def _window_colour(qapp: QApplication) -> str:
    return qapp.palette().color(QPalette.ColorRole.Window).name()


@pytest.mark.parametrize("reported", [True, False])
def test_a_reported_colour_scheme_that_disagrees_with_the_palette_wins_once_the_window_is_up(
    qtbot: QtBot,
    qapp: QApplication,
    make_window,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    reported: bool,
) -> None:
    Vault.create(data_dir, PASSPHRASE, kdf=FAST_KDF)[0].lock()
    monkeypatch.setattr(theme, "desktop_palette_is_dark", lambda: not reported)
    monkeypatch.setattr(theme, "reported_dark", lambda: reported)
    monkeypatch.setattr(app_module, "SCHEME_CHECK_MS", 50)
    make_window()
    first, right = (theme.LIGHT, theme.DARK) if reported else (theme.DARK, theme.LIGHT)
    assert _window_colour(qapp) == first.window  # the first window goes by the palette
    qtbot.waitUntil(lambda: _window_colour(qapp) == right.window, timeout=3000)


def test_a_chosen_theme_is_kept_whatever_the_desktop_reports(
    qtbot: QtBot,
    qapp: QApplication,
    make_window,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    Vault.create(data_dir, PASSPHRASE, kdf=FAST_KDF)[0].lock()
    save_preferences(data_dir, Preferences(theme=Theme.LIGHT))
    monkeypatch.setattr(theme, "reported_dark", lambda: True)
    monkeypatch.setattr(app_module, "SCHEME_CHECK_MS", 10)
    make_window()
    qtbot.wait(200)
    assert _window_colour(qapp) == theme.LIGHT.window


def test_with_no_reported_scheme_the_desktop_palette_decides(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(theme, "reported_dark", lambda: None)
    monkeypatch.setattr(theme, "desktop_palette_is_dark", lambda: True)
    assert theme.colours_for(Theme.SYSTEM) is theme.DARK
    monkeypatch.setattr(theme, "desktop_palette_is_dark", lambda: False)
    assert theme.colours_for(Theme.SYSTEM) is theme.LIGHT
    monkeypatch.setattr(theme, "reported_dark", lambda: True)
    assert theme.colours_for(Theme.SYSTEM) is theme.DARK


def test_a_notice_is_selectable_and_html_only_where_asked(qtbot: QtBot) -> None:
    from PySide6.QtCore import Qt

    plain, rich = Notice("calm"), Notice("notice", rich=True)
    for notice in (plain, rich):
        qtbot.addWidget(notice)
        notice.show_notice("<b>5 < 6</b>")
        assert notice.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    assert rich.textFormat() == Qt.TextFormat.RichText
    assert plain.textFormat() == Qt.TextFormat.AutoText


def test_a_change_of_the_desktops_scheme_is_followed_at_once(
    qtbot: QtBot,
    qapp: QApplication,
    make_window,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtCore import Qt

    Vault.create(data_dir, PASSPHRASE, kdf=FAST_KDF)[0].lock()
    monkeypatch.setattr(theme, "desktop_palette_is_dark", lambda: False)
    monkeypatch.setattr(theme, "reported_dark", lambda: False)
    make_window()
    assert _window_colour(qapp) == theme.LIGHT.window
    monkeypatch.setattr(theme, "reported_dark", lambda: True)  # the desktop goes dark
    qapp.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert _window_colour(qapp) == theme.DARK.window
