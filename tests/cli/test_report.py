"""`wellbeing-app report`: a PDF holding the vault's own words and numbers, run as a user would."""

from __future__ import annotations

import dataclasses
import re
import stat
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.support import FAST_KDF, PASSPHRASE, CliResult, sentinel_hits
from wellbeing_app.domain.catalogue import ShiftType
from wellbeing_app.domain.insights import Range, insights_for
from wellbeing_app.domain.report import NOT_A_CLINICAL_RECORD, report_numbers
from wellbeing_app.domain.synthetic import synthetic_checkins
from wellbeing_app.storage.repository import CheckInRepository
from wellbeing_app.storage.vault import Vault

Run = Callable[..., CliResult]
LAST = date(2026, 11, 30)
FIRST = date(2026, 9, 1)
SENTINEL = "QUOKKA-REPORT-SENTINEL-5521"


@pytest.fixture
def report_vault(data_dir: Path) -> list:  # type: ignore[type-arg]
    checkins = synthetic_checkins(400, end=LAST, seed=12)
    # One reflection inside the range carries the sentinel; one outside it does too.
    inside = next(i for i, c in enumerate(checkins) if c.date == date(2026, 10, 14))
    outside = next(i for i, c in enumerate(checkins) if c.date == date(2026, 3, 2))
    for index in (inside, outside):
        checkins[index] = dataclasses.replace(
            checkins[index],
            took_home=f"{SENTINEL} on the long walk back",
            shift_type=ShiftType.NIGHT,
        )
    vault, _ = Vault.create(data_dir, PASSPHRASE, kdf=FAST_KDF)
    CheckInRepository(vault).add_many(checkins)
    vault.lock()
    return checkins


def _text(path: Path) -> str:
    reader = PdfReader(path)
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def _report(run_cli: Run, target: Path, *extra: str) -> CliResult:
    return run_cli(
        "report",
        "-o",
        str(target),
        "--from",
        FIRST.isoformat(),
        "--to",
        LAST.isoformat(),
        *extra,
        "--passphrase-stdin",
        stdin=PASSPHRASE + "\n",
    )


