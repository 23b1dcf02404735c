"""Small widgets the pages share: word-labelled choices, chips, hours, strength, notices."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from wellbeing_app.ui.notice import Notice

if TYPE_CHECKING:
    from wellbeing_app.domain.passphrase import PassphraseAssessment

__all__ = [
    "ChipGroup",
    "ChoiceSelector",
    "FlowLayout",
    "Notice",
    "OptionalHours",
    "StrengthMeter",
    "name_text_box",
]


class FlowLayout(QLayout):
    """Lays items out left to right, wrapping onto new lines (for chips)."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 - Qt override
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    def sizeHint(self) -> QSize:  # noqa: N802
        return self.minimumSize()

    def minimumSize(self) -> QSize:  # noqa: N802
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _arrange(self, rect: QRect, *, apply: bool) -> int:
        x, y, line_height = rect.x(), rect.y(), 0
        for item in self._items:
            hint = item.sizeHint()
            next_x = x + hint.width() + self._spacing
            if next_x - self._spacing > rect.right() + 1 and line_height > 0:
                x = rect.x()
                y += line_height + self._spacing
                next_x = x + hint.width() + self._spacing
                line_height = 0
            if apply:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x = next_x
            line_height = max(line_height, hint.height())
        return y + line_height - rect.y()


class ChoiceSelector(QWidget):
    """A row of labelled steps, one tab stop: arrows move, 1–9 pick and move on, Delete clears.

    Used for the five-step scales ("Very low" … "Very good") and for yes/no
    questions. Nothing is chosen until the user chooses; clicking the chosen
    step again clears it. A digit answers and moves the focus to the next
    field, so a form of scales is answered one key each; the arrow keys
    change the answer and stay.
    """

    valueChanged = Signal(object)  # noqa: N815 - Qt naming

    def __init__(
        self,
        question: str,
        labels: Sequence[str],
        values: Sequence[object] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("choice")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._question = question
        self._values: list[object] = (
            list(values) if values is not None else list(range(1, len(labels) + 1))
        )
        self._value: object | None = None
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        row = QHBoxLayout(self)
        row.setContentsMargins(3, 3, 3, 3)  # inside the 3px focus ring round the steps
        row.setSpacing(4)
        self._buttons: list[QPushButton] = []
        for index, label in enumerate(labels):
            button = QPushButton(label)
            button.setObjectName("step")
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setSizePolicy(QSizePolicy.Policy.MinimumExpanding, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda _checked=False, i=index: self._clicked(i))
            row.addWidget(button)
            self._buttons.append(button)
        self._update()

    def value(self) -> object | None:
        return self._value

    def setValue(self, value: object | None) -> None:  # noqa: N802 - Qt naming
        if value is not None and value not in self._values:
            raise ValueError(f"{value!r} is not one of the choices")
        if value != self._value:
            self._value = value
            self._update()
            self.valueChanged.emit(value)

    def clear(self) -> None:
        self.setValue(None)

    def labels(self) -> list[str]:
        return [b.text() for b in self._buttons]

    def _clicked(self, index: int) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        chosen = self._values[index]
        self.setValue(None if chosen == self._value else chosen)

    def _update(self) -> None:
        for button, value in zip(self._buttons, self._values, strict=True):
            button.setChecked(value == self._value)
        chosen = (
            self._buttons[self._values.index(self._value)].text()
            if self._value is not None
            else "not answered"
        )
        self.setAccessibleName(f"{self._question}: {chosen}")
        self.setAccessibleDescription(
            f"Choose with the left and right arrow keys, or press 1 to {len(self._values)} "
            "to answer and move on. Delete clears."
        )

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        key = event.key()
        current = self._values.index(self._value) if self._value is not None else -1
        if key in (Qt.Key.Key_Right, Qt.Key.Key_Up):
            self.setValue(self._values[min(current + 1, len(self._values) - 1)])
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Down):
            self.setValue(self._values[max(current - 1, 0)] if current >= 0 else self._values[0])
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.setValue(None)
        elif Qt.Key.Key_1 <= key <= Qt.Key.Key_9 and key - Qt.Key.Key_1 < len(self._values):
            self.setValue(self._values[key - Qt.Key.Key_1])
            self.focusNextChild()
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event: object) -> None:  # noqa: N802
        self.setProperty("hasFocus", True)
        self._restyle()
        super().focusInEvent(event)  # type: ignore[arg-type]

    def focusOutEvent(self, event: object) -> None:  # noqa: N802
        self.setProperty("hasFocus", False)
        self._restyle()
        super().focusOutEvent(event)  # type: ignore[arg-type]

    def _restyle(self) -> None:
        self.style().unpolish(self)
        self.style().polish(self)


