"""The journal page and drafts, driven with qtbot as a person would use them."""

from __future__ import annotations

import dataclasses
import os
import signal
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.support import FAST_KDF, PASSPHRASE, REPO_ROOT, sentinel_hits
from tests.ui.conftest import ScriptedPrompts, unlock
from wellbeing_app.domain.catalogue import ShiftType
from wellbeing_app.domain.checkin import CheckIn
from wellbeing_app.domain.synthetic import synthetic_checkins
from wellbeing_app.services.preferences import Preferences, save_preferences
from wellbeing_app.storage.drafts import DraftStore
from wellbeing_app.storage.repository import CheckInRepository
from wellbeing_app.storage.vault import Vault
from wellbeing_app.ui.main_window import MainWindow

TODAY = date.today()


@pytest.fixture
def journal_vault(data_dir: Path) -> list[CheckIn]:
    """A vault with 300 days of check-ins, two of them planted for searching."""
    checkins = synthetic_checkins(300, end=TODAY - timedelta(days=1), seed=21)
    checkins[-3] = dataclasses.replace(
        checkins[-3],
        took_home="Long night, the heron by the canal again",
        shift_type=ShiftType.NIGHT,
    )
    checkins[-200] = dataclasses.replace(
        checkins[-200], took_home="A heron on the roof of the station", shift_type=ShiftType.LATE
    )
    vault, _ = Vault.create(data_dir, PASSPHRASE, kdf=FAST_KDF)
    CheckInRepository(vault).add_many(checkins)
    vault.lock()
    return checkins


def _open_journal(qtbot: QtBot, window: MainWindow):  # type: ignore[no-untyped-def]
    unlock(qtbot, window)
    window.show_page("Journal")
    page = window.journal_page
    assert page is not None
    return page


def _search(qtbot: QtBot, page, text: str) -> list[str]:  # type: ignore[no-untyped-def]
    page.search.clear()
    qtbot.keyClicks(page.search, text)
    # Results appear as you type, after a short pause.
    qtbot.waitUntil(lambda: not page.search_timer.isActive(), timeout=3_000)
    return [page.model.row_at(i).id for i in range(page.model.rowCount())]


def test_the_journal_lists_everything_newest_first_a_page_at_a_time(
    qtbot: QtBot, make_window, journal_vault: list[CheckIn]
) -> None:
    page = _open_journal(qtbot, make_window())
    assert page.model.loaded() == 100  # the first page only: the rest load on scrolling
    assert page.model.row_at(0).id == journal_vault[-1].id
    page.list.scrollToBottom()
    qtbot.waitUntil(lambda: page.model.loaded() > 100)
    while page.model.canFetchMore():
        page.model.fetchMore()
    ids = [page.model.row_at(i).id for i in range(page.model.rowCount())]
    assert ids == [c.id for c in reversed(journal_vault)]
    # Selecting a row shows the whole entry.
    assert page.current_checkin() is not None
    assert page.current_checkin().id == journal_vault[-1].id  # type: ignore[union-attr]


def test_filter_plus_search(qtbot: QtBot, make_window, journal_vault: list[CheckIn]) -> None:
    page = _open_journal(qtbot, make_window())
    night, late = journal_vault[-3], journal_vault[-200]
    assert _search(qtbot, page, "heron") == [night.id, late.id]
    assert _search(qtbot, page, "her") == [night.id, late.id]  # while still typing
    assert "<b>heron</b>" in page.entry.toHtml() or "heron" in page.entry.toPlainText()
    page.shift.setCurrentIndex(page.shift.findData("late"))
    assert [page.model.row_at(i).id for i in range(page.model.rowCount())] == [late.id]
    page.shift.setCurrentIndex(0)
    page.range.setCurrentIndex(page.range.findData(28))  # last 4 weeks
    assert [page.model.row_at(i).id for i in range(page.model.rowCount())] == [night.id]
    assert _search(qtbot, page, "heron* (canal") == [night.id]  # odd input is just words
    # Words in quotes are a phrase: found only side by side (and highlighted as one).
    assert _search(qtbot, page, '"heron* (canal') == []
    assert _search(qtbot, page, '"the heron by') == [night.id]
    from wellbeing_app.ui.journal_page import entry_html

    assert "<b>the heron by</b> the canal" in entry_html(night, '"the heron by')
    assert _search(qtbot, page, "zebra") == []
    assert "No check-ins match" in page.empty.text()


