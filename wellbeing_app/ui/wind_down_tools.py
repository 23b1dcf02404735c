"""Wind down's four tools, each a full-page view with Stop always there.

``BreathingView`` runs the pacer (``domain.aftershift.pacer``) against a clock,
``GroundingView`` goes 5-4-3-2-1 a step at a time and keeps what is written
in memory only, ``RoutineView`` ticks through the user's own routine and
``SleepPlanView`` shows the sourced tips. Each says ``finished`` or
``stop_requested``; the page (``ui.wind_down_page``) does the rest.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wellbeing_app.domain.aftershift import (
    GROUNDING,
    PACED_BREATHING,
    SLEEP_PLAN,
    SWITCH_OFF,
    TOOL_NAMES,
)
from wellbeing_app.domain.aftershift.grounding import STEPS
from wellbeing_app.domain.aftershift.pacer import Pacer, pattern_by_id
from wellbeing_app.domain.aftershift.sleep_plan import INTRODUCTION, INTRODUCTION_SOURCE, TIPS
from wellbeing_app.ui.breathing_pacer import BreathingPacer
from wellbeing_app.ui.widgets import scrolling_column, wrapped_label

ANIMATED_TICK_MS = 40
COUNTDOWN_TICK_MS = 200


def button(text: str, name: str | None = None, accessible: str | None = None) -> QPushButton:
    """A button with its spoken name (the text, unless one is given)."""
    made = QPushButton(text)
    if name:
        made.setObjectName(name)
    made.setAccessibleName(accessible or text)
    return made


def _tool_page(
    page: QWidget, tool: str, stop: Callable[[], None]
) -> tuple[QVBoxLayout, QPushButton]:
    """A scrolling tool page with its name and Stop at the top: its column, and Stop."""
    column = scrolling_column(page)
    column.setSpacing(10)
    return column, _tool_top(column, tool, stop)


def _tool_top(column: QVBoxLayout, tool: str, stop: Callable[[], None]) -> QPushButton:
    """A tool's name, and Stop beside it, always there (Esc does the same)."""
    top = QHBoxLayout()
    top.addWidget(wrapped_label(TOOL_NAMES[tool], "title"), 1)
    stop_button = button("Stop", accessible=f"Stop: {TOOL_NAMES[tool]}")
    stop_button.clicked.connect(stop)
    top.addWidget(stop_button, 0, Qt.AlignmentFlag.AlignTop)
    column.addLayout(top)
    return stop_button


class BreathingView(QWidget):
    """The pacer running, the time left, and Stop. ``breath`` fires at each new phase:
    someone breathing along is using the app, so the idle lock waits (a 5-minute
    session is as long as the default idle time)."""

    finished = Signal()
    stop_requested = Signal()
    breath = Signal()

    def __init__(self, clock: Callable[[], float], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._clock = clock
        self.pacer: Pacer | None = None
        column = QVBoxLayout(self)
        column.setContentsMargins(24, 16, 24, 16)
        self.stop_button = _tool_top(column, PACED_BREATHING, self.stop_requested.emit)
        self.pattern_line = wrapped_label("", "muted")
        column.addWidget(self.pattern_line)
        self.circle = BreathingPacer()
        column.addWidget(self.circle, 1)
        self.left = wrapped_label("", "muted")
        self.left.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column.addWidget(self.left)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.tick)
        self._phase: tuple[int, object] | None = None

    def start(self, pattern_id: str, minutes: int, reduce_motion: bool) -> None:
        pattern = pattern_by_id(pattern_id)
        self.pacer = Pacer(pattern, minutes, self._clock)
        self._phase = None
        self.circle.reduce_motion = reduce_motion
        self.pattern_line.setText(
            f"{pattern.name}: {pattern.description.lower()}. About {minutes} "
            f"minute{'s' if minutes != 1 else ''}; press Stop or Esc whenever you like."
        )
        self.timer.start(COUNTDOWN_TICK_MS if reduce_motion else ANIMATED_TICK_MS)
        self.tick()
        self.stop_button.setFocus()

    def stop(self) -> None:
        self.timer.stop()
        self.pacer = None
        self.circle.clear()

    def tick(self) -> None:
        if self.pacer is None:
            return
        state = self.pacer.state()
        self.circle.show_state(state)
        if (state.round, state.phase.step) != self._phase:
            self._phase = (state.round, state.phase.step)
            self.breath.emit()
        minutes, seconds = divmod(state.remaining, 60)
        self.left.setText(f"{minutes}:{seconds:02d} left")
        if state.finished:
            self.stop()
            self.finished.emit()


