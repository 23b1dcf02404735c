"""Insights, what they share: ranges, one value a day, and the rolling average with its gaps."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.unit.domain.insights_support import TODAY, checkin
from wellbeing_app.domain.insights import (
    ROLLING_DAYS,
    ROLLING_MIN_DAYS,
    Range,
    months_before,
    range_bounds,
    score_trends,
    sleep_trends,
)

# ---------------------------------------------------------------------------
# Ranges


def test_range_bounds_end_today_and_go_back_by_weeks_or_calendar_months() -> None:
    assert range_bounds(Range.FOUR_WEEKS, TODAY) == (date(2026, 10, 24), TODAY)
    assert range_bounds(Range.THREE_MONTHS, TODAY) == (date(2026, 8, 21), TODAY)
    assert range_bounds(Range.TWELVE_MONTHS, TODAY) == (date(2025, 11, 21), TODAY)
    first, last = range_bounds(Range.FOUR_WEEKS, TODAY)
    assert (last - first).days + 1 == 28


def test_all_starts_at_the_earliest_checkin_up_to_today() -> None:
    checkins = [checkin(5), checkin(400), checkin(date(2026, 11, 21))]
    assert range_bounds(Range.ALL, TODAY, checkins) == (TODAY - timedelta(days=400), TODAY)
    assert range_bounds(Range.ALL, TODAY) == (TODAY, TODAY)


def test_months_before_clamps_to_the_end_of_a_shorter_month() -> None:
    assert months_before(date(2026, 5, 31), 3) == date(2026, 2, 28)
    assert months_before(date(2024, 5, 31), 3) == date(2024, 2, 29)
    assert months_before(date(2026, 1, 15), 12) == date(2025, 1, 15)


def test_ranges_have_words_for_the_selector_and_for_sentences() -> None:
    assert [r.label for r in Range] == ["4 weeks", "3 months", "12 months", "All"]
    assert Range.THREE_MONTHS.phrase == "last 3 months"


def test_checkins_after_today_and_before_the_range_are_left_out() -> None:
    checkins = [checkin(-1, mood=5), checkin(40, mood=1), checkin(0, mood=3)]
    scores = score_trends(checkins, TODAY, Range.FOUR_WEEKS)
    assert scores.checkin_count == 1
    assert scores.mood.present == (3.0,)


# ---------------------------------------------------------------------------
# Daily series and the rolling average


def test_several_checkins_on_a_day_are_averaged() -> None:
    checkins = [
        checkin(0, mood=2, stress=5, sleep_hours=4.0),
        checkin(0, mood=5, stress=None, sleep_hours=7.0),
        checkin(0, mood=4, stress=3),
    ]
    scores = score_trends(checkins, TODAY, Range.FOUR_WEEKS)
    assert scores.mood.values[-1] == pytest.approx(11 / 3)
    assert scores.stress.values[-1] == 4.0  # a missing stress does not count as zero
    assert sleep_trends(checkins, TODAY, Range.FOUR_WEEKS).hours.values[-1] == 5.5
    assert scores.checkin_count == 3
    assert scores.days_with_checkins == 1


def test_the_rolling_average_uses_only_days_with_checkins_and_breaks_at_long_gaps() -> None:
    # Days ago -> mood. Days 6..3 have no check-in.
    moods = {20: 1, 19: 2, 18: 3, 17: 4, 16: 5, 15: 1, 14: 2, 7: 4, 2: 2, 1: 4, 0: 3}
    checkins = [checkin(days, mood=m) for days, m in moods.items()]
    series = score_trends(checkins, TODAY, Range.FOUR_WEEKS).mood
    by_days_ago = {
        (TODAY - d).days: (v, r)
        for d, v, r in zip(series.dates, series.values, series.rolling, strict=True)
    }

    assert by_days_ago[5] == (None, None)  # a day without a check-in stays a gap
    assert by_days_ago[14][1] == pytest.approx((1 + 2 + 3 + 4 + 5 + 1 + 2) / 7)
    # The seven days ending 10 days ago hold check-ins on 16, 15 and 14 days ago: enough.
    assert by_days_ago[10][1] == pytest.approx((5 + 1 + 2) / 3)
    # Ending 9 days ago: only 15 and 14 days ago, too few, so the average has a gap too.
    assert by_days_ago[9][1] is None
    assert by_days_ago[3][1] is None
    assert by_days_ago[2][1] is None
    # Ending yesterday: 7, 2 and 1 days ago. Ending today: 2, 1 and 0 days ago.
    assert by_days_ago[1][1] == pytest.approx((4 + 2 + 4) / 3)
    assert by_days_ago[0][1] == pytest.approx((2 + 4 + 3) / 3)
    assert ROLLING_DAYS == 7 and ROLLING_MIN_DAYS == 3


def test_the_rolling_average_at_the_start_of_the_range_uses_the_days_before_it() -> None:
    checkins = [checkin(days, mood=5) for days in range(28, 34)] + [checkin(27, mood=2)]
    series = score_trends(checkins, TODAY, Range.FOUR_WEEKS).mood
    assert series.dates[0] == TODAY - timedelta(days=27)
    assert series.values[0] == 2
    assert series.rolling[0] == pytest.approx((5 * 6 + 2) / 7)
