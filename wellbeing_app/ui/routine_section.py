"""Settings › Switching off: the user's own short routine for leaving the shift at work.

Written once here, kept encrypted in the vault, ticked through on Wind down.
A list of short steps: add one, remove one, move one up or down. Each change
is kept at once; a step that breaks the rules is said beside the list and not kept.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wellbeing_app.domain.aftershift.routine import EXAMPLES, MAX_STEP_CHARS, InvalidRoutine
from wellbeing_app.services.session import Session
from wellbeing_app.ui.notice import Notice


class RoutineSection(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        heading = QLabel("Switching off")
        heading.setObjectName("heading")
        column.addWidget(heading)
        text = QLabel(
            "Your own short routine for leaving the shift at work, to tick through on Wind "
            f"down after a shift. For example: {'; '.join(EXAMPLES[:3])}. It is kept "
            "encrypted with your check-ins."
        )
        text.setWordWrap(True)
        column.addWidget(text)
        self.steps = QListWidget()
        self.steps.setAccessibleName("Your switching-off routine")
        self.steps.setMaximumHeight(150)
        column.addWidget(self.steps)
        add_row = QHBoxLayout()
        self.new_step = QLineEdit()
        self.new_step.setAccessibleName("A new step for your routine")
        self.new_step.setPlaceholderText("A new step, such as \u201cChange out of uniform\u201d")
        self.new_step.setMaxLength(MAX_STEP_CHARS)
        self.new_step.returnPressed.connect(self.add_step)
        self.add_button = QPushButton("Add step")
        self.add_button.clicked.connect(self.add_step)
        add_row.addWidget(self.new_step, 1)
        add_row.addWidget(self.add_button)
        column.addLayout(add_row)
        row = QHBoxLayout()
        self.up_button = QPushButton("Move up")
        self.down_button = QPushButton("Move down")
        self.remove_button = QPushButton("Remove step")
        self.up_button.setAccessibleName("Move the chosen step up")
        self.down_button.setAccessibleName("Move the chosen step down")
        self.remove_button.setAccessibleName("Remove the chosen step")
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        self.remove_button.clicked.connect(self.remove_step)
        for button in (self.up_button, self.down_button, self.remove_button):
            row.addWidget(button)
        row.addStretch(1)
        column.addLayout(row)
        self.problem = Notice("notice")
        self.kept = Notice("calm")
        column.addWidget(self.problem)
        column.addWidget(self.kept)
        self.steps.currentRowChanged.connect(self._enable)
        self._show(self._session.switch_off_routine())

    def routine(self) -> tuple[str, ...]:
        return tuple(self.steps.item(i).text() for i in range(self.steps.count()))

    def _show(self, steps: tuple[str, ...], current: int = -1) -> None:
        self.steps.clear()
        self.steps.addItems(list(steps))
        if steps:
            self.steps.setCurrentRow(max(0, min(current, len(steps) - 1)))
        self._enable()

    def _enable(self, *_args: object) -> None:
        row, count = self.steps.currentRow(), self.steps.count()
        self.remove_button.setEnabled(row >= 0)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < count - 1)

    def _keep(self, steps: list[str], current: int) -> bool:
        try:
            kept = self._session.set_switch_off_routine(steps)
        except InvalidRoutine as invalid:
            self.kept.clear_notice()
            self.problem.show_notice(f"Not kept: {invalid}.")
            return False
        self.problem.clear_notice()
        self.kept.show_notice("Kept.", seconds=4)
        self._show(kept, current)
        return True

    def add_step(self) -> None:
        text = self.new_step.text().strip()
        if not text:
            return
        steps = [*self.routine(), text]
        if self._keep(steps, len(steps) - 1):
            self.new_step.clear()
        self.new_step.setFocus(Qt.FocusReason.OtherFocusReason)

    def remove_step(self) -> None:
        row = self.steps.currentRow()
        if row < 0:
            return
        steps = list(self.routine())
        del steps[row]
        self._keep(steps, row)

    def _move(self, by: int) -> None:
        row = self.steps.currentRow()
        steps = list(self.routine())
        target = row + by
        if row < 0 or not 0 <= target < len(steps):
            return
        steps[row], steps[target] = steps[target], steps[row]
        self._keep(steps, target)
