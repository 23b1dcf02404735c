"""Wind down: short tools for after a hard shift, with distress rated before and after.

Four tools, each a calm full-page view: paced breathing, grounding (5-4-3-2-1),
the user's own switching-off routine and a plan for sleep after nights. The
way through is the same for each: an optional rating before (0 to 10, one key),
the tool, with Stop always there (Esc too), then an optional rating after, and
Save. A rating of 8 or more, before or after, also shows the quiet "talk to
someone" card, the user's own contacts first. What grounding's lines hold is
never kept unless the user asks to put it into a check-in; a lock (Esc Esc)
wipes it with the rest of the page.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from wellbeing_app.domain.aftershift import (
    GROUNDING,
    PACED_BREATHING,
    SLEEP_PLAN,
    SWITCH_OFF,
    TOOL_NAMES,
    TOOLS,
    Moment,
    suggests_talking,
)
from wellbeing_app.domain.aftershift.pacer import (
    DEFAULT_MINUTES,
    MINUTES,
    PATTERNS,
    SLOW,
    Pattern,
)
from wellbeing_app.ui.keyboard import is_plain_enter
from wellbeing_app.ui.notice import Notice
from wellbeing_app.ui.widgets import ChoiceSelector, scrolling_column, wrapped_label
from wellbeing_app.ui.wind_down_tools import (
    BreathingView,
    GroundingView,
    RoutineView,
    SleepPlanView,
    button,
)

if TYPE_CHECKING:
    from wellbeing_app.services.session import Session

TITLE = "Wind down"
TEN_WINDOW_S = 0.8  # "1" then "0" within this long is 10
BLURBS = {
    PACED_BREATHING: "A slow, steady rhythm to breathe along with, for 1, 2 or 5 minutes.",
    GROUNDING: "Five things you can see, four you can feel, and so on, one step at a time.",
    SWITCH_OFF: "Tick through your own short routine for leaving the shift at work.",
    SLEEP_PLAN: "A few plain tips for sleeping in the day, each with where it comes from.",
}
QUESTION = "How distressed or wound up do you feel, from 0 (not at all) to 10 (the most)?"
RATING_HINT = (
    "Optional. Type a number (1 then 0 for 10) or use the arrow keys; Enter goes on. "
    "It is kept with the time and the tool, encrypted, so Trends can show what helps you."
)


def _pattern_label(pattern: Pattern) -> str:
    """ "Slower: in 4, out 6", short enough for a small window."""
    steps = ", ".join(f"{p.words.split()[-1].lower()} {p.seconds}" for p in pattern.phases)
    return f"{pattern.name.split()[0]}: {steps}"


class DistressScale(ChoiceSelector):
    """0 to 10, one key: 0-9 pick that number, 1 then 0 quickly is 10; Enter goes on."""

    accepted = Signal()

    def __init__(self, question: str, parent: QWidget | None = None) -> None:
        self._last_one = -10.0
        super().__init__(question, [str(n) for n in range(11)], list(range(11)), parent)

    def _update(self) -> None:
        super()._update()
        self.setAccessibleDescription(
            "Type a number from 0 to 10 (1 then 0 for 10), or use the left and right arrow "
            "keys. Delete clears. Enter goes on."
        )

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        key = event.key()
        if Qt.Key.Key_0 <= key <= Qt.Key.Key_9 and not event.modifiers() & (
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
        ):
            digit = key - Qt.Key.Key_0
            now = time.monotonic()
            if digit == 0 and self.value() == 1 and now - self._last_one <= TEN_WINDOW_S:
                self.setValue(10)
            else:
                self.setValue(digit)
            self._last_one = now if digit == 1 else -10.0
            return
        if is_plain_enter(event):
            self.accepted.emit()
            return
        super().keyPressEvent(event)


class TalkCard(QFrame):
    """The quiet "talk to someone" card: the user's own contacts first, then the services."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self._session = session
        column = QVBoxLayout(self)
        column.setContentsMargins(12, 10, 12, 10)
        self.text = wrapped_label()
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column.addWidget(self.text)
        self.hide()

    def show_card(self) -> None:
        from wellbeing_app.domain.signposting import (
            TALK_BODY,
            TALK_SERVICE_IDS,
            TALK_TITLE,
            service_lines,
        )
        from wellbeing_app.services.support import load_catalogue

        lines = [f"<b>{escape(TALK_TITLE)}</b>", escape(TALK_BODY)]
        for contact in self._session.own_contacts():
            phone = f": {escape(contact.phone)}" if contact.phone else ""
            lines.append(f"{escape(contact.name)} ({escape(contact.label)}){phone}")
        lines.extend(escape(line) for line in service_lines(TALK_SERVICE_IDS, load_catalogue()))
        self.text.setText("<br>".join(lines))
        self.setAccessibleName(TALK_TITLE)
        self.show()


