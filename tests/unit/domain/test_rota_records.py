"""Rota records: the command-line shift shape, lossless round trips, refusals naming the field."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wellbeing_app.domain.catalogue import ShiftType
from wellbeing_app.domain.rota import (
    DEFAULT_MAPPING,
    LONDON,
    InvalidRota,
    PatternDay,
    Rota,
    RotaChange,
    RotaPattern,
    Shift,
    ShiftMapping,
    ShiftSource,
    TimeBand,
    WordRule,
    rota_from_record,
    rota_to_record,
    shift_to_record,
    shifts_between,
)

E, L, N, R = ShiftType.EARLY, ShiftType.LATE, ShiftType.NIGHT, ShiftType.REST_DAY


def full_rota() -> Rota:
    """A rota using every feature: pattern, each kind of change, imported shifts, own rules."""
    start = datetime(2026, 10, 24, 22, 0, tzinfo=LONDON)
    imported = (
        Shift(date(2026, 10, 24), N, start, start + timedelta(hours=10), ShiftSource.ICS),
        Shift(date(2026, 11, 2), R, source=ShiftSource.ICS),
        Shift(date(2026, 11, 3), ShiftType.ON_CALL, source=ShiftSource.ICS, tags=("on call",)),
        Shift(
            date(2026, 11, 4),
            ShiftType.OTHER,
            datetime(2026, 11, 4, 9, 30, tzinfo=LONDON),
            None,
            ShiftSource.ICS,
            ("court",),
        ),
    )
    return Rota(
        pattern=RotaPattern(
            (
                PatternDay.working(E, time(7), 8),
                PatternDay.working(L, time(14, 30), 8.5, ("response",)),
                PatternDay.working(N, time(22), 10),
                PatternDay.rest_day(),
            ),
            date(2026, 9, 28),
        ),
        changes=(
            RotaChange.swap(date(2026, 10, 1), PatternDay.rest_day()),
            RotaChange.overtime(date(2026, 10, 2), 1.75),
            RotaChange.rest_day_cancelled(date(2026, 10, 3), PatternDay.working(E, time(6), 10)),
            RotaChange.swap(date(2026, 10, 2), PatternDay.working(N, time(21), 9)),
        ),
        imported=imported,
        mapping=ShiftMapping(
            (
                WordRule(("Day", "Days"), ShiftType.DAY),
                WordRule(("Court",), ShiftType.OTHER, "court"),
            ),
            (TimeBand(time(6), time(19, 59), ShiftType.DAY), TimeBand(time(20), time(5, 59), N)),
        ),
    )


# ---------------------------------------------------------------------------
# The shift shape the command line prints


def test_a_night_across_the_october_change_as_a_record() -> None:
    rota = Rota(RotaPattern((PatternDay.working(N, time(22), 10),), date(2026, 10, 24)))
    (night,) = shifts_between(rota, date(2026, 10, 24), date(2026, 10, 24))
    assert shift_to_record(night) == {
        "date": "2026-10-24",
        "shift_type": "night",
        "start": "2026-10-24T22:00:00+01:00",
        "end": "2026-10-25T08:00:00+00:00",
        "hours": 11.0,
    }


def test_a_rest_day_record_has_null_times() -> None:
    assert shift_to_record(Shift(date(2026, 6, 1), R)) == {
        "date": "2026-06-01",
        "shift_type": "rest_day",
        "start": None,
        "end": None,
        "hours": None,
    }


def test_hours_are_rounded_but_times_are_exact() -> None:
    start = datetime(2026, 6, 1, 7, 0, tzinfo=LONDON)
    shift = Shift(date(2026, 6, 1), E, start, start + timedelta(hours=8, minutes=20))
    record = shift_to_record(shift)
    assert record["hours"] == 8.33
    assert record["end"] == "2026-06-01T15:20:00+01:00"
    assert json.loads(json.dumps(record)) == record


# ---------------------------------------------------------------------------
# Round trips


def test_a_full_rota_survives_a_round_trip_through_json() -> None:
    rota = full_rota()
    record = rota_to_record(rota)
    again = rota_from_record(json.loads(json.dumps(record)))
    assert again == rota
    assert rota_to_record(again) == record
    assert shifts_between(again, date(2026, 9, 1), date(2026, 11, 30)) == shifts_between(
        rota, date(2026, 9, 1), date(2026, 11, 30)
    )


def test_an_empty_rota_round_trips_and_keeps_the_default_rules() -> None:
    record = rota_to_record(Rota())
    assert record["pattern"] is None and record["changes"] == [] and record["imported"] == []
    assert rota_from_record(record) == Rota()
    assert rota_from_record({"version": 1}).mapping == DEFAULT_MAPPING


def test_a_stored_pattern_day_reads_as_the_clock_shows_it() -> None:
    record = rota_to_record(full_rota())
    pattern = record["pattern"]
    assert isinstance(pattern, dict)
    assert pattern["days"][1] == {
        "shift_type": "late",
        "start": "14:30",
        "hours": 8.5,
        "tags": ["response"],
    }
    assert record["changes"][1] == {  # type: ignore[index]
        "date": "2026-10-02",
        "kind": "overtime",
        "day": None,
        "overtime_hours": 1.75,
    }


pattern_days = st.one_of(
    st.just(PatternDay.rest_day()),
    st.builds(
        PatternDay.working,
        st.sampled_from([s for s in ShiftType if s is not R]),
        st.builds(time, st.integers(0, 23), st.integers(0, 59)),
        st.integers(1, 24 * 4).map(lambda quarters: quarters / 4),
    ),
)


@given(
    days=st.lists(pattern_days, min_size=1, max_size=30),
    starts_on=st.dates(date(1990, 1, 1), date(2100, 1, 1)),
)
def test_any_pattern_round_trips(days: list[PatternDay], starts_on: date) -> None:
    rota = Rota(RotaPattern(tuple(days), starts_on))
    assert rota_from_record(json.loads(json.dumps(rota_to_record(rota)))) == rota


# ---------------------------------------------------------------------------
# Refusals, each naming the field


def problem_fields(record: object) -> list[str]:
    with pytest.raises(InvalidRota) as caught:
        rota_from_record(record)
    return [p.field for p in caught.value.problems]


def good_record() -> dict[str, object]:
    return json.loads(json.dumps(rota_to_record(full_rota())))  # type: ignore[no-any-return]


def edited(path: tuple[object, ...], value: object) -> dict[str, object]:
    record = good_record()
    target: object = record
    for key in path[:-1]:
        target = target[key]  # type: ignore[index]
    target[path[-1]] = value  # type: ignore[index]
    return record


@pytest.mark.parametrize(
    ("path", "value", "field"),
    [
        (("version",), 2, "version"),
        (("version",), True, "version"),
        (("pattern", "starts_on"), "2026-02-30", "pattern.starts_on"),
        (("pattern", "starts_on"), "1989-12-31", "pattern.starts_on"),
        (("pattern", "days"), [], "pattern.days"),
        (("pattern", "days", 1, "hours"), 30, "pattern.days[1].hours"),
        (("pattern", "days", 1, "hours"), "8", "pattern.days[1].hours"),
        (("pattern", "days", 1, "start"), "2:30pm", "pattern.days[1].start"),
        (("pattern", "days", 1, "shift_type"), "lates", "pattern.days[1].shift_type"),
        (("pattern", "days", 3, "start"), "07:00", "pattern.days[3].start"),
        (("pattern", "days", 0, "tags"), ["court", "Court"], "pattern.days[0].tags[1]"),
        (("changes", 0, "kind"), "holiday", "changes[0].kind"),
        (("changes", 1, "overtime_hours"), -1, "changes[1].overtime_hours"),
        (("changes", 2, "day"), None, "changes[2].day"),
        (("changes", 3, "date"), "2026-10-01", "changes[3].date"),
        (("imported", 0, "start"), "2026-10-24T22:00:00", "imported[0].start"),
        (("imported", 0, "hours"), 10.0, "imported[0].hours"),
        (("imported", 0, "date"), "2026-10-25", "imported[0].start"),
        (("imported", 1, "start"), "2026-11-02T09:00:00+00:00", "imported[1].start"),
        (("imported", 0, "end"), "2026-10-24T21:00:00+01:00", "imported[0].end"),
        (("mapping", "rules", 0, "words", 0), "", "mapping.rules[0].words[0]"),
        (("mapping", "rules", 1, "tag"), 7, "mapping.rules[1].tag"),
        (("mapping", "times", 0, "from"), "25:00", "mapping.times[0].from"),
        (("mapping", "times", 1, "shift_type"), "rest_day", "mapping.times[1].shift_type"),
        (("pattern", "colour"), "blue", "pattern.colour"),
    ],
)
def test_a_bad_field_is_named_by_its_path(
    path: tuple[object, ...], value: object, field: str
) -> None:
    assert field in problem_fields(edited(path, value))


def test_the_record_must_be_an_object_with_known_keys() -> None:
    assert problem_fields([]) == [""]
    assert "shifts" in problem_fields({"version": 1, "shifts": []})


def test_every_problem_is_reported_at_once() -> None:
    record = good_record()
    record["version"] = 9
    record["changes"][0]["kind"] = "nope"  # type: ignore[index]
    record["imported"][2]["shift_type"] = "nap"  # type: ignore[index]
    assert problem_fields(record) == ["version", "changes[0].kind", "imported[2].shift_type"]


def test_a_flood_of_problems_is_cut_short_with_a_count() -> None:
    record = {"version": 1, "imported": [{"date": "bad"}] * 80}
    with pytest.raises(InvalidRota) as caught:
        rota_from_record(record)
    problems = caught.value.problems
    assert len(problems) == 51
    assert problems[-1].reason.endswith("further problems not listed")
