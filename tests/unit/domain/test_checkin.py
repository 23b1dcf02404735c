"""The check-in rules: what ``checkin_from_record`` accepts, what it refuses, and how it says so."""

from __future__ import annotations

import math
import uuid
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wellbeing_app.domain.catalogue import ACTIVITIES, EXPOSURES, ShiftType
from wellbeing_app.domain.checkin import (
    EARLIEST_DATE,
    FIELDS,
    HOURS_FIELDS,
    HOURS_RANGE,
    LATEST_DATE_AHEAD,
    MAX_TAG_CHARS,
    MAX_TAGS,
    MAX_TEXT_CHARS,
    SCORE_FIELDS,
    SCORE_RANGE,
    TAG_SEPARATOR,
    CheckIn,
    InvalidCheckIn,
    checkin_from_record,
    checkin_to_record,
    validate_checkin,
)

TODAY = date(2026, 11, 24)
LATEST = TODAY + LATEST_DATE_AHEAD
DAY = "2026-11-20"
NOW = datetime(2026, 11, 20, 21, 15, tzinfo=UTC)


def _record(**fields: object) -> dict[str, object]:
    """A minimal valid record with ``fields`` added or replaced."""
    return {"date": DAY, "mood": SCORE_RANGE.low, **fields}


def _build(**fields: object) -> CheckIn:
    return checkin_from_record(_record(**fields), today=TODAY, now=NOW)


def _refused(record: dict[str, object]) -> InvalidCheckIn:
    with pytest.raises(InvalidCheckIn) as caught:
        checkin_from_record(record, today=TODAY, now=NOW)
    return caught.value


def _fields(error: InvalidCheckIn) -> list[str]:
    return [p.field for p in error.problems]


def _full_record() -> dict[str, object]:
    exposure = sorted(EXPOSURES)[0]
    activities = sorted(ACTIVITIES)[:2]
    return {
        "id": "0b7c1f9e-3d4a-4c61-9f3e-2a1b5c6d7e8f",
        "date": DAY,
        "shift_type": ShiftType.NIGHT.value,
        "hours_worked": 10.0,
        "overtime_hours": 1.5,
        "took_break": False,
        "mood": 2,
        "stress": 4,
        "energy": 3,
        "sleep_hours": 5.5,
        "sleep_quality": 1,
        "exposures": [exposure],
        "activities": activities,
        "tags": ["court", "new partner"],
        "took_home": "Hard call. Handed over well.",
        "good_thing": "Tea with the team.",
        "talked_to_someone": True,
        "created_at": "2026-11-20T22:05:00Z",
        "updated_at": "2026-11-20T22:10:30.250000Z",
    }


# ---------------------------------------------------------------------------
# Accepting records


def test_minimal_record_with_date_and_mood_is_accepted() -> None:
    checkin = checkin_from_record({"date": DAY, "mood": 3}, today=TODAY, now=NOW)

    assert checkin.date == date(2026, 11, 20)
    assert checkin.mood == 3
    assert checkin.shift_type is None
    assert checkin.sleep_hours is None
    assert checkin.exposures == ()
    assert checkin.tags == ()
    assert checkin.took_home is None
    assert checkin.created_at == NOW
    assert checkin.updated_at == NOW


def test_full_record_with_every_field_is_accepted() -> None:
    record = _full_record()
    assert set(record) == set(FIELDS)

    checkin = checkin_from_record(record, today=TODAY, now=NOW)

    assert checkin.id == record["id"]
    assert checkin.shift_type is ShiftType.NIGHT
    assert checkin.hours_worked == 10.0
    assert checkin.overtime_hours == 1.5
    assert checkin.took_break is False
    assert (checkin.mood, checkin.stress, checkin.energy, checkin.sleep_quality) == (2, 4, 3, 1)
    assert checkin.sleep_hours == 5.5
    assert checkin.exposures == tuple(record["exposures"])  # type: ignore[arg-type]
    assert checkin.activities == tuple(record["activities"])  # type: ignore[arg-type]
    assert checkin.tags == ("court", "new partner")
    assert checkin.took_home == "Hard call. Handed over well."
    assert checkin.good_thing == "Tea with the team."
    assert checkin.talked_to_someone is True
    assert checkin.created_at == datetime(2026, 11, 20, 22, 5, tzinfo=UTC)
    assert checkin.updated_at == datetime(2026, 11, 20, 22, 10, 30, 250000, tzinfo=UTC)


