"""With a rota, a new check-in starts from the shift that ended last, said plainly."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from pathlib import Path

from PySide6.QtCore import QTime
from pytestqt.qtbot import QtBot

from tests.support import FAST_KDF, PASSPHRASE
from tests.ui.conftest import unlock
from wellbeing_app.domain.catalogue import ShiftType
from wellbeing_app.domain.checkin import CheckIn
from wellbeing_app.domain.rota import LONDON, PatternDay, Rota, RotaPattern
from wellbeing_app.services.session import Session


def every_day(kind: ShiftType, start: time, hours: float) -> Rota:
    """The same shift every day, from a week ago."""
    return Rota(
        pattern=RotaPattern(
            (PatternDay.working(kind, start, hours),),
            starts_on=datetime.now(LONDON).date() - timedelta(days=7),
        )
    )


def make_vault(folder: Path, rota: Rota | None, checkins: list[CheckIn] = ()) -> None:  # type: ignore[assignment]
    session, _ = Session.create(folder, PASSPHRASE, kdf=FAST_KDF)
    with session:
        if rota is not None:
            session.save_rota(rota)
        session.import_checkins(list(checkins))


def ended_shift_day(start: time, hours: float) -> datetime:
    """The start of the most recent daily shift at ``start`` that has ended by now."""
    now = datetime.now(LONDON)
    day = now.date()
    while True:
        begins = datetime.combine(day, start, LONDON)
        if begins + timedelta(hours=hours) <= now:
            return begins
        day -= timedelta(days=1)


def test_a_new_check_in_is_filled_from_the_rota_and_overtime_from_a_late_finish(
    qtbot: QtBot, make_window, data_dir: Path
) -> None:
    # A two-hour shift starting on the hour, five hours ago, every day: it has always ended.
    start = (
        (datetime.now(LONDON) - timedelta(hours=5))
        .time()
        .replace(minute=0, second=0, microsecond=0)
    )
    make_vault(data_dir, every_day(ShiftType.DAY, start, 2.0))
    window = make_window()
    unlock(qtbot, window)
    window.show_page("Check in")
    form = window.checkin_page
    assert form is not None
    began = ended_shift_day(start, 2.0)
    record = form.record()
    assert record["date"] == began.date().isoformat()
    assert record["shift_type"] == "day" and record["hours_worked"] == 2.0
    assert form.shift_note.text().startswith("From your rota: Day shift, ")
    assert form.shift_note.text().endswith("(2 hours). Change anything that was different.")
    assert not form.finished_row.isHidden()
    end = began + timedelta(hours=2)
    form.finished_at.setTime(QTime(end.hour, end.minute).addSecs(90 * 60))
    assert form.record()["overtime_hours"] == 1.5
    form.finished_at.setTime(QTime(end.hour, end.minute))
    assert form.record()["overtime_hours"] is None


def test_no_prefill_without_a_rota_or_once_that_shift_has_a_check_in(
    qtbot: QtBot, make_window, data_dir: Path, tmp_path: Path
) -> None:
    make_vault(data_dir, None)
    window = make_window()
    unlock(qtbot, window)
    window.show_page("Check in")
    form = window.checkin_page
    assert form is not None and form.finished_row.isHidden()
    assert not form.shift_note.text().startswith("From your rota")

    start = time(6)
    other = tmp_path / "other"
    began = ended_shift_day(start, 1.0)
    make_vault(
        other,
        every_day(ShiftType.EARLY, start, 1.0),
        [CheckIn(date=began.date(), mood=3, shift_type=ShiftType.EARLY)],
    )
    second = make_window(other)
    unlock(qtbot, second)
    second.show_page("Check in")
    again = second.checkin_page
    assert again is not None and again.finished_row.isHidden()
    assert not again.shift_note.text().startswith("From your rota")
