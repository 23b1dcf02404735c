"""Moving in from Daylio: its CSV export, as Daylio writes it, becomes check-ins or a refusal."""

from __future__ import annotations

import time
import uuid
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from wellbeing_app.domain.catalogue import ACTIVITIES
from wellbeing_app.domain.checkin import MAX_TAG_CHARS, MAX_TAGS, MAX_TEXT_CHARS, CheckIn
from wellbeing_app.domain.dates import WEEKDAY_NAMES
from wellbeing_app.domain.interchange import ImportRejected
from wellbeing_app.domain.moving_in import (
    DEFAULT_DAYLIO_MOODS,
    MOVING_IN_NAMESPACE,
    DaylioOptions,
    checkins_from_daylio,
    checkins_from_foreign,
    daylio_vocabulary,
)
from wellbeing_app.domain.moving_in.formats import ForeignFormat

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "moving_in"
TODAY = date(2026, 11, 24)
HEADER = "full_date,date,weekday,time,mood,activities,note_title,note"
LEGACY_HEADER = "year,date,weekday,time,mood,activities,note"
MONTHS = "January February March April May June July August September October November December"


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def row(
    full_date: str = "2024-01-05",
    time_: str = "9:05 pm",
    mood: str = "rad",
    activities: str = "",
    title: str = "",
    note: str = "",
) -> str:
    """One line as Daylio writes it: five bare cells, then three quoted ones."""
    try:
        day = date.fromisoformat(full_date)
        shown = f"{day.day} {MONTHS.split()[day.month - 1]},{WEEKDAY_NAMES[day.weekday()]}"
    except ValueError:
        shown = ","
    return ",".join(
        [full_date, shown, time_, mood, _quoted(activities), _quoted(title), _quoted(note)]
    )


def daylio(*rows: str, bom: bool = False, newline: str = "\n", header: str = HEADER) -> bytes:
    text = newline.join([header, *rows]) + newline
    return (("\ufeff" if bom else "") + text).encode("utf-8")


def parse(data: bytes, options: DaylioOptions | None = None) -> list[CheckIn]:
    return checkins_from_daylio(data, options, today=TODAY)


def one(**cells: str) -> CheckIn:
    time_ = cells.pop("time", "9:05 pm")
    [checkin] = parse(daylio(row(time_=time_, **cells)))
    return checkin


def rejected(data: bytes, options: DaylioOptions | None = None) -> ImportRejected:
    with pytest.raises(ImportRejected) as caught:
        parse(data, options)
    return caught.value


# ---------------------------------------------------------------------------
# Moods


@pytest.mark.parametrize(("name", "mood"), sorted(DEFAULT_DAYLIO_MOODS.items()))
def test_the_five_daylio_moods_map_to_five_to_one(name: str, mood: int) -> None:
    assert one(mood=name).mood == mood


@pytest.mark.parametrize("written", ["rad ", " Rad", "RAD", "rad\t", "  rAd  "])
def test_moods_match_ignoring_case_and_stray_spaces(written: str) -> None:
    assert one(mood=written).mood == 5


def test_spaces_inside_a_mood_name_are_part_of_it() -> None:
    options = DaylioOptions(moods={"ok  but sleepy": 3})
    assert [c.mood for c in parse(daylio(row(mood=" OK but   sleepy ")), options)] == [3]
    assert "mood 'r a d' is not one of the moods" in rejected(daylio(row(mood="r a d"))).lines()[0]


def test_a_renamed_mood_is_reported_by_record_and_value_and_nothing_is_imported() -> None:
    data = daylio(
        row("2024-01-05", mood="rad"),
        row("2024-01-04", "21:05", mood="sad"),
        row("2024-01-03", mood="good"),
        row("2024-01-02", "7:00 am", mood=" Knackered "),
    )
    error = rejected(data)
    assert not error.damaged
    assert error.lines() == [
        "record 1 (2024-01-04 21:05): mood 'sad' is not one of the moods mapped to 1 to 5 "
        "(rad, good, meh, bad, awful)",
        "record 3 (2024-01-02 7:00 am): mood 'Knackered' is not one of the moods mapped to "
        "1 to 5 (rad, good, meh, bad, awful)",
    ]
    assert error.summary == "2 records have problems"


def test_the_person_can_map_renamed_moods() -> None:
    options = DaylioOptions(moods={**DEFAULT_DAYLIO_MOODS, "Sad": 2, "knackered": 1})
    data = daylio(row(mood="sad "), row("2024-01-04", mood="KNACKERED"), row("2024-01-03"))
    assert [c.mood for c in parse(data, options)] == [2, 1, 5]


