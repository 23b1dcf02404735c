"""``wellbeing-app import FILE --from daylio|jrnl|dayone``, run as a person would run it.

The files are written the way those apps write them: Daylio's CSV (the first
five cells bare, the last three quoted, activities joined with " | "),
jrnl's own ``--export json`` (the real jrnl, when installed), and Day One's
``Journal.json``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.support import FAST_KDF, PASSPHRASE, REPO_ROOT, CliResult, snapshot
from wellbeing_app.domain.catalogue import ShiftType
from wellbeing_app.domain.checkin import CheckIn
from wellbeing_app.domain.dates import MONTH_NAMES, WEEKDAY_NAMES
from wellbeing_app.domain.interchange import checkins_to_json
from wellbeing_app.storage.repository import CheckInRepository
from wellbeing_app.storage.vault import Vault

Run = Callable[..., CliResult]
LINE = PASSPHRASE + "\n"
FIXTURES = REPO_ROOT / "tests" / "fixtures" / "moving_in"


@pytest.fixture
def made_vault(data_dir: Path) -> Path:
    Vault.create(data_dir, PASSPHRASE, kdf=FAST_KDF)[0].lock()
    return data_dir


def stored(folder: Path) -> list[CheckIn]:
    with Vault.open(folder, PASSPHRASE) as vault:
        return CheckInRepository(vault).list_between(newest_first=False)


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def daylio_row(
    day: date, clock: str, mood: str, activities: str = "", title: str = "", note: str = ""
) -> str:
    """One row as Daylio writes it: date, day and time bare, the last three always quoted."""
    human = f"{day.day} {MONTH_NAMES[day.month - 1]}"
    return ",".join(
        [
            day.isoformat(),
            human,
            WEEKDAY_NAMES[day.weekday()],
            clock,
            mood,
            _quoted(activities),
            _quoted(title),
            _quoted(note),
        ]
    )


def daylio_csv(*rows: str) -> bytes:
    header = "full_date,date,weekday,time,mood,activities,note_title,note"
    return ("\n".join([header, *rows]) + "\n").encode("utf-8")


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def assert_one_line(result: CliResult, code: int) -> str:
    assert result.code == code, (result.code, result.stderr)
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


# ---------------------------------------------------------------------------
# Daylio


def test_a_daylio_export_imports_with_its_moods_notes_activities_and_times(
    run_cli: Run, made_vault: Path, tmp_path: Path
) -> None:
    source = tmp_path / "daylio_export.csv"
    source.write_bytes((FIXTURES / "daylio_export.csv").read_bytes())
    result = run_cli("import", str(source), "--from", "daylio", "--passphrase-stdin", stdin=LINE)
    assert result.code == 0, result.stderr
    assert result.stdout.strip() == f"Imported 6 check-ins from {source}."
    checkins = stored(made_vault)
    assert [(c.date, c.mood) for c in checkins] == [
        (date(2024, 1, 1), 2),
        (date(2024, 1, 5), 5),
        (date(2024, 1, 6), 4),  # "Good"
        (date(2024, 3, 31), 2),
        (date(2024, 7, 4), 3),  # "meh " with its stray space, at 7:05 am
        (date(2024, 7, 4), 1),  # awful, at 10:45 pm
    ]
    awful = checkins[-1]
    assert awful.took_home == (
        "Long one\nFour hours at A&E with a detained person.\n\nNo food, no break, no relief."
    )
    assert awful.tags == ("work", "bad sleep", "hospital wait")
    assert awful.created_at.isoformat() == "2024-07-04T21:45:00+00:00"  # BST wall clock
    assert checkins[4].took_home is None  # an empty note is no text, not ""


def test_renamed_moods_are_refused_by_record_and_field_until_mapped(
    run_cli: Run, made_vault: Path, tmp_path: Path
) -> None:
    source = write(
        tmp_path,
        "renamed.csv",
        daylio_csv(
            daylio_row(date(2024, 5, 2), "9:00 pm", " RAD "),
            daylio_row(date(2024, 5, 1), "9:00 pm", "Sleepy"),
            daylio_row(date(2024, 4, 30), "9:00 pm", "knackered "),
        ),
    )
    before = snapshot(made_vault)
    refused = run_cli("import", str(source), "--from", "daylio", "--passphrase-stdin", stdin=LINE)
    assert refused.code == 1, refused.stderr
    lines = refused.stderr.strip().splitlines()
    assert lines[0].strip() == (
        "record 1 (2024-05-01 9:00 pm): mood 'Sleepy' is not one of the moods mapped to 1 to 5 "
        "(rad, good, meh, bad, awful)"
    )
    assert lines[1].strip().startswith("record 2 (2024-04-30 9:00 pm): mood 'knackered'")
    assert lines[-1] == "wellbeing-app: 2 records have problems; nothing was imported"
    assert snapshot(made_vault) == before

    mapped = run_cli(
        "import",
        str(source),
        "--from",
        "daylio",
        "--map-mood",
        "sleepy=2",
        "--map-mood",
        " Knackered =1",
        "--passphrase-stdin",
        stdin=LINE,
    )
    assert mapped.code == 0, mapped.stderr
    assert [c.mood for c in stored(made_vault)] == [1, 2, 5]


def test_notes_with_commas_newlines_html_and_emoji_arrive_as_plain_text(
    run_cli: Run, made_vault: Path, tmp_path: Path
) -> None:
    note = (
        'Sat in A&amp;E, again; "fine", he said.<br>Home at 4 🌙<br/><i>bed</i>\r\nTomorrow: rest'
    )
    source = write(
        tmp_path,
        "odd.csv",
        daylio_csv(
            daylio_row(
                date(2024, 6, 2), "23:40", "good", "court | 🏃 run", "Title, with comma", note
            ),
            daylio_row(date(2024, 6, 1), "7:00 am", "meh", "", "", ""),
            daylio_row(date(2024, 5, 31), "7:00 pm", "bad", "", "", "<br><br>"),
        ),
    )
    result = run_cli("import", str(source), "--from", "daylio", "--passphrase-stdin", stdin=LINE)
    assert result.code == 0, result.stderr
    only_breaks, empty, full = stored(made_vault)
    assert full.took_home == (
        'Title, with comma\nSat in A&E, again; "fine", he said.\nHome at 4 🌙\nbed\nTomorrow: rest'
    )
    assert full.tags == ("court", "🏃 run")
    assert empty.took_home is None and empty.tags == ()
    assert only_breaks.took_home is None


def test_a_daylio_activity_can_become_what_the_shift_involved(
    run_cli: Run, made_vault: Path, tmp_path: Path
) -> None:
    source = write(
        tmp_path,
        "acts.csv",
        daylio_csv(daylio_row(date(2024, 6, 2), "23:40", "bad", "hospital wait | work | gym")),
    )
    result = run_cli(
        "import",
        str(source),
        "--from",
        "daylio",
        "--map-activity",
        "Hospital wait=hospital_wait_with_detainee",
        "--map-activity",
        "work=none",
        "--passphrase-stdin",
        stdin=LINE,
    )
    assert result.code == 0, result.stderr
    [checkin] = stored(made_vault)
    assert checkin.activities == ("hospital_wait_with_detainee",)
    assert checkin.tags == ("gym",)


def test_ten_thousand_daylio_rows_import_whole(
    run_cli: Run, made_vault: Path, tmp_path: Path
) -> None:
    moods = ("rad", "good", "meh", "bad", "awful")
    first = date(1998, 1, 1)
    rows = [
        daylio_row(
            first + timedelta(days=n),
            "9:15 pm",
            moods[n % 5],
            "work | nights" if n % 3 else "",
            "",
            f"Entry {n}, with a comma<br>and a second line" if n % 2 else "",
        )
        for n in range(10_000)
    ]
    source = write(tmp_path, "big.csv", daylio_csv(*reversed(rows)))  # newest first
    started = time.perf_counter()
    result = run_cli(
        "import", str(source), "--from", "daylio", "--passphrase-stdin", stdin=LINE, timeout=300
    )
    took = time.perf_counter() - started
    assert result.code == 0, result.stderr
    assert result.stdout.strip() == f"Imported 10000 check-ins from {source}."
    checkins = stored(made_vault)
    assert len(checkins) == 10_000
    assert checkins[1].took_home == "Entry 1, with a comma\nand a second line"
    assert [c.mood for c in checkins[:5]] == [5, 4, 3, 2, 1]
    sys.stderr.write(f"10,000 Daylio rows imported in {took:.2f} s (whole command)\n")


def test_a_daylio_file_imported_twice_is_not_doubled(
    run_cli: Run, made_vault: Path, tmp_path: Path
) -> None:
    source = tmp_path / "daylio_export.csv"
    source.write_bytes((FIXTURES / "daylio_export.csv").read_bytes())
    args = ("import", str(source), "--from", "daylio", "--passphrase-stdin")
    assert run_cli(*args, stdin=LINE).code == 0
    again = run_cli(*args, stdin=LINE)
    assert again.code == 0, again.stderr
    assert again.stdout.strip() == (
        f"Imported 0 check-ins from {source}; 6 were already in the vault and were skipped."
    )
    assert len(stored(made_vault)) == 6


def test_a_check_in_with_the_same_date_shift_and_words_is_skipped(
    run_cli: Run, made_vault: Path, tmp_path: Path
) -> None:
    """Written in this app, exported, and also kept in another app: the same day, shift
    and words under another id is the same check-in."""
    mine = CheckIn(date(2024, 6, 2), 3, took_home="Court all day.\nAdjourned again.")
    night = CheckIn(
        date(2024, 6, 2),
        3,
        shift_type=ShiftType.NIGHT,
        took_home="Court all day.\nAdjourned again.",
    )
    with Vault.open(made_vault, PASSPHRASE) as vault:
        CheckInRepository(vault).add_many([mine, night])
    source = write(
        tmp_path,
        "dup.csv",
        daylio_csv(
            daylio_row(date(2024, 6, 2), "23:40", "bad", "", "Court all day.", "Adjourned again."),
            daylio_row(date(2024, 6, 2), "07:40", "good", "", "", ""),  # no words: never a match
        ),
    )
    result = run_cli("import", str(source), "--from", "daylio", "--passphrase-stdin", stdin=LINE)
    assert result.code == 0, result.stderr
    assert result.stdout.strip() == (
        f"Imported 1 check-in from {source}; 1 was already in the vault and was skipped."
    )
    assert len(stored(made_vault)) == 3


# ---------------------------------------------------------------------------
# jrnl and Day One: no mood of their own


def _jrnl_export(tmp_path: Path) -> bytes:
    """A journal written and exported by the real jrnl (a test dependency)."""
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

    def run(*args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "jrnl", "--config-file", str(config), *args],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            env={**os.environ, "NO_COLOR": "1"},
            timeout=60,
            check=True,
        )
        return done.stdout

    run("2024-02-01 06:45: Early turn. Quiet, then a crash on the bypass @rtc")
    run('2024-08-10 23:10: Night 🌙\nA "long" one, with commas.\nBed @Nights @rtc')
    return run("--export", "json").encode("utf-8")


def test_a_real_jrnl_export_imports_with_the_chosen_mood(
    run_cli: Run, made_vault: Path, tmp_path: Path
) -> None:
    source = write(tmp_path, "export.json", _jrnl_export(tmp_path))
    args = ("import", str(source), "--from", "jrnl")
    no_mood = run_cli(*args, "--passphrase-stdin", stdin=LINE)
    assert assert_one_line(no_mood, 2).startswith(
        "wellbeing-app: jrnl records no mood, and every check-in needs one: give --mood N"
    )
    result = run_cli(*args, "--mood", "2", "--passphrase-stdin", stdin=LINE)
    assert result.code == 0, result.stderr
    early, night = stored(made_vault)
    assert (early.mood, night.mood) == (2, 2)
    assert early.took_home == "Early turn.\nQuiet, then a crash on the bypass @rtc"
    assert night.took_home == 'Night 🌙\nA "long" one, with commas.\nBed @Nights @rtc'
    assert set(night.tags) == {"nights", "rtc"}


def test_a_day_one_journal_and_its_zip_import(
    run_cli: Run, made_vault: Path, tmp_path: Path
) -> None:
    journal = (FIXTURES / "dayone_Journal.json").read_bytes()
    source = write(tmp_path, "Journal.json", journal)
    result = run_cli(
        "import", str(source), "--from", "dayone", "--mood", "4", "--passphrase-stdin", stdin=LINE
    )
    assert result.code == 0, result.stderr
    count = len(json.loads(journal)["entries"])
    assert result.stdout.strip() == f"Imported {count} check-ins from {source}."
    assert {c.mood for c in stored(made_vault)} == {4}

    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("Journal.json", journal)
        zipped.writestr("photos/abc.jpeg", b"\xff\xd8 not really a photo")
    again = run_cli(
        "import", str(archive), "--from", "dayone", "--mood", "4", "--passphrase-stdin", stdin=LINE
    )
    assert again.code == 0, again.stderr
    assert f"{count} were already in the vault and were skipped" in again.stdout


# ---------------------------------------------------------------------------
# The wrong choice, or none


@pytest.mark.parametrize(
    ("name", "fixture", "expected"),
    [
        (
            "daylio_export.csv",
            "daylio_export.csv",
            "This looks like a Daylio export: use --from daylio",
        ),
        ("export.json", "jrnl_export.json", "This looks like a jrnl export: use --from jrnl"),
        (
            "Journal.json",
            "dayone_Journal.json",
            "This looks like a Day One export: use --from dayone",
        ),
    ],
)
def test_another_apps_file_without_from_is_named_not_called_damaged(
    run_cli: Run, made_vault: Path, tmp_path: Path, name: str, fixture: str, expected: str
) -> None:
    source = write(tmp_path, name, (FIXTURES / fixture).read_bytes())
    before = snapshot(made_vault)
    result = run_cli("import", str(source), "--passphrase-stdin", stdin=LINE)
    line = assert_one_line(result, 1)
    assert line.startswith("wellbeing-app: This looks like ") and line.endswith(expected)
    assert snapshot(made_vault) == before


def test_a_day_one_zip_without_from_is_named_too(
    run_cli: Run, made_vault: Path, tmp_path: Path
) -> None:
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("Journal.json", (FIXTURES / "dayone_Journal.json").read_bytes())
    result = run_cli("import", str(archive), "--passphrase-stdin", stdin=LINE)
    assert assert_one_line(result, 1) == (
        "wellbeing-app: This looks like a Day One export: use --from dayone"
    )


def test_the_wrong_app_says_which_app_the_file_looks_like(
    run_cli: Run, made_vault: Path, tmp_path: Path
) -> None:
    source = write(tmp_path, "export.json", (FIXTURES / "jrnl_export.json").read_bytes())
    result = run_cli(
        "import", str(source), "--from", "dayone", "--mood", "3", "--passphrase-stdin", stdin=LINE
    )
    assert assert_one_line(result, 1) == (
        "wellbeing-app: the file is not a Day One export; it looks like a jrnl export; "
        "nothing was imported"
    )


def test_a_broken_daylio_file_is_damaged(run_cli: Run, made_vault: Path, tmp_path: Path) -> None:
    source = write(tmp_path, "broken.csv", b"full_date,date,weekday,time,mood\n\xff\xfe\x00")
    result = run_cli("import", str(source), "--from", "daylio", "--passphrase-stdin", stdin=LINE)
    assert "nothing was imported" in assert_one_line(result, 4)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (("--mood", "3"), "--mood is only for --from jrnl or --from dayone"),
        (("--from", "daylio", "--mood", "3"), "--mood is only for --from jrnl or --from dayone"),
        (("--from", "jrnl", "--mood", "3", "--map-mood", "x=2"), "only for --from daylio"),
        (("--from", "jrnl", "--mood", "6"), "'6' is not a mood from 1 (very low) to 5"),
        (("--from", "daylio", "--map-mood", "sleepy"), "'sleepy' is not NAME=a mood from 1 to 5"),
        (("--from", "daylio", "--map-activity", "gym=gym"), "'gym' is not a true-picture code"),
        (("--from", "notes"), "invalid choice: 'notes'"),
    ],
)
def test_options_that_do_not_fit_are_usage_errors(
    run_cli: Run, made_vault: Path, tmp_path: Path, options: tuple[str, ...], message: str
) -> None:
    source = write(tmp_path, "x.json", b"{}")
    result = run_cli("import", str(source), *options, "--passphrase-stdin", stdin=LINE)
    assert message in assert_one_line(result, 2)


def test_an_unknown_field_in_the_apps_own_format_reads_plainly(
    run_cli: Run, made_vault: Path, tmp_path: Path
) -> None:
    document = json.loads(checkins_to_json([CheckIn(date(2024, 6, 2), 3)]))
    document["checkins"][0]["title"] = ""
    source = write(tmp_path, "own.json", json.dumps(document).encode())
    result = run_cli("import", str(source), "--passphrase-stdin", stdin=LINE)
    assert result.code == 1, result.stderr
    assert result.stderr.splitlines()[0].strip() == "record 0: title is not a check-in field"
    assert "''" not in result.stderr