def test_whole_number_hours_are_accepted_as_hours() -> None:
    checkin = _build(hours_worked=9)
    assert checkin.hours_worked == 9.0
    assert isinstance(checkin.hours_worked, float)


def test_full_record_round_trips_through_checkin_to_record() -> None:
    checkin = checkin_from_record(_full_record(), today=TODAY, now=NOW)

    record = checkin_to_record(checkin)

    assert list(record) == list(FIELDS)
    assert checkin_from_record(record, today=TODAY) == checkin


def test_minimal_checkin_round_trips_through_checkin_to_record() -> None:
    checkin = checkin_from_record({"date": DAY, "mood": 4}, today=TODAY, now=NOW)
    assert checkin_from_record(checkin_to_record(checkin), today=TODAY) == checkin


# ---------------------------------------------------------------------------
# Ranges, on both sides of each boundary


@pytest.mark.parametrize("name", SCORE_FIELDS)
@pytest.mark.parametrize(
    ("value", "ok"),
    [
        (SCORE_RANGE.low - 1, False),
        (SCORE_RANGE.low, True),
        (SCORE_RANGE.high, True),
        (SCORE_RANGE.high + 1, False),
    ],
)
def test_scores_are_limited_to_the_score_range(name: str, value: int, ok: bool) -> None:
    record = _record(**{name: value})
    if ok:
        assert getattr(checkin_from_record(record, today=TODAY), name) == value
    else:
        error = _refused(record)
        assert _fields(error) == [name]
        assert error.problems[0].value == str(value)


@pytest.mark.parametrize("name", HOURS_FIELDS)
@pytest.mark.parametrize(
    ("value", "ok"),
    [
        (math.nextafter(HOURS_RANGE.low, -math.inf), False),
        (HOURS_RANGE.low - 0.5, False),
        (HOURS_RANGE.low, True),
        (HOURS_RANGE.high, True),
        (HOURS_RANGE.high + 0.5, False),
        (math.nextafter(HOURS_RANGE.high, math.inf), False),
    ],
)
def test_hours_are_limited_to_the_hours_range(name: str, value: float, ok: bool) -> None:
    record = _record(**{name: value})
    if ok:
        assert getattr(checkin_from_record(record, today=TODAY), name) == value
    else:
        assert _fields(_refused(record)) == [name]


@pytest.mark.parametrize(
    ("day", "ok"),
    [
        (EARLIEST_DATE - timedelta(days=1), False),
        (EARLIEST_DATE, True),
        (LATEST, True),
        (LATEST + timedelta(days=1), False),
    ],
)
def test_dates_are_limited_to_earliest_date_and_just_after_today(day: date, ok: bool) -> None:
    record = _record(date=day.isoformat())
    if ok:
        assert checkin_from_record(record, today=TODAY).date == day
    else:
        error = _refused(record)
        assert _fields(error) == ["date"]
        assert day.isoformat() in str(error)


def test_latest_allowed_date_follows_the_today_parameter() -> None:
    later_today = TODAY + timedelta(days=10)
    record = _record(date=(LATEST + timedelta(days=1)).isoformat())

    _refused(record)
    assert checkin_from_record(record, today=later_today).date == LATEST + timedelta(days=1)


@settings(max_examples=200)
@given(st.integers())
def test_any_int_mood_is_accepted_exactly_when_in_score_range(value: int) -> None:
    record = _record(mood=value)
    if SCORE_RANGE.low <= value <= SCORE_RANGE.high:
        assert checkin_from_record(record, today=TODAY).mood == value
    else:
        assert _fields(_refused(record)) == ["mood"]


@settings(max_examples=200)
@given(st.floats(allow_nan=True, allow_infinity=True))
def test_any_float_hours_accepted_exactly_when_finite_and_in_range(value: float) -> None:
    record = _record(sleep_hours=value)
    if math.isfinite(value) and HOURS_RANGE.low <= value <= HOURS_RANGE.high:
        assert checkin_from_record(record, today=TODAY).sleep_hours == value
    else:
        assert _fields(_refused(record)) == ["sleep_hours"]


@settings(max_examples=100)
@given(st.dates(min_value=EARLIEST_DATE, max_value=TODAY))
def test_any_date_from_earliest_to_today_is_accepted(day: date) -> None:
    assert checkin_from_record(_record(date=day.isoformat()), today=TODAY).date == day


