"""The true picture: activities counted per month, most frequent first."""

from __future__ import annotations

from datetime import date

from tests.unit.domain.insights_support import TODAY, checkin
from wellbeing_app.domain.insights import (
    Range,
    true_picture,
)


def test_true_picture_counts_activities_per_month_most_frequent_first() -> None:
    checkins = [
        checkin(date(2026, 10, 25), activities=("welfare_check", "mental_health_call")),
        checkin(date(2026, 10, 30), activities=("mental_health_call",)),
        checkin(date(2026, 11, 1), activities=("mental_health_call", "training")),
        checkin(date(2026, 11, 2), activities=("welfare_check",)),
        checkin(date(2026, 11, 3)),
        checkin(date(2026, 6, 1), activities=("training",)),  # outside the range
    ]
    picture = true_picture(checkins, TODAY, Range.FOUR_WEEKS)

    assert picture.months == (date(2026, 10, 1), date(2026, 11, 1))
    assert picture.codes == ("mental_health_call", "welfare_check", "training")
    assert picture.counts == ((2, 1), (1, 1), (0, 1))
    assert picture.totals == (3, 2, 1)
    assert picture.checkins_with_activities == 4
    assert picture.sentence == (
        "Over the last 4 weeks, your shifts most often involved mental health call (3 shifts), "
        "welfare check (2 shifts) and training (1 shift)."
    )


def test_true_picture_without_activities_says_so() -> None:
    picture = true_picture([checkin(0)], TODAY, Range.FOUR_WEEKS)
    assert not picture.has_enough_data
    assert picture.sentence == (
        "None of the check-ins in this range record what the shift involved yet."
    )
