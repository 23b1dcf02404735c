"""The unlocked app's frame: navigation and pages; and wiping text when it closes."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QStackedWidget,
    QTextEdit,
    QWidget,
)


def scrub_text(root: QWidget) -> None:
    """Empty every text widget under ``root`` and its undo and redo history."""
    for line in root.findChildren(QLineEdit):
        line.setText("")  # setText also clears QLineEdit's undo history
    for text in root.findChildren(QPlainTextEdit) + root.findChildren(QTextEdit):
        text.clear()
        text.document().clearUndoRedoStacks()


class Shell(QWidget):
    """Navigation on the left (only pages that exist) and the current page."""

    def __init__(self, pages: list[QWidget], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setAccessibleName("Pages")
        self.nav.setFixedWidth(150)
        self.pages = QStackedWidget()
        for page in pages:
            self.nav.addItem(str(getattr(page, "title", page.objectName())))
            self.pages.addWidget(page)
        self.nav.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.nav.setCurrentRow(0)
        row.addWidget(self.nav)
        row.addWidget(self.pages, 1)

    def page_titles(self) -> list[str]:
        return [self.nav.item(i).text() for i in range(self.nav.count())]

    def show_page(self, title: str) -> QWidget:
        index = self.page_titles().index(title)
        self.nav.setCurrentRow(index)
        page = self.pages.widget(index)
        assert page is not None
        return page
