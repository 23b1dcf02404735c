"""A quiet line of text for confirmations and problems (light enough for the lock screen)."""

from __future__ import annotations

from PySide6 import QtCore
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QWidget


class Notice(QLabel):
    """A quiet line of text that can fade away after a while."""

    def __init__(
        self, kind: str = "calm", parent: QWidget | None = None, *, rich: bool = False
    ) -> None:
        super().__init__("", parent)
        self.setObjectName(kind)
        self.setWordWrap(True)
        self._rich = rich  # the text is HTML (always: never guessed from the text)
        self._shown_once = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.clear_notice)
        self.hide()

    def show_notice(self, text: str, seconds: float | None = None) -> None:
        if not self._shown_once:
            # Set when first needed, not when made: the lock screen's notice is
            # made before its first window, and ``Qt``'s types are not (see ``keyboard``).
            self._shown_once = True
            qt = QtCore.Qt
            self.setTextInteractionFlags(qt.TextInteractionFlag.TextSelectableByMouse)
            if self._rich:
                self.setTextFormat(qt.TextFormat.RichText)
        self.setText(text)
        self.setAccessibleName(text)
        self.show()
        if seconds:
            self._timer.start(int(seconds * 1000))

    def clear_notice(self) -> None:
        self._timer.stop()
        self.setText("")
        self.hide()
