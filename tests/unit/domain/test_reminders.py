"""Reminder timing with a fake clock: due, snoozed, not today, quiet hours, checked in."""

from __future__ import annotations

from dataclasses import fields
from datetime import UTC, date, datetime, time, timedelta

import pytest

from wellbeing_app.domain.catalogue import ShiftType
from wellbeing_app.domain.reminders import (
    REMINDER_TEXTS,
    REMINDER_TITLE,
    CheckInMark,
    Dismissals,
    Reminder,
    ReminderKind,
    ReminderPlan,
    ReminderSettings,
    ShiftTimes,
    not_today,
    reminder_plan,
    shift_times,
    snooze,
)
from wellbeing_app.domain.rota import (
    LONDON,
    PatternDay,
    Rota,
    RotaPattern,
    ShiftSource,
    london_time,
    shift_from_pattern_day,
    shifts_between,
)

SETTINGS = ReminderSettings()
PATTERN = ShiftSource.PATTERN
NONE = Dismissals()


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return london_time(day, time(hour, minute))


def rota() -> Rota:
    """Two earlies (07:00, 10 h), two lates (14:00, 10 h), two nights (22:00, 10 h), 4 rest."""
    early = PatternDay.working(ShiftType.EARLY, time(7, 0), 10)
    late = PatternDay.working(ShiftType.LATE, time(14, 0), 10)
    night = PatternDay.working(ShiftType.NIGHT, time(22, 0), 10)
    rest = PatternDay.rest_day()
    days = (early, early, late, late, night, night, rest, rest, rest, rest)
    return Rota(pattern=RotaPattern(days, date(2026, 3, 2)))


def shifts(first: date = date(2026, 3, 2), last: date = date(2026, 3, 31)) -> list[ShiftTimes]:
    return list(shift_times(shifts_between(rota(), first, last)))


def plan(
    now: datetime,
    *,
    marks: tuple[CheckInMark, ...] = (),
    settings: ReminderSettings = SETTINGS,
    dismissals: Dismissals = NONE,
    timed: list[ShiftTimes] | None = None,
) -> ReminderPlan:
    return reminder_plan(shifts() if timed is None else timed, marks, settings, dismissals, now)


# -- the end-of-shift reminder --------------------------------------------------------------


def test_shift_times_leave_out_rest_days_and_keep_order() -> None:
    timed = shifts(date(2026, 3, 2), date(2026, 3, 11))
    assert [t.day for t in timed] == [date(2026, 3, d) for d in (2, 3, 4, 5, 6, 7)]
    assert timed[0].end == at(date(2026, 3, 2), 17)


def test_due_30_minutes_after_the_rostered_end_and_not_a_minute_before() -> None:
    end = at(date(2026, 3, 2), 17)
    before = plan(end + timedelta(minutes=29))
    assert before.due is None
    assert before.next_at == end + timedelta(minutes=30)
    due = plan(end + timedelta(minutes=30)).due
    assert due is not None and due.kind is ReminderKind.END_OF_SHIFT
    assert due.at == end + timedelta(minutes=30)


def test_the_minutes_after_are_the_users() -> None:
    end = at(date(2026, 3, 2), 17)
    settings = ReminderSettings(minutes_after=90)
    assert plan(end + timedelta(minutes=89), settings=settings).due is None
    assert plan(end + timedelta(minutes=90), settings=settings).due is not None


def test_off_means_no_end_of_shift_reminder() -> None:
    end = at(date(2026, 3, 2), 17)
    off = plan(end + timedelta(hours=1), settings=ReminderSettings(end_of_shift=False))
    assert off == ReminderPlan(None, None)


def test_no_reminder_once_that_shifts_check_in_exists() -> None:
    end = at(date(2026, 3, 2), 17)
    made_after = CheckInMark(date(2026, 3, 2), end + timedelta(minutes=10))
    assert plan(end + timedelta(hours=1), marks=(made_after,)).due is None
    # Written a day later but dated the shift's day: it still counts.
    backfilled = CheckInMark(date(2026, 3, 2), end + timedelta(days=1))
    assert plan(end + timedelta(hours=1), marks=(backfilled,)).due is None
    # Yesterday's check-in is not this shift's.
    yesterday = CheckInMark(date(2026, 3, 1), at(date(2026, 3, 1), 20))
    assert plan(end + timedelta(hours=1), marks=(yesterday,)).due is not None


