"""The true cost of the pattern: counts on hand-made rotas, both sides of each threshold."""

from __future__ import annotations

import itertools
import re
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest

from wellbeing_app.domain.catalogue import ShiftType
from wellbeing_app.domain.checkin import CheckIn
from wellbeing_app.domain.rota import (
    DAILY_REST_CONTEXT,
    NO_SHIFTS,
    PatternDay,
    Rota,
    RotaChange,
    RotaPattern,
    Shift,
    cycle_positions,
    hours_by_period,
    london_time,
    night_runs,
    pattern_cost,
    quick_changeovers,
    rest_days_cancelled,
    shifts_between,
)

E, L, N, R, OT = (
    ShiftType.EARLY,
    ShiftType.LATE,
    ShiftType.NIGHT,
    ShiftType.REST_DAY,
    ShiftType.OTHER,
)
_clock = itertools.count()


def worked(day: date, kind: ShiftType, start: str, hours: float) -> Shift:
    """A shift starting at ``start`` (HH:MM, London) on ``day`` that really lasts ``hours``."""
    begins = london_time(day, time.fromisoformat(start))
    ends = (begins.astimezone(UTC) + timedelta(hours=hours)).astimezone(begins.tzinfo)
    return Shift(day, kind, begins, ends)


def rest(day: date) -> Shift:
    return Shift(day, R)


def checkin(day: date, mood: int, sleep: float | None = None, **fields: Any) -> CheckIn:
    stamp = datetime(2026, 1, 1, tzinfo=UTC) + timedelta(minutes=next(_clock))
    return CheckIn(
        date=day, mood=mood, sleep_hours=sleep, created_at=stamp, updated_at=stamp, **fields
    )


D = date(2026, 6, 1)  # a Monday, far from any clock change


def day(n: int) -> date:
    return D + timedelta(days=n)


# ---------------------------------------------------------------------------
# Quick changeovers


@pytest.mark.parametrize(
    ("next_start", "quick"),
    [("08:59", True), ("09:00", False), ("06:00", True), ("12:00", False)],
)
def test_a_changeover_under_11_hours_is_quick_and_exactly_11_is_not(
    next_start: str, quick: bool
) -> None:
    shifts = [worked(day(0), L, "14:00", 8), worked(day(1), E, next_start, 8)]  # late ends 22:00
    result = quick_changeovers(shifts)
    assert result.changeovers == 1
    assert result.count == (1 if quick else 0)


def test_the_quick_changeover_sentence_gives_the_count_and_the_shortest_gap() -> None:
    shifts = [
        worked(day(0), L, "14:00", 8),
        worked(day(1), E, "08:59", 8),  # 10 h 59 min after the late
        worked(day(2), E, "07:00", 8),  # 14 h 1 min later
        worked(day(3), L, "14:00", 8),  # 23 h
        worked(day(4), E, "06:00", 8),  # 8 h
    ]
    result = quick_changeovers(shifts)
    assert result.count == 2 and result.changeovers == 4
    assert result.shortest_gap == timedelta(hours=8)
    assert [c.gap for c in result.quick] == [timedelta(hours=10, minutes=59), timedelta(hours=8)]
    assert result.quick[0].finished == shifts[0] and result.quick[0].next_shift == shifts[1]
    assert result.sentence == (
        "2 of 4 changeovers between shifts were quick ones, with less than 11 hours "
        "between them; the shortest was 8 hours."
    )
    assert result.context == DAILY_REST_CONTEXT
    assert "Working Time Regulations 1998" in result.context


def test_gaps_are_real_time_across_the_october_change() -> None:
    # 23:00 BST to 09:30 GMT reads as 10 h 30 min on the clock but is 11 h 30 min.
    late = worked(date(2026, 10, 24), L, "15:00", 8)
    early = worked(date(2026, 10, 25), E, "09:30", 8)
    result = quick_changeovers([late, early])
    assert result.shortest_gap == timedelta(hours=11, minutes=30)
    assert result.count == 0


def test_gaps_are_real_time_across_the_march_change() -> None:
    # 23:00 GMT to 10:30 BST reads as 11 h 30 min on the clock but is 10 h 30 min.
    late = worked(date(2026, 3, 28), L, "15:00", 8)
    early = worked(date(2026, 3, 29), E, "10:30", 8)
    result = quick_changeovers([late, early])
    assert result.shortest_gap == timedelta(hours=10, minutes=30)
    assert result.count == 1


