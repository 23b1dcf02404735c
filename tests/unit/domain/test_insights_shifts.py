"""By shift type: sleep is put down to the shift before it; rest days look back to now."""

from __future__ import annotations

from datetime import date

import pytest

from tests.unit.domain.insights_support import TODAY, E, L, N, R, checkin
from wellbeing_app.domain.catalogue import ShiftType
from wellbeing_app.domain.checkin import CheckIn
from wellbeing_app.domain.insights import (
    MIN_PER_SHIFT,
    Range,
    rest_days,
    shift_comparison,
    sleep_after_shifts,
)
from wellbeing_app.domain.synthetic import synthetic_checkins

# ---------------------------------------------------------------------------
# By shift type


def _rota(shifts: list[ShiftType], sleeps: list[float | None], moods: list[int]) -> list[CheckIn]:
    """One check-in a day ending today; sleep[i] is the sleep after shifts[i - 1]."""
    count = len(shifts)
    return [
        checkin(count - 1 - i, mood=moods[i], shift_type=shifts[i], sleep_hours=sleeps[i])
        for i in range(count)
    ]


def test_sleep_is_put_down_to_the_shift_before_it() -> None:
    checkins = _rota([N, E, R], [8.0, 5.0, 7.0], [3, 3, 3])
    pairs = [(shift, c.sleep_hours) for shift, c in sleep_after_shifts(checkins)]
    assert pairs == [(N, 5.0), (E, 7.0)]


def test_sleep_after_a_gap_in_checkins_is_not_put_down_to_any_shift() -> None:
    checkins = [
        checkin(5, shift_type=N),
        checkin(3, shift_type=E, sleep_hours=5.0),  # two days later: which shift came before?
        checkin(3, shift_type=L, sleep_hours=1.0),  # same day, written after: follows the early
    ]
    assert [(s, c.sleep_hours) for s, c in sleep_after_shifts(checkins)] == [(E, 1.0)]


def test_the_shift_sentence_compares_nights_with_earlies_with_exact_numbers() -> None:
    checkins = _rota(
        [N, E, N, E, N, E, N],
        [None, 5.0, 7.0, 5.0, 7.0, 5.3, 7.0],
        [3, 4, 3, 4, 3, 4, 3],
    )
    comparison = shift_comparison(checkins, TODAY, Range.THREE_MONTHS)

    assert comparison.has_enough_data
    assert comparison.sentence == (
        "After nights you slept 5.1 h on average, 1.9 h less than after earlies; "
        "your mood on nights averaged 3.0 out of 5, against 4.0 on earlies (last 3 months)."
    )
    night = next(g for g in comparison.groups if g.shift_type is N)
    assert night.sleep_after_count == 3
    assert night.sleep_after_mean == pytest.approx(5.1)
    assert night.mood_count == 4
    assert [g.shift_type for g in comparison.groups] == [E, N]  # catalogue order


def test_without_nights_the_least_and_most_sleep_are_compared() -> None:
    checkins = _rota(
        [L, R, L, R, L, R, L],
        [None, 6.0, 8.0, 6.0, 8.0, 6.0, 8.0],
        [3, 3, 3, 3, 3, 3, 3],
    )
    sentence = shift_comparison(checkins, TODAY, Range.FOUR_WEEKS).sentence
    assert sentence.startswith(
        "After lates you slept 6.0 h on average, 2.0 h less than after rest days"
    )


def test_equal_sleep_after_two_shifts_is_said_to_be_the_same() -> None:
    checkins = _rota([N, E, N, E, N, E, N], [None, 6.0, 6.0, 6.0, 6.0, 6.0, 6.0], [3] * 7)
    sentence = shift_comparison(checkins, TODAY, Range.FOUR_WEEKS).sentence
    assert "you slept 6.0 h on average, the same as after earlies" in sentence


def test_two_after_a_kind_of_shift_is_not_enough_to_compare() -> None:
    checkins = _rota([N, E, N, E, R], [None, 5.0, 7.0, 5.0, 7.0], [3, 3, 3, 3, 3])
    comparison = shift_comparison(checkins, TODAY, Range.FOUR_WEEKS)
    assert not comparison.has_enough_data
    assert comparison.sentence.startswith("Not enough check-ins yet to compare shifts")
    assert f"at least {MIN_PER_SHIFT} after each" in comparison.sentence
    assert comparison.groups  # the chart still has something to show


def test_synthetic_rota_shows_less_sleep_after_nights() -> None:
    checkins = synthetic_checkins(365, end=TODAY)
    comparison = shift_comparison(checkins, TODAY, Range.TWELVE_MONTHS)
    after = {g.shift_type: g.sleep_after_mean for g in comparison.groups}
    assert after[N] is not None and after[E] is not None
    assert after[N] < after[E]
    assert comparison.sentence.startswith("After nights you slept")


# ---------------------------------------------------------------------------
# Rest days


def test_days_since_the_last_recorded_rest_day() -> None:
    checkins = [
        checkin(6, shift_type=R),
        checkin(3, shift_type=R),
        checkin(2, shift_type=E),
        checkin(1, shift_type=E),
        checkin(0),  # no shift type: not counted as a shift
        checkin(-1, shift_type=R),  # tomorrow: not yet
    ]
    rest = rest_days(checkins, TODAY)
    assert rest.last_rest_day == date(2026, 11, 17)
    assert rest.days_since == 3
    assert rest.shifts_since == 2
    assert rest.sentence == (
        "Your last recorded rest day was 3 days ago, on Tuesday 17 November, "
        "and you have recorded 2 shifts since."
    )


def test_two_checkins_on_one_day_are_one_shift() -> None:
    checkins = [
        checkin(3, shift_type=R),
        checkin(2, shift_type=E),
        checkin(2, shift_type=E),  # a second check-in the same day: the same shift
        checkin(1, shift_type=E),
        checkin(1, shift_type=E),
    ]
    rest = rest_days(checkins, TODAY)
    assert rest.shifts_since == 2
    assert rest.sentence.endswith("and you have recorded 2 shifts since.")
    one_day = rest_days([checkin(2, shift_type=R), checkin(1, shift_type=E)], TODAY)
    two_checkins = rest_days(
        [checkin(2, shift_type=R), checkin(1, shift_type=E), checkin(1, shift_type=E)], TODAY
    )
    assert one_day.shifts_since == two_checkins.shifts_since == 1
    assert two_checkins.sentence.endswith("and you have recorded 1 shift since.")


def test_rest_day_today_and_yesterday_read_naturally() -> None:
    assert rest_days([checkin(0, shift_type=R)], TODAY).sentence == "Today is a recorded rest day."
    yesterday = rest_days([checkin(1, shift_type=R)], TODAY)
    assert yesterday.days_since == 1
    assert yesterday.sentence == "Your last recorded rest day was yesterday."


def test_rest_days_look_back_beyond_the_range() -> None:
    rest = rest_days(
        [checkin(200, shift_type=R), checkin(0, shift_type=N)], TODAY, Range.FOUR_WEEKS
    )
    assert rest.days_since == 200
    assert rest.has_enough_data
