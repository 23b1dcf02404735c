"""Trends insights: known answers on hand-made data, honest gaps, sentences that never judge."""

from __future__ import annotations

import itertools
import re
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wellbeing_app.domain.catalogue import ShiftType
from wellbeing_app.domain.checkin import CheckIn
from wellbeing_app.domain.insights import (
    EXPOSURE_WINDOW_DAYS,
    MIN_DAYS_FOR_SCORES,
    MIN_PER_SHIFT,
    ROLLING_DAYS,
    ROLLING_MIN_DAYS,
    Range,
    exposure_load,
    insights_for,
    months_before,
    range_bounds,
    rest_days,
    score_trends,
    shift_comparison,
    sleep_after_shifts,
    sleep_and_mood,
    sleep_trends,
    true_picture,
    year_in_pixels,
)
from wellbeing_app.domain.synthetic import synthetic_checkins

TODAY = date(2026, 11, 20)  # a Friday
_clock = itertools.count()

N, E, L, R = ShiftType.NIGHT, ShiftType.EARLY, ShiftType.LATE, ShiftType.REST_DAY


def checkin(day: date | int, mood: int = 3, **fields: object) -> CheckIn:
    """A check-in on ``day`` (a date, or days before TODAY); each one written after the last."""
    when = day if isinstance(day, date) else TODAY - timedelta(days=day)
    stamp = datetime(2020, 1, 1, tzinfo=UTC) + timedelta(minutes=next(_clock))
    return CheckIn(date=when, mood=mood, created_at=stamp, updated_at=stamp, **fields)


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


# ---------------------------------------------------------------------------
# Empty data and a single entry


def test_no_checkins_gives_empty_series_and_says_there_is_not_enough() -> None:
    insights = insights_for([], TODAY, Range.FOUR_WEEKS)

    assert len(insights.scores.mood.dates) == 28
    assert insights.scores.mood.values == (None,) * 28
    assert insights.scores.mood.rolling == (None,) * 28
    assert insights.sleep.hours.is_empty
    assert insights.exposure.counts == (None,) * 28
    assert insights.shifts.groups == ()
    assert insights.sleep_mood.pairs == ()
    assert insights.year.days_with_checkins == 0
    assert insights.true_picture.codes == ()
    for part in (
        insights.scores,
        insights.sleep,
        insights.shifts,
        insights.sleep_mood,
        insights.exposure,
        insights.rest,
        insights.year,
        insights.true_picture,
    ):
        assert not part.has_enough_data
    assert insights.scores.sentence == (
        "Not enough check-ins yet to show a trend: this needs check-ins on at least 3 days."
    )
    assert insights.shifts.sentence == (
        "Not enough check-ins yet to compare shifts: "
        "this needs at least 3 after each of two kinds of shift."
    )
    assert insights.rest.sentence == "No rest day is recorded in your check-ins yet."


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


# ---------------------------------------------------------------------------
# Sleep and the mood after it


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


# ---------------------------------------------------------------------------
# Exposure load


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


# ---------------------------------------------------------------------------
# Year in pixels


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


# ---------------------------------------------------------------------------
# The true picture


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


# ---------------------------------------------------------------------------
# All together, and fast


def test_insights_for_matches_each_function() -> None:
    checkins = synthetic_checkins(120, end=TODAY, seed=3)
    span = Range.THREE_MONTHS
    insights = insights_for(checkins, TODAY, span)
    assert insights.scores == score_trends(checkins, TODAY, span)
    assert insights.sleep == sleep_trends(checkins, TODAY, span)
    assert insights.shifts == shift_comparison(checkins, TODAY, span)
    assert insights.sleep_mood == sleep_and_mood(checkins, TODAY, span)
    assert insights.exposure == exposure_load(checkins, TODAY, span)
    assert insights.rest == rest_days(checkins, TODAY, span)
    assert insights.year == year_in_pixels(checkins, TODAY, span)
    assert insights.true_picture == true_picture(checkins, TODAY, span)
    assert all(part.endswith(".") for part in insights.sentences)


def test_synthetic_rota_shows_less_sleep_after_nights() -> None:
    checkins = synthetic_checkins(365, end=TODAY)
    comparison = shift_comparison(checkins, TODAY, Range.TWELVE_MONTHS)
    after = {g.shift_type: g.sleep_after_mean for g in comparison.groups}
    assert after[N] is not None and after[E] is not None
    assert after[N] < after[E]
    assert comparison.sentence.startswith("After nights you slept")


def _best_of(runs: int, action: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


@pytest.mark.parametrize(("days", "budget_ms"), [(365, 50), (3650, 300)])
def test_all_insights_compute_well_within_budget(days: int, budget_ms: int) -> None:
    checkins = synthetic_checkins(days, end=TODAY)
    for span in Range:
        seconds = _best_of(3, lambda span=span: insights_for(checkins, TODAY, span))
        assert seconds * 1000 < 3 * budget_ms, (span, seconds)


# ---------------------------------------------------------------------------
# Sentences never judge

JUDGEMENT_WORDS = (
    "poor",
    "bad",
    "worrying",
    "worried",
    "healthy",
    "unhealthy",
    "concerning",
    "concern",
    "at risk",
    "risky",
    "should",
    "must",
    "good",
    "great",
    "excellent",
    "better",
    "worse",
    "normal",
    "abnormal",
    "alarming",
    "dangerous",
    "warning",
    "problem",
    "improve",
    "decline",
    "too much",
    "too little",
    "diagnos",
    "disorder",
    "symptom",
    "depress",
    "anxiety",
    "ptsd",
    "burnout",
    "well done",
    "unfortunately",
)
_JUDGEMENT = re.compile("|".join(rf"\b{re.escape(w)}" for w in JUDGEMENT_WORDS), re.IGNORECASE)


def test_the_judgement_check_catches_what_it_should_catch() -> None:
    assert _JUDGEMENT.search("Your sleep was Poor")
    assert _JUDGEMENT.search("you should rest")
    assert not _JUDGEMENT.search("Not enough check-ins yet")


@settings(max_examples=40)
@given(
    days=st.integers(min_value=0, max_value=500),
    seed=st.integers(min_value=0, max_value=10_000),
    span=st.sampled_from(list(Range)),
    keep_every=st.integers(min_value=1, max_value=5),
    exposure_rate=st.sampled_from([0.0, 0.12, 0.6]),
)
def test_no_sentence_ever_judges(
    days: int, seed: int, span: Range, keep_every: int, exposure_rate: float
) -> None:
    checkins = synthetic_checkins(days, end=TODAY, seed=seed, exposure_rate=exposure_rate)[
        ::keep_every
    ]
    insights = insights_for(checkins, TODAY, span)
    for sentence in insights.sentences:
        assert not _JUDGEMENT.search(sentence), sentence
        assert sentence[0].isupper() and sentence.endswith(".")
        assert "None h" not in sentence and "nan" not in sentence.lower()