def test_a_new_mood_mapping_replaces_the_default_one() -> None:
    options = DaylioOptions(moods={"great": 5, "fine": 3})
    assert "'rad' is not one of the moods mapped to 1 to 5 (great, fine)" in str(
        rejected(daylio(row(mood="rad")), options).lines()
    )


def test_an_empty_mood_is_reported_plainly() -> None:
    assert rejected(daylio(row(mood=""))).lines() == [
        "record 0 (2024-01-05 9:05 pm): mood is empty; every entry needs a mood"
    ]


@pytest.mark.parametrize(
    "moods",
    [{"rad": 6}, {"rad": 0}, {"rad": True}, {"rad": "5"}, {"": 3}, {"Rad": 5, "rad ": 4}],
)
def test_a_mood_mapping_the_app_cannot_use_is_the_callers_mistake(moods: dict[str, int]) -> None:
    with pytest.raises(ValueError):
        DaylioOptions(moods=moods)


# ---------------------------------------------------------------------------
# Activities


def test_activities_become_tags_split_on_the_bar_with_stray_spaces_dropped() -> None:
    checkin = one(activities="work  | bad sleep | movies / tv |  | Work ")
    assert checkin.tags == ("work", "bad sleep", "movies / tv")
    assert checkin.activities == ()


def test_mapped_activities_become_true_picture_activities_or_are_left_out() -> None:
    options = DaylioOptions(
        activities={
            "Hospital wait ": "hospital_wait_with_detainee",
            "court": "court_or_file_prep",
            "COURT prep": "court_or_file_prep",
            "movies / tv": None,
        }
    )
    [checkin] = parse(
        daylio(row(activities="hospital wait | court | court prep | movies / tv | walk")), options
    )
    assert checkin.activities == ("hospital_wait_with_detainee", "court_or_file_prep")
    assert checkin.tags == ("walk",)


def test_an_activity_mapped_to_an_unknown_code_is_the_callers_mistake() -> None:
    with pytest.raises(ValueError, match="not a true-picture code"):
        DaylioOptions(activities={"court": "court_case"})
    assert "court_or_file_prep" in ACTIVITIES  # the test above used a near miss on purpose


def test_activity_names_are_bent_to_the_tag_rules_in_the_documented_way() -> None:
    long_name = "a very long activity name that someone typed in full"
    checkin = one(activities=f"court; again | {long_name} | x" + "y" * 60)
    court, long_tag, word = checkin.tags
    assert court == "court, again"
    assert long_tag == "a very long activity name that someone…"
    assert word == "x" + "y" * (MAX_TAG_CHARS - 2) + "…"
    assert all(len(tag) <= MAX_TAG_CHARS for tag in checkin.tags)


def test_more_tags_than_the_app_keeps_is_reported_with_what_to_do() -> None:
    many = " | ".join(f"activity {n}" for n in range(MAX_TAGS + 3))
    [line] = rejected(daylio(row(activities=many))).lines()
    assert line == (
        f"record 0 (2024-01-05 9:05 pm): activities would make {MAX_TAGS + 3} tags and the "
        f"limit is {MAX_TAGS}; map some to what the shift involved, or leave some out"
    )
    skip = {f"activity {n}": None for n in range(3)}
    [checkin] = parse(daylio(row(activities=many)), DaylioOptions(activities=skip))
    assert len(checkin.tags) == MAX_TAGS


# ---------------------------------------------------------------------------
# Notes


def test_title_and_note_become_what_i_took_home_with_br_as_new_lines() -> None:
    checkin = one(title="Long one", note="Sat at A&amp;E.<br>Then <b>more</b> paperwork<BR/>Home")
    assert checkin.took_home == "Long one\nSat at A&E.\nThen more paperwork\nHome"


def test_html_is_removed_but_text_that_only_looks_like_html_is_kept() -> None:
    note = (
        "<p>One</p><ul><li>gave evidence</li><li>early finish</li></ul>"
        "I &lt;3 a short day &amp; x < y, y > z &#128512; &nbsp;<span style='x'>end</span>"
    )
    assert one(note=note).took_home == (
        "One\n- gave evidence\n- early finish\nI <3 a short day & x < y, y > z 😀  end"
    )


def test_an_escaped_tag_the_person_typed_stays_as_text() -> None:
    assert one(note="I typed &lt;b&gt; on purpose").took_home == "I typed <b> on purpose"


