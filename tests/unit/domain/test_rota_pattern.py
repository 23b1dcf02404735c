"""Rota patterns: expansion across months, leap days and both clock changes, with exact hours."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from wellbeing_app.domain.catalogue import ShiftType
from wellbeing_app.domain.rota import (
    LONDON,
    InvalidRota,
    PatternDay,
    Rota,
    RotaChange,
    RotaPattern,
    Shift,
    ShiftSource,
    london_time,
    merge_imported,
    shifts_between,
)

E, L, N, R = ShiftType.EARLY, ShiftType.LATE, ShiftType.NIGHT, ShiftType.REST_DAY

EARLY = PatternDay.working(E, time(7), 8)
LATE = PatternDay.working(L, time(14), 9)
NIGHT = PatternDay.working(N, time(22), 10)
REST = PatternDay.rest_day()
# 2 earlies, 2 lates, 2 nights, 4 rest days: a common 10-day cycle.
TEN_DAY = (EARLY, EARLY, LATE, LATE, NIGHT, NIGHT, REST, REST, REST, REST)

MARCH_CHANGE = date(2026, 3, 29)  # clocks go forward at 01:00 GMT
OCTOBER_CHANGE = date(2026, 10, 25)  # clocks go back at 02:00 BST


def rota_of(days: tuple[PatternDay, ...], starts_on: date, **extra: object) -> Rota:
    return Rota(RotaPattern(days, starts_on), **extra)  # type: ignore[arg-type]


def one_shift(rota: Rota, day: date) -> Shift:
    found = shifts_between(rota, day, day)
    assert len(found) == 1, found
    return found[0]


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


# ---------------------------------------------------------------------------
# The cycle


def test_a_ten_day_cycle_repeats_across_month_ends_with_one_entry_a_day() -> None:
    rota = rota_of(TEN_DAY, date(2026, 1, 26))
    shifts = shifts_between(rota, date(2026, 1, 26), date(2026, 3, 6))
    assert [s.date for s in shifts] == [date(2026, 1, 26) + timedelta(days=i) for i in range(40)]
    types = [s.shift_type for s in shifts]
    assert types == [E, E, L, L, N, N, R, R, R, R] * 4
    # 31 January is day 5 (a night); 1 February day 6 (the first rest day).
    assert one_shift(rota, date(2026, 1, 31)).shift_type is N
    assert one_shift(rota, date(2026, 2, 1)).shift_type is R
    assert one_shift(rota, date(2026, 3, 1)).shift_type is N  # 34 days on: day 4


def test_rest_days_are_included_without_times() -> None:
    rest = one_shift(rota_of(TEN_DAY, date(2026, 1, 26)), date(2026, 2, 1))
    assert (rest.start, rest.end, rest.hours) == (None, None, None)
    assert not rest.is_worked
    assert rest.source is ShiftSource.PATTERN


def test_a_day_shift_has_london_times_and_its_length() -> None:
    early = one_shift(rota_of(TEN_DAY, date(2026, 7, 1)), date(2026, 7, 1))
    assert early.start == datetime(2026, 7, 1, 7, 0, tzinfo=LONDON)
    assert early.start is not None and early.start.utcoffset() == timedelta(hours=1)
    assert early.end == datetime(2026, 7, 1, 15, 0, tzinfo=LONDON)
    assert early.hours == 8.0
    assert early.clock_change_note is None


def test_nothing_before_the_cycle_starts() -> None:
    rota = rota_of(TEN_DAY, date(2026, 2, 1))
    shifts = shifts_between(rota, date(2026, 1, 25), date(2026, 2, 2))
    assert [s.date for s in shifts] == [date(2026, 2, 1), date(2026, 2, 2)]
    assert shifts_between(rota, date(2026, 2, 3), date(2026, 2, 2)) == ()


def test_an_overnight_shift_belongs_to_the_day_it_starts() -> None:
    rota = rota_of((NIGHT,), date(2026, 6, 1))
    night = one_shift(rota, date(2026, 6, 1))
    assert night.date == date(2026, 6, 1)
    assert night.end == datetime(2026, 6, 2, 8, 0, tzinfo=LONDON)
    assert night.hours == 10.0


def test_a_leap_day_takes_its_place_in_the_cycle() -> None:
    # 4 on, 4 off with 12-hour days; 2028-02-26 is day 0, so 29 February is day 3.
    day12 = PatternDay.working(ShiftType.DAY, time(7), 12)
    rota = rota_of((day12,) * 4 + (REST,) * 4, date(2028, 2, 26))
    leap = one_shift(rota, date(2028, 2, 29))
    assert leap.shift_type is ShiftType.DAY
    assert leap.start == datetime(2028, 2, 29, 7, 0, tzinfo=LONDON)
    assert leap.hours == 12.0
    assert one_shift(rota, date(2028, 3, 1)).shift_type is R  # day 4
    assert one_shift(rota, date(2028, 3, 4)).shift_type is R  # day 7
    assert one_shift(rota, date(2028, 3, 5)).shift_type is ShiftType.DAY  # day 0 again
    assert len(shifts_between(rota, date(2028, 2, 1), date(2028, 3, 31))) == 60 - 25


def test_a_cycle_started_on_a_leap_day_keeps_counting_in_later_years() -> None:
    rota = rota_of((EARLY, REST), date(2028, 2, 29))
    # 2029-03-01 is 366 days later: an even offset, so an early.
    assert one_shift(rota, date(2029, 3, 1)).shift_type is E
    assert one_shift(rota, date(2029, 2, 28)).shift_type is R


# ---------------------------------------------------------------------------
# Clock changes


def test_a_night_across_the_march_change_is_an_hour_shorter() -> None:
    rota = rota_of((NIGHT,), date(2026, 3, 27))
    before, across, after = shifts_between(rota, date(2026, 3, 27), MARCH_CHANGE)
    assert across.date == date(2026, 3, 28)
    assert across.start_utc == utc(2026, 3, 28, 22)  # 22:00 GMT
    assert across.end_utc == utc(2026, 3, 29, 7)  # 08:00 BST
    assert across.hours == 9.0
    assert across.clock_hours == 10.0
    assert across.clock_change_hours == -1.0
    assert across.clock_change_note == (
        "The clocks go forward during this shift, so it is an hour shorter than usual: 9 hours."
    )
    assert before.hours == 10.0 and before.clock_change_note is None
    assert after.hours == 10.0 and after.clock_change_note is None


def test_a_night_across_the_october_change_is_an_hour_longer() -> None:
    rota = rota_of((NIGHT,), date(2026, 10, 23))
    before, across, after = shifts_between(rota, date(2026, 10, 23), OCTOBER_CHANGE)
    assert across.date == date(2026, 10, 24)
    assert across.start_utc == utc(2026, 10, 24, 21)  # 22:00 BST
    assert across.end_utc == utc(2026, 10, 25, 8)  # 08:00 GMT
    assert across.end is not None and across.end.utcoffset() == timedelta(0)
    assert across.hours == 11.0
    assert across.clock_change_hours == 1.0
    assert across.clock_change_note == (
        "The clocks go back during this shift, so it is an hour longer than usual: 11 hours."
    )
    assert (before.hours, after.hours) == (10.0, 10.0)


def test_a_day_shift_on_a_change_day_is_its_usual_length() -> None:
    rota = rota_of((EARLY,), MARCH_CHANGE)
    early = one_shift(rota, MARCH_CHANGE)
    assert early.start is not None and early.start.utcoffset() == timedelta(hours=1)
    assert early.hours == 8.0
    assert one_shift(rota_of((EARLY,), OCTOBER_CHANGE), OCTOBER_CHANGE).hours == 8.0


def test_a_start_the_clocks_skip_moves_on_by_the_gap() -> None:
    # 01:30 does not exist on 29 March: read with the GMT offset, it is 02:30 BST.
    odd = PatternDay.working(ShiftType.OTHER, time(1, 30), 8)
    shift = one_shift(rota_of((odd,), MARCH_CHANGE), MARCH_CHANGE)
    assert shift.start_utc == utc(2026, 3, 29, 1, 30)
    assert shift.start is not None and (shift.start.hour, shift.start.minute) == (2, 30)
    assert shift.end == datetime(2026, 3, 29, 9, 30, tzinfo=LONDON)
    # The clock reads 02:30 to 09:30: 7 hours, by the clock and in fact.
    assert (shift.hours, shift.clock_hours) == (7.0, 7.0)


def test_a_start_that_happens_twice_is_the_first_one() -> None:
    odd = PatternDay.working(ShiftType.OTHER, time(1, 30), 8)
    shift = one_shift(rota_of((odd,), OCTOBER_CHANGE), OCTOBER_CHANGE)
    assert shift.start_utc == utc(2026, 10, 25, 0, 30)  # 01:30 BST, the first 01:30
    assert shift.start is not None and shift.start.utcoffset() == timedelta(hours=1)
    assert shift.end_utc == utc(2026, 10, 25, 9, 30)  # 09:30 GMT
    assert shift.hours == 9.0


def test_london_time_follows_rfc_5545_in_the_gap_and_the_overlap() -> None:
    assert london_time(MARCH_CHANGE, time(1, 0)).astimezone(UTC) == utc(2026, 3, 29, 1)
    assert london_time(MARCH_CHANGE, time(0, 59)).astimezone(UTC) == utc(2026, 3, 29, 0, 59)
    assert london_time(OCTOBER_CHANGE, time(1, 59)).astimezone(UTC) == utc(2026, 10, 25, 0, 59)
    assert london_time(OCTOBER_CHANGE, time(2, 0)).astimezone(UTC) == utc(2026, 10, 25, 2)


def test_shifts_an_hour_apart_on_the_october_night_are_not_equal() -> None:
    # Same clock face, different instants: equality goes by the instant.
    first = datetime(2026, 10, 25, 1, 30, tzinfo=LONDON, fold=0)
    second = datetime(2026, 10, 25, 1, 30, tzinfo=LONDON, fold=1)
    a = Shift(OCTOBER_CHANGE, ShiftType.OTHER, first, first + timedelta(hours=3))
    b = Shift(OCTOBER_CHANGE, ShiftType.OTHER, second, second + timedelta(hours=3))
    assert a != b
    assert len({a, b}) == 2


# ---------------------------------------------------------------------------
# Changes for one day


def test_a_swap_replaces_the_day() -> None:
    rota = rota_of(TEN_DAY, date(2026, 5, 4), changes=(RotaChange.swap(date(2026, 5, 4), LATE),))
    swapped = one_shift(rota, date(2026, 5, 4))
    assert swapped.shift_type is L and swapped.source is ShiftSource.CHANGE
    assert swapped.hours == 9.0 and swapped.overtime_hours == 0.0
    assert one_shift(rota, date(2026, 5, 5)).shift_type is E  # the next day is untouched


def test_overtime_extends_the_end_in_real_hours() -> None:
    rota = rota_of(
        (NIGHT,), date(2026, 10, 24), changes=(RotaChange.overtime(date(2026, 10, 24), 1.5),)
    )
    night = one_shift(rota, date(2026, 10, 24))
    assert night.hours == 12.5  # 11 hours across the change, and 1.5 more
    assert night.overtime_hours == 1.5
    assert night.end_utc == utc(2026, 10, 25, 9, 30)


def test_a_rest_day_cancelled_is_worked_and_all_overtime() -> None:
    on = date(2026, 5, 10)  # day 6: a rest day
    rota = rota_of(TEN_DAY, date(2026, 5, 4), changes=(RotaChange.rest_day_cancelled(on, EARLY),))
    worked = one_shift(rota, on)
    assert worked.shift_type is E and worked.rest_day_cancelled
    assert worked.hours == 8.0 and worked.overtime_hours == 8.0


def test_overtime_on_a_rest_day_still_counts_its_hours() -> None:
    on = date(2026, 5, 10)
    rota = rota_of(TEN_DAY, date(2026, 5, 4), changes=(RotaChange.overtime(on, 4),))
    entry = one_shift(rota, on)
    assert entry.shift_type is ShiftType.OTHER and entry.start is None
    assert entry.overtime_hours == 4.0 and entry.rest_day_cancelled


def test_a_swap_and_overtime_on_one_day_both_apply() -> None:
    on = date(2026, 5, 4)
    changes = (RotaChange.overtime(on, 2), RotaChange.swap(on, LATE))
    shift = one_shift(rota_of(TEN_DAY, on, changes=changes), on)
    assert (shift.shift_type, shift.hours, shift.overtime_hours) == (L, 11.0, 2.0)


def test_two_replacements_on_one_day_are_refused() -> None:
    on = date(2026, 5, 4)
    with pytest.raises(InvalidRota, match=r"changes\[1\]\.date"):
        rota_of(TEN_DAY, on, changes=(RotaChange.swap(on, LATE), RotaChange.swap(on, NIGHT)))


def test_imported_shifts_take_the_place_of_the_pattern_on_their_days() -> None:
    on = date(2026, 5, 4)
    start = datetime(2026, 5, 4, 9, 0, tzinfo=LONDON)
    court = Shift(
        on, ShiftType.OTHER, start, start + timedelta(hours=6), ShiftSource.ICS, ("court",)
    )
    rota = rota_of(TEN_DAY, on, imported=(court,))
    assert shifts_between(rota, on, on) == (court,)
    assert one_shift(rota, on + timedelta(days=1)).source is ShiftSource.PATTERN


# ---------------------------------------------------------------------------
# Model rules


@pytest.mark.parametrize(
    ("make", "field"),
    [
        (lambda: PatternDay(R, time(7), 8), "start"),
        (lambda: PatternDay(E, None, 8), "start"),
        (lambda: PatternDay(E, time(7), None), "hours"),
        (lambda: PatternDay(E, time(7), 0), "hours"),
        (lambda: PatternDay(E, time(7), 24.5), "hours"),
        (lambda: PatternDay(E, time(7), 8.01), "hours"),
        (lambda: PatternDay(E, time(7, 0, 30), 8), "start"),
        (lambda: RotaPattern((), date(2026, 1, 1)), "days"),
        (lambda: RotaPattern((EARLY,) * 367, date(2026, 1, 1)), "days"),
        (lambda: RotaChange.overtime(date(2026, 1, 1), 0), "overtime_hours"),
        (lambda: RotaChange.rest_day_cancelled(date(2026, 1, 1), REST), "day.shift_type"),
    ],
)
def test_the_model_refuses_days_and_changes_that_make_no_sense(make: object, field: str) -> None:
    with pytest.raises(InvalidRota) as caught:
        make()  # type: ignore[operator]
    assert caught.value.problems[0].field == field


def test_a_shift_refuses_times_that_make_no_sense() -> None:
    on = date(2026, 5, 4)
    start = datetime(2026, 5, 4, 7, 0, tzinfo=LONDON)
    with pytest.raises(InvalidRota, match="start"):
        Shift(on, R, start, start + timedelta(hours=8))
    with pytest.raises(InvalidRota, match="end"):
        Shift(on, E, start, start)
    with pytest.raises(InvalidRota, match="start"):
        Shift(on + timedelta(days=1), E, start, start + timedelta(hours=8))
    with pytest.raises(InvalidRota, match="time zone"):
        Shift(on, E, datetime(2026, 5, 4, 7), None)
    with pytest.raises(InvalidRota, match="end"):
        Shift(on, E, None, start)


def test_a_shift_given_utc_times_holds_london_ones() -> None:
    shift = Shift(date(2026, 7, 1), E, utc(2026, 7, 1, 6), utc(2026, 7, 1, 14))
    assert shift.start is not None and shift.start.tzinfo is LONDON
    assert (shift.start.hour, shift.hours) == (7, 8.0)


# ---------------------------------------------------------------------------
# Re-importing a roster file


def ics_shift(day: date, hour: int, kind: ShiftType = E) -> Shift:
    start = london_time(day, time(hour))
    return Shift(day, kind, start, start + timedelta(hours=8), ShiftSource.ICS)


def test_a_newer_file_replaces_the_future_and_keeps_the_past() -> None:
    now = datetime(2026, 6, 10, 12, 0, tzinfo=LONDON)
    old_past = ics_shift(date(2026, 6, 9), 7)
    old_running = ics_shift(date(2026, 6, 10), 7)  # began at 07:00, still going at noon
    old_future = ics_shift(date(2026, 6, 12), 7)
    new_past = ics_shift(date(2026, 6, 9), 14, L)  # the new file rewrites yesterday
    new_future = ics_shift(date(2026, 6, 12), 14, L)
    new_later = ics_shift(date(2026, 6, 20), 7)
    merged = merge_imported(
        [old_past, old_running, old_future], [new_past, new_future, new_later], now
    )
    assert merged == (old_past, old_running, new_future, new_later)


def test_a_first_import_keeps_its_history() -> None:
    now = datetime(2026, 6, 10, 12, 0, tzinfo=LONDON)
    new = [ics_shift(date(2026, 6, 1), 7), ics_shift(date(2026, 6, 11), 7)]
    assert merge_imported([], new, now) == tuple(new)


def test_a_newer_file_fills_past_days_the_old_one_never_had() -> None:
    now = datetime(2026, 6, 10, 12, 0, tzinfo=LONDON)
    old = [ics_shift(date(2026, 6, 9), 7)]
    earlier = ics_shift(date(2026, 6, 1), 7)
    assert merge_imported(old, [earlier, ics_shift(date(2026, 6, 9), 14)], now) == (
        earlier,
        old[0],
    )


def test_the_same_shift_in_both_files_appears_once() -> None:
    now = datetime(2026, 6, 10, 12, 0, tzinfo=LONDON)
    same = ics_shift(date(2026, 6, 15), 7)
    assert merge_imported([same], [same, same], now) == (same,)


def test_merging_needs_an_aware_now() -> None:
    with pytest.raises(ValueError, match="time zone"):
        merge_imported([], [], datetime(2026, 6, 10, 12))
