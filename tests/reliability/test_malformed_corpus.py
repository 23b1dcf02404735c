"""A fixed corpus of malformed import files, each run through ``wellbeing-app import``.

The promise (DESIGN.md, "Interchange format" and "Promises"): the only
allowed outcomes are a clean import or a typed error that names the record
and field. Nothing is partly written and nothing ends in a traceback.

Every case runs against a vault that already holds check-ins. A valid file
must import exactly its records (exit 0). Anything else must leave the vault
folder byte-for-byte as it was and exit 1 (the records are readable, some
break the rules: one line per problem, "record N: field", then a one-line
summary) or 4 (the file as a whole cannot be read: one line), or exit 1 with
one line for a file the command will not take at all (a wrong extension).
"""

from __future__ import annotations

import codecs
import json
import random
import shutil
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.support import FAST_KDF, PASSPHRASE, CliResult, snapshot
from wellbeing_app.domain.checkin import FIELDS, MAX_TEXT_CHARS, CheckIn
from wellbeing_app.domain.interchange import FORMAT_NAME, ImportRejected
from wellbeing_app.event_log import record, start_event_log, stop_event_log
from wellbeing_app.services.import_export import read_import_file
from wellbeing_app.storage.repository import CheckInRepository
from wellbeing_app.storage.vault import Vault

Run = Callable[..., CliResult]
LINE = PASSPHRASE + "\n"
BASE_DATE = date(2025, 1, 1)
HEADER = {"format": FORMAT_NAME, "version": 1}
EXISTING = [
    CheckIn(
        date=date(2024, 6, day),
        mood=day % 5 + 1,
        took_home=f"an earlier shift, number {day}",
        id=str(uuid.uuid5(uuid.NAMESPACE_URL, f"took-home-existing-{day}")),
    )
    for day in range(1, 6)
]
_DROP = object()  # a field to leave out of a record


# ---------------------------------------------------------------------------
# Building the corpus


def _rec(i: int = 0, **fields: object) -> dict[str, object]:
    """A valid record (day ``i`` after BASE_DATE, mood 3), changed by ``fields``."""
    out: dict[str, object] = {"date": (BASE_DATE + timedelta(days=i)).isoformat(), "mood": 3}
    for name, value in fields.items():
        if value is _DROP:
            out.pop(name, None)
        else:
            out[name] = value
    return out


def _json(*records: object, **document: object) -> bytes:
    return json.dumps({**HEADER, "checkins": list(records), **document}).encode("utf-8")


def _raw_json(records_text: str, encoding: str = "utf-8") -> bytes:
    """A JSON document whose checkins list is given as raw text (for NaN and friends)."""
    text = f'{{"format": "{FORMAT_NAME}", "version": 1, "checkins": [{records_text}]}}'
    return text.encode(encoding)


def _csv(header: str, *rows: str) -> bytes:
    return ("\r\n".join([header, *rows]) + "\r\n").encode("utf-8")


def _nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def _full_record(i: int) -> dict[str, object]:
    return _rec(
        i,
        id=str(uuid.uuid5(uuid.NAMESPACE_URL, f"took-home-full-{i}")),
        shift_type="night",
        hours_worked=10.5,
        overtime_hours=1.0,
        took_break=False,
        stress=4,
        energy=2,
        sleep_hours=5.5,
        sleep_quality=2,
        exposures=["sudden_death"],
        activities=["hospital_wait_with_detainee", "welfare_check"],
        tags=["court", "long day"],
        took_home="Mostly waiting. Tired now.",
        good_thing="Tea with the team",
        talked_to_someone=True,
        created_at="2025-01-02T07:30:00Z",
        updated_at="2025-01-02T07:31:00Z",
    )


def _big_mixed_json(bad_index: int) -> bytes:
    """About 1 MB of valid records with one bad one at ``bad_index``."""
    records = [
        _rec(i % 365, took_home=f"Record {i}. " + "A long, calm shift. " * 50) for i in range(1000)
    ]
    records[bad_index]["mood"] = 9
    data = _json(*records)
    assert len(data) > 1_000_000
    return data


