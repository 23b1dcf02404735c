"""Synthetic check-ins: deterministic, one a day, valid, and realistic where it matters."""

from __future__ import annotations

from datetime import date, timedelta
from statistics import mean

import pytest

from wellbeing_app.domain.catalogue import ShiftType
from wellbeing_app.domain.checkin import validate_checkin
from wellbeing_app.domain.synthetic import synthetic_checkins

END = date(2026, 11, 20)


def test_the_same_seed_gives_the_same_checkins() -> None:
    assert synthetic_checkins(60, end=END, seed=3) == synthetic_checkins(60, end=END, seed=3)


def test_a_different_seed_gives_different_checkins() -> None:
    first = synthetic_checkins(60, end=END, seed=3)
    second = synthetic_checkins(60, end=END, seed=4)
    assert [c.id for c in first] != [c.id for c in second]
    assert [c.mood for c in first] != [c.mood for c in second]


@pytest.mark.parametrize("days", [1, 2, 10, 365])
def test_one_checkin_a_day_oldest_first_ending_on_end(days: int) -> None:
    checkins = synthetic_checkins(days, end=END)

    assert len(checkins) == days
    assert [c.date for c in checkins] == [END - timedelta(days=days - 1 - n) for n in range(days)]
    assert checkins[-1].date == END


def test_every_checkin_has_its_own_id() -> None:
    checkins = synthetic_checkins(500, end=END)
    assert len({c.id for c in checkins}) == 500


def test_every_generated_checkin_passes_validation() -> None:
    for checkin in synthetic_checkins(730, end=END, seed=11):
        validate_checkin(checkin, today=END)


def test_sleep_is_shorter_after_nights_than_after_earlies() -> None:
    checkins = synthetic_checkins(400, end=END)
    after: dict[ShiftType, list[float]] = {ShiftType.NIGHT: [], ShiftType.EARLY: []}
    for previous, checkin in zip(checkins, checkins[1:], strict=False):
        assert checkin.sleep_hours is not None
        if previous.shift_type in after:
            after[previous.shift_type].append(checkin.sleep_hours)

    assert len(after[ShiftType.NIGHT]) >= 50
    assert len(after[ShiftType.EARLY]) >= 50
    assert mean(after[ShiftType.NIGHT]) < mean(after[ShiftType.EARLY])


def test_text_chars_pads_each_reflection_to_about_that_length() -> None:
    checkins = synthetic_checkins(100, end=END, text_chars=1000)

    for checkin in checkins:
        assert checkin.took_home is not None
        assert 990 <= len(checkin.took_home) <= 1000
        validate_checkin(checkin, today=END)


def test_reflections_are_short_by_default() -> None:
    lengths = [len(c.took_home) for c in synthetic_checkins(200, end=END) if c.took_home]
    assert lengths
    assert max(lengths) < 200


WORK_WORDS = ("shift", "short staffed", "covered", "team", "a&e", "paperwork", "court prep")


@pytest.mark.parametrize("seed", [2026, 7, 3, 11])
def test_what_each_checkin_says_fits_its_shift_type(seed: int) -> None:
    checkins = synthetic_checkins(730, end=END, seed=seed)
    for previous, checkin in zip(checkins, checkins[1:], strict=False):
        took_home = (checkin.took_home or "").lower()
        if checkin.shift_type is ShiftType.REST_DAY:
            assert checkin.hours_worked is None and checkin.overtime_hours is None
            assert checkin.activities == () and checkin.exposures == ()
            assert not any(word in took_home for word in WORK_WORDS), checkin.took_home
            assert checkin.tags in ((), ("family",), ("gym",), ("day out",))
            assert "before the shift" not in (checkin.good_thing or "")
        else:
            assert "rest day," not in took_home
            assert "overtime" not in checkin.tags or checkin.overtime_hours
        if "rest_day_cancelled" in checkin.activities:
            # Called in on a rota rest day: a Day shift, never a Late or an Early.
            assert checkin.shift_type is ShiftType.DAY
            assert not took_home or "rest day" in took_home
        if checkin.shift_type is ShiftType.LATE:
            assert "rest_day_cancelled" not in checkin.activities
        if "did not get a proper break" in took_home:
            assert checkin.took_break is False
            assert "meal_break_missed" in checkin.activities
        if "meal_break_missed" in checkin.activities:
            assert checkin.took_break is False
        if "short staffed" in took_home:
            assert "covering_short_staffing" in checkin.activities
        if "after nights" in took_home:
            assert previous.shift_type is ShiftType.NIGHT
        if "earlier incident" in took_home:
            assert checkin.exposures


def test_a_rest_day_is_now_and_then_cancelled_and_says_so() -> None:
    checkins = synthetic_checkins(730, end=END, seed=2026)
    called_in = [c for c in checkins if "rest_day_cancelled" in c.activities]
    rest_days = [c for c in checkins if c.shift_type is ShiftType.REST_DAY]
    assert 5 <= len(called_in) < len(rest_days) / 10


def test_each_checkin_is_written_soon_after_its_shift_ends() -> None:
    from datetime import UTC

    for checkin in synthetic_checkins(120, end=date(2026, 6, 30), seed=5):
        written = checkin.created_at.astimezone(UTC)
        if checkin.shift_type is ShiftType.NIGHT:
            # A night belongs to the day it starts; it is written up the next morning.
            assert written.date() == checkin.date + timedelta(days=1)
            assert 7 <= written.hour <= 8
        else:
            assert written.date() == checkin.date
            assert written.hour >= 15  # after an early ends, never before
        if checkin.shift_type is ShiftType.LATE:
            assert written.hour == 23
