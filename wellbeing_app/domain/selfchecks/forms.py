"""The four questionnaires as data: read once from ``resources/selfchecks/forms.json``.

Every word of an instrument (stem, answers, items, the PHQ-9's tenth question,
the credit line) lives in that one file, taken word for word from the
instrument's own published form. Parsing is strict: a damaged file is an error
at start, never a wrong question or a wrong score shown to someone.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Final

from wellbeing_app.domain.selfchecks.scales import (
    INSTRUMENT_IDS,
    PCL5,
    PCL5_CLUSTERS,
    PHQ9,
    PROQOL5,
    PROQOL5_REVERSED,
    PROQOL5_SUBSCALES,
    SCORE_KEYS,
    TOTAL,
    scale_items,
)
from wellbeing_app.resource_files import read_resource_bytes

FORMS_PARTS: Final = ("selfchecks", "forms.json")
FORMAT_NAME: Final = "took-home-selfchecks"
FORMAT_VERSION: Final = 1


class FormsError(ValueError):
    """The questionnaire data file breaks its rules; the message names the instrument and field."""


@dataclass(frozen=True)
class Answer:
    """One answer a question offers: the value stored and scored, and its words."""

    value: int
    label: str


@dataclass(frozen=True)
class Item:
    """One question, numbered from 1 as on the printed form."""

    number: int
    text: str


@dataclass(frozen=True)
class Band:
    """One published range of a score, e.g. 5 to 9 is "mild" on the PHQ-9."""

    low: int
    high: int
    words: str

    def __contains__(self, score: object) -> bool:
        return isinstance(score, int) and self.low <= score <= self.high


@dataclass(frozen=True)
class DifficultyQuestion:
    """The PHQ-9's tenth question: asked, stored and shown, but never scored."""

    question: str
    answers: tuple[Answer, ...]

    @property
    def values(self) -> tuple[int, ...]:
        return tuple(a.value for a in self.answers)


@dataclass(frozen=True)
class Guidance:
    """The PCL-5's published guidance, which takes the place of ranges it does not have."""

    worth_talking_from: int
    worth_talking_to: int
    meaningful_change: int
    source: str


@dataclass(frozen=True)
class Source:
    form: str
    url: str


@dataclass(frozen=True)
class Instrument:
    """One questionnaire, exactly as its published form has it."""

    id: str
    name: str
    title: str
    description: str
    source: Source
    stem: str
    time_frame: str
    answers: tuple[Answer, ...]
    items: tuple[Item, ...]
    credit: str
    licence: str
    instructions: str | None = None
    difficulty: DifficultyQuestion | None = None
    ranges: Mapping[str, tuple[Band, ...]] = field(
        default_factory=lambda: MappingProxyType({}), hash=False
    )
    ranges_source: str | None = None
    guidance: Guidance | None = None

    @property
    def answer_values(self) -> tuple[int, ...]:
        return tuple(a.value for a in self.answers)

    @property
    def score_keys(self) -> tuple[str, ...]:
        """The keys of this instrument's ``scores``, in the order export writes them."""
        return SCORE_KEYS[self.id]

    def score_range(self, key: str) -> tuple[int, int]:
        """The lowest and highest possible value of score ``key``."""
        count = len(scale_items(self.id, key, len(self.items)))
        return count * min(self.answer_values), count * max(self.answer_values)

    def band_for(self, key: str, score: int) -> Band | None:
        """The published range that ``score`` falls in, or None where there are no ranges."""
        for band in self.ranges.get(key, ()):
            if score in band:
                return band
        return None


# ---------------------------------------------------------------------------
# Parsing


def _text(entry: Mapping[str, object], key: str, where: str, *, required: bool = True) -> str:
    value = entry.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or not value or value != value.strip():
        raise FormsError(f"{where}: {key} must be text with no space at either end")
    return value


def _optional_text(entry: Mapping[str, object], key: str, where: str) -> str | None:
    return _text(entry, key, where, required=False) or None


def _int(entry: Mapping[str, object], key: str, where: str) -> int:
    value = entry.get(key)
    if isinstance(value, bool) or not isinstance(value, int):
        raise FormsError(f"{where}: {key} must be a whole number")
    return value


