"""CSV export is safe to open in a spreadsheet, and import undoes the guard exactly."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wellbeing_app.domain.catalogue import ACTIVITIES, EXPOSURES, ShiftType
from wellbeing_app.domain.checkin import (
    FIELDS,
    HOURS_FIELDS,
    MAX_TAG_CHARS,
    MAX_TAGS,
    SCORE_FIELDS,
    CheckIn,
    tag_problem,
)
from wellbeing_app.domain.interchange import (
    FORMULA_TRIGGERS,
    ImportRejected,
    checkins_from_csv,
    checkins_to_csv,
    guard_cell,
    unguard_cell,
)

TODAY = date(2026, 11, 24)
NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
HYPERLINK = '=HYPERLINK("http://x")'


def _cells(checkins: list[CheckIn]) -> list[dict[str, str]]:
    """The exported CSV, one mapping of column to raw cell a row."""
    return list(csv.DictReader(io.StringIO(checkins_to_csv(checkins), newline="")))


def _round_trip(checkins: list[CheckIn]) -> list[CheckIn]:
    return checkins_from_csv(checkins_to_csv(checkins).encode("utf-8"), today=TODAY, now=NOW)


def _checkin(**fields: object) -> CheckIn:
    return CheckIn(date=date(2026, 11, 20), mood=3, created_at=NOW, updated_at=NOW, **fields)  # type: ignore[arg-type]


def test_a_hyperlink_formula_is_exported_as_text() -> None:
    checkin = _checkin(took_home=HYPERLINK, good_thing=HYPERLINK)

    [row] = _cells([checkin])

    assert row["took_home"] == "'" + HYPERLINK
    assert row["good_thing"] == "'" + HYPERLINK
    assert _round_trip([checkin]) == [checkin]


@pytest.mark.parametrize("trigger", sorted(FORMULA_TRIGGERS))
def test_every_formula_trigger_is_guarded_and_comes_back(trigger: str) -> None:
    text = f"{trigger}1+1 then cmd|' /C calc'!A0"
    checkin = _checkin(took_home=text)

    [row] = _cells([checkin])

    assert row["took_home"] == "'" + text
    assert _round_trip([checkin])[0].took_home == text


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ("'=already quoted", "''=already quoted"),
        ("''-two apostrophes", "'''-two apostrophes"),
        ("'plain apostrophe", "'plain apostrophe"),
        ("'", "'"),
        ("don't = fine", "don't = fine"),
        (" =a space first", " =a space first"),
        ("a-b=c", "a-b=c"),
    ],
)
def test_apostrophes_are_guarded_only_in_front_of_a_trigger(text: str, cell: str) -> None:
    checkin = _checkin(took_home=text)

    assert _cells([checkin])[0]["took_home"] == cell
    assert _round_trip([checkin])[0].took_home == text


def test_a_tag_that_looks_like_a_formula_is_guarded() -> None:
    checkin = _checkin(tags=("=cmd", "+overtime", "@court"))

    [row] = _cells([checkin])

    assert row["tags"] == "'=cmd;+overtime;@court"
    assert _round_trip([checkin]) == [checkin]


def test_no_exported_cell_starts_with_a_trigger() -> None:
    checkins = [
        _checkin(took_home=f"{t}x", good_thing=f"'{t}y", tags=(f"{t.strip()}z",))
        for t in sorted(FORMULA_TRIGGERS)
    ]
    for row in _cells(checkins):
        for name, cell in row.items():
            assert cell[:1] not in FORMULA_TRIGGERS, (name, cell)


def test_numbers_are_written_as_numbers() -> None:
    checkin = _checkin(hours_worked=10.5, overtime_hours=0.0, sleep_hours=6.25, stress=2, energy=5)

    [row] = _cells([checkin])

    assert [row[name] for name in HOURS_FIELDS] == ["10.5", "0.0", "6.25"]
    assert [row[name] for name in SCORE_FIELDS] == ["3", "2", "5", ""]


def test_a_csv_written_elsewhere_is_imported_as_written() -> None:
    """A file not made by the app: a leading trigger or a lone apostrophe is the user's text."""
    data = (
        b"date,mood,took_home,good_thing\r\n"
        b"2026-11-20,3,=SUM(A1:A2),'hello\r\n"
        b"2026-11-21,4,'=guarded,-3 degrees\r\n"
    )

    first, second = checkins_from_csv(data, today=TODAY, now=NOW)

    assert (first.took_home, first.good_thing) == ("=SUM(A1:A2)", "'hello")
    assert (second.took_home, second.good_thing) == ("=guarded", "-3 degrees")


