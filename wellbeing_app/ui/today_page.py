"""Today: the first page after unlock. One clear action, what is due, and the week at a glance.

Calm by design: nothing here is urgent unless the user's own words were (that
path opens "Get help now" at once and never waits for this page).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from wellbeing_app.domain.dates import clock_time, long_date
from wellbeing_app.ui.widgets import Notice, card_bar, empty_layout, scrolling_column, wrapped_label

if TYPE_CHECKING:
    from wellbeing_app.domain.checkin import CheckIn
    from wellbeing_app.domain.signposting import Suggestion
    from wellbeing_app.domain.today import WeekAtAGlance
    from wellbeing_app.services.session import Session

MAX_DUE_SHOWN = 4


class DueRow(QFrame):
    """One thing that is due: its title and reason on one line, Details and Dismiss."""

    dismissed = Signal(str)

    def __init__(
        self,
        suggestion: Suggestion,
        details: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.key = suggestion.key
        column = QVBoxLayout(self)
        column.setContentsMargins(12, 8, 12, 8)
        row = QHBoxLayout()
        self.text = wrapped_label(
            f"<b>{_html(suggestion.title)}</b> \u2013 {_html(suggestion.reason)}"
        )
        self.text.setTextFormat(Qt.TextFormat.RichText)
        row.addWidget(self.text, 1)
        self.details_button = QPushButton("Details")
        self.details_button.setCheckable(True)
        self.details_button.setAccessibleName(f"Details: {suggestion.title}")
        self.dismiss_button = QPushButton("Dismiss")
        self.dismiss_button.setAccessibleName(f"Dismiss: {suggestion.title}")
        self.dismiss_button.clicked.connect(lambda: self.dismissed.emit(self.key))
        row.addWidget(self.details_button)
        row.addWidget(self.dismiss_button)
        column.addLayout(row)
        self.details = wrapped_label(details)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.hide()
        self.details_button.toggled.connect(self.details.setVisible)
        column.addWidget(self.details)


class WeekStrip(QWidget):
    """Seven days: a dot for mood (1 to 5, higher is better) and a bar for sleep hours."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._week: WeekAtAGlance | None = None
        self.setMinimumHeight(96)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("The last 7 days: mood and sleep")

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(420, 96)

    def show_week(self, week: WeekAtAGlance) -> None:
        self._week = week
        self.setAccessibleDescription(week.summary)
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        if self._week is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = self.palette().windowText().color()
        muted = QColor(text)
        muted.setAlpha(90)
        accent = self.palette().highlight().color()
        days = self._week.days
        width = self.width() / max(1, len(days))
        label_height = painter.fontMetrics().height() + 4
        chart_height = self.height() - label_height
        for index, day in enumerate(days):
            left = index * width
            centre = left + width / 2
            if day.sleep_hours is not None:
                bar = min(day.sleep_hours, 12.0) / 12.0 * (chart_height - 8)
                painter.fillRect(QRectF(centre - 6, chart_height - bar, 12, bar), QColor(muted))
            if day.mood is not None:
                y = chart_height - 6 - (day.mood - 1) / 4 * (chart_height - 16)
                painter.setPen(QPen(accent, 2))
                painter.setBrush(accent)
                painter.drawEllipse(QRectF(centre - 5, y - 5, 10, 10))
            painter.setPen(text)
            painter.drawText(
                QRectF(left, chart_height, width, label_height),
                Qt.AlignmentFlag.AlignCenter,
                day.date.strftime("%a"),
            )
        painter.end()


