"""Settings › Your rota: build a repeating pattern, look at a calendar file first, change one day.

Each dialog shows the shifts it would give (the next four weeks) before
anything is saved; clock changes are said in words on the nights they touch.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, time, timedelta
from typing import Final

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from wellbeing_app.domain.catalogue import SHIFT_LABELS, ShiftType
from wellbeing_app.domain.dates import short_date
from wellbeing_app.domain.rota import (
    InvalidRota,
    PatternDay,
    Rota,
    RotaChange,
    RotaPattern,
    Shift,
    ShiftMapping,
    WordRule,
    shifts_between,
)

PREVIEW_DAYS: Final = 28
_E, _L, _N, _R, _D = (
    ShiftType.EARLY,
    ShiftType.LATE,
    ShiftType.NIGHT,
    ShiftType.REST_DAY,
    ShiftType.DAY,
)
# Ready-made cycles to start from: (name, [(shift type, start, hours)]).
READY_MADE: Final[
    tuple[tuple[str, tuple[tuple[ShiftType, time | None, float | None], ...]], ...]
] = (
    (
        "2 earlies, 2 lates, 2 nights, 4 rest days",
        (
            (_E, time(7), 8.0),
            (_E, time(7), 8.0),
            (_L, time(14), 9.0),
            (_L, time(14), 9.0),
            (_N, time(22), 10.0),
            (_N, time(22), 10.0),
            *[(_R, None, None)] * 4,
        ),
    ),
    (
        "4 on, 4 off, 12-hour shifts (2 days, 2 nights)",
        (
            (_D, time(7), 12.0),
            (_D, time(7), 12.0),
            (_N, time(19), 12.0),
            (_N, time(19), 12.0),
            *[(_R, None, None)] * 4,
        ),
    ),
    (
        "Monday to Friday, 9 to 5",
        (*[(_D, time(9), 8.0)] * 5, (_R, None, None), (_R, None, None)),
    ),
)
_WORKING: Final = [kind for kind in ShiftType if kind is not ShiftType.REST_DAY]


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def _date_row(column: QVBoxLayout, caption_text: str, name: str) -> QDateEdit:
    """A captioned date field on its own row of ``column``."""
    row = QHBoxLayout()
    caption = QLabel(caption_text)
    field = QDateEdit()
    field.setCalendarPopup(True)
    field.setDisplayFormat("ddd d MMM yyyy")
    field.setAccessibleName(name)
    caption.setBuddy(field)
    row.addWidget(caption)
    row.addWidget(field)
    row.addStretch(1)
    column.addLayout(row)
    return field


def shift_row(shift: Shift) -> str:
    """One line of a preview: "Sat 24 Oct  Night 22:00–08:00 (11 hours: the clocks go back)"."""
    text = f"{short_date(shift.date, year=False)}  {SHIFT_LABELS[shift.shift_type]}"
    if shift.start is not None and shift.end is not None:
        text += f"  {shift.start:%H:%M}\u2013{shift.end:%H:%M}"
    change = shift.clock_change_hours
    if change and shift.hours is not None:
        which = "back" if change > 0 else "forward"
        text += f"  ({shift.hours:g} hours: the clocks go {which})"
    return text


def preview_text(shifts: Sequence[Shift]) -> str:
    return "\n".join(shift_row(s) for s in shifts) or "No shifts in these four weeks."


def _preview_box(name: str) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setReadOnly(True)
    box.setAccessibleName(name)
    box.setMinimumHeight(140)
    return box


class _DayRow:
    """One day of the cycle: its type, and for a worked day its start and length."""

    def __init__(self, grid: QGridLayout, index: int, on_change: Callable[..., None]) -> None:
        self.label = QLabel(f"Day {index + 1}")
        self.kind = QComboBox()
        self.kind.setAccessibleName(f"Day {index + 1} of the cycle")
        for kind in ShiftType:
            self.kind.addItem(SHIFT_LABELS[kind], kind.value)
        self.start = QTimeEdit()
        self.start.setDisplayFormat("HH:mm")
        self.start.setAccessibleName(f"Day {index + 1} starts at")
        self.hours = QDoubleSpinBox()
        self.hours.setRange(0.5, 24.0)
        self.hours.setSingleStep(0.5)
        self.hours.setDecimals(1)
        self.hours.setSuffix(" h")
        self.hours.setAccessibleName(f"Day {index + 1} length in hours")
        self.widgets: tuple[QWidget, ...] = (self.label, self.kind, self.start, self.hours)
        for column, widget in enumerate(self.widgets):
            grid.addWidget(widget, index + 1, column)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        for signal in (self.kind.currentIndexChanged, self.start.timeChanged):
            signal.connect(on_change)
        self.hours.valueChanged.connect(on_change)

    def set(self, kind: ShiftType, start: time | None, hours: float | None) -> None:
        self.kind.setCurrentIndex(self.kind.findData(kind.value))
        self.start.setTime(QTime(start.hour, start.minute) if start else QTime(9, 0))
        self.hours.setValue(hours or 8.0)
        self._kind_changed()

    def _kind_changed(self, _index: int = 0) -> None:
        working = self.kind.currentData() != ShiftType.REST_DAY.value
        self.start.setEnabled(working)
        self.hours.setEnabled(working)

    def day(self) -> PatternDay:
        kind = ShiftType(self.kind.currentData())
        if kind is ShiftType.REST_DAY:
            return PatternDay.rest_day()
        start = self.start.time()
        return PatternDay.working(kind, time(start.hour(), start.minute()), self.hours.value())

    def remove(self) -> None:
        for widget in self.widgets:
            widget.setParent(None)
            widget.deleteLater()


class PatternDialog(QDialog):
    """Build the repeating cycle; ``pattern()`` is the answer once accepted."""

    def __init__(
        self, current: RotaPattern | None, today: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Your repeating pattern")
        self._today = today
        column = QVBoxLayout(self)
        intro = QLabel(
            "The days of your cycle in order, and the day it starts. A night belongs to the "
            "day it starts. The next four weeks are shown below before anything is saved."
        )
        intro.setWordWrap(True)
        column.addWidget(intro)
        start_row = QHBoxLayout()
        self.ready_made = QComboBox()
        self.ready_made.setAccessibleName("Start from a common pattern")
        self.ready_made.addItem("Start from\u2026", None)
        for index, (name, _days) in enumerate(READY_MADE):
            self.ready_made.addItem(name, index)
        self.ready_made.activated.connect(self._use_ready_made)
        start_row.addWidget(self.ready_made, 1)
        column.addLayout(start_row)
        self.starts_on = _date_row(
            column, "Day 1 of the cycle is", "The date of day 1 of the cycle"
        )
        self._grid = QGridLayout()
        for index, name in enumerate(("", "Shift", "Starts", "Length")):
            self._grid.addWidget(QLabel(name), 0, index)
        column.addLayout(self._grid)
        self._rows: list[_DayRow] = []
        buttons_row = QHBoxLayout()
        self.add_day = QPushButton("Add a day")
        self.add_day.clicked.connect(lambda: self._add_row(ShiftType.REST_DAY, None, None))
        self.remove_day = QPushButton("Remove the last day")
        self.remove_day.clicked.connect(self._remove_row)
        buttons_row.addWidget(self.add_day)
        buttons_row.addWidget(self.remove_day)
        buttons_row.addStretch(1)
        column.addLayout(buttons_row)
        column.addWidget(QLabel("The next four weeks"))
        self.preview = _preview_box("The next four weeks with this pattern")
        column.addWidget(self.preview, 1)
        self.problem = QLabel("")
        self.problem.setWordWrap(True)
        column.addWidget(self.problem)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        column.addWidget(self.buttons)
        self.starts_on.dateChanged.connect(self._refresh)

        if current is not None:
            self.starts_on.setDate(_qdate(current.starts_on))
            for day in current.days:
                self._add_row(day.shift_type, day.start, day.hours)
        else:
            self.starts_on.setDate(_qdate(today))
            self._fill(READY_MADE[0][1])
            self.ready_made.setCurrentIndex(1)
        self._refresh()

    def _use_ready_made(self, index: int) -> None:
        chosen = self.ready_made.itemData(index)
        if chosen is not None:
            self._fill(READY_MADE[chosen][1])

    def _fill(self, days: Sequence[tuple[ShiftType, time | None, float | None]]) -> None:
        while self._rows:
            self._rows.pop().remove()
        for kind, start, hours in days:
            self._add_row(kind, start, hours)
        self._refresh()

    def _add_row(self, kind: ShiftType, start: time | None, hours: float | None) -> None:
        row = _DayRow(self._grid, len(self._rows), lambda *_a: self._refresh())
        row.set(kind, start, hours)
        self._rows.append(row)
        self._refresh()

    def _remove_row(self) -> None:
        if len(self._rows) > 1:
            self._rows.pop().remove()
            self._refresh()

    def pattern(self) -> RotaPattern | None:
        """The cycle as it stands, or None (and the reason shown) if it is not valid."""
        try:
            return RotaPattern(tuple(r.day() for r in self._rows), _day(self.starts_on.date()))
        except InvalidRota as error:
            self.problem.setText(f"This pattern cannot be used: {error}")
            return None

    def _refresh(self) -> None:
        if not hasattr(self, "preview"):
            return
        self.remove_day.setEnabled(len(self._rows) > 1)
        pattern = self.pattern()
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setEnabled(pattern is not None)
        if pattern is None:
            self.preview.setPlainText("")
            return
        self.problem.setText("")
        shifts = shifts_between(
            Rota(pattern=pattern), self._today, self._today + timedelta(days=PREVIEW_DAYS - 1)
        )
        self.preview.setPlainText(preview_text(shifts))


class PreviewDialog(QDialog):
    """The next four weeks a calendar file gives, before it becomes the rota."""

    def __init__(self, file_name: str, shifts: Sequence[Shift], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Your rota from a calendar file")
        column = QVBoxLayout(self)
        worked = sum(1 for s in shifts if s.is_worked)
        intro = QLabel(
            f"{file_name} gives {worked} shift{'s' if worked != 1 else ''} in the next four "
            "weeks. Shifts already past stay as they were; from now on, this file replaces "
            "what an earlier one said."
        )
        intro.setWordWrap(True)
        column.addWidget(intro)
        self.preview = _preview_box("The next four weeks from this calendar file")
        self.preview.setPlainText(preview_text(shifts))
        column.addWidget(self.preview, 1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("Use this rota")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        column.addWidget(buttons)


CHANGE_KINDS: Final = (
    ("A different shift (a swap)", "swap"),
    ("Overtime at the end of the shift", "overtime"),
    ("A rest day I worked (cancelled)", "rest_day_cancelled"),
)


class ChangeDialog(QDialog):
    """One day's change on top of the rota; ``change()`` is the answer once accepted."""

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Change one day")
        column = QVBoxLayout(self)
        self.on = _date_row(column, "Which day", "The day that changed")
        self.on.setDate(_qdate(today))
        self.kinds = QButtonGroup(self)
        for index, (label, _kind) in enumerate(CHANGE_KINDS):
            button = QRadioButton(label)
            self.kinds.addButton(button, index)
            column.addWidget(button)
        self.kinds.button(0).setChecked(True)
        details = QHBoxLayout()
        self.kind = QComboBox()
        self.kind.setAccessibleName("The shift worked that day")
        for kind in _WORKING:
            self.kind.addItem(SHIFT_LABELS[kind], kind.value)
        self.kind.addItem(SHIFT_LABELS[ShiftType.REST_DAY], ShiftType.REST_DAY.value)
        self.start = QTimeEdit(QTime(7, 0))
        self.start.setDisplayFormat("HH:mm")
        self.start.setAccessibleName("It started at")
        self.hours = QDoubleSpinBox()
        self.hours.setRange(0.25, 24.0)
        self.hours.setSingleStep(0.5)
        self.hours.setValue(8.0)
        self.hours.setSuffix(" h")
        self.hours.setAccessibleName("Hours (the shift's length, or the overtime)")
        for widget in (self.kind, self.start, self.hours):
            details.addWidget(widget)
        details.addStretch(1)
        column.addLayout(details)
        self.kinds.idToggled.connect(self._kind_changed)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        column.addWidget(buttons)
        self._kind_changed()

    def _kind_changed(self, *_args: object) -> None:
        overtime = self.kinds.checkedId() == 1
        self.kind.setEnabled(not overtime)
        self.start.setEnabled(not overtime)
        if overtime and self.hours.value() >= 8:  # a shift's length: not likely overtime
            self.hours.setValue(1.0)

    def change(self) -> RotaChange:
        on = _day(self.on.date())
        if self.kinds.checkedId() == 1:
            return RotaChange.overtime(on, self.hours.value())
        kind = ShiftType(self.kind.currentData())
        start = self.start.time()
        day = (
            PatternDay.rest_day()
            if kind is ShiftType.REST_DAY
            else PatternDay.working(kind, time(start.hour(), start.minute()), self.hours.value())
        )
        if self.kinds.checkedId() == 2:
            return RotaChange.rest_day_cancelled(on, day)
        return RotaChange.swap(on, day)