class GroundingView(QWidget):
    """5-4-3-2-1, one step at a time, with an optional line for each (kept in memory only)."""

    finished = Signal()
    stop_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        column, self.stop_button = _tool_page(self, GROUNDING, self.stop_requested.emit)
        self.progress = wrapped_label("", "muted")
        self.count = wrapped_label("", "heading")
        self.prompt = wrapped_label()
        column.addWidget(self.progress)
        column.addWidget(self.count)
        column.addWidget(self.prompt)
        self.line = QLineEdit()
        self.line.setPlaceholderText("You can write them here if it helps (not kept)")
        self.line.returnPressed.connect(self.next_step)
        column.addWidget(self.line)
        row = QHBoxLayout()
        self.back_button = button("Back", accessible="Back a step")
        self.next_button = button("Next", "primary")
        self.back_button.clicked.connect(self.previous_step)
        self.next_button.clicked.connect(self.next_step)
        row.addWidget(self.back_button)
        row.addWidget(self.next_button)
        row.addStretch(1)
        column.addLayout(row)
        column.addStretch(1)
        self.step = 0
        self.lines = [""] * len(STEPS)

    def start(self) -> None:
        self.lines = [""] * len(STEPS)
        self._show(0)

    def _show(self, index: int) -> None:
        self.step = index
        step = STEPS[index]
        self.progress.setText(f"Step {index + 1} of {len(STEPS)}")
        thing = "thing" if step.count == 1 else "things"
        self.count.setText(f"{step.count} {thing} you can {step.sense}")
        self.prompt.setText(step.prompt)
        self.line.setText(self.lines[index])
        self.line.setAccessibleName(f"What you can {step.sense} (optional, not kept)")
        self.next_button.setText("Finish" if index == len(STEPS) - 1 else "Next")
        self.next_button.setAccessibleName(self.next_button.text())
        self.back_button.setEnabled(index > 0)
        self.line.setFocus()

    def next_step(self) -> None:
        self.lines[self.step] = self.line.text()
        if self.step == len(STEPS) - 1:
            self.finished.emit()
        else:
            self._show(self.step + 1)

    def previous_step(self) -> None:
        self.lines[self.step] = self.line.text()
        if self.step > 0:
            self._show(self.step - 1)

    def written(self) -> str:
        """What the user wrote, one line a step ("" when nothing)."""
        self.lines[self.step] = self.line.text()
        parts = [
            f"{s.count} I could {s.sense}: {text.strip()}"
            for s, text in zip(STEPS, self.lines, strict=True)
            if text.strip()
        ]
        return "\n".join(parts)

    def wipe(self) -> None:
        self.lines = [""] * len(STEPS)
        self.line.setText("")


class RoutineView(QWidget):
    """The user's own switching-off routine, to tick through."""

    finished = Signal()
    stop_requested = Signal()
    settings_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        column, self.stop_button = _tool_page(self, SWITCH_OFF, self.stop_requested.emit)
        self.intro = wrapped_label()
        column.addWidget(self.intro)
        self.steps_box = QVBoxLayout()
        column.addLayout(self.steps_box)
        self.all_done = wrapped_label("That's everything on your list.", "calm")
        self.all_done.hide()
        column.addWidget(self.all_done)
        row = QHBoxLayout()
        self.done_button = button("Done", "primary", "Done switching off")
        self.done_button.clicked.connect(self.finished.emit)
        self.write_button = button("Write my routine in Settings")
        self.write_button.clicked.connect(self.settings_requested.emit)
        row.addWidget(self.done_button)
        row.addWidget(self.write_button)
        row.addStretch(1)
        column.addLayout(row)
        column.addStretch(1)
        self.boxes: list[QCheckBox] = []

    def start(self, steps: tuple[str, ...]) -> None:
        for box in self.boxes:
            box.hide()
            box.setParent(None)
            box.deleteLater()
        self.boxes = []
        self.all_done.hide()
        if not steps:
            self.intro.setText(
                "You haven't written a routine yet. It is a few short steps of your own for "
                "leaving the shift at work, such as \u201cChange out of uniform\u201d or "
                "\u201cTen minutes outside before going in\u201d. You can write it in "
                "Settings, once, and tick through it here after a shift."
            )
            self.done_button.hide()
            self.write_button.show()
            self.write_button.setFocus()
            return
        self.intro.setText("Tick each one off as you do it, in any order.")
        self.done_button.show()
        self.write_button.hide()
        for step in steps:
            box = QCheckBox(step)
            box.setAccessibleName(step)
            box.toggled.connect(self._ticked)
            self.steps_box.addWidget(box)
            box.show()  # now, so that it can take the focus
            self.boxes.append(box)
        self.boxes[0].setFocus()

    def _ticked(self, _on: bool) -> None:
        self.all_done.setVisible(bool(self.boxes) and all(b.isChecked() for b in self.boxes))


class SleepPlanView(QWidget):
    """Plain tips for sleeping after nights, each with its source named."""

    finished = Signal()
    stop_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        column, self.stop_button = _tool_page(self, SLEEP_PLAN, self.stop_requested.emit)
        column.addWidget(wrapped_label(f"{INTRODUCTION} (Source: {INTRODUCTION_SOURCE.name}.)"))
        self.tips: list[QLabel] = []
        for tip in TIPS:
            text = wrapped_label(
                f"<b>{escape(tip.heading)}</b><br>{escape(tip.text)}<br>"
                f"<small>Source: {escape(tip.source.name)} ({escape(tip.source.address)})"
                "</small>"
            )
            text.setTextFormat(Qt.TextFormat.RichText)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            text.setAccessibleName(f"{tip.heading}. {tip.text} Source: {tip.source.name}.")
            card = QFrame()
            card.setObjectName("card")
            inner = QVBoxLayout(card)
            inner.setContentsMargins(12, 8, 12, 8)
            inner.addWidget(text)
            column.addWidget(card)
            self.tips.append(text)
        column.addWidget(
            wrapped_label(
                "The addresses are there to type into a browser if you want to read more; "
                "Took Home never goes online.",
                "muted",
            )
        )
        row = QHBoxLayout()
        self.done_button = button("Done", "primary", "Done with the sleep plan")
        self.done_button.clicked.connect(self.finished.emit)
        row.addWidget(self.done_button)
        row.addStretch(1)
        column.addLayout(row)
        column.addStretch(1)

    def start(self) -> None:
        self.done_button.setFocus()
