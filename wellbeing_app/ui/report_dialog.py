"""Settings › Make a report…: which days, whether the words go in, and the name on the cover."""

from __future__ import annotations

from datetime import date
from typing import Final

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from wellbeing_app.charts.report_pdf import ReportRequest
from wellbeing_app.domain.insights import Range, range_bounds

SPANS: Final = (Range.FOUR_WEEKS, Range.THREE_MONTHS, Range.TWELVE_MONTHS)
CHOSEN_DATES: Final = len(SPANS)  # the id of "These dates" in the group


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class ReportDialog(QDialog):
    """Asks what a report covers; ``request()`` is the answer once accepted."""

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Make a report")
        self._today = today
        column = QVBoxLayout(self)
        intro = QLabel(
            "A PDF of your check-ins in numbers and charts, each with one plain sentence, to "
            "print or show someone you choose."
        )
        intro.setWordWrap(True)
        column.addWidget(intro)

        which = QLabel("Which days")
        which.setObjectName("subheading")
        column.addWidget(which)
        self.spans = QButtonGroup(self)
        for index, span in enumerate(SPANS):
            button = QRadioButton(f"The last {span.label}")
            self.spans.addButton(button, index)
            column.addWidget(button)
        self.spans.button(1).setChecked(True)  # 3 months
        dates_row = QHBoxLayout()
        self.these_dates = QRadioButton("These dates:")
        self.spans.addButton(self.these_dates, CHOSEN_DATES)
        self.first = QDateEdit(_qdate(range_bounds(Range.THREE_MONTHS, today)[0]))
        self.last = QDateEdit(_qdate(today))
        for field, name in ((self.first, "First day"), (self.last, "Last day")):
            field.setCalendarPopup(True)
            field.setDisplayFormat("d MMM yyyy")
            field.setMaximumDate(_qdate(today))
            field.setAccessibleName(f"{name} of the report")
            field.dateChanged.connect(lambda _d: self.these_dates.setChecked(True))
        dates_row.addWidget(self.these_dates)
        dates_row.addWidget(self.first)
        dates_row.addWidget(QLabel("to"))
        dates_row.addWidget(self.last)
        dates_row.addStretch(1)
        column.addLayout(dates_row)

        self.include_text = QCheckBox("Include what I wrote (my reflections, listed by date)")
        column.addWidget(self.include_text)
        name_row = QHBoxLayout()
        name_label = QLabel("Name on the cover (optional):")
        self.name = QLineEdit()
        self.name.setAccessibleName("Name on the cover (optional)")
        self.name.setPlaceholderText("or write it on the page")
        name_label.setBuddy(self.name)
        name_row.addWidget(name_label)
        name_row.addWidget(self.name, 1)
        column.addLayout(name_row)
        self.problem = QLabel("")
        self.problem.setObjectName("notice")
        self.problem.setWordWrap(True)
        self.problem.hide()
        column.addWidget(self.problem)
        note = QLabel(
            "The report is not encrypted: save it only somewhere you control, and delete it "
            "when it is no longer needed."
        )
        note.setObjectName("muted")
        note.setWordWrap(True)
        column.addWidget(note)
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(
            "Choose where to save…", QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.save_button.setDefault(True)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        column.addWidget(buttons)

    def request(self) -> ReportRequest:
        """What the choices ask for (the days, the words, the name)."""
        chosen = self.spans.checkedId()
        if chosen == CHOSEN_DATES:
            first, last = _day(self.first.date()), _day(self.last.date())
        else:
            first, last = range_bounds(SPANS[chosen], self._today)
        return ReportRequest(
            first, last, include_text=self.include_text.isChecked(), name=self.name.text().strip()
        )

    def _accept(self) -> None:
        request = self.request()
        if request.first > request.last:
            self.problem.setText("The first day must be on or before the last day.")
            self.problem.show()
            self.first.setFocus()
            return
        self.accept()