class TodayPage(QWidget):
    """The first page after unlock. It reads the session; it never writes except Dismiss."""

    check_in_requested = Signal()
    on_this_day_requested = Signal()
    report_requested = Signal()
    breathing_requested = Signal()
    wind_down_requested = Signal()
    dismissed = Signal(str)
    title = "Today"

    def __init__(
        self,
        session: Session,
        *,
        on_this_day: bool = True,
        details_for: Callable[[Suggestion], str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._show_on_this_day = on_this_day
        self._details_for = details_for or (lambda suggestion: suggestion.body)
        column = scrolling_column(self)
        column.setSpacing(12)
        self.heading = wrapped_label("Today", "title")
        self.day = wrapped_label("", "muted")
        column.addWidget(self.heading)
        column.addWidget(self.day)
        self.next_shift = wrapped_label("", "muted")  # from the rota, when one is set
        self.next_shift.hide()
        column.addWidget(self.next_shift)

        self.status = wrapped_label()
        self.action = QPushButton("Check in for today's shift")
        self.action.setObjectName("primary")
        self.action.clicked.connect(self.check_in_requested.emit)
        # Quiet, beside the one clear action: the same flow as Settings › Make a report….
        self.report_button = QPushButton("Make a report\u2026")
        self.report_button.setAccessibleName("Make a report for your GP or occupational health")
        self.report_button.setToolTip("A PDF of your numbers and charts (not encrypted)")
        self.report_button.clicked.connect(self.report_requested.emit)
        action_row = QHBoxLayout()
        action_row.addWidget(self.action)
        action_row.addStretch(1)
        action_row.addWidget(self.report_button)
        column.addWidget(self.status)
        column.addLayout(action_row)
        self.report_notice = Notice("calm")
        column.addWidget(self.report_notice)
        # After a check-in with a distressing job in it or a low mood (today or
        # yesterday): one quiet offer of the Wind down tools, until "Not now".
        self.wind_down_offer, self.wind_down_text, offer_buttons = card_bar(
            (
                ("Slow breathing", self.breathing_requested.emit),
                ("Other tools", self.wind_down_requested.emit),
                ("Not now", self._not_now),
            )
        )
        offer_buttons[0].setAccessibleName("Try two minutes of slow breathing")
        offer_buttons[1].setAccessibleName("Other tools on the Wind down page")
        offer_buttons[2].setAccessibleName("Not now: hide the Wind down offer")
        column.addWidget(self.wind_down_offer)
        self._offer_declined: set[str] = set()
        self._offer_for: str | None = None

        self.due_heading = wrapped_label("Worth a look", "heading")
        column.addWidget(self.due_heading)
        self.due_rows = QVBoxLayout()
        column.addLayout(self.due_rows)
        self.nothing_due = wrapped_label("Nothing is due. Look after yourself today.", "muted")
        column.addWidget(self.nothing_due)

        self.on_this_day_heading = wrapped_label("On this day", "heading")
        self.on_this_day_text = wrapped_label()
        self.on_this_day_button = QPushButton("Read them in the Journal")
        self.on_this_day_button.clicked.connect(self.on_this_day_requested.emit)
        otd_row = QHBoxLayout()
        otd_row.addWidget(self.on_this_day_text, 1)
        otd_row.addWidget(self.on_this_day_button)
        column.addWidget(self.on_this_day_heading)
        column.addLayout(otd_row)

        column.addWidget(wrapped_label("The last 7 days", "heading"))
        self.week = WeekStrip()
        self.week_summary = wrapped_label()
        self.week_legend = wrapped_label(
            "\u25cf mood (higher is better)    \u258e hours of sleep", "muted"
        )
        column.addWidget(self.week)
        column.addWidget(self.week_legend)
        column.addWidget(self.week_summary)
        column.addStretch(1)
        self._rows: list[DueRow] = []

    # -- what the page shows ---------------------------------------------------------

    def refresh(self, suggestions: Sequence[Suggestion] = (), today: date | None = None) -> None:
        """Read the session again (after unlock, a save, a dismiss or a new day)."""
        from wellbeing_app.domain.today import week_at_a_glance

        today = today or date.today()
        self.day.setText(long_date(today))
        self._show_next_shift()
        self._show_action(today)
        recent = self._session.checkins_between(
            date.fromordinal(today.toordinal() - 6), today, text=False
        )
        self._show_wind_down_offer(recent, today)
        self._show_due(suggestions)
        self._show_on_this_day_count(today)
        week = week_at_a_glance(recent, today)
        self.week.show_week(week)
        self.week_summary.setText(week.summary)

    def set_on_this_day(self, on: bool) -> None:
        self._show_on_this_day = on
        self._show_on_this_day_count(date.today())

    def _show_next_shift(self) -> None:
        from wellbeing_app.domain.rota import LONDON
        from wellbeing_app.domain.rota.wording import shift_line

        now = datetime.now(LONDON)
        coming = self._session.next_shift(now)
        quick = self._session.recent_quick_changeovers(now.date())
        lines = [f"Next on your rota: {shift_line(coming).rstrip('.')}."] if coming else []
        if quick:
            lines.append(
                f"Your rota had {quick} quick changeover{'s' if quick != 1 else ''} (under 11 "
                "hours between shifts) in the last 4 weeks."
            )
        self.next_shift.setText(" ".join(lines))
        self.next_shift.setVisible(bool(lines))

    def _show_action(self, today: date) -> None:
        draft = self._session.load_draft()
        todays = self._session.checkins_between(today, today, text=False)
        if draft is not None:
            self.status.setText("You started a check-in and did not save it yet.")
            self.action.setText("Continue your unfinished check-in")
        elif todays:
            last = max(todays, key=lambda checkin: checkin.created_at)
            written = last.created_at.astimezone()
            if written.date() == today and written <= datetime.now().astimezone():
                self.status.setText(f"You checked in at {clock_time(written)}.")
            else:
                self.status.setText("You have a check-in for today.")
            self.action.setText("Add another check-in")
        else:
            self.status.setText("No check-in yet today.")
            self.action.setText("Check in for today's shift")

    def _show_wind_down_offer(self, week: Sequence[CheckIn], today: date) -> None:
        """From the last 7 days' check-ins (read once for the strip): the newest of
        today's and yesterday's."""
        from wellbeing_app.domain.aftershift import offers_tools

        recent = [c for c in week if c.date >= today - timedelta(days=1)]
        last = max(recent, key=lambda c: c.created_at) if recent else None
        if last is None or last.id in self._offer_declined or not offers_tools(last):
            self._offer_for = None
            self.wind_down_offer.hide()
            return
        self._offer_for = last.id
        what = "a difficult job" if last.exposures else "a low mood"
        self.wind_down_text.setText(
            f"Your last check-in noted {what}. Would two minutes of slow breathing help?"
        )
        self.wind_down_offer.show()

    def _not_now(self) -> None:
        if self._offer_for is not None:
            self._offer_declined.add(self._offer_for)
        self.wind_down_offer.hide()
        self.action.setFocus()

    def _show_due(self, suggestions: Sequence[Suggestion]) -> None:
        from wellbeing_app.domain.signposting import SuggestionKind

        empty_layout(self.due_rows)
        self._rows = []
        shown = [s for s in suggestions if s.kind is not SuggestionKind.URGENT_HELP]
        for suggestion in shown[:MAX_DUE_SHOWN]:
            row = DueRow(suggestion, self._details_for(suggestion))
            row.dismissed.connect(self.dismissed.emit)
            self.due_rows.addWidget(row)
            self._rows.append(row)
        self.nothing_due.setVisible(not self._rows)

    def _show_on_this_day_count(self, today: date) -> None:
        count = len(self._session.on_this_day(today)) if self._show_on_this_day else 0
        for widget in (self.on_this_day_heading, self.on_this_day_text, self.on_this_day_button):
            widget.setVisible(count > 0)
        if count:
            self.on_this_day_text.setText(
                f"{count} check-in{'s' if count != 1 else ''} from earlier years on this day."
            )

    def due_keys(self) -> list[str]:
        return [row.key for row in self._rows]


def _html(text: str) -> str:
    from html import escape

    return escape(text)