class ChipGroup(QWidget):
    """Checkable chips with plain labels. One tab stop; arrows move between chips, Space toggles."""

    changed = Signal()

    def __init__(
        self, name: str, options: Sequence[tuple[str, str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        layout = FlowLayout(self)
        self._chips: dict[str, QPushButton] = {}
        self._order: list[QPushButton] = []
        for code, label in options:
            chip = QPushButton(label)
            chip.setObjectName("chip")
            chip.setCheckable(True)
            chip.setAccessibleName(label)
            chip.setProperty("code", code)
            # A tick as well as a colour, so the state never rests on colour alone.
            chip.toggled.connect(
                lambda on, c=chip, text=label: c.setText(f"\u2713 {text}" if on else text)
            )
            chip.toggled.connect(lambda _on=False: self.changed.emit())
            layout.addWidget(chip)
            self._chips[code] = chip
        self._order = list(self._chips.values())
        self._ticked: list[str] = []  # in the order they were ticked, kept when saved
        for code, chip in self._chips.items():
            chip.installEventFilter(self)
            chip.toggled.connect(lambda on, c=code: self._track(c, on))
        self._roving = 0
        self._set_roving(0)

    def selected(self) -> tuple[str, ...]:
        """The ticked codes, in the order they were ticked (or given to ``setSelected``)."""
        return tuple(self._ticked)

    def setSelected(self, codes: Sequence[str]) -> None:  # noqa: N802 - Qt naming
        for chip in self._chips.values():
            chip.setChecked(False)
        for code in codes:
            if code in self._chips:
                self._chips[code].setChecked(True)

    def _track(self, code: str, on: bool) -> None:
        if on and code not in self._ticked:
            self._ticked.append(code)
        elif not on and code in self._ticked:
            self._ticked.remove(code)

    def chip(self, code: str) -> QPushButton:
        return self._chips[code]

    def focus_chips(self) -> None:
        """Give the keyboard focus to the group: to the chip it was last on."""
        self._order[self._roving].setFocus(Qt.FocusReason.OtherFocusReason)

    def _set_roving(self, index: int) -> None:
        for i, chip in enumerate(self._order):
            chip.setFocusPolicy(
                Qt.FocusPolicy.StrongFocus if i == index else Qt.FocusPolicy.ClickFocus
            )
        self._roving = index

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if not isinstance(watched, QPushButton) or watched not in self._order:
            return super().eventFilter(watched, event)
        if event.type() == QEvent.Type.FocusIn:
            self._set_roving(self._order.index(watched))
        elif isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
            step = {
                Qt.Key.Key_Right: 1,
                Qt.Key.Key_Down: 1,
                Qt.Key.Key_Left: -1,
                Qt.Key.Key_Up: -1,
            }.get(Qt.Key(event.key()))
            if step is not None:
                index = (self._order.index(watched) + step) % len(self._order)
                self._set_roving(index)
                self._order[index].setFocus(Qt.FocusReason.OtherFocusReason)
                return True
        return super().eventFilter(watched, event)


class OptionalHours(QDoubleSpinBox):
    """Hours from 0 to 24 in half hours, or "—" (not recorded) below zero."""

    NOT_SET = -0.5

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        name_text_box(self, name)
        self.setRange(self.NOT_SET, 24.0)
        self.setSingleStep(0.5)
        self.setDecimals(1)
        self.setSuffix(" h")
        self.setSpecialValueText("—")
        self.setValue(self.NOT_SET)
        self.setMinimumWidth(90)

    def hours(self) -> float | None:
        value = self.value()
        return None if value <= self.NOT_SET else float(value)

    def setHours(self, hours: float | None) -> None:  # noqa: N802 - Qt naming
        self.setValue(self.NOT_SET if hours is None else hours)


_STRENGTH_WORDS = ("Too easy to guess", "Too easy to guess", "Weak", "Strong", "Very strong")


class StrengthMeter(QWidget):
    """A bar and words for how strong a new passphrase is, with zxcvbn's own advice."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        self.bar = QProgressBar()
        self.bar.setRange(0, 4)
        self.bar.setTextVisible(False)
        self.bar.setMaximumHeight(8)
        self.bar.setAccessibleName("Passphrase strength")
        self.words = QLabel("")
        self.words.setObjectName("muted")
        self.words.setWordWrap(True)
        column.addWidget(self.bar)
        column.addWidget(self.words)
        self.show_assessment(None)

    def show_assessment(self, assessment: PassphraseAssessment | None) -> None:
        if assessment is None:
            self.bar.setValue(0)
            self.words.setText("At least 8 characters. A few unrelated words work well.")
            return
        self.bar.setValue(assessment.score)
        verdict = "Strong enough" if assessment.acceptable else _STRENGTH_WORDS[assessment.score]
        advice = assessment.message()
        self.words.setText(f"{verdict}. {advice}".strip() if advice else f"{verdict}.")
        self.bar.setAccessibleDescription(self.words.text())


class NewPassphraseFields(QObject):
    """A new passphrase typed twice, with its strength meter: first run and Settings alike.

    ``add_rows`` puts the fields into the caller's form, so their labels line
    up with the rest of it. ``changed`` fires on every keystroke; ``ready()``
    says whether the passphrase is strong enough and typed the same twice.
    """

    changed = Signal()

    def __init__(
        self,
        first_label: str,
        again_label: str,
        *,
        show_typing: bool = False,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._labels = (first_label, again_label)
        # Read aloud the same way in both places, whatever the visible labels say.
        self.passphrase = _secret_field("New passphrase")
        self.again = _secret_field("New passphrase again")
        self.show_typing: QCheckBox | None = None
        if show_typing:
            self.show_typing = QCheckBox("Show what I type")
            self.show_typing.toggled.connect(self._show_typing)
        self.meter = StrengthMeter()
        self.mismatch = Notice("notice")
        self._ready = False
        self.passphrase.textChanged.connect(self._update)
        self.again.textChanged.connect(self._update)

    def add_rows(self, form: QFormLayout) -> None:
        form.addRow(self._labels[0], self.passphrase)
        form.addRow(self._labels[1], self.again)
        if self.show_typing is not None:
            form.addRow("", self.show_typing)
        form.addRow("", self.meter)

    def text(self) -> str:
        return self.passphrase.text()

    def ready(self) -> bool:
        return self._ready

    def _show_typing(self, visible: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if visible else QLineEdit.EchoMode.Password
        self.passphrase.setEchoMode(mode)
        self.again.setEchoMode(mode)

    def _update(self) -> None:
        from wellbeing_app.domain.passphrase import assess_passphrase

        text = self.passphrase.text()
        assessment = assess_passphrase(text) if text else None
        self.meter.show_assessment(assessment)
        matches = bool(text) and text == self.again.text()
        if self.again.text() and not matches:
            self.mismatch.show_notice("The two passphrases are not the same yet.")
        else:
            self.mismatch.clear_notice()
        self._ready = assessment is not None and assessment.acceptable and matches
        self.changed.emit()


def _secret_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(name)
    return field


def wrapped_label(text: str = "", name: str | None = None) -> QLabel:
    """A label that wraps, with an object name for the style sheet ("title", "muted")."""
    label = QLabel(text)
    label.setWordWrap(True)
    if name:
        label.setObjectName(name)
    return label


def scrolling_column(page: QWidget) -> QVBoxLayout:
    """Give ``page`` a frameless, vertically scrolling body; its column layout.

    A page taller than a small window scrolls instead of squeezing its rows,
    and Tab scrolls the focused field into view.
    """
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    # Not a Tab stop of its own: it has no name and nothing to show when focused.
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    body = QWidget()
    scroll.setWidget(body)
    outer = QVBoxLayout(page)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(scroll)
    column = QVBoxLayout(body)
    column.setContentsMargins(24, 16, 24, 16)
    return column


def name_text_box(field: QAbstractSpinBox, name: str) -> None:
    """Name the text box inside a date, time or number field, as screen readers meet it."""
    inner = field.findChild(QLineEdit)
    if inner is not None:
        inner.setAccessibleName(name)


def empty_layout(layout: QLayout, *, keep: Sequence[QWidget] = ()) -> None:
    """Take every item out of ``layout`` (and out of its inner layouts) and delete the
    widgets, except those in ``keep``, which are only taken out.

    Each widget is hidden and unparented at once: ``deleteLater`` alone would leave it
    painted under whatever replaces it until the event loop next runs.
    """
    while (item := layout.takeAt(0)) is not None:
        widget = item.widget()
        inner = item.layout()
        if widget is not None and widget not in keep:
            widget.hide()
            widget.setParent(None)
            widget.deleteLater()
        elif inner is not None:
            empty_layout(inner, keep=keep)
            inner.deleteLater()


def card_bar(
    actions: Sequence[tuple[str, Callable[[], object]]],
) -> tuple[QFrame, QLabel, list[QPushButton]]:
    """A hidden one-line card: a wrapping message, then a button for each action (the
    unfinished check-in, editing an old one, undoing a delete). Returns the card, its
    message and its buttons, in the order given."""
    bar = QFrame()
    bar.setObjectName("card")
    row = QHBoxLayout(bar)
    row.setContentsMargins(12, 6, 12, 6)
    text = QLabel("")
    text.setWordWrap(True)
    row.addWidget(text, 1)
    buttons = []
    for label, handler in actions:
        button = QPushButton(label)
        button.clicked.connect(handler)
        row.addWidget(button)
        buttons.append(button)
    bar.hide()
    return bar, text, buttons
