"""Settings' Reminders section: when to remind, quiet hours, the tray, and starting at login.

Kept out of ``settings_page`` so that page stays a list of sections. Every
change applies at once through the page's own ``update`` (the preferences
file), except "Start Took Home when I log in", which is the autostart
entry itself: it is on exactly when that file is there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Final

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QSystemTrayIcon,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from wellbeing_app.domain.reminder_settings import MINUTES_AFTER_RANGE, ReminderSettings
from wellbeing_app.services import autostart
from wellbeing_app.services.preferences import Preferences
from wellbeing_app.ui.widgets import Notice

INTRO: Final = (
    "Took Home can remind you to check in after each shift on your rota. A reminder says "
    "only \u201cTime for your check-in?\u201d: never what you wrote, a score or an incident."
)
LOCKED_FILE: Final = (
    "To remind you while it is locked, Took Home keeps the start and end times of your "
    "shifts for the next 14 days in a small separate file in your data folder. It holds "
    "shift times only: nothing you wrote, no scores and no incidents. It is encrypted, but "
    "its key sits beside it so the app can read it without your passphrase: anyone who can "
    "open your data folder could read those shift times. Follow-up reminders come only "
    "while unlocked."
)
NO_TRAY: Final = (
    "Your desktop has no tray area just now, so reminders cannot appear. Took Home works as "
    "usual without them."
)


def _qtime(value: object) -> QTime:
    hour, minute = getattr(value, "hour", 0), getattr(value, "minute", 0)
    return QTime(hour, minute)


def _row(*widgets: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    for widget in widgets:
        row.addWidget(widget)
    row.addStretch(1)
    return row


class RemindersSection(QWidget):
    """The controls; ``update`` is called with the preference fields that changed."""

    def __init__(
        self,
        prefs: Preferences,
        folder: Path,
        update: Callable[..., None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = prefs.reminders
        self._update = update
        self._folder = folder
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        heading = QLabel("Reminders")
        heading.setObjectName("heading")
        column.addWidget(heading)
        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        column.addWidget(intro)
        self.no_tray = Notice("calm")
        column.addWidget(self.no_tray)
        if not QSystemTrayIcon.isSystemTrayAvailable():
            self.no_tray.show_notice(NO_TRAY)

        settings = prefs.reminders
        self.end_of_shift = QCheckBox("Remind me to check in")
        self.end_of_shift.setChecked(settings.end_of_shift)
        self.end_of_shift.toggled.connect(lambda on: self._change(end_of_shift=bool(on)))
        self.minutes_after = QSpinBox()
        self.minutes_after.setRange(*MINUTES_AFTER_RANGE)
        self.minutes_after.setSingleStep(5)
        self.minutes_after.setSuffix(" minutes")
        self.minutes_after.setValue(settings.minutes_after)
        self.minutes_after.setAccessibleName("Remind me this many minutes after a shift ends")
        self.minutes_after.valueChanged.connect(lambda v: self._change(minutes_after=int(v)))
        column.addLayout(
            _row(self.end_of_shift, self.minutes_after, QLabel("after each shift ends"))
        )

        self.quiet_hours = QCheckBox("Quiet hours, from")
        self.quiet_hours.setChecked(settings.quiet_hours)
        self.quiet_hours.setAccessibleName("Quiet hours: no reminders between these times")
        self.quiet_hours.toggled.connect(lambda on: self._change(quiet_hours=bool(on)))
        self.quiet_from = self._time_edit(settings.quiet_from, "Quiet hours start at")
        self.quiet_until = self._time_edit(settings.quiet_until, "Quiet hours end at")
        self.quiet_from.timeChanged.connect(lambda t: self._change(quiet_from=t.toPython()))
        self.quiet_until.timeChanged.connect(lambda t: self._change(quiet_until=t.toPython()))
        column.addLayout(_row(self.quiet_hours, self.quiet_from, QLabel("until"), self.quiet_until))

        self.follow_ups = QCheckBox("Offer follow-up check-ins after a tagged incident")
        self.follow_ups.setToolTip("About 3 days later, and again about a month later")
        self.follow_ups.setAccessibleName(
            "Offer follow-up check-ins about 3 days and a month after a tagged incident"
        )
        self.follow_ups.setChecked(settings.follow_ups)
        self.follow_ups.toggled.connect(lambda on: self._change(follow_ups=bool(on)))
        column.addWidget(self.follow_ups)

        self.when_locked = QCheckBox("Remind me even when locked")
        self.when_locked.setChecked(settings.when_locked)
        self.when_locked.toggled.connect(lambda on: self._change(when_locked=bool(on)))
        column.addWidget(self.when_locked)
        self.locked_file = QLabel(LOCKED_FILE)
        self.locked_file.setWordWrap(True)
        self.locked_file.setObjectName("muted")
        self.locked_file.setContentsMargins(28, 0, 0, 0)  # under its checkbox's words
        column.addWidget(self.locked_file)

        self.keep_in_tray = QCheckBox("Keep Took Home in the tray when I close the window")
        self.keep_in_tray.setChecked(prefs.keep_in_tray)
        self.keep_in_tray.toggled.connect(lambda on: self._update(keep_in_tray=bool(on)))
        column.addWidget(self.keep_in_tray)
        self.start_at_login = QCheckBox("Start Took Home when I log in (locked, in the tray)")
        self.start_at_login.setChecked(autostart.starts_at_login())
        self.start_at_login.toggled.connect(self._start_at_login)
        column.addWidget(self.start_at_login)
        self.login_notice = Notice("calm")
        column.addWidget(self.login_notice)
        self._enable()

    @staticmethod
    def _time_edit(value: object, name: str) -> QTimeEdit:
        edit = QTimeEdit(_qtime(value))
        edit.setDisplayFormat("HH:mm")
        edit.setAccessibleName(name)
        return edit

    def _enable(self) -> None:
        on = self._settings.end_of_shift
        self.minutes_after.setEnabled(on)
        quiet = self._settings.quiet_hours
        self.quiet_from.setEnabled(quiet)
        self.quiet_until.setEnabled(quiet)

    def _change(self, **changes: object) -> None:
        self._settings = replace(self._settings, **changes)  # type: ignore[arg-type]
        self._enable()
        self._update(reminders=self._settings)

    @property
    def settings(self) -> ReminderSettings:
        return self._settings

    def _start_at_login(self, on: bool) -> None:
        try:
            if on:
                autostart.start_at_login(self._folder)
                self.login_notice.show_notice(
                    "Took Home will start, locked, when you log in.", seconds=8
                )
            else:
                autostart.stop_starting_at_login()
                self.login_notice.show_notice(
                    "Took Home will no longer start when you log in.", seconds=8
                )
        except OSError as error:
            self.start_at_login.blockSignals(True)
            self.start_at_login.setChecked(autostart.starts_at_login())
            self.start_at_login.blockSignals(False)
            self.login_notice.show_notice(
                f"That could not be changed ({error.strerror or type(error).__name__})."
            )
