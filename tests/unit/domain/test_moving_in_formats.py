"""Moving in: telling which app a file came from, and the shared text and tag rules."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wellbeing_app.domain.checkin import MAX_TAG_CHARS, tag_problem
from wellbeing_app.domain.interchange import checkins_to_csv, checkins_to_json
from wellbeing_app.domain.moving_in import (
    ForeignFormat,
    describe_file,
    detect_format,
    tag_from_name,
)
from wellbeing_app.domain.moving_in.text import day_one_text, html_to_text
from wellbeing_app.domain.synthetic import synthetic_checkins

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "moving_in"
DAYLIO = (FIXTURES / "daylio_export.csv").read_bytes()
JRNL = (FIXTURES / "jrnl_export.json").read_bytes()
DAY_ONE = (FIXTURES / "dayone_Journal.json").read_bytes()


def _zip(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "found"),
    [
        (DAYLIO, ForeignFormat.DAYLIO),
        (b"\xef\xbb\xbf" + DAYLIO.replace(b"\n", b"\r\n"), ForeignFormat.DAYLIO),
        (b"year,date,weekday,time,mood,activities,note\n", ForeignFormat.DAYLIO),
        (b" Full_Date , date,weekday,time,mood,activities,note_title,note\n", ForeignFormat.DAYLIO),
        (JRNL, ForeignFormat.JRNL),
        (b'{"tags": {}, "entries": []}', ForeignFormat.JRNL),
        (DAY_ONE, ForeignFormat.DAY_ONE),
        (b"\xef\xbb\xbf\n  " + DAY_ONE, ForeignFormat.DAY_ONE),
        (b'{"metadata": {"version": "1.0"}, "entries": []}', ForeignFormat.DAY_ONE),
        (_zip({"Journal.json": DAY_ONE, "photos/a.jpeg": b"\xff\xd8"}), ForeignFormat.DAY_ONE),
        (_zip({"export/Work Journal.json": DAY_ONE}), ForeignFormat.DAY_ONE),
    ],
)
def test_each_apps_export_is_recognised_by_its_content(data: bytes, found: ForeignFormat) -> None:
    assert detect_format(data, "renamed.txt") is found


def test_the_name_of_the_file_does_not_decide() -> None:
    assert detect_format(DAYLIO, "Journal.json") is ForeignFormat.DAYLIO
    assert detect_format(JRNL, "daylio_export.csv") is ForeignFormat.JRNL


def _own_exports() -> list[bytes]:
    checkins = synthetic_checkins(5, end=date(2026, 11, 20))
    return [checkins_to_json(checkins).encode(), checkins_to_csv(checkins).encode()]


@pytest.mark.parametrize(
    "data",
    [
        *_own_exports(),
        b"",
        b"   \n",
        b"full_date,date,weekday,time,mood\n",  # a Daylio header with columns missing
        b'{"tags": {}, "entries": [{"creationDate": "x"}]}',  # neither app's shape
        b'{"entries": [{"date": "2024-01-05", "time": "1", "title": "", "body": ""}]}',
        b'{"metadata": {}, "entries": [{"text": "no creationDate"}]}',
        b"[1, 2, 3]",
        b'{"tags": {}, "entries": [',
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3",
        b"\xff\xfe\x00\x00garbage",
        _zip({"photos/a.jpeg": b"x"}),
        _zip({"Journal.json": JRNL}),  # a zip is Day One's way, not jrnl's
        # The app's own header wins over anything else the document holds.
        b'{"format": "took-home-checkins", "version": 1, "metadata": {}, "entries": []}',
        b"PK\x03\x04 a truncated zip",
    ],
)
def test_the_apps_own_files_and_unknown_data_are_not_taken_for_another_app(data: bytes) -> None:
    assert detect_format(data, "file") is None


@given(st.binary(max_size=300))
def test_detection_never_raises(data: bytes) -> None:
    assert detect_format(data, "x") in (None, *ForeignFormat)


def test_the_description_is_one_plain_line() -> None:
    assert describe_file(DAYLIO, "daylio_export.csv") == "This looks like a Daylio export"
    assert describe_file(JRNL, "x.json") == "This looks like a jrnl export"
    assert describe_file(DAY_ONE, "Journal.json") == "This looks like a Day One export"
    assert describe_file(b"\x00\x01", "backup_2024_01_05.daylio") == (
        "This looks like a Daylio backup (.daylio), which cannot be read here; in Daylio "
        "choose More, Export entries, CSV, and import that file"
    )
    assert describe_file(_own_exports()[0], "took-home.json") is None
    assert [f.value for f in ForeignFormat] == ["daylio", "jrnl", "dayone"]  # the --from choices


# ---------------------------------------------------------------------------
# Tags


@pytest.mark.parametrize(
    ("name", "tag"),
    [
        ("court", "court"),
        ("  movies   /  tv ", "movies / tv"),
        ("a;b", "a,b"),
        ("line\nbreak\ttab", "line break tab"),
        ("   ", None),
        ("\n", None),
        ("x" * MAX_TAG_CHARS, "x" * MAX_TAG_CHARS),
        ("x" * (MAX_TAG_CHARS + 1), "x" * (MAX_TAG_CHARS - 1) + "…"),
        ("word " * 20, " ".join(["word"] * 8) + "…"),  # 39 characters, then "…"
        ("a " + "y" * 60, "a " + "y" * (MAX_TAG_CHARS - 3) + "…"),
        # Cut at the last whole word, not mid-word, when that keeps most of the name.
        ("hospital wait with a detained person for hours", "hospital wait with a detained person…"),
    ],
)
def test_a_foreign_name_becomes_a_tag_in_the_documented_way(name: str, tag: str | None) -> None:
    assert tag_from_name(name) == tag


@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=120))
def test_any_name_becomes_a_tag_the_app_accepts_or_nothing(name: str) -> None:
    tag = tag_from_name(name)
    assert tag is None or tag_problem(tag) is None


# ---------------------------------------------------------------------------
# Text


@pytest.mark.parametrize(
    ("note", "text"),
    [
        ("one<br>two<br/>three<br />four", "one\ntwo\nthree\nfour"),
        ("<b>bold</b> <i>it</i> <u>u</u> <strong>s</strong>", "bold it u s"),
        ("&amp; &quot; &#39; &lt; &gt; &eacute;", "& \" ' < > é"),
        ("<h1>Head</h1>Body", "Head\nBody"),
        ("a<br><br><br><br>b", "a\n\nb"),
        ("<3 and 3>", "<3 and 3>"),
        ("<notatag>", "<notatag>"),
        ("trailing   <br>spaces", "trailing\nspaces"),
        ("", ""),
    ],
)
def test_daylio_html_becomes_plain_text(note: str, text: str) -> None:
    assert html_to_text(note) == text


def test_day_one_only_treats_the_first_line_as_a_heading() -> None:
    assert day_one_text("# One\n# Two") == "One\n# Two"


def test_fixture_files_are_what_their_apps_write() -> None:
    # Guards the fixtures themselves: a hand edit that breaks their shape fails here.
    assert set(json.loads(JRNL)) == {"tags", "entries"}
    assert json.loads(DAY_ONE)["metadata"] == {"version": "1.0"}
    assert DAYLIO.splitlines()[0] == (
        b"full_date,date,weekday,time,mood,activities,note_title,note"
    )
