"""Sleep: the sentence gives the average and the spread, or says what is missing."""

from __future__ import annotations

from tests.unit.domain.insights_support import TODAY, checkin
from wellbeing_app.domain.insights import (
    Range,
    sleep_trends,
)


def test_the_sleep_sentence_gives_the_average_and_the_spread() -> None:
    checkins = [
        checkin(0, sleep_hours=5.0, sleep_quality=2),
        checkin(1, sleep_hours=7.5, sleep_quality=4),
        checkin(2, sleep_hours=9.0),
    ]
    sleep = sleep_trends(checkins, TODAY, Range.THREE_MONTHS)
    assert sleep.nights == 3
    assert sleep.sentence == (
        "You slept 7.2 h on average, between 5.0 h and 9.0 h, and rated your sleep "
        "3.0 out of 5 on average (last 3 months)."
    )
    fewer = sleep_trends(checkins[:2], TODAY, Range.THREE_MONTHS)
    assert not fewer.has_enough_data
    assert fewer.sentence == (
        "Not enough sleep recorded yet to show a pattern: "
        "this needs hours of sleep on at least 3 days."
    )