@settings(max_examples=100)
@given(
    st.dates(max_value=EARLIEST_DATE - timedelta(days=1))
    | st.dates(min_value=LATEST + timedelta(days=1))
)
def test_any_date_outside_the_allowed_span_is_refused(day: date) -> None:
    assert _fields(_refused(_record(date=day.isoformat()))) == ["date"]


# ---------------------------------------------------------------------------
# How problems are reported


def test_a_problem_names_the_field_and_shows_the_bad_value() -> None:
    error = _refused(_record(stress=17))

    assert len(error.problems) == 1
    problem = error.problems[0]
    assert problem.field == "stress"
    assert problem.value == "17"
    assert "stress" in str(error)
    assert "17" in str(error)


def test_every_problem_in_a_record_is_reported_not_only_the_first() -> None:
    record = {
        "date": "2026-13-01",
        "mood": 0,
        "stress": 9,
        "sleep_hours": -2.0,
        "shift_type": "graveyard",
        "took_break": "yes",
        "exposures": ["not_a_code"],
        "tags": ["a;b"],
        "created_at": "2026-11-20T22:00:00",
        "id": "not-a-uuid",
        "colour": "blue",
    }

    error = _refused(record)

    assert set(_fields(error)) == {
        "date",
        "mood",
        "stress",
        "sleep_hours",
        "shift_type",
        "took_break",
        "exposures",
        "tags",
        "created_at",
        "id",
        "colour",
    }
    for name in ("graveyard", "-2", "not_a_code", "not-a-uuid"):
        assert name in str(error)


def test_missing_date_and_mood_are_both_reported() -> None:
    error = _refused({})
    assert sorted(_fields(error)) == ["date", "mood"]
    assert all("required" in p.reason for p in error.problems)


@pytest.mark.parametrize("name", ["date", "mood"])
def test_null_required_field_is_reported_as_required(name: str) -> None:
    error = _refused(_record(**{name: None}))
    assert _fields(error) == [name]
    assert "required" in str(error)


def test_an_unknown_field_is_refused_and_named() -> None:
    error = _refused(_record(colour="blue"))
    assert _fields(error) == ["colour"]
    assert "colour" in str(error)


def test_validate_checkin_applies_the_same_rules_to_a_checkin_built_in_code() -> None:
    validate_checkin(CheckIn(date=date(2026, 11, 20), mood=3), today=TODAY)
    with pytest.raises(InvalidCheckIn) as caught:
        validate_checkin(CheckIn(date=date(2026, 11, 20), mood=0, sleep_hours=30.0), today=TODAY)
    assert sorted(_fields(caught.value)) == ["mood", "sleep_hours"]


# ---------------------------------------------------------------------------
# Types


@pytest.mark.parametrize("name", SCORE_FIELDS)
@pytest.mark.parametrize("value", [True, False])
def test_bools_are_not_accepted_as_scores(name: str, value: bool) -> None:
    assert _fields(_refused(_record(**{name: value}))) == [name]


@pytest.mark.parametrize("name", HOURS_FIELDS)
def test_bools_are_not_accepted_as_hours(name: str) -> None:
    assert _fields(_refused(_record(**{name: True}))) == [name]


@pytest.mark.parametrize("value", ["3", "three", 3.0, 2.5, [3], {"score": 3}])
def test_a_score_that_is_not_a_whole_number_is_refused(value: object) -> None:
    error = _refused(_record(mood=value))
    assert _fields(error) == ["mood"]


def test_a_score_given_as_a_string_shows_the_string() -> None:
    error = _refused(_record(energy="3"))
    assert _fields(error) == ["energy"]
    assert "'3'" in str(error)


@pytest.mark.parametrize("value", ["8", "eight hours", [8.0]])
def test_hours_that_are_not_a_number_are_refused(value: object) -> None:
    assert _fields(_refused(_record(hours_worked=value))) == ["hours_worked"]


@pytest.mark.parametrize("name", ["took_break", "talked_to_someone"])
@pytest.mark.parametrize("value", ["yes", "true", 1, 0])
def test_flags_must_be_true_or_false(name: str, value: object) -> None:
    assert _fields(_refused(_record(**{name: value}))) == [name]


