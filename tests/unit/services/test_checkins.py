"""Which shift type a new check-in starts with."""

from __future__ import annotations

from datetime import date

from wellbeing_app.domain.catalogue import ShiftType
from wellbeing_app.services.checkins import default_shift_type, save_new_checkin
from wellbeing_app.storage.vault import Vault

TODAY = date(2026, 11, 20)


def _save(vault: Vault, day: str, shift: str | None, written: str) -> None:
    save_new_checkin(
        vault,
        {"date": day, "shift_type": shift, "mood": 3, "created_at": written, "updated_at": written},
    )


def test_nothing_to_go_on_means_no_shift_type(vault: Vault) -> None:
    assert default_shift_type(vault, TODAY) is None


def test_todays_last_checkin_wins_over_one_written_later_for_another_day(vault: Vault) -> None:
    _save(vault, "2026-11-20", "early", "2026-11-20T07:10:00Z")
    _save(vault, "2026-11-20", "early", "2026-11-20T13:30:00Z")
    # A rest day from earlier in the week, written up afterwards.
    _save(vault, "2026-11-17", "rest_day", "2026-11-20T13:40:00Z")
    assert default_shift_type(vault, TODAY) is ShiftType.EARLY


def test_the_last_of_todays_checkins_by_when_it_was_written(vault: Vault) -> None:
    _save(vault, "2026-11-20", "night", "2026-11-20T06:50:00Z")
    _save(vault, "2026-11-20", "training", "2026-11-20T16:00:00Z")
    _save(vault, "2026-11-20", None, "2026-11-20T17:00:00Z")  # no shift type: not counted
    assert default_shift_type(vault, TODAY) is ShiftType.TRAINING


def test_with_nothing_today_the_last_shift_type_used(vault: Vault) -> None:
    _save(vault, "2026-11-18", "late", "2026-11-18T23:00:00Z")
    _save(vault, "2026-11-19", "rest_day", "2026-11-19T20:00:00Z")
    assert default_shift_type(vault, TODAY) is ShiftType.REST_DAY  # the form says so plainly


def test_never_rest_day_for_a_second_checkin_today_without_a_shift_type(vault: Vault) -> None:
    _save(vault, "2026-11-19", "rest_day", "2026-11-19T20:00:00Z")
    _save(vault, "2026-11-20", None, "2026-11-20T08:00:00Z")
    assert default_shift_type(vault, TODAY) is None


def test_a_rest_day_today_is_kept_for_a_second_checkin(vault: Vault) -> None:
    _save(vault, "2026-11-20", "rest_day", "2026-11-20T10:00:00Z")
    assert default_shift_type(vault, TODAY) is ShiftType.REST_DAY
