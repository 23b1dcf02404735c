"""What a finished self-check says: the scores, the instrument's own range words, and the note.

Plain UK English, never a verdict: no "you have", no "normal" or "positive",
no condition named. The range words are the instrument's own; the PCL-5 has
none and none are made up for it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from wellbeing_app.domain.selfchecks.forms import Band, Instrument, instrument_by_id
from wellbeing_app.domain.selfchecks.record import SelfCheck
from wellbeing_app.domain.selfchecks.scales import PCL5, PCL5_CLUSTERS, SCORE_NAMES, TOTAL

SCREENING_NOTE: Final = (
    "This is a screening questionnaire, not a diagnosis. "
    "If your answers worry you, your GP or occupational health can talk them through."
)


@dataclass(frozen=True)
class ScoreLine:
    """One score as the result screen shows it, with the sentence that says it."""

    key: str
    label: str
    score: int
    lowest: int
    highest: int
    band: Band | None
    text: str


@dataclass(frozen=True)
class SelfCheckResult:
    """Everything the result screen shows, in order, for one completed self-check."""

    instrument: Instrument
    lines: tuple[ScoreLine, ...]
    guidance: str | None
    difficulty: str | None  # the words of the PHQ-9 tenth answer, if given
    note: str
    credit: str

    def sentences(self) -> tuple[str, ...]:
        """The scores, then any published guidance, then the screening note."""
        found = [line.text for line in self.lines]
        if self.guidance is not None:
            found.append(self.guidance)
        found.append(self.note)
        return tuple(found)


def _questions(numbers: Sequence[int]) -> str:
    if len(numbers) == 2:
        return f"questions {numbers[0]} and {numbers[1]}"
    return f"questions {numbers[0]} to {numbers[-1]}"


def _label(instrument: Instrument, key: str) -> str:
    name = SCORE_NAMES[key]
    if instrument.id == PCL5 and key in PCL5_CLUSTERS:
        return f"{name} ({_questions(PCL5_CLUSTERS[key])})"
    return name


def _line(instrument: Instrument, key: str, score: int) -> ScoreLine:
    lowest, highest = instrument.score_range(key)
    band = instrument.band_for(key, score)
    label = _label(instrument, key)
    text = f"{label}: {score}, on a scale from {lowest} to {highest}."
    if band is not None:
        text += (
            f" The {instrument.name}'s published ranges call"
            f' {band.low} to {band.high} "{band.words}".'
        )
    elif key == TOTAL and not instrument.ranges:
        text += f" The {instrument.name} has no published ranges."
    return ScoreLine(key, label, score, lowest, highest, band, text)


def guidance_sentence(instrument: Instrument) -> str | None:
    """The instrument's published "worth talking to someone" guidance, in neutral words."""
    guidance = instrument.guidance
    if guidance is None:
        return None
    return (
        f"The {instrument.name}'s authors suggest that a total of"
        f" {guidance.worth_talking_from} to {guidance.worth_talking_to} or more"
        " is worth talking through with a professional."
    )


def describe_result(selfcheck: SelfCheck) -> SelfCheckResult:
    """The result screen's content for a completed (valid) self-check."""
    instrument = instrument_by_id(selfcheck.instrument)
    scores = selfcheck.scores
    difficulty = None
    if instrument.difficulty is not None and selfcheck.difficulty is not None:
        labels = {a.value: a.label for a in instrument.difficulty.answers}
        difficulty = labels[selfcheck.difficulty]
    return SelfCheckResult(
        instrument=instrument,
        lines=tuple(_line(instrument, key, scores[key]) for key in instrument.score_keys),
        guidance=guidance_sentence(instrument),
        difficulty=difficulty,
        note=SCREENING_NOTE,
        credit=instrument.credit,
    )
