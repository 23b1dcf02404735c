"""Mood, stress and energy: one day is no average, and the sentence gives the averages."""

from __future__ import annotations

from tests.unit.domain.insights_support import TODAY, checkin
from wellbeing_app.domain.insights import (
    MIN_DAYS_FOR_SCORES,
    Range,
    score_trends,
    sleep_trends,
)


def test_a_single_checkin_shows_as_one_day_and_no_average() -> None:
    one = [checkin(0, mood=4, stress=2, energy=3, sleep_hours=6.5, sleep_quality=3)]
    scores = score_trends(one, TODAY, Range.FOUR_WEEKS)

    assert scores.mood.values[-1] == 4
    assert scores.mood.values[:-1] == (None,) * 27
    assert scores.mood.rolling == (None,) * 28  # one day is not a 7-day average
    assert scores.checkin_count == 1
    assert not scores.has_enough_data
    assert not scores.is_empty
    assert sleep_trends(one, TODAY, Range.FOUR_WEEKS).hours.values[-1] == 6.5


def test_the_scores_sentence_gives_the_averages_over_the_range() -> None:
    checkins = [
        checkin(0, mood=4, stress=2, energy=3),
        checkin(1, mood=3, stress=3, energy=3),
        checkin(2, mood=2, stress=4, energy=3),
        checkin(2, mood=3, stress=3, energy=None),
    ]
    scores = score_trends(checkins, TODAY, Range.FOUR_WEEKS)
    assert scores.has_enough_data
    # Averages of days: 4, 3 and (2 + 3) / 2 for mood; 2, 3 and (4 + 3) / 2 for stress.
    assert scores.sentence == (
        "Your mood averaged 3.2 out of 5, stress 2.8 and energy 3.0, "
        "across 3 days with check-ins (last 4 weeks)."
    )
    no_extras = score_trends([checkin(d) for d in range(3)], TODAY, Range.ALL)
    assert no_extras.sentence == (
        "Your mood averaged 3.0 out of 5, across 3 days with check-ins (all check-ins)."
    )
    assert MIN_DAYS_FOR_SCORES == 3
