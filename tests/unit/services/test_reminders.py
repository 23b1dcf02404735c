"""Reminders fed from the vault and from the locked reminder file; what the tray asks."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest

from tests.support import FAST_KDF, PASSPHRASE
from wellbeing_app.domain.catalogue import ShiftType
from wellbeing_app.domain.reminder_settings import ReminderSettings
from wellbeing_app.domain.reminders import ReminderKind, ShiftTimes
from wellbeing_app.domain.rota import PatternDay, Rota, RotaPattern, Shift, shifts_between
from wellbeing_app.domain.rota.model import LONDON, london_time
from wellbeing_app.event_log import LOG_NAME
from wellbeing_app.paths import LOGS_DIR_NAME
from wellbeing_app.services.reminders import (
    Reminders,
    Timing,
    forget_locked_timing,
    has_locked_timing,
    locked_timing,
    timing_unlocked,
    write_locked_timing,
)
from wellbeing_app.services.session import Session
from wellbeing_app.storage.reminder_file import (
    REMINDER_FILE_NAME,
    REMINDER_KEY_NAME,
    read_reminder_file,
)

SENTINEL = "PANGOLIN-REMINDER-SENTINEL-58"
# Check-ins are stamped with the real clock, so the fake one runs on the real day.
TODAY = datetime.now(LONDON).date()
LOCKED = ReminderSettings(when_locked=True, minutes_after=20)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return london_time(day, time(hour, minute))


def rota() -> Rota:
    """An early (07:00, 10 h) every day from a week ago."""
    early = PatternDay.working(ShiftType.EARLY, time(7, 0), 10)
    return Rota(pattern=RotaPattern((early,), TODAY - timedelta(days=7)))


def from_rota(first: date, last: date) -> Sequence[Shift]:
    return shifts_between(rota(), first, last)


@pytest.fixture
def session(data_dir: Path) -> Session:
    opened, _ = Session.create(data_dir, PASSPHRASE, kdf=FAST_KDF)
    return opened


def save_sentinel_checkin(session: Session, day: date) -> None:
    session.save_new_checkin(
        {
            "date": day.isoformat(),
            "mood": 2,
            "stress": 5,
            "exposures": ["sudden_death"],
            "tags": [SENTINEL[:30]],
            "took_home": f"{SENTINEL} the whole shift",
            "good_thing": f"{SENTINEL} tea",
        }
    )


def test_timing_from_the_vault_holds_marks_not_words(session: Session) -> None:
    with session:
        save_sentinel_checkin(session, TODAY - timedelta(days=1))
        timing = timing_unlocked(session, from_rota, at(TODAY, 12))
    assert [m.date for m in timing.marks] == [TODAY - timedelta(days=1)]
    assert timing.marks[0].tagged
    assert SENTINEL not in repr(timing)
    assert [s.day for s in timing.shifts][0] == TODAY - timedelta(days=2)
    assert timing.shifts[-1].day == TODAY + timedelta(days=14)


def test_the_reminder_file_holds_shift_times_and_settings_only(
    session: Session, data_dir: Path
) -> None:
    """The sentinel scan: check-ins full of it, then the file, raw and decrypted."""
    with session:
        save_sentinel_checkin(session, TODAY - timedelta(days=1))
        save_sentinel_checkin(session, TODAY)  # today's early is checked in
        now = at(TODAY, 18)
        write_locked_timing(data_dir, timing_unlocked(session, from_rota, now), LOCKED, now)
    raw = (data_dir / REMINDER_FILE_NAME).read_bytes() + (data_dir / REMINDER_KEY_NAME).read_bytes()
    payload = read_reminder_file(data_dir)
    assert payload is not None
    for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
        for needle in (SENTINEL, SENTINEL[:12], "sudden_death"):
            assert needle.encode(encoding) not in raw
            assert needle.encode(encoding) not in payload
    assert b'"shifts"' not in raw  # sealed, not plain JSON
    record = json.loads(payload)
    assert set(record) == {"version", "settings", "shifts"}
    assert record["settings"] == LOCKED.to_record()
    starts = [datetime.fromisoformat(row[0]) for row in record["shifts"]]
    # Today's shift had its check-in: left out. Tomorrow's to 14 days ahead are kept.
    assert starts[0] == at(TODAY + timedelta(days=1), 7).astimezone(UTC)
    assert starts[-1] <= (now + timedelta(days=14)).astimezone(UTC)
    assert len(starts) == 14
    for name in (REMINDER_FILE_NAME, REMINDER_KEY_NAME):
        assert (data_dir / name).stat().st_mode & 0o777 == 0o600


def test_locked_reminders_come_from_the_file_without_the_passphrase(
    session: Session, data_dir: Path
) -> None:
    with session:
        now = at(TODAY, 8)
        write_locked_timing(data_dir, timing_unlocked(session, from_rota, now), LOCKED, now)
    assert not session.is_open
    found = locked_timing(data_dir)
    assert found is not None
    timing, settings = found
    assert settings == LOCKED and timing.marks == ()
    reminders = Reminders()
    due_at = at(TODAY, 17, 20)
    assert reminders.check(timing, settings, due_at - timedelta(minutes=1)) is None
    shown = reminders.check(timing, settings, due_at)
    assert shown is not None and shown.kind is ReminderKind.END_OF_SHIFT


def test_no_file_no_locked_reminders_and_turning_off_removes_both_files(
    session: Session, data_dir: Path
) -> None:
    assert locked_timing(data_dir) is None
    with session:
        now = at(TODAY, 8)
        write_locked_timing(data_dir, timing_unlocked(session, from_rota, now), LOCKED, now)
    assert has_locked_timing(data_dir)
    forget_locked_timing(data_dir)
    assert not (data_dir / REMINDER_FILE_NAME).exists()
    assert not (data_dir / REMINDER_KEY_NAME).exists()
    assert locked_timing(data_dir) is None
    forget_locked_timing(data_dir)  # twice is fine


def _written(data_dir: Path) -> None:
    shift = ShiftTimes(at(TODAY, 7), at(TODAY, 17))
    write_locked_timing(data_dir, Timing((shift,)), LOCKED, at(TODAY, 8))


@pytest.mark.parametrize(
    "damage",
    [
        "truncated",
        "flipped",
        "wrong magic",
        "key missing",
        "key short",
        "key replaced",
        "a folder",
        "empty",
    ],
)
def test_a_damaged_reminder_file_means_no_reminders_and_one_quiet_log_line(
    data_dir: Path, damage: str
) -> None:
    _written(data_dir)
    target, key = data_dir / REMINDER_FILE_NAME, data_dir / REMINDER_KEY_NAME
    data = target.read_bytes()
    if damage == "truncated":
        target.write_bytes(data[: len(data) // 2])
    elif damage == "flipped":
        target.write_bytes(data[:-1] + bytes([data[-1] ^ 1]))
    elif damage == "wrong magic":
        target.write_bytes(b"XXXXXX" + data[6:])
    elif damage == "key missing":
        key.unlink()
    elif damage == "key short":
        key.write_bytes(key.read_bytes()[:10])
    elif damage == "key replaced":
        key.write_bytes(os.urandom(32))
    elif damage == "a folder":
        target.unlink()
        target.mkdir()
    else:
        target.write_bytes(b"")
    assert locked_timing(data_dir) is None
    assert locked_timing(data_dir) is None  # asked every minute: logged once
    log = (data_dir / LOGS_DIR_NAME / LOG_NAME).read_text()
    assert log.count("reminder file unreadable") == 1


def test_a_sealed_record_that_is_not_ours_is_refused(data_dir: Path) -> None:
    from wellbeing_app.storage.reminder_file import write_reminder_file

    for payload in (b"not json", b'{"version": 2}', b'{"version": 1, "shifts": [["x", "y"]]}'):
        write_reminder_file(data_dir, payload)
        assert locked_timing(data_dir) is None


def test_a_reminder_is_shown_once_then_again_after_its_snooze() -> None:
    timing = Timing((ShiftTimes(at(TODAY, 7), at(TODAY, 17)),))
    settings = ReminderSettings()
    reminders = Reminders()
    now = at(TODAY, 17, 30)
    first = reminders.check(timing, settings, now)
    assert first is not None and reminders.showing == first
    assert reminders.check(timing, settings, now + timedelta(minutes=1)) is None
    assert reminders.showing == first  # still due: the menu offers Snooze
    reminders.snooze(now + timedelta(minutes=1))
    assert reminders.showing is None
    assert reminders.check(timing, settings, now + timedelta(minutes=30)) is None
    again = reminders.check(timing, settings, now + timedelta(minutes=61))
    assert again is not None and again.key == first.key
    reminders.not_today(now + timedelta(minutes=62))
    assert reminders.check(timing, settings, now + timedelta(hours=3)) is None
    assert reminders.showing is None


def test_reminder_choices_round_trip_in_the_preferences_file(data_dir: Path) -> None:
    from dataclasses import replace

    from wellbeing_app.services.preferences import (
        PREFERENCES_FILE,
        Preferences,
        load_preferences,
        save_preferences,
    )

    assert load_preferences(data_dir).reminders == ReminderSettings()
    chosen = replace(Preferences(), reminders=LOCKED, keep_in_tray=True, tray_close_explained=True)
    save_preferences(data_dir, chosen)
    assert load_preferences(data_dir) == chosen
    stored = json.loads((data_dir / PREFERENCES_FILE).read_text())
    stored["reminders"]["minutes_after"] = -5
    stored["keep_in_tray"] = "yes"
    (data_dir / PREFERENCES_FILE).write_text(json.dumps(stored))
    loaded = load_preferences(data_dir)
    assert loaded.reminders == replace(LOCKED, minutes_after=30)
    assert loaded.keep_in_tray is False