def test_the_report_holds_the_vaults_own_numbers_and_sentences_and_no_words_by_default(
    run_cli: Run,
    report_vault: list,
    tmp_path: Path,
    data_dir: Path,  # type: ignore[type-arg]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = out / "for-my-gp.pdf"
    result = _report(run_cli, target, "--name", "Sam Taylor")
    assert result.code == 0, result.stderr
    assert "not encrypted" in result.stdout

    numbers = report_numbers(report_vault, FIRST, LAST)
    text = _text(target)
    assert NOT_A_CLINICAL_RECORD in text
    assert "Name: Sam Taylor" in text
    assert "From 1 September 2026 to 30 November 2026" in text
    for fact in numbers.facts():
        assert f"{fact.label}: {fact.value}" in text, fact
    assert f"Check-ins: {numbers.checkins} on {numbers.days} days" in text
    assert numbers.nights > 0 and f"Nights worked: {numbers.nights}" in text
    # Each chart's sentence, as Trends words it for these dates.
    inside = [c for c in report_vault if FIRST <= c.date <= LAST]
    insights = insights_for(inside, LAST, Range.ALL, since=FIRST)
    for sentence in (insights.scores.sentence, insights.sleep.sentence, insights.year.sentence):
        assert sentence in text

    reader = PdfReader(target)
    assert reader.metadata is not None
    assert reader.metadata.title == "Took Home report, 1 September 2026 to 30 November 2026"
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (595, 842)  # A4, in points

    # The words stay out unless asked for, and nothing else was left anywhere.
    assert SENTINEL not in text
    assert sorted(p.name for p in out.iterdir()) == ["for-my-gp.pdf"]
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sentinel_hits(data_dir, SENTINEL) == []
    assert sentinel_hits(out, SENTINEL) == []


def test_with_include_text_the_words_in_range_are_listed_by_date(
    run_cli: Run,
    report_vault: list,
    tmp_path: Path,
    data_dir: Path,  # type: ignore[type-arg]
) -> None:
    target = tmp_path / "with-words.pdf"
    result = _report(run_cli, target, "--include-text")
    assert result.code == 0, result.stderr
    text = _text(target)
    assert "In my own words" in text
    assert text.count(SENTINEL) == 1  # the one in range; not the one from March
    assert "Wed 14 Oct 2026 · Night" in text
    assert "Name: ____" in text  # no name given: a line to write one by hand
    assert sentinel_hits(data_dir, SENTINEL) == []


def test_report_refuses_what_it_cannot_do_without_writing(
    run_cli: Run,
    report_vault: list,
    tmp_path: Path,  # type: ignore[type-arg]
) -> None:
    target = tmp_path / "r.pdf"
    backwards = run_cli(
        "report", "-o", str(target), "--from", "2026-11-02", "--to", "2026-11-01",
        "--passphrase-stdin", stdin=PASSPHRASE + "\n",
    )  # fmt: skip
    assert backwards.code == 2 and "--from" in backwards.stderr
    not_pdf = run_cli("report", "-o", str(tmp_path / "r.txt"), "--passphrase-stdin", stdin="x\n")
    assert not_pdf.code == 2 and ".pdf" in not_pdf.stderr
    bad_date = run_cli("report", "-o", str(target), "--to", "30/11/2026", "--passphrase-stdin")
    assert bad_date.code == 2 and "is not a date" in bad_date.stderr
    wrong = run_cli("report", "-o", str(target), "--passphrase-stdin", stdin="not it at all\n")
    assert wrong.code == 3
    assert not target.exists()
    for result in (backwards, not_pdf, bad_date, wrong):
        assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_without_dates_the_report_covers_about_three_months_to_today(
    run_cli: Run, data_dir: Path, tmp_path: Path
) -> None:
    today = date.today()
    vault, _ = Vault.create(data_dir, PASSPHRASE, kdf=FAST_KDF)
    CheckInRepository(vault).add_many(synthetic_checkins(200, end=today, seed=4))
    vault.lock()
    target = tmp_path / "r.pdf"
    result = run_cli("report", "-o", str(target), "--passphrase-stdin", stdin=PASSPHRASE + "\n")
    assert result.code == 0, result.stderr
    assert "Wrote a report of 91 check-ins" in result.stdout
    first = today - timedelta(days=90)
    assert f"From {first.day} " in _text(target)


def test_with_a_rota_the_report_counts_quick_changeovers_and_draws_the_rotas_charts(
    run_cli: Run,
    report_vault: list,  # type: ignore[type-arg]
    tmp_path: Path,
    data_dir: Path,
) -> None:
    from datetime import time

    from wellbeing_app.domain.rota import PatternDay, Rota, RotaPattern
    from wellbeing_app.services.session import Session

    without = tmp_path / "without.pdf"
    assert _report(run_cli, without).code == 0
    assert "Quick changeovers" not in _text(without)
    # A late (14:00 to 23:00) then an early (07:00): 8 hours between them, every cycle.
    rota = Rota(
        pattern=RotaPattern(
            (
                PatternDay.working(ShiftType.LATE, time(14), 9.0),
                PatternDay.working(ShiftType.EARLY, time(7), 8.0),
                PatternDay.rest_day(),
                PatternDay.rest_day(),
            ),
            starts_on=FIRST,
        )
    )
    with Session.open(data_dir, PASSPHRASE) as session:
        session.save_rota(rota)
        insights = session.insights(Range.ALL, LAST)
    target = tmp_path / "with.pdf"
    assert _report(run_cli, target).code == 0
    text = _text(target)
    days = (LAST - FIRST).days + 1
    lates_followed_by_an_early = (days - 2) // 4 + 1
    found = re.search(
        r"Quick changeovers \(under 11 hours between shifts, from the rota\): (\d+) of", text
    )
    assert found is not None and int(found.group(1)) == lates_followed_by_an_early
    assert "Hours worked, every 4 weeks" in text and "Sleep and mood around nights" in text
    assert insights.pattern is not None


def test_with_self_checks_the_report_shows_their_totals_and_each_credit(
    run_cli: Run,
    report_vault: list,  # type: ignore[type-arg]
    tmp_path: Path,
    data_dir: Path,
) -> None:
    from wellbeing_app.domain.selfchecks import SelfCheck, load_instruments
    from wellbeing_app.services.session import Session

    with Session.open(data_dir, PASSPHRASE) as session:
        session.save_selfcheck(SelfCheck(FIRST, "gad7", (1, 1, 0, 0, 2, 1, 0)))
        session.save_selfcheck(SelfCheck(LAST, "gad7", (0, 1, 0, 0, 1, 1, 0)))
    target = tmp_path / "with.pdf"
    assert _report(run_cli, target).code == 0
    text = _text(target)
    assert "Your self-checks" in text and "your GAD-7 total went from 5 on" in text
    credit = re.sub(r"\s+", " ", load_instruments()["gad7"].credit)
    assert credit[:60] in text
