"""Completed self-checks: the record format, every refusal, item 9, and the result wording."""

from __future__ import annotations

import json
import re
import uuid
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wellbeing_app.domain.checkin import InvalidCheckIn
from wellbeing_app.domain.selfchecks import (
    FIELDS,
    INSTRUMENT_IDS,
    SCREENING_NOTE,
    InvalidSelfCheck,
    SelfCheck,
    describe_result,
    instrument_by_id,
    item9_needs_urgent_help,
    selfcheck_from_record,
    selfcheck_to_record,
    validate_selfcheck,
)

TODAY = date(2026, 12, 2)
ANSWER_RANGES = {"phq9": (0, 3, 9), "gad7": (0, 3, 7), "pcl5": (0, 4, 20), "proqol5": (1, 5, 30)}
NOTE = (
    "This is a screening questionnaire, not a diagnosis. If your answers worry you, "
    "your GP or occupational health can talk them through."
)
# Never in our own result wording (the instruments' items are theirs, not ours).
VERDICTS = re.compile(
    r"(?i)\byou have\b|\byou've\b|\b(ab)?normal\b|\bpositive\b|\bnegative\b|diagnosis of"
    r"|\bdisorder\b|\bptsd\b|\bdepress|\bsuffer|\bhealthy\b|\bclinical"
)


def _record(**fields: object) -> dict[str, object]:
    record: dict[str, object] = {
        "id": "0f8fad5b-d9cb-469f-a165-70867728950e",
        "date": "2026-12-01",
        "instrument": "phq9",
        "answers": [0, 1, 2, 3, 0, 1, 2, 3, 0],
        "difficulty": 1,
    }
    record.update(fields)
    return record


def _fields(error: pytest.ExceptionInfo[InvalidSelfCheck]) -> list[str]:
    return [p.field for p in error.value.problems]


@st.composite
def selfchecks(draw: st.DrawFn) -> SelfCheck:
    instrument_id = draw(st.sampled_from(INSTRUMENT_IDS))
    low, high, count = ANSWER_RANGES[instrument_id]
    answers = draw(st.lists(st.integers(low, high), min_size=count, max_size=count))
    difficulty = draw(st.none() | st.integers(0, 3)) if instrument_id == "phq9" else None
    day = draw(st.dates(date(1990, 1, 1), TODAY))
    return SelfCheck(
        date=day, instrument=instrument_id, answers=tuple(answers), difficulty=difficulty
    )


# -- the record format -----------------------------------------------------------------


def test_a_record_is_written_in_format_order_with_computed_scores() -> None:
    selfcheck = selfcheck_from_record(_record(), today=TODAY)
    record = selfcheck_to_record(selfcheck)
    assert (
        tuple(record) == FIELDS == ("id", "date", "instrument", "answers", "difficulty", "scores")
    )
    assert record == {
        "id": "0f8fad5b-d9cb-469f-a165-70867728950e",
        "date": "2026-12-01",
        "instrument": "phq9",
        "answers": [0, 1, 2, 3, 0, 1, 2, 3, 0],
        "difficulty": 1,
        "scores": {"total": 12},
    }


@given(selfchecks())
def test_every_selfcheck_survives_a_json_round_trip(selfcheck: SelfCheck) -> None:
    record = json.loads(json.dumps(selfcheck_to_record(selfcheck)))
    again = selfcheck_from_record(record, today=TODAY)
    assert again == selfcheck
    assert set(record["scores"]) == set(instrument_by_id(selfcheck.instrument).score_keys)


def test_imported_scores_are_ignored_and_recomputed() -> None:
    selfcheck = selfcheck_from_record(_record(scores={"total": 999, "B": 3}), today=TODAY)
    assert selfcheck_to_record(selfcheck)["scores"] == {"total": 12}
    garbage = selfcheck_from_record(_record(scores="not even an object"), today=TODAY)
    assert garbage.scores == {"total": 12}


def test_a_missing_id_is_filled_in_and_an_id_is_written_canonically() -> None:
    first = selfcheck_from_record(_record(id=None), today=TODAY)
    assert uuid.UUID(first.id).version == 4
    second = selfcheck_from_record(_record(id=None), today=TODAY)
    assert first.id != second.id
    upper = selfcheck_from_record(_record(id="0F8FAD5B-D9CB-469F-A165-70867728950E"), today=TODAY)
    assert upper.id == "0f8fad5b-d9cb-469f-a165-70867728950e"


def test_difficulty_is_optional_on_the_phq9_and_absent_elsewhere() -> None:
    assert selfcheck_from_record(_record(difficulty=None), today=TODAY).difficulty is None
    gad7 = selfcheck_from_record(
        _record(instrument="gad7", answers=[1] * 7, difficulty=None), today=TODAY
    )
    assert gad7.difficulty is None
    assert gad7.scores == {"total": 7}