def test_edit_then_search(
    qtbot: QtBot, make_window, journal_vault: list[CheckIn], data_dir: Path
) -> None:
    window = make_window()
    page = _open_journal(qtbot, window)
    target = journal_vault[-3]
    _search(qtbot, page, "heron canal")
    assert page.current_checkin() is not None
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    form = window.checkin_page
    assert form is not None and form.editing_id == target.id
    assert form.took_home.toPlainText() == target.took_home
    form.took_home.setPlainText("Long night, the kingfisher by the canal again")
    assert form.save() is not None
    window.show_page("Journal")
    page = window.journal_page
    assert _search(qtbot, page, "kingfisher") == [target.id]
    assert _search(qtbot, page, "heron canal") == []
    window.lock()
    with Vault.open(data_dir, PASSPHRASE) as vault:
        edited = CheckInRepository(vault).get(target.id)
    assert edited is not None
    assert edited.created_at == target.created_at and edited.updated_at > target.updated_at
    assert (
        dataclasses.replace(edited, took_home=target.took_home, updated_at=target.updated_at)
        == target
    )


def test_delete_then_undo(
    qtbot: QtBot,
    make_window,
    journal_vault: list[CheckIn],
    prompts: ScriptedPrompts,
    data_dir: Path,
) -> None:
    window = make_window()
    page = _open_journal(qtbot, window)
    newest = journal_vault[-1]
    assert page.current_checkin() is not None and page.current_checkin().id == newest.id

    prompts.confirm_answer = False
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert page.model.row_at(0).id == newest.id  # asked once; "Cancel" keeps it

    prompts.confirm_answer = True
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert page.model.row_at(0).id != newest.id
    assert page.undo_bar.isVisible()
    qtbot.mouseClick(page.undo_button, Qt.MouseButton.LeftButton)
    assert page.model.row_at(0).id == newest.id
    window.lock()
    with Vault.open(data_dir, PASSPHRASE) as vault:
        assert CheckInRepository(vault).list_between(newest_first=False) == journal_vault


def test_the_undo_offer_goes_away(
    qtbot: QtBot, make_window, journal_vault: list[CheckIn], prompts: ScriptedPrompts
) -> None:
    page = _open_journal(qtbot, make_window())
    page.undo_timer.setInterval(100)
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.undo_bar.isVisible(), timeout=3_000)
    assert page._deleted is None


def test_an_auto_lock_keeps_the_unfinished_checkin(
    qtbot: QtBot, make_window, existing_vault: str, data_dir: Path
) -> None:
    window = make_window()
    unlock(qtbot, window)
    window.show_page("Check in")
    form = window.checkin_page
    assert form is not None
    form.scales["mood"].setValue(2)
    qtbot.keyClicks(form.took_home, "I was halfway through writing this")
    window.guard.idle_timer.setInterval(50)
    window.guard.idle_timer.start()
    qtbot.waitUntil(lambda: not window.is_unlocked, timeout=5_000)
    unlock(qtbot, window)
    assert window.today_page is not None
    assert window.today_page.action.text() == "Continue your unfinished check-in"
    window.show_page("Check in")
    form = window.checkin_page
    assert form is not None and form.draft_bar.isVisible()
    assert "didn't finish" in form.draft_text.text()
    form.continue_draft()
    assert form.took_home.toPlainText() == "I was halfway through writing this"
    assert form.scales["mood"].value() == 2
    assert form.save() is not None
    window.lock()
    with Vault.open(data_dir, PASSPHRASE) as vault:
        assert DraftStore(vault).load() is None  # saving cleared it