def test_shift_type_is_read_from_its_code() -> None:
    for shift in ShiftType:
        assert _build(shift_type=shift.value).shift_type is shift


@pytest.mark.parametrize("value", ["graveyard", "Night", "NIGHT", "", 3])
def test_an_unknown_shift_type_is_refused(value: object) -> None:
    assert _fields(_refused(_record(shift_type=value))) == ["shift_type"]


# ---------------------------------------------------------------------------
# Dates


@pytest.mark.parametrize(
    "value",
    [
        "2026-02-30",
        "2026-13-01",
        "2026-00-10",
        "2025-02-29",
        "20/11/2026",
        "2026-W47-5",
        "2026-11-20T10:00:00",
        "20261120",
        " 2026-11-20",
        "2026-11-2",
        "",
        "２０２６-11-20",
        20261120,
    ],
)
def test_impossible_or_wrongly_written_dates_are_refused(value: object) -> None:
    error = _refused(_record(date=value))
    assert _fields(error) == ["date"]


def test_a_leap_day_in_a_leap_year_is_accepted() -> None:
    assert _build(date="2024-02-29").date == date(2024, 2, 29)


# ---------------------------------------------------------------------------
# Exposures, activities and tags


@pytest.mark.parametrize(("name", "known"), [("exposures", EXPOSURES), ("activities", ACTIVITIES)])
def test_every_known_code_is_accepted(name: str, known: Any) -> None:
    codes = sorted(known)
    assert getattr(_build(**{name: codes}), name) == tuple(codes)


@pytest.mark.parametrize("name", ["exposures", "activities"])
@pytest.mark.parametrize("value", [["not_a_code"], ["Sudden death"], [3], "sudden_death"])
def test_unknown_codes_are_refused(name: str, value: object) -> None:
    assert _fields(_refused(_record(**{name: value}))) == [name]


@pytest.mark.parametrize(("name", "known"), [("exposures", EXPOSURES), ("activities", ACTIVITIES)])
def test_a_code_listed_twice_is_refused(name: str, known: Any) -> None:
    code = sorted(known)[0]
    error = _refused(_record(**{name: [code, code]}))
    assert _fields(error) == [name]
    assert code in str(error)


def test_tags_are_kept_in_order() -> None:
    assert _build(tags=["court", "Tutoring", "new partner"]).tags == (
        "court",
        "Tutoring",
        "new partner",
    )


@pytest.mark.parametrize(
    "tag",
    [
        f"court{TAG_SEPARATOR}overtime",
        "x" * (MAX_TAG_CHARS + 1),
        "",
        " court",
        "court ",
        "line\nbreak",
        "tab\there",
        "nul\x00",
    ],
)
def test_bad_tags_are_refused(tag: str) -> None:
    assert _fields(_refused(_record(tags=["fine", tag]))) == ["tags"]


def test_a_tag_of_exactly_the_maximum_length_is_accepted() -> None:
    tag = "x" * MAX_TAG_CHARS
    assert _build(tags=[tag]).tags == (tag,)


@pytest.mark.parametrize("pair", [["court", "court"], ["Court", "court"], ["COURT", "cOuRt"]])
def test_duplicate_tags_are_refused_ignoring_case(pair: list[str]) -> None:
    error = _refused(_record(tags=pair))
    assert _fields(error) == ["tags"]
    assert "twice" in str(error)


def test_the_number_of_tags_is_limited() -> None:
    tags = [f"tag {n}" for n in range(MAX_TAGS)]
    assert len(_build(tags=tags).tags) == MAX_TAGS
    assert _fields(_refused(_record(tags=[*tags, "one more"]))) == ["tags"]


@pytest.mark.parametrize("value", ["court", [3], ["court", None], {"court": True}])
def test_tags_must_be_a_list_of_text(value: object) -> None:
    assert _fields(_refused(_record(tags=value))) == ["tags"]


# ---------------------------------------------------------------------------
# Free text


@pytest.mark.parametrize("name", ["took_home", "good_thing"])
def test_text_of_exactly_the_maximum_length_is_accepted(name: str) -> None:
    text = "a" * MAX_TEXT_CHARS
    assert getattr(_build(**{name: text}), name) == text