def _object(value: object, where: str) -> Mapping[str, object]:
    if not isinstance(value, dict):
        raise FormsError(f"{where}: not an object")
    return value


def _list(value: object, where: str) -> Sequence[object]:
    if not isinstance(value, list) or not value:
        raise FormsError(f"{where}: must be a non-empty list")
    return value


def _only(entry: Mapping[str, object], allowed: set[str], where: str) -> None:
    unknown = set(entry) - allowed
    if unknown:
        raise FormsError(f"{where}: unknown fields {sorted(unknown)}")


def _answers(value: object, where: str) -> tuple[Answer, ...]:
    answers = []
    for index, raw in enumerate(_list(value, where)):
        entry = _object(raw, f"{where} {index}")
        _only(entry, {"value", "label"}, f"{where} {index}")
        answers.append(Answer(_int(entry, "value", where), _text(entry, "label", where)))
    values = [a.value for a in answers]
    # Scoring relies on one step between answers, lowest first.
    if values != list(range(values[0], values[0] + len(values))):
        raise FormsError(f"{where}: values must run up in ones, e.g. 0, 1, 2, 3")
    if len({a.label for a in answers}) != len(answers):
        raise FormsError(f"{where}: two answers share a label")
    return tuple(answers)


def _items(value: object, where: str) -> tuple[Item, ...]:
    items = []
    for index, raw in enumerate(_list(value, where)):
        entry = _object(raw, f"{where} {index}")
        _only(entry, {"number", "text"}, f"{where} {index}")
        number = _int(entry, "number", where)
        if number != index + 1:
            raise FormsError(f"{where}: question {index + 1} is numbered {number}")
        items.append(Item(number, _text(entry, "text", f"{where} {number}")))
    return tuple(items)


def _difficulty(value: object, where: str) -> DifficultyQuestion | None:
    if value is None:
        return None
    entry = _object(value, where)
    _only(entry, {"question", "answers"}, where)
    question = DifficultyQuestion(
        _text(entry, "question", where), _answers(entry.get("answers"), f"{where} answers")
    )
    if question.values[0] != 0:
        raise FormsError(f"{where}: answers must start at 0")
    return question


def _bands(value: object, low: int, high: int, where: str) -> tuple[Band, ...]:
    bands = []
    expected_low = low
    for index, raw in enumerate(_list(value, where)):
        entry = _object(raw, f"{where} {index}")
        _only(entry, {"low", "high", "words"}, f"{where} {index}")
        band = Band(
            _int(entry, "low", where), _int(entry, "high", where), _text(entry, "words", where)
        )
        # Ranges must meet edge to edge: no score without words, none with two.
        if band.low != expected_low or band.high < band.low:
            raise FormsError(f"{where}: range {index} should start at {expected_low}")
        expected_low = band.high + 1
        bands.append(band)
    if expected_low != high + 1:
        raise FormsError(f"{where}: the ranges must end at {high}")
    return tuple(bands)


def _guidance(value: object, total: tuple[int, int], where: str) -> Guidance:
    entry = _object(value, where)
    _only(entry, {"worth_talking_from", "worth_talking_to", "meaningful_change", "source"}, where)
    guidance = Guidance(
        worth_talking_from=_int(entry, "worth_talking_from", where),
        worth_talking_to=_int(entry, "worth_talking_to", where),
        meaningful_change=_int(entry, "meaningful_change", where),
        source=_text(entry, "source", where),
    )
    low, high = total
    if not low <= guidance.worth_talking_from <= guidance.worth_talking_to <= high:
        raise FormsError(f"{where}: the guidance range must lie within {low} to {high}")
    if not 0 < guidance.meaningful_change <= high - low:
        raise FormsError(f"{where}: meaningful_change must be a positive number of points")
    return guidance


_FIELDS: Final = {
    "id",
    "name",
    "title",
    "description",
    "source",
    "instructions",
    "stem",
    "time_frame",
    "answers",
    "items",
    "difficulty",
    "ranges",
    "ranges_source",
    "guidance",
    "credit",
    "licence",
}