def test_drafts_save_themselves_within_seconds(
    qtbot: QtBot, make_window, existing_vault: str, data_dir: Path
) -> None:
    window = make_window()
    unlock(qtbot, window)
    form = window.checkin_page
    assert form is not None and window.session is not None
    assert form.draft_timer.interval() <= 5_000
    form.draft_timer.setInterval(50)
    qtbot.keyClicks(form.good_thing, "tea")
    store = DraftStore(window.session.vault)
    qtbot.waitUntil(lambda: store.load() is not None, timeout=3_000)
    draft = store.load()
    assert draft is not None and draft.record["good_thing"] == "tea"


_CRASH_CHILD = """
import sys, time
from pathlib import Path
from PySide6.QtWidgets import QApplication
from wellbeing_app.kdf import KdfParams
from wellbeing_app.storage.drafts import DraftStore
from wellbeing_app.ui.app import make_application, build_window
folder, passphrase, sentinel = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
app = make_application()
window = build_window(app, folder)
window.show()
window.unlock_screen.field.setText(passphrase)
window.unlock_screen.start_unlock()
while not window.is_unlocked:
    app.processEvents(); time.sleep(0.005)
form = window.checkin_page
form.draft_timer.setInterval(100)
form.took_home.setPlainText("half a reflection " + sentinel)
while DraftStore(window.session.vault).load() is None:
    app.processEvents(); time.sleep(0.01)
print("drafted", flush=True)
while True:
    app.processEvents(); time.sleep(0.01)
"""


