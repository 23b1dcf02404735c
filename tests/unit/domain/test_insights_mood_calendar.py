"""Year in pixels: months by 31 days of mean mood, blank outside the range."""

from __future__ import annotations

from datetime import date

from tests.unit.domain.insights_support import TODAY, checkin
from wellbeing_app.domain.insights import (
    Range,
    year_in_pixels,
)


def test_year_in_pixels_is_months_by_31_days_with_mean_moods() -> None:
    checkins = [
        checkin(date(2026, 2, 14), mood=2),
        checkin(date(2026, 2, 14), mood=5),
        checkin(date(2026, 11, 20), mood=4),
        checkin(date(2026, 3, 1), mood=4),
        checkin(date(2025, 11, 20), mood=1),  # a day before the range starts
    ]
    year = year_in_pixels(checkins, TODAY, Range.TWELVE_MONTHS)

    assert year.months[0] == date(2025, 11, 1)
    assert year.months[-1] == date(2026, 11, 1)
    assert len(year.months) == 13
    assert all(len(row) == 31 for row in year.values)
    assert all(len(row) == 31 for row in year.in_range)
    feb = year.months.index(date(2026, 2, 1))
    assert year.values[feb][13] == 3.5
    assert year.in_range[feb][27] and not year.in_range[feb][28]  # 28 Feb yes, 29 Feb no
    assert not year.in_range[0][19] and year.in_range[0][20]  # 20 Nov 2025 outside, 21st inside
    assert year.values[0][19] is None
    assert year.values[-1][19] == 4
    assert not year.in_range[-1][20]  # tomorrow
    assert year.days_shown == 365
    assert year.days_with_checkins == 3
    assert year.sentence == (
        "You checked in on 3 of the 365 days shown, and the mood you recorded most often "
        "was 4 out of 5 (last 12 months)."
    )
    tied = year_in_pixels(checkins[:2], TODAY, Range.TWELVE_MONTHS)
    assert tied.sentence == "You checked in on 1 of the 365 days shown (last 12 months)."