def test_a_night_shifts_check_in_made_next_morning_counts() -> None:
    night_end = at(date(2026, 3, 7), 8)  # the night of the 6th ends at 08:00 on the 7th
    morning = CheckInMark(date(2026, 3, 7), night_end + timedelta(minutes=5))
    assert plan(night_end + timedelta(minutes=30)).due is not None
    assert plan(night_end + timedelta(minutes=30), marks=(morning,)).due is None
    # Dated the 7th but written before the night began: the day before's, not the night's.
    earlier = CheckInMark(date(2026, 3, 7), at(date(2026, 3, 6), 21))
    assert plan(night_end + timedelta(minutes=30), marks=(earlier,)).due is not None


def test_a_check_in_for_another_day_written_during_a_shift_is_not_its_check_in() -> None:
    end = at(date(2026, 3, 3), 17)
    catching_up = CheckInMark(date(2026, 3, 2), at(date(2026, 3, 3), 12))
    assert plan(end + timedelta(minutes=30), marks=(catching_up,)).due is not None


def test_the_reminder_lapses_when_the_next_shift_starts_or_after_12_hours() -> None:
    end = at(date(2026, 3, 2), 17)
    assert plan(end + timedelta(hours=11, minutes=59)).due is not None
    assert plan(end + timedelta(hours=12)).due is None
    # The early of the 3rd starts 14 hours after the 2nd's ends; a quick changeover lapses sooner.
    first = ShiftTimes(at(date(2026, 3, 2), 14), at(date(2026, 3, 2), 22))
    second = ShiftTimes(at(date(2026, 3, 3), 6), at(date(2026, 3, 3), 14))
    assert plan(at(date(2026, 3, 3), 5, 59), timed=[first, second]).due is not None
    assert plan(at(date(2026, 3, 3), 6), timed=[first, second]).due is None


def test_next_at_is_the_next_shifts_reminder_when_nothing_is_due() -> None:
    now = at(date(2026, 3, 2), 9)
    assert plan(now) == ReminderPlan(None, at(date(2026, 3, 2), 17, 30))
    assert plan(at(date(2026, 3, 31), 23), timed=shifts(last=date(2026, 3, 10))).next_at is None


def test_across_the_march_clock_change_the_end_is_the_real_one() -> None:
    # The night of 28 March 2026 (22:00 GMT) ends 08:00 BST on the 29th: 9 real hours.
    pattern = PatternDay.working(ShiftType.NIGHT, time(22, 0), 10)
    night = list(shift_times([shift_from_pattern_day(date(2026, 3, 28), pattern, PATTERN)]))
    assert night[0].end == at(date(2026, 3, 29), 8)
    assert night[0].end.astimezone(UTC) - night[0].start.astimezone(UTC) == timedelta(hours=9)
    due = plan(at(date(2026, 3, 29), 8, 30), timed=night).due
    assert due is not None
    assert due.at.astimezone(UTC) == datetime(2026, 3, 29, 7, 30, tzinfo=UTC)


# -- snooze and "not today" -----------------------------------------------------------------


def test_snooze_puts_it_off_for_an_hour() -> None:
    end = at(date(2026, 3, 2), 17)
    now = end + timedelta(minutes=30)
    due = plan(now).due
    assert due is not None
    later = snooze(NONE, due, now)
    assert plan(now, dismissals=later).due is None
    assert plan(now, dismissals=later).next_at == now + timedelta(hours=1)
    assert plan(now + timedelta(minutes=59), dismissals=later).due is None
    again = plan(now + timedelta(hours=1), dismissals=later).due
    assert again is not None and again.key == due.key and again.at == now + timedelta(hours=1)


def test_not_today_waits_until_midnight_in_london() -> None:
    end = at(date(2026, 3, 2), 17)
    now = end + timedelta(minutes=30)
    put_off = not_today(NONE, now)
    assert put_off.not_before == at(date(2026, 3, 3), 0)
    assert plan(now + timedelta(hours=4), dismissals=put_off).due is None
    # Tomorrow's shift still reminds.
    tomorrow = plan(at(date(2026, 3, 3), 17, 30), dismissals=put_off).due
    assert tomorrow is not None and tomorrow.at == at(date(2026, 3, 3), 17, 30)


# -- quiet hours ----------------------------------------------------------------------------

