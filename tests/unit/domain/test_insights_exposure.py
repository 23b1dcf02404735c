"""Exposure load: tags counted in each rolling window; a window with no check-in is a gap."""

from __future__ import annotations

from datetime import timedelta

from tests.unit.domain.insights_support import TODAY, checkin
from wellbeing_app.domain.insights import (
    EXPOSURE_WINDOW_DAYS,
    Range,
    exposure_load,
)


def test_exposure_load_counts_tags_in_each_rolling_30_days() -> None:
    checkins = [
        checkin(45, exposures=("sudden_death",)),  # before the range, inside early windows
        checkin(20, exposures=("sudden_death", "assaulted_on_duty")),
        checkin(10),
        checkin(3, exposures=("assaulted_on_duty",)),
    ]
    load = exposure_load(checkins, TODAY, Range.FOUR_WEEKS)
    count_on = dict(zip(load.dates, load.counts, strict=True))

    first = TODAY - timedelta(days=27)
    assert count_on[first] == 1  # 45 days ago is inside the 30 days ending 27 days ago
    assert count_on[TODAY - timedelta(days=21)] == 1
    assert count_on[TODAY - timedelta(days=16)] == 3
    assert count_on[TODAY - timedelta(days=15)] == 2  # 45 days ago has left the window
    assert count_on[TODAY] == 3
    assert EXPOSURE_WINDOW_DAYS == 30
    assert load.total == 3  # only tags inside the range
    assert load.tagged_days == (TODAY - timedelta(days=20), TODAY - timedelta(days=3))
    assert load.by_tag == (("assaulted_on_duty", 2), ("sudden_death", 1))
    assert load.sentence == (
        "You tagged 3 incidents in the last 30 days, and 3 incidents in all (last 4 weeks)."
    )


def test_a_window_without_any_checkin_is_a_gap_not_a_zero() -> None:
    load = exposure_load([checkin(27, exposures=("sudden_death",))], TODAY, Range.THREE_MONTHS)
    count_on = dict(zip(load.dates, load.counts, strict=True))
    assert count_on[TODAY - timedelta(days=28)] is None
    assert count_on[TODAY - timedelta(days=27)] == 1
    assert count_on[TODAY] == 1
    checkins = [checkin(60)]
    quiet = exposure_load(checkins, TODAY, Range.THREE_MONTHS)
    assert quiet.counts[-1] is None
    assert quiet.sentence == (
        "No check-ins in the last 30 days; no incidents were tagged in all (last 3 months)."
    )
    calm = exposure_load([checkin(0)], TODAY, Range.THREE_MONTHS)
    assert calm.counts[-1] == 0
    assert calm.sentence == "You tagged no incidents (last 3 months)."
