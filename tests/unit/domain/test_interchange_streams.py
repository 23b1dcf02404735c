"""The interchange format read and written a piece at a time: the same text, the same
check-ins and the same refusals as whole files, whatever size the pieces are."""

from __future__ import annotations

import dataclasses
import json
import random
from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wellbeing_app.domain.checkin import CheckIn, checkin_to_record
from wellbeing_app.domain.contacts import ContactKind, OwnContact, contact_to_record
from wellbeing_app.domain.interchange import (
    FORMAT_NAME,
    FORMAT_VERSION,
    ImportRejected,
    ImportStream,
    checkins_to_csv,
    checkins_to_json,
    csv_chunks,
    json_chunks,
    read_csv,
    read_json,
)
from wellbeing_app.domain.synthetic import synthetic_checkins

END = date(2026, 11, 20)
TODAY = date(2026, 11, 24)
NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
CONTACTS = [
    OwnContact(ContactKind.GP, 'Dr "Ng" – Café', "01632 960000", "after 2pm\nnot Fridays"),
    OwnContact(ContactKind.OTHER, "Sam"),
]


def _document_text(checkins: list[CheckIn], contacts: list[OwnContact]) -> str:
    """What an export has always been: the whole document through json.dumps."""
    document: dict[str, object] = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "checkins": [checkin_to_record(c) for c in checkins],
    }
    if contacts:
        document["contacts"] = [contact_to_record(c) for c in contacts]
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)


@settings(max_examples=60)
@given(
    count=st.integers(0, 6),
    took_home=st.none() | texts,
    hours=st.none() | st.floats(0, 24, allow_nan=False),
    tags=st.lists(st.sampled_from(["court", "long day", 'say "hi"', "é"]), unique=True),
    with_contacts=st.booleans(),
)
def test_a_streamed_json_export_is_exactly_the_document_json_dumps_writes(
    count: int, took_home: str | None, hours: float | None, tags: list[str], with_contacts: bool
) -> None:
    checkins = [
        dataclasses.replace(c, took_home=took_home, sleep_hours=hours, tags=tuple(tags))
        for c in synthetic_checkins(count, end=END, seed=count)
    ]
    contacts = CONTACTS if with_contacts else []
    expected = _document_text(checkins, contacts)
    assert checkins_to_json(checkins, contacts) == expected
    assert "".join(json_chunks(checkins, contacts)) == expected


def test_a_long_export_comes_in_pieces_that_join_up_to_the_whole() -> None:
    checkins = synthetic_checkins(700, end=END)
    pieces = list(json_chunks(checkins, CONTACTS))
    assert len(pieces) > 3
    assert "".join(pieces) == _document_text(checkins, CONTACTS)
    csv_pieces = list(csv_chunks(checkins))
    assert len(csv_pieces) > 2
    assert "".join(csv_pieces) == checkins_to_csv(checkins)


def _pieces(data: bytes, seed: int) -> Iterator[bytes]:
    rng = random.Random(seed)
    at = 0
    while at < len(data):
        size = rng.choice([1, 2, 3, 5, 64, 4096])
        yield data[at : at + size]
        at += size


def _outcome(stream: ImportStream) -> object:
    try:
        checkins = [dataclasses.replace(c, id="") for c in stream.checkins()]
    except ImportRejected as error:
        return ("refused", error.damaged, [str(p) for p in error.problems])
    return ("read", checkins, stream.contacts)


def _mutations() -> list[bytes]:
    """Valid files, and files broken every way a byte can break them."""
    base = synthetic_checkins(4, end=END, seed=3)
    sources = [
        checkins_to_json(base, CONTACTS).encode(),
        json.dumps(
            {"checkins": [checkin_to_record(c) for c in base], "version": 1, "format": FORMAT_NAME}
        ).encode(),  # fmt: skip
        checkins_to_csv(base).encode(),
    ]
    tokens = [b'"', b",", b"{", b"}", b"[", b"]", b"\n", b"\r", b"\x00", b"\xff", b"NaN", b"1"]
    rng = random.Random(5)
    found = list(sources)
    for _ in range(400):
        data = bytearray(rng.choice(sources))
        for _ in range(rng.randint(1, 3)):
            at = rng.randrange(len(data) + 1)
            if rng.random() < 0.4:
                del data[at : at + rng.randint(1, 20)]
            else:
                data[at:at] = rng.choice(tokens)
        found.append(bytes(data))
    return found


