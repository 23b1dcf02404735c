"""Moving in from Day One: its JSON export, or the zip it comes in, becomes check-ins."""

from __future__ import annotations

import io
import json
import uuid
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from wellbeing_app.domain.checkin import MAX_TAGS, CheckIn
from wellbeing_app.domain.interchange import ImportRejected
from wellbeing_app.domain.moving_in import (
    MOVING_IN_NAMESPACE,
    ForeignFormat,
    checkins_from_dayone,
    checkins_from_foreign,
    checkins_from_jrnl,
)

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "moving_in"
JOURNAL = FIXTURES / "dayone_Journal.json"
TODAY = date(2026, 11, 24)


def entry(**fields: object) -> dict[str, object]:
    """One entry as Day One writes it (the fields that matter here)."""
    return {
        "uuid": "0123456789ABCDEF0123456789ABCDEF",
        "creationDate": "2024-01-05T08:30:00Z",
        "modifiedDate": "2024-01-05T08:30:00Z",
        "timeZone": "Europe/London",
        "starred": False,
        "tags": ["nights"],
        "text": "# Title\n\nBody",
        **fields,
    }


def day_one(*entries: object) -> bytes:
    document = {"metadata": {"version": "1.0"}, "entries": list(entries)}
    return json.dumps(document, indent=2, ensure_ascii=False).encode()


def zipped(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return out.getvalue()


def parse(data: bytes, mood: int = 3) -> list[CheckIn]:
    return checkins_from_dayone(data, default_mood=mood, today=TODAY)


def rejected(data: bytes) -> ImportRejected:
    with pytest.raises(ImportRejected) as caught:
        parse(data)
    return caught.value


def test_the_fixture_journal_imports() -> None:
    last_night, july, bare = parse(JOURNAL.read_bytes(), mood=2)
    assert last_night.took_home == (
        "Last of four nights\n\nHanded over at 7. Sat with a concern-for-welfare call for two "
        "hours (no names).\n\n[attachment not imported]\n\nHome, shower, bed 😴"
    )
    assert last_night.tags == ("nights", "Court")
    assert last_night.mood == 2
    assert last_night.created_at == datetime(2024, 1, 5, 8, 30, tzinfo=UTC)
    assert last_night.updated_at == datetime(2024, 1, 5, 9, 2, 11, tzinfo=UTC)
    # 23:30 UTC on 30 June is 00:30 on 1 July in London: the day the person lived.
    assert july.date == date(2024, 7, 1)
    assert july.created_at == datetime(2024, 6, 30, 23, 30, tzinfo=UTC)
    # No text, an unknown zone (London is used), and a modifiedDate before creation.
    assert (bare.took_home, bare.tags, bare.date) == (None, (), date(2024, 2, 10))
    assert bare.updated_at == bare.created_at


def test_the_day_is_taken_in_the_entrys_own_time_zone() -> None:
    [tokyo, london, none] = parse(
        day_one(
            entry(uuid="A", creationDate="2024-01-05T20:00:00Z", timeZone="Asia/Tokyo"),
            entry(uuid="B", creationDate="2024-01-05T20:00:00Z", timeZone="Europe/London"),
            entry(uuid="C", creationDate="2024-01-05T20:00:00Z", timeZone=None),
        )
    )
    assert (tokyo.date, london.date, none.date) == (
        date(2024, 1, 6),
        date(2024, 1, 5),
        date(2024, 1, 5),
    )
    assert tokyo.created_at == london.created_at == datetime(2024, 1, 5, 20, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "took_home"),
    [
        ("# Heading\n\nBody", "Heading\n\nBody"),
        ("### Small heading\nBody", "Small heading\nBody"),
        ("Not a #heading", "Not a #heading"),
        ("\\# not a heading either", "# not a heading either"),
        ("Escapes: 1\\. \\(a\\) \\- \\* \\_ \\\\ \\!", "Escapes: 1. (a) - * _ \\ !"),
        (
            "Photo ![](dayone-moment://ABC123) and audio ![](dayone-moment:/audio/DEF)",
            ("Photo [attachment not imported] and audio [attachment not imported]"),
        ),
        ("**bold** stays as written", "**bold** stays as written"),
        ("Windows\r\nline\r\nendings", "Windows\nline\nendings"),
        ("", None),
        ("   \n  ", None),
    ],
)
def test_markdown_text_becomes_plain_what_i_took_home(text: str, took_home: str | None) -> None:
    [checkin] = parse(day_one(entry(text=text)))
    assert checkin.took_home == took_home


def test_an_entry_without_text_or_tags_still_imports() -> None:
    record = entry()
    del record["text"], record["tags"]
    [checkin] = parse(day_one(record))
    assert (checkin.took_home, checkin.tags) == (None, ())


def test_tags_are_bent_to_the_tag_rules_and_too_many_are_reported() -> None:
    [checkin] = parse(day_one(entry(tags=["Court", "court", " a;b ", "x" * 50])))
    assert checkin.tags == ("Court", "a,b", "x" * 39 + "…")
    many = [f"tag {n}" for n in range(MAX_TAGS + 1)]
    assert rejected(day_one(entry(tags=many))).lines() == [
        f"record 0 (2024-01-05T08:30:00Z): tags has {MAX_TAGS + 1} tags and the limit is {MAX_TAGS}"
    ]