def test_notes_with_commas_quotes_new_lines_and_emoji_survive() -> None:
    note = "First, second; \"quoted\", 'single'\nnext line\r\nand a Windows one 🚓💙"
    checkin = one(title="Title, with a comma", note=note)
    assert checkin.took_home == (
        "Title, with a comma\nFirst, second; \"quoted\", 'single'\nnext line\n"
        "and a Windows one 🚓💙"
    )


def test_an_empty_note_and_title_leave_what_i_took_home_empty() -> None:
    assert one(title="", note="").took_home is None
    assert one(title="  ", note="<br><br>").took_home is None
    assert one(title="Only a title").took_home == "Only a title"


def test_a_note_longer_than_the_app_keeps_is_reported_without_repeating_it() -> None:
    note = "PRIVATE " * (MAX_TEXT_CHARS // 8 + 1)
    [line] = rejected(daylio(row(note=note))).lines()
    assert line.startswith("record 0 (2024-01-05 9:05 pm): note is ")
    assert line.endswith(f"characters long; the limit is {MAX_TEXT_CHARS:,}")
    assert "PRIVATE" not in line


# ---------------------------------------------------------------------------
# Dates and times


@pytest.mark.parametrize(
    ("day", "written", "utc"),
    [
        ("2024-01-05", "9:05 pm", datetime(2024, 1, 5, 21, 5, tzinfo=UTC)),  # GMT
        ("2024-01-05", "21:05", datetime(2024, 1, 5, 21, 5, tzinfo=UTC)),
        ("2024-07-04", "9:05 PM", datetime(2024, 7, 4, 20, 5, tzinfo=UTC)),  # BST
        ("2024-07-04", "07:05", datetime(2024, 7, 4, 6, 5, tzinfo=UTC)),
        ("2024-07-04", "12:30 am", datetime(2024, 7, 3, 23, 30, tzinfo=UTC)),
        ("2024-07-04", "12:15 pm", datetime(2024, 7, 4, 11, 15, tzinfo=UTC)),
        ("2024-07-04", "9:05 p.m.", datetime(2024, 7, 4, 20, 5, tzinfo=UTC)),
        # The repeated hour when the clocks go back: the first (BST) one.
        ("2024-10-27", "1:30 am", datetime(2024, 10, 27, 0, 30, tzinfo=UTC)),
        # The skipped hour when they go forward: read with the winter offset.
        ("2024-03-31", "1:30 am", datetime(2024, 3, 31, 1, 30, tzinfo=UTC)),
    ],
)
def test_time_is_london_wall_clock_stored_in_utc(day: str, written: str, utc: datetime) -> None:
    checkin = one(full_date=day, time=written)
    assert checkin.created_at == utc
    assert checkin.updated_at == utc
    assert checkin.date == date.fromisoformat(day)  # the day Daylio shows, always


@pytest.mark.parametrize("written", ["25:00", "9:65 pm", "13:05 pm", "0:05 am", "noon", ""])
def test_a_time_that_is_not_a_time_is_reported(written: str) -> None:
    [line] = rejected(daylio(row(time_=written))).lines()
    assert f"time {written!r} is not a time like 21:05 or 9:05 pm" in line


def test_bad_dates_are_reported_in_daylios_words() -> None:
    error = rejected(daylio(row("05/01/2024"), row("2024-02-30"), row("2030-01-01")))
    assert error.lines() == [
        "record 0 (05/01/2024 9:05 pm): full_date '05/01/2024' is not a date written as YYYY-MM-DD",
        "record 1 (2024-02-30 9:05 pm): full_date '2024-02-30' is not a date written as YYYY-MM-DD",
        "record 2 (2030-01-01 9:05 pm): full_date '2030-01-01' is outside 1990-01-01 to 2026-11-25",
    ]


def test_every_problem_of_every_record_is_listed() -> None:
    error = rejected(daylio(row("2024-13-01", "99:99", "sad"), row(), row(mood="?")))
    assert [(p.index, p.problem.field if p.problem else "") for p in error.problems] == [
        (0, "full_date"),
        (0, "time"),
        (0, "mood"),
        (2, "mood"),
    ]


def test_the_older_export_without_note_titles_still_imports() -> None:
    data = daylio(
        '2018,18 May,Friday,11:54 pm,good,"clean | cook","Went to a party"',
        '2018,17 May,Thursday,10:21 pm,bad,"",""',
        '2018,1 Mai,Tuesday,10:21 pm,bad,"",""',
        header=LEGACY_HEADER,
    )
    error = rejected(data)
    assert error.lines() == [
        "record 2 (1 Mai 2018 10:21 pm): date '1 Mai 2018' is not a date like 18 May, with a year"
    ]
    good, bad = parse(daylio(*daylio_rows_of(data)[:2], header=LEGACY_HEADER))
    assert (good.date, good.mood, good.tags, good.took_home) == (
        date(2018, 5, 18),
        4,
        ("clean", "cook"),
        "Went to a party",
    )
    assert bad.date == date(2018, 5, 17)


def daylio_rows_of(data: bytes) -> list[str]:
    return data.decode().splitlines()[1:]


# ---------------------------------------------------------------------------
# The file as a whole


def test_the_fixture_export_imports_as_daylio_wrote_it() -> None:
    checkins = parse((FIXTURES / "daylio_export.csv").read_bytes())
    assert [(c.date.isoformat(), c.mood) for c in checkins] == [
        ("2024-07-04", 1),
        ("2024-07-04", 3),
        ("2024-03-31", 2),
        ("2024-01-06", 4),
        ("2024-01-05", 5),
        ("2024-01-01", 2),
    ]
    first = checkins[0]
    assert first.took_home == (
        "Long one\nFour hours at A&E with a detained person.\n\nNo food, no break, no relief."
    )
    assert first.tags == ("work", "bad sleep", "hospital wait")
    assert first.created_at == datetime(2024, 7, 4, 21, 45, tzinfo=UTC)
    assert checkins[3].took_home == (
        "Walked it off, then a film, then bed.\nProperly tired; slept well."
    )


def test_a_bom_and_windows_line_endings_change_nothing() -> None:
    rows = [row(note="a\nb"), row("2024-01-04", "7:15 am", "meh", "work | gym", "T", "x<br>y")]
    plain = parse(daylio(*rows))
    assert parse(daylio(*rows, bom=True, newline="\r\n")) == plain
    assert len(plain) == 2


def test_blank_lines_are_not_records() -> None:
    assert len(parse(daylio(row(), "", row("2024-01-04"), ""))) == 2


def test_a_header_alone_is_an_empty_import() -> None:
    assert parse(daylio()) == []


def test_a_row_with_the_wrong_number_of_cells_is_reported_by_index() -> None:
    error = rejected(daylio(row(), '2024-01-04,4 January,Thursday,21:05,rad,"",""'))
    assert error.lines() == ["record 1: the entry has 7 cells; the header has 8"]


def test_columns_are_found_by_name_and_extra_ones_ignored() -> None:
    header = "note,mood,time,full_date,activities,note_title,weekday,date,scales"
    data = daylio(
        '"a note",good,21:05,2024-01-05,"walk","","Friday","5 January","7"', header=header
    )
    [checkin] = parse(data)
    assert (checkin.took_home, checkin.mood, checkin.tags) == ("a note", 4, ("walk",))


def test_a_file_missing_columns_is_not_a_daylio_export_and_not_damaged() -> None:
    error = rejected(b"full_date,date,weekday,time,activities,note_title,note\n2024-01-05\n")
    assert not error.damaged
    assert error.lines() == [
        "the file is not a Daylio export: the header has no mood column; a Daylio export "
        "starts with full_date,date,weekday,time,mood,activities,note_title,note"
    ]


def test_the_apps_own_csv_is_not_taken_for_daylio() -> None:
    error = rejected(b"id,date,mood\n,2024-01-05,3\n")
    assert not error.damaged
    assert error.lines()[0].startswith("the file is not a Daylio export")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "the file is empty"),
        (b"\xff\xfef\x00u\x00", "the file is UTF-16 text; save it as UTF-8 and try again"),
        (HEADER.encode() + b"\n2024-01-05,\xe9\n", "the file is not UTF-8 text"),
        (daylio('2024-01-05,5 January,Friday,9:05 pm,rad,"unclosed'), "the CSV is malformed"),
        (daylio(row(), 'x,"a"b,c'), "the CSV is malformed after record 0"),
    ],
)
def test_a_file_that_cannot_be_read_is_damaged(data: bytes, message: str) -> None:
    error = rejected(data)
    assert error.damaged
    assert error.lines() == [message]


