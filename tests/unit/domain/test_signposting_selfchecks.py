"""Self-checks in the signposting rules: a total worth talking through, and one that is due."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from wellbeing_app.domain.selfchecks import SelfCheck
from wellbeing_app.domain.signposting import SelfCheckOffers, SuggestionKind, signpost_for

TODAY = date(2026, 12, 3)


def phq9(total: int, day: date = TODAY) -> SelfCheck:
    answers = [0] * 9
    for index in range(total):
        answers[index % 8] += 1  # never question 9
    return SelfCheck(day, "phq9", tuple(answers))


def talk_reasons(checks: list[SelfCheck]) -> str:
    found = [
        s
        for s in signpost_for([], today=TODAY, selfchecks=checks)
        if s.kind is SuggestionKind.TALK_TO_SOMEONE
    ]
    return found[0].reason if found else ""


@pytest.mark.parametrize(("total", "suggested"), [(9, False), (10, True), (14, True)])
def test_a_recent_phq9_total_of_10_or_more_suggests_talking_with_the_reason(
    total: int, suggested: bool
) -> None:
    reason = talk_reasons([phq9(total, TODAY - timedelta(days=2))])
    assert bool(reason) is suggested
    if suggested:
        assert "your PHQ-9 total" in reason and f"was {total}" in reason
        assert "GP or occupational health" in reason


def test_only_the_newest_and_only_a_recent_total_counts() -> None:
    assert talk_reasons([phq9(15, TODAY - timedelta(days=31))]) == ""
    assert talk_reasons([phq9(15, TODAY - timedelta(days=30))]) != ""
    assert (
        talk_reasons([phq9(15, TODAY - timedelta(days=9)), phq9(4, TODAY - timedelta(days=1))])
        == ""
    )


def test_the_pcl5_uses_its_published_cut_off() -> None:
    def pcl5(total: int) -> SelfCheck:
        answers = [0] * 20
        for index in range(total):
            answers[index % 20] += 1
        return SelfCheck(TODAY, "pcl5", tuple(answers))

    assert talk_reasons([pcl5(30)]) == ""
    assert "PCL-5" in talk_reasons([pcl5(31)])


def due(checks: list[SelfCheck], dismissed: tuple[str, ...] = ()) -> list[str]:
    offers = SelfCheckOffers(("gad7",), every_days=30)
    return [
        s.key
        for s in signpost_for(
            [], today=TODAY, selfchecks=checks, offers=offers, dismissed=dismissed
        )
        if s.kind is SuggestionKind.SELF_CHECK_DUE
    ]


def test_a_chosen_questionnaire_is_due_until_done_and_again_a_period_later() -> None:
    gad7 = lambda days: SelfCheck(TODAY - timedelta(days=days), "gad7", (0,) * 7)  # noqa: E731
    assert len(due([])) == 1
    assert due([gad7(29)]) == []
    assert len(due([gad7(30)])) == 1
    (key,) = due([])
    (offer,) = [
        s
        for s in signpost_for(
            [], today=TODAY, selfchecks=[], offers=SelfCheckOffers(("gad7",), every_days=30)
        )
    ]
    assert offer.title == "The GAD-7, if you would like to"
    assert offer.reason == (
        "Because you asked to be offered it now and then, and you have not done it here yet."
    )
    assert due([], dismissed=(key,)) == []  # dismissed: not again this period
    assert signpost_for([], today=TODAY, selfchecks=[]) == []  # nothing offered unless chosen