class RulesDialog(QDialog):
    """The words that say which shift a calendar event is, in order; ``mapping()`` once accepted.

    The first rule with a word in an event's summary decides (whole words, any
    case); events no rule names take the shift type of their start time.
    """

    def __init__(self, mapping: ShiftMapping, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Rules for calendar files")
        self._bands = mapping.time_bands
        column = QVBoxLayout(self)
        intro = QLabel(
            "How Took Home reads the events in a calendar file. The first rule with one of its "
            "words in an event's title decides the shift (whole words, any case). Words are "
            "separated by commas. Events no rule names go by their start time; a whole-day "
            "event is a rest day."
        )
        intro.setWordWrap(True)
        column.addWidget(intro)
        self._grid = QGridLayout()
        for index, name in enumerate(("Words in the title", "Shift", "Tag (optional)")):
            self._grid.addWidget(QLabel(name), 0, index)
        column.addLayout(self._grid)
        self.rows: list[tuple[QLineEdit, QComboBox, QLineEdit]] = []
        for rule in mapping.word_rules:
            self.add_rule(", ".join(rule.words), rule.shift_type, rule.tag or "")
        buttons_row = QHBoxLayout()
        add = QPushButton("Add a rule")
        add.clicked.connect(lambda: self.add_rule("", ShiftType.OTHER, ""))
        buttons_row.addWidget(add)
        buttons_row.addStretch(1)
        column.addLayout(buttons_row)
        self.problem = QLabel("")
        self.problem.setWordWrap(True)
        column.addWidget(self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        column.addWidget(buttons)

    def add_rule(self, words: str, kind: ShiftType, tag: str) -> None:
        number = len(self.rows) + 1
        words_field = QLineEdit(words)
        words_field.setAccessibleName(f"Rule {number}: words in the title")
        shift = QComboBox()
        shift.setAccessibleName(f"Rule {number}: the shift")
        for each in ShiftType:
            shift.addItem(SHIFT_LABELS[each], each.value)
        shift.setCurrentIndex(shift.findData(kind.value))
        tag_field = QLineEdit(tag)
        tag_field.setAccessibleName(f"Rule {number}: tag")
        for column, widget in enumerate((words_field, shift, tag_field)):
            self._grid.addWidget(widget, number, column)
        self.rows.append((words_field, shift, tag_field))

    def mapping(self) -> ShiftMapping | None:
        """The rules as they stand (a rule with no words is left out), or None if one is bad."""
        rules = []
        try:
            for words_field, shift, tag_field in self.rows:
                words = tuple(w.strip() for w in words_field.text().split(",") if w.strip())
                if not words:
                    continue
                tag = tag_field.text().strip() or None
                rules.append(WordRule(words, ShiftType(shift.currentData()), tag))
            return ShiftMapping(tuple(rules), self._bands)
        except InvalidRota as error:
            self.problem.setText(f"A rule cannot be used: {error}")
            return None

    def _save(self) -> None:
        if self.mapping() is not None:
            self.accept()