QUIET = ReminderSettings(quiet_hours=True, quiet_from=time(22, 0), quiet_until=time(7, 0))


def test_a_reminder_in_quiet_hours_waits_for_their_end() -> None:
    late_end = at(date(2026, 3, 4), 23, 59)  # 14:00 + 10 h = 00:00; minus a minute for clarity
    late = [ShiftTimes(at(date(2026, 3, 4), 14), late_end)]
    quiet_now = plan(late_end + timedelta(minutes=31), timed=late, settings=QUIET)
    assert quiet_now.due is None
    assert quiet_now.next_at == at(date(2026, 3, 5), 7)
    morning = plan(at(date(2026, 3, 5), 7), timed=late, settings=QUIET).due
    assert morning is not None and morning.at == at(date(2026, 3, 5), 7)
    # Without quiet hours it comes at once.
    assert plan(late_end + timedelta(minutes=31), timed=late).due is not None


def test_quiet_hours_within_one_day_and_at_their_edges() -> None:
    daytime = ReminderSettings(quiet_hours=True, quiet_from=time(9, 0), quiet_until=time(15, 0))
    night_end = at(date(2026, 3, 7), 8)  # the night of the 6th; reminder at 08:30
    night = [ShiftTimes(at(date(2026, 3, 6), 22), night_end)]
    assert plan(at(date(2026, 3, 7), 8, 30), timed=night, settings=daytime).due is not None
    ends_later = [ShiftTimes(at(date(2026, 3, 6), 23), at(date(2026, 3, 7), 8, 30))]
    held = plan(at(date(2026, 3, 7), 9), timed=ends_later, settings=daytime)
    assert held.due is None and held.next_at == at(date(2026, 3, 7), 15)


def test_quiet_hours_that_outlast_the_window_mean_no_reminder() -> None:
    all_night = ReminderSettings(quiet_hours=True, quiet_from=time(17, 0), quiet_until=time(16, 0))
    end = at(date(2026, 3, 2), 17)
    only = shifts(last=date(2026, 3, 2))
    result = plan(end + timedelta(minutes=30), settings=all_night, timed=only)
    assert result == ReminderPlan(None, None)


def test_equal_quiet_times_mean_no_quiet_hours() -> None:
    same = ReminderSettings(quiet_hours=True, quiet_from=time(22, 0), quiet_until=time(22, 0))
    assert plan(at(date(2026, 3, 2), 17, 30), settings=same).due is not None


# -- follow-ups after a tagged check-in -----------------------------------------------------

TAGGED_AT = at(date(2026, 3, 10), 9)
TAGGED = CheckInMark(date(2026, 3, 10), TAGGED_AT, tagged=True)
FOLLOW = ReminderSettings(follow_ups=True, end_of_shift=False)


def test_follow_ups_about_72_hours_and_a_month_after_a_tagged_check_in() -> None:
    three_days = TAGGED_AT + timedelta(hours=72)
    assert plan(three_days - timedelta(minutes=1), marks=(TAGGED,), settings=FOLLOW) == (
        ReminderPlan(None, three_days)
    )
    due = plan(three_days, marks=(TAGGED,), settings=FOLLOW).due
    assert due is not None and due.kind is ReminderKind.FOLLOW_UP_DAYS
    month = TAGGED_AT + timedelta(days=30)
    after_window = plan(three_days + timedelta(days=2), marks=(TAGGED,), settings=FOLLOW)
    assert after_window == ReminderPlan(None, month)
    due = plan(month, marks=(TAGGED,), settings=FOLLOW).due
    assert due is not None and due.kind is ReminderKind.FOLLOW_UP_MONTH
    assert plan(month + timedelta(days=7), marks=(TAGGED,), settings=FOLLOW).due is None


def test_follow_ups_only_if_wanted_and_only_after_a_tag() -> None:
    three_days = TAGGED_AT + timedelta(hours=72)
    assert plan(three_days, marks=(TAGGED,), settings=ReminderSettings(end_of_shift=False)) == (
        ReminderPlan(None, None)
    )
    untagged = CheckInMark(date(2026, 3, 10), TAGGED_AT)
    assert plan(three_days, marks=(untagged,), settings=FOLLOW) == ReminderPlan(None, None)