@pytest.mark.parametrize("name", ["took_home", "good_thing"])
@pytest.mark.parametrize(
    "text",
    [
        "PRIVATE-REFLECTION " * (MAX_TEXT_CHARS // 19 + 1),
        "PRIVATE-REFLECTION with a null \x00 in it",
        "PRIVATE-REFLECTION with a lone surrogate \ud800 in it",
    ],
    ids=["too-long", "nul", "lone-surrogate"],
)
def test_refused_text_is_never_echoed_in_the_message(name: str, text: str) -> None:
    error = _refused(_record(**{name: text}))

    assert _fields(error) == [name]
    assert name in str(error)
    assert "PRIVATE" not in str(error)
    assert all("PRIVATE" not in p.value for p in error.problems)


def test_text_over_the_limit_says_how_long_it_is_and_what_the_limit_is() -> None:
    error = _refused(_record(took_home="a" * (MAX_TEXT_CHARS + 1)))
    assert f"{MAX_TEXT_CHARS:,}" in str(error)
    assert f"{MAX_TEXT_CHARS + 1:,}" in str(error)


@pytest.mark.parametrize("text", ["\ud800", "\udfff", "ok \x00", "\x00"])
def test_lone_surrogates_and_nul_are_refused(text: str) -> None:
    assert _fields(_refused(_record(good_thing=text))) == ["good_thing"]


@pytest.mark.parametrize(
    "text",
    [
        "Proud of the team today 🚓👮🏽‍♀️❤️‍🩹",
        "שלום, יום ארוך",
        "مرحبا، يوم طويل",
        "mixed \u202eRTL override\u202c and \u200fmarks\u200e",
        "cafe\u0301 and Z\u0353\u0324a\u0301\u0327lgo",
        "警察の仕事は大変でした。今日は疲れた。",
        "한국어 텍스트",
        "zero\u200bwidth\u200dhere\ufeff",
        "  leading and trailing spaces  ",
        "line one\r\nline two\nline three\r",
        "tab\tand \u2028 line separator",
        "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 math letters",
    ],
)
def test_odd_but_valid_unicode_text_is_kept_unchanged(text: str) -> None:
    checkin = _build(took_home=text, good_thing=text)
    assert checkin.took_home == text
    assert checkin.good_thing == text
    assert [ord(c) for c in checkin.took_home] == [ord(c) for c in text]


@pytest.mark.parametrize("tag", ["🚓 nights", "שלום", "警察", "cafe\u0301"])
def test_unicode_tags_are_kept_unchanged(tag: str) -> None:
    assert _build(tags=[tag]).tags == (tag,)


@pytest.mark.parametrize("name", ["took_home", "good_thing"])
def test_empty_text_becomes_none(name: str) -> None:
    assert getattr(_build(**{name: ""}), name) is None


@pytest.mark.parametrize("value", [3, ["text"], {"text": "x"}, True])
def test_text_that_is_not_a_string_is_refused(value: object) -> None:
    assert _fields(_refused(_record(took_home=value))) == ["took_home"]


# ---------------------------------------------------------------------------
# Ids and time stamps


def test_a_missing_id_gets_a_new_uuid() -> None:
    first = _build()
    second = _build()

    assert uuid.UUID(first.id).version == 4
    assert str(uuid.UUID(first.id)) == first.id
    assert first.id != second.id


def test_a_given_id_is_kept() -> None:
    given_id = "0b7c1f9e-3d4a-4c61-9f3e-2a1b5c6d7e8f"
    assert _build(id=given_id).id == given_id


@pytest.mark.parametrize("value", ["not-a-uuid", "", "1234", 42])
def test_an_id_that_is_not_a_uuid_is_refused(value: object) -> None:
    assert _fields(_refused(_record(id=value))) == ["id"]


@pytest.mark.parametrize("name", ["created_at", "updated_at"])
@pytest.mark.parametrize("value", ["2026-11-20T22:00:00", "2026-11-20 22:00", "2026-11-20"])
def test_a_time_stamp_without_a_time_zone_is_refused(name: str, value: str) -> None:
    error = _refused(_record(**{name: value}))
    assert _fields(error) == [name]
    assert "time zone" in str(error)


@pytest.mark.parametrize("value", ["yesterday", "2026-11-20T25:00:00Z", 1763676000, ""])
def test_a_time_stamp_that_is_not_iso_8601_is_refused(value: object) -> None:
    assert _fields(_refused(_record(created_at=value))) == ["created_at"]


def test_a_time_stamp_with_an_offset_is_converted_to_utc() -> None:
    checkin = _build(created_at="2026-11-20T23:30:00+01:00", updated_at="2026-11-20T18:45:15-05:00")

    assert checkin.created_at == datetime(2026, 11, 20, 22, 30, tzinfo=UTC)
    assert checkin.created_at.utcoffset() == timedelta(0)
    assert checkin.updated_at == datetime(2026, 11, 20, 23, 45, 15, tzinfo=UTC)
    assert checkin.updated_at.utcoffset() == timedelta(0)
    record = checkin_to_record(checkin)
    assert record["created_at"] == "2026-11-20T22:30:00Z"
    assert record["updated_at"] == "2026-11-20T23:45:15Z"


def test_a_missing_updated_at_takes_the_created_at() -> None:
    checkin = _build(created_at="2026-11-19T08:00:00Z")
    assert checkin.updated_at == checkin.created_at == datetime(2026, 11, 19, 8, tzinfo=UTC)


@pytest.mark.parametrize(
    "value",
    ["0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00"],
    ids=["year-1-ahead-of-utc", "year-9999-behind-utc"],
)
def test_a_time_stamp_at_the_edge_of_the_calendar_is_refused_not_a_crash(value: str) -> None:
    # Converting these to UTC falls outside the years datetime can hold.
    error = _refused(_record(created_at=value))
    assert _fields(error) == ["created_at"]


def test_hours_too_large_to_be_a_float_are_refused_not_a_crash() -> None:
    # A JSON integer with hundreds of digits parses to a Python int bigger than any float.
    error = _refused(_record(sleep_hours=10**400))
    assert _fields(error) == ["sleep_hours"]


# ---------------------------------------------------------------------------
# Random records round-trip

_TEXT = st.text(
    alphabet=st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=200
)
_TAG = st.text(
    alphabet=st.characters(
        exclude_categories=("Cs",), exclude_characters=f"{TAG_SEPARATOR}\r\n\t\x00"
    ),
    min_size=1,
    max_size=MAX_TAG_CHARS,
).filter(lambda t: t == t.strip())
_HOURS = st.floats(min_value=HOURS_RANGE.low, max_value=HOURS_RANGE.high)
_SCORE = st.integers(min_value=SCORE_RANGE.low, max_value=SCORE_RANGE.high)
_OFFSET = st.timedeltas(
    min_value=-timedelta(hours=23, minutes=59), max_value=timedelta(hours=23, minutes=59)
).map(timezone)
_STAMP = st.datetimes(
    min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1), timezones=_OFFSET
).map(lambda moment: moment.isoformat())