def test_wrong_types_and_missing_times_are_reported_plainly_for_every_record() -> None:
    missing = entry()
    del missing["creationDate"]
    error = rejected(
        day_one(
            entry(),
            entry(text=42),
            entry(tags="nights"),
            missing,
            entry(creationDate="2024-01-05T08:30:00"),
            entry(creationDate="yesterday"),
            entry(creationDate=1704443400),
            ["not", "an", "entry"],
            entry(creationDate="2099-01-01T00:00:00Z"),
        )
    )
    assert not error.damaged
    assert error.lines() == [
        "record 1 (2024-01-05T08:30:00Z): text is a number, not text",
        "record 2 (2024-01-05T08:30:00Z): tags is text, not a list of tags",
        "record 3: creationDate is missing",
        "record 4 (2024-01-05T08:30:00): creationDate '2024-01-05T08:30:00' is not a time like "
        "2024-01-05T08:30:00Z",
        "record 5 (yesterday): creationDate 'yesterday' is not a time like 2024-01-05T08:30:00Z",
        "record 6: creationDate is a number, not text",
        "record 7: the entry is a list, not an object",
        "record 8 (2099-01-01T00:00:00Z): creationDate '2099-01-01' is outside 1990-01-01 to "
        "2026-11-25",
    ]


def test_a_jrnl_file_is_not_taken_for_day_one_and_says_what_it_is() -> None:
    error = rejected((FIXTURES / "jrnl_export.json").read_bytes())
    assert not error.damaged
    assert error.lines() == ["the file is not a Day One export; it looks like a jrnl export"]


def test_the_default_mood_is_required_and_checked() -> None:
    with pytest.raises(ValueError, match="Day One records no mood"):
        checkins_from_foreign(JOURNAL.read_bytes(), ForeignFormat.DAY_ONE)
    with pytest.raises(ValueError, match="from 1 to 5"):
        checkins_from_dayone(JOURNAL.read_bytes(), default_mood=9)
    checkins = checkins_from_foreign(
        JOURNAL.read_bytes(), ForeignFormat.DAY_ONE, default_mood=5, today=TODAY
    )
    assert {c.mood for c in checkins} == {5}


# ---------------------------------------------------------------------------
# Ids


def test_ids_come_from_day_ones_uuid_and_are_stable() -> None:
    first, second = parse(JOURNAL.read_bytes()), parse(JOURNAL.read_bytes())
    assert [c.id for c in first] == [c.id for c in second]
    key = "\x1f".join(("dayone", "uuid", "6F1E2B3C4D5A49F8A1B2C3D4E5F60718"))
    assert first[0].id == str(uuid.uuid5(MOVING_IN_NAMESPACE, key))
    # An entry edited in Day One keeps its uuid, so it keeps its id.
    edited = parse(day_one(entry(uuid="6f1e2b3c4d5a49f8a1b2c3d4e5f60718", text="Changed")))
    assert edited[0].id == first[0].id


def test_without_a_uuid_the_id_comes_from_the_entry_and_repeats_are_kept_apart() -> None:
    record = entry()
    del record["uuid"]
    ids = [c.id for c in parse(day_one(record, record, entry(uuid=" ")))]
    assert len(set(ids)) == 3
    assert ids == [c.id for c in parse(day_one(record, record, entry(uuid=" ")))]


# ---------------------------------------------------------------------------
# The zip Day One makes


def test_the_zip_day_one_makes_imports_without_reading_the_photos() -> None:
    data = zipped(
        {
            "Journal.json": JOURNAL.read_bytes(),
            "photos/0f1e2d3c4b5a69788796a5b4c3d2e1f0.jpeg": b"\xff\xd8\xff not json",
            "__MACOSX/._Journal.json": b"\x00\x05\x16\x07",
            ".hidden.json": b"not json",
        }
    )
    assert parse(data) == parse(JOURNAL.read_bytes())


def test_a_zip_of_several_journals_imports_them_all_and_names_the_one_at_fault() -> None:
    work = day_one(entry(uuid="W1"), entry(uuid="W2", text=7))
    home = day_one(entry(uuid="H1"))
    error = rejected(zipped({"Work.json": work, "Home.json": home}))
    # Journals are read in name order, and records numbered on through them.
    assert error.lines() == [
        "record 2 (Work.json, 2024-01-05T08:30:00Z): text is a number, not text"
    ]
    fixed = zipped({"Work.json": day_one(entry(uuid="W1")), "Home.json": home})
    assert len(parse(fixed)) == 2


def test_a_journal_in_a_zip_that_cannot_be_read_is_named() -> None:
    error = rejected(zipped({"Journal.json": b'{"metadata": {}, "entries": ['}))
    assert error.damaged
    assert error.lines() == ["Journal.json in the zip: the file is not valid JSON (line 1)"]


@pytest.mark.parametrize(
    ("data", "damaged", "message"),
    [
        (
            zipped({"photos/a.jpeg": b"x"}),
            False,
            ("the zip holds no journal (.json file); export the journal from Day One as JSON"),
        ),
        (
            zipped({"Journal.json": b"x" * 1000})[:60],
            True,
            "the zip file is damaged and cannot be read",
        ),
    ],
)
def test_a_zip_that_is_not_a_day_one_export(data: bytes, damaged: bool, message: str) -> None:
    error = rejected(data)
    assert error.damaged is damaged
    assert error.lines() == [message]


def test_a_zip_holding_too_much_text_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from wellbeing_app.domain.moving_in import dayone_json

    monkeypatch.setattr(dayone_json, "MAX_FILE_BYTES", 2_000)
    # Highly compressible: small in the zip, large once read.
    bomb = zipped({"Journal.json": day_one(entry(text="a" * 100_000))})
    assert len(bomb) < 2_000
    error = rejected(bomb)
    assert not error.damaged
    assert error.lines()[0].startswith("the journals in the zip are more than")


def test_a_day_one_file_given_to_the_jrnl_parser_is_refused_not_misread() -> None:
    with pytest.raises(ImportRejected, match="problems|not a jrnl export") as caught:
        checkins_from_jrnl(JOURNAL.read_bytes(), default_mood=3)
    assert "Day One" in caught.value.lines()[0]
