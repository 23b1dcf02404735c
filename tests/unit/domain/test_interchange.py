"""The interchange format (JSON version 1 and CSV): export, import, and every way a file fails."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import random
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wellbeing_app.domain.catalogue import EXPOSURES, ShiftType
from wellbeing_app.domain.checkin import FIELDS, CheckIn, checkin_to_record
from wellbeing_app.domain.interchange import (
    FORMAT_NAME,
    FORMAT_VERSION,
    MAX_REPORTED_PROBLEMS,
    ImportRejected,
    checkins_from_csv,
    checkins_from_json,
    checkins_to_csv,
    checkins_to_json,
)
from wellbeing_app.domain.synthetic import synthetic_checkins

END = date(2026, 11, 20)
TODAY = date(2026, 11, 24)
NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
TWO_MB_REFLECTION = "PRIVATE-REFLECTION " * (2_000_000 // 19)

Parser = Callable[..., list[CheckIn]]


@pytest.fixture(scope="module")
def year_of_checkins() -> list[CheckIn]:
    return synthetic_checkins(300, end=END)


def _records(count: int = 10) -> list[dict[str, object]]:
    return [checkin_to_record(c) for c in synthetic_checkins(count, end=END)]


def _json_bytes(checkins: object, **header: object) -> bytes:
    document = {"format": FORMAT_NAME, "version": FORMAT_VERSION, **header, "checkins": checkins}
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


def _csv_bytes(rows: list[list[str]]) -> bytes:
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode("utf-8")


def _csv_rows(checkins: list[CheckIn]) -> list[list[str]]:
    """The exported CSV as rows of cells (header first), to change before importing."""
    return list(csv.reader(io.StringIO(checkins_to_csv(checkins), newline="")))


def _rejected(parse: Parser, data: bytes) -> ImportRejected:
    with pytest.raises(ImportRejected) as caught:
        parse(data, today=TODAY, now=NOW)
    return caught.value


def _by_record(error: ImportRejected) -> dict[int | None, set[str]]:
    found: dict[int | None, set[str]] = {}
    for problem in error.problems:
        found.setdefault(problem.index, set()).add(
            problem.problem.field if problem.problem is not None else ""
        )
    return found


# ---------------------------------------------------------------------------
# Export then import gives back the same check-ins


def test_json_export_then_import_gives_back_the_same_checkins(
    year_of_checkins: list[CheckIn],
) -> None:
    exported = checkins_to_json(year_of_checkins)

    assert checkins_from_json(exported.encode("utf-8"), today=TODAY) == year_of_checkins


def test_json_export_is_the_documented_format(year_of_checkins: list[CheckIn]) -> None:
    document = json.loads(checkins_to_json(year_of_checkins[:3]))

    assert document["format"] == "took-home-checkins"
    assert document["version"] == 2
    assert [list(record) for record in document["checkins"]] == [list(FIELDS)] * 3
    assert [r["date"] for r in document["checkins"]] == [
        c.date.isoformat() for c in year_of_checkins[:3]
    ]


def test_csv_export_then_import_gives_back_the_same_checkins(
    year_of_checkins: list[CheckIn],
) -> None:
    exported = checkins_to_csv(year_of_checkins)

    assert checkins_from_csv(exported.encode("utf-8"), today=TODAY) == year_of_checkins


def test_csv_export_has_a_header_of_field_names(year_of_checkins: list[CheckIn]) -> None:
    rows = _csv_rows(year_of_checkins[:5])
    assert rows[0] == list(FIELDS)
    assert len(rows) == 6


def test_an_export_with_no_checkins_imports_as_nothing() -> None:
    assert checkins_from_json(checkins_to_json([]).encode("utf-8"), today=TODAY) == []
    assert checkins_from_csv(checkins_to_csv([]).encode("utf-8"), today=TODAY) == []


TRICKY_TEXTS = [
    "commas, and more, commas",
    'she said "go home" and I did',
    'a lone " quote',
    "line one\nline two",
    "windows\r\nline ends\r\n",
    "  leading and trailing spaces  ",
    "\ttab first",
    "emoji 🚓👮🏽‍♀️❤️‍🩹 and RTL שלום",
    "cafe\u0301 e\u0301",
    "semi;colons;are;fine in text",
    "=SUM(A1:A2) looks like a formula",
    " ",
]


@pytest.mark.parametrize("text", TRICKY_TEXTS)
def test_csv_preserves_awkward_text_exactly(text: str) -> None:
    checkin = CheckIn(
        date=date(2026, 11, 20),
        mood=3,
        took_home=text,
        good_thing=text,
        created_at=NOW,
        updated_at=NOW,
    )

    back = checkins_from_csv(checkins_to_csv([checkin]).encode("utf-8"), today=TODAY)

    assert back == [checkin]
    assert back[0].took_home == text


def test_csv_preserves_awkward_text_across_many_rows() -> None:
    checkins = [
        CheckIn(date=END - timedelta(days=n), mood=1 + n % 5, took_home=text, created_at=NOW)
        for n, text in enumerate(TRICKY_TEXTS)
    ]
    assert checkins_from_csv(checkins_to_csv(checkins).encode("utf-8"), today=TODAY) == checkins


@pytest.mark.parametrize("text", TRICKY_TEXTS)
def test_json_preserves_awkward_text_exactly(text: str) -> None:
    checkin = CheckIn(date=END, mood=3, took_home=text, tags=("🚓 nights",), created_at=NOW)
    back = checkins_from_json(checkins_to_json([checkin]).encode("utf-8"), today=TODAY)
    assert back == [checkin]


def test_csv_accepts_a_utf8_byte_order_mark(year_of_checkins: list[CheckIn]) -> None:
    data = checkins_to_csv(year_of_checkins[:5]).encode("utf-8-sig")
    assert checkins_from_csv(data, today=TODAY) == year_of_checkins[:5]


def test_json_accepts_a_utf8_byte_order_mark(year_of_checkins: list[CheckIn]) -> None:
    data = checkins_to_json(year_of_checkins[:5]).encode("utf-8-sig")
    assert checkins_from_json(data, today=TODAY) == year_of_checkins[:5]


def test_csv_with_only_the_required_columns_is_accepted() -> None:
    data = _csv_bytes([["date", "mood"], ["2026-11-20", "3"], ["2026-11-21", "5"]])
    checkins = checkins_from_csv(data, today=TODAY, now=NOW)
    assert [(c.date, c.mood) for c in checkins] == [
        (date(2026, 11, 20), 3),
        (date(2026, 11, 21), 5),
    ]


# ---------------------------------------------------------------------------
# Bad records: reported by index and field, and nothing is imported


def test_bad_json_records_are_reported_by_index_and_field() -> None:
    records = _records(10)
    records[3]["mood"] = 9
    records[7]["sleep_hours"] = -1.0
    records[7]["date"] = "2026-02-30"

    error = _rejected(checkins_from_json, _json_bytes(records))

    assert not error.damaged
    assert _by_record(error) == {3: {"mood"}, 7: {"sleep_hours", "date"}}
    assert "2 records have problems" in str(error)
    lines = error.lines()
    assert any(line.startswith("record 3: mood") for line in lines)
    assert any(line.startswith("record 7: sleep_hours") for line in lines)


def test_bad_csv_records_are_reported_by_index_and_field() -> None:
    rows = _csv_rows(synthetic_checkins(10, end=END))
    header = rows[0]
    rows[1 + 3][header.index("mood")] = "9"
    rows[1 + 7][header.index("sleep_hours")] = "-1"

    error = _rejected(checkins_from_csv, _csv_bytes(rows))

    assert not error.damaged
    assert _by_record(error) == {3: {"mood"}, 7: {"sleep_hours"}}


def test_csv_record_indexes_skip_blank_lines() -> None:
    data = _csv_bytes([["date", "mood"], ["2026-11-20", "3"], [], ["", ""], ["2026-11-21", "x"]])
    error = _rejected(checkins_from_csv, data)
    assert _by_record(error) == {1: {"mood"}}


def test_csv_row_with_the_wrong_number_of_cells_is_reported() -> None:
    data = _csv_bytes([["date", "mood"], ["2026-11-20", "3"], ["2026-11-21", "3", "extra"]])
    error = _rejected(checkins_from_csv, data)
    assert not error.damaged
    assert _by_record(error) == {1: {"record"}}


def test_a_json_record_that_is_not_an_object_is_reported() -> None:
    records: list[object] = [*_records(2), "not an object"]
    error = _rejected(checkins_from_json, _json_bytes(records))
    assert not error.damaged
    assert 2 in _by_record(error)
    assert "record" in _by_record(error)[2]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("mood", "3"),
        ("sleep_hours", -1.0),
        ("exposures", ["not_a_known_exposure"]),
        ("activities", ["juggling"]),
        ("tags", ["court;overtime"]),
        ("date", "2026-02-30"),
        ("shift_type", "graveyard"),
        ("took_break", "yes"),
        ("created_at", "2026-11-20T10:00:00"),
    ],
)
def test_a_bad_json_value_is_a_record_problem_naming_the_field(field: str, value: object) -> None:
    records = _records(3)
    records[1][field] = value

    error = _rejected(checkins_from_json, _json_bytes(records))

    assert not error.damaged
    assert _by_record(error) == {1: {field}}
    assert field in "\n".join(error.lines())


@pytest.mark.parametrize(
    ("field", "cell"),
    [
        ("mood", "three"),
        ("mood", "3.5"),
        ("sleep_hours", "-1"),
        ("sleep_hours", "nan"),
        ("hours_worked", "lots"),
        ("exposures", "not_a_known_exposure"),
        ("date", "2026-02-30"),
        ("date", "20/11/2026"),
        ("took_break", "maybe"),
    ],
)
def test_a_bad_csv_cell_is_a_record_problem_naming_the_field(field: str, cell: str) -> None:
    rows = _csv_rows(synthetic_checkins(3, end=END))
    rows[2][rows[0].index(field)] = cell

    error = _rejected(checkins_from_csv, _csv_bytes(rows))

    assert not error.damaged
    assert _by_record(error) == {1: {field}}


def test_duplicate_ids_in_a_json_file_are_reported() -> None:
    records = _records(8)
    records[5]["id"] = records[2]["id"]

    error = _rejected(checkins_from_json, _json_bytes(records))

    assert not error.damaged
    assert _by_record(error) == {5: {"id"}}
    assert "record 2" in "\n".join(error.lines())


def test_duplicate_ids_in_a_csv_file_are_reported() -> None:
    rows = _csv_rows(synthetic_checkins(8, end=END))
    column = rows[0].index("id")
    rows[1 + 6][column] = rows[1 + 1][column]

    error = _rejected(checkins_from_csv, _csv_bytes(rows))

    assert _by_record(error) == {6: {"id"}}


@pytest.mark.parametrize(
    ("as_bytes", "parse"),
    [
        (
            lambda text: _json_bytes([{"date": "2026-11-20", "mood": 3, "took_home": text}]),
            checkins_from_json,
        ),
        (
            lambda text: _csv_bytes([["date", "mood", "took_home"], ["2026-11-20", "3", text]]),
            checkins_from_csv,
        ),
    ],
    ids=["json", "csv"],
)
def test_a_two_megabyte_reflection_is_refused_cleanly_without_echoing_it(
    as_bytes: Callable[[str], bytes], parse: Parser
) -> None:
    error = _rejected(parse, as_bytes(TWO_MB_REFLECTION))

    assert not error.damaged
    assert _by_record(error) == {0: {"took_home"}}
    report = "\n".join([str(error), *error.lines()])
    assert "took_home" in report
    assert "PRIVATE" not in report


# ---------------------------------------------------------------------------
# Files that cannot be read at all


def _valid_json() -> bytes:
    return checkins_to_json(synthetic_checkins(5, end=END)).encode("utf-8")


def _valid_csv() -> bytes:
    return checkins_to_csv(synthetic_checkins(5, end=END)).encode("utf-8")


DAMAGED_JSON: list[tuple[str, bytes, str]] = [
    ("empty", b"", "empty"),
    ("whitespace", b"  \n\t ", "empty"),
    ("truncated", _valid_json()[: len(_valid_json()) // 2], "JSON"),
    ("random-bytes", random.Random(7).randbytes(512), "UTF-8"),
    ("not-json", b"date,mood\n2026-11-20,3\n", "JSON"),
    ("top-level-list", b"[]", "Took Home"),
    ("no-format", b'{"version": 1, "checkins": []}', "format"),
    ("wrong-format", b'{"format": "other-app", "version": 1, "checkins": []}', "format"),
    ("version-3", _json_bytes([], version=3), "version 3"),
    ("version-string", _json_bytes([], version="1"), "version"),
    ("version-true", _json_bytes([], version=True), "version"),
    ("no-version", b'{"format": "took-home-checkins", "checkins": []}', "version"),
    ("checkins-object", _json_bytes({"0": {"date": "2026-11-20", "mood": 3}}), "checkins"),
    ("checkins-missing", b'{"format": "took-home-checkins", "version": 1}', "checkins"),
    ("nan-constant", _json_bytes([]).replace(b"[]", b"[NaN]"), "JSON"),
    ("deep-nesting", b"[" * 100_000 + b"]" * 100_000, "JSON"),
]


@pytest.mark.parametrize(
    ("data", "words"), [(d, w) for _, d, w in DAMAGED_JSON], ids=[n for n, _, _ in DAMAGED_JSON]
)
def test_an_unreadable_json_file_is_rejected_as_damaged(data: bytes, words: str) -> None:
    error = _rejected(checkins_from_json, data)

    assert error.damaged
    assert all(p.index is None for p in error.problems)
    assert words in str(error)
    assert str(error).startswith("the file")
    assert error.lines() == [str(error)]


DAMAGED_CSV: list[tuple[str, bytes, str]] = [
    ("empty", b"", "empty"),
    ("whitespace", b"\r\n\r\n", "empty"),
    ("utf16-bom", _valid_csv().decode("utf-8").encode("utf-16"), "UTF-16"),
    ("utf16-be-bom", b"\xfe\xff" + _valid_csv().decode("utf-8").encode("utf-16-be"), "UTF-16"),
    ("latin-1", "date,mood,took_home\n2026-11-20,3,caf\xe9\n".encode("latin-1"), "UTF-8"),
    ("random-bytes", random.Random(7).randbytes(512), "UTF-8"),
    ("nul", b"date,mood\n2026-11-20,3\x00\n", "null"),
    ("unknown-column", b"date,mood,colour\n2026-11-20,3,blue\n", "colour"),
    ("no-mood-column", b"date,stress\n2026-11-20,3\n", "mood"),
    ("no-date-column", b"mood\n3\n", "date"),
    ("column-twice", b"date,mood,mood\n2026-11-20,3,3\n", "twice"),
    ("json-file", _valid_json(), "columns"),
    ("unterminated-quote", b'date,mood,took_home\n2026-11-20,3,"never closed\n', "malformed"),
]


@pytest.mark.parametrize(
    ("data", "words"), [(d, w) for _, d, w in DAMAGED_CSV], ids=[n for n, _, _ in DAMAGED_CSV]
)
def test_an_unreadable_csv_file_is_rejected_as_damaged(data: bytes, words: str) -> None:
    error = _rejected(checkins_from_csv, data)

    assert error.damaged
    assert all(p.index is None for p in error.problems)
    assert words in str(error)
    assert str(error).startswith("the ")
    assert error.lines() == [str(error)]


# ---------------------------------------------------------------------------
# Values at the edge of what Python can hold: a clean rejection, never a crash


def test_json_hours_too_large_for_a_float_are_a_record_problem() -> None:
    data = _json_bytes([{"date": "2026-11-20", "mood": 3, "sleep_hours": 0}]).replace(
        b'"sleep_hours": 0', b'"sleep_hours": 1' + b"0" * 400
    )
    error = _rejected(checkins_from_json, data)
    assert not error.damaged
    assert _by_record(error) == {0: {"sleep_hours"}}


@pytest.mark.parametrize("stamp", ["0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00"])
def test_json_time_stamp_outside_the_utc_calendar_is_a_record_problem(stamp: str) -> None:
    data = _json_bytes([{"date": "2026-11-20", "mood": 3, "created_at": stamp}])
    error = _rejected(checkins_from_json, data)
    assert not error.damaged
    assert _by_record(error) == {0: {"created_at"}}


def test_csv_time_stamp_outside_the_utc_calendar_is_a_record_problem() -> None:
    data = _csv_bytes(
        [["date", "mood", "updated_at"], ["2026-11-20", "3", "0001-01-01T00:00+05:00"]]
    )
    error = _rejected(checkins_from_csv, data)
    assert not error.damaged
    assert _by_record(error) == {0: {"updated_at"}}


# ---------------------------------------------------------------------------
# The report


def test_lines_are_capped_with_a_count_of_the_rest() -> None:
    records = [{"date": "2026-11-20", "mood": 9} for _ in range(120)]
    error = _rejected(checkins_from_json, _json_bytes(records))
    assert len(error.problems) == 120

    capped = error.lines(limit=10)
    assert len(capped) == 11
    for n, line in enumerate(capped[:10]):
        assert line.startswith(f"record {n}: mood: 9 ")
    assert capped[-1] == "… and 110 more problems"

    default = error.lines()
    assert len(default) == MAX_REPORTED_PROBLEMS + 1
    assert default[-1] == f"… and {120 - MAX_REPORTED_PROBLEMS} more problems"

    everything = error.lines(limit=500)
    assert len(everything) == 120
    assert not any("more problems" in line for line in everything)


def test_lines_at_exactly_the_limit_add_no_count() -> None:
    records = [{"date": "2026-11-20", "mood": 0} for _ in range(5)]
    error = _rejected(checkins_from_json, _json_bytes(records))
    assert len(error.lines(limit=5)) == 5
    assert "1 more problems" in error.lines(limit=4)[-1]


def test_one_bad_record_is_summarised_in_the_singular() -> None:
    error = _rejected(checkins_from_json, _json_bytes([{"date": "2026-11-20", "mood": 0}]))
    assert str(error) == "1 record has problems"


# ---------------------------------------------------------------------------
# Whatever the input: a list of check-ins or ImportRejected, nothing else


def _parse_or_reject(parse: Parser, data: bytes) -> None:
    try:
        result = parse(data, today=TODAY, now=NOW)
    except ImportRejected as error:
        assert error.lines()
        assert str(error)
    else:
        assert isinstance(result, list)
        assert all(isinstance(c, CheckIn) for c in result)


@settings(max_examples=200)
@given(st.binary(max_size=2_000))
def test_json_import_of_arbitrary_bytes_returns_or_rejects(data: bytes) -> None:
    _parse_or_reject(checkins_from_json, data)


_JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=30)
    | st.sampled_from(["2026-11-20", "night", "sudden_death", "2026-11-20T22:00:00Z"]),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=12,
)


@settings(max_examples=200)
@given(_JSON_VALUES)
def test_json_import_of_arbitrary_documents_returns_or_rejects(document: Any) -> None:
    _parse_or_reject(checkins_from_json, json.dumps(document).encode("utf-8"))


_TIME_STAMPS = st.datetimes(
    timezones=st.timedeltas(
        min_value=-timedelta(hours=23, minutes=59), max_value=timedelta(hours=23, minutes=59)
    ).map(timezone)
).map(lambda moment: moment.isoformat())

_FIELD_VALUES = (
    _JSON_VALUES
    | st.integers(min_value=-2, max_value=30)
    | st.floats()
    | st.dates().map(date.isoformat)
    | _TIME_STAMPS
    | st.sampled_from([s.value for s in ShiftType])
    | st.lists(st.sampled_from(sorted(EXPOSURES)), max_size=3)
)
_ANY_RECORD = (
    st.dictionaries(st.sampled_from([*FIELDS, "colour"]), _FIELD_VALUES, max_size=len(FIELDS))
    | _JSON_VALUES
)


@settings(max_examples=300)
@given(st.lists(_ANY_RECORD, max_size=5))
def test_json_import_of_arbitrary_records_returns_or_rejects(records: list[Any]) -> None:
    _parse_or_reject(checkins_from_json, _json_bytes(records))


@settings(max_examples=200)
@given(st.text(max_size=2_000))
def test_csv_import_of_arbitrary_text_returns_or_rejects(text: str) -> None:
    _parse_or_reject(checkins_from_csv, text.encode("utf-8"))


@settings(max_examples=200)
@given(
    st.lists(st.sampled_from([f for f in FIELDS if f not in ("date", "mood")]), unique=True),
    st.lists(st.lists(st.text(max_size=40), max_size=len(FIELDS) + 1), max_size=5),
)
def test_csv_import_of_arbitrary_rows_returns_or_rejects(
    header: list[str], rows: list[list[str]]
) -> None:
    _parse_or_reject(checkins_from_csv, _csv_bytes([["date", "mood", *header], *rows]))


def test_import_does_not_change_the_checkins_it_returns(year_of_checkins: list[CheckIn]) -> None:
    """Import fills nothing in when every field is present: ids and time stamps are kept."""
    first = year_of_checkins[0]
    back = checkins_from_json(checkins_to_json([first]).encode("utf-8"), today=TODAY, now=NOW)[0]
    assert dataclasses.asdict(back) == dataclasses.asdict(first)
