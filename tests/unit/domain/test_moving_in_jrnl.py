"""Moving in from jrnl: `jrnl --export json` becomes check-ins, with the mood the person chose."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from wellbeing_app.domain.checkin import CheckIn
from wellbeing_app.domain.interchange import ImportRejected, checkins_to_json
from wellbeing_app.domain.moving_in import (
    ForeignFormat,
    checkins_from_dayone,
    checkins_from_foreign,
    checkins_from_jrnl,
    detect_format,
)
from wellbeing_app.domain.synthetic import synthetic_checkins

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "moving_in"
TODAY = date(2026, 11, 24)


def entry(**fields: object) -> dict[str, object]:
    """One entry as jrnl's JSON exporter writes it."""
    return {
        "title": "Court all day.",
        "body": "Sat waiting @court",
        "date": "2024-01-05",
        "time": "21:30",
        "tags": ["@court"],
        "starred": False,
        **fields,
    }


def jrnl_export(*entries: object) -> bytes:
    tags: dict[str, int] = {}
    for item in entries:
        if isinstance(item, dict) and isinstance(item.get("tags"), list):
            for tag in item["tags"]:
                tags[str(tag)] = tags.get(str(tag), 0) + 1
    return json.dumps({"tags": tags, "entries": list(entries)}, indent=2).encode()


def parse(data: bytes, mood: int = 3) -> list[CheckIn]:
    return checkins_from_jrnl(data, default_mood=mood, today=TODAY)


def rejected(data: bytes) -> ImportRejected:
    with pytest.raises(ImportRejected) as caught:
        parse(data)
    return caught.value


def test_the_fixture_written_by_jrnl_imports() -> None:
    checkins = parse((FIXTURES / "jrnl_export.json").read_bytes(), mood=4)
    assert [c.date.isoformat() for c in checkins] == [
        "2024-01-05",
        "2024-01-06",
        "2024-03-31",
        "2024-07-04",
        "2024-10-27",
    ]
    assert {c.mood for c in checkins} == {4}
    court, early, forward, starred, back = checkins
    assert court.took_home == (
        "Court all day.\nSat waiting to give evidence, then it was adjourned again @court @Tired"
    )
    assert set(court.tags) == {"court", "tired"}
    assert early.took_home == (
        'Early turn 🌅\nQuiet start, then a "concern for welfare" call; commas, quotes, and all.'
        "\nHome by four. @welfare"
    )
    assert starred.took_home == "Starred: a long constant watch at A&E."
    assert starred.tags == ()
    # London wall clock: GMT in January, BST in July, and both clock changes.
    assert court.created_at == datetime(2024, 1, 5, 21, 30, tzinfo=UTC)
    assert starred.created_at == datetime(2024, 7, 4, 21, 0, tzinfo=UTC)
    assert forward.created_at == datetime(2024, 3, 31, 1, 30, tzinfo=UTC)
    assert back.created_at == datetime(2024, 10, 27, 0, 30, tzinfo=UTC)
    assert all(c.updated_at == c.created_at for c in checkins)


@pytest.mark.parametrize("mood", [1, 5])
def test_every_entry_gets_the_mood_the_person_chose(mood: int) -> None:
    assert {c.mood for c in parse(jrnl_export(entry(), entry(date="2024-01-06")), mood)} == {mood}


@pytest.mark.parametrize("mood", [0, 6, True, "3", 3.0, None])
def test_a_default_mood_that_is_not_one_to_five_is_the_callers_mistake(mood: object) -> None:
    with pytest.raises(ValueError, match="default_mood"):
        checkins_from_jrnl(jrnl_export(entry()), default_mood=mood)  # type: ignore[arg-type]


def test_the_one_call_import_insists_on_a_default_mood() -> None:
    with pytest.raises(ValueError, match="jrnl records no mood"):
        checkins_from_foreign(jrnl_export(entry()), ForeignFormat.JRNL)
    [checkin] = checkins_from_foreign(
        jrnl_export(entry()), ForeignFormat.JRNL, default_mood=2, today=TODAY
    )
    assert checkin.mood == 2


