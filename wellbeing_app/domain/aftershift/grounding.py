"""Grounding, 5-4-3-2-1: noticing what is around you, one sense at a time."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True, slots=True)
class GroundingStep:
    count: int
    sense: str  # a short name for the step ("see")
    prompt: str  # what the page says


STEPS: Final = (
    GroundingStep(5, "see", "Look around you. Find five things you can see, and name them."),
    GroundingStep(
        4, "feel", "Notice four things you can feel: your feet on the floor, your clothes, a chair."
    ),
    GroundingStep(3, "hear", "Listen. Find three things you can hear, near or far away."),
    GroundingStep(2, "smell", "Notice two things you can smell, or two smells you like."),
    GroundingStep(1, "taste", "Notice one thing you can taste, or take a sip of water."),
)
