"""Scoring: one function per instrument, each returning the ``scores`` of the interchange format.

Every function takes the answers in question order, as the values the form
offers (0-3, 0-4 or 1-5), and raises ``ValueError`` for anything else:
records are validated before they get here, so a bad answer is a bug.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from types import MappingProxyType
from typing import Final

from wellbeing_app.domain.selfchecks.forms import Instrument, instrument_by_id
from wellbeing_app.domain.selfchecks.scales import (
    GAD7,
    PCL5,
    PCL5_CLUSTERS,
    PHQ9,
    PROQOL5,
    PROQOL5_REVERSED,
    PROQOL5_SUBSCALES,
    TOTAL,
)

Scores = dict[str, int]


def _checked(instrument: Instrument, answers: Sequence[int]) -> tuple[int, ...]:
    if len(answers) != len(instrument.items):
        raise ValueError(
            f"the {instrument.name} needs {len(instrument.items)} answers, not {len(answers)}"
        )
    allowed = instrument.answer_values
    for number, answer in enumerate(answers, start=1):
        if isinstance(answer, bool) or not isinstance(answer, int) or answer not in allowed:
            raise ValueError(f"{instrument.name} question {number}: {answer!r} is not an answer")
    return tuple(answers)


def _sum(answers: Sequence[int], numbers: Sequence[int]) -> int:
    return sum(answers[n - 1] for n in numbers)


def score_phq9(answers: Sequence[int]) -> Scores:
    """PHQ-9: the total of the nine answers, 0-27. The tenth question is never scored."""
    checked = _checked(instrument_by_id(PHQ9), answers)
    return {TOTAL: sum(checked)}


def score_gad7(answers: Sequence[int]) -> Scores:
    """GAD-7: the total of the seven answers, 0-21."""
    checked = _checked(instrument_by_id(GAD7), answers)
    return {TOTAL: sum(checked)}


def score_pcl5(answers: Sequence[int]) -> Scores:
    """PCL-5: the total (0-80) and the sums of clusters B (1-5), C (6-7), D (8-14) and E (15-20)."""
    checked = _checked(instrument_by_id(PCL5), answers)
    scores = {TOTAL: sum(checked)}
    scores.update({key: _sum(checked, numbers) for key, numbers in PCL5_CLUSTERS.items()})
    return scores


def score_proqol5(answers: Sequence[int]) -> Scores:
    """ProQOL 5: the raw sums (10-50) of its three subscales.

    Burnout questions 1, 4, 15, 17 and 29 are reverse-scored first
    (1 counts as 5, 2 as 4, 3 as 3, 4 as 2, 5 as 1).
    """
    instrument = instrument_by_id(PROQOL5)
    checked = list(_checked(instrument, answers))
    mirror = min(instrument.answer_values) + max(instrument.answer_values)
    for number in PROQOL5_REVERSED:
        checked[number - 1] = mirror - checked[number - 1]
    return {key: _sum(checked, numbers) for key, numbers in PROQOL5_SUBSCALES.items()}


SCORERS: Final[Mapping[str, Callable[[Sequence[int]], Scores]]] = MappingProxyType(
    {PHQ9: score_phq9, GAD7: score_gad7, PCL5: score_pcl5, PROQOL5: score_proqol5}
)


def score_answers(instrument_id: str, answers: Sequence[int]) -> Scores:
    """The scores of any instrument, by id; ``KeyError`` for an unknown id."""
    return SCORERS[instrument_id](answers)


def range_words(instrument_id: str, key: str, score: int) -> str | None:
    """The instrument's own words for the range ``score`` falls in (e.g. "mild").

    None where the instrument publishes no ranges for that score: the PCL-5
    has none at all, by design.
    """
    band = instrument_by_id(instrument_id).band_for(key, score)
    return band.words if band is not None else None
