"""The journal list: a Qt model over pages fetched lazily from the vault.

Rows are fetched a page at a time as the view scrolls (canFetchMore and
fetchMore), so ten years of check-ins open as fast as ten days, and no
widget is made per row: a delegate paints each visible row.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QFont,
    QFontMetrics,
    QPainter,
    QPalette,
    QTextDocument,
)
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from wellbeing_app.domain.catalogue import EXPOSURES, SHIFT_LABELS, scale_label
from wellbeing_app.domain.dates import clock_time, short_date
from wellbeing_app.domain.journal import PAGE_SIZE, JournalFilter, JournalRow
from wellbeing_app.domain.search_terms import highlight_html, match_spans
from wellbeing_app.services.session import Session

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex


def first_line(text: str, limit: int = 120) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= limit else line[: limit - 1] + "…"


def preview_line(row: JournalRow, query: Any) -> tuple[str, str]:
    """The line to show under the summary, and a prefix naming where it comes from.

    Normally the start of "what I took home"; when searching, the "one good
    thing" instead if that is where the words were found.
    """
    took_home = first_line(row.preview, 400)
    good = first_line(row.good_thing, 400)
    if query is not None and not query.is_empty and good:
        if not match_spans(took_home, query) and match_spans(good, query):
            return good, "One good thing: "
    if took_home:
        return took_home, ""
    return (good, "One good thing: ") if good else ("", "")


def row_summary(row: JournalRow, *, with_time: bool = False) -> str:
    """The row in plain words (also its accessible text); ``with_time`` adds when it was
    written, which tells apart several check-ins on one day."""
    when = short_date(row.date, year=row.date.year != date.today().year)
    if with_time and row.created_at is not None:
        when = f"{when}, {clock_time(row.created_at)}"
    parts = [when]
    if row.shift_type is not None:
        parts.append(SHIFT_LABELS[row.shift_type])
    parts.append(f"mood {scale_label('mood', row.mood).lower()}")
    if row.exposures:
        parts.append(", ".join(EXPOSURES[code] for code in row.exposures))
    return " · ".join(parts)


class JournalModel(QAbstractListModel):
    """Journal rows for one filter, newest first, fetched a page at a time."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self._session = session
        self._filter = JournalFilter()
        self._rows: list[JournalRow] = []
        self._exhausted = False

    @property
    def filter(self) -> JournalFilter:
        return self._filter

    def set_filter(self, where: JournalFilter) -> None:
        self.beginResetModel()
        self._filter = where
        self._rows = []
        self._exhausted = False
        self.endResetModel()
        self.fetchMore(QModelIndex())

    def refresh(self) -> None:
        self.set_filter(self._filter)

    def clear(self) -> None:
        """Forget every row (used when locking)."""
        self.beginResetModel()
        self._rows = []
        self._exhausted = True
        self.endResetModel()

    def row_at(self, row: int) -> JournalRow:
        return self._rows[row]

    def shares_its_day(self, row: int) -> bool:
        """Whether a loaded neighbour is from the same day (then rows show their times)."""
        day = self._rows[row].date
        return any(
            0 <= other < len(self._rows) and self._rows[other].date == day
            for other in (row - 1, row + 1)
        )

    def summary(self, row: int) -> str:
        return row_summary(self._rows[row], with_time=self.shares_its_day(row))

    def loaded(self) -> int:
        return len(self._rows)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008, N802
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008, N802
        if parent.isValid() or self._exhausted:
            return
        older_than = self._rows[-1].sort_key if self._rows else None
        page = self._session.journal_page(self._filter, older_than=older_than, limit=PAGE_SIZE)
        if len(page) < PAGE_SIZE:
            self._exhausted = True
        if page:
            start = len(self._rows)
            self.beginInsertRows(QModelIndex(), start, start + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()
            if start and page[0].date == self._rows[start - 1].date:
                # The last row of the page before now has a same-day neighbour: its time.
                before = self.index(start - 1)
                self.dataChanged.emit(before, before)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == ROW_ROLE:
            return row
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            preview, prefix = preview_line(row, self._filter.query)
            summary = self.summary(index.row())
            return f"{summary}\n{prefix}{preview}" if preview else summary
        return None


class JournalDelegate(QStyledItemDelegate):
    """Paints a row: the summary line, then the first line of the reflection, matches in bold."""

    PADDING = 8

    def _document(
        self, option: QStyleOptionViewItem, row: JournalRow, query: Any, summary_text: str
    ) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        width = max(100, option.rect.width() - 2 * self.PADDING)
        preview, prefix = preview_line(row, query)
        # One line each: long text is cut with "…" rather than wrapped out of sight.
        metrics = option.fontMetrics
        bold = QFont(option.font)
        bold.setBold(True)
        preview = metrics.elidedText(
            preview, Qt.TextElideMode.ElideRight, width - metrics.horizontalAdvance(prefix) - 12
        )
        spans = match_spans(preview, query) if query is not None else []
        summary = QFontMetrics(bold).elidedText(
            summary_text, Qt.TextElideMode.ElideRight, width - 12
        )
        body = (
            highlight_html(prefix, []) + highlight_html(preview, spans)
            if preview
            else "<i>No reflection written</i>"
        )
        doc.setHtml(f"<b>{highlight_html(summary, [])}</b><br>{body}")
        doc.setDocumentMargin(0)
        return doc

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        row = index.data(ROW_ROLE)
        if not isinstance(row, JournalRow):
            super().paint(painter, option, index)
            return
        model = index.model()
        if isinstance(model, JournalModel):
            query, summary = model.filter.query, model.summary(index.row())
        else:
            query, summary = None, row_summary(row)
        style = option.widget.style() if option.widget is not None else None
        option_copy = QStyleOptionViewItem(option)
        self.initStyleOption(option_copy, index)
        option_copy.text = ""
        if style is not None:
            style.drawControl(
                QStyle.ControlElement.CE_ItemViewItem, option_copy, painter, option.widget
            )
        doc = self._document(option, row, query, summary)
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(role))
        painter.save()
        rect: QRect = option.rect
        painter.setClipRect(rect)
        painter.translate(rect.left() + self.PADDING, rect.top() + self.PADDING)
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:  # noqa: N802
        height = option.fontMetrics.lineSpacing() * 2 + 2 * self.PADDING + 6
        # No width of its own: a row is as wide as the list, and its text is cut with
        # "…" to fit (a width from the first layout would outlast a narrower window).
        return QSize(1, height)