def test_tags_lose_jrnls_at_sign_and_keep_the_tag_rules() -> None:
    [checkin] = parse(jrnl_export(entry(tags=["@court", "#nights", "@Court", "@a;b", "plain"])))
    assert checkin.tags == ("court", "nights", "a,b", "plain")


def test_an_entry_with_only_a_title_or_only_a_body() -> None:
    title_only, body_only, neither = parse(
        jrnl_export(entry(body=""), entry(title="", body="Just a body"), entry(title="", body=""))
    )
    assert title_only.took_home == "Court all day."
    assert body_only.took_home == "Just a body"
    assert neither.took_home is None


def test_an_entry_without_a_time_is_at_nine_as_jrnl_itself_would_put_it() -> None:
    record = entry()
    del record["time"]
    [checkin] = parse(jrnl_export(record))
    assert checkin.created_at == datetime(2024, 1, 5, 9, 0, tzinfo=UTC)


def test_wrong_types_are_reported_plainly_for_every_record() -> None:
    error = rejected(
        jrnl_export(
            entry(),
            entry(tags="@court"),
            entry(date=20240105, title=7),
            "not an entry",
            entry(time="half nine", tags=["@ok", 3]),
            entry(date="5 Jan 2024"),
        )
    )
    assert not error.damaged
    assert error.lines() == [
        "record 1 (2024-01-05 21:30): tags is text, not a list of tags",
        "record 2 (21:30): date is a number, not text",
        "record 2 (21:30): title is a number, not text",
        "record 3: the entry is text, not an object",
        "record 4 (2024-01-05 half nine): time 'half nine' is not a time like 21:05",
        "record 4 (2024-01-05 half nine): tags holds a number, not a tag name",
        "record 5 (5 Jan 2024 21:30): date '5 Jan 2024' is not a date written as YYYY-MM-DD",
    ]


def test_no_message_reads_like_a_field_name_with_an_empty_value() -> None:
    # The app's own import once said "title: '' is not a field"; these never do.
    error = rejected(jrnl_export(entry(title=None, body=None, date=None, tags=None)))
    assert error.lines() == ["record 0 (21:30): date is missing"]
    for line in error.lines():
        assert "''" not in line and ": :" not in line


def test_a_day_one_file_is_not_taken_for_jrnl_and_says_what_it_is() -> None:
    error = rejected((FIXTURES / "dayone_Journal.json").read_bytes())
    assert not error.damaged
    assert error.lines() == [
        "the file is not a jrnl export; it looks like a Day One export",
    ]


def test_the_apps_own_export_is_not_taken_for_jrnl() -> None:
    data = checkins_to_json(synthetic_checkins(3, end=date(2026, 11, 20))).encode()
    error = rejected(data)
    assert not error.damaged
    assert error.lines() == [
        "the file is this app's own export; import it without choosing another app"
    ]


@pytest.mark.parametrize(
    ("data", "damaged", "message"),
    [
        (b'{"tags": {}, "entries": [', True, "the file is not valid JSON (line 1)"),
        (b"[1, 2]", False, 'the file is not a jrnl export (it has no "entries" list)'),
        (
            b'{"tags": {}, "entries": {}}',
            False,
            'the file is not a jrnl export (it has no "entries" list)',
        ),
        (b"   ", True, "the file is empty"),
        (b'{"entries": [NaN]}', True, "the file is not valid JSON"),
        (b"[" * 100_000 + b"]" * 100_000, True, "the file is not valid JSON"),
    ],
)
def test_a_file_that_is_not_a_jrnl_export(data: bytes, damaged: bool, message: str) -> None:
    error = rejected(data)
    assert error.damaged is damaged
    assert error.lines() == [message]


