"""Dates worded the same way everywhere, in plain English."""

from __future__ import annotations

from datetime import date


def test_date_wording_is_plain_english_whatever_the_locale() -> None:
    from datetime import UTC, datetime

    from wellbeing_app.domain.dates import day_month, day_month_year, long_date, moment, short_date

    day = date(2026, 12, 3)
    assert day_month_year(day) == "3 December 2026"
    assert long_date(day) == "Thursday 3 December 2026"
    assert day_month(day) == "3 December"
    assert short_date(day) == "Thu 3 Dec 2026" and short_date(day, year=False) == "Thu 3 Dec"
    stamp = datetime(2026, 12, 3, 6, 24, tzinfo=UTC)
    local = stamp.astimezone()
    assert moment(stamp) == f"{day_month_year(local.date())} at {local:%H:%M}"
