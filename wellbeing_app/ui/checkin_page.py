"""The end-of-shift check-in: one screen, keyboard-friendly, under a minute."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QTextCursor
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
from wellbeing_app.event_log import record
from wellbeing_app.services.session import Session
from wellbeing_app.ui.suggestions import SuggestionsPanel
from wellbeing_app.ui.widgets import (
    ChipGroup,
    ChoiceSelector,
    FlowLayout,
    Notice,
    OptionalHours,
    scrolling_column,
)

if TYPE_CHECKING:
    from wellbeing_app.ui.detail_review import FlaggedField
    from wellbeing_app.ui.prompts import Prompts

REMINDER = "Please leave out names, collar numbers, and crime or log references."
DRAFT_DELAY_MS = 3000  # an unsaved change is in the encrypted vault within 3 seconds

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


def _set_choice(selector: ChoiceSelector, value: object) -> None:
    try:
        selector.setValue(value)
    except ValueError:
        selector.clear()


def _codes(value: object) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list | tuple) else []


def _nice_date(value: object) -> str:
    try:
        return date.fromisoformat(str(value)).strftime("%-d %B %Y")
    except ValueError:
        return "an earlier day"


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
    on_this_day_requested = Signal()
    title = "Check in"

    def __init__(
        self,
        session: Session,
        *,
        prompts: Prompts | None = None,
        on_this_day: int = 0,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._prompts = prompts
        self._errors: dict[str, Notice] = {}
        self.editing_id: str | None = None
        self._dirty = False
        self._loading = False
        self.draft_timer = QTimer(self)
        self.draft_timer.setSingleShot(True)
        self.draft_timer.setInterval(DRAFT_DELAY_MS)
        self.draft_timer.timeout.connect(self.save_draft_now)

        column = scrolling_column(self)
        column.setSpacing(10)
        heading = QLabel("How was your shift?")
        heading.setObjectName("title")
        self.heading = heading
        column.addWidget(heading)
        self.confirmation = Notice("calm")
        column.addWidget(self.confirmation)
        self.suggestions = SuggestionsPanel()
        column.addWidget(self.suggestions)

        # An unfinished check-in from before a lock or a crash; editing an old one.
        self.draft_bar, self.draft_text = self._bar(
            (("Continue", self.continue_draft), ("Discard", self.discard_draft))
        )
        column.addWidget(self.draft_bar)
        self.editing_bar, self.editing_text = self._bar((("Stop editing", self.cancel_editing),))
        column.addWidget(self.editing_bar)
        self.on_this_day_link = QPushButton("")
        self.on_this_day_link.setFlat(True)
        self.on_this_day_link.setObjectName("quiet")
        self.on_this_day_link.clicked.connect(self.on_this_day_requested.emit)
        if on_this_day:
            self.on_this_day_link.setText(
                f"On this day: {on_this_day} check-in{'s' if on_this_day != 1 else ''} "
                "from earlier years"
            )
        self.on_this_day_link.setVisible(bool(on_this_day))
        column.addWidget(self.on_this_day_link, 0, Qt.AlignmentFlag.AlignLeft)

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
        self._watch_changes()
        self.clear_form()
        self._offer_draft()

    # -- form ------------------------------------------------------------------

    def _bar(self, actions: tuple[tuple[str, object], ...]) -> tuple[QFrame, QLabel]:
        bar = QFrame()
        bar.setObjectName("card")
        row = QHBoxLayout(bar)
        row.setContentsMargins(12, 6, 12, 6)
        text = QLabel("")
        text.setWordWrap(True)
        row.addWidget(text, 1)
        for label, handler in actions:
            button = QPushButton(label)
            button.clicked.connect(handler)
            row.addWidget(button)
        bar.hide()
        return bar, text

    def _watch_changes(self) -> None:
        """Any change starts the draft timer: the words reach the vault within seconds."""
        self.date.dateChanged.connect(self._changed)
        self.shift_type.currentIndexChanged.connect(self._changed)
        for spin in (self.hours_worked, self.overtime, self.sleep_hours):
            spin.valueChanged.connect(self._changed)
        for selector in (*self.scales.values(), self.took_break, self.talked):
            selector.valueChanged.connect(self._changed)
        self.exposures.changed.connect(self._changed)
        self.activities.changed.connect(self._changed)
        self.tags.textChanged.connect(self._changed)
        self.took_home.textChanged.connect(self._changed)
        self.good_thing.textChanged.connect(self._changed)

    def _changed(self, *_args: object) -> None:
        if self._loading:
            return
        self._dirty = True
        self.draft_timer.start()

    @property
    def has_unsaved_changes(self) -> bool:
        return self._dirty

    def save_draft_now(self) -> None:
        """Keep what is in the form, encrypted in the vault (on a timer, and on lock)."""
        self.draft_timer.stop()
        if self._dirty and self._session.is_open:
            self._session.save_draft(self.record(), self.editing_id)

    def _offer_draft(self) -> None:
        draft = self._session.load_draft() if self._session.is_open else None
        if draft is None:
            return
        when = draft.saved_at.astimezone().strftime("%-d %B at %H:%M")
        what = "your changes to a check-in" if draft.editing_id else "a check-in"
        self.draft_text.setText(f"You have {what} that you didn't finish ({when}).")
        self.draft_text.setAccessibleName(self.draft_text.text())
        self.draft_bar.show()

    def continue_draft(self) -> None:
        """Continue your unfinished check-in: put it back in the form."""
        draft = self._session.load_draft()
        self.draft_bar.hide()
        if draft is None:
            return
        self.load_record(draft.record, draft.editing_id)
        self._dirty = True
        self.took_home.setFocus()

    def discard_draft(self) -> None:
        self._session.discard_draft()
        self.draft_bar.hide()

    def edit(self, record: dict[str, object], checkin_id: str) -> None:
        """Open a stored check-in in the form; saving then changes it in place."""
        self.draft_bar.hide()
        self.load_record(record, checkin_id)
        self.date.setFocus()

    def cancel_editing(self) -> None:
        if self._session.is_open:
            self._session.discard_draft()
        self.clear_form()

    def load_record(self, record: dict[str, object], editing_id: str | None = None) -> None:
        """Fill the form from a record (a draft may be incomplete: fill what is there)."""
        self._loading = True
        try:
            self.clear_form()
            self.editing_id = editing_id
            raw_date = record.get("date")
            if isinstance(raw_date, str):
                try:
                    self.date.setDate(_to_qdate(date.fromisoformat(raw_date)))
                except ValueError:
                    pass
            index = self.shift_type.findData(record.get("shift_type"))
            self.shift_type.setCurrentIndex(max(index, 0))
            for spin, name in (
                (self.hours_worked, "hours_worked"),
                (self.overtime, "overtime_hours"),
                (self.sleep_hours, "sleep_hours"),
            ):
                value = record.get(name)
                spin.setHours(float(value) if isinstance(value, int | float) else None)
            for name, selector in self.scales.items():
                _set_choice(selector, record.get(name))
            _set_choice(self.took_break, record.get("took_break"))
            _set_choice(self.talked, record.get("talked_to_someone"))
            self.exposures.setSelected(_codes(record.get("exposures")))
            self.activities.setSelected(_codes(record.get("activities")))
            self.tags.setText(", ".join(_codes(record.get("tags"))))
            took_home, good_thing = record.get("took_home"), record.get("good_thing")
            self.took_home.setPlainText(took_home if isinstance(took_home, str) else "")
            self.good_thing.setText(good_thing if isinstance(good_thing, str) else "")
        finally:
            self._loading = False
        if editing_id is not None:
            day = record.get("date")
            self.editing_text.setText(f"You are editing your check-in from {_nice_date(day)}.")
            self.editing_bar.show()
            self.heading.setText("Edit your check-in")

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
        last = self._session.default_shift_type() if self._session.is_open else None
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
        self.editing_id = None
        self.editing_bar.hide()
        self.heading.setText("How was your shift?")
        self._dirty = False
        self.draft_timer.stop()

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
        editing = self.editing_id
        if not self._detail_check_passed():
            return None
        try:
            try:
                if editing is None:
                    raise KeyError("new")
                checkin = self._session.update_checkin(editing, self.record())
            except KeyError:  # new, or the entry being edited was deleted since
                editing = None
                checkin = self._session.save_new_checkin(self.record())
        except InvalidCheckIn as invalid:
            self._show_problems(invalid.problems)
            return None
        self.clear_form()
        self.draft_bar.hide()
        record("check-in edited" if editing is not None else "check-in saved")
        when = "today" if checkin.date == date.today() else _nice_date(checkin.date.isoformat())
        self.confirmation.show_notice(
            f"Saved your changes to the check-in for {when}."
            if editing is not None
            else f"Saved your check-in for {when}. Thank you for taking a minute.",
            seconds=8,
        )
        self.date.setFocus()
        self.saved.emit(checkin)
        return checkin

    def flagged_detail(self) -> list[FlaggedField]:
        """Text in the form that looks like operational detail, field by field."""
        from wellbeing_app.domain.operational_detail import find_operational_detail
        from wellbeing_app.ui.detail_review import FlaggedField

        found = []
        for label, text in (
            ("What I took home", self.took_home.toPlainText()),
            ("One good thing", self.good_thing.text()),
            ("your tags", self.tags.text()),
        ):
            spans = find_operational_detail(text)
            if spans:
                found.append(FlaggedField(label, tuple(spans)))
        return found

    def _detail_check_passed(self) -> bool:
        """Show flagged details before saving; "Edit" goes back to the first one."""
        flagged = self.flagged_detail()
        if not flagged or self._prompts is None:
            return True
        if self._prompts.save_despite_detail(self, flagged):
            return True
        first = flagged[0]
        span = first.spans[0]
        if first.field_label == "What I took home":
            cursor = self.took_home.textCursor()
            cursor.setPosition(span.start)
            cursor.setPosition(span.end, QTextCursor.MoveMode.KeepAnchor)
            self.took_home.setTextCursor(cursor)
            self.took_home.setFocus()
        elif first.field_label == "One good thing":
            self.good_thing.setSelection(span.start, span.end - span.start)
            self.good_thing.setFocus()
        else:
            self.tags.setSelection(span.start, span.end - span.start)
            self.tags.setFocus()
        return False

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
