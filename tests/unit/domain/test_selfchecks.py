"""Self-check scoring, hand-worked at every published edge, and the ranges' own words."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wellbeing_app.domain.selfchecks import (
    SCORE_KEYS,
    range_words,
    score_answers,
    score_gad7,
    score_pcl5,
    score_phq9,
    score_proqol5,
)

# The ProQOL 5 key as printed on its self-score page, restated here so the
# scoring code is checked against the page rather than against itself.
CS = (3, 6, 12, 16, 18, 20, 22, 24, 27, 30)
BURNOUT = (1, 4, 8, 10, 15, 17, 19, 21, 26, 29)
STS = (2, 5, 7, 9, 11, 13, 14, 23, 25, 28)
REVERSED = (1, 4, 15, 17, 29)


def proqol(answers: dict[int, int], default: int = 3) -> list[int]:
    """Thirty ProQOL answers: ``default`` everywhere except the questions given."""
    return [answers.get(number, default) for number in range(1, 31)]


def on(questions: tuple[int, ...], values: list[int]) -> dict[int, int]:
    assert len(questions) == len(values)
    return dict(zip(questions, values, strict=True))


def test_score_keys_are_exactly_those_of_the_interchange_format() -> None:
    assert dict(SCORE_KEYS) == {
        "phq9": ("total",),
        "gad7": ("total",),
        "pcl5": ("total", "B", "C", "D", "E"),
        "proqol5": ("compassion_satisfaction", "burnout", "secondary_traumatic_stress"),
    }


# -- PHQ-9 --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "total", "words"),
    [
        ([0, 0, 0, 0, 0, 0, 0, 0, 0], 0, "minimal"),
        ([1, 1, 1, 1, 0, 0, 0, 0, 0], 4, "minimal"),
        ([1, 1, 1, 1, 1, 0, 0, 0, 0], 5, "mild"),
        ([3, 3, 3, 0, 0, 0, 0, 0, 0], 9, "mild"),
        ([2, 2, 2, 2, 2, 0, 0, 0, 0], 10, "moderate"),
        ([2, 2, 2, 2, 2, 2, 2, 0, 0], 14, "moderate"),
        ([3, 3, 3, 3, 3, 0, 0, 0, 0], 15, "moderately severe"),
        ([3, 3, 3, 3, 3, 1, 1, 1, 1], 19, "moderately severe"),
        ([3, 3, 3, 3, 2, 2, 2, 1, 1], 20, "severe"),
        ([3, 3, 3, 3, 3, 3, 3, 3, 3], 27, "severe"),
    ],
)
def test_phq9_totals_and_range_words_at_every_edge(
    answers: list[int], total: int, words: str
) -> None:
    assert score_phq9(answers) == {"total": total}
    assert range_words("phq9", "total", total) == words


def test_phq9_question_9_counts_like_any_other() -> None:
    assert score_phq9([0, 0, 0, 0, 0, 0, 0, 0, 3]) == {"total": 3}


# -- GAD-7 --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "total", "words"),
    [
        ([0, 0, 0, 0, 0, 0, 0], 0, "minimal"),
        ([1, 1, 1, 1, 0, 0, 0], 4, "minimal"),
        ([1, 1, 1, 1, 1, 0, 0], 5, "mild"),
        ([3, 3, 3, 0, 0, 0, 0], 9, "mild"),
        ([2, 2, 2, 2, 2, 0, 0], 10, "moderate"),
        ([2, 2, 2, 2, 2, 2, 2], 14, "moderate"),
        ([3, 3, 3, 3, 3, 0, 0], 15, "severe"),
        ([3, 3, 3, 3, 3, 3, 3], 21, "severe"),
    ],
)
def test_gad7_totals_and_range_words_at_every_edge(
    answers: list[int], total: int, words: str
) -> None:
    assert score_gad7(answers) == {"total": total}
    assert range_words("gad7", "total", total) == words


# -- PCL-5 ----------------------------------------------------------------------------


def test_pcl5_all_zeros_and_all_maximums() -> None:
    assert score_pcl5([0] * 20) == {"total": 0, "B": 0, "C": 0, "D": 0, "E": 0}
    assert score_pcl5([4] * 20) == {"total": 80, "B": 20, "C": 8, "D": 28, "E": 24}


def test_pcl5_cluster_sums_worked_by_hand() -> None:
    answers = [4, 4, 4, 4, 4, 3, 3, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1]
    assert score_pcl5(answers) == {"total": 46, "B": 20, "C": 6, "D": 14, "E": 6}


@pytest.mark.parametrize(
    ("question", "cluster"),
    [(1, "B"), (5, "B"), (6, "C"), (7, "C"), (8, "D"), (14, "D"), (15, "E"), (20, "E")],
)
def test_pcl5_each_cluster_edge_lands_in_its_cluster(question: int, cluster: str) -> None:
    answers = [0] * 20
    answers[question - 1] = 3
    scores = score_pcl5(answers)
    assert scores["total"] == 3
    assert {key: value for key, value in scores.items() if key != "total" and value} == {cluster: 3}


@given(st.lists(st.integers(0, 4), min_size=20, max_size=20))
def test_pcl5_clusters_add_up_to_the_total_and_never_have_range_words(answers: list[int]) -> None:
    scores = score_pcl5(answers)
    assert scores["total"] == sum(answers) == sum(scores[k] for k in "BCDE")
    assert scores["B"] == sum(answers[0:5]) and scores["C"] == sum(answers[5:7])
    assert scores["D"] == sum(answers[7:14]) and scores["E"] == sum(answers[14:20])
    assert all(range_words("pcl5", key, value) is None for key, value in scores.items())


# -- ProQOL 5 --------------------------------------------------------------------------


def test_proqol_all_never_and_all_very_often() -> None:
    # Burnout: five questions count 1 each, the five reversed ones count 5 each.
    assert score_proqol5([1] * 30) == {
        "compassion_satisfaction": 10,
        "burnout": 30,
        "secondary_traumatic_stress": 10,
    }
    assert score_proqol5([5] * 30) == {
        "compassion_satisfaction": 50,
        "burnout": 30,
        "secondary_traumatic_stress": 50,
    }


def test_proqol_lowest_and_highest_burnout() -> None:
    lowest = proqol(on(BURNOUT, [5, 5, 1, 1, 5, 5, 1, 1, 1, 5]))
    highest = proqol(on(BURNOUT, [1, 1, 5, 5, 1, 1, 5, 5, 5, 1]))
    assert score_proqol5(lowest)["burnout"] == 10
    assert score_proqol5(highest)["burnout"] == 50


@pytest.mark.parametrize("question", REVERSED)
@pytest.mark.parametrize(("answer", "burnout"), [(1, 32), (2, 31), (3, 30), (4, 29), (5, 28)])
def test_each_reversed_burnout_question_on_its_own(
    question: int, answer: int, burnout: int
) -> None:
    # Everything else "Sometimes" (3), so only this one question moves the burnout sum.
    scores = score_proqol5(proqol({question: answer}))
    assert scores == {
        "compassion_satisfaction": 30,
        "burnout": burnout,
        "secondary_traumatic_stress": 30,
    }


@pytest.mark.parametrize(
    ("question", "key"),
    [
        (8, "burnout"),
        (26, "burnout"),
        (3, "compassion_satisfaction"),
        (2, "secondary_traumatic_stress"),
    ],
)
def test_questions_that_are_not_reversed_count_as_answered(question: int, key: str) -> None:
    assert score_proqol5(proqol({question: 1}))[key] == 28
    assert score_proqol5(proqol({question: 5}))[key] == 32


@pytest.mark.parametrize(
    ("questions", "values", "key", "score", "words"),
    [
        (CS, [2, 2, 2, 2, 2, 2, 2, 2, 3, 3], "compassion_satisfaction", 22, "low"),
        (CS, [2, 2, 2, 2, 2, 2, 2, 3, 3, 3], "compassion_satisfaction", 23, "moderate"),
        (CS, [4, 4, 4, 4, 4, 4, 4, 4, 4, 5], "compassion_satisfaction", 41, "moderate"),
        (CS, [4, 4, 4, 4, 4, 4, 4, 4, 5, 5], "compassion_satisfaction", 42, "high"),
        (STS, [2, 2, 2, 2, 2, 2, 2, 2, 3, 3], "secondary_traumatic_stress", 22, "low"),
        (STS, [2, 2, 2, 2, 2, 2, 2, 3, 3, 3], "secondary_traumatic_stress", 23, "moderate"),
        (STS, [4, 4, 4, 4, 4, 4, 4, 4, 4, 5], "secondary_traumatic_stress", 41, "moderate"),
        (STS, [4, 4, 4, 4, 4, 4, 4, 4, 5, 5], "secondary_traumatic_stress", 42, "high"),
        # Burnout in question order 1, 4, 8, 10, 15, 17, 19, 21, 26, 29; reversed ones
        # answered 4 count 2, answered 2 count 4.
        (BURNOUT, [4, 4, 3, 3, 4, 4, 2, 2, 2, 4], "burnout", 22, "low"),
        (BURNOUT, [4, 4, 3, 3, 4, 4, 3, 2, 2, 4], "burnout", 23, "moderate"),
        (BURNOUT, [2, 2, 5, 4, 2, 2, 4, 4, 4, 2], "burnout", 41, "moderate"),
        (BURNOUT, [2, 2, 5, 5, 2, 2, 4, 4, 4, 2], "burnout", 42, "high"),
    ],
)
def test_proqol_subscales_and_range_words_at_every_edge(
    questions: tuple[int, ...], values: list[int], key: str, score: int, words: str
) -> None:
    scores = score_proqol5(proqol(on(questions, values)))
    assert scores[key] == score
    assert range_words("proqol5", key, score) == words


@given(st.lists(st.integers(1, 5), min_size=30, max_size=30))
def test_proqol_matches_the_self_score_page(answers: list[int]) -> None:
    def counted(number: int) -> int:
        value = answers[number - 1]
        return 6 - value if number in REVERSED else value

    assert score_proqol5(answers) == {
        "compassion_satisfaction": sum(counted(n) for n in CS),
        "burnout": sum(counted(n) for n in BURNOUT),
        "secondary_traumatic_stress": sum(counted(n) for n in STS),
    }
    assert sorted(CS + BURNOUT + STS) == list(range(1, 31))


# -- every instrument ----------------------------------------------------------------------


def _published_words(instrument_id: str, total: int) -> str:
    edges = {"phq9": [5, 10, 15, 20], "gad7": [5, 10, 15]}[instrument_id]
    words = {
        "phq9": ["minimal", "mild", "moderate", "moderately severe", "severe"],
        "gad7": ["minimal", "mild", "moderate", "severe"],
    }[instrument_id]
    return words[sum(total >= edge for edge in edges)]


@given(st.lists(st.integers(0, 3), min_size=9, max_size=9))
def test_phq9_any_answers(answers: list[int]) -> None:
    total = score_phq9(answers)["total"]
    assert total == sum(answers)
    assert range_words("phq9", "total", total) == _published_words("phq9", total)


@given(st.lists(st.integers(0, 3), min_size=7, max_size=7))
def test_gad7_any_answers(answers: list[int]) -> None:
    total = score_gad7(answers)["total"]
    assert total == sum(answers)
    assert range_words("gad7", "total", total) == _published_words("gad7", total)


@pytest.mark.parametrize(
    ("instrument_id", "answers"),
    [
        ("phq9", [0] * 8),
        ("phq9", [0] * 10),
        ("phq9", [0] * 8 + [4]),
        ("phq9", [0] * 8 + [-1]),
        ("phq9", [0] * 8 + [True]),
        ("gad7", [0] * 6 + [1.0]),
        ("pcl5", [4] * 19 + [5]),
        ("proqol5", [3] * 29 + [0]),
        ("proqol5", [3] * 29 + [6]),
    ],
)
def test_scoring_refuses_answers_the_form_does_not_offer(
    instrument_id: str, answers: list[object]
) -> None:
    with pytest.raises(ValueError):
        score_answers(instrument_id, answers)  # type: ignore[arg-type]


def test_scoring_an_unknown_instrument_is_refused() -> None:
    with pytest.raises(KeyError):
        score_answers("wemwbs", [1] * 14)


def test_range_words_outside_the_scale_are_none() -> None:
    assert range_words("phq9", "total", 28) is None
    assert range_words("proqol5", "burnout", 9) is None
