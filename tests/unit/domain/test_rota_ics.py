"""Reading .ics rosters: repeats, time zones, all-day rest days, shared UIDs, and bad files."""

from __future__ import annotations

import time as clock
import tracemalloc
from datetime import UTC, date, datetime, time, timedelta

import pytest

from tests.support import REPO_ROOT
from wellbeing_app.domain.catalogue import ShiftType
from wellbeing_app.domain.rota import (
    DEFAULT_MAPPING,
    LONDON,
    MAX_CALENDAR_EVENTS,
    MAX_ICS_BYTES,
    MAX_SHIFTS_READ,
    RotaFileError,
    Shift,
    ShiftMapping,
    ShiftSource,
    TimeBand,
    WordRule,
    import_window,
    read_ics,
)

FIXTURES = REPO_ROOT / "tests" / "fixtures" / "ics"
E, L, N, R, OT = (
    ShiftType.EARLY,
    ShiftType.LATE,
    ShiftType.NIGHT,
    ShiftType.REST_DAY,
    ShiftType.OTHER,
)
YEAR = {"first": date(2026, 1, 1), "last": date(2026, 12, 31)}


def calendar(*events: str) -> bytes:
    """A calendar around ``events`` (each the lines between BEGIN:VEVENT and END:VEVENT)."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Took Home tests//EN"]
    for number, body in enumerate(events):
        lines.append("BEGIN:VEVENT")
        if "UID:" not in body:
            lines.append(f"UID:event-{number}@tests")
        lines.extend(line.strip() for line in body.strip().splitlines())
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def read(data: bytes, **window: date) -> tuple[Shift, ...]:
    return read_ics(data, **{**YEAR, **window})  # type: ignore[arg-type]


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


# ---------------------------------------------------------------------------
# Repeats: RRULE, EXDATE, RDATE and a RECURRENCE-ID override (fixture file)


def test_repeats_exceptions_extra_dates_and_an_override_all_apply() -> None:
    shifts = read(fixture("repeating_roster.ics"))
    worked = [(s.date, s.shift_type, s.tags) for s in shifts]
    assert worked == [
        (date(2026, 1, 5), E, ()),
        (date(2026, 1, 10), R, ()),
        (date(2026, 1, 12), E, ()),
        (date(2026, 1, 13), OT, ("court",)),
        # 19 January is an EXDATE: no early that Monday.
        (date(2026, 1, 17), R, ()),
        (date(2026, 1, 24), R, ()),
        (date(2026, 1, 26), E, ()),
        (date(2026, 2, 2), L, ()),  # the override moved this one to a late
        (date(2026, 2, 9), E, ()),
        (date(2026, 2, 14), E, ()),  # the RDATE, a Saturday
    ]
    swapped = shifts[7]
    assert swapped.start == datetime(2026, 2, 2, 14, 0, tzinfo=LONDON)
    assert swapped.hours == 9.0
    assert all(s.source is ShiftSource.ICS for s in shifts)


def test_only_the_window_is_expanded() -> None:
    shifts = read(fixture("repeating_roster.ics"), first=date(2026, 1, 20), last=date(2026, 2, 3))
    assert [s.date for s in shifts] == [date(2026, 1, 24), date(2026, 1, 26), date(2026, 2, 2)]


def test_an_endless_repeat_stops_at_the_window() -> None:
    data = calendar(
        """DTSTART;TZID=Europe/London:20200106T070000
        DTEND;TZID=Europe/London:20200106T150000
        RRULE:FREQ=WEEKLY
        SUMMARY:Early"""
    )
    shifts = read(data, first=date(2026, 1, 1), last=date(2026, 1, 31))
    assert [s.date.day for s in shifts] == [5, 12, 19, 26]  # the Mondays


# ---------------------------------------------------------------------------
# Time zones


def test_a_vtimezone_block_gives_real_hours_across_both_clock_changes() -> None:
    shifts = read(fixture("outlook_vtimezone.ics"))
    nights = {s.date: s for s in shifts if s.shift_type is N}
    march = nights[date(2026, 3, 28)]  # 22:00 GMT to 07:00 BST
    assert march.start_utc == utc(2026, 3, 28, 22)
    assert march.end_utc == utc(2026, 3, 29, 6)
    assert march.hours == 8.0 and march.clock_change_hours == -1.0
    assert "an hour shorter" in (march.clock_change_note or "")
    october = nights[date(2026, 10, 24)]  # 22:00 BST to 07:00 GMT
    assert october.start_utc == utc(2026, 10, 24, 21)
    assert october.end_utc == utc(2026, 10, 25, 7)
    assert october.hours == 10.0 and october.clock_change_hours == 1.0
    assert "an hour longer" in (october.clock_change_note or "")
    assert nights[date(2026, 3, 27)].hours == 9.0
    assert nights[date(2026, 10, 25)].hours == 9.0


def test_a_midnight_to_midnight_event_is_read_as_a_whole_day() -> None:
    shifts = read(fixture("outlook_vtimezone.ics"))
    leave = [s for s in shifts if s.date == date(2026, 11, 2)]
    assert [(s.shift_type, s.start) for s in leave] == [(R, None)]  # "Annual leave"


def test_floating_times_are_london_wall_clock_times() -> None:
    data = calendar(
        "DTSTART:20260701T070000\nDTEND:20260701T150000\nSUMMARY:Early",
        "DTSTART:20260105T070000\nDTEND:20260105T150000\nSUMMARY:Early",
    )
    winter, summer = read(data)
    assert winter.start_utc == utc(2026, 1, 5, 7)  # GMT
    assert summer.start_utc == utc(2026, 7, 1, 6)  # BST
    assert summer.start is not None and summer.start.hour == 7


def test_a_floating_time_the_clocks_skip_follows_the_same_rule_as_a_pattern() -> None:
    data = calendar("DTSTART:20260329T013000\nDTEND:20260329T093000\nSUMMARY:Night")
    (shift,) = read(data)
    assert shift.start_utc == utc(2026, 3, 29, 1, 30)
    assert shift.hours == 7.0


def test_utc_times_are_converted_to_london() -> None:
    data = calendar("DTSTART:20260701T060000Z\nDURATION:PT8H\nSUMMARY:Shift")
    (shift,) = read(data)
    assert shift.start == datetime(2026, 7, 1, 7, 0, tzinfo=LONDON)
    assert shift.hours == 8.0
    assert shift.shift_type is E  # by its London start time, 07:00


def test_an_unknown_tzid_is_read_as_london_time() -> None:
    data = calendar(
        "DTSTART;TZID=Force/Roster:20260701T070000\nDTEND;TZID=Force/Roster:20260701T150000"
    )
    (shift,) = read(data)
    assert shift.start_utc == utc(2026, 7, 1, 6)


# ---------------------------------------------------------------------------
# Whose day, all-day events, events without an end


def test_an_event_crossing_midnight_belongs_to_its_start_date() -> None:
    data = calendar("DTSTART:20260612T220000\nDTEND:20260613T070000\nSUMMARY:Late turn")
    (shift,) = read(data)
    assert shift.date == date(2026, 6, 12)
    assert shift.hours == 9.0
    assert shift.shift_type is L  # "Late" in the summary beats its 22:00 start


def test_all_day_events_are_rest_days_unless_a_word_says_otherwise() -> None:
    data = calendar(
        "DTSTART;VALUE=DATE:20260601\nSUMMARY:Rest day",
        "DTSTART;VALUE=DATE:20260602\nDTEND;VALUE=DATE:20260603",
        "DTSTART;VALUE=DATE:20260603\nDTEND;VALUE=DATE:20260604\nSUMMARY:Court",
        "DTSTART;VALUE=DATE:20260605\nDTEND;VALUE=DATE:20260608\nSUMMARY:Annual leave",
    )
    found = [(s.date.day, s.shift_type, s.tags, s.start, s.hours) for s in read(data)]
    assert found == [
        (1, R, (), None, None),
        (2, R, (), None, None),
        (3, OT, ("court",), None, None),
        (5, R, (), None, None),
        (6, R, (), None, None),
        (7, R, (), None, None),  # DTEND is exclusive: not the 8th
    ]


def test_a_timed_rest_day_loses_its_times() -> None:
    data = calendar("DTSTART:20260601T090000\nDTEND:20260601T170000\nSUMMARY:RD")
    (shift,) = read(data)
    assert (shift.shift_type, shift.start, shift.end) == (R, None, None)


def test_an_event_without_an_end_keeps_its_start() -> None:
    data = calendar("DTSTART:20260601T070000\nSUMMARY:Early")
    (shift,) = read(data)
    assert shift.start == datetime(2026, 6, 1, 7, 0, tzinfo=LONDON)
    assert (shift.end, shift.hours) == (None, None)


def test_an_event_longer_than_a_day_covers_each_of_its_days() -> None:
    data = calendar("DTSTART:20260601T080000\nDTEND:20260603T080000\nSUMMARY:On call")
    found = [(s.date.day, s.shift_type, s.start) for s in read(data)]
    assert found == [
        (1, ShiftType.ON_CALL, None),
        (2, ShiftType.ON_CALL, None),
        (3, ShiftType.ON_CALL, None),
    ]


def test_cancelled_events_and_cancelled_instances_are_left_out() -> None:
    data = calendar(
        "DTSTART:20260601T070000\nDTEND:20260601T150000\nSTATUS:CANCELLED\nSUMMARY:Early",
        """UID:weekly@tests
        DTSTART:20260602T070000
        DTEND:20260602T150000
        RRULE:FREQ=DAILY;COUNT=3
        SUMMARY:Early""",
        """UID:weekly@tests
        RECURRENCE-ID:20260603T070000
        DTSTART:20260603T070000
        DTEND:20260603T150000
        STATUS:CANCELLED
        SUMMARY:Early""",
    )
    assert [s.date.day for s in read(data)] == [2, 4]


# ---------------------------------------------------------------------------
# Shared UIDs


def test_an_exact_duplicate_event_appears_once() -> None:
    body = "UID:same@tests\nDTSTART:20260601T070000\nDTEND:20260601T150000\nSUMMARY:Early"
    assert len(read(calendar(body, body))) == 1


def test_the_same_shift_under_two_uids_appears_once() -> None:
    body = "DTSTART:20260601T070000\nDTEND:20260601T150000\nSUMMARY:Early"
    assert len(read(calendar(body, body))) == 1  # each gets its own UID from the helper


def test_a_higher_sequence_is_the_newer_version() -> None:
    data = calendar(
        "UID:moved@tests\nSEQUENCE:2\nDTSTART:20260601T140000\nDTEND:20260601T230000\nSUMMARY:Late",
        "UID:moved@tests\nSEQUENCE:1\nDTSTART:20260601T070000\nDTEND:20260601T150000\nSUMMARY:Early",
    )
    (shift,) = read(data)
    assert shift.shift_type is L


def test_a_uid_reused_for_different_shifts_keeps_them_all() -> None:
    data = calendar(
        "UID:roster@tests\nDTSTART:20260601T070000\nDTEND:20260601T150000\nSUMMARY:Early",
        "UID:roster@tests\nDTSTART:20260602T140000\nDTEND:20260602T230000\nSUMMARY:Late",
        "UID:roster@tests\nDTSTART:20260603T220000\nDTEND:20260604T070000\nSUMMARY:Night",
    )
    assert [(s.date.day, s.shift_type) for s in read(data)] == [(1, E), (2, L), (3, N)]


def test_events_without_a_uid_are_all_kept() -> None:
    text = calendar("DTSTART:20260601T070000\nSUMMARY:Early", "DTSTART:20260602T070000")
    text = b"".join(line for line in text.splitlines(keepends=True) if not line.startswith(b"UID:"))
    assert [s.date.day for s in read(text)] == [1, 2]


def test_several_calendars_in_one_file_are_all_read() -> None:
    first = calendar("DTSTART:20260601T070000\nSUMMARY:Early")
    second = calendar("UID:other@tests\nDTSTART:20260602T140000\nSUMMARY:Late")
    assert [s.date.day for s in read(first + second)] == [1, 2]


def test_a_utf16_file_with_a_byte_order_mark_is_read() -> None:
    text = calendar("DTSTART:20260601T070000\nSUMMARY:Café early").decode("utf-8")
    (shift,) = read(text.encode("utf-16"))
    assert shift.shift_type is E


# ---------------------------------------------------------------------------
# Mapping rules


@pytest.mark.parametrize(
    ("summary", "expected"),
    [
        ("Nights", (N, ())),
        ("NIGHT SHIFT", (N, ())),
        ("RD", (R, ())),
        ("Rest day", (R, ())),
        ("rd (swapped)", (R, ())),
        ("Court", (OT, ("court",))),
        ("Court (RD)", (OT, ("court",))),  # court on a rest day is still work
        ("Early turn", (E, ())),
        ("late", (L, ())),
        ("On call", (ShiftType.ON_CALL, ())),
        ("Training day", (ShiftType.TRAINING, ())),
        ("Nightingale ward visit", (L, ())),  # not the word "Night": by its 14:00 start
        ("3RD floor", (L, ())),  # not the word "RD"
        ("", (L, ())),
    ],
)
def test_default_words_match_whole_words_in_any_case(
    summary: str, expected: tuple[ShiftType, tuple[str, ...]]
) -> None:
    assert DEFAULT_MAPPING.shift_for(summary, time(14, 0)) == expected


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        (time(4, 59), N),
        (time(5, 0), E),
        (time(10, 59), E),
        (time(11, 0), L),
        (time(17, 59), L),
        (time(18, 0), N),
        (time(0, 0), N),
        (time(10, 59, 59), E),  # seconds do not count
    ],
)
def test_default_time_bands_meet_exactly_at_their_edges(start: time, expected: ShiftType) -> None:
    assert DEFAULT_MAPPING.shift_for("Shift", start) == (expected, ())


def test_an_all_day_event_with_no_matching_word_is_a_rest_day() -> None:
    assert DEFAULT_MAPPING.shift_for("Dentist", None) == (R, ())
    assert DEFAULT_MAPPING.shift_for("Nights", None) == (N, ())


def test_user_rules_are_read_in_order_and_replace_the_defaults() -> None:
    mapping = ShiftMapping(
        (
            WordRule(("Day",), ShiftType.DAY),
            WordRule(("Scene guard", "Constant watch"), OT, "constant watch"),
        ),
        (TimeBand(time(6), time(19, 59), ShiftType.DAY),),
    )
    assert mapping.shift_for("Day shift", time(7)) == (ShiftType.DAY, ())
    assert mapping.shift_for("scene   GUARD", time(7)) == (OT, ("constant watch",))
    assert mapping.shift_for("Nights", time(21)) == (OT, ())  # no rule, no band
    data = calendar("DTSTART:20260601T070000\nDTEND:20260601T190000\nSUMMARY:Early")
    (shift,) = read_ics(data, mapping=mapping, **YEAR)
    assert shift.shift_type is ShiftType.DAY  # "Early" means nothing to these rules


def test_mapping_rules_refuse_bad_words_and_bands() -> None:
    from wellbeing_app.domain.rota import InvalidRota

    with pytest.raises(InvalidRota, match="words"):
        WordRule((), E)
    with pytest.raises(InvalidRota, match=r"words\[0\]"):
        WordRule((" Early",), E)
    with pytest.raises(InvalidRota, match="tag"):
        WordRule(("Court",), OT, "a;b")
    with pytest.raises(InvalidRota, match="shift_type"):
        TimeBand(time(0), time(1), R)


# ---------------------------------------------------------------------------
# Bad files: one plain line, and nothing quoted from the file


def one_line_error(data: bytes, **window: date) -> str:
    with pytest.raises(RotaFileError) as caught:
        read(data, **window)
    message = str(caught.value)
    assert "\n" not in message and message.endswith(".")
    return message


def test_an_empty_file_is_refused() -> None:
    assert one_line_error(b"") == "The file is empty."
    assert one_line_error(b"  \r\n") == "The file is empty."


def test_a_file_that_is_not_a_calendar_is_refused() -> None:
    assert "not a calendar file" in one_line_error(b"Name,Date\nEarly,2026-06-01\n")


def test_a_malformed_calendar_is_refused_without_quoting_it() -> None:
    data = b"BEGIN:VCALENDAR\r\nthis line is private and broken\r\nEND:VCALENDAR\r\n"
    message = one_line_error(data)
    assert "damaged" in message and "private" not in message


def test_an_unreadable_start_names_the_event_and_the_property() -> None:
    data = calendar("DTSTART:20260601T070000\nSUMMARY:Early", "DTSTART:tomorrow\nSUMMARY:Secret")
    message = one_line_error(data)
    assert message == (
        "Event 2 in the calendar file has a time or repeat (DTSTART) that cannot be read."
    )


def test_an_event_without_a_start_is_refused() -> None:
    assert "no start" in one_line_error(calendar("SUMMARY:Early"))


def test_a_calendar_without_events_is_refused() -> None:
    empty = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"
    assert one_line_error(empty) == "The calendar file has no events in it."


def test_events_only_outside_the_window_are_no_events() -> None:
    data = calendar("DTSTART:20200601T070000\nSUMMARY:Early")
    assert one_line_error(data) == (
        "The calendar file has no events between 1 January and 31 December 2026."
    )


def test_a_repeat_more_often_than_daily_is_refused() -> None:
    data = calendar("DTSTART:20260601T070000\nRRULE:FREQ=MINUTELY\nSUMMARY:Early")
    assert "more often than daily" in one_line_error(data)


def test_far_too_many_shifts_in_the_window_are_refused() -> None:
    bodies = [
        f"DTSTART:2026010{1 + i % 9}T{i % 24:02d}0000\nRRULE:FREQ=DAILY\nSUMMARY:Shift"
        for i in range(MAX_SHIFTS_READ // 300)
    ]
    assert f"more than {MAX_SHIFTS_READ:,}" in one_line_error(calendar(*bodies))


def test_far_too_many_event_blocks_are_refused_before_parsing() -> None:
    block = b"BEGIN:VEVENT\r\nEND:VEVENT\r\n"
    data = b"BEGIN:VCALENDAR\r\n" + block * (MAX_CALENDAR_EVENTS + 1) + b"END:VCALENDAR\r\n"
    started = clock.perf_counter()
    assert f"more than {MAX_CALENDAR_EVENTS:,} events" in one_line_error(data)
    assert clock.perf_counter() - started < 2.0


def test_a_20_mb_file_is_refused_at_once_in_bounded_memory() -> None:
    one = calendar("DTSTART:20260601T070000\nDTEND:20260601T150000\nSUMMARY:Early")
    body = one[one.index(b"BEGIN:VEVENT") : one.index(b"END:VCALENDAR")]
    data = one[: one.index(b"BEGIN:VEVENT")] + body * (20_000_000 // len(body) + 1)
    data += b"END:VCALENDAR\r\n"
    assert len(data) > 20_000_000 > MAX_ICS_BYTES
    tracemalloc.start()
    started = clock.perf_counter()
    try:
        message = one_line_error(data)
        elapsed = clock.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert message == "The file is too large for a rota: 20.0 MB, and the limit is 10 MB."
    assert elapsed < 0.5
    assert peak < 1_000_000  # no copy, no parse: well under the file's own size


def test_the_byte_limit_is_exact() -> None:
    at_limit = b"x" * MAX_ICS_BYTES
    assert "not a calendar file" in one_line_error(at_limit)
    assert "too large" in one_line_error(at_limit + b"x")


def test_the_import_window_is_about_a_year_either_side() -> None:
    first, last = import_window(date(2026, 6, 1))
    assert first == date(2026, 6, 1) - timedelta(days=366)
    assert last == date(2026, 6, 1) + timedelta(days=366)