# -- refusals, each naming its field -------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "field", "reason"),
    [
        ({"answers": [0] * 8}, "answers", "should hold 9 answers, one for each PHQ-9 question"),
        ({"answers": [0] * 10}, "answers", "should hold 9 answers"),
        ({"answers": [0] * 8 + [4]}, "answers", "for question 9 is not a whole number from 0 to 3"),
        ({"answers": [-1] + [0] * 8}, "answers", "for question 1 is not a whole number"),
        ({"answers": [True] + [0] * 8}, "answers", "for question 1 is not a whole number"),
        ({"answers": [0] * 8 + ["3"]}, "answers", "for question 9"),
        ({"answers": [0] * 8 + [1.0]}, "answers", "for question 9"),
        ({"answers": "000000000"}, "answers", "is not a list"),
        ({"answers": None}, "answers", "is required"),
        (
            {"instrument": "pcl5", "answers": [0] * 19 + [5], "difficulty": None},
            "answers",
            "for question 20 is not a whole number from 0 to 4",
        ),
        (
            {"instrument": "proqol5", "answers": [3] * 29 + [0], "difficulty": None},
            "answers",
            "for question 30 is not a whole number from 1 to 5",
        ),
        (
            {"instrument": "gad7", "answers": [0] * 9, "difficulty": None},
            "answers",
            "should hold 7 answers",
        ),
        ({"date": "2026-13-01"}, "date", "is not a real date"),
        ({"date": "01/12/2026"}, "date", "is not a date written as YYYY-MM-DD"),
        ({"date": 20261201}, "date", "is not a date written as YYYY-MM-DD"),
        ({"date": (TODAY + timedelta(days=2)).isoformat()}, "date", "is outside"),
        ({"date": "1989-12-31"}, "date", "is outside"),
        ({"date": None}, "date", "is required"),
        ({"instrument": "wemwbs"}, "instrument", "is not one of phq9, gad7, pcl5, proqol5"),
        ({"instrument": "PHQ9"}, "instrument", "is not one of"),
        ({"instrument": None}, "instrument", "is required"),
        (
            {"instrument": "gad7", "answers": [0] * 7, "difficulty": 1},
            "difficulty",
            "is not asked on the GAD-7",
        ),
        (
            {"instrument": "proqol5", "answers": [3] * 30, "difficulty": 0},
            "difficulty",
            "is not asked on the ProQOL 5",
        ),
        ({"difficulty": 4}, "difficulty", "is not a whole number from 0 to 3"),
        ({"difficulty": -1}, "difficulty", "is not a whole number from 0 to 3"),
        ({"difficulty": "1"}, "difficulty", "is not a whole number from 0 to 3"),
        ({"difficulty": True}, "difficulty", "is not a whole number from 0 to 3"),
        ({"id": "not-a-uuid"}, "id", "is not a UUID"),
        ({"id": 7}, "id", "is not a UUID"),
        ({"mood": 3}, "mood", "is not a field of the self-check format"),
    ],
)
def test_each_refusal_names_the_field(fields: dict[str, object], field: str, reason: str) -> None:
    with pytest.raises(InvalidSelfCheck) as error:
        selfcheck_from_record(_record(**fields), today=TODAY)
    assert _fields(error) == [field]
    assert reason in str(error.value)


def test_every_problem_is_reported_at_once() -> None:
    record = _record(date="yesterday", answers=[9] * 9, difficulty=7, id="x", extra=1)
    with pytest.raises(InvalidSelfCheck) as error:
        selfcheck_from_record(record, today=TODAY)
    assert sorted(set(_fields(error))) == ["answers", "date", "difficulty", "extra", "id"]
    assert _fields(error).count("answers") == 9  # one per question


def test_an_unknown_instrument_is_not_also_blamed_on_its_answers() -> None:
    with pytest.raises(InvalidSelfCheck) as error:
        selfcheck_from_record(_record(instrument="isi", answers=[9] * 7), today=TODAY)
    assert _fields(error) == ["instrument"]


def test_refusals_are_check_in_style_errors_for_the_import_report() -> None:
    with pytest.raises(InvalidCheckIn) as error:
        selfcheck_from_record({}, today=TODAY)
    assert str(error.value) == ("date: is required; instrument: is required; answers: is required")


