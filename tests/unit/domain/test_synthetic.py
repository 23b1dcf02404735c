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
