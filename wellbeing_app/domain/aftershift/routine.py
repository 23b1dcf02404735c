"""The user's own switching-off routine: a few short steps for leaving the shift at work.

Written once in Settings, kept encrypted in the vault, ticked through on the
Wind down page. Here: the rules for a routine, and a few examples to start from.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

MAX_STEPS: Final = 12
MAX_STEP_CHARS: Final = 120
EXAMPLES: Final = (
    "Change out of uniform",
    "Text someone at home that I'm on my way",
    "Ten minutes outside before going in",
    "Put my work phone away",
)


class InvalidRoutine(ValueError):
    """A routine that breaks the rules; the message says which, in plain words."""


def clean_routine(steps: Iterable[str]) -> tuple[str, ...]:
    """The steps with outer spaces trimmed and empty ones dropped; raises ``InvalidRoutine``."""
    cleaned: list[str] = []
    for step in steps:
        if not isinstance(step, str):
            raise InvalidRoutine("a step of the routine is not text")
        text = " ".join(step.split())
        if not text:
            continue
        if len(text) > MAX_STEP_CHARS:
            raise InvalidRoutine(
                f"step {len(cleaned) + 1} is longer than {MAX_STEP_CHARS} characters; "
                "a short line is easier to tick through"
            )
        cleaned.append(text)
    if len(cleaned) > MAX_STEPS:
        raise InvalidRoutine(f"a routine has at most {MAX_STEPS} steps")
    return tuple(cleaned)