class RatingView(QWidget):
    """Before or after a tool: the optional 0-10 rating, and the way on."""

    go = Signal()
    back = Signal()

    def __init__(
        self, session: Session, heading: str, go: str, back: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        column = scrolling_column(self)
        column.setSpacing(10)
        self.heading = wrapped_label(heading, "title")
        column.addWidget(self.heading)
        self.extra = QVBoxLayout()  # the breathing choices, before breathing
        column.addLayout(self.extra)
        self.question = wrapped_label(QUESTION)
        self.scale = DistressScale("Distress, 0 to 10")
        self.question.setBuddy(self.scale)
        column.addWidget(self.question)
        column.addWidget(self.scale)
        column.addWidget(wrapped_label(RATING_HINT, "muted"))
        self.keep_lines = QCheckBox("Put what I wrote into a check-in (only then is it kept)")
        self.keep_lines.setAccessibleName("Put what I wrote into a check-in")
        self.keep_lines.hide()
        column.addWidget(self.keep_lines)
        self.talk = TalkCard(session)
        column.addWidget(self.talk)
        row = QHBoxLayout()
        self.go_button = button(go, "primary")
        self.back_button = button(back)
        self.go_button.clicked.connect(self.go.emit)
        self.back_button.clicked.connect(self.back.emit)
        row.addWidget(self.go_button)
        row.addWidget(self.back_button)
        row.addStretch(1)
        column.addLayout(row)
        column.addStretch(1)
        self.scale.accepted.connect(self.go.emit)
        self.scale.valueChanged.connect(self._rated)
        self.other_rating: int | None = None  # the rating before, on the after view

    def reset(self) -> None:
        self.scale.clear()
        self.talk.hide()
        self.keep_lines.setChecked(False)
        self.keep_lines.hide()

    def _rated(self, value: object) -> None:
        mine = value if isinstance(value, int) else None
        if suggests_talking(mine, self.other_rating):
            self.talk.show_card()
        else:
            self.talk.hide()


class WindDownPage(QWidget):
    """The tools' menu and each tool, one view at a time."""

    saved = Signal(object)  # the Moment kept
    in_use = Signal()  # breathing along: the idle lock waits
    routine_settings_requested = Signal()
    to_checkin = Signal(str)  # grounding's lines, when the user asks to keep them
    reduce_motion_changed = Signal(bool)
    title = TITLE

    def __init__(
        self,
        session: Session,
        *,
        reduce_motion: bool = False,
        clock: Callable[[], float] = time.monotonic,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._tool: str | None = None
        self._started: datetime | None = None
        self._before: int | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.views = QStackedWidget()
        outer.addWidget(self.views)

        self.menu = QWidget()
        column = scrolling_column(self.menu)
        column.setSpacing(10)
        column.addWidget(wrapped_label(TITLE, "title"))
        column.addWidget(
            wrapped_label(
                "A few minutes to come down from a shift, whenever you want them. None of "
                "these is a test, and it's fine if one doesn't suit you.",
                "muted",
            )
        )
        self.notice = Notice("calm")
        column.addWidget(self.notice)
        self.tool_buttons: dict[str, QPushButton] = {}
        for tool in TOOLS:
            choice = button(TOOL_NAMES[tool], accessible=f"{TOOL_NAMES[tool]}: {BLURBS[tool]}")
            choice.clicked.connect(lambda _c=False, t=tool: self.open_tool(t))
            row = QHBoxLayout()
            row.addWidget(choice)
            row.addWidget(wrapped_label(BLURBS[tool], "muted"), 1)
            column.addLayout(row)
            self.tool_buttons[tool] = choice
        column.addStretch(1)
        self.views.addWidget(self.menu)

        self.before = RatingView(session, "Before you start", "Start", "Back")
        self.before.go.connect(self._begin)
        self.before.back.connect(self.show_menu)
        self.breathing_choices = QWidget()
        choices = QVBoxLayout(self.breathing_choices)
        choices.setContentsMargins(0, 0, 0, 0)
        self.pattern = ChoiceSelector(
            "Breathing pattern",
            [_pattern_label(p) for p in PATTERNS],
            [p.id for p in PATTERNS],
        )
        self.minutes = ChoiceSelector(
            "How long", [f"{m} minute{'s' if m != 1 else ''}" for m in MINUTES], list(MINUTES)
        )
        self.reduce_motion = QCheckBox("Reduce motion: a plain countdown instead of the circle")
        self.reduce_motion.setAccessibleName("Reduce motion")
        self.reduce_motion.setChecked(reduce_motion)
        self.reduce_motion.toggled.connect(self.reduce_motion_changed.emit)
        for caption, widget in (("Pattern", self.pattern), ("How long", self.minutes)):
            label = wrapped_label(caption)
            label.setBuddy(widget)
            choices.addWidget(label)
            choices.addWidget(widget)
        choices.addWidget(self.reduce_motion)
        self.before.extra.addWidget(self.breathing_choices)
        self.views.addWidget(self.before)

        self.breathing = BreathingView(clock)
        self.breathing.breath.connect(self.in_use.emit)
        self.grounding = GroundingView()
        self.routine = RoutineView()
        self.sleep_plan = SleepPlanView()
        self.routine.settings_requested.connect(self.show_menu)
        self.routine.settings_requested.connect(self.routine_settings_requested.emit)
        for view in (self.breathing, self.grounding, self.routine, self.sleep_plan):
            view.finished.connect(self._tool_done)
            view.stop_requested.connect(self.stop)
            self.views.addWidget(view)

        self.after = RatingView(session, "How do you feel now?", "Save", "Don't save")
        self.after.go.connect(self._save)
        self.after.back.connect(self._discard)
        self.views.addWidget(self.after)
        self.show_menu()

    # -- the way through a tool ---------------------------------------------------------

    @property
    def tool(self) -> str | None:
        return self._tool

    def show_menu(self) -> None:
        self.breathing.stop()
        self.grounding.wipe()
        self._tool = None
        self.views.setCurrentWidget(self.menu)
        self.tool_buttons[TOOLS[0]].setFocus()

    def open_tool(
        self, tool: str, *, pattern: str | None = None, minutes: int | None = None
    ) -> None:
        """The rating before ``tool`` (breathing also asks which pattern and how long)."""
        if tool not in TOOLS:
            raise ValueError(tool)
        self.notice.clear_notice()
        self._tool = tool
        self.before.reset()
        self.before.heading.setText(f"{TOOL_NAMES[tool]}: before you start")
        self.breathing_choices.setVisible(tool == PACED_BREATHING)
        if tool == PACED_BREATHING:
            self.pattern.setValue(pattern or self.pattern.value() or SLOW.id)
            self.minutes.setValue(minutes or self.minutes.value() or DEFAULT_MINUTES)
        self.views.setCurrentWidget(self.before)
        self.before.scale.setFocus()

    def offer_breathing(self) -> None:
        """ "Would two minutes of slow breathing help?": slower breathing, 2 minutes."""
        self.open_tool(PACED_BREATHING, pattern=SLOW.id, minutes=DEFAULT_MINUTES)

    def _begin(self) -> None:
        tool = self._tool
        if tool is None:
            return
        value = self.before.scale.value()
        self._before = value if isinstance(value, int) else None
        self._started = datetime.now(UTC)
        if tool == PACED_BREATHING:
            pattern = self.pattern.value()
            minutes = self.minutes.value()
            self.views.setCurrentWidget(self.breathing)
            self.breathing.start(
                str(pattern or SLOW.id),
                int(minutes) if isinstance(minutes, int) else DEFAULT_MINUTES,
                self.reduce_motion.isChecked(),
            )
        elif tool == GROUNDING:
            self.views.setCurrentWidget(self.grounding)
            self.grounding.start()
        elif tool == SWITCH_OFF:
            self.views.setCurrentWidget(self.routine)
            self.routine.start(self._session.switch_off_routine())
        else:
            self.views.setCurrentWidget(self.sleep_plan)
            self.sleep_plan.start()

    def in_tool(self) -> bool:
        return self.views.currentWidget() in (
            self.breathing,
            self.grounding,
            self.routine,
            self.sleep_plan,
        )

    def stop(self) -> None:
        """Stop the tool now; the rating after is still offered (Don't save leaves)."""
        if self.in_tool():
            self._tool_done(stopped=True)

    def _tool_done(self, stopped: bool = False) -> None:
        self.breathing.stop()
        self.after.reset()
        self.after.other_rating = self._before
        self.after.heading.setText(
            "Stopped. How do you feel now?" if stopped else "How do you feel now?"
        )
        if self._tool == GROUNDING and self.grounding.written():
            self.after.keep_lines.show()
        if suggests_talking(self._before, None):
            self.after.talk.show_card()
        self.views.setCurrentWidget(self.after)
        self.after.scale.setFocus()

    def _save(self) -> None:
        tool, started = self._tool, self._started
        if tool is None or started is None:
            return
        value = self.after.scale.value()
        moment = Moment(started, tool, self._before, value if isinstance(value, int) else None)
        self._session.save_moment(moment)
        keep = self.after.keep_lines.isVisible() and self.after.keep_lines.isChecked()
        written = self.grounding.written() if keep else ""
        self.show_menu()
        self.notice.show_notice(
            "Saved. Trends shows what helps you, from your own ratings.", seconds=8
        )
        self.saved.emit(moment)
        if written:
            self.to_checkin.emit(written)

    def _discard(self) -> None:
        self.show_menu()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Escape and self.in_tool():
            self.stop()
            return
        super().keyPressEvent(event)