def test_a_check_in_about_then_is_the_follow_up() -> None:
    three_days = TAGGED_AT + timedelta(hours=72)
    recent = CheckInMark(date(2026, 3, 12), three_days - timedelta(hours=23))
    assert plan(three_days, marks=(TAGGED, recent), settings=FOLLOW).due is None
    too_early = CheckInMark(date(2026, 3, 11), three_days - timedelta(hours=25))
    assert plan(three_days, marks=(TAGGED, too_early), settings=FOLLOW).due is not None


def test_the_end_of_shift_reminder_comes_before_a_follow_up() -> None:
    end = at(date(2026, 3, 13), 17, 0)
    both = ReminderSettings(follow_ups=True)
    timed = [ShiftTimes(at(date(2026, 3, 13), 7), end)]
    due = plan(end + timedelta(minutes=30), marks=(TAGGED,), settings=both, timed=timed).due
    assert due is not None and due.kind is ReminderKind.END_OF_SHIFT


# -- the words ------------------------------------------------------------------------------

SENTINEL = "ZQX-sentinel-took-home"


@pytest.mark.parametrize("kind", list(ReminderKind))
def test_every_kind_has_fixed_neutral_words_without_content(kind: ReminderKind) -> None:
    """Each kind, made due from check-ins and shifts full of the sentinel's neighbours: the
    words are the fixed text, which names no content, score or incident."""
    end = at(date(2026, 3, 13), 17, 0)
    timed = [ShiftTimes(at(date(2026, 3, 13), 7), end)]
    moments = {
        ReminderKind.END_OF_SHIFT: end + timedelta(minutes=30),
        ReminderKind.FOLLOW_UP_DAYS: TAGGED_AT + timedelta(hours=72),
        ReminderKind.FOLLOW_UP_MONTH: TAGGED_AT + timedelta(days=30),
    }
    settings = ReminderSettings(follow_ups=True, end_of_shift=kind is ReminderKind.END_OF_SHIFT)
    due = plan(moments[kind], marks=(TAGGED,), settings=settings, timed=timed).due
    assert due is not None and due.kind is kind
    assert due.title == REMINDER_TITLE == "Took Home"
    assert due.text == REMINDER_TEXTS[kind]
    words = f"{due.title} {due.text}".casefold()
    assert not any(ch.isdigit() for ch in words)
    for never in ("mood", "score", "stress", "incident", "exposure", "assault", "took home:"):
        assert never not in words
    # The key names times only.
    assert SENTINEL not in due.key and "tag" not in due.key


def test_a_mark_cannot_carry_words() -> None:
    """What timing knows of a check-in has no field for text: content cannot reach a reminder."""
    assert {f.name for f in fields(CheckInMark)} == {"date", "created_at", "tagged"}
    assert {f.name for f in fields(Reminder)} == {"kind", "key", "at"}


# -- settings records -----------------------------------------------------------------------


def test_settings_round_trip_and_bad_fields_fall_back() -> None:
    chosen = ReminderSettings(
        end_of_shift=False,
        minutes_after=45,
        quiet_hours=True,
        quiet_from=time(23, 30),
        quiet_until=time(6, 15),
        follow_ups=True,
        when_locked=True,
    )
    assert ReminderSettings.from_record(chosen.to_record()) == chosen
    odd = {
        "minutes_after": 999,
        "quiet_from": "25:00",
        "quiet_until": 7,
        "follow_ups": "yes",
        "end_of_shift": None,
    }
    assert ReminderSettings.from_record(odd) == ReminderSettings()
    assert ReminderSettings.from_record(["not", "a", "mapping"]) == ReminderSettings()
    assert ReminderSettings.from_record({"minutes_after": True}) == ReminderSettings()


def test_shift_times_refuse_naive_and_backwards_times() -> None:
    with pytest.raises(ValueError, match="time zone"):
        ShiftTimes(datetime(2026, 3, 2, 7), datetime(2026, 3, 2, 17))
    with pytest.raises(ValueError, match="after it starts"):
        ShiftTimes(at(date(2026, 3, 2), 17), at(date(2026, 3, 2), 7))
    with pytest.raises(ValueError, match="time zone"):
        reminder_plan([], [], SETTINGS, NONE, datetime(2026, 3, 2, 7))


def test_london_is_the_zone_of_what_is_shown() -> None:
    due = plan(at(date(2026, 3, 2), 17, 30)).due
    assert due is not None and due.at.tzinfo == LONDON