def _optional(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


_RECORD = st.fixed_dictionaries(
    {
        "date": st.dates(min_value=EARLIEST_DATE, max_value=LATEST).map(date.isoformat),
        "mood": _SCORE,
    },
    optional={
        "id": st.uuids(version=4).map(str),
        "shift_type": _optional(st.sampled_from([s.value for s in ShiftType])),
        "hours_worked": _optional(_HOURS),
        "overtime_hours": _optional(_HOURS),
        "took_break": _optional(st.booleans()),
        "stress": _optional(_SCORE),
        "energy": _optional(_SCORE),
        "sleep_hours": _optional(_HOURS | st.integers(0, 24)),
        "sleep_quality": _optional(_SCORE),
        "exposures": st.lists(st.sampled_from(sorted(EXPOSURES)), unique=True),
        "activities": st.lists(st.sampled_from(sorted(ACTIVITIES)), unique=True),
        "tags": st.lists(_TAG, max_size=MAX_TAGS, unique_by=str.casefold),
        "took_home": _optional(_TEXT),
        "good_thing": _optional(_TEXT),
        "talked_to_someone": _optional(st.booleans()),
        "created_at": _STAMP,
        "updated_at": _STAMP,
    },
)


@settings(max_examples=150)
@given(_RECORD)
def test_random_valid_records_round_trip(record: dict[str, Any]) -> None:
    checkin = checkin_from_record(record, today=TODAY, now=NOW)

    assert checkin.date.isoformat() == record["date"]
    assert checkin.mood == record["mood"]
    assert checkin.tags == tuple(record.get("tags", ()))
    assert checkin.took_home == (record.get("took_home") or None)
    assert checkin_from_record(checkin_to_record(checkin), today=TODAY) == checkin