def test_an_empty_journal_is_an_empty_import() -> None:
    assert parse(b'{"tags": {}, "entries": []}') == []


def test_ids_are_stable_and_come_from_jrnls_uuid_when_it_has_one() -> None:
    data = jrnl_export(entry(), entry(date="2024-01-06"), entry())
    first, second = parse(data), parse(data)
    assert [c.id for c in first] == [c.id for c in second]
    assert len({c.id for c in first}) == 3  # the repeated entry still gets its own id
    with_uuid = jrnl_export(entry(uuid="6f1e2b3c4d5a49f8a1b2c3d4e5f60718"))
    edited = jrnl_export(entry(uuid="6F1E2B3C4D5A49F8A1B2C3D4E5F60718", body="Edited later"))
    assert parse(with_uuid)[0].id == parse(edited)[0].id
    assert uuid.UUID(parse(with_uuid)[0].id).version == 5


def test_the_same_uuid_from_jrnl_and_day_one_gives_different_ids() -> None:
    own = "6F1E2B3C4D5A49F8A1B2C3D4E5F60718"
    from_jrnl = parse(jrnl_export(entry(uuid=own)))[0]
    day_one = json.dumps(
        {
            "metadata": {"version": "1.0"},
            "entries": [{"uuid": own, "creationDate": "2024-01-05T21:30:00Z"}],
        }
    ).encode()
    from_day_one = checkins_from_dayone(day_one, default_mood=3, today=TODAY)[0]
    assert from_jrnl.id != from_day_one.id


# ---------------------------------------------------------------------------
# The real jrnl


def _run_jrnl(config: Path, *args: str) -> str:
    env = {**os.environ, "NO_COLOR": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "jrnl", "--config-file", str(config), *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=True,
    )
    return done.stdout


def test_a_journal_written_and_exported_by_the_real_jrnl_imports(tmp_path: Path) -> None:
    jrnl = pytest.importorskip("jrnl")
    journal = tmp_path / "journal.txt"
    journal.touch()
    config = tmp_path / "jrnl.yaml"
    config.write_text(
        "colors: {body: none, date: none, tags: none, title: none}\n"
        "default_hour: 9\ndefault_minute: 0\neditor: ''\nencrypt: false\nhighlight: false\n"
        "indent_character: '|'\n"
        f"journals:\n  default:\n    journal: {journal}\n"
        "linewrap: 79\ntagsymbols: '#@'\ntemplate: false\ntimeformat: '%Y-%m-%d %H:%M'\n"
        f"version: v{jrnl.__version__}\n",
        encoding="utf-8",
    )
    _run_jrnl(config, "2024-02-01 06:45: Early turn. Quiet, then a crash on the bypass @rtc")
    _run_jrnl(config, '2024-08-10 23:10: Night 🌙\nA "long" one, with commas.\nBed @Nights @rtc')
    _run_jrnl(config, "2024-08-11 14:00*: Rest day, finally.")
    exported = _run_jrnl(config, "--export", "json").encode()

    assert detect_format(exported, "export.json") is ForeignFormat.JRNL
    early, night, rest = parse(exported, mood=2)
    assert early.took_home == "Early turn.\nQuiet, then a crash on the bypass @rtc"
    assert early.tags == ("rtc",)
    assert early.created_at == datetime(2024, 2, 1, 6, 45, tzinfo=UTC)
    assert night.took_home == 'Night 🌙\nA "long" one, with commas.\nBed @Nights @rtc'
    assert set(night.tags) == {"nights", "rtc"}  # jrnl lists them in no fixed order
    assert night.created_at == datetime(2024, 8, 10, 22, 10, tzinfo=UTC)
    assert (rest.date, rest.took_home, rest.mood) == (date(2024, 8, 11), "Rest day, finally.", 2)
    assert [c.id for c in parse(exported)] == [early.id, night.id, rest.id]