def _check_scales(instrument: Instrument, where: str) -> None:
    """The scoring keys in code must fit the questions in the file, one for one."""
    count = len(instrument.items)
    if instrument.id == PCL5:
        groups = list(PCL5_CLUSTERS.values())
    elif instrument.id == PROQOL5:
        groups = list(PROQOL5_SUBSCALES.values())
        if not set(PROQOL5_REVERSED) <= set(PROQOL5_SUBSCALES["burnout"]):
            raise FormsError(f"{where}: reverse-scored questions must be burnout questions")
    else:
        return
    numbers = sorted(n for group in groups for n in group)
    if numbers != list(range(1, count + 1)):
        raise FormsError(f"{where}: the {count} questions do not match the scoring groups")


def _parse_instrument(raw: object, index: int) -> Instrument:
    entry = _object(raw, f"instrument {index}")
    where = f"instrument {index} ({entry.get('id', '?')})"
    _only(entry, _FIELDS, where)
    instrument_id = _text(entry, "id", where)
    if instrument_id not in INSTRUMENT_IDS:
        raise FormsError(f"{where}: unknown instrument id")
    source = _object(entry.get("source"), f"{where} source")
    _only(source, {"form", "url"}, f"{where} source")
    url = _text(source, "url", f"{where} source")
    if not url.startswith("https://"):
        raise FormsError(f"{where}: source url must be an https:// address")
    instrument = Instrument(
        id=instrument_id,
        name=_text(entry, "name", where),
        title=_text(entry, "title", where),
        description=_text(entry, "description", where),
        source=Source(_text(source, "form", f"{where} source"), url),
        instructions=_optional_text(entry, "instructions", where),
        stem=_text(entry, "stem", where),
        time_frame=_text(entry, "time_frame", where),
        answers=_answers(entry.get("answers"), f"{where} answers"),
        items=_items(entry.get("items"), f"{where} items"),
        difficulty=_difficulty(entry.get("difficulty"), f"{where} difficulty"),
        ranges_source=_optional_text(entry, "ranges_source", where),
        credit=_text(entry, "credit", where),
        licence=_text(entry, "licence", where),
    )
    _check_scales(instrument, where)
    if (instrument.difficulty is not None) != (instrument_id == PHQ9):
        raise FormsError(f"{where}: only the PHQ-9 has the difficulty question")

    raw_ranges = _object(entry.get("ranges"), f"{where} ranges")
    ranges: dict[str, tuple[Band, ...]] = {}
    for key, value in raw_ranges.items():
        if key not in instrument.score_keys:
            raise FormsError(f"{where}: ranges for unknown score {key!r}")
        low, high = instrument.score_range(key)
        ranges[key] = _bands(value, low, high, f"{where} ranges {key}")
    if bool(ranges) != (instrument.ranges_source is not None):
        raise FormsError(f"{where}: ranges and ranges_source go together")
    guidance = None
    if entry.get("guidance") is not None:
        if TOTAL not in instrument.score_keys:
            raise FormsError(f"{where}: guidance needs a total score")
        total = instrument.score_range(TOTAL)
        guidance = _guidance(entry["guidance"], total, f"{where} guidance")
    return replace(instrument, ranges=MappingProxyType(ranges), guidance=guidance)


def parse_forms(document: object) -> Mapping[str, Instrument]:
    """Validate the decoded JSON of ``forms.json``: every instrument, by id, in file order."""
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise FormsError("not a Took Home questionnaire file")
    if document.get("version") != FORMAT_VERSION:
        raise FormsError("unknown questionnaire file version")
    _only(document, {"format", "version", "instruments"}, "the file")
    raw = _list(document.get("instruments"), "instruments")
    found = [_parse_instrument(entry, i) for i, entry in enumerate(raw)]
    ids = [i.id for i in found]
    if sorted(ids) != sorted(INSTRUMENT_IDS) or len(set(ids)) != len(ids):
        raise FormsError(f"instruments must be exactly {', '.join(INSTRUMENT_IDS)}, once each")
    return MappingProxyType({i.id: i for i in found})


@functools.cache
def load_instruments() -> Mapping[str, Instrument]:
    """The four questionnaires shipped with the app (read and validated once per process)."""
    return parse_forms(json.loads(read_resource_bytes(*FORMS_PARTS).decode("utf-8")))


def instrument_by_id(instrument_id: str) -> Instrument:
    """One shipped questionnaire; ``KeyError`` for an id that is not one of them."""
    return load_instruments()[instrument_id]
