"""The operational-detail guard: text in a reflection that may identify a person, a job or a place.

The journal belongs to the officer. It should never turn into a second,
unofficial record of a job, so the form asks for no names, collar numbers,
or crime and log references. ``find_operational_detail`` finds text that
looks like one of those, so that before saving the form can show the spans
with "Edit" or "Save anyway". It is a gentle prompt, not a rule: it never
blocks a save and never changes the text. Every span is an index into the
text as given, so the form can highlight it.

What counts, and the context each needs so that ordinary writing is left alone:

* **Collar, shoulder and warrant numbers** only after a rank or a keyword
  ("PC 1234", "DC5678", "collar number 2345"): "I worked 1234 hours" is
  just a number.
* **Crime, incident and log references** after their keyword ("crime ref
  46/12345/24", "CAD 1234 23/11", "log 456 of 23rd"), and two forms that
  are never anything else: the force/serial/year crime number "46/12345/24"
  and the eleven-character URN "01AB2345624". A reference needs at least
  three digits, so "ref was rubbish" and "log 2 jobs" are left alone.
* **Vehicle registrations**: current style "AB12 CDE" (typed in capitals or
  in lower case, not Mixed Case like "DC56 was") with a real age identifier,
  and the older prefix style "A123 BCD" in capitals only, because "M6 and"
  would otherwise be a number plate. Three-letter endings that are ordinary
  words or job jargon ("M6 RTC", "AB12 AND") are left alone.
* **Full postcodes** with the inward part and a real postcode area ("SW1A
  1AA", "b33 8th" is an ordinal, "B33 8TH" a postcode). An outward code
  alone ("M1", "the M6") is a district or a road, not an address.
* **Phone numbers** of people and local lines (07..., 01..., 02...). Short
  support numbers (999, 111, 101, 116 123) never look like one, and 03, 08
  and 09 numbers are left alone: they belong to organisations, such as the
  Oscar Kilo line 0300 131 2789 or a freephone helpline, not to a person.
* **Email addresses**, and a capitalised name after a title or rank ("Mrs
  Jones", "Dr Patel", "Sgt Khan").

Times, dates, shift names, ages, durations, money and places named in
general are not personal and are never flagged.

Every pattern starts with a look-behind, so it can only begin at the start
of a word or number, and none nests one open-ended repeat inside another:
a long run of digits or letters costs linear time.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Final


class DetailKind(StrEnum):
    CRIME_OR_LOG_REFERENCE = "crime_or_log_reference"
    VEHICLE_REGISTRATION = "vehicle_registration"
    PHONE_NUMBER = "phone_number"
    POSTCODE = "postcode"
    EMAIL = "email"
    COLLAR_NUMBER = "collar_number"
    TITLED_NAME = "titled_name"


# Plain and calm: "looks like", never a verdict, never a telling-off.
_EXPLANATIONS: Final[dict[DetailKind, str]] = {
    DetailKind.CRIME_OR_LOG_REFERENCE: "This looks like a crime, incident or log reference.",
    DetailKind.VEHICLE_REGISTRATION: "This looks like a vehicle registration.",
    DetailKind.PHONE_NUMBER: "This looks like a phone number.",
    DetailKind.POSTCODE: "This looks like a postcode.",
    DetailKind.EMAIL: "This looks like an email address.",
    DetailKind.COLLAR_NUMBER: "This looks like a collar or shoulder number.",
    DetailKind.TITLED_NAME: "This looks like someone's name.",
}

# When two spans of the same length overlap, the more specific kind wins.
_SPECIFICITY: Final[dict[DetailKind, int]] = {
    DetailKind.EMAIL: 0,
    DetailKind.CRIME_OR_LOG_REFERENCE: 1,
    DetailKind.COLLAR_NUMBER: 2,
    DetailKind.PHONE_NUMBER: 3,
    DetailKind.POSTCODE: 4,
    DetailKind.VEHICLE_REGISTRATION: 5,
    DetailKind.TITLED_NAME: 6,
}


@dataclass(frozen=True, slots=True)
class FlaggedSpan:
    """Text that looks like operational detail: ``text`` is exactly ``source[start:end]``."""

    start: int
    end: int
    kind: DetailKind
    text: str

    @property
    def explanation(self) -> str:
        """One calm sentence for the form, saying what this looks like."""
        return _EXPLANATIONS[self.kind]


# ---------------------------------------------------------------------------
# Building blocks.

# One space between parts; pasted text often has a tab or a non-breaking space.
_SP: Final = "[ \\t\\u00a0]"
# A span starts and ends at the edge of a word or number (letters in any script).
_START: Final = r"(?<![^\W_])"
_END: Final = r"(?![^\W_])"
# A number followed by one of these is an amount, not a reference: "PC 100 times".
_UNIT_AFTER: Final = re.compile(
    r"[ \t\u00a0]?(?i:%|(?:hours?|hrs?|h|mins?|minutes?|miles?|mph|yards?|metres?|m|km"
    r"|feet|ft|times|calls|jobs|years?|yrs?|am|pm)(?![^\W_]))"
)
# Three-letter endings that are words or jargon, not the random letters of a plate.
_NOT_PLATE_LETTERS: Final = frozenset(
    (
        "AND THE WAS FOR BUT NOT ARE HAS HAD HER HIM HIS SHE YOU OUR OUT OFF ONE TWO SIX TEN "
        "GOT GET ALL ANY CAN DID DAY NEW OLD NOW WHO WHY HOW YES LOT MAN MEN SET SAW SEE WAY "
        "BAD BIT BOX BUS CAR CAB VAN JOB END FEW FAR LET MAY PUT RAN RAW SAD TOO TRY USE WET "
        "YET AGO AGE ASK BED BOY CRY DOG EAT EYE FUN GUY HOT LAD LAW LOW MUM DAD NAN NET PAY "
        "RED SUN TEA TOP WAR WON HRS MIN MPH NHS RTC RTA NFA DOA ETA JCT NBD SBD EBD WBD HGV "
        "LGV ARV RPU TAC CID CPS CAD BWV POL ASB DVA DSE MOD OPS SOP"
    ).split()
)
_ORDINAL_ENDINGS: Final = {"1": "st", "2": "nd", "3": "rd"}

_Candidate = tuple[int, int, DetailKind]


def _digits(text: str) -> int:
    return sum(1 for char in text if "0" <= char <= "9")


def _followed_by_unit(text: str, end: int) -> bool:
    return _UNIT_AFTER.match(text, end) is not None


# ---------------------------------------------------------------------------
# Collar, shoulder and warrant numbers: a rank or keyword, then three to six digits.

_RANKS: Final = r"(?:PCSO|pcso|PC|Pc|pc|DC|PS|DS|SC|DI|Sgt|sgt|Insp|insp)\.?"
_COLLAR_WORDS: Final = (
    r"(?i:(?:collar|shoulder|warrant(?:[ ]card)?)(?:[ ](?:number|num|no\.?))?"
    r"(?:[ ](?:is|was))?:?)"
)
_COLLAR: Final = re.compile(
    rf"{_START}(?:{_RANKS}{_SP}?|{_COLLAR_WORDS}{_SP}?)(?:#|(?i:no\.?){_SP}?)?"
    r"[0-9]{3,6}(?![0-9])"
)


def _collar_numbers(text: str) -> Iterator[_Candidate]:
    for match in _COLLAR.finditer(text):
        if not _followed_by_unit(text, match.end()):
            yield match.start(), match.end(), DetailKind.COLLAR_NUMBER


# ---------------------------------------------------------------------------
# Crime, incident and log references.

_REF_KEYWORDS: Final = (
    r"(?i:crime[ ](?:ref(?:erence)?|number|num|no)\.?|crn|urn|cad|storm(?:[ ]log)?|log"
    r"|occurrence|oel|incident(?:[ ](?:ref(?:erence)?|log))?"
    r"|(?:job|call)[ ](?:ref(?:erence)?|log|number|num|no\.?)|ref(?:erence)?)"
)
# The reference itself holds a digit; "of 23rd" or "23/11" after it is its date.
_REF_BODY: Final = r"[A-Za-z]*[0-9][A-Za-z0-9]*(?:[/-][A-Za-z0-9]+){0,4}"
_REF_DATE: Final = (
    rf"{_SP}(?i:of{_SP})?(?i:the{_SP})?"
    r"(?:[0-9]{1,2}(?i:st|nd|rd|th)|[0-9]{1,2}/[0-9]{1,2}(?:/[0-9]{2,4})?)"
)
_KEYWORD_REFERENCE: Final = re.compile(
    rf"{_START}{_REF_KEYWORDS}(?:{_SP}(?i:number|num|no\.?))?(?:{_SP}(?i:is|was))?"
    rf"{_SP}?[:#]?{_SP}?(?P<ref>{_REF_BODY})(?:{_REF_DATE})?{_END}"
)
# Force code / serial / year, as on a crime report: the middle part is too long for a date.
_CRIME_NUMBER: Final = re.compile(r"(?<![0-9/])[0-9]{2}/[0-9]{4,7}/[0-9]{2}(?:[0-9]{2})?(?![0-9/])")
# Force, station, five-digit serial and two-digit year.
_URN: Final = re.compile(rf"{_START}[0-9]{{2}}[A-Z]{{2}}[0-9]{{7}}{_END}")


def _references(text: str) -> Iterator[_Candidate]:
    kind = DetailKind.CRIME_OR_LOG_REFERENCE
    for match in _KEYWORD_REFERENCE.finditer(text):
        if _digits(match["ref"]) >= 3 and not _followed_by_unit(text, match.end()):
            yield match.start(), match.end(), kind
    for pattern in (_CRIME_NUMBER, _URN):
        for match in pattern.finditer(text):
            yield match.start(), match.end(), kind


# ---------------------------------------------------------------------------
# Vehicle registrations.

# Current style: area letters (no I, Q or Z; the first is a region), age
# identifier, then three random letters (no I or Q).
_PLATE_CURRENT: Final = re.compile(
    rf"{_START}(?P<area>[A-HK-PR-SVWYa-hk-pr-svwy][A-HJ-PR-Ya-hj-pr-y])(?P<age>[0-9]{{2}})"
    rf"{_SP}?(?P<letters>[A-HJ-PR-Za-hj-pr-z]{{3}}){_END}"
)
# Prefix style (1983-2001): an age letter, one to three digits, three letters.
# Capitals only: in lower case it reads as a road and a word ("the m6 and").
_PLATE_PREFIX: Final = re.compile(
    rf"{_START}[A-HJ-NP-TV-Y][1-9][0-9]{{0,2}}{_SP}?(?P<letters>[A-HJ-PR-Y]{{3}}){_END}"
)


def _plausible_age(age: str) -> bool:
    # March plates run 02, 03, ... and September plates 51, 52, ...
    number = int(age)
    return 2 <= number <= 29 or 51 <= number <= 79


def _vehicle_registrations(text: str) -> Iterator[_Candidate]:
    kind = DetailKind.VEHICLE_REGISTRATION
    for match in _PLATE_CURRENT.finditer(text):
        letters = match["area"] + match["letters"]
        same_case = letters.isupper() or letters.islower()
        if (
            same_case
            and _plausible_age(match["age"])
            and match["letters"].upper() not in _NOT_PLATE_LETTERS
        ):
            yield match.start(), match.end(), kind
    for match in _PLATE_PREFIX.finditer(text):
        if match["letters"] not in _NOT_PLATE_LETTERS:
            yield match.start(), match.end(), kind


# ---------------------------------------------------------------------------
# Postcodes: a real area, a district, then the inward part (a digit and two
# letters, never C, I, K, M, O or V).

_POSTCODE_AREAS: Final = frozenset(
    (
        "AB AL B BA BB BD BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN "
        "DT DY E EC EH EN EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW "
        "KY L LA LD LE LL LN LS LU M ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG "
        "RH RM S SA SE SG SK SL SM SN SO SP SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W WA WC "
        "WD WF WN WR WS WV YO ZE"
    ).split()
)
_AREA_ALTERNATIVES: Final = "|".join(sorted(_POSTCODE_AREAS, key=lambda area: (-len(area), area)))
_POSTCODE: Final = re.compile(
    rf"{_START}(?i:{_AREA_ALTERNATIVES})[0-9][0-9A-Za-z]?{_SP}?"
    rf"(?P<inward>[0-9][ABD-HJLNP-UW-Zabd-hjlnp-uw-z]{{2}}){_END}"
)


def _is_typed_ordinal(inward: str) -> bool:
    """'2nd', '3rd', '4th': in lower case, "the M6 3rd time" is not a postcode."""
    digit, ending = inward[0], inward[1:]
    return ending.islower() and ending == _ORDINAL_ENDINGS.get(digit, "th")


def _postcodes(text: str) -> Iterator[_Candidate]:
    for match in _POSTCODE.finditer(text):
        if not _is_typed_ordinal(match["inward"]):
            yield match.start(), match.end(), DetailKind.POSTCODE


# ---------------------------------------------------------------------------
# Phone numbers: +44, 0044 or a trunk 0, then nine or ten digits with spaces,
# hyphens or a bracket between them.

_PHONE: Final = re.compile(
    r"(?<![0-9+])(?:(?:\+44|0044)[ \-\u00a0]?(?:\(0\)[ \-\u00a0]?)?|\(?0)"
    r"(?P<first>[1-9])(?:[ \-)\u00a0]{0,2}[0-9]){8,9}(?![0-9])"
)
# 03 (public bodies and charities), 08 (freephone and business) and 09
# (premium) numbers belong to organisations, not people.
_ORGANISATION_PREFIXES: Final = frozenset("389")


def _phone_numbers(text: str) -> Iterator[_Candidate]:
    for match in _PHONE.finditer(text):
        if match["first"] not in _ORGANISATION_PREFIXES:
            yield match.start(), match.end(), DetailKind.PHONE_NUMBER


# ---------------------------------------------------------------------------
# Email addresses.

_EMAIL: Final = re.compile(
    r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9][A-Za-z0-9._%+\-]*@[A-Za-z0-9\-]+"
    r"(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}(?![A-Za-z0-9\-])"
)


def _emails(text: str) -> Iterator[_Candidate]:
    for match in _EMAIL.finditer(text):
        yield match.start(), match.end(), DetailKind.EMAIL


# ---------------------------------------------------------------------------
# A capitalised name after a title or a rank: "Mrs Jones", "Sgt Khan", "Mr John Smith".

_TITLES: Final = (
    r"(?:Mrs|Miss|Mr|Ms|Mx|Dr|PCSO|PC|DCI|DC|DS|DI|Sgt|Sergeant|Insp|Inspector|Supt)\.?"
)
_WORD: Final = r"[^\W\d_][\w'\u2019\-]*"
_TITLED_NAME: Final = re.compile(
    # The second word is only looked at, not consumed: in "Mr and Mrs Smith"
    # the search must still reach "Mrs".
    rf"{_START}{_TITLES}{_SP}(?P<first>{_WORD})(?=(?:{_SP}(?P<second>{_WORD}))?)"
)
# Capitalised words that follow "Miss", "Dr" or a rank without being a name:
# "Miss Christmas", "the PC I was crewed with", "Dr Monday".
_NOT_NAMES: Final = frozenset(
    (
        "I A An The And But Or So Then Now On In At To Of It Its He She They We You Me My "
        "His Her Their Our Your Them Us This That These Those Who What When Why How Was Is "
        "Had Has Have Did Do Not No Yes Just Still Again Today Tonight Tomorrow Yesterday "
        "Mum Dad Home Work Christmas Easter Monday Tuesday Wednesday Thursday Friday "
        "Saturday Sunday January February March April May June July August September "
        "October November December"
    ).split()
)


def _name_length(word: str) -> int:
    """How much of ``word`` is the name: not a possessive "'s", nor a trailing mark."""
    if word.endswith(("'s", "\u2019s")):
        word = word[:-2]
    return len(word.rstrip("'\u2019-"))


def _is_name(word: str | None) -> bool:
    return word is not None and word[0].isupper() and word not in _NOT_NAMES


def _titled_names(text: str) -> Iterator[_Candidate]:
    for match in _TITLED_NAME.finditer(text):
        if not _is_name(match["first"]):
            continue
        first_is_whole = _name_length(match["first"]) == len(match["first"])
        # "Mr John Smith" is one name; "Mrs Brown's Boys" ends at the possessive.
        last = "second" if first_is_whole and _is_name(match["second"]) else "first"
        end = match.start(last) + _name_length(match[last])
        if end > match.start(last):
            yield match.start(), end, DetailKind.TITLED_NAME


_FINDERS: Final[tuple[Callable[[str], Iterator[_Candidate]], ...]] = (
    _emails,
    _references,
    _collar_numbers,
    _phone_numbers,
    _postcodes,
    _vehicle_registrations,
    _titled_names,
)


# ---------------------------------------------------------------------------


def find_operational_detail(text: str) -> list[FlaggedSpan]:
    """Spans of ``text`` that look like operational detail, sorted and never overlapping.

    Where two patterns overlap, the longer span wins, then the more specific
    kind. The text is only read, never changed.
    """
    candidates = [candidate for finder in _FINDERS for candidate in finder(text)]
    candidates.sort(key=lambda c: (c[0] - c[1], _SPECIFICITY[c[2]], c[0]))
    starts: list[int] = []
    chosen: list[FlaggedSpan] = []
    for start, end, kind in candidates:
        index = bisect.bisect_left(starts, start)
        if index > 0 and chosen[index - 1].end > start:
            continue
        if index < len(chosen) and chosen[index].start < end:
            continue
        starts.insert(index, start)
        chosen.insert(index, FlaggedSpan(start, end, kind, text[start:end]))
    return chosen
