"""Wind down through the keyboard: each tool, distress before and after, Stop, quick exit,
the routine editor, the offers on Check in and Today, and "what helps you" in Trends."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPlainTextEdit, QPushButton
from pytestqt.qtbot import QtBot

from tests.support import FAST_KDF, PASSPHRASE, sentinel_hits
from tests.ui.conftest import press, type_keys, unlock
from tests.ui.test_accessibility import tab_stops, unnamed
from wellbeing_app.domain.aftershift import TOOLS, Moment
from wellbeing_app.domain.aftershift.sleep_plan import TIPS
from wellbeing_app.domain.contacts import ContactKind, OwnContact
from wellbeing_app.services.session import Session
from wellbeing_app.ui.main_window import MainWindow
from wellbeing_app.ui.wind_down_page import WindDownPage

SENTINEL = "SENTINEL-GROUNDING-blue-mug-on-the-sill"


class FakeClock:
    def __init__(self) -> None:
        self.now = 500.0

    def __call__(self) -> float:
        return self.now


def opened(qtbot: QtBot, make_window, data_dir: Path) -> tuple[MainWindow, WindDownPage]:  # type: ignore[no-untyped-def]
    Session.create(data_dir, PASSPHRASE, kdf=FAST_KDF)[0].lock()
    window = make_window()
    unlock(qtbot, window)
    window.show_page("Wind down")
    page = window.wind_down_page
    assert page is not None
    qtbot.waitUntil(page.isVisible)
    return window, page


def test_the_page_sits_in_the_navigation_and_offers_the_four_tools(
    qtbot: QtBot, make_window, data_dir: Path
) -> None:
    window, page = opened(qtbot, make_window, data_dir)
    assert window.shell is not None
    titles = window.shell.page_titles()
    assert titles.index("Wind down") == titles.index("Self-checks") + 1
    assert list(page.tool_buttons) == list(TOOLS)
    stops = [w for w in tab_stops(window, window) if page.isAncestorOf(w)]
    assert stops[:4] == list(page.tool_buttons.values())  # the tools first, in order


def test_breathing_from_the_keyboard_saves_distress_before_and_after(
    qtbot: QtBot, make_window, data_dir: Path
) -> None:
    window, page = opened(qtbot, make_window, data_dir)
    page.tool_buttons["paced_breathing"].setFocus(Qt.FocusReason.TabFocusReason)
    press(window, Qt.Key.Key_Return)
    assert page.views.currentWidget() is page.before
    assert QApplication.focusWidget() is page.before.scale
    assert page.pattern.value() == "slow" and page.minutes.value() == 2
    type_keys(window, "6")
    press(window, Qt.Key.Key_Return)
    assert page.views.currentWidget() is page.breathing and page.breathing.timer.isActive()
    press(window, Qt.Key.Key_Escape)  # Esc once is Stop
    assert page.views.currentWidget() is page.after
    assert page.after.heading.text() == "Stopped. How do you feel now?"
    assert not page.breathing.timer.isActive()
    type_keys(window, "3")
    press(window, Qt.Key.Key_Return)
    assert page.views.currentWidget() is page.menu
    assert "Saved" in page.notice.text()
    assert window.session is not None
    (moment,) = window.session.moments()
    assert (moment.tool, moment.distress_before, moment.distress_after) == (
        "paced_breathing",
        6,
        3,
    )
    assert window.is_unlocked


def test_ratings_are_optional_and_dont_save_keeps_nothing(
    qtbot: QtBot, make_window, data_dir: Path
) -> None:
    window, page = opened(qtbot, make_window, data_dir)
    page.open_tool("sleep_plan")
    press(window, Qt.Key.Key_Return)  # Start, no rating
    assert page.views.currentWidget() is page.sleep_plan
    press(window, Qt.Key.Key_Return)  # Done (focused)
    assert page.views.currentWidget() is page.after
    press(window, Qt.Key.Key_Return)  # Save, no rating
    assert window.session is not None
    (moment,) = window.session.moments()
    assert (moment.tool, moment.distress_before, moment.distress_after) == (
        "sleep_plan",
        None,
        None,
    )
    page.open_tool("grounding")
    press(window, Qt.Key.Key_Return)
    page.stop()
    qtbot.mouseClick(page.after.back_button, Qt.MouseButton.LeftButton)  # Don't save
    assert window.session.moment_count() == 1


def test_the_pacer_follows_its_clock_in_the_page_and_reduce_motion_shows_a_countdown(
    qtbot: QtBot, tmp_path: Path
) -> None:
    session, _ = Session.create(tmp_path / "v", PASSPHRASE, kdf=FAST_KDF)
    clock = FakeClock()
    page = WindDownPage(session, clock=clock)
    qtbot.addWidget(page)
    page.show()
    page.open_tool("paced_breathing", pattern="box", minutes=1)
    page.before.go.emit()
    circle = page.breathing.circle
    assert circle.text() == "Breathe in\n4" and not circle.reduce_motion
    assert page.breathing.timer.interval() == 40
    assert page.breathing.left.text() == "1:04 left"
    for seconds, words in ((4.0, "Hold\n4"), (8.5, "Breathe out\n4"), (12.0, "Hold\n4")):
        clock.now = 500.0 + seconds
        page.breathing.tick()
        assert circle.text() == words
    assert circle.accessibleDescription() == "Hold, 4 seconds"
    clock.now = 500.0 + 64
    page.breathing.tick()
    assert page.views.currentWidget() is page.after  # the end moves on by itself
    assert page.after.heading.text() == "How do you feel now?"
    page.after.go.emit()

    with qtbot.waitSignal(page.reduce_motion_changed):
        page.open_tool("paced_breathing", pattern="slow", minutes=1)
        page.reduce_motion.setChecked(True)
    page.before.go.emit()
    assert circle.reduce_motion and page.breathing.timer.interval() == 200
    clock.now += 5.5
    page.breathing.tick()
    assert circle.text() == "Breathe out\n5"
    page.breathing.grab().save(str(tmp_path / "countdown.png"))  # painting works in this mode
    page.stop()
    session.lock()


def test_reduce_motion_is_remembered(qtbot: QtBot, make_window, data_dir: Path) -> None:
    from wellbeing_app.services.preferences import load_preferences

    window, page = opened(qtbot, make_window, data_dir)
    page.open_tool("paced_breathing")
    page.reduce_motion.setChecked(True)
    assert load_preferences(data_dir).reduce_motion is True
    window.show_page("Settings")
    settings = window.settings_page
    assert settings is not None
    settings.on_this_day.setChecked(False)  # another preference, later, from Settings
    assert load_preferences(data_dir).reduce_motion is True


def test_one_key_each_and_ten_is_one_then_zero(qtbot: QtBot, make_window, data_dir: Path) -> None:
    window, page = opened(qtbot, make_window, data_dir)
    page.open_tool("grounding")
    for keys, value in (("0", 0), ("7", 7), ("10", 10), ("9", 9)):
        type_keys(window, keys)
        assert page.before.scale.value() == value
    press(window, Qt.Key.Key_Delete)
    assert page.before.scale.value() is None


@pytest.mark.parametrize(("rating", "shown"), [(7, False), (8, True), (10, True)])
def test_a_high_rating_shows_talk_to_someone_with_own_contacts_first(
    qtbot: QtBot, make_window, data_dir: Path, rating: int, shown: bool
) -> None:
    window, page = opened(qtbot, make_window, data_dir)
    assert window.session is not None
    window.session.save_contact(OwnContact(ContactKind.OTHER, "Sam at home", "07700 900123"))
    page.open_tool("grounding")
    page.before.scale.setValue(rating)
    assert page.before.talk.isVisible() is shown
    if shown:
        text = page.before.talk.text.text()
        assert "It might help to talk to someone" in text
        assert text.index("Sam at home") < text.index("Samaritans")
    page.before.go.emit()
    page.stop()
    assert page.after.talk.isVisible() is shown  # carried from before
    page.after.scale.setValue(2)
    assert page.after.talk.isVisible() is shown


def test_a_high_rating_after_shows_the_card_too(qtbot: QtBot, make_window, data_dir: Path) -> None:
    window, page = opened(qtbot, make_window, data_dir)
    page.open_tool("sleep_plan")
    page.before.go.emit()
    page.stop()
    assert not page.after.talk.isVisible()
    page.after.scale.setValue(8)
    assert page.after.talk.isVisible()


def test_grounding_goes_step_by_step_and_keeps_no_words_unless_asked(
    qtbot: QtBot, make_window, data_dir: Path
) -> None:
    window, page = opened(qtbot, make_window, data_dir)
    page.open_tool("grounding")
    press(window, Qt.Key.Key_Return)
    grounding = page.grounding
    assert grounding.count.text() == "5 things you can see"
    assert QApplication.focusWidget() is grounding.line
    type_keys(window, "kettle")
    press(window, Qt.Key.Key_Return)
    assert grounding.count.text() == "4 things you can feel"
    for _ in range(3):
        press(window, Qt.Key.Key_Return)
    assert grounding.count.text() == "1 thing you can taste"
    assert grounding.next_button.text() == "Finish"
    press(window, Qt.Key.Key_Return)
    assert page.views.currentWidget() is page.after
    assert page.after.keep_lines.isVisible() and not page.after.keep_lines.isChecked()
    press(window, Qt.Key.Key_Return)  # Save, without keeping the words
    assert window.session is not None and window.session.moment_count() == 1
    assert grounding.written() == "" and window.session.load_draft() is None
    assert sentinel_hits(data_dir, "kettle") == []


def test_grounding_words_go_into_a_check_in_when_asked(
    qtbot: QtBot, make_window, data_dir: Path
) -> None:
    window, page = opened(qtbot, make_window, data_dir)
    page.open_tool("grounding")
    page.before.go.emit()
    qtbot.keyClicks(page.grounding.line, SENTINEL)
    page.stop()
    page.after.keep_lines.setChecked(True)
    page.after.go.emit()
    checkin = window.checkin_page
    assert checkin is not None and checkin.isVisible()
    assert checkin.took_home.toPlainText() == f"5 I could see: {SENTINEL}"
    checkin.save_draft_now()
    assert window.session is not None and window.session.load_draft() is not None
    window.lock()
    assert sentinel_hits(data_dir, SENTINEL) == []


@pytest.mark.parametrize("tool", TOOLS)
def test_quick_exit_from_inside_every_tool_locks_and_wipes_what_was_typed(
    qtbot: QtBot, make_window, data_dir: Path, tool: str
) -> None:
    window, page = opened(qtbot, make_window, data_dir)
    assert window.session is not None
    window.session.set_switch_off_routine(["Change out of uniform"])
    page.open_tool(tool)
    page.before.go.emit()
    if tool == "grounding":
        qtbot.keyClicks(page.grounding.line, SENTINEL)
    assert page.in_tool()
    press(window, Qt.Key.Key_Escape)
    press(window, Qt.Key.Key_Escape)
    assert not window.is_unlocked
    assert window.wind_down_page is None
    for widget in QApplication.allWidgets():
        if isinstance(widget, QLineEdit | QPlainTextEdit):
            text = widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText()
            assert SENTINEL not in text
    assert sentinel_hits(data_dir, SENTINEL) == []


def test_the_routine_is_written_in_settings_and_ticked_through(
    qtbot: QtBot, make_window, data_dir: Path
) -> None:
    window, page = opened(qtbot, make_window, data_dir)
    page.open_tool("switch_off")
    page.before.go.emit()
    routine_view = page.routine
    assert routine_view.write_button.isVisible() and not routine_view.done_button.isVisible()
    qtbot.mouseClick(routine_view.write_button, Qt.MouseButton.LeftButton)
    settings = window.settings_page
    assert settings is not None and settings.isVisible() and settings.routine is not None
    section = settings.routine
    assert QApplication.focusWidget() is section.new_step
    for step in ("Text home", "Change out of uniform"):
        type_keys(window, step)
        press(window, Qt.Key.Key_Return)
    section.new_step.setText("Ten minutes outside 🌳")  # pasted: a key press has no 🌳
    press(window, Qt.Key.Key_Return)
    assert section.routine() == ("Text home", "Change out of uniform", "Ten minutes outside 🌳")
    section.steps.setCurrentRow(1)
    qtbot.mouseClick(section.up_button, Qt.MouseButton.LeftButton)
    section.steps.setCurrentRow(2)
    qtbot.mouseClick(section.remove_button, Qt.MouseButton.LeftButton)
    assert window.session is not None
    assert window.session.switch_off_routine() == ("Change out of uniform", "Text home")

    window.show_page("Wind down")
    page.open_tool("switch_off")
    page.before.go.emit()
    boxes = routine_view.boxes
    assert [b.text() for b in boxes] == ["Change out of uniform", "Text home"]
    assert QApplication.focusWidget() is boxes[0]
    press(window, Qt.Key.Key_Space)
    assert boxes[0].isChecked() and not routine_view.all_done.isVisible()
    boxes[1].setChecked(True)
    assert routine_view.all_done.isVisible()
    qtbot.mouseClick(routine_view.done_button, Qt.MouseButton.LeftButton)
    assert page.views.currentWidget() is page.after


def test_a_step_too_long_is_said_and_not_kept(qtbot: QtBot, make_window, data_dir: Path) -> None:
    window, _ = opened(qtbot, make_window, data_dir)
    window.show_page("Settings")
    settings = window.settings_page
    assert settings is not None and settings.routine is not None
    section = settings.routine
    section.new_step.setMaxLength(1000)  # as if pasted past the field's limit
    section.new_step.setText("x" * 200)
    section.add_step()
    assert "Not kept" in section.problem.text() and section.problem.isVisible()
    assert section.new_step.text() == "x" * 200  # nothing typed is lost
    assert window.session is not None and window.session.switch_off_routine() == ()


def test_the_sleep_plan_shows_every_tip_with_its_source(
    qtbot: QtBot, make_window, data_dir: Path
) -> None:
    window, page = opened(qtbot, make_window, data_dir)
    page.open_tool("sleep_plan")
    page.before.go.emit()
    shown = [label.text() for label in page.sleep_plan.tips]
    assert len(shown) == len(TIPS)
    for tip, text in zip(TIPS, shown, strict=True):
        assert tip.heading in text and "Source: " in text
    words = " ".join(label.text() for label in page.sleep_plan.findChildren(QLabel))
    assert "Oscar Kilo" in words and "never goes online" in words


@pytest.mark.parametrize(
    ("mood", "exposures", "offered"),
    [(2, [], True), (3, [], False), (5, ["sudden_death"], True), (1, [], True)],
)
def test_the_check_in_confirmation_offers_slow_breathing_after_a_hard_shift(
    qtbot: QtBot, make_window, data_dir: Path, mood: int, exposures: list[str], offered: bool
) -> None:
    window, _ = opened(qtbot, make_window, data_dir)
    window.show_page("Check in")
    page = window.checkin_page
    assert page is not None
    page.scales["mood"].setValue(mood)
    page.exposures.setSelected(exposures)
    assert page.save() is not None
    assert page.breathing_offer.isVisible() is offered
    if offered:
        assert page.breathing_text.text() == "Would two minutes of slow breathing help?"
        try_it = page.breathing_offer.findChildren(QPushButton)[0]
        assert try_it.text() == "Try it"
        qtbot.mouseClick(try_it, Qt.MouseButton.LeftButton)
        tools = window.wind_down_page
        assert tools is not None and tools.isVisible()
        assert tools.views.currentWidget() is tools.before
        assert (tools.pattern.value(), tools.minutes.value()) == ("slow", 2)


@pytest.mark.parametrize(
    ("mood", "days_ago", "offered"), [(2, 0, True), (2, 1, True), (2, 2, False), (4, 0, False)]
)
def test_today_offers_the_tools_after_a_recent_hard_check_in(
    qtbot: QtBot, make_window, data_dir: Path, mood: int, days_ago: int, offered: bool
) -> None:
    session, _ = Session.create(data_dir, PASSPHRASE, kdf=FAST_KDF)
    day = date.today() - timedelta(days=days_ago)
    session.save_new_checkin({"date": day.isoformat(), "mood": mood})
    session.lock()
    window = make_window()
    unlock(qtbot, window)
    today = window.today_page
    assert today is not None
    assert today.wind_down_offer.isVisible() is offered
    if offered:
        assert "low mood" in today.wind_down_text.text()
        today._not_now()
        assert not today.wind_down_offer.isVisible()
        window.show_suggestions()  # a refresh keeps it hidden for this check-in
        assert not today.wind_down_offer.isVisible()


def test_trends_shows_what_helps_you_in_plain_words(
    qtbot: QtBot, make_window, data_dir: Path
) -> None:
    session, _ = Session.create(data_dir, PASSPHRASE, kdf=FAST_KDF)
    now = datetime.now(UTC)
    for before, after in ((7, 4), (6, 5)):
        session.save_moment(Moment(now - timedelta(hours=2), "paced_breathing", before, after))
    session.save_moment(Moment(now - timedelta(hours=1), "grounding", None, None))
    session.lock()
    window = make_window()
    unlock(qtbot, window)
    window.show_page("Trends")
    trends = window.trends_page
    assert trends is not None
    qtbot.waitUntil(lambda: trends.what_helps.isVisible())
    text = trends.what_helps_text.text()
    assert "Paced breathing" in text and "2 points lower afterwards, on average" in text
    assert "Grounding" in text and "did not rate" in text
    assert "What helps you" in trends.what_helps.accessibleName()


def test_without_moments_trends_says_nothing_about_tools(
    qtbot: QtBot, make_window, data_dir: Path
) -> None:
    Session.create(data_dir, PASSPHRASE, kdf=FAST_KDF)[0].lock()
    window = make_window()
    unlock(qtbot, window)
    window.show_page("Trends")
    trends = window.trends_page
    assert trends is not None
    qtbot.waitUntil(trends.isVisible)
    assert not trends.what_helps.isVisible()


def test_every_view_names_each_control(qtbot: QtBot, make_window, data_dir: Path) -> None:
    window, page = opened(qtbot, make_window, data_dir)
    assert window.session is not None
    window.session.set_switch_off_routine(["Change out of uniform", "Text home"])
    window.session.save_contact(OwnContact(ContactKind.OTHER, "Sam", "07700 900123"))

    def walk() -> None:
        window.help_button.setFocus(Qt.FocusReason.TabFocusReason)
        stops = tab_stops(window, window)
        assert [w for w in stops if page.isAncestorOf(w)], "Tab never reaches the view"
        assert unnamed(stops) == []

    walk()  # the menu
    for tool in TOOLS:
        page.open_tool(tool)
        page.before.scale.setValue(9)  # the talk card too
        walk()
        page.before.go.emit()
        if tool == "grounding":
            qtbot.keyClicks(page.grounding.line, "a mug")
        walk()
        page.stop()
        walk()  # the rating after (and grounding's "keep what I wrote")
        page.after.back.emit()


def test_breathing_along_keeps_the_idle_lock_waiting_and_it_locks_once_stopped(
    qtbot: QtBot, make_window, data_dir: Path
) -> None:
    window, page = opened(qtbot, make_window, data_dir)
    clock = FakeClock()
    page.breathing._clock = clock
    page.open_tool("paced_breathing", pattern="slow", minutes=5)
    page.before.go.emit()
    page.breathing.timer.stop()  # the test moves the clock itself
    window.guard.idle_timer.setInterval(300)
    window.guard.idle_timer.start()
    for _ in range(6):  # three breaths in and out, each phase starting the idle time again
        qtbot.wait(150)
        clock.now += 5
        page.breathing.tick()
    assert window.is_unlocked  # 900 ms with no key pressed, past the 300 ms idle time
    page.stop()
    qtbot.waitUntil(lambda: not window.is_unlocked, timeout=3000)  # no breathing: it locks
