"""Passphrase rules: length guidance, no composition rules, and refuse the weak ones.

zxcvbn is pure Python and does no I/O; it is imported on first use because
the unlock path never needs it.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Final

MIN_PASSPHRASE_CHARS: Final = 8
SUGGESTED_PASSPHRASE_CHARS: Final = 15
# zxcvbn scores 0 to 4; 3 means "safely unguessable" for an offline attack
# slowed by a memory-hard KDF.
MIN_STRENGTH_SCORE: Final = 3
# zxcvbn refuses longer input; what is past this point only adds strength.
ASSESSED_PREFIX_CHARS: Final = 72


def normalise_passphrase(passphrase: str) -> str:
    """NFKC, so the same passphrase typed on another keyboard or OS still unlocks."""
    return unicodedata.normalize("NFKC", passphrase)


@dataclass(frozen=True)
class PassphraseAssessment:
    """How strong a passphrase is, in zxcvbn's terms, and whether we accept it."""

    score: int
    acceptable: bool
    warning: str = ""
    suggestions: tuple[str, ...] = field(default_factory=tuple)

    def message(self) -> str:
        """One plain sentence or two: why it was refused, or a nudge to make it longer."""
        parts = [self.warning] if self.warning else []
        parts.extend(self.suggestions)
        return " ".join(part for part in parts if part)


def assess_passphrase(passphrase: str) -> PassphraseAssessment:
    """Judge a new passphrase: at least 8 characters, and not easy to guess."""
    normal = normalise_passphrase(passphrase)
    if len(normal) < MIN_PASSPHRASE_CHARS:
        return PassphraseAssessment(
            score=0,
            acceptable=False,
            warning=f"Use at least {MIN_PASSPHRASE_CHARS} characters.",
            suggestions=(
                f"A few unrelated words, {SUGGESTED_PASSPHRASE_CHARS} characters or more, "
                "are easy to remember and hard to guess.",
            ),
        )
    from zxcvbn import zxcvbn  # lazy: only first run and passphrase change need it

    result = zxcvbn(normal[:ASSESSED_PREFIX_CHARS])
    score = int(result["score"])
    feedback = result.get("feedback") or {}
    warning = str(feedback.get("warning") or "")
    suggestions = tuple(str(s) for s in feedback.get("suggestions") or ())
    acceptable = score >= MIN_STRENGTH_SCORE
    if not acceptable and not warning:
        warning = "This would be easy to guess."
    if acceptable and len(normal) < SUGGESTED_PASSPHRASE_CHARS and not suggestions:
        suggestions = (
            f"{SUGGESTED_PASSPHRASE_CHARS} characters or more would make it stronger still.",
        )
    return PassphraseAssessment(score, acceptable, warning, suggestions)
