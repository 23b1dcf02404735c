"""Sleep and the mood after it: paired within a check-in, compared at the median."""

from __future__ import annotations

import pytest

from tests.unit.domain.insights_support import TODAY, checkin
from wellbeing_app.domain.insights import (
    Range,
    sleep_and_mood,
)


def test_sleep_is_paired_with_the_mood_of_the_same_checkin() -> None:
    checkins = [checkin(1, mood=2, sleep_hours=4.0), checkin(0, mood=5, sleep_hours=9.0)]
    result = sleep_and_mood(checkins, TODAY, Range.FOUR_WEEKS)
    assert result.pairs == ((4.0, 2), (9.0, 5))


def test_moods_after_longer_and_shorter_sleeps_are_compared_at_the_median() -> None:
    sleeps_moods = [(5.0, 2), (5.5, 3), (6.0, 2), (7.0, 3), (8.0, 4), (8.5, 4), (9.0, 5)]
    checkins = [checkin(i, mood=m, sleep_hours=s) for i, (s, m) in enumerate(sleeps_moods)]
    result = sleep_and_mood(checkins + [checkin(8, mood=1)], TODAY, Range.FOUR_WEEKS)

    assert result.median_sleep == 7.0
    assert (result.less_count, result.more_count) == (3, 3)
    assert result.mood_after_less == pytest.approx(7 / 3)
    assert result.mood_after_more == pytest.approx(13 / 3)
    assert result.sentence == (
        "After more than 7.0 h of sleep (your middle value) your mood averaged 4.3 out of 5, "
        "and after less than 7.0 h it averaged 2.3 (last 4 weeks)."
    )
    too_few = sleep_and_mood(checkins[:5], TODAY, Range.FOUR_WEEKS)
    assert not too_few.has_enough_data
    assert too_few.sentence.startswith("Not enough check-ins yet to compare sleep and mood")
