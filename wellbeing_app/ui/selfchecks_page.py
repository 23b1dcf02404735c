"""Self-checks: the PHQ-9, GAD-7, PCL-5 and ProQOL 5, one question at a time or all at once.

From the keyboard: a digit gives the answer with that number and moves on;
Backspace goes back a question. Answers are kept (encrypted, like a check-in
draft) after each one, so a self-check can be left and finished later, after
a lock too. A PHQ-9 question 9 answer above "Not at all" shows urgent help
at once, whatever else is answered, and never stops the self-check being kept.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date
from typing import Final

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from wellbeing_app.domain.selfchecks import (
    Instrument,
    SelfCheck,
    describe_result,
    item9_needs_urgent_help,
    load_instruments,
)
from wellbeing_app.services.session import Session
from wellbeing_app.ui.widgets import empty_layout, scrolling_column

ITEM9_OPENING: Final = (
    "Thank you for answering that question. Thoughts of being better off dead, or of "
    "hurting yourself, are hard to carry on your own, and you do not have to wait: these "
    "people will listen, now, at any time. Your answers are kept, and you can finish later."
)
INTRO: Final = (
    "Short questionnaires that people often use to notice how they are doing. Each is a "
    "screening questionnaire, not a diagnosis: your answers stay in your vault, and only "
    "you see them."
)


def _label(text: str = "", name: str | None = None) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if name:
        label.setObjectName(name)
    return label


class _Answers(QWidget):
    """The answers to one question as radio buttons, each with its number."""

    def __init__(self, instrument: Instrument, question: str, chosen: Callable[[int], None]):
        super().__init__()
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        self.group = QButtonGroup(self)
        self.buttons: dict[int, QRadioButton] = {}
        for answer in instrument.answers:
            button = QRadioButton(f"{answer.value}  {answer.label}")
            button.setAccessibleName(f"{answer.label} ({answer.value})")
            button.setAccessibleDescription(question)
            self.group.addButton(button, answer.value)
            self.buttons[answer.value] = button
            column.addWidget(button)
        self.group.idClicked.connect(chosen)

    def set(self, value: int | None) -> None:
        self.group.setExclusive(False)
        for key, button in self.buttons.items():
            button.setChecked(key == value)
        self.group.setExclusive(True)


class SelfChecksPage(QWidget):
    """Choose, answer, see the result. ``urgent_help(opening)`` is called for PHQ-9 item 9."""

    saved = Signal(object)

    def __init__(
        self,
        session: Session,
        urgent_help: Callable[[str], object],
        *,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._urgent_help = urgent_help
        self._today = today
        self._instrument: Instrument | None = None
        self._answers: list[int | None] = []
        self._difficulty: int | None = None
        self._index = 0
        self._urgent_shown = False
        self.stack = QStackedWidget()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)
        self._build_choose()
        self._build_question()
        self._build_all()
        self._build_result()
        self.show_choices()

    # -- choosing -------------------------------------------------------------------

    def _build_choose(self) -> None:
        page = QWidget()
        column = scrolling_column(page)
        column.setSpacing(12)
        column.addWidget(_label("Self-checks", "title"))
        column.addWidget(_label(INTRO, "muted"))
        self.resume_button = QPushButton("")
        self.resume_button.clicked.connect(self.resume)
        column.addWidget(self.resume_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.all_at_once = QCheckBox("Show all the questions on one page")
        column.addWidget(self.all_at_once)
        self.start_buttons: dict[str, QPushButton] = {}
        for instrument in load_instruments().values():
            card = QWidget()
            card.setObjectName("card")
            row = QVBoxLayout(card)
            row.addWidget(_label(instrument.name, "heading"))
            row.addWidget(_label(instrument.description))
            start = QPushButton(f"Start the {instrument.name}")
            start.clicked.connect(lambda _c=False, i=instrument: self.start(i))
            row.addWidget(start, 0, Qt.AlignmentFlag.AlignLeft)
            self.start_buttons[instrument.id] = start
            column.addWidget(card)
        column.addStretch(1)
        self.choose_page = page
        self.stack.addWidget(page)

    def show_choices(self) -> None:
        draft = self._session.load_selfcheck_draft() if self._session.is_open else None
        if draft is not None:
            name = load_instruments()[draft[0]].name
            done = sum(a is not None for a in draft[1])
            self.resume_button.setText(f"Continue the {name} you started ({done} answered)")
        self.resume_button.setVisible(draft is not None)
        self.stack.setCurrentWidget(self.choose_page)

    def start(self, instrument: Instrument, answers: list[int | None] | None = None) -> None:
        self._instrument = instrument
        self._answers = answers or [None] * len(instrument.items)
        self._difficulty = None
        self._urgent_shown = False
        if self.all_at_once.isChecked():
            self._show_all()
            return
        unanswered = [i for i, a in enumerate(self._answers) if a is None]
        self._index = unanswered[0] if unanswered else len(self._answers) - 1
        self._show_question()

    def resume(self) -> None:
        draft = self._session.load_selfcheck_draft()
        if draft is not None:
            self.start(load_instruments()[draft[0]], draft[1])

    # -- one question at a time --------------------------------------------------------

    def _build_question(self) -> None:
        page = QWidget()
        column = scrolling_column(page)
        column.setSpacing(12)
        self.q_title = _label("", "title")
        self.progress = _label("", "muted")
        self.instructions = _label("", "muted")  # the form's own words before its questions
        self.stem = _label("")
        self.item_text = _label("", "heading")
        self.answers_holder = QVBoxLayout()
        for widget in (self.q_title, self.progress, self.instructions, self.stem, self.item_text):
            column.addWidget(widget)
        column.addLayout(self.answers_holder)
        column.addWidget(_label("Type the number of your answer, or choose it.", "muted"))
        row = QHBoxLayout()
        self.back_button = QPushButton("Back")
        self.back_button.clicked.connect(self.back)
        self.stop_button = QPushButton("Stop for now")
        self.stop_button.setToolTip("Your answers so far are kept; continue another time")
        self.stop_button.clicked.connect(self.stop)
        row.addWidget(self.back_button)
        row.addStretch(1)
        row.addWidget(self.stop_button)
        column.addLayout(row)
        column.addStretch(1)
        self.question_page = page
        self.stack.addWidget(page)
        self._current_answers: _Answers | None = None

    def _show_question(self) -> None:
        form = self._instrument
        assert form is not None
        empty_layout(self.answers_holder)
        self.q_title.setText(form.name)
        if self._index < len(form.items):
            item = form.items[self._index]
            self.progress.setText(f"Question {self._index + 1} of {len(form.items)}")
            self.instructions.setText(form.instructions or "")
            self.instructions.setVisible(bool(form.instructions) and self._index == 0)
            self.stem.setText(form.stem)
            self.item_text.setText(item.text)
            answers = _Answers(form, item.text, self._answered)
            answers.set(self._answers[self._index])
        else:  # the PHQ-9's unscored tenth question
            assert form.difficulty is not None
            self.progress.setText("One last question (it is not scored)")
            self.instructions.hide()
            self.stem.setText("")
            self.item_text.setText(form.difficulty.question)
            answers = _Answers(_difficulty_form(form), form.difficulty.question, self._answered)
            answers.set(self._difficulty)
        self.answers_holder.addWidget(answers)
        self._current_answers = answers
        self.back_button.setEnabled(self._index > 0)
        self.stack.setCurrentWidget(self.question_page)
        first = next(iter(answers.buttons.values()))
        (answers.group.checkedButton() or first).setFocus(Qt.FocusReason.OtherFocusReason)

    def _answered(self, value: int) -> None:
        form = self._instrument
        assert form is not None
        if self._index < len(form.items):
            self._answers[self._index] = value
            self._session.save_selfcheck_draft(form.id, self._answers)
            self._check_item9()
            self._index += 1
            if self._index < len(form.items) or form.difficulty is not None:
                self._show_question()
                return
        else:
            self._difficulty = value
        self.finish()

    def back(self) -> None:
        if self._index > 0:
            self._index -= 1
            self._show_question()

    def stop(self) -> None:
        """Leave it half-done: the answers so far are kept (encrypted) for next time."""
        self.show_choices()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        answers = self._current_answers
        if self.stack.currentWidget() is self.question_page and answers is not None:
            text = event.text()
            if text.isdigit() and int(text) in answers.buttons:
                answers.buttons[int(text)].click()
                return
            if event.key() == Qt.Key.Key_Backspace:
                self.back()
                return
        super().keyPressEvent(event)

    # -- all on one page -----------------------------------------------------------------

    def _build_all(self) -> None:
        page = QWidget()
        self.all_column = scrolling_column(page)
        self.all_column.setSpacing(10)
        self.all_page = page
        self.stack.addWidget(page)
        self._all_answers: list[_Answers] = []

    def _show_all(self) -> None:
        form = self._instrument
        assert form is not None
        empty_layout(self.all_column)
        self._all_answers = []
        self.all_column.addWidget(_label(form.name, "title"))
        if form.instructions:
            self.all_column.addWidget(_label(form.instructions, "muted"))
        self.all_column.addWidget(_label(form.stem))
        for index, item in enumerate(form.items):
            self.all_column.addWidget(_label(f"{index + 1}. {item.text}", "heading"))
            answers = _Answers(form, item.text, functools.partial(self._answered_at, index))
            answers.set(self._answers[index])
            self._all_answers.append(answers)
            self.all_column.addWidget(answers)
        if form.difficulty is not None:
            self.all_column.addWidget(_label(form.difficulty.question, "heading"))
            extra = _Answers(_difficulty_form(form), form.difficulty.question, self._difficulty_at)
            self.all_column.addWidget(extra)
        self.all_progress = _label("", "muted")
        self.all_column.addWidget(self.all_progress)
        row = QHBoxLayout()
        self.see_result = QPushButton("See the result")
        self.see_result.clicked.connect(self.finish)
        stop = QPushButton("Stop for now")
        stop.clicked.connect(self.stop)
        row.addWidget(self.see_result)
        row.addStretch(1)
        row.addWidget(stop)
        self.all_column.addLayout(row)
        self.all_column.addStretch(1)
        self._all_progress()
        self.stack.setCurrentWidget(self.all_page)

    def _answered_at(self, index: int, value: int) -> None:
        form = self._instrument
        assert form is not None
        self._answers[index] = value
        self._session.save_selfcheck_draft(form.id, self._answers)
        self._check_item9()
        self._all_progress()

    def _difficulty_at(self, value: int) -> None:
        self._difficulty = value

    def _all_progress(self) -> None:
        done = sum(a is not None for a in self._answers)
        self.all_progress.setText(f"{done} of {len(self._answers)} answered")
        self.see_result.setEnabled(done == len(self._answers))

    # -- the safety path and the result --------------------------------------------------

    def _check_item9(self) -> None:
        form = self._instrument
        if form is None or self._urgent_shown:
            return
        so_far = SelfCheck(self._today(), form.id, tuple(a or 0 for a in self._answers))
        if item9_needs_urgent_help(so_far):
            self._urgent_shown = True  # once per self-check; saving is never held up
            self._urgent_help(ITEM9_OPENING)

    def _build_result(self) -> None:
        page = QWidget()
        column = scrolling_column(page)
        column.setSpacing(12)
        self.result_title = _label("", "title")
        self.result_lines = QVBoxLayout()
        self.result_credit = _label("", "muted")
        column.addWidget(self.result_title)
        column.addLayout(self.result_lines)
        column.addWidget(self.result_credit)
        self.done_button = QPushButton("Done")
        self.done_button.clicked.connect(self.show_choices)
        column.addWidget(self.done_button, 0, Qt.AlignmentFlag.AlignLeft)
        column.addStretch(1)
        self.result_page = page
        self.stack.addWidget(page)

    def finish(self) -> None:
        form = self._instrument
        assert form is not None
        if any(a is None for a in self._answers):
            return
        check = SelfCheck(
            self._today(),
            form.id,
            tuple(a for a in self._answers if a is not None),
            difficulty=self._difficulty,
        )
        self._session.save_selfcheck(check)
        result = describe_result(check)
        self.result_title.setText(f"Your {form.name} result")
        empty_layout(self.result_lines)
        for sentence in result.sentences():
            self.result_lines.addWidget(_label(sentence))
        if result.difficulty is not None:
            self.result_lines.addWidget(
                _label(f"How difficult these have made things for you: {result.difficulty}.")
            )
        self.result_credit.setText(result.credit)
        self._instrument = None
        self._current_answers = None
        self.stack.setCurrentWidget(self.result_page)
        self.done_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self.saved.emit(check)


def _difficulty_form(form: Instrument) -> Instrument:
    """The PHQ-9's tenth question's answers, shaped as an instrument for ``_Answers``."""
    import dataclasses

    assert form.difficulty is not None
    return dataclasses.replace(form, answers=form.difficulty.answers)
