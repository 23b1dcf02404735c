"""Find text a window shows cut short, and widgets that lie outside the window.

Used by the layout tests: every page and dialog, at three sizes, light and dark.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QLabel,
    QWidget,
)

SLACK = 2  # pixels of rounding that nobody can see


def _inside_scroll_area(widget: QWidget, root: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def _shown(widget: QWidget, root: QWidget) -> bool:
    return widget.isVisibleTo(root) and widget.width() > 0 and widget.height() > 0


def _describe(widget: QWidget) -> str:
    text = ""
    if isinstance(widget, QLabel | QAbstractButton):
        text = widget.text().replace("\n", " ")[:50]
    return f"{type(widget).__name__}({widget.objectName() or ''}) {text!r}"


def problems(root: QWidget) -> list[str]:
    """Every label, button or check box under ``root`` whose text does not fit, and every
    widget (outside scroll areas) that lies outside ``root``."""
    found: list[str] = []
    window = QRect(QPoint(0, 0), root.size())
    for widget in root.findChildren(QWidget):
        if not _shown(widget, root):
            continue
        if isinstance(widget, QLabel) and widget.text():
            if widget.wordWrap():
                needed = widget.heightForWidth(widget.width())
                if needed > widget.height() + SLACK:
                    found.append(
                        f"{_describe(widget)}: needs {needed} px high, has {widget.height()}"
                    )
            else:
                hint = widget.sizeHint()
                if hint.width() > widget.width() + SLACK:
                    found.append(
                        f"{_describe(widget)}: needs {hint.width()} px wide, has {widget.width()}"
                    )
                if widget.minimumSizeHint().height() > widget.height() + SLACK:
                    found.append(f"{_describe(widget)}: cut top or bottom")
        elif isinstance(widget, QAbstractButton) and widget.text():
            hint = widget.sizeHint()
            # The text itself, with a little room each side (the style's padding may
            # shrink before any letter is lost).
            text = widget.fontMetrics().horizontalAdvance(widget.text().replace("&", ""))
            wide = text + 8 > widget.width()
            tall = widget.fontMetrics().height() + 4 > widget.height()
            if wide or tall:
                found.append(
                    f"{_describe(widget)}: {widget.width()}x{widget.height()}"
                    f" < {hint.width()}x{hint.height()}"
                )
        if not _inside_scroll_area(widget, root):
            top_left = widget.mapTo(root, QPoint(0, 0))
            rect = QRect(top_left, widget.size())
            if not window.adjusted(-SLACK, -SLACK, SLACK, SLACK).contains(rect):
                found.append(f"{_describe(widget)}: outside the window at {rect.getRect()}")
    return found