def test_a_selfcheck_built_in_code_is_checked_by_the_same_rules() -> None:
    validate_selfcheck(SelfCheck(TODAY, "gad7", (3,) * 7), today=TODAY)
    with pytest.raises(InvalidSelfCheck) as error:
        validate_selfcheck(SelfCheck(TODAY, "gad7", (3,) * 6 + (4,), difficulty=2), today=TODAY)
    assert _fields(error) == ["answers", "difficulty"]


# -- PHQ-9 question 9 ---------------------------------------------------------------------


@pytest.mark.parametrize("answer", [1, 2, 3])
def test_any_answer_above_zero_to_phq9_question_9_needs_urgent_help(answer: int) -> None:
    selfcheck = SelfCheck(TODAY, "phq9", (0,) * 8 + (answer,))
    assert selfcheck.scores["total"] == answer  # whatever the total, however low
    assert item9_needs_urgent_help(selfcheck)


def test_not_at_all_to_question_9_does_not_show_urgent_help_even_with_a_high_total() -> None:
    assert not item9_needs_urgent_help(SelfCheck(TODAY, "phq9", (3,) * 8 + (0,)))


def test_question_9_of_the_other_instruments_is_not_the_urgent_question() -> None:
    assert not item9_needs_urgent_help(SelfCheck(TODAY, "pcl5", (4,) * 20))
    assert not item9_needs_urgent_help(SelfCheck(TODAY, "proqol5", (5,) * 30))


def test_the_urgent_question_is_the_one_about_being_better_off_dead() -> None:
    assert "better off dead" in instrument_by_id("phq9").items[8].text


# -- result wording ---------------------------------------------------------------------------


def test_the_screening_note_is_word_for_word() -> None:
    assert SCREENING_NOTE == NOTE


@given(selfchecks())
def test_every_result_is_plain_never_a_verdict_and_ends_with_the_note(selfcheck: SelfCheck) -> None:
    result = describe_result(selfcheck)
    sentences = result.sentences()
    assert sentences[-1] == NOTE
    assert sentences.count(NOTE) == 1
    for sentence in sentences:
        assert not VERDICTS.search(sentence), sentence
    assert [line.key for line in result.lines] == list(selfcheck.scores)
    assert result.credit == instrument_by_id(selfcheck.instrument).credit


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        (
            (0,) * 9,
            "Total: 0, on a scale from 0 to 27."
            ' The PHQ-9\'s published ranges call 0 to 4 "minimal".',
        ),
        (
            (1,) * 9,
            'Total: 9, on a scale from 0 to 27. The PHQ-9\'s published ranges call 5 to 9 "mild".',
        ),
        (
            (2,) * 8 + (0,),
            "Total: 16, on a scale from 0 to 27. The PHQ-9's published ranges call"
            ' 15 to 19 "moderately severe".',
        ),
    ],
)
def test_phq9_result_gives_the_total_and_its_range_words_once(
    answers: tuple[int, ...], expected: str
) -> None:
    result = describe_result(SelfCheck(TODAY, "phq9", answers, difficulty=2))
    assert result.sentences() == (expected, NOTE)
    assert result.difficulty == "Very difficult"


def test_pcl5_result_has_no_range_words_but_its_published_guidance() -> None:
    result = describe_result(SelfCheck(TODAY, "pcl5", (2,) * 20))
    assert result.sentences() == (
        "Total: 40, on a scale from 0 to 80. The PCL-5 has no published ranges.",
        "Intrusion (questions 1 to 5): 10, on a scale from 0 to 20.",
        "Avoidance (questions 6 and 7): 4, on a scale from 0 to 8.",
        "Changes in thinking and mood (questions 8 to 14): 14, on a scale from 0 to 28.",
        "Arousal and reactivity (questions 15 to 20): 12, on a scale from 0 to 24.",
        "The PCL-5's authors suggest that a total of 31 to 33 or more is worth talking"
        " through with a professional.",
        NOTE,
    )
    assert all(line.band is None for line in result.lines)
    words = re.compile(r"(?i)minimal|mild|moderate|severe|\blow\b|\bhigh\b")
    assert not any(words.search(s) for s in result.sentences())


def test_proqol_result_gives_each_subscale_its_own_range_words() -> None:
    answers = [3] * 30
    answers[2] = 5  # question 3 counts towards compassion satisfaction
    result = describe_result(SelfCheck(TODAY, "proqol5", tuple(answers)))
    ranges = 'The ProQOL 5\'s published ranges call 23 to 41 "moderate".'
    assert result.sentences() == (
        f"Compassion satisfaction: 32, on a scale from 10 to 50. {ranges}",
        f"Burnout: 30, on a scale from 10 to 50. {ranges}",
        f"Secondary traumatic stress: 30, on a scale from 10 to 50. {ranges}",
        NOTE,
    )
    assert result.guidance is None and result.difficulty is None
