"""Copying to the clipboard, and taking back only what the app put there."""

from __future__ import annotations

from PySide6.QtGui import QClipboard, QGuiApplication


class ClipboardGuard:
    """Remembers the last text the app copied, so locking can clear it if it is still there.

    Something the user copied from elsewhere afterwards is left alone.
    """

    def __init__(self) -> None:
        self._ours: str | None = None

    def copy(self, text: str) -> None:
        QGuiApplication.clipboard().setText(text, QClipboard.Mode.Clipboard)
        self._ours = text

    def clear_if_ours(self) -> bool:
        """Clear the clipboard if it still holds what we put there; True if it did."""
        ours, self._ours = self._ours, None
        clipboard = QGuiApplication.clipboard()
        if ours is not None and clipboard.text(QClipboard.Mode.Clipboard) == ours:
            clipboard.clear(QClipboard.Mode.Clipboard)
            return True
        return False