@dataclass(frozen=True)
class Case:
    """One file of the corpus and what must come of importing it."""

    name: str
    filename: str
    content: bytes
    imported: int | None = None  # a clean import of exactly this many check-ins
    code: int = 0  # otherwise: 1 (records break the rules) or 4 (the file cannot be read)
    problems: tuple[str, ...] = ()  # "record N: field" lines that must be there
    says: str = ""  # words the last line must contain (lower-cased)


def _ok(name: str, filename: str, content: bytes, count: int) -> Case:
    return Case(name, filename, content, imported=count)


def _bad_records(name: str, filename: str, content: bytes, *problems: str, says: str = "") -> Case:
    return Case(name, filename, content, code=1, problems=problems, says=says or "problems")


def _unreadable(name: str, filename: str, content: bytes, says: str) -> Case:
    return Case(name, filename, content, code=4, says=says)


_UTF8_CSV = _csv("date,mood,took_home", "2025-01-01,3,plain", "2025-01-02,4,second")
_DUPLICATE_ID = str(uuid.uuid5(uuid.NAMESPACE_URL, "took-home-duplicate"))

CASES: list[Case] = [
    # -- valid files: a clean import of every record ----------------------------------
    _ok("json-three-valid", "ok.json", _json(_rec(0), _rec(1), _full_record(2)), 3),
    _ok("json-with-bom", "bom.json", codecs.BOM_UTF8 + _json(_rec(0), _rec(1)), 2),
    _ok("json-unknown-custom-tag", "tag.json", _json(_rec(0, tags=["never-seen-tag"])), 1),
    _ok("json-empty-checkins-list", "none.json", _json(), 0),
    _ok(
        "json-any-unicode",
        "unicode.json",
        _json(_rec(0, took_home="Cafe\u0301 \U0001f975 \u05e9\u05dc\u05d5\u05dd \u200f\u202e")),
        1,
    ),
    _ok(
        "json-with-a-valid-contact",
        "contact.json",
        _json(_rec(0), contacts=[{"kind": "gp", "name": "Dr Example", "phone": "01632 960000"}]),
        1,
    ),
    _ok("json-text-at-the-limit", "limit.json", _json(_rec(0, took_home="x" * MAX_TEXT_CHARS)), 1),
    _ok("csv-valid", "ok.csv", _UTF8_CSV, 2),
    _ok("csv-with-bom", "bom.csv", codecs.BOM_UTF8 + _UTF8_CSV, 2),
    _ok("csv-semicolon-joined-tags", "tags.csv", _csv("date,mood,tags", "2025-01-01,2,a;b"), 1),
    _ok("csv-header-only", "header.csv", _csv("date,mood"), 0),
    _ok("csv-blank-lines", "blank.csv", _csv("date,mood", "", "2025-01-01,3", ",", ""), 1),
    # -- the file as a whole cannot be read: exit 4, one line ----------------------------
    _unreadable("json-empty-file", "empty.json", b"", "empty"),
    _unreadable("json-whitespace-only", "space.json", b" \n\t\n", "empty"),
    _unreadable("json-truncated", "cut.json", _json(_rec(0), _rec(1))[:-20], "not valid json"),
    _unreadable(
        "json-wrong-version", "v3.json", json.dumps({**HEADER, "version": 3}).encode(), "version 3"
    ),
    _unreadable(
        "json-version-as-string",
        "v1s.json",
        json.dumps({**HEADER, "version": "1", "checkins": []}).encode(),
        "version",
    ),
    _unreadable(
        "json-wrong-format-name",
        "fmt.json",
        json.dumps({"format": "something-else", "version": 1, "checkins": []}).encode(),
        "format",
    ),
    _unreadable("json-array-at-top-level", "array.json", json.dumps([_rec(0)]).encode(), "format"),
    _unreadable(
        "json-checkins-not-a-list",
        "obj.json",
        json.dumps({**HEADER, "checkins": {"0": _rec(0)}}).encode(),
        "checkins",
    ),
    _unreadable("json-nan", "nan.json", _raw_json('{"date": "2025-01-01", "mood": NaN}'), "json"),
    _unreadable(
        "json-infinity",
        "inf.json",
        _raw_json('{"date": "2025-01-01", "mood": 3, "sleep_hours": -Infinity}'),
        "json",
    ),
    _unreadable("json-deeply-nested", "deep.json", _nested(100_000).encode(), "json"),
    _unreadable(
        "json-deeply-nested-inside-a-record",
        "deep-record.json",
        _raw_json('{"date": "2025-01-01", "mood": 3, "tags": ' + _nested(50_000) + "}"),
        "json",
    ),
    _unreadable("json-random-bytes", "noise.json", random.Random(7).randbytes(4096), "not utf-8"),
    _unreadable(
        "json-latin-1",
        "latin1.json",
        _raw_json('{"date": "2025-01-01", "mood": 3, "took_home": "café"}', "latin-1"),
        "not utf-8",
    ),
    _unreadable(
        "json-contacts-not-a-list", "contacts.json", _json(_rec(0), contacts="Dr Example"), "list"
    ),
    _unreadable("csv-empty-file", "empty.csv", b"", "empty"),
    _unreadable(
        "csv-utf-16", "utf16.csv", "date,mood\r\n2025-01-01,3\r\n".encode("utf-16"), "utf-16"
    ),
    _unreadable(
        "csv-utf-16-le-without-bom",
        "utf16le.csv",
        "date,mood\r\n2025-01-01,3\r\n".encode("utf-16-le"),
        "null",
    ),
    _unreadable(
        "csv-latin-1",
        "latin1.csv",
        "date,mood,took_home\r\n2025-01-01,3,café\r\n".encode("latin-1"),
        "not utf-8",
    ),
    _unreadable("csv-random-bytes", "noise.csv", random.Random(8).randbytes(4096), "not utf-8"),
    _unreadable("csv-no-mood-column", "nomood.csv", _csv("date,stress", "2025-01-01,3"), "mood"),
    _unreadable(
        "csv-unknown-column", "extra.csv", _csv("date,mood,colour", "2025-01-01,3,red"), "colour"
    ),
    _unreadable(
        "csv-column-named-twice", "twice.csv", _csv("date,mood,mood", "2025-01-01,3,3"), "twice"
    ),
    _unreadable(
        "csv-unbalanced-quote",
        "quote.csv",
        _csv("date,mood,took_home", '2025-01-01,3,"never closed', "2025-01-02,3,x"),
        "malformed",
    ),
    # -- readable, but records break the rules: exit 1, each named -----------------------
    _bad_records(
        "json-record-not-an-object",
        "notobj.json",
        _json(_rec(0), 42, "x"),
        "record 1: record",
        "record 2: record",
    ),
    _bad_records("json-mood-as-string", "moodstr.json", _json(_rec(0, mood="4")), "record 0: mood"),
    _bad_records("json-null-mood", "moodnull.json", _json(_rec(0, mood=None)), "record 0: mood"),
    _bad_records("json-missing-mood", "nomood.json", _json(_rec(0, mood=_DROP)), "record 0: mood"),
    _bad_records("json-mood-0", "mood0.json", _json(_rec(0), _rec(1, mood=0)), "record 1: mood"),
    _bad_records("json-mood-6", "mood6.json", _json(_rec(0, mood=6)), "record 0: mood"),
    _bad_records("json-mood-3.5", "mood35.json", _json(_rec(0, mood=3.5)), "record 0: mood"),
    _bad_records("json-mood-true", "moodbool.json", _json(_rec(0, mood=True)), "record 0: mood"),
    _bad_records(
        "json-mood-huge-integer",
        "moodhuge.json",
        _raw_json('{"date": "2025-01-01", "mood": 1' + "0" * 400 + "}"),
        "record 0: mood",
    ),
    _bad_records(
        "json-negative-sleep",
        "sleep.json",
        _json(_rec(0, sleep_hours=-1.5)),
        "record 0: sleep_hours",
    ),
    _bad_records(
        "json-hours-25", "hours.json", _json(_rec(0, hours_worked=25)), "record 0: hours_worked"
    ),
    _bad_records(
        "json-date-feb-30", "feb30.json", _json(_rec(0, date="2026-02-30")), "record 0: date"
    ),
    _bad_records(
        "json-date-day-first", "dmy.json", _json(_rec(0, date="20/11/2026")), "record 0: date"
    ),
    _bad_records(
        "json-date-far-ahead", "future.json", _json(_rec(0, date="2999-01-01")), "record 0: date"
    ),
    _bad_records(
        "json-date-before-1990", "past.json", _json(_rec(0, date="1899-12-31")), "record 0: date"
    ),
    _bad_records("json-missing-date", "nodate.json", _json(_rec(0, date=_DROP)), "record 0: date"),
    _bad_records(
        "json-unknown-field",
        "field.json",
        _json(_rec(0), _rec(1, colour="red")),
        "record 1: colour",
    ),
    _bad_records(
        "json-unknown-exposure-code",
        "exposure.json",
        _json(_rec(0, exposures=["not_a_code"])),
        "record 0: exposures",
    ),
    _bad_records(
        "json-unknown-activity-code",
        "activity.json",
        _json(_rec(0, activities=["juggling"])),
        "record 0: activities",
    ),
    _bad_records(
        "json-tag-with-semicolon",
        "semi.json",
        _json(_rec(0, tags=["court;late"])),
        "record 0: tags",
    ),
    _bad_records(
        "json-tag-too-long", "longtag.json", _json(_rec(0, tags=["t" * 41])), "record 0: tags"
    ),
    _bad_records(
        "json-too-many-tags",
        "manytags.json",
        _json(_rec(0, tags=[f"tag {n}" for n in range(21)])),
        "record 0: tags",
    ),
    _bad_records(
        "json-nested-lists-as-tags",
        "nested.json",
        _raw_json('{"date": "2025-01-01", "mood": 3, "tags": [' + _nested(200) + "]}"),
        "record 0: tags",
    ),
    _bad_records(
        "json-unknown-shift-type",
        "shift.json",
        _json(_rec(0, shift_type="nightshift")),
        "record 0: shift_type",
    ),
    _bad_records("json-id-not-a-uuid", "id.json", _json(_rec(0, id="not-a-uuid")), "record 0: id"),
    _bad_records(
        "json-duplicate-ids",
        "dup.json",
        _json(_rec(0, id=_DUPLICATE_ID), _rec(1, id=_DUPLICATE_ID)),
        "record 1: id",
    ),
    # Not malformed: a check-in the vault holds is skipped and counted, never doubled.
    _ok(
        "json-id-already-in-the-vault-is-skipped",
        "again.json",
        _json(_rec(0), _rec(1, id=EXISTING[2].id)),
        1,
    ),
    _bad_records(
        "json-time-without-zone",
        "tz.json",
        _json(_rec(0, created_at="2025-01-01T10:00:00")),
        "record 0: created_at",
    ),
    _bad_records(
        "json-null-character-in-text",
        "nul.json",
        _json(_rec(0, took_home="before\x00after")),
        "record 0: took_home",
    ),
    _bad_records(
        "json-lone-surrogate-in-text",
        "surrogate.json",
        _raw_json('{"date": "2025-01-01", "mood": 3, "good_thing": "half \\ud800 a pair"}'),
        "record 0: good_thing",
    ),
    _bad_records(
        "json-2-mb-reflection",
        "huge.json",
        _json(_rec(0, took_home="w" * 2_000_000)),
        "record 0: took_home",
    ),
    _bad_records(
        "json-1-mb-valid-records-and-one-bad",
        "mixed.json",
        _big_mixed_json(737),
        "record 737: mood",
        says="1 record has problems",
    ),
    _bad_records(
        "json-problems-in-several-records",
        "several.json",
        _json(_rec(0), _rec(1, mood="good"), _rec(2), _rec(3, sleep_hours=-2, exposures=["x"])),
        "record 1: mood",
        "record 3: sleep_hours",
        "record 3: exposures",
        says="2 records have problems",
    ),
    _bad_records(
        "json-sixty-bad-records",
        "sixty.json",
        _json(*[_rec(i, mood=0) for i in range(60)]),
        *[f"record {i}: mood" for i in range(50)],
        says="60 records have problems",
    ),
    _bad_records(
        "json-invalid-contact",
        "badcontact.json",
        _json(_rec(0), contacts=[{"kind": "wizard", "name": ""}]),
        "contact 0: kind",
        "contact 0: name",
        says="1 contact has problems",
    ),
    _bad_records(
        "csv-mood-as-word", "word.csv", _csv("date,mood", "2025-01-01,good"), "record 0: mood"
    ),
    _bad_records(
        "csv-empty-mood", "nomood.csv", _csv("date,mood", "2025-01-01,"), "record 0: mood"
    ),
    _bad_records(
        "csv-negative-sleep",
        "sleep.csv",
        _csv("date,mood,sleep_hours", "2025-01-01,3,-1"),
        "record 0: sleep_hours",
    ),
    _bad_records(
        "csv-nan-hours",
        "nan.csv",
        _csv("date,mood,hours_worked", "2025-01-01,3,NaN"),
        "record 0: hours_worked",
    ),
    _bad_records(
        "csv-date-day-first", "dmy.csv", _csv("date,mood", "20/11/2026,3"), "record 0: date"
    ),
    _bad_records(
        "csv-not-a-yes-or-no",
        "flag.csv",
        _csv("date,mood,took_break", "2025-01-01,3,maybe"),
        "record 0: took_break",
    ),
    _bad_records(
        "csv-row-with-too-many-cells",
        "wide.csv",
        _csv("date,mood", "2025-01-01,3", "2025-01-02,3,extra"),
        "record 1: record",
    ),
    _bad_records(
        "csv-row-with-too-few-cells",
        "narrow.csv",
        _csv("date,mood,stress", "2025-01-01,3"),
        "record 0: record",
    ),
    _bad_records(
        "csv-2-mb-reflection",
        "huge.csv",
        _csv("date,mood,took_home", "2025-01-01,3," + "w" * 2_000_000),
        "record 0: took_home",
    ),
    # -- a file the command will not take at all: exit 1, one line ----------------------
    # DESIGN.md: exit 1 is "failed (a one-line reason on stderr)". This case has no
    # record to name, so the reason must be the one and only line.
    Case("wrong-extension", "checkins.txt", _json(_rec(0)), code=1, says=".json or .csv"),
]

