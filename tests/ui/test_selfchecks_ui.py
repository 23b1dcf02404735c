"""The Self-checks page through the keyboard: each questionnaire, the result, item 9, resume."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from tests.support import FAST_KDF, PASSPHRASE, sentinel_hits
from tests.ui.conftest import unlock
from wellbeing_app.domain.contacts import ContactKind, OwnContact
from wellbeing_app.domain.selfchecks import SCREENING_NOTE, load_instruments
from wellbeing_app.services.session import Session
from wellbeing_app.ui.help_dialog import UrgentHelpDialog
from wellbeing_app.ui.main_window import MainWindow
from wellbeing_app.ui.selfchecks_page import ITEM9_OPENING, SelfChecksPage

VERDICTS = re.compile(
    r"\byou have\b|\byou are (depressed|anxious|ill)\b|\bdisorder\b(?! 7)|\bsuffer", re.I
)


def opened(qtbot: QtBot, make_window, data_dir: Path) -> tuple[MainWindow, SelfChecksPage]:  # type: ignore[no-untyped-def]
    Session.create(data_dir, PASSPHRASE, kdf=FAST_KDF)[0].lock()
    window = make_window()
    unlock(qtbot, window)
    window.show_page("Self-checks")
    page = window.selfchecks_page
    assert page is not None
    return window, page


def answer_by_keys(qtbot: QtBot, page: SelfChecksPage, answers: list[int]) -> None:
    for value in answers:
        qtbot.keyClick(page, str(value))


def shown_text(page: SelfChecksPage) -> str:
    return " ".join(
        label.text() for label in page.result_page.findChildren(QLabel) if label.isVisible()
    )


@pytest.mark.parametrize("instrument_id", ["phq9", "gad7", "pcl5", "proqol5"])
def test_each_questionnaire_answered_by_digits_gives_its_result_in_plain_words(
    qtbot: QtBot, make_window, data_dir: Path, instrument_id: str
) -> None:
    window, page = opened(qtbot, make_window, data_dir)
    form = load_instruments()[instrument_id]
    qtbot.mouseClick(page.start_buttons[instrument_id], Qt.MouseButton.LeftButton)
    assert page.progress.text() == f"Question 1 of {len(form.items)}"
    assert page.item_text.text() == form.items[0].text
    assert page.instructions.isVisible() is bool(form.instructions)
    if form.instructions:
        assert page.instructions.text() == form.instructions
    lowest = min(a.value for a in form.answers)
    answers = [lowest + (i % 2) for i in range(len(form.items))]
    if instrument_id == "phq9":
        answers[8] = 0
    answer_by_keys(qtbot, page, answers)
    if form.difficulty is not None:
        assert page.progress.text() == "One last question (it is not scored)"
        qtbot.keyClick(page, "1")
    assert page.stack.currentWidget() is page.result_page
    text = shown_text(page)
    assert SCREENING_NOTE.split(".")[0] in text and form.credit in text
    assert not VERDICTS.search(text), text
    assert window.session is not None
    (kept,) = window.session.selfchecks()
    assert kept.instrument == instrument_id and list(kept.answers) == answers
    assert window.session.load_selfcheck_draft() is None
    for secret in (instrument_id, form.items[0].text[:30]):
        assert sentinel_hits(data_dir, secret) == []


@pytest.mark.parametrize("answer", [1, 2, 3])
def test_any_answer_above_0_to_phq9_question_9_shows_urgent_help_at_once(
    qtbot: QtBot, make_window, data_dir: Path, answer: int
) -> None:
    window, page = opened(qtbot, make_window, data_dir)
    assert window.session is not None
    window.session.save_contact(OwnContact(ContactKind.TRIM, "Sam (TRiM)", "07700 900123"))
    qtbot.mouseClick(page.start_buttons["phq9"], Qt.MouseButton.LeftButton)
    answer_by_keys(qtbot, page, [0] * 8)
    assert not _urgent_dialogs()
    qtbot.keyClick(page, str(answer))
    (dialog,) = _urgent_dialogs()
    texts = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert ITEM9_OPENING in texts
    assert "999" in texts and "116 123" in texts and "85258" in texts
    assert "Oscar Kilo" in texts and "Sam (TRiM)" in texts and "07700 900123" in texts
    assert page.stack.currentWidget() is page.question_page  # before any result
    dialog.reject()
    qtbot.keyClick(page, "0")  # the unscored tenth question: saving goes ahead
    assert page.stack.currentWidget() is page.result_page
    assert [c.answers[8] for c in window.session.selfchecks()] == [answer]


def test_no_urgent_help_for_0_to_question_9(qtbot: QtBot, make_window, data_dir: Path) -> None:
    _window, page = opened(qtbot, make_window, data_dir)
    qtbot.mouseClick(page.start_buttons["phq9"], Qt.MouseButton.LeftButton)
    answer_by_keys(qtbot, page, [3] * 8 + [0])
    assert not _urgent_dialogs()


def _urgent_dialogs() -> list[UrgentHelpDialog]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, UrgentHelpDialog) and w.isVisible()
    ]


def test_a_half_done_self_check_is_kept_through_a_lock_and_resumed(
    qtbot: QtBot, make_window, data_dir: Path
) -> None:
    window, page = opened(qtbot, make_window, data_dir)
    qtbot.mouseClick(page.start_buttons["gad7"], Qt.MouseButton.LeftButton)
    answer_by_keys(qtbot, page, [2, 1, 3])
    qtbot.keyClick(page, Qt.Key.Key_Backspace)
    assert page.progress.text() == "Question 3 of 7"
    window.lock("button")
    unlock(qtbot, window)
    window.show_page("Self-checks")
    again = window.selfchecks_page
    assert again is not None and again.resume_button.isVisible()
    assert again.resume_button.text() == "Continue the GAD-7 you started (3 answered)"
    qtbot.mouseClick(again.resume_button, Qt.MouseButton.LeftButton)
    assert again.progress.text() == "Question 4 of 7"
    answer_by_keys(qtbot, again, [0, 0, 0, 0])
    assert window.session is not None
    assert [list(c.answers) for c in window.session.selfchecks()] == [[2, 1, 3, 0, 0, 0, 0]]


def test_all_on_one_page(qtbot: QtBot, make_window, data_dir: Path) -> None:
    window, page = opened(qtbot, make_window, data_dir)
    page.all_at_once.setChecked(True)
    qtbot.mouseClick(page.start_buttons["gad7"], Qt.MouseButton.LeftButton)
    assert page.stack.currentWidget() is page.all_page
    assert not page.see_result.isEnabled()
    for index, answers in enumerate(page._all_answers):
        answers.buttons[index % 4].click()
    assert page.all_progress.text() == "7 of 7 answered" and page.see_result.isEnabled()
    qtbot.mouseClick(page.see_result, Qt.MouseButton.LeftButton)
    assert page.stack.currentWidget() is page.result_page
    assert window.session is not None and len(window.session.selfchecks()) == 1


def test_off_by_default_then_offered_on_today_as_one_line_that_can_be_dismissed(
    qtbot: QtBot, make_window, data_dir: Path
) -> None:
    window, _page = opened(qtbot, make_window, data_dir)
    window.show_page("Today")
    today = window.today_page
    assert today is not None and not any("GAD-7" in k for k in today.due_keys())
    window.show_page("Settings")
    settings = window.settings_page
    assert settings is not None
    offers = settings.selfcheck_offers
    assert not any(box.isChecked() for box in offers.choices.values())  # off by default
    offers.choices["gad7"].setChecked(True)
    window.show_page("Today")
    window.show_suggestions()
    keys = today.due_keys()
    assert any(k.startswith("selfcheck_due:gad7:") for k in keys)
    row = next(r for r in today._rows if r.key.startswith("selfcheck_due:gad7:"))
    assert "The GAD-7, if you would like to" in row.text.text()
    qtbot.mouseClick(row.dismiss_button, Qt.MouseButton.LeftButton)
    assert not any(k.startswith("selfcheck_due:") for k in today.due_keys())