def test_overlapping_shifts_are_one_stretch_and_rest_days_do_not_count() -> None:
    shifts = [
        worked(day(0), E, "07:00", 8),
        worked(day(0), OT, "10:00", 2),  # court inside the early
        rest(day(1)),
        worked(day(2), L, "14:00", 8),
    ]
    result = quick_changeovers(shifts)
    assert result.changeovers == 1 and result.count == 0
    assert result.worked_shifts == 3


def test_quick_changeovers_say_plainly_when_there_is_nothing_to_count() -> None:
    assert quick_changeovers([]).sentence == NO_SHIFTS
    assert quick_changeovers([rest(day(0))]).sentence.startswith("No worked shifts")
    assert "only one" in quick_changeovers([worked(day(0), E, "07:00", 8)]).sentence.lower()
    two = [worked(day(0), E, "07:00", 8), worked(day(1), E, "07:00", 8)]
    assert quick_changeovers(two).sentence == (
        "No quick changeovers: the one gap between shifts was 11 hours or more."
    )


# ---------------------------------------------------------------------------
# Runs of nights


def nights_on(*offsets: int) -> list[Shift]:
    return [worked(day(n), N, "22:00", 10) for n in offsets]


def test_nights_on_consecutive_dates_are_one_run_and_a_gap_day_starts_another() -> None:
    runs = night_runs(nights_on(0, 1, 2, 4))
    assert [(r.first, r.nights) for r in runs.runs] == [(day(0), 3), (day(4), 1)]
    assert (runs.count, runs.longest, runs.total_nights) == (2, 3, 4)
    assert runs.sentence == "2 runs of nights, the longest 3 in a row."


def test_nights_a_day_apart_are_not_in_a_row() -> None:
    runs = night_runs([*nights_on(0, 2, 4), rest(day(1)), rest(day(3))])
    assert (runs.count, runs.longest) == (3, 1)
    assert runs.sentence == "3 night shifts, none of them in a row."


def test_a_run_carries_across_a_month_end() -> None:
    shifts = [worked(date(2026, 1, 31), N, "22:00", 10), worked(date(2026, 2, 1), N, "22:00", 10)]
    runs = night_runs(shifts)
    assert (runs.count, runs.longest) == (1, 2)
    assert runs.sentence == "1 run of 2 nights in a row."


def test_mood_and_sleep_on_nights_and_in_the_two_days_after() -> None:
    shifts = [*nights_on(0, 1, 2), rest(day(3)), rest(day(4)), rest(day(5))]
    checkins = [
        checkin(day(0), 2, 5.0),
        checkin(day(1), 2, 5.5),
        checkin(day(2), 3, 4.5),
        checkin(day(3), 4, 9.0),
        checkin(day(4), 4, 8.0),
        checkin(day(4), 5, 8.0),  # two on one day count as one day
        checkin(day(5), 1, 4.0),  # three days after: not counted
    ]
    runs = night_runs(shifts, checkins)
    assert runs.on_nights.mood_days == 3 and runs.after_nights.mood_days == 2
    assert runs.on_nights.mood == pytest.approx(7 / 3)
    assert runs.after_nights.mood == pytest.approx((4 + 4.5) / 2)
    # After-nights needs 3 days to be shown; the sentence gives only what it can.
    assert runs.sentence == (
        "1 run of 3 nights in a row; your mood averaged 2.3 out of 5 on nights, "
        "and your sleep 5 hours on nights."
    )


def test_night_runs_with_enough_check_ins_compare_on_and_after() -> None:
    shifts = [
        *nights_on(0, 1),
        rest(day(2)),
        rest(day(3)),
        *nights_on(4, 5),
        rest(day(6)),
        rest(day(7)),
    ]
    checkins = [checkin(day(n), 2, 5.0) for n in (0, 1, 4, 5)]
    checkins += [checkin(day(n), 4, 8.0) for n in (2, 3, 6)]
    assert night_runs(shifts, checkins).sentence == (
        "2 runs of nights, the longest 2 in a row; your mood averaged 2.0 out of 5 on nights "
        "and 4.0 in the 2 days after, and your sleep 5 hours on nights and 8 hours after."
    )


def test_night_runs_say_plainly_when_there_is_nothing_to_count() -> None:
    assert night_runs([]).sentence == NO_SHIFTS
    assert night_runs([worked(day(0), E, "07:00", 8)]).sentence == "No night shifts in this range."
    few = night_runs(nights_on(0, 1), [checkin(day(0), 3)])
    assert "check-ins on at least 3 nights" in few.sentence


# ---------------------------------------------------------------------------
# Rest days cancelled or worked


