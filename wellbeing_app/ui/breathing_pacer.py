"""The paced-breathing pacer: a circle that grows as you breathe in and shrinks as you
breathe out, or, with "reduce motion", a plain countdown that does not move.

The timing is ``domain.aftershift.pacer``'s; this widget only draws the state it
is given. A screen reader hears each new phase ("Breathe in, 4 seconds"), not
every tick.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from wellbeing_app.domain.aftershift.pacer import PacerState

MIN_FRACTION = 0.35  # the circle at empty lungs, as a share of the largest circle


def phase_words(state: PacerState) -> str:
    """What the phase is called and how long it lasts, for the screen reader."""
    if state.finished:
        return "Finished"
    seconds = state.phase.seconds
    return f"{state.phase.words}, {seconds} second{'s' if seconds != 1 else ''}"


class BreathingPacer(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state: PacerState | None = None
        self.reduce_motion = False
        self.setMinimumSize(220, 220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAccessibleName("Breathing pacer")
        self._announced: tuple[int, str] | None = None

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(320, 320)

    @property
    def state(self) -> PacerState | None:
        return self._state

    def show_state(self, state: PacerState) -> None:
        self._state = state
        phase = (state.round, state.phase.step.value) if not state.finished else (-1, "")
        if phase != self._announced:
            self._announced = phase
            self.setAccessibleDescription(phase_words(state))
        self.update()

    def clear(self) -> None:
        self._state = None
        self._announced = None
        self.setAccessibleDescription("")
        self.update()

    def text(self) -> str:
        """The words in the middle: the phase, and its countdown."""
        state = self._state
        if state is None:
            return ""
        if state.finished:
            return "Finished"
        return f"{state.phase.words}\n{state.seconds_left}"

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        state = self._state
        if state is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text_colour = self.palette().windowText().color()
        centre = QPointF(self.width() / 2, self.height() / 2)
        largest = min(self.width(), self.height()) / 2 - 8
        if not self.reduce_motion:
            accent = QColor(self.palette().highlight().color())
            outline = QColor(text_colour)
            outline.setAlpha(60)
            painter.setPen(QPen(outline, 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(centre, largest, largest)
            radius = largest * (MIN_FRACTION + (1 - MIN_FRACTION) * state.size)
            fill = QColor(accent)
            fill.setAlpha(70)
            painter.setPen(QPen(accent, 3))
            painter.setBrush(fill)
            painter.drawEllipse(centre, radius, radius)
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF(), 10.0) * (1.6 if self.reduce_motion else 1.4))
        painter.setFont(font)
        painter.setPen(text_colour)
        painter.drawText(
            QRectF(0, 0, self.width(), self.height()), Qt.AlignmentFlag.AlignCenter, self.text()
        )
        painter.end()
