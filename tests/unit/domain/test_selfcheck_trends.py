"""Self-check scores over time, and the sentence that says them (the PCL-5's 10-point change)."""

from __future__ import annotations

from datetime import date

from wellbeing_app.domain.selfchecks import SelfCheck
from wellbeing_app.domain.selfchecks.trends import selfcheck_trends

FIRST, LAST = date(2026, 9, 1), date(2026, 11, 30)


def pcl5(day: date, total: int) -> SelfCheck:
    answers = [0] * 20
    for index in range(total):
        answers[index % 20] += 1
    return SelfCheck(day, "pcl5", tuple(answers))


def test_a_pcl5_change_of_10_or_more_is_said_in_neutral_words() -> None:
    nine = selfcheck_trends([pcl5(date(2026, 9, 5), 40), pcl5(date(2026, 11, 5), 31)], FIRST, LAST)
    assert "went from 40 on 5 September to 31 on 5 November." in nine.sentence
    assert "meaningful" not in nine.sentence
    ten = selfcheck_trends([pcl5(date(2026, 9, 5), 40), pcl5(date(2026, 11, 5), 30)], FIRST, LAST)
    assert "a change of 10 points (its authors count a change of 10 or more as meaningful)" in (
        ten.sentence
    )
    assert ten.sentence.endswith("These are screening questionnaires, not a diagnosis.")


def test_proqol_has_three_lines_and_only_the_range_counts() -> None:
    proqol = SelfCheck(date(2026, 10, 1), "proqol5", (3,) * 30)
    outside = SelfCheck(date(2026, 1, 1), "gad7", (1,) * 7)
    trends = selfcheck_trends([proqol, outside], FIRST, LAST)
    assert [s.key for s in trends.series] == [
        "compassion_satisfaction",
        "burnout",
        "secondary_traumatic_stress",
    ]
    assert all((s.lowest, s.highest) == (10, 50) for s in trends.series)
    assert len(trends.credits) == 1 and "Stamm" in trends.credits[0]
    assert selfcheck_trends([outside], FIRST, LAST).is_empty
