"""Small pieces of the insight sentences: hours, scores, counts and lists, in plain UK English."""

from __future__ import annotations

from collections.abc import Sequence

from wellbeing_app.domain.checkin import SCORE_RANGE


def hours(value: float) -> str:
    """``hours(7.25) == "7.2 h"``."""
    return f"{value:.1f} h"


def score(value: float) -> str:
    """A mean score on the check-in scale: "3.2 out of 5"."""
    return f"{value:.1f} out of {SCORE_RANGE.high}"


def count(number: int, singular: str, plural: str | None = None) -> str:
    """``count(1, "day") == "1 day"``; ``count(3, "day") == "3 days"``."""
    word = singular if number == 1 else (plural if plural is not None else singular + "s")
    return f"{number} {word}"


def join(items: Sequence[str]) -> str:
    """``join(["a", "b", "c"]) == "a, b and c"``."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]
