"""Which questions make up each score, and the names those scores are shown under.

These are the scoring keys of the four instruments (the item wording lives in
``resources/selfchecks/forms.json``). The score keys are part of the
interchange format: export writes exactly these, in this order.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Final

PHQ9: Final = "phq9"
GAD7: Final = "gad7"
PCL5: Final = "pcl5"
PROQOL5: Final = "proqol5"
INSTRUMENT_IDS: Final = (PHQ9, GAD7, PCL5, PROQOL5)

TOTAL: Final = "total"


def _numbers(first: int, last: int) -> tuple[int, ...]:
    return tuple(range(first, last + 1))


# DSM-5 symptom clusters as the PCL-5 scoring page groups its 20 items.
PCL5_CLUSTERS: Final = MappingProxyType(
    {
        "B": _numbers(1, 5),
        "C": _numbers(6, 7),
        "D": _numbers(8, 14),
        "E": _numbers(15, 20),
    }
)

# ProQOL 5 self-score page: three subscales of ten questions each.
PROQOL5_SUBSCALES: Final = MappingProxyType(
    {
        "compassion_satisfaction": (3, 6, 12, 16, 18, 20, 22, 24, 27, 30),
        "burnout": (1, 4, 8, 10, 15, 17, 19, 21, 26, 29),
        "secondary_traumatic_stress": (2, 5, 7, 9, 11, 13, 14, 23, 25, 28),
    }
)
# Worded the other way round from the rest of burnout, so 1<->5 and 2<->4 before summing.
PROQOL5_REVERSED: Final = (1, 4, 15, 17, 29)

SCORE_KEYS: Final = MappingProxyType(
    {
        PHQ9: (TOTAL,),
        GAD7: (TOTAL,),
        PCL5: (TOTAL, *PCL5_CLUSTERS),
        PROQOL5: tuple(PROQOL5_SUBSCALES),
    }
)

# Our names for the scores. PCL-5 cluster D is "negative alterations in
# cognitions and mood" in DSM-5; we say "changes" so that no result reads as
# a verdict.
SCORE_NAMES: Final = MappingProxyType(
    {
        TOTAL: "Total",
        "B": "Intrusion",
        "C": "Avoidance",
        "D": "Changes in thinking and mood",
        "E": "Arousal and reactivity",
        "compassion_satisfaction": "Compassion satisfaction",
        "burnout": "Burnout",
        "secondary_traumatic_stress": "Secondary traumatic stress",
    }
)


def scale_items(instrument_id: str, key: str, item_count: int) -> tuple[int, ...]:
    """The question numbers (1-based) summed into score ``key`` of an instrument."""
    if key not in SCORE_KEYS.get(instrument_id, ()):
        raise KeyError(f"{instrument_id} has no score {key!r}")
    if key == TOTAL:
        return _numbers(1, item_count)
    if instrument_id == PCL5:
        return PCL5_CLUSTERS[key]
    return PROQOL5_SUBSCALES[key]
