"""The tray: its menu's actions, the minute timer with a fake clock, closing to the tray."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.support import PASSPHRASE
from tests.ui.conftest import unlock
from wellbeing_app.domain.catalogue import ShiftType
from wellbeing_app.domain.reminder_settings import ReminderSettings
from wellbeing_app.domain.reminders import REMINDER_TEXTS, ReminderKind
from wellbeing_app.domain.rota import PatternDay, Rota, RotaPattern, Shift, shifts_between
from wellbeing_app.domain.rota.model import LONDON, london_time
from wellbeing_app.services.preferences import load_preferences
from wellbeing_app.services.reminders import has_locked_timing
from wellbeing_app.ui import app as app_module
from wellbeing_app.ui import tray as tray_module
from wellbeing_app.ui.main_window import CHECK_IN, MainWindow
from wellbeing_app.ui.tray import CHECK_EVERY_MS, STILL_RUNNING, Tray

# Coming forward raises the window, which the offscreen platform cannot do (and says so).
pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support raise\(\)$")

SENTINEL = "ARMADILLO-TRAY-SENTINEL-26"
TODAY = datetime.now(LONDON).date()  # check-ins are stamped with the real clock
END = london_time(TODAY, time(17, 0))
DUE = END + timedelta(minutes=30)


def from_rota(first: date, last: date) -> Sequence[Shift]:
    early = PatternDay.working(ShiftType.EARLY, time(7, 0), 10)
    rota = Rota(pattern=RotaPattern((early,), TODAY - timedelta(days=7)))
    return shifts_between(rota, first, last)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture(autouse=True)
def rota_shifts(monkeypatch: pytest.MonkeyPatch) -> None:
    """A rota of earlies, through the same door the tray uses."""
    monkeypatch.setattr(tray_module, "session_shifts", lambda _session: from_rota)


@pytest.fixture
def tray_for(existing_vault: str) -> Callable[..., tuple[MainWindow, Tray, Clock, list[int]]]:
    def make(window: MainWindow, now: datetime = DUE) -> tuple[MainWindow, Tray, Clock, list[int]]:
        clock = Clock(now)
        quits: list[int] = []
        tray = Tray(window, clock=clock, quit_app=lambda: quits.append(1))
        return window, tray, clock, quits

    return make


def menu_texts(tray: Tray) -> list[str]:
    return [a.text() for a in tray.menu.actions() if not a.isSeparator() and a.isVisible()]


def test_the_menu_opens_checks_in_locks_and_quits(qtbot: QtBot, make_window, tray_for) -> None:
    window, tray, clock, quits = tray_for(make_window(), now=END - timedelta(hours=2))
    assert window.tray is tray
    assert menu_texts(tray) == ["Open Took Home", "Check in", "Lock", "Quit"]
    assert not tray.lock_action.isEnabled()  # locked already
    unlock(qtbot, window)
    assert window.is_unlocked and tray.lock_action.isEnabled()
    tray.check_in_action.trigger()
    assert window.shell is not None and window.shell.pages.currentWidget() is window.checkin_page
    tray.lock_action.trigger()
    assert not window.is_unlocked and not tray.lock_action.isEnabled()
    window.hide()
    tray.open_action.trigger()
    assert window.isVisible()
    # Check in while locked: the lock screen first, then Check in.
    tray.check_in_action.trigger()
    assert not window.is_unlocked
    unlock(qtbot, window)
    assert window.shell is not None and window.shell.pages.currentWidget() is window.checkin_page
    tray.quit_action.trigger()
    assert quits == [1] and not window.is_unlocked and not window.isVisible()


def test_the_timer_shows_the_fixed_words_once_and_snooze_brings_them_back(
    qtbot: QtBot, make_window, tray_for
) -> None:
    window, tray, clock, _ = tray_for(make_window(), now=DUE - timedelta(minutes=1))
    assert tray.timer.isActive() and tray.timer.interval() == CHECK_EVERY_MS
    unlock(qtbot, window)
    tray.timer.timeout.emit()
    assert tray.last_message is None and "Not today" not in menu_texts(tray)
    clock.now = DUE
    tray.timer.timeout.emit()
    assert tray.last_message == ("Took Home", "Time for your check-in?")
    assert menu_texts(tray)[3:5] == ["Remind me in an hour", "Not today"]
    tray.last_message = None
    clock.now = DUE + timedelta(minutes=1)
    tray.timer.timeout.emit()
    assert tray.last_message is None  # shown once, not every minute
    tray.snooze_action.trigger()
    assert "Remind me in an hour" not in menu_texts(tray)
    clock.now = DUE + timedelta(minutes=60)
    tray.timer.timeout.emit()
    assert tray.last_message is None
    clock.now = DUE + timedelta(minutes=61)
    tray.timer.timeout.emit()
    assert tray.last_message == ("Took Home", "Time for your check-in?")
    tray.not_today_action.trigger()
    assert "Not today" not in menu_texts(tray)
    clock.now = DUE + timedelta(hours=3)
    tray.last_message = None
    tray.timer.timeout.emit()
    assert tray.last_message is None


def test_a_check_in_for_the_shift_means_no_reminder(qtbot: QtBot, make_window, tray_for) -> None:
    window, tray, clock, _ = tray_for(make_window())
    unlock(qtbot, window)
    assert window.session is not None
    window.session.save_new_checkin(
        {"date": TODAY.isoformat(), "mood": 2, "took_home": SENTINEL, "exposures": ["sudden_death"]}
    )
    assert tray.check_now() is None and tray.last_message is None


def test_clicking_the_notification_while_locked_opens_check_in_after_unlock(
    qtbot: QtBot, make_window, tray_for, data_dir: Path
) -> None:
    window = make_window()
    window.prefs = replace(window.prefs, reminders=ReminderSettings(when_locked=True))
    window, tray, clock, _ = tray_for(window, now=END - timedelta(hours=1))
    unlock(qtbot, window)
    assert has_locked_timing(data_dir)  # written at unlock, with the opt-in
    window.lock()
    clock.now = DUE
    shown = tray.check_now()
    assert shown is not None and shown.kind is ReminderKind.END_OF_SHIFT
    assert tray.last_message == ("Took Home", REMINDER_TEXTS[ReminderKind.END_OF_SHIFT])
    tray.icon.messageClicked.emit()
    assert window.isVisible() and not window.is_unlocked
    assert "Remind me in an hour" not in menu_texts(tray)
    unlock(qtbot, window)
    assert window.shell is not None and window.shell.pages.currentWidget() is window.checkin_page


def test_without_the_opt_in_no_reminder_while_locked(
    qtbot: QtBot, make_window, tray_for, data_dir: Path
) -> None:
    window, tray, clock, _ = tray_for(make_window(), now=END - timedelta(hours=1))
    unlock(qtbot, window)
    window.lock()
    assert not has_locked_timing(data_dir)
    clock.now = DUE
    assert tray.check_now() is None and tray.last_message is None
    unlock(qtbot, window)
    shown = tray.check_now()  # unlocked, it comes
    assert shown is not None and tray.last_message is not None


def test_turning_the_opt_in_off_removes_the_reminder_file(
    qtbot: QtBot, make_window, tray_for, data_dir: Path
) -> None:
    window, tray, clock, _ = tray_for(make_window())
    unlock(qtbot, window)
    on = replace(window.prefs, reminders=ReminderSettings(when_locked=True))
    window._preferences_changed(on)
    assert has_locked_timing(data_dir)
    window._preferences_changed(replace(on, reminders=ReminderSettings()))
    assert not has_locked_timing(data_dir)


def test_closing_keeps_it_in_the_tray_locked_and_says_so_once(
    qtbot: QtBot, make_window, tray_for, data_dir: Path
) -> None:
    window = make_window()
    window.prefs = replace(window.prefs, keep_in_tray=True)
    window, tray, clock, quits = tray_for(window)
    unlock(qtbot, window)
    window.close()
    assert not window.is_unlocked and not window.isVisible()
    assert tray.last_message == ("Took Home", STILL_RUNNING)
    assert load_preferences(data_dir).tray_close_explained
    tray.last_message = None
    tray.open_action.trigger()
    window.close()
    assert not window.isVisible() and tray.last_message is None  # said once only
    assert quits == []


def test_closing_without_the_setting_closes(qtbot: QtBot, make_window, tray_for) -> None:
    window, tray, _clock, _ = tray_for(make_window())
    unlock(qtbot, window)
    window.close()
    assert not window.is_unlocked and not window.isVisible()
    assert tray.last_message is None


def test_no_tray_no_tray_icon_and_the_app_works(
    qtbot: QtBot, make_window, existing_vault: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tray_module, "tray_available", lambda: False)
    window = make_window()
    assert app_module.add_tray(window) is None and window.tray is None
    unlock(qtbot, window, PASSPHRASE)
    window.show_page(CHECK_IN)
    window.close()
    monkeypatch.setattr(tray_module, "tray_available", lambda: True)
    assert isinstance(app_module.add_tray(window), Tray)


@pytest.mark.parametrize("kind", list(ReminderKind))
def test_every_kind_of_notification_has_its_fixed_words_and_nothing_written(
    qtbot: QtBot, make_window, tray_for, kind: ReminderKind
) -> None:
    window = make_window()
    follow_ups = kind is not ReminderKind.END_OF_SHIFT
    window.prefs = replace(
        window.prefs, reminders=ReminderSettings(end_of_shift=not follow_ups, follow_ups=True)
    )
    window, tray, clock, _ = tray_for(window)
    unlock(qtbot, window)
    assert window.session is not None
    saved = window.session.save_new_checkin(
        {
            "date": (TODAY - timedelta(days=1)).isoformat(),
            "mood": 1,
            "stress": 5,
            "exposures": ["sudden_death"],
            "tags": [SENTINEL],
            "took_home": f"{SENTINEL} all of it",
            "good_thing": SENTINEL,
        }
    )
    made = saved.created_at.astimezone(LONDON).replace(tzinfo=None)
    moments = {
        ReminderKind.END_OF_SHIFT: DUE,
        ReminderKind.FOLLOW_UP_DAYS: made + timedelta(hours=72),
        ReminderKind.FOLLOW_UP_MONTH: made + timedelta(days=30),
    }
    moment = moments[kind]
    clock.now = moment if moment.tzinfo else moment.replace(tzinfo=LONDON)
    shown = tray.check_now()
    assert shown is not None and shown.kind is kind
    assert tray.last_message == ("Took Home", REMINDER_TEXTS[kind])
    words = " ".join(tray.last_message) + tray.icon.toolTip()
    for never in (SENTINEL, "Sudden", "death", "1", "5"):
        assert never not in words


def test_saving_a_check_in_takes_that_shift_out_of_the_reminder_file(
    qtbot: QtBot, make_window, tray_for, data_dir: Path
) -> None:
    import json

    from wellbeing_app.storage.reminder_file import read_reminder_file

    window = make_window()
    window.prefs = replace(window.prefs, reminders=ReminderSettings(when_locked=True))
    window, tray, clock, _ = tray_for(window, now=END + timedelta(minutes=5))

    def starts() -> list[str]:
        payload = read_reminder_file(data_dir)
        assert payload is not None
        return [row[0] for row in json.loads(payload)["shifts"]]

    unlock(qtbot, window)
    today_start = london_time(TODAY, time(7, 0)).astimezone(LONDON)
    assert datetime.fromisoformat(starts()[0]) == today_start
    window.show_page(CHECK_IN)
    page = window.checkin_page
    assert page is not None
    page.saved.emit(window.session.save_new_checkin({"date": TODAY.isoformat(), "mood": 3}))
    assert datetime.fromisoformat(starts()[0]) == today_start + timedelta(days=1)


def test_a_reminder_file_left_without_the_choice_is_removed_at_start(
    qtbot: QtBot, make_window, existing_vault: str, data_dir: Path
) -> None:
    from wellbeing_app.services.reminders import Timing, write_locked_timing

    write_locked_timing(data_dir, Timing(), ReminderSettings(when_locked=True), DUE)
    assert has_locked_timing(data_dir)
    Tray(make_window(), clock=Clock(DUE), quit_app=lambda: None)
    assert not has_locked_timing(data_dir)


def test_a_busy_vault_skips_the_minute_quietly(
    qtbot: QtBot, make_window, tray_for, monkeypatch: pytest.MonkeyPatch
) -> None:
    from wellbeing_app.services.errors import VaultBusyError

    window, tray, clock, _ = tray_for(make_window())
    unlock(qtbot, window)

    def busy(*_args: object) -> object:
        raise VaultBusyError("a restore is under way")

    monkeypatch.setattr(tray_module, "timing_unlocked", busy)
    assert tray.check_now() is None and tray.last_message is None
    window.prefs = replace(window.prefs, reminders=ReminderSettings(when_locked=True))
    tray.vault_changed()  # nothing raised
    monkeypatch.undo()
    monkeypatch.setattr(tray_module, "session_shifts", lambda _session: from_rota)
    assert tray.check_now() is not None
