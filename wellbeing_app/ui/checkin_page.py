"""The end-of-shift check-in: one screen, keyboard-friendly, under a minute."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from wellbeing_app.domain.catalogue import (
    ACTIVITIES,
    EXPOSURES,
    SCALE_LABELS,
    SHIFT_LABELS,
    ShiftType,
)
from wellbeing_app.domain.checkin import (
    LATEST_DATE_AHEAD,
    MAX_TEXT_CHARS,
    CheckIn,
    FieldProblem,
    InvalidCheckIn,
)
from wellbeing_app.services.checkins import default_shift_type, save_new_checkin
from wellbeing_app.storage.vault import Vault
from wellbeing_app.ui.widgets import ChipGroup, ChoiceSelector, FlowLayout, Notice, OptionalHours

REMINDER = "Please leave out names, collar numbers, and crime or log references."

# What the form calls each field when it explains a problem.
FIELD_NAMES = {
    "date": "Date",
    "shift_type": "Shift",
    "hours_worked": "Hours worked",
    "overtime_hours": "Overtime",
    "took_break": "Proper break",
    "mood": "Mood",
    "stress": "Stress",
    "energy": "Energy",
    "sleep_hours": "Sleep",
    "sleep_quality": "Sleep quality",
    "exposures": "Anything distressing",
    "activities": "What the shift involved",
    "tags": "Your own tags",
    "took_home": "What I took home",
    "good_thing": "One good thing",
    "talked_to_someone": "Talked to someone",
}


def _to_date(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class ShiftDateEdit(QDateEdit):
    """A date field that Tab leaves at once (arrows move between day, month and year)."""

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802, A002 - Qt override
        return QWidget.focusNextPrevChild(self, next)


def _to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _section(title: str) -> QLabel:
    label = QLabel(title)
    label.setObjectName("heading")
    return label


def _hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("hint")
    label.setWordWrap(True)
    return label


class CheckInPage(QWidget):
    """Fill in, Ctrl+S, done. Emits ``saved`` with the stored check-in."""

    saved = Signal(object)
    title = "Check in"

    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vault = vault
        self._errors: dict[str, Notice] = {}

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        column = QVBoxLayout(body)
        column.setContentsMargins(24, 16, 24, 16)
        column.setSpacing(10)
        heading = QLabel("How was your shift?")
        heading.setObjectName("title")
        column.addWidget(heading)
        self.confirmation = Notice("calm")
        column.addWidget(self.confirmation)

        # -- the shift -----------------------------------------------------------
        self.date = ShiftDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("ddd d MMM yyyy")
        self.date.setAccessibleName("Date of the shift")
        self.shift_type = QComboBox()
        self.shift_type.setAccessibleName("Shift type")
        self.shift_type.addItem("—", None)
        for shift in ShiftType:
            self.shift_type.addItem(SHIFT_LABELS[shift], shift.value)
        self.hours_worked = OptionalHours("Hours worked")
        self.overtime = OptionalHours("Overtime hours")
        self.took_break = ChoiceSelector("Proper break taken", ("Yes", "No"), (True, False))
        # The shift's details wrap onto a second line in a narrow window.
        shift_holder = QWidget()
        shift_flow = FlowLayout(shift_holder, spacing=14)
        for label, shift_widget in (
            ("Date", self.date),
            ("Shift", self.shift_type),
            ("Hours worked", self.hours_worked),
            ("Overtime", self.overtime),
            ("Proper break?", self.took_break),
        ):
            block = QWidget()
            block_column = QVBoxLayout(block)
            block_column.setContentsMargins(0, 0, 0, 0)
            block_column.setSpacing(2)
            caption = QLabel(label)
            caption.setBuddy(shift_widget)
            block_column.addWidget(caption)
            block_column.addWidget(shift_widget)
            shift_flow.addWidget(block)
        column.addWidget(shift_holder)
        for name in ("date", "shift_type", "hours_worked", "overtime_hours", "took_break"):
            column.addWidget(self._error_slot(name))

        # -- how you are -----------------------------------------------------------
        column.addWidget(_section("How are you?"))
        self.scales: dict[str, ChoiceSelector] = {}
        # Captions sit beside the choices, or above them when the window is narrow.
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(4)
        rows = (
            ("mood", "Mood *"),
            ("stress", "Stress"),
            ("energy", "Energy"),
            ("sleep_hours", "Sleep since your last shift"),
            ("sleep_quality", "Sleep quality"),
        )
        for name, caption_text in rows:
            if name == "sleep_hours":
                self.sleep_hours = OptionalHours("Hours of sleep since your last shift")
                widget: QWidget = self.sleep_hours
            else:
                question = caption_text.rstrip(" *")
                selector = ChoiceSelector(question, SCALE_LABELS[name])
                self.scales[name] = selector
                widget = selector
            caption = QLabel(caption_text)
            caption.setBuddy(widget)
            form.addRow(caption, self._with_error(widget, name))
        column.addLayout(form)
        column.addWidget(_hint("* Mood is the only thing you must answer. Skip anything else."))

        # -- what happened -----------------------------------------------------------
        column.addWidget(_section("Anything distressing?"))
        column.addWidget(_hint("Tick anything you dealt with, saw or heard on this shift."))
        self.exposures = ChipGroup("Anything distressing", list(EXPOSURES.items()))
        column.addWidget(self.exposures)
        column.addWidget(self._error_slot("exposures"))
        column.addWidget(_section("What the shift involved"))
        self.activities = ChipGroup("What the shift involved", list(ACTIVITIES.items()))
        column.addWidget(self.activities)
        column.addWidget(self._error_slot("activities"))
        self.tags = QLineEdit()
        self.tags.setAccessibleName("Your own tags, separated by commas")
        self.tags.setPlaceholderText("Your own tags, separated by commas (optional)")
        column.addWidget(self.tags)
        column.addWidget(self._error_slot("tags"))

        # -- in your words -----------------------------------------------------------
        column.addWidget(_section("What I took home"))
        self.took_home = QPlainTextEdit()
        self.took_home.setTabChangesFocus(True)
        self.took_home.setAccessibleName("What I took home")
        self.took_home.setPlaceholderText("What's still with you from this shift? (optional)")
        self.took_home.setMinimumHeight(110)
        column.addWidget(self.took_home)
        column.addWidget(_hint(REMINDER))
        column.addWidget(self._error_slot("took_home"))
        good_caption = QLabel("One good thing")
        good_caption.setObjectName("heading")
        column.addWidget(good_caption)
        self.good_thing = QLineEdit()
        self.good_thing.setAccessibleName("One good thing")
        self.good_thing.setPlaceholderText("However small (optional)")
        good_caption.setBuddy(self.good_thing)
        column.addWidget(self.good_thing)
        column.addWidget(self._error_slot("good_thing"))
        self.talked = ChoiceSelector(
            "Did you talk to anyone about it?", ("Yes", "No"), (True, False)
        )
        talked_row = QHBoxLayout()
        talked_caption = QLabel("Did you talk to anyone about it?")
        talked_caption.setBuddy(self.talked)
        talked_row.addWidget(talked_caption)
        talked_row.addWidget(self.talked)
        talked_row.addStretch(1)
        column.addLayout(talked_row)
        column.addWidget(self._error_slot("talked_to_someone"))

        self.save_button = QPushButton("Save check-in  (Ctrl+S)")
        self.save_button.setObjectName("primary")
        self.save_button.clicked.connect(self.save)
        save_row = QHBoxLayout()
        save_row.addStretch(1)
        save_row.addWidget(self.save_button)
        column.addLayout(save_row)
        column.addStretch(1)

        QShortcut(
            QKeySequence.StandardKey.Save,
            self,
            self.save,
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        self.clear_form()

    # -- form ------------------------------------------------------------------

    def _with_error(self, widget: QWidget, field: str) -> QWidget:
        holder = QWidget()
        holder_column = QVBoxLayout(holder)
        holder_column.setContentsMargins(0, 0, 0, 0)
        holder_column.setSpacing(2)
        holder_column.addWidget(
            widget,
            0,
            Qt.AlignmentFlag.AlignLeft
            if isinstance(widget, OptionalHours)
            else Qt.AlignmentFlag(0),
        )
        holder_column.addWidget(self._error_slot(field))
        return holder

    def _error_slot(self, field: str) -> Notice:
        notice = Notice("notice")
        self._errors[field] = notice
        return notice

    def text_widgets(self) -> list[QWidget]:
        """Every widget that can hold what the user typed (cleared on lock)."""
        return [self.took_home, self.good_thing, self.tags]

    def clear_form(self) -> None:
        today = date.today()
        self.date.setMaximumDate(_to_qdate(today + LATEST_DATE_AHEAD))
        self.date.setDate(_to_qdate(today))
        last = default_shift_type(self._vault) if self._vault.is_open else None
        index = self.shift_type.findData(last.value if last is not None else None)
        self.shift_type.setCurrentIndex(max(index, 0))
        self.hours_worked.setHours(None)
        self.overtime.setHours(None)
        self.took_break.clear()
        for selector in self.scales.values():
            selector.clear()
        self.sleep_hours.setHours(None)
        self.exposures.setSelected(())
        self.activities.setSelected(())
        self.tags.clear()
        self.took_home.clear()
        self.took_home.document().clearUndoRedoStacks()
        self.good_thing.clear()
        self.talked.clear()
        self._show_problems(())

    def record(self) -> dict[str, object]:
        """What the form holds, with interchange field names and JSON types."""
        tags = [t.strip() for t in self.tags.text().split(",") if t.strip()]
        return {
            "date": _to_date(self.date.date()).isoformat(),
            "shift_type": self.shift_type.currentData(),
            "hours_worked": self.hours_worked.hours(),
            "overtime_hours": self.overtime.hours(),
            "took_break": self.took_break.value(),
            "mood": self.scales["mood"].value(),
            "stress": self.scales["stress"].value(),
            "energy": self.scales["energy"].value(),
            "sleep_hours": self.sleep_hours.hours(),
            "sleep_quality": self.scales["sleep_quality"].value(),
            "exposures": list(self.exposures.selected()),
            "activities": list(self.activities.selected()),
            "tags": tags,
            "took_home": self.took_home.toPlainText(),
            "good_thing": self.good_thing.text(),
            "talked_to_someone": self.talked.value(),
        }

    def save(self) -> CheckIn | None:
        """Validate and store; on a problem, say so next to the field and keep every word."""
        self.confirmation.clear_notice()
        try:
            checkin = save_new_checkin(self._vault, self.record())
        except InvalidCheckIn as invalid:
            self._show_problems(invalid.problems)
            return None
        self.clear_form()
        when = "today" if checkin.date == date.today() else checkin.date.strftime("%-d %B")
        self.confirmation.show_notice(
            f"Saved your check-in for {when}. Thank you for taking a minute.", seconds=8
        )
        self.date.setFocus()
        self.saved.emit(checkin)
        return checkin

    def _show_problems(self, problems: tuple[FieldProblem, ...] | list[FieldProblem]) -> None:
        for notice in self._errors.values():
            notice.clear_notice()
        first: QWidget | None = None
        for problem in problems:
            slot = self._errors.get(problem.field)
            if slot is None:
                continue
            slot.show_notice(self._explain(problem))
            if first is None:
                first = slot
        if first is not None:
            QTimer.singleShot(0, lambda: self._reveal(first))

    def _reveal(self, widget: QWidget) -> None:
        scroll = self.findChild(QScrollArea)
        if scroll is not None:
            scroll.ensureWidgetVisible(widget)

    @staticmethod
    def _explain(problem: FieldProblem) -> str:
        name = FIELD_NAMES.get(problem.field, problem.field)
        if problem.field == "mood" and problem.reason == "is required":
            return "Please choose your mood before saving. Everything else can be skipped."
        if problem.field == "took_home" and "characters long" in problem.reason:
            return (
                f"This is longer than {MAX_TEXT_CHARS:,} characters. Please shorten it; "
                "nothing has been lost."
            )
        value = f" {problem.value}" if problem.value else ""
        return f"{name}:{value} {problem.reason}."
