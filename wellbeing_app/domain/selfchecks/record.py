"""A completed self-check, and its interchange form.

``selfcheck_from_record`` turns a plain mapping (a JSON object from import,
or what the page collected) into a valid ``SelfCheck`` or raises
``InvalidSelfCheck`` listing every problem, each naming the field. The
``scores`` of a record are computed, never trusted: import ignores them.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Final

from wellbeing_app.domain.checkin import (
    FieldProblem,
    InvalidCheckIn,
    format_problems,
    parse_date,
    parse_record_id,
    show_value,
)
from wellbeing_app.domain.selfchecks.forms import Instrument, load_instruments
from wellbeing_app.domain.selfchecks.scales import PHQ9
from wellbeing_app.domain.selfchecks.scoring import Scores, score_answers

# Every field of a self-check record, in the order export writes them.
FIELDS: Final = ("id", "date", "instrument", "answers", "difficulty", "scores")
REQUIRED_FIELDS: Final = ("date", "instrument", "answers")

# PHQ-9 question 9 asks about thoughts of being better off dead or of self-harm.
URGENT_HELP_QUESTION: Final = 9


def new_selfcheck_id() -> str:
    return str(uuid.uuid4())


class InvalidSelfCheck(InvalidCheckIn):
    """A self-check that breaks the rules; ``problems`` names each field at fault."""


@dataclass(frozen=True, slots=True)
class SelfCheck:
    """One completed questionnaire: the day, which one, every answer in question order.

    ``difficulty`` is the PHQ-9's unscored tenth question (0-3), or None when
    it was not answered or the instrument is not the PHQ-9.
    """

    date: date
    instrument: str
    answers: tuple[int, ...]
    difficulty: int | None = None
    id: str = field(default_factory=new_selfcheck_id)

    @property
    def scores(self) -> Scores:
        """The computed scores, keyed as in the interchange format."""
        return score_answers(self.instrument, self.answers)


def item9_needs_urgent_help(selfcheck: SelfCheck) -> bool:
    """True when PHQ-9 question 9 has any answer above "Not at all", whatever the total.

    The page then shows urgent help at once; saving goes ahead regardless.
    """
    if selfcheck.instrument != PHQ9 or len(selfcheck.answers) < URGENT_HELP_QUESTION:
        return False
    return selfcheck.answers[URGENT_HELP_QUESTION - 1] > 0


# ---------------------------------------------------------------------------
# Field rules. Each returns the clean value, or adds a problem and returns None.


def _whole_number(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _instrument(value: object, problems: list[FieldProblem]) -> Instrument | None:
    known = load_instruments()
    if isinstance(value, str) and value in known:
        return known[value]
    names = ", ".join(known)
    problems.append(FieldProblem("instrument", show_value(value), f"is not one of {names}"))
    return None


def _answers(
    value: object, instrument: Instrument | None, problems: list[FieldProblem]
) -> tuple[int, ...] | None:
    if not isinstance(value, list | tuple):
        problems.append(FieldProblem("answers", show_value(value), "is not a list"))
        return None
    if instrument is None:
        return None  # nothing to check the answers against
    count = len(instrument.items)
    if len(value) != count:
        problems.append(
            FieldProblem(
                "answers",
                show_value(value),
                f"should hold {count} answers, one for each {instrument.name} question",
            )
        )
        return None
    allowed = instrument.answer_values
    low, high = min(allowed), max(allowed)
    bad = False
    for number, answer in enumerate(value, start=1):
        if not _whole_number(answer) or answer not in allowed:
            problems.append(
                FieldProblem(
                    "answers",
                    show_value(answer),
                    f"for question {number} is not a whole number from {low} to {high}",
                )
            )
            bad = True
    return None if bad else tuple(value)


def _difficulty(
    value: object, instrument: Instrument | None, problems: list[FieldProblem]
) -> int | None:
    if value is None or instrument is None:
        return None
    question = instrument.difficulty
    if question is None:
        problems.append(
            FieldProblem("difficulty", show_value(value), f"is not asked on the {instrument.name}")
        )
        return None
    if not _whole_number(value) or value not in question.values:
        low, high = min(question.values), max(question.values)
        problems.append(
            FieldProblem(
                "difficulty", show_value(value), f"is not a whole number from {low} to {high}"
            )
        )
        return None
    assert isinstance(value, int)
    return value


def selfcheck_from_record(record: Mapping[str, object], *, today: date | None = None) -> SelfCheck:
    """Validate a record with JSON types and build a ``SelfCheck``.

    Raises ``InvalidSelfCheck`` with every problem found, not only the first.
    A missing ``id`` is filled in; ``scores``, if present, is ignored (it is
    recomputed from the answers).
    """
    today = today if today is not None else date.today()
    problems = format_problems(
        record, FIELDS, REQUIRED_FIELDS, "is not a field of the self-check format"
    )

    day = parse_date(record["date"], problems, today) if record.get("date") is not None else None
    instrument = None
    answers = None
    if record.get("instrument") is not None:
        instrument = _instrument(record["instrument"], problems)
    if record.get("answers") is not None:
        answers = _answers(record["answers"], instrument, problems)
    difficulty = _difficulty(record.get("difficulty"), instrument, problems)
    selfcheck_id = parse_record_id(record.get("id"), problems)

    if problems:
        raise InvalidSelfCheck(problems)
    assert day is not None and instrument is not None and answers is not None
    return SelfCheck(
        id=selfcheck_id if selfcheck_id is not None else new_selfcheck_id(),
        date=day,
        instrument=instrument.id,
        answers=answers,
        difficulty=difficulty,
    )


def _fields(selfcheck: SelfCheck) -> dict[str, object]:
    return {
        "id": selfcheck.id,
        "date": selfcheck.date.isoformat(),
        "instrument": selfcheck.instrument,
        "answers": list(selfcheck.answers),
        "difficulty": selfcheck.difficulty,
    }


def selfcheck_to_record(selfcheck: SelfCheck) -> dict[str, object]:
    """The interchange form: every field in format order, JSON types, scores computed."""
    return {**_fields(selfcheck), "scores": selfcheck.scores}


def validate_selfcheck(selfcheck: SelfCheck, *, today: date | None = None) -> None:
    """Check a ``SelfCheck`` built in code (by the page, say) against the same rules as import.

    Raises ``InvalidSelfCheck``; nothing is scored until the answers are known to be good.
    """
    selfcheck_from_record(_fields(selfcheck), today=today)