MALFORMED_CASE_COUNT = len(CASES)
assert len({case.name for case in CASES}) == MALFORMED_CASE_COUNT


# ---------------------------------------------------------------------------
# The vault each case is imported into


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A vault as the app leaves it: some check-ins, locked, its event log started."""
    folder = tmp_path_factory.mktemp("corpus") / "vault"
    vault, _recovery = Vault.create(folder, PASSPHRASE, kdf=FAST_KDF)
    CheckInRepository(vault).add_many(EXISTING)
    vault.lock()
    start_event_log(folder)
    record("vault created")
    stop_event_log()
    return folder


@pytest.fixture
def vault_dir(template: Path, data_dir: Path) -> Path:
    shutil.copytree(template, data_dir)
    return data_dir


def _count(folder: Path) -> int:
    with Vault.open(folder, PASSPHRASE) as vault:
        return CheckInRepository(vault).count()


def _assert_rejected(result: CliResult, case: Case) -> None:
    assert result.code == case.code, (result.code, result.stderr[:2000])
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines, "a refusal must say why"
    summary = lines[-1]
    assert summary.startswith("wellbeing-app: "), summary
    assert case.says in summary.lower(), (case.says, summary)
    if case.code == 4:
        assert summary.endswith("nothing was imported"), summary
    if not case.problems:
        assert len(lines) == 1, result.stderr[:2000]
        return
    assert summary.endswith("nothing was imported"), summary
    details = [line.strip() for line in lines[:-1]]
    for line in lines[:-1]:
        assert line.startswith("  "), line
    for detail in details:
        assert detail.startswith(("record ", "contact ", "… and ")), detail
    for problem in case.problems:
        assert any(detail.startswith(problem) for detail in details), (problem, details)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_the_corpus_imports_cleanly_or_is_refused_whole(
    run_cli: Run, vault_dir: Path, tmp_path: Path, case: Case
) -> None:
    source = tmp_path / case.filename
    source.write_bytes(case.content)
    before = snapshot(vault_dir)
    result = run_cli("import", str(source), "--passphrase-stdin", stdin=LINE)
    assert "Traceback" not in result.stderr
    assert "unexpected error" not in result.stderr
    # A bad value is shown short, and a reflection is never echoed back whole.
    assert len(result.stderr) < 20_000
    assert "w" * 100 not in result.stderr
    if case.imported is not None:
        assert result.code == 0, result.stderr[:2000]
        plural = "" if case.imported == 1 else "s"
        assert f"Imported {case.imported} check-in{plural}" in result.stdout
        assert _count(vault_dir) == len(EXISTING) + case.imported
        return
    _assert_rejected(result, case)
    assert snapshot(vault_dir) == before  # nothing partly written, not a byte


def test_the_corpus_is_big_enough() -> None:
    assert MALFORMED_CASE_COUNT >= 25
    suffixes = {Path(case.filename).suffix for case in CASES}
    assert {".json", ".csv"} <= suffixes
    assert sum(case.imported is None for case in CASES) >= 25


# ---------------------------------------------------------------------------
# Properties of the service the CLI calls: a list, or ImportRejected; nothing else


def _read(path: Path, data: bytes) -> None:
    path.write_bytes(data)
    try:
        checkins = read_import_file(path)
    except ImportRejected as rejected:
        assert rejected.problems
        assert rejected.summary
        assert all(isinstance(line, str) for line in rejected.lines())
    else:
        assert isinstance(checkins, list)
        assert all(isinstance(c, CheckIn) for c in checkins)


@settings(max_examples=50)
@given(st.binary(max_size=4_096))
def test_random_bytes_in_a_json_file_are_read_or_rejected(tmp_path: Path, data: bytes) -> None:
    _read(tmp_path / "fuzz.json", data)


@settings(max_examples=50)
@given(st.binary(max_size=4_096))
def test_random_bytes_in_a_csv_file_are_read_or_rejected(tmp_path: Path, data: bytes) -> None:
    _read(tmp_path / "fuzz.csv", data)


_JSON_LEAVES = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30)
    | st.sampled_from(["2025-01-01", "2026-02-30", "night", "sudden_death", "1", "3"])
)
_JSON_VALUES = st.recursive(
    _JSON_LEAVES,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)
_RECORDS = st.lists(
    st.dictionaries(st.sampled_from([*FIELDS, "colour"]), _JSON_VALUES, max_size=8) | _JSON_VALUES,
    max_size=4,
)


@settings(max_examples=50)
@given(_RECORDS)
def test_any_json_records_under_a_good_header_are_read_or_rejected(
    tmp_path: Path, records: list[object]
) -> None:
    _read(tmp_path / "fuzz.json", json.dumps({**HEADER, "checkins": records}).encode("utf-8"))


@settings(max_examples=50)
@given(
    st.lists(st.sampled_from(FIELDS[1:]), min_size=1, max_size=6, unique=True),
    st.lists(st.lists(st.text(max_size=12), min_size=0, max_size=7), max_size=4),
)
def test_any_csv_rows_under_a_good_header_are_read_or_rejected(
    tmp_path: Path, columns: list[str], rows: list[list[str]]
) -> None:
    header = list(dict.fromkeys(["date", "mood", *columns]))
    text = ",".join(header) + "\r\n"
    for row in rows:
        text += ",".join('"' + cell.replace('"', '""') + '"' for cell in row) + "\r\n"
    _read(tmp_path / "fuzz.csv", text.encode("utf-8", "surrogatepass"))