@pytest.mark.parametrize("seed", [1, 2])
def test_reading_in_any_pieces_gives_what_reading_the_whole_file_gives(seed: int) -> None:
    for data in _mutations():
        for read in (read_json, read_csv):
            whole = _outcome(read([data], today=TODAY, now=NOW))
            assert _outcome(read(_pieces(data, seed), today=TODAY, now=NOW)) == whole, data


@pytest.mark.parametrize(
    "text",
    [
        '{"format": "took-home-checkins",\n"version": 1,\n\n"checkins": [1,]}',
        '{"format": "took-home-checkins", "version": 1, "checkins": []}\n\nmore',
        '\n\n{"format": "took-home-checkins", "version": 1, "checkins": [], }',
        '{"format": "took-home-checkins"\n "version": 1}',
        '\n[\n{"date": 1}\n',
        '{"checkins": [{"date": "2026-01-01", "mood": 3}\n\n{"date": "x"}]}',
    ],
)
def test_a_json_error_names_the_line_json_itself_would_name(text: str) -> None:
    with pytest.raises(json.JSONDecodeError) as expected:
        json.loads(text)
    with pytest.raises(ImportRejected) as error:
        list(read_json(_pieces(text.encode(), 3)).checkins())
    assert error.value.damaged
    assert str(error.value) == f"the file is not valid JSON (line {expected.value.lineno})"


def test_a_bad_record_stops_the_check_ins_and_every_problem_is_still_named() -> None:
    records = [checkin_to_record(c) for c in synthetic_checkins(30, end=END)]
    records[10]["mood"] = 9
    records[25]["date"] = "tomorrow"
    data = json.dumps({"format": FORMAT_NAME, "version": 1, "checkins": records}).encode()
    got: list[CheckIn] = []
    with pytest.raises(ImportRejected) as error:
        for checkin in read_json(_pieces(data, 1), today=TODAY).checkins():
            got.append(checkin)
    assert len(got) == 10  # the good ones before the first bad record, and none after
    assert [p.index for p in error.value.problems] == [10, 25]


def test_a_file_unreadable_at_its_end_is_refused_as_that_whatever_came_before() -> None:
    records = [checkin_to_record(c) for c in synthetic_checkins(3, end=END)]
    records[0]["mood"] = 9
    good = json.dumps({"format": FORMAT_NAME, "version": 1, "checkins": records}).encode()
    with pytest.raises(ImportRejected) as error:
        list(read_json(_pieces(good + b"\xff", 2)).checkins())
    assert str(error.value) == "the file is not UTF-8 text"
    with pytest.raises(ImportRejected) as error:
        list(read_json(_pieces(good[:-1], 2)).checkins())
    assert str(error.value).startswith("the file is not valid JSON")
    csv_data = checkins_to_csv(synthetic_checkins(3, end=END)).encode()
    with pytest.raises(ImportRejected) as error:
        list(read_csv(_pieces(csv_data.replace(b"date", b"colour") + b"\x00", 2)).checkins())
    assert "null characters" in str(error.value)


def test_contacts_come_after_the_check_ins_whatever_order_the_file_has() -> None:
    checkins = synthetic_checkins(3, end=END)
    document = {
        "contacts": [contact_to_record(c) for c in CONTACTS],
        "checkins": [checkin_to_record(c) for c in checkins],
        "version": 1,
        "format": FORMAT_NAME,
    }
    stream = read_json(_pieces(json.dumps(document).encode(), 4), today=TODAY)
    assert list(stream.checkins()) == checkins
    assert stream.contacts == CONTACTS
