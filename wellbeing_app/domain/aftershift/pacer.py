"""Paced breathing: the patterns, and where in a pattern a given moment falls.

Pure timing, no clock of its own: ``pacer_state`` is asked "how far in are
we?" and answers with the phase, its words and its seconds, so the page's
timer and a test's fake clock ask it the same way. A session is a whole
number of rounds, the nearest to the minutes chosen, so it always ends on a
breath out (never half-way through breathing in).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Final


class Step(Enum):
    IN = "in"
    HOLD_FULL = "hold_full"
    OUT = "out"
    HOLD_EMPTY = "hold_empty"


STEP_WORDS: Final = {
    Step.IN: "Breathe in",
    Step.HOLD_FULL: "Hold",
    Step.OUT: "Breathe out",
    Step.HOLD_EMPTY: "Hold",
}


@dataclass(frozen=True, slots=True)
class Phase:
    step: Step
    seconds: int

    @property
    def words(self) -> str:
        return STEP_WORDS[self.step]


@dataclass(frozen=True, slots=True)
class Pattern:
    id: str
    name: str
    description: str
    phases: tuple[Phase, ...]

    @property
    def round_seconds(self) -> int:
        return sum(p.seconds for p in self.phases)


BOX: Final = Pattern(
    "box",
    "Box breathing",
    "In for 4, hold for 4, out for 4, hold for 4",
    (
        Phase(Step.IN, 4),
        Phase(Step.HOLD_FULL, 4),
        Phase(Step.OUT, 4),
        Phase(Step.HOLD_EMPTY, 4),
    ),
)
SLOW: Final = Pattern(
    "slow",
    "Slower breathing",
    "In for 4, out for 6",
    (Phase(Step.IN, 4), Phase(Step.OUT, 6)),
)
PATTERNS: Final = (SLOW, BOX)
MINUTES: Final = (1, 2, 5)
DEFAULT_MINUTES: Final = 2


def pattern_by_id(pattern_id: str) -> Pattern:
    for pattern in PATTERNS:
        if pattern.id == pattern_id:
            return pattern
    raise KeyError(pattern_id)


def rounds_for(pattern: Pattern, minutes: int) -> int:
    """The whole rounds nearest to ``minutes`` (at least one)."""
    if minutes not in MINUTES:
        raise ValueError(f"{minutes} is not one of {MINUTES}")
    return max(1, round(minutes * 60 / pattern.round_seconds))


@dataclass(frozen=True, slots=True)
class PacerState:
    """Where a session is. ``size`` is how full the lungs are, 0 to 1, for drawing:
    growing while breathing in, full while holding, shrinking while breathing out."""

    phase: Phase
    round: int  # 1-based
    rounds: int
    seconds_left: int  # in this phase, counted down 4, 3, 2, 1
    fraction: float  # of this phase gone, 0 to 1
    remaining: int  # whole seconds left in the session
    finished: bool

    @property
    def words(self) -> str:
        return "Finished" if self.finished else self.phase.words

    @property
    def size(self) -> float:
        step = self.phase.step
        if self.finished or step is Step.HOLD_EMPTY:
            return 0.0
        if step is Step.IN:
            return self.fraction
        if step is Step.OUT:
            return 1.0 - self.fraction
        return 1.0


def pacer_state(pattern: Pattern, rounds: int, elapsed: float) -> PacerState:
    """The state ``elapsed`` seconds into a session of ``rounds`` rounds."""
    total = pattern.round_seconds * rounds
    elapsed = max(0.0, elapsed)
    if elapsed >= total:
        last = pattern.phases[-1]
        return PacerState(last, rounds, rounds, 0, 1.0, 0, True)
    done_rounds, into_round = divmod(elapsed, pattern.round_seconds)
    start = 0.0
    for phase in pattern.phases:
        if into_round < start + phase.seconds:
            into = into_round - start
            return PacerState(
                phase,
                int(done_rounds) + 1,
                rounds,
                math.ceil(phase.seconds - into - 1e-9),
                into / phase.seconds,
                math.ceil(total - elapsed - 1e-9),
                False,
            )
        start += phase.seconds
    raise AssertionError("unreachable: a round is the sum of its phases")


class Pacer:
    """A session against a clock (``time.monotonic`` in the app, a fake one in tests)."""

    def __init__(self, pattern: Pattern, minutes: int, clock: Callable[[], float]) -> None:
        self.pattern = pattern
        self.rounds = rounds_for(pattern, minutes)
        self._clock = clock
        self._started = clock()

    @property
    def total_seconds(self) -> int:
        return self.pattern.round_seconds * self.rounds

    def state(self) -> PacerState:
        return pacer_state(self.pattern, self.rounds, self._clock() - self._started)
