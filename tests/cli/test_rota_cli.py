"""``wellbeing-app rota import | show | clear``, run as a user runs them."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from tests.support import FAST_KDF, PASSPHRASE, CliResult, snapshot
from wellbeing_app.domain.rota import LONDON
from wellbeing_app.storage.vault import Vault

Run = Callable[..., CliResult]
LINE = PASSPHRASE + "\n"
KEYS = ["date", "shift_type", "start", "end", "hours"]


@pytest.fixture
def made_vault(data_dir: Path) -> Path:
    Vault.create(data_dir, PASSPHRASE, kdf=FAST_KDF)[0].lock()
    return data_dir


def today() -> date:
    return datetime.now(LONDON).date()


def calendar(*events: str) -> str:
    body = "".join(events)
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Took Home tests//EN\r\n"
        f"{body}END:VCALENDAR\r\n"
    )


def event(uid: str, start: str, end: str, summary: str, extra: str = "") -> str:
    return (
        f"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20260101T000000Z\r\n"
        f"DTSTART;TZID=Europe/London:{start}\r\nDTEND;TZID=Europe/London:{end}\r\n"
        f"{extra}SUMMARY:{summary}\r\nEND:VEVENT\r\n"
    )


def stamp(day: date, clock: str) -> str:
    return f"{day:%Y%m%d}T{clock}"


def nights_file(tmp_path: Path, first: date, weeks: int = 30) -> Path:
    """A night every week from ``first`` (22:00 to 08:00), and a rest day the day after."""
    path = tmp_path / "roster.ics"
    after = first + timedelta(days=1)
    path.write_text(
        calendar(
            event(
                "nights@test",
                stamp(first, "220000"),
                stamp(after, "080000"),
                "Nights",
                f"RRULE:FREQ=WEEKLY;COUNT={weeks}\r\n",
            ),
            "BEGIN:VEVENT\r\nUID:rest@test\r\nDTSTAMP:20260101T000000Z\r\n"
            f"DTSTART;VALUE=DATE:{after:%Y%m%d}\r\n"
            f"DTEND;VALUE=DATE:{after + timedelta(days=1):%Y%m%d}\r\n"
            f"RRULE:FREQ=WEEKLY;COUNT={weeks}\r\nSUMMARY:RD\r\nEND:VEVENT\r\n",
        ),
        "utf-8",
    )
    return path


def last_sunday(year: int, month: int) -> date:
    day = date(year, month + 1, 1) - timedelta(days=1)
    return day - timedelta(days=(day.weekday() + 1) % 7)


def test_dry_run_prints_the_next_28_days_and_saves_nothing(
    run_cli: Run, made_vault: Path, tmp_path: Path
) -> None:
    roster = nights_file(tmp_path, today() + timedelta(days=1))
    before = snapshot(made_vault)
    result = run_cli("rota", "import", str(roster), "--dry-run", "--passphrase-stdin", stdin=LINE)
    assert result.code == 0, result.stderr
    days = json.loads(result.stdout)
    assert all(list(entry) == KEYS for entry in days)
    assert {entry["date"] for entry in days} <= {
        (today() + timedelta(days=n)).isoformat() for n in range(28)
    }
    nights = [d for d in days if d["shift_type"] == "night"]
    rests = [d for d in days if d["shift_type"] == "rest_day"]
    assert len(nights) == 4 and len(rests) == 4
    assert nights[0]["start"].endswith(("+00:00", "+01:00")) and "T22:00:00" in nights[0]["start"]
    assert rests[0]["start"] is None and rests[0]["end"] is None and rests[0]["hours"] is None
    assert snapshot(made_vault) == before
    shown = run_cli("rota", "show", "--json", "--passphrase-stdin", stdin=LINE)
    assert json.loads(shown.stdout) == []


def test_import_then_show_then_clear(run_cli: Run, made_vault: Path, tmp_path: Path) -> None:
    roster = nights_file(tmp_path, today() + timedelta(days=2))
    result = run_cli("rota", "import", str(roster), "--passphrase-stdin", stdin=LINE)
    assert result.code == 0, result.stderr
    assert "4 shifts in the next 28 days" in result.stdout
    shown = run_cli("rota", "show", "--days", "7", "--json", "--passphrase-stdin", stdin=LINE)
    days = json.loads(shown.stdout)
    assert [d["shift_type"] for d in days] == ["night", "rest_day"]
    assert days[0]["date"] == (today() + timedelta(days=2)).isoformat()
    assert days[0]["hours"] == 10
    text = run_cli("rota", "show", "--days", "7", "--passphrase-stdin", stdin=LINE)
    assert "Night" in text.stdout and "22:00" in text.stdout
    cleared = run_cli("rota", "clear", "--passphrase-stdin", stdin=LINE)
    assert cleared.code == 0 and cleared.stdout.strip() == "Your rota is cleared."
    again = run_cli("rota", "show", "--json", "--passphrase-stdin", stdin=LINE)
    assert json.loads(again.stdout) == []
    assert run_cli("rota", "clear", "--passphrase-stdin", stdin=LINE).stdout.strip() == (
        "There was no rota to clear."
    )


def test_a_night_across_the_spring_clock_change_is_nine_hours(
    run_cli: Run, made_vault: Path, tmp_path: Path
) -> None:
    now = today()
    spring = last_sunday(now.year, 3)
    if spring <= now:
        spring = last_sunday(now.year + 1, 3)
    night = spring - timedelta(days=1)  # Saturday 22:00 to Sunday 08:00, the clocks go forward
    roster = tmp_path / "spring.ics"
    roster.write_text(
        calendar(event("n@test", stamp(night, "220000"), stamp(spring, "080000"), "Night")),
        "utf-8",
    )
    assert run_cli("rota", "import", str(roster), "--passphrase-stdin", stdin=LINE).code == 0
    days_needed = (spring - now).days + 1
    shown = run_cli(
        "rota", "show", "--days", str(days_needed), "--json", "--passphrase-stdin", stdin=LINE
    )
    (entry,) = json.loads(shown.stdout)
    assert entry["date"] == night.isoformat()
    assert entry["start"].endswith("T22:00:00+00:00")
    assert entry["end"].endswith("T08:00:00+01:00")
    assert entry["hours"] == 9


def test_a_malformed_calendar_exits_1_with_one_line_and_changes_nothing(
    run_cli: Run, made_vault: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.ics"
    broken.write_text("BEGIN:VCALENDAR\r\nthis is not a calendar line\r\n", "utf-8")
    before = snapshot(made_vault)
    result = run_cli("rota", "import", str(broken), "--passphrase-stdin", stdin=LINE)
    assert result.code == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("wellbeing-app: broken.ics: ")
    assert "Traceback" not in result.stderr
    assert snapshot(made_vault) == before


def test_a_huge_file_is_refused_before_it_is_read(
    run_cli: Run, made_vault: Path, tmp_path: Path
) -> None:
    huge = tmp_path / "huge.ics"
    with huge.open("wb") as file:
        file.truncate(20 * 1024 * 1024 + 1)
    result = run_cli("rota", "import", str(huge), "--passphrase-stdin", stdin=LINE, timeout=30)
    assert result.code == 1
    assert "too large for a rota" in result.stderr


def test_wrong_passphrase_and_a_missing_file(
    run_cli: Run, made_vault: Path, tmp_path: Path
) -> None:
    roster = nights_file(tmp_path, today())
    wrong = run_cli("rota", "import", str(roster), "--passphrase-stdin", stdin="not it at all\n")
    assert wrong.code == 3
    missing = run_cli("rota", "import", str(tmp_path / "nope.ics"), "--passphrase-stdin")
    assert missing.code == 1 and "there is no file at" in missing.stderr
    assert run_cli("rota", "--passphrase-stdin", stdin=LINE).code == 2  # no action given


def test_a_json_export_carries_the_rota_and_an_import_brings_it_into_a_vault_without_one(
    run_cli: Run, made_vault: Path, tmp_path: Path
) -> None:
    roster = nights_file(tmp_path, today() + timedelta(days=1))
    assert run_cli("rota", "import", str(roster), "--passphrase-stdin", stdin=LINE).code == 0
    export = tmp_path / "mine.json"
    assert run_cli("export", "-o", str(export), "--passphrase-stdin", stdin=LINE).code == 0
    document = json.loads(export.read_text("utf-8"))
    assert document["rota"]["imported"]
    shown_before = run_cli("rota", "show", "--json", "--passphrase-stdin", stdin=LINE).stdout

    other = tmp_path / "other"
    Vault.create(other, PASSPHRASE, kdf=FAST_KDF)[0].lock()
    done = run_cli("import", str(export), "--passphrase-stdin", stdin=LINE, data=other)
    assert done.code == 0, done.stderr
    shown = run_cli("rota", "show", "--json", "--passphrase-stdin", stdin=LINE, data=other)
    assert shown.stdout == shown_before

    # A bad rota in the file: refused in one line, nothing imported.
    document["rota"]["pattern"] = {"days": "many", "starts_on": "soon"}
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document), "utf-8")
    third = tmp_path / "third"
    Vault.create(third, PASSPHRASE, kdf=FAST_KDF)[0].lock()
    before = snapshot(third)
    refused = run_cli("import", str(bad), "--passphrase-stdin", stdin=LINE, data=third)
    assert refused.code == 1, refused.stderr
    lines = refused.stderr.strip().splitlines()
    assert len(lines) == 1 and "the rota: " in lines[0] and "nothing was imported" in lines[0]
    assert snapshot(third) == before
