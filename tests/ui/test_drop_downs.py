"""An open drop-down's highlighted row keeps its words readable, in both themes."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QComboBox
from pytestqt.qtbot import QtBot

from wellbeing_app.services.preferences import Theme
from wellbeing_app.ui.theme import apply_theme

# What the offscreen platform cannot do for a popup; a real screen does both.
pytestmark = pytest.mark.qt_log_ignore(
    r"^This plugin does not support raise\(\)$",
    r"^This plugin does not support grabbing the keyboard$",
)


@pytest.mark.parametrize("theme", [Theme.LIGHT, Theme.DARK])
def test_the_highlighted_row_of_an_open_drop_down_shows_its_words(
    qtbot: QtBot, qapp: QApplication, theme: Theme
) -> None:
    apply_theme(qapp, theme)
    combo = QComboBox()
    combo.setAccessibleName("Appearance")
    combo.addItems(["Follow my computer (light or dark)", "Light", "Dark"])
    qtbot.addWidget(combo)
    combo.resize(400, 32)
    combo.show()
    qtbot.waitExposed(combo)
    combo.showPopup()
    view = combo.view()
    qtbot.waitUntil(view.isVisible)
    view.setCurrentIndex(view.model().index(1, 0))
    qtbot.wait(20)
    image = view.viewport().grab().toImage()
    row = view.visualRect(view.model().index(1, 0)).adjusted(2, 2, -2, -2)
    row.setRight(min(row.right(), image.width() - 1))
    row.setBottom(min(row.bottom(), image.height() - 1))
    background = QColor(image.pixel(row.right() - 2, row.center().y()))
    inked = sum(
        1
        for x in range(row.left(), row.left() + 60)
        for y in range(row.top(), row.bottom())
        if abs(QColor(image.pixel(x, y)).lightness() - background.lightness()) > 60
    )
    combo.hidePopup()
    apply_theme(qapp, Theme.SYSTEM)
    assert inked > 20, "the highlighted row's text is not visible against its background"
