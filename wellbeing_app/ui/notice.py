"""A quiet line of text for confirmations and problems (light enough for the lock screen)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QWidget


class Notice(QLabel):
    """A quiet line of text that can fade away after a while."""

    def __init__(self, kind: str = "calm", parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.setObjectName(kind)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.clear_notice)
        self.hide()

    def show_notice(self, text: str, seconds: float | None = None) -> None:
        self.setText(text)
        self.setAccessibleName(text)
        self.show()
        if seconds:
            self._timer.start(int(seconds * 1000))

    def clear_notice(self) -> None:
        self._timer.stop()
        self.setText("")
        self.hide()