def test_a_file_too_big_to_be_a_diary_is_refused_before_parsing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from wellbeing_app.domain.moving_in import records

    monkeypatch.setattr(records, "MAX_FILE_BYTES", 1000)
    error = rejected(daylio(*[row() for _ in range(20)]))
    assert not error.damaged
    assert "the most that can be imported from Daylio at once" in error.lines()[0]


def test_more_entries_than_one_import_takes_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from wellbeing_app.domain.moving_in import records

    monkeypatch.setattr(records, "MAX_RECORDS", 3)
    assert len(parse(daylio(*[row(note=str(n)) for n in range(3)]))) == 3
    error = rejected(daylio(*[row(note=str(n)) for n in range(4)]))
    assert error.lines() == ["the file has more than 3 entries; import it in parts"]


def test_ten_thousand_rows_import_quickly() -> None:
    moods = list(DEFAULT_DAYLIO_MOODS)
    rows = [
        row(
            date.fromordinal(date(1996, 1, 1).toordinal() + n).isoformat(),
            f"{n % 12 + 1}:{n % 60:02d} {'am' if n % 2 else 'pm'}",
            moods[n % 5],
            "work | bad sleep | walk",
            f"Day {n}",
            f"Shift {n}, with a comma<br>and a &quot;quote&quot; 🚓",
        )
        for n in range(10_000)
    ]
    data = daylio(*rows, bom=True, newline="\r\n")
    started = time.perf_counter()
    checkins = parse(data)
    elapsed = time.perf_counter() - started
    assert len(checkins) == 10_000
    assert len({c.id for c in checkins}) == 10_000
    assert checkins[9_999].took_home == 'Day 9999\nShift 9999, with a comma\nand a "quote" 🚓'
    # Not a budget: a guard against work that grows with the square of the rows.
    assert elapsed < 10


