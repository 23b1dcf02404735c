"""The unlocked app's frame: navigation and pages; and wiping text when it closes."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Signal
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
    """Navigation on the left (only pages that exist) and the current page.

    A page is given as a widget, or as its title and a function that makes it:
    such a page is made the first time it is shown (or asked for with
    ``page``), so unlocking makes only the first. ``made`` fires with each page
    made so.
    """

    made = Signal(str, QWidget)

    def __init__(
        self,
        pages: Sequence[QWidget | tuple[str, Callable[[], QWidget]]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setAccessibleName("Pages")
        self.nav.setFixedWidth(150)
        self.pages = QStackedWidget()
        self._makers: dict[int, Callable[[], QWidget]] = {}
        for index, page in enumerate(pages):
            if isinstance(page, QWidget):
                self.nav.addItem(str(getattr(page, "title", page.objectName())))
                self.pages.addWidget(page)
            else:
                title, make = page
                self.nav.addItem(title)
                self.pages.addWidget(QWidget())  # holds the place until the page is made
                self._makers[index] = make
        self.nav.currentRowChanged.connect(self._show_row)
        self.nav.setCurrentRow(0)
        row.addWidget(self.nav)
        row.addWidget(self.pages, 1)

    def page_titles(self) -> list[str]:
        return [self.nav.item(i).text() for i in range(self.nav.count())]

    def is_made(self, title: str) -> bool:
        return self.page_titles().index(title) not in self._makers

    def page(self, title: str) -> QWidget:
        """The page with this title, made now if it was not yet (it is not shown)."""
        return self._made_page(self.page_titles().index(title))

    def show_page(self, title: str) -> QWidget:
        index = self.page_titles().index(title)
        self.nav.setCurrentRow(index)
        return self._made_page(index)

    def _show_row(self, index: int) -> None:
        if index >= 0:
            self._made_page(index)
        self.pages.setCurrentIndex(index)

    def _made_page(self, index: int) -> QWidget:
        make = self._makers.pop(index, None)
        if make is not None:
            placeholder = self.pages.widget(index)
            made = make()
            self.pages.insertWidget(index, made)
            if placeholder is not None:
                self.pages.removeWidget(placeholder)
                placeholder.deleteLater()
            self.made.emit(self.nav.item(index).text(), made)
        page = self.pages.widget(index)
        assert page is not None
        return page