def test_rest_days_cancelled_come_from_the_rota_and_from_check_ins() -> None:
    pattern = RotaPattern(
        (PatternDay.working(E, time(7), 8),) * 3 + (PatternDay.rest_day(),) * 4, day(0)
    )
    changes = (RotaChange.rest_day_cancelled(day(4), PatternDay.working(E, time(7), 8)),)
    shifts = shifts_between(Rota(pattern, changes), day(0), day(13))
    checkins = [
        checkin(day(4), 3, activities=("rest_day_cancelled",)),  # the same day, twice recorded
        checkin(day(12), 3, activities=("rest_day_cancelled", "covering_short_staffing")),
        checkin(day(11), 3, activities=("welfare_check",)),
        checkin(day(20), 3, activities=("rest_day_cancelled",)),  # outside the range
    ]
    result = rest_days_cancelled(shifts, checkins, day(0), day(13))
    assert result.from_rota == (day(4),)
    assert result.from_checkins == (day(4), day(12))
    assert result.dates == (day(4), day(12)) and result.count == 2
    assert result.rostered_rest_days == 8
    assert (
        result.sentence
        == "2 of your 8 rest days between 1 and 14 June 2026 were cancelled or worked."
    )


def test_rest_day_sentences_when_none_were_lost() -> None:
    shifts = [worked(day(0), E, "07:00", 8), rest(day(1)), rest(day(2))]
    assert rest_days_cancelled(shifts, [], day(0), day(2)).sentence == (
        "None of your 2 rest days between 1 and 3 June 2026 was cancelled or worked."
    )
    assert rest_days_cancelled([], [], day(0), day(2)).sentence == NO_SHIFTS
    only_checkins = rest_days_cancelled(
        [], [checkin(day(1), 3, activities=("rest_day_cancelled",))], day(0), day(2)
    )
    assert only_checkins.sentence == "1 rest day between 1 and 3 June 2026 was cancelled or worked."


# ---------------------------------------------------------------------------
# Hours and overtime per 4 weeks


def test_hours_per_four_weeks_count_back_from_the_last_day() -> None:
    pattern = RotaPattern(
        (PatternDay.working(E, time(7), 8),) * 4 + (PatternDay.rest_day(),) * 3, day(0)
    )
    changes = (
        RotaChange.overtime(day(50), 2),
        RotaChange.rest_day_cancelled(day(54), PatternDay.working(L, time(14), 9)),
    )
    shifts = shifts_between(Rota(pattern, changes), day(0), day(59))
    result = hours_by_period(shifts, [checkin(day(40), 3, overtime_hours=1.5)], day(0), day(59))
    assert [(p.first, p.last, p.is_complete) for p in result.periods] == [
        (day(0), day(3), False),
        (day(4), day(31), True),
        (day(32), day(59), True),
    ]
    latest = result.periods[-1]
    assert latest.shifts_worked == 17  # 16 earlies and the rest day worked
    assert latest.hours_worked == 16 * 8 + 2 + 9
    assert latest.overtime_hours == 2 + 9
    assert latest.recorded_overtime_hours == 1.5
    assert result.periods[1].hours_worked == 16 * 8
    assert result.sentence == (
        "In the 4 weeks between 3 and 30 July 2026 you worked 139 hours, 11 of them "
        "overtime; across 2 periods of 4 weeks the average was 133.5 hours; your check-ins "
        "record 1.5 hours of overtime in that time."
    )


def test_the_october_change_adds_an_hour_to_the_hours_worked() -> None:
    pattern = RotaPattern((PatternDay.working(N, time(22), 10),), date(2026, 10, 1))
    shifts = shifts_between(Rota(pattern), date(2026, 10, 1), date(2026, 10, 28))
    result = hours_by_period(shifts, [], date(2026, 10, 1), date(2026, 10, 28))
    assert result.total_hours == 28 * 10 + 1
    march = RotaPattern((PatternDay.working(N, time(22), 10),), date(2026, 3, 1))
    shifts = shifts_between(Rota(march), date(2026, 3, 1), date(2026, 3, 28))
    assert hours_by_period(shifts, [], date(2026, 3, 1), date(2026, 3, 28)).total_hours == 279


def test_hours_say_plainly_when_there_is_nothing_to_count() -> None:
    assert hours_by_period([], [], day(0), day(27)).sentence == NO_SHIFTS
    assert hours_by_period([rest(day(0))], [], day(0), day(27)).sentence == (
        "No worked shifts between 1 and 28 June 2026."
    )


# ---------------------------------------------------------------------------
# Position in the cycle


def cycle_rota() -> Rota:
    days = (
        (PatternDay.working(E, time(7), 8),) * 2
        + (PatternDay.working(N, time(22), 10),) * 3
        + (PatternDay.rest_day(),) * 3
    )
    return Rota(RotaPattern(days, day(0)))


