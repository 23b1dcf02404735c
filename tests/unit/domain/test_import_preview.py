"""The one sentence an import's preview leads with."""

from __future__ import annotations

from datetime import date

from wellbeing_app.domain.checkin import CheckIn, FieldProblem
from wellbeing_app.domain.import_preview import ImportPreview
from wellbeing_app.domain.interchange import ImportRejected, RecordProblem


def checkins(*days: date) -> list[CheckIn]:
    return [CheckIn(day, 3) for day in days]


def test_count_span_and_already_there() -> None:
    found = checkins(date(2026, 12, 1), date(2025, 1, 3), date(2025, 6, 1))
    preview = ImportPreview(found, already=1)
    assert preview.summary() == (
        "3 check-ins from 3 January 2025 to 1 December 2026, 1 already in your journal "
        "(they will be skipped)."
    )
    assert preview.new == 2 and preview.can_import


def test_one_day_and_nothing_already_there() -> None:
    assert ImportPreview(checkins(date(2025, 1, 3))).summary() == "1 check-in on 3 January 2025."


def test_everything_already_there_cannot_be_imported() -> None:
    preview = ImportPreview(checkins(date(2025, 1, 3), date(2025, 1, 4)), already=2)
    assert preview.summary().endswith(
        "all of them already in your journal: there is nothing new to import."
    )
    assert not preview.can_import


def test_an_empty_file() -> None:
    preview = ImportPreview()
    assert preview.summary() == "The file holds no check-ins, so there is nothing to import."
    assert not preview.can_import


def test_problems_are_named_by_record_and_field_and_stop_the_import() -> None:
    problems = [
        RecordProblem(n, FieldProblem("mood", "'good'", "is not a whole number from 1 to 5"))
        for n in (17, 20, 31, 40)
    ]
    preview = ImportPreview(rejected=ImportRejected(problems))
    assert preview.summary() == (
        "4 problems: record 17: mood: 'good' is not a whole number from 1 to 5; "
        "record 20: mood: 'good' is not a whole number from 1 to 5; "
        "record 31: mood: 'good' is not a whole number from 1 to 5; and 1 more. "
        "Nothing is imported until every record can be."
    )
    assert len(preview.problem_lines()) == 4
    assert not preview.can_import


def test_a_file_that_cannot_be_read_says_why() -> None:
    rejected = ImportRejected([RecordProblem(None, None, "the file is not valid JSON (line 3)")])
    assert ImportPreview(rejected=rejected).summary() == (
        "This file cannot be imported: the file is not valid JSON (line 3)."
    )


def test_the_headline_over_a_list_counts_records_and_does_not_repeat_them() -> None:
    problems = [
        RecordProblem(3, FieldProblem("mood", "'good'", "is not a whole number from 1 to 5")),
        RecordProblem(3, FieldProblem("date", "'x'", "is not a date")),
        RecordProblem(9, FieldProblem("date", "'x'", "is not a date")),
    ]
    preview = ImportPreview(rejected=ImportRejected(problems))
    assert preview.headline() == (
        "2 records of the file cannot be imported as they are, so nothing is imported yet. "
        "Each is listed below with what is wrong."
    )
    assert ImportPreview(checkins(date(2025, 1, 3))).headline() == "1 check-in on 3 January 2025."
