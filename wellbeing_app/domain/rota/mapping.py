"""How a calendar event becomes a shift type: words in its summary first, then its start time.

The rules are the user's to edit, and they are read in order:

1. **Word rules.** The first rule with a word or phrase that appears in the
   event's summary as a whole word, ignoring case, decides the shift type
   (and may add a tag, such as ``court``). "Night" matches "Night shift"
   and "NIGHT", but not "Nightingale"; "RD" matches "RD (rest day)" but not
   "3RD". Spaces inside a phrase match any run of spaces.
2. **Time bands.** Otherwise a timed event takes the type of the band its
   Europe/London start time falls in. A band may wrap past midnight
   (18:00 to 04:59). A start in no band is ``other``.
3. **All-day events** that no word rule matches are rest days: a rostering
   system marks a day off with a whole-day entry, and a shift always has a
   time.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import time
from typing import Final

from wellbeing_app.domain.catalogue import ShiftType
from wellbeing_app.domain.checkin import tag_problem
from wellbeing_app.domain.rota.errors import InvalidRota, refuse

MAX_WORD_RULES: Final = 50
MAX_WORDS_PER_RULE: Final = 20
MAX_WORD_CHARS: Final = 40
MAX_TIME_BANDS: Final = 24


@functools.lru_cache(maxsize=1024)
def _word_pattern(word: str) -> re.Pattern[str]:
    # Whole words: no letter, digit or underscore may touch either end.
    body = r"\s+".join(re.escape(part) for part in word.split())
    return re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)


def _word_problem(word: object) -> str | None:
    if not isinstance(word, str):
        return "is not text"
    if not word.strip():
        return "must not be empty"
    if word != word.strip():
        return "must not start or end with a space"
    if len(word) > MAX_WORD_CHARS:
        return f"is longer than {MAX_WORD_CHARS} characters"
    if any(ch in word for ch in "\r\n\t\x00"):
        return "must not contain a tab or a line break"
    return None


@dataclass(frozen=True, slots=True)
class WordRule:
    """Events whose summary contains any of ``words`` (whole words, any case) are ``shift_type``."""

    words: tuple[str, ...]
    shift_type: ShiftType
    tag: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.words, tuple) or not 1 <= len(self.words) <= MAX_WORDS_PER_RULE:
            raise refuse("words", self.words, f"must list 1 to {MAX_WORDS_PER_RULE} words")
        for index, word in enumerate(self.words):
            reason = _word_problem(word)
            if reason is not None:
                raise refuse(f"words[{index}]", word, reason)
        if not isinstance(self.shift_type, ShiftType):
            raise refuse("shift_type", self.shift_type, "is not a known shift type")
        if self.tag is not None:
            reason = tag_problem(self.tag) if isinstance(self.tag, str) else "is not text"
            if reason is not None:
                raise refuse("tag", self.tag, reason)

    def matches(self, summary: str) -> bool:
        """True when one of the words appears in ``summary`` as a whole word, ignoring case."""
        return any(_word_pattern(word).search(summary) for word in self.words)


def _minute_time(name: str, value: object) -> time:
    if not isinstance(value, time) or value.tzinfo is not None or value.second or value.microsecond:
        raise refuse(name, value, "is not a wall-clock time in whole minutes")
    return value


@dataclass(frozen=True, slots=True)
class TimeBand:
    """Timed events starting from ``starts`` to ``ends`` (both included) are ``shift_type``.

    When ``ends`` is earlier than ``starts`` the band runs past midnight, so
    ``TimeBand(time(18), time(4, 59), ShiftType.NIGHT)`` covers 18:00 to 04:59.
    """

    starts: time
    ends: time
    shift_type: ShiftType

    def __post_init__(self) -> None:
        _minute_time("from", self.starts)
        _minute_time("to", self.ends)
        if not isinstance(self.shift_type, ShiftType):
            raise refuse("shift_type", self.shift_type, "is not a known shift type")
        if self.shift_type is ShiftType.REST_DAY:
            raise refuse("shift_type", self.shift_type.value, "cannot be given by a start time")

    def contains(self, start: time) -> bool:
        """True when a shift starting at ``start`` (seconds ignored) is in this band."""
        minute = start.hour * 60 + start.minute
        low = self.starts.hour * 60 + self.starts.minute
        high = self.ends.hour * 60 + self.ends.minute
        if low <= high:
            return low <= minute <= high
        return minute >= low or minute <= high


@dataclass(frozen=True, slots=True)
class ShiftMapping:
    """The user's rules for reading calendar events: word rules first, then time bands."""

    word_rules: tuple[WordRule, ...]
    time_bands: tuple[TimeBand, ...]

    def __post_init__(self) -> None:
        if not isinstance(self.word_rules, tuple) or len(self.word_rules) > MAX_WORD_RULES:
            raise refuse("rules", self.word_rules, f"must be a list of at most {MAX_WORD_RULES}")
        for index, rule in enumerate(self.word_rules):
            if not isinstance(rule, WordRule):
                raise refuse(f"rules[{index}]", rule, "is not a word rule")
        if not isinstance(self.time_bands, tuple) or len(self.time_bands) > MAX_TIME_BANDS:
            raise refuse("times", self.time_bands, f"must be a list of at most {MAX_TIME_BANDS}")
        for index, band in enumerate(self.time_bands):
            if not isinstance(band, TimeBand):
                raise refuse(f"times[{index}]", band, "is not a time band")

    def shift_for(self, summary: str, start: time | None) -> tuple[ShiftType, tuple[str, ...]]:
        """The shift type and tags for an event; ``start`` is None for an all-day event.

        ``start`` is the Europe/London wall-clock start time.
        """
        for rule in self.word_rules:
            if rule.matches(summary):
                return rule.shift_type, (rule.tag,) if rule.tag is not None else ()
        if start is None:
            return ShiftType.REST_DAY, ()
        for band in self.time_bands:
            if band.contains(start):
                return band.shift_type, ()
        return ShiftType.OTHER, ()


def _checked_mapping(word_rules: tuple[WordRule, ...], bands: tuple[TimeBand, ...]) -> ShiftMapping:
    try:
        return ShiftMapping(word_rules, bands)
    except InvalidRota as error:  # a mistake in the defaults below: say which
        raise error.under("DEFAULT_MAPPING") from None


# The order matters. "Court" comes first because court is so often on a
# rest day ("Court (RD)") and is work all the same; "Rest" comes before
# "Early" so "Rest day (was Early)" is a rest day.
DEFAULT_MAPPING: Final = _checked_mapping(
    (
        WordRule(("Court",), ShiftType.OTHER, "court"),
        WordRule(("Nights", "Night"), ShiftType.NIGHT),
        WordRule(("RD", "Rest"), ShiftType.REST_DAY),
        WordRule(("Early", "Earlies"), ShiftType.EARLY),
        WordRule(("Late", "Lates"), ShiftType.LATE),
        WordRule(("Training",), ShiftType.TRAINING),
        WordRule(("On call", "On-call"), ShiftType.ON_CALL),
        WordRule(("Leave", "Day off"), ShiftType.REST_DAY),
    ),
    (
        TimeBand(time(5, 0), time(10, 59), ShiftType.EARLY),
        TimeBand(time(11, 0), time(17, 59), ShiftType.LATE),
        TimeBand(time(18, 0), time(4, 59), ShiftType.NIGHT),
    ),
)
