"""The end-of-shift check-in: one screen, keyboard-friendly, under a minute."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt, QTime, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTimeEdit,
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
    checkin_from_record,
)
from wellbeing_app.domain.dates import clock_time, day_month
from wellbeing_app.event_log import record
from wellbeing_app.services.session import Session
from wellbeing_app.ui.keyboard import is_plain_enter, press_focused_button
from wellbeing_app.ui.suggestions import SuggestionLine
from wellbeing_app.ui.widgets import (
    ChipGroup,
    ChoiceSelector,
    FlowLayout,
    Notice,
    OptionalHours,
    card_bar,
    name_text_box,
    scrolling_column,
)

if TYPE_CHECKING:
    from wellbeing_app.ui.detail_review import FlaggedField
    from wellbeing_app.ui.prompts import Prompts

REMINDER = "Please leave out names, collar numbers, and crime or log references."
BREATHING_OFFER = "Would two minutes of slow breathing help?"
DRAFT_DELAY_MS = 3000  # an unsaved change is in the encrypted vault within 3 seconds

# What the form calls each field when it explains a problem.
FIELD_NAMES = {
    "date": "Date",
    "shift_type": "Shift",
    "mood": "Mood",
    "stress": "Stress",
    "energy": "Energy",
    "sleep_hours": "Sleep",
    "sleep_quality": "Sleep quality",
    "exposures": "Anything distressing",
    "activities": "What the shift involved",
    "hours_worked": "Hours worked",
    "overtime_hours": "Overtime",
    "took_break": "Proper break",
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


def _flow_of(*fields: tuple[str, QWidget]) -> QWidget:
    """Captioned fields side by side, wrapping onto a new line in a narrow window."""
    holder = QWidget()
    flow = FlowLayout(holder, spacing=14)
    for label, field in fields:
        block = QWidget()
        block_column = QVBoxLayout(block)
        block_column.setContentsMargins(0, 0, 0, 0)
        block_column.setSpacing(2)
        caption = QLabel(label)
        caption.setBuddy(field)
        block_column.addWidget(caption)
        block_column.addWidget(field)
        flow.addWidget(block)
    return holder


class CheckInPage(QWidget):
    """Fill in, Ctrl+S, done. Emits ``saved`` with the stored check-in.

    From the keyboard: Enter moves to the next field (and presses a focused
    button), a digit answers the focused scale and moves on, Ctrl+S or
    Ctrl+Enter saves from anywhere. README.md lists the shortest key sequence.
    """

    saved = Signal(object)
    on_this_day_requested = Signal()
    see_today_requested = Signal()
    breathing_requested = Signal()  # the offer after a hard shift, answered yes
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

        # Widgets are added in the order they appear, which is also the Tab order.
        column = scrolling_column(self)
        column.setSpacing(10)
        heading = QLabel("How was your shift?")
        heading.setObjectName("title")
        self.heading = heading
        column.addWidget(heading)
        self.confirmation = Notice("calm")
        column.addWidget(self.confirmation)
        # After a save: one short line pointing to the Today page, never cards.
        self.suggestions = SuggestionLine()
        self.suggestions.see_today.connect(self.see_today_requested.emit)
        column.addWidget(self.suggestions)
        # After a check-in with a distressing job in it or a low mood: one quiet offer.
        self.breathing_offer, self.breathing_text, offer_buttons = card_bar(
            (("Try it", self._breathing_yes), ("No, thanks", self._breathing_no))
        )
        self.breathing_text.setText(BREATHING_OFFER)
        offer_buttons[0].setAccessibleName(f"{BREATHING_OFFER} Try it")
        offer_buttons[1].setAccessibleName("No, thanks: hide the breathing offer")
        column.addWidget(self.breathing_offer)

        # An unfinished check-in from before a lock or a crash; editing an old one.
        self.draft_bar, self.draft_text, _ = card_bar(
            (("Continue", self.continue_draft), ("Discard", self.discard_draft))
        )
        column.addWidget(self.draft_bar)
        self.editing_bar, self.editing_text, _ = card_bar((("Stop editing", self.cancel_editing),))
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
        name_text_box(self.date, "Date of the shift")
        self.shift_type = QComboBox()
        # Linux screen readers take a drop-down's name from its label (the buddy
        # below) and read the choice as its value: "Shift type, Late".
        self.shift_type.setAccessibleName("Shift type")
        self.shift_type.addItem("—", None)
        for shift in ShiftType:
            self.shift_type.addItem(SHIFT_LABELS[shift], shift.value)
        column.addWidget(_flow_of(("Date", self.date), ("Shift type", self.shift_type)))
        # A pre-filled "Rest day" is said in words, so it is never saved by mistake.
        self.shift_note = QLabel("")
        self.shift_note.setWordWrap(True)
        self.shift_note.hide()
        self.shift_type.currentIndexChanged.connect(self._shift_chosen)
        column.addWidget(self.shift_note)
        for name in ("date", "shift_type"):
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
        # The shift's hours and break: after the questions most people answer,
        # so they cost no keys to skip. They wrap onto a second line when narrow.
        self.hours_worked = OptionalHours("Hours worked")
        self.overtime = OptionalHours("Overtime hours")
        self.took_break = ChoiceSelector("Proper break taken", ("Yes", "No"), (True, False))
        column.addWidget(
            _flow_of(
                ("Hours worked", self.hours_worked),
                ("Overtime", self.overtime),
                ("Proper break?", self.took_break),
            )
        )
        # With a rota: when did the shift really end? Later than rostered is overtime.
        self.finished_at = QTimeEdit()
        self.finished_at.setDisplayFormat("HH:mm")
        self.finished_at.setAccessibleName("The time you finished, if later than your rota says")
        self.finished_at.timeChanged.connect(self._finished_at_changed)
        self.finished_row = _flow_of(("Finished late? I finished at", self.finished_at))
        self.finished_row.hide()
        column.addWidget(self.finished_row)
        self._rostered_end: datetime | None = None
        for name in ("hours_worked", "overtime_hours", "took_break"):
            column.addWidget(self._error_slot(name))
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
        self.save_button.setAccessibleName("Save check-in")
        self.save_button.setAccessibleDescription("Ctrl+S or Ctrl+Enter saves from any field.")
        self.save_button.clicked.connect(self.save)
        save_row = QHBoxLayout()
        save_row.addStretch(1)
        save_row.addWidget(self.save_button)
        column.addLayout(save_row)
        column.addStretch(1)

        for keys in (
            QKeySequence.StandardKey.Save,
            QKeySequence("Ctrl+Return"),
            QKeySequence("Ctrl+Enter"),
        ):
            QShortcut(
                keys,
                self,
                self.save,
                context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
            )
        self._watch_changes()
        self.clear_form()
        self._offer_draft()

    def _field_widgets(self) -> dict[str, QWidget]:
        """Each field's widget, in the order they appear on the form."""
        return {
            "date": self.date,
            "shift_type": self.shift_type,
            **{name: self.scales[name] for name in ("mood", "stress", "energy")},
            "sleep_hours": self.sleep_hours,
            "sleep_quality": self.scales["sleep_quality"],
            "exposures": self.exposures,
            "activities": self.activities,
            "hours_worked": self.hours_worked,
            "overtime_hours": self.overtime,
            "took_break": self.took_break,
            "tags": self.tags,
            "took_home": self.took_home,
            "good_thing": self.good_thing,
            "talked_to_someone": self.talked,
        }

    def focus_first_field(self) -> None:
        """Where the keyboard starts on this page: the date (today, unless changed)."""
        self.date.setFocus(Qt.FocusReason.OtherFocusReason)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        """Enter that no field used: press the focused button, or move to the next field."""
        if not is_plain_enter(event):
            super().keyPressEvent(event)
            return
        event.accept()
        if event.isAutoRepeat() or press_focused_button():
            return
        focus = QApplication.focusWidget()
        if focus is not None and self.isAncestorOf(focus):
            # From the field itself, so the scroll area brings the next one into view.
            focus.focusNextChild()

    # -- form ------------------------------------------------------------------

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
        self.suggestions.clear_line()  # a new check-in has begun
        self.breathing_offer.hide()
        self.draft_timer.start()

    def save_draft_now(self) -> None:
        """Keep what is in the form, encrypted in the vault (on a timer, and on lock)."""
        self.draft_timer.stop()
        if self._dirty and self._session.is_open:
            self._session.save_draft(self.record(), self.editing_id)

    def _offer_draft(self) -> None:
        draft = self._session.load_draft() if self._session.is_open else None
        if draft is None:
            return
        saved = draft.saved_at.astimezone()
        when = f"{day_month(saved.date())} at {clock_time(saved)}"
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
            self._show_shift_note("")  # the shift type is what was saved, not a guess
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

    def clear_form(self) -> None:
        today = date.today()
        self.date.setMaximumDate(_to_qdate(today + LATEST_DATE_AHEAD))
        self.date.setDate(_to_qdate(today))
        self._prefill_shift_type(today)
        self.hours_worked.setHours(None)
        self.overtime.setHours(None)
        self._prefill_from_rota()
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

    def _prefill_shift_type(self, today: date) -> None:
        """Today's last shift type first (see ``default_shift_type``); a Rest day said plainly."""
        shift = self._session.default_shift_type() if self._session.is_open else None
        self.shift_type.setCurrentIndex(
            max(self.shift_type.findData(shift.value if shift is not None else None), 0)
        )
        note = ""
        if shift is ShiftType.REST_DAY:
            todays = self._session.checkins_between(today, today, text=False)
            rest_days = [c for c in todays if c.shift_type is ShiftType.REST_DAY]
            if rest_days:
                when = clock_time(max(rest_days, key=lambda c: c.created_at).created_at)
                note = (
                    f"Shift type is Rest day, as in your check-in at {when}. "
                    "Change it if you were working."
                )
            else:
                note = (
                    "Shift type is Rest day, as in your last check-in. "
                    "Change it if you were working."
                )
        self._show_shift_note(note)

    def _prefill_from_rota(self) -> None:
        """A new check-in starts from the rostered shift that ended last, said plainly.

        Nothing is filled in without a rota, or when that shift has a check-in already.
        """
        from wellbeing_app.domain.rota import LONDON
        from wellbeing_app.domain.rota.wording import hours, shift_line

        self._rostered_end = None
        self.finished_row.hide()
        if not self._session.is_open:
            return
        shift = self._session.last_ended_shift(datetime.now(LONDON))
        if shift is None or shift.end is None:
            return
        done = self._session.checkins_between(shift.date, shift.date, text=False)
        if any(c.shift_type is shift.shift_type for c in done):
            return
        self._loading = True
        try:
            self.date.setDate(_to_qdate(shift.date))
            self.shift_type.setCurrentIndex(
                max(self.shift_type.findData(shift.shift_type.value), 0)
            )
            if shift.hours is not None:
                self.hours_worked.setHours(round(shift.hours, 2))
            self._rostered_end = shift.end
            self.finished_at.setTime(QTime(shift.end.hour, shift.end.minute))
        finally:
            self._loading = False
        self.finished_row.show()
        length = f" ({hours(shift.hours)})" if shift.hours is not None else ""
        self._show_shift_note(
            f"From your rota: {shift_line(shift)}{length}. Change anything that was different."
        )

    def _finished_at_changed(self, finished: QTime) -> None:
        """Overtime from the difference between the rostered end and the real one."""
        end = self._rostered_end
        if self._loading or end is None:
            return
        rostered = end.hour * 60 + end.minute
        late = (finished.hour() * 60 + finished.minute() - rostered) % (24 * 60)
        if late > 12 * 60:  # before the rostered end (an early finish): no overtime
            late = 0
        self.overtime.setHours(round(late / 60 * 4) / 4 if late else None)

    def _show_shift_note(self, text: str) -> None:
        self.shift_note.setText(text)
        self.shift_note.setVisible(bool(text))
        self.shift_type.setAccessibleDescription(text)

    def _shift_chosen(self, _index: int) -> None:
        if not self._loading and self.shift_note.isVisible():
            self._show_shift_note("")  # the user chose: the note has done its job

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
        """Check, then store; on a problem, say so next to the field and keep every word.

        The answers are checked first (mood chosen, numbers in range), then the
        words are looked at for operational detail: nobody is asked about a
        collar number only to be told afterwards that the mood is missing.
        After any message the focus is on the field it is about.
        """
        self.confirmation.clear_notice()
        editing = self.editing_id
        problems = self._problems_in(self.record())
        if problems:
            self._show_problems(problems)
            return None
        self._show_problems(())
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
        self.focus_first_field()
        self._reveal(self.heading)
        self.suggestions.expect_after_save()
        from wellbeing_app.domain.aftershift import offers_tools

        self.breathing_offer.setVisible(editing is None and offers_tools(checkin))
        self.saved.emit(checkin)
        return checkin

    def _breathing_yes(self) -> None:
        self.breathing_offer.hide()
        self.breathing_requested.emit()

    def _breathing_no(self) -> None:
        self.breathing_offer.hide()
        self.focus_first_field()

    def add_to_took_home(self, text: str) -> None:
        """Put ``text`` at the end of "What I took home" (kept in the draft within seconds)."""
        current = self.took_home.toPlainText().rstrip()
        self.took_home.setPlainText(f"{current}\n{text}" if current else text)
        self.took_home.moveCursor(QTextCursor.MoveOperation.End)
        self._reveal_text(self.took_home)
        self.took_home.setFocus()

    @staticmethod
    def _problems_in(form_record: dict[str, object]) -> tuple[FieldProblem, ...]:
        try:
            checkin_from_record(form_record)
        except InvalidCheckIn as invalid:
            return invalid.problems
        return ()

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
        """Show flagged details before saving; "Edit" selects the first one, in view."""
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
            self.took_home.ensureCursorVisible()
            self.took_home.setFocus(Qt.FocusReason.OtherFocusReason)
            self._reveal_text(self.took_home)
        else:
            line = self.good_thing if first.field_label == "One good thing" else self.tags
            line.setSelection(span.start, span.end - span.start)
            line.setFocus(Qt.FocusReason.OtherFocusReason)
            self._reveal(line)
        return False

    def _show_problems(self, problems: tuple[FieldProblem, ...] | list[FieldProblem]) -> None:
        """Each problem under its field; the first field (in form order) gets the focus."""
        for notice in self._errors.values():
            notice.clear_notice()
        at_fault: set[str] = set()
        for problem in problems:
            slot = self._errors.get(problem.field)
            if slot is None:
                continue
            slot.show_notice(self._explain(problem))
            at_fault.add(problem.field)
        first = next((name for name in self._field_widgets() if name in at_fault), None)
        if first is None:
            return
        widget = self._field_widgets()[first]
        if isinstance(widget, ChipGroup):
            widget.focus_chips()
        else:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
        self._reveal(widget, self._errors[first])

    def _scroll(self) -> QScrollArea | None:
        return self.findChild(QScrollArea)

    def _reveal(self, *widgets: QWidget) -> None:
        """Scroll so each of ``widgets`` is in view, once the layout has caught up."""

        def scroll_now() -> None:
            scroll = self._scroll()
            if scroll is None:
                return
            for widget in widgets:
                scroll.ensureWidgetVisible(widget, 24, 24)

        scroll_now()
        QTimer.singleShot(0, self, scroll_now)  # notices just shown change the layout

    def _reveal_text(self, editor: QPlainTextEdit) -> None:
        """Scroll the page to the selected words inside ``editor``, not only to the box."""

        def scroll_now() -> None:
            scroll = self._scroll()
            body = scroll.widget() if scroll is not None else None
            if scroll is None or body is None:
                return
            editor.ensureCursorVisible()
            rect = editor.cursorRect()
            centre = editor.viewport().mapTo(body, rect.center())
            scroll.ensureVisible(centre.x(), centre.y(), 24, rect.height() + 48)

        scroll_now()
        QTimer.singleShot(0, self, scroll_now)

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