# ---------------------------------------------------------------------------
# Ids


def test_importing_the_same_file_twice_gives_the_same_ids() -> None:
    data = (FIXTURES / "daylio_export.csv").read_bytes()
    first, second = parse(data), parse(data)
    assert [c.id for c in first] == [c.id for c in second]
    assert len({c.id for c in first}) == len(first)
    assert all(uuid.UUID(c.id).version == 5 for c in first)


def test_ids_come_from_the_entry_not_its_place_in_the_file_or_the_mapping() -> None:
    a, b = row("2024-01-05", note="one"), row("2024-01-04", mood="sad", note="two")
    options = DaylioOptions(moods={**DEFAULT_DAYLIO_MOODS, "sad": 2})
    forwards = parse(daylio(a, b), options)
    backwards = parse(daylio(b, a), DaylioOptions(moods={**DEFAULT_DAYLIO_MOODS, "sad": 1}))
    assert {c.id for c in forwards} == {c.id for c in backwards}


def test_identical_entries_each_get_their_own_stable_id() -> None:
    data = daylio(row(note="same"), row(note="same"), row(note="other"))
    ids = [c.id for c in parse(data)]
    assert len(set(ids)) == 3
    assert ids == [c.id for c in parse(data)]


def test_an_id_is_fixed_for_ever_by_the_apps_namespace() -> None:
    # If this fails, re-importing an old Daylio file would double every entry.
    assert str(MOVING_IN_NAMESPACE) == "908dd861-49eb-590d-8121-61ca89a22082"
    [checkin] = parse(daylio(row("2024-01-05", "9:05 pm", "rad", "work", "T", "N")))
    key = "\x1f".join(("daylio", "2024-01-05", "9:05 pm", "rad", "work", "T", "N"))
    assert checkin.id == str(uuid.uuid5(MOVING_IN_NAMESPACE, key))


# ---------------------------------------------------------------------------
# What the import dialog needs


def test_the_vocabulary_lists_the_moods_and_activities_the_file_uses() -> None:
    data = daylio(
        row(mood="rad", activities="work | walk"),
        row(mood=" Sad ", activities="Work"),
        row(mood="sad", activities=""),
    )
    vocabulary = daylio_vocabulary(data)
    assert dict(vocabulary.moods) == {"rad": 1, "Sad": 2}
    assert dict(vocabulary.activities) == {"work": 2, "walk": 1}
    assert vocabulary.unmapped_moods(DaylioOptions()) == ["Sad"]
    mapped = DaylioOptions(moods={**DEFAULT_DAYLIO_MOODS, "sad": 2})
    assert vocabulary.unmapped_moods(mapped) == []


def test_the_one_call_import_reads_daylio_without_a_default_mood() -> None:
    data = daylio(row())
    assert checkins_from_foreign(data, ForeignFormat.DAYLIO, today=TODAY) == parse(data)
