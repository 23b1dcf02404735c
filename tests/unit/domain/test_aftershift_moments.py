"""Moments: the record rules, the offer rules on both sides of each threshold, what helps."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from wellbeing_app.domain.aftershift import (
    FIELDS,
    InvalidMoment,
    Moment,
    moment_from_record,
    moment_to_record,
    offers_tools,
    suggests_talking,
    summary_words,
    what_helps,
)
from wellbeing_app.domain.aftershift.grounding import STEPS
from wellbeing_app.domain.aftershift.routine import (
    MAX_STEP_CHARS,
    MAX_STEPS,
    InvalidRoutine,
    clean_routine,
)
from wellbeing_app.domain.aftershift.sleep_plan import TIPS, sources
from wellbeing_app.domain.checkin import CheckIn

NOW = datetime(2026, 12, 7, 20, 0, tzinfo=UTC)


def moment(tool: str = "grounding", before: int | None = 6, after: int | None = 4) -> Moment:
    return Moment(NOW, tool, before, after)


def test_a_record_round_trips_in_the_format_order() -> None:
    made = moment()
    record = moment_to_record(made)
    assert list(record) == list(FIELDS) == ["id", "at", "tool", "distress_before", "distress_after"]
    assert record["at"] == "2026-12-07T20:00:00Z"
    assert moment_from_record(record, now=NOW) == made


def test_ratings_are_optional_and_an_id_is_made() -> None:
    made = moment_from_record({"at": "2026-12-07T20:00:00Z", "tool": "sleep_plan"}, now=NOW)
    assert made.distress_before is None and made.distress_after is None and made.id


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"distress_before": 11}, "distress_before"),
        ({"distress_before": -1}, "distress_before"),
        ({"distress_after": 4.5}, "distress_after"),
        ({"distress_after": True}, "distress_after"),
        ({"distress_after": "3"}, "distress_after"),
        ({"tool": "nap"}, "tool"),
        ({"tool": None}, "tool"),
        ({"at": "2026-12-07 20:00"}, "at"),
        ({"at": "2027-06-01T20:00:00Z"}, "at"),
        ({"at": "yesterday"}, "at"),
        ({"id": "not-a-uuid"}, "id"),
        ({"notes": "what I saw"}, "notes"),
    ],
)
def test_bad_values_are_refused_naming_the_field(change: dict, field: str) -> None:  # type: ignore[type-arg]
    record = {**moment_to_record(moment()), **change}
    with pytest.raises(InvalidMoment) as refused:
        moment_from_record(record, now=NOW)
    assert [p.field for p in refused.value.problems] == [field]


def test_zero_and_ten_are_allowed() -> None:
    record = {**moment_to_record(moment()), "distress_before": 10, "distress_after": 0}
    assert moment_from_record(record, now=NOW).change == -10


def checkin(mood: int, exposures: tuple[str, ...] = ()) -> CheckIn:
    return CheckIn(date(2026, 12, 7), mood, exposures=exposures)


def test_a_tool_is_offered_after_an_exposure_or_a_low_mood() -> None:
    assert offers_tools(checkin(2))
    assert offers_tools(checkin(1))
    assert not offers_tools(checkin(3))
    assert offers_tools(checkin(5, ("sudden_death",)))
    assert not offers_tools(checkin(4))


def test_a_rating_of_8_or_more_suggests_talking_to_someone() -> None:
    assert not suggests_talking(7, 7)
    assert suggests_talking(8, None)
    assert suggests_talking(None, 8)
    assert suggests_talking(3, 10)
    assert not suggests_talking(None, None)


def test_what_helps_gives_counts_and_the_average_change_per_tool() -> None:
    moments = [
        moment("paced_breathing", 7, 4),
        moment("paced_breathing", 6, 5),
        moment("paced_breathing", None, 3),
        moment("grounding", 5, 5),
        moment("sleep_plan", None, None),
    ]
    summaries = {s.tool: s for s in what_helps(moments)}
    assert list(summaries) == ["paced_breathing", "grounding", "sleep_plan"]
    breathing = summaries["paced_breathing"]
    assert (breathing.used, breathing.rated, breathing.average_change) == (3, 2, -2.0)
    assert summary_words(breathing) == (
        "You used it 3 times. On the 2 times you rated it before and after, "
        "your distress was 2 points lower afterwards, on average."
    )
    assert summary_words(summaries["grounding"]) == (
        "You used it once. On the time you rated it, your distress was about the same afterwards."
    )
    assert summary_words(summaries["sleep_plan"]) == (
        "You used it once. You did not rate how you felt before and after."
    )
    higher = what_helps([moment("switch_off", 2, 3), moment("switch_off", 2, 4)])[0]
    assert summary_words(higher).endswith("1.5 points higher afterwards, on average.")


def test_the_words_never_give_a_verdict() -> None:
    words = " ".join(
        summary_words(s)
        for s in what_helps([moment("grounding", 9, 1), moment("switch_off", 1, 9)])
    ).lower()
    for verdict in ("works", "worked", "best", "worst", "effective", "should", "treat"):
        assert verdict not in words


def test_a_routine_is_trimmed_and_kept_short() -> None:
    assert clean_routine(["  Change out of   uniform ", "", "Text home"]) == (
        "Change out of uniform",
        "Text home",
    )
    with pytest.raises(InvalidRoutine, match="at most"):
        clean_routine([f"step {n}" for n in range(MAX_STEPS + 1)])
    with pytest.raises(InvalidRoutine, match="longer than"):
        clean_routine(["x" * (MAX_STEP_CHARS + 1)])
    assert clean_routine(["🚶 Walk round the block, ünd breathe"]) == (
        "🚶 Walk round the block, ünd breathe",
    )


def test_grounding_goes_five_four_three_two_one() -> None:
    assert [s.count for s in STEPS] == [5, 4, 3, 2, 1]
    assert [s.sense for s in STEPS] == ["see", "feel", "hear", "smell", "taste"]


def test_every_sleep_tip_names_its_source_and_promises_nothing() -> None:
    assert len(TIPS) >= 5
    for tip in TIPS:
        assert tip.source.name and tip.source.address
        assert "http" not in tip.source.address  # typed into a browser: the app opens nothing
        for word in ("cure", "treat", "guarantee", "will fix", "diagnos"):
            assert word not in tip.text.lower()
    named = sources()
    assert len(named) == len({s.name for s in named})
    assert any("Oscar Kilo" in s.name for s in named)
    assert any(s.name.startswith("NHS") for s in named)