def test_a_draft_survives_kill_9_and_never_touches_disk_in_plaintext(
    qtbot: QtBot, make_window, existing_vault: str, data_dir: Path, tmp_path: Path
) -> None:
    sentinel = "PLATYPUS-DRAFT-SENTINEL-31"
    child = subprocess.Popen(
        [sys.executable, "-c", _CRASH_CHILD, str(data_dir), PASSPHRASE, sentinel],
        cwd=REPO_ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        assert child.stdout is not None
        deadline = time.monotonic() + 60
        line = b""
        while time.monotonic() < deadline and b"drafted" not in line:
            line = child.stdout.readline()
        assert b"drafted" in line, child.stderr.read() if child.stderr else ""
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(timeout=30)
        for stream in (child.stdout, child.stderr):
            if stream is not None:
                stream.close()
    assert child.returncode == -signal.SIGKILL
    # Nothing in plaintext anywhere in the data folder, the WAL included.
    assert sentinel_hits(data_dir, sentinel) == []
    assert sentinel_hits(tmp_path / "tmp", sentinel) == []
    # The next unlock offers it back.
    window = make_window()
    unlock(qtbot, window)
    assert window.today_page is not None
    qtbot.mouseClick(window.today_page.action, Qt.MouseButton.LeftButton)  # "Continue …"
    form = window.checkin_page
    assert form is not None and form.isVisible()
    assert form.took_home.toPlainText() == f"half a reflection {sentinel}"


def test_on_this_day_shows_earlier_years_and_can_be_switched_off(
    qtbot: QtBot, make_window, data_dir: Path
) -> None:
    vault, _ = Vault.create(data_dir, PASSPHRASE, kdf=FAST_KDF)
    a_year_ago = CheckIn(
        date=TODAY.replace(year=TODAY.year - 1), mood=4, took_home="Went to the coast after nights"
    )
    CheckInRepository(vault).add_many([a_year_ago, CheckIn(date=TODAY, mood=3)])
    vault.lock()
    window = make_window()
    unlock(qtbot, window)
    today = window.today_page
    assert today is not None and today.on_this_day_text.isVisible()
    assert "1 check-in from earlier years" in today.on_this_day_text.text()
    window.show_page("Check in")
    form = window.checkin_page
    assert form is not None and form.on_this_day_link.isVisible()
    assert "1 check-in from earlier years" in form.on_this_day_link.text()
    qtbot.mouseClick(form.on_this_day_link, Qt.MouseButton.LeftButton)
    page = window.journal_page
    assert page is not None and page.on_this_day.isVisible()
    assert "coast" in page.on_this_day.findChildren(type(form.save_button))[0].text()
    assert window.settings_page is not None
    window.settings_page.on_this_day.setChecked(False)
    assert not page.on_this_day.isVisible()
    window.lock()
    unlock(qtbot, window)
    assert window.checkin_page is not None
    assert not window.checkin_page.on_this_day_link.isVisible()


def test_journal_with_no_entries_says_so_kindly(
    qtbot: QtBot, make_window, existing_vault: str
) -> None:
    page = _open_journal(qtbot, make_window())
    assert page.model.rowCount() == 0
    assert "No check-ins yet" in page.empty.text()
    assert not page.edit_button.isEnabled()


def test_preferences_keep_the_on_this_day_choice(data_dir: Path) -> None:
    save_preferences(data_dir, Preferences(on_this_day=False))
    from wellbeing_app.services.preferences import load_preferences

    assert load_preferences(data_dir).on_this_day is False


def _activate(window: MainWindow) -> None:
    """What the window sees when the user comes back to it from another window."""
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    window.activateWindow()
    QApplication.sendEvent(window, QEvent(QEvent.Type.ActivationChange))


def test_the_journal_catches_up_with_an_import_made_from_the_command_line(
    qtbot: QtBot, make_window, journal_vault: list[CheckIn], run_cli, tmp_path: Path
) -> None:
    window = make_window()
    page = _open_journal(qtbot, window)
    reading = page.model.row_at(1).id
    page.list.setCurrentIndex(page.model.index(1))
    assert page.current_checkin() is not None and page.current_checkin().id == reading  # type: ignore[union-attr]
    newest = journal_vault[-1].id

    # While the app is open, another check-in arrives from a terminal.
    incoming = tmp_path / "from-phone.json"
    incoming.write_text(
        '{"format": "took-home-checkins", "version": 1, "checkins": [{"id": '
        '"0b6f2f57-6c7e-4c53-9a55-0d1bf0b0c0de", "date": "' + TODAY.isoformat() + '", '
        '"mood": 4, "took_home": "Written on the train home"}]}',
        encoding="utf-8",
    )
    result = run_cli("import", str(incoming), "--passphrase-stdin", stdin=PASSPHRASE + "\n")
    assert result.code == 0, result.stderr
    assert page.model.row_at(0).id == newest  # not yet: nothing has told the window

    _activate(window)
    qtbot.waitUntil(lambda: page.model.row_at(0).id != newest, timeout=3_000)
    assert page.model.row_at(0).date == TODAY
    assert page.model.rowCount() >= 100
    # The entry being read stays chosen.
    assert page.current_checkin() is not None and page.current_checkin().id == reading  # type: ignore[union-attr]

    # Coming back again with nothing new reads nothing again and keeps the place.
    page.list.setCurrentIndex(page.model.index(5))
    chosen = page.model.row_at(5).id
    _activate(window)
    assert page.current_checkin() is not None and page.current_checkin().id == chosen  # type: ignore[union-attr]


def test_several_check_ins_on_one_day_show_when_each_was_written(
    qtbot: QtBot, make_window, data_dir: Path
) -> None:
    from datetime import UTC, datetime

    day = TODAY - timedelta(days=2)
    early = CheckIn(
        date=day, mood=3, created_at=datetime(day.year, day.month, day.day, 6, 5, tzinfo=UTC)
    )
    late = CheckIn(
        date=day, mood=4, created_at=datetime(day.year, day.month, day.day, 15, 40, tzinfo=UTC)
    )
    alone = CheckIn(date=day - timedelta(days=1), mood=2)
    vault, _ = Vault.create(data_dir, PASSPHRASE, kdf=FAST_KDF)
    CheckInRepository(vault).add_many([alone, early, late])
    vault.lock()

    page = _open_journal(qtbot, make_window())
    summaries = [page.model.data(page.model.index(i)).split("\n")[0] for i in range(3)]
    local = [c.created_at.astimezone().strftime("%H:%M") for c in (late, early)]
    assert local[0] in summaries[0] and local[1] in summaries[1]
    assert ":" not in summaries[2]  # a day with one check-in needs no time
    page.list.setCurrentIndex(page.model.index(1))
    assert f"Checked in at {local[1]}" in page.entry.toPlainText() or "Checked in on" in (
        page.entry.toPlainText()
    )
