"""Today: the first page after unlock, with one action, what is due and the week at a glance."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.support import FAST_KDF, PASSPHRASE
from tests.ui.conftest import unlock
from wellbeing_app.domain.checkin import CheckIn
from wellbeing_app.services.session import Session

TODAY = date.today()


def _vault(folder: Path, checkins: list[CheckIn]) -> None:
    session, _ = Session.create(folder, PASSPHRASE, kdf=FAST_KDF)
    with session:
        session.import_checkins(checkins)


def test_a_new_vault_opens_on_today_with_one_clear_action(
    qtbot: QtBot, make_window, data_dir: Path
) -> None:
    _vault(data_dir, [])
    window = make_window()
    unlock(qtbot, window)
    page = window.today_page
    assert page is not None and window.shell is not None
    assert window.shell.pages.currentWidget() is page
    assert page.action.text() == "Check in for today's shift"
    assert "No check-in yet today" in page.status.text()
    assert page.due_keys() == [] and page.nothing_due.isVisible()
    assert not page.on_this_day_text.isVisible()
    assert "no check-ins from the last 7 days" in page.week_summary.text()
    qtbot.waitUntil(lambda: page.action.hasFocus())
    qtbot.mouseClick(page.action, Qt.MouseButton.LeftButton)
    form = window.checkin_page
    assert form is not None and form.isVisible()
    qtbot.waitUntil(lambda: form.date.hasFocus())


def test_what_is_due_can_be_dismissed_and_stays_dismissed(
    qtbot: QtBot, make_window, data_dir: Path
) -> None:
    _vault(
        data_dir,
        [
            CheckIn(date=TODAY - timedelta(days=3), mood=2, exposures=("sudden_death",)),
            CheckIn(date=TODAY - timedelta(days=1), mood=3),
        ],
    )
    window = make_window()
    unlock(qtbot, window)
    page = window.today_page
    assert page is not None
    keys = page.due_keys()
    assert keys, "a tagged incident three days ago offers TRiM or a follow-up"
    row = page._rows[0]
    assert row.dismiss_button.accessibleName().startswith("Dismiss: ")
    assert not row.details.isVisible()
    qtbot.mouseClick(row.details_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(row.details.isVisible, timeout=2_000)
    assert row.details.text()
    qtbot.mouseClick(row.dismiss_button, Qt.MouseButton.LeftButton)
    assert keys[0] not in page.due_keys()
    window.lock()
    unlock(qtbot, window)
    assert window.today_page is not None and keys[0] not in window.today_page.due_keys()
    assert "checked in twice" in window.today_page.week_summary.text()


def test_after_a_save_today_says_when_and_offers_another(
    qtbot: QtBot, make_window, data_dir: Path
) -> None:
    _vault(data_dir, [])
    window = make_window()
    unlock(qtbot, window)
    window.show_page("Check in")
    form = window.checkin_page
    assert form is not None
    form.scales["mood"].setValue(4)
    qtbot.keyClick(form.took_home, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert "Saved" in form.confirmation.text()
    page = window.today_page
    assert page is not None
    window.show_page("Today")
    assert page.status.text().startswith("You checked in at ")
    assert page.action.text() == "Add another check-in"


def test_an_unfinished_check_in_is_the_action_and_comes_back_whole(
    qtbot: QtBot, make_window, data_dir: Path
) -> None:
    _vault(data_dir, [])
    window = make_window()
    unlock(qtbot, window)
    window.show_page("Check in")
    form = window.checkin_page
    assert form is not None
    form.scales["mood"].setValue(2)
    qtbot.keyClicks(form.took_home, "a long one, to finish later")
    window.lock()
    unlock(qtbot, window)
    page = window.today_page
    assert page is not None
    assert page.action.text() == "Continue your unfinished check-in"
    qtbot.mouseClick(page.action, Qt.MouseButton.LeftButton)
    form = window.checkin_page
    assert form is not None and form.isVisible()
    assert form.took_home.toPlainText() == "a long one, to finish later"


def test_with_a_rota_today_names_the_next_shift_plainly(
    qtbot: QtBot, make_window, data_dir: Path
) -> None:
    from datetime import datetime, time, timedelta

    from wellbeing_app.domain.catalogue import ShiftType
    from wellbeing_app.domain.rota import LONDON, PatternDay, Rota, RotaPattern

    _vault(data_dir, [])
    window = make_window()
    unlock(qtbot, window)
    page = window.today_page
    assert page is not None and page.next_shift.isHidden()
    tomorrow = datetime.now(LONDON).date() + timedelta(days=1)
    window.session.save_rota(
        Rota(
            pattern=RotaPattern(
                (PatternDay.working(ShiftType.LATE, time(14), 9.0),), starts_on=tomorrow
            )
        )
    )
    page.refresh()
    assert not page.next_shift.isHidden()
    text = page.next_shift.text()
    assert text.startswith("Next on your rota: Late shift, ") and text.endswith("14:00 to 23:00.")
    assert "quick changeover" not in text  # a late every day: 15 hours between them

    window.session.save_rota(
        Rota(
            pattern=RotaPattern(
                (
                    PatternDay.working(ShiftType.LATE, time(14), 9.0),
                    PatternDay.working(ShiftType.EARLY, time(7), 8.0),
                ),
                starts_on=tomorrow - timedelta(days=28),
            )
        )
    )
    page.refresh()
    assert "Your rota had 14 quick changeovers (under 11 hours between shifts)" in (
        page.next_shift.text()
    )
