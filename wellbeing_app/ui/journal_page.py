"""The journal: every check-in, newest first, with filters, search, edit and undoable delete."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Final

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from wellbeing_app.domain.catalogue import (
    ACTIVITIES,
    EXPOSURES,
    SCALE_LABELS,
    SHIFT_LABELS,
    ShiftType,
    scale_label,
)
from wellbeing_app.domain.checkin import CheckIn, DeletedCheckIn
from wellbeing_app.domain.dates import clock_time, day_month_year, long_date, moment
from wellbeing_app.domain.journal import JournalFilter, JournalRow
from wellbeing_app.domain.search_terms import highlight_html, match_spans, parse_query
from wellbeing_app.event_log import record
from wellbeing_app.services.checkins import record_of
from wellbeing_app.services.session import Session
from wellbeing_app.ui.journal_model import JournalDelegate, JournalModel, first_line
from wellbeing_app.ui.notice import Notice
from wellbeing_app.ui.prompts import Prompts
from wellbeing_app.ui.widgets import card_bar, empty_layout

SEARCH_DELAY_MS: Final = 250
UNDO_SECONDS: Final = 12
RANGES: Final = (
    ("All check-ins", None),
    ("Last 4 weeks", 28),
    ("Last 3 months", 91),
    ("Last 12 months", 365),
)


def entry_html(checkin: CheckIn, query_text: str = "") -> str:
    """The whole entry as simple HTML, with search matches in bold."""
    query = parse_query(query_text)

    def text(value: str) -> str:
        return highlight_html(value, match_spans(value, query))

    lines = [f"<h2>{long_date(checkin.date)}</h2>"]
    written = checkin.created_at.astimezone()
    when = (
        f"at {clock_time(written)}" if written.date() == checkin.date else f"on {moment(written)}"
    )
    lines.append(f"<p>Checked in {when}.</p>")
    facts = []
    if checkin.shift_type is not None:
        facts.append(f"{SHIFT_LABELS[checkin.shift_type]} shift")
    if checkin.hours_worked is not None:
        facts.append(f"{checkin.hours_worked:g} hours worked")
    if checkin.overtime_hours:
        facts.append(f"{checkin.overtime_hours:g} hours overtime")
    if checkin.took_break is not None:
        facts.append("proper break taken" if checkin.took_break else "no proper break")
    if facts:
        lines.append("<p>" + ", ".join(facts).capitalize() + ".</p>")
    scores = [f"Mood: {scale_label('mood', checkin.mood).lower()}"]
    for name, label in (
        ("stress", "Stress"),
        ("energy", "Energy"),
        ("sleep_quality", "Sleep quality"),
    ):
        value = getattr(checkin, name)
        if value is not None:
            scores.append(f"{label}: {SCALE_LABELS[name][value - 1].lower()}")
    if checkin.sleep_hours is not None:
        scores.append(f"Sleep: {checkin.sleep_hours:g} h")
    lines.append("<p>" + ". ".join(scores) + ".</p>")
    if checkin.exposures:
        lines.append(
            "<p><b>Distressing:</b> " + ", ".join(EXPOSURES[c] for c in checkin.exposures) + "</p>"
        )
    if checkin.activities:
        lines.append(
            "<p><b>The shift involved:</b> "
            + ", ".join(ACTIVITIES[c] for c in checkin.activities)
            + "</p>"
        )
    if checkin.tags:
        lines.append("<p><b>Your tags:</b> " + text(", ".join(checkin.tags)) + "</p>")
    if checkin.took_home:
        lines.append(f"<h3>What I took home</h3><p>{text(checkin.took_home)}</p>")
    if checkin.good_thing:
        lines.append(f"<h3>One good thing</h3><p>{text(checkin.good_thing)}</p>")
    if checkin.talked_to_someone is not None:
        lines.append(
            f"<p>Talked to someone about it: {'yes' if checkin.talked_to_someone else 'no'}.</p>"
        )
    return "".join(lines)


class JournalPage(QWidget):
    """Browse and search. Emits ``edit_requested(record, id)`` to open an entry in the form."""

    edit_requested = Signal(object, str)
    title = "Journal"

    def __init__(
        self,
        session: Session,
        prompts: Prompts,
        *,
        on_this_day: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._prompts = prompts
        self._show_on_this_day = on_this_day
        self._deleted: DeletedCheckIn | None = None
        self._current: CheckIn | None = None
        self._loaded_revision: int | None = None  # the check-ins as the list last read them

        column = QVBoxLayout(self)
        column.setContentsMargins(24, 16, 24, 16)
        column.setSpacing(10)
        heading = QLabel("Journal")
        heading.setObjectName("title")
        column.addWidget(heading)

        # -- search and filters -----------------------------------------------------
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search what you wrote and your tags")
        self.search.setAccessibleName("Search the journal")
        self.search.setClearButtonEnabled(True)
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(lambda _t: self.search_timer.start())
        self.search.returnPressed.connect(self.apply_filters)
        self.range = QComboBox()
        self.range.setAccessibleName("Date range")
        for label, days in RANGES:
            self.range.addItem(label, days)
        self.shift = QComboBox()
        self.shift.setAccessibleName("Shift type")
        self.shift.addItem("Any shift", None)
        for shift in ShiftType:
            self.shift.addItem(SHIFT_LABELS[shift], shift.value)
        self.exposure = QComboBox()
        self.exposure.setAccessibleName("Distressing incident")
        self.exposure.addItem("Any incident", None)
        for code, label in EXPOSURES.items():
            self.exposure.addItem(label, code)
        for combo in (self.range, self.shift, self.exposure):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        column.addWidget(self.search)
        filters = QHBoxLayout()
        filters.addWidget(self.range, 1)
        filters.addWidget(self.shift, 1)
        filters.addWidget(self.exposure, 1)
        column.addLayout(filters)

        # -- on this day and undo --------------------------------------------------
        self.on_this_day = QFrame()
        self.on_this_day.setObjectName("card")
        on_this_day_column = QVBoxLayout(self.on_this_day)
        self.on_this_day_title = QLabel("On this day in earlier years")
        self.on_this_day_title.setObjectName("heading")
        on_this_day_column.addWidget(self.on_this_day_title)
        self.on_this_day_list = QVBoxLayout()
        on_this_day_column.addLayout(self.on_this_day_list)
        self.on_this_day.hide()
        column.addWidget(self.on_this_day)

        self.undo_bar, self.undo_text, (self.undo_button,) = card_bar((("Undo", self.undo),))
        self.undo_timer = QTimer(self)
        self.undo_timer.setSingleShot(True)
        self.undo_timer.setInterval(UNDO_SECONDS * 1000)
        self.undo_timer.timeout.connect(self._forget_deleted)
        column.addWidget(self.undo_bar)

        # -- the list and the entry ------------------------------------------------------
        self.model = JournalModel(session)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setItemDelegate(JournalDelegate(self.list))
        self.list.setUniformItemSizes(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setAccessibleName("Check-ins, newest first")
        self.list.selectionModel().currentChanged.connect(self._current_changed)
        self.empty = QLabel("")
        self.empty.setObjectName("muted")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.entry = QTextBrowser()
        self.entry.setOpenLinks(False)
        self.entry.setAccessibleName("The chosen check-in")
        self.edit_button = QPushButton("Edit")
        self.edit_button.clicked.connect(self.edit_current)
        self.delete_button = QPushButton("Delete…")
        self.delete_button.clicked.connect(self.delete_current)
        entry_buttons = QHBoxLayout()
        entry_buttons.addStretch(1)
        entry_buttons.addWidget(self.edit_button)
        entry_buttons.addWidget(self.delete_button)
        entry_side = QWidget()
        entry_column = QVBoxLayout(entry_side)
        entry_column.setContentsMargins(0, 0, 0, 0)
        entry_column.addWidget(self.entry, 1)
        entry_column.addLayout(entry_buttons)
        list_side = QWidget()
        list_column = QVBoxLayout(list_side)
        list_column.setContentsMargins(0, 0, 0, 0)
        list_column.addWidget(self.list, 1)
        list_column.addWidget(self.empty)
        splitter = QSplitter()
        splitter.addWidget(list_side)
        splitter.addWidget(entry_side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        column.addWidget(splitter, 1)
        self.status = Notice("calm")
        column.addWidget(self.status)
        self._show_entry(None)

    # -- filters and the list ---------------------------------------------------------

    def current_filter(self) -> JournalFilter:
        days = self.range.currentData()
        today = date.today()
        first = today - timedelta(days=int(days) - 1) if days else None
        shift = self.shift.currentData()
        return JournalFilter(
            first=first,
            last=None,
            shift_type=ShiftType(shift) if shift else None,
            exposure=self.exposure.currentData(),
            query=parse_query(self.search.text()),
        )

    def apply_filters(self) -> None:
        self.search_timer.stop()
        self._loaded_revision = self._session.checkin_revision
        self.model.set_filter(self.current_filter())
        self._update_empty()
        self._fill_on_this_day()
        if self.model.rowCount() > 0:
            self.list.selectionModel().setCurrentIndex(
                self.model.index(0), QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
        else:
            self._show_entry(None)

    def refresh(self) -> None:
        """Reload the list and the on-this-day card (after a save, an edit or a delete)."""
        self.apply_filters()

    def refresh_if_changed(self) -> None:
        """Reload if the check-ins changed since the list was read: here, on another page,
        or from outside (an import or an edit from the command line). The entry being
        read stays chosen if it is still there."""
        if self._loaded_revision == self._session.checkin_revision:
            return
        reading = self._current.id if self._current is not None else None
        self.refresh()
        if reading is None:
            return
        for row in range(self.model.loaded()):
            if self.model.row_at(row).id == reading:
                self.list.selectionModel().setCurrentIndex(
                    self.model.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect
                )
                return

    def _update_empty(self) -> None:
        where = self.model.filter
        filtered = (where.query is not None and not where.query.is_empty) or any(
            (where.first, where.shift_type, where.exposure)
        )
        if self.model.rowCount() > 0:
            self.empty.hide()
            return
        self.empty.setText(
            "No check-ins match. Try fewer words, or a wider date range."
            if filtered
            else "No check-ins yet. After your next shift, check in from the Check in page."
        )
        self.empty.show()

    def _fill_on_this_day(self) -> None:
        empty_layout(self.on_this_day_list)
        # Only while browsing: a search or a filter is about something else.
        browsing = self.current_filter() == JournalFilter(query=parse_query(""))
        rows = (
            self._session.on_this_day(date.today()) if self._show_on_this_day and browsing else []
        )
        for row in rows[:5]:
            years = date.today().year - row.date.year
            ago = "1 year ago" if years == 1 else f"{years} years ago"
            button = QPushButton(
                f"{day_month_year(row.date)} ({ago}): "
                f"{first_line(row.preview, 80) or 'no reflection written'}"
            )
            button.setFlat(True)
            button.setStyleSheet("text-align: left;")
            button.clicked.connect(lambda _c=False, r=row: self._show_row(r))
            self.on_this_day_list.addWidget(button)
        self.on_this_day.setVisible(bool(rows))

    def set_on_this_day(self, enabled: bool) -> None:
        self._show_on_this_day = enabled
        self._fill_on_this_day()

    # -- one entry -----------------------------------------------------------------

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            self._show_entry(None)
            return
        self._show_row(self.model.row_at(current.row()))

    def _show_row(self, row: JournalRow) -> None:
        self._show_entry(self._session.get_checkin(row.id))

    def _show_entry(self, checkin: CheckIn | None) -> None:
        self._current = checkin
        self.edit_button.setEnabled(checkin is not None)
        self.delete_button.setEnabled(checkin is not None)
        if checkin is None:
            self.entry.setHtml("<p>Choose a check-in on the left to read it here.</p>")
            return
        self.entry.setHtml(entry_html(checkin, self.search.text()))

    def current_checkin(self) -> CheckIn | None:
        return self._current

    def edit_current(self) -> None:
        if self._current is not None:
            self.edit_requested.emit(record_of(self._current), self._current.id)

    def delete_current(self) -> None:
        checkin = self._current
        if checkin is None:
            return
        when = day_month_year(checkin.date)
        if not self._prompts.confirm(
            self,
            "Delete this check-in?",
            f"Delete your check-in from {when}? You can undo this for a few seconds.",
            "Delete",
        ):
            return
        deleted = self._session.delete_checkin(checkin.id)
        if deleted is None:
            return
        record("check-in deleted")
        self._deleted = deleted
        self.undo_text.setText(f"Deleted your check-in from {when}.")
        self.undo_bar.show()
        self.undo_timer.start()
        self.refresh()

    def undo(self) -> None:
        deleted, self._deleted = self._deleted, None
        self.undo_timer.stop()
        self.undo_bar.hide()
        if deleted is None:
            return
        self._session.undo_delete(deleted)
        record("check-in restored after delete")
        self.refresh()
        self.status.show_notice("Your check-in is back.", seconds=6)

    def _forget_deleted(self) -> None:
        self._deleted = None
        self.undo_bar.hide()

    def forget(self) -> None:
        """Drop everything held in memory (used when locking)."""
        self._forget_deleted()
        self.model.clear()
        self.entry.clear()
        self._current = None
        self._loaded_revision = None