def test_first_and_last_nights_and_first_rest_days_are_compared() -> None:
    shifts = shifts_between(cycle_rota(), day(0), day(39))  # five 8-day cycles
    checkins = []
    for cycle in range(5):
        base = cycle * 8
        checkins += [
            checkin(day(base + 2), 4, 7.0),  # first night
            checkin(day(base + 3), 3, 6.0),
            checkin(day(base + 4), 2, 5.0),  # last night
            checkin(day(base + 5), 3, 8.5),  # first rest day
        ]
    result = cycle_positions(shifts, checkins)
    assert result.first_night.days == tuple(day(c * 8 + 2) for c in range(5))
    assert result.last_night.days == tuple(day(c * 8 + 4) for c in range(5))
    # The last block of rest days touches the end of the range and is left out.
    assert result.first_rest_day.days == tuple(day(c * 8 + 5) for c in range(4))
    assert result.last_rest_day.days == tuple(day(c * 8 + 7) for c in range(4))
    assert result.first_night.means.mood == 4.0 and result.last_night.means.mood == 2.0
    assert result.sentence == (
        "Your mood averaged 4.0 out of 5 on first nights and 2.0 on last nights, and 3.0 on "
        "first rest days; your sleep averaged 7 hours before first nights and 5 hours before "
        "last nights."
    )


def test_a_single_night_is_neither_first_nor_last() -> None:
    shifts = [
        worked(day(0), E, "07:00", 8),
        *nights_on(1),
        rest(day(2)),
        worked(day(3), E, "07:00", 8),
    ]
    result = cycle_positions(shifts)
    assert result.first_night.days == () and result.last_night.days == ()
    assert result.first_rest_day.days == (day(2),)
    assert result.sentence.startswith("No runs of two or more nights")


def test_positions_say_what_is_missing() -> None:
    assert cycle_positions([]).sentence == NO_SHIFTS
    shifts = shifts_between(cycle_rota(), day(0), day(39))
    assert cycle_positions(shifts, [checkin(day(2), 4)]).sentence == (
        "Not enough check-ins yet to compare first and last nights: "
        "this needs check-ins on at least 3 of each."
    )


# ---------------------------------------------------------------------------
# Every sentence, for every case: plain, calm, one sentence


_ALARMING = re.compile(r"illegal|breach|unlawful|danger|warning|risk|violat|must|should", re.I)


def test_pattern_cost_sentences_are_single_calm_sentences() -> None:
    rota = cycle_rota()
    checkins = [checkin(day(n), 1 + n % 5, 4.0 + n % 4) for n in range(40)]
    cases = [
        pattern_cost(rota, checkins, day(0), day(39)),
        pattern_cost(rota, [], day(0), day(39)),
        pattern_cost(Rota(), checkins, day(0), day(39)),
        pattern_cost(rota, checkins, day(-30), day(-1)),
    ]
    for cost in cases:
        for sentence in cost.sentences:
            assert sentence.endswith(".") and (sentence[0].isupper() or sentence[0].isdigit())
            assert sentence.count(". ") == 0, sentence
            assert not _ALARMING.search(sentence), sentence
    assert set(pattern_cost(Rota(), [], day(0), day(27)).sentences) == {NO_SHIFTS}


def test_pattern_cost_gathers_the_same_figures_as_each_function() -> None:
    rota = cycle_rota()
    cost = pattern_cost(rota, [], day(0), day(39))
    shifts = shifts_between(rota, day(0), day(39))
    assert cost.shifts == shifts
    assert cost.changeovers == quick_changeovers(shifts)
    assert cost.nights.longest == 3 and cost.nights.count == 5
    assert cost.hours.total_hours == 5 * (2 * 8 + 3 * 10)


def test_a_shift_in_one_plain_line_says_when_the_clocks_change() -> None:
    from datetime import time

    from wellbeing_app.domain.rota import PatternDay, ShiftSource, shift_from_pattern_day
    from wellbeing_app.domain.rota.wording import shift_line

    night = PatternDay.working(ShiftType.NIGHT, time(22), 10.0)
    usual = shift_from_pattern_day(date(2026, 12, 4), night, ShiftSource.PATTERN)
    assert shift_line(usual) == "Night shift, Fri 4 Dec, 22:00 to 08:00"
    autumn = shift_from_pattern_day(date(2026, 10, 24), night, ShiftSource.PATTERN)
    assert shift_line(autumn) == (
        "Night shift, Sat 24 Oct, 22:00 to 08:00. The clocks go back during this shift, "
        "so it is an hour longer than usual: 11 hours."
    )