def test_a_guarded_number_in_a_number_column_is_not_a_number() -> None:
    """Number columns are never guarded on export, so import leaves them alone too."""
    data = b"date,mood,sleep_hours\r\n2026-11-20,3,'-1\r\n"

    with pytest.raises(ImportRejected) as caught:
        checkins_from_csv(data, today=TODAY, now=NOW)

    assert [p.problem.field for p in caught.value.problems if p.problem] == ["sleep_hours"]


# ---------------------------------------------------------------------------
# The property: export then import gives back exactly what was exported

_LEADING = st.text(alphabet=st.sampled_from(sorted({"'", *FORMULA_TRIGGERS})), max_size=4)
_ANY_TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\x00"), max_size=60)
_REFLECTION = st.one_of(
    st.none(),
    st.builds(lambda lead, rest: lead + rest, _LEADING, _ANY_TEXT).filter(bool),
)
_TAG = st.builds(
    lambda lead, rest: lead + rest,
    st.text(alphabet=st.sampled_from("'=+-@"), max_size=3),
    st.text(max_size=MAX_TAG_CHARS),
).filter(lambda tag: tag_problem(tag) is None)
_HOURS = st.one_of(st.none(), st.floats(min_value=0.0, max_value=24.0))
_SCORE = st.one_of(st.none(), st.integers(min_value=1, max_value=5))
_FLAG = st.one_of(st.none(), st.booleans())
_TIME = st.datetimes(
    min_value=datetime(1990, 1, 1), max_value=datetime(2026, 11, 24), timezones=st.just(UTC)
)

_CHECKINS = st.builds(
    CheckIn,
    date=st.dates(min_value=date(1990, 1, 1), max_value=TODAY),
    mood=st.integers(min_value=1, max_value=5),
    shift_type=st.one_of(st.none(), st.sampled_from(list(ShiftType))),
    hours_worked=_HOURS,
    overtime_hours=_HOURS,
    took_break=_FLAG,
    stress=_SCORE,
    energy=_SCORE,
    sleep_hours=_HOURS,
    sleep_quality=_SCORE,
    exposures=st.lists(st.sampled_from(sorted(EXPOSURES)), unique=True, max_size=3).map(tuple),
    activities=st.lists(st.sampled_from(sorted(ACTIVITIES)), unique=True, max_size=3).map(tuple),
    tags=st.lists(_TAG, unique_by=str.casefold, max_size=MAX_TAGS).map(tuple),
    took_home=_REFLECTION,
    good_thing=_REFLECTION,
    talked_to_someone=_FLAG,
    created_at=_TIME,
    updated_at=_TIME,
)


@settings(max_examples=300)
@given(st.lists(_CHECKINS, max_size=4, unique_by=lambda c: c.id))
def test_csv_export_then_import_is_the_identity(checkins: list[CheckIn]) -> None:
    assert _round_trip(checkins) == checkins
    for row in _cells(checkins):
        assert all(cell[:1] not in FORMULA_TRIGGERS for cell in row.values())
        assert list(row) == list(FIELDS)


@settings(max_examples=500)
@given(st.builds(lambda lead, rest: lead + rest, _LEADING, st.text(max_size=20)))
def test_the_guard_is_undone_exactly_and_never_leaves_a_trigger_first(text: str) -> None:
    guarded = guard_cell(text)
    assert unguard_cell(guarded) == text
    assert guarded[:1] not in FORMULA_TRIGGERS
