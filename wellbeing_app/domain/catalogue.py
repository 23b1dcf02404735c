"""The fixed catalogues: shift types, exposure tags, what a shift involved, and score labels.

Codes are stable (they are stored and exported); labels are what people read
and may change. Everything that lists these (the form, import, export, the
CLI) reads them from here.
"""

from __future__ import annotations

from enum import StrEnum
from types import MappingProxyType
from typing import Final


class ShiftType(StrEnum):
    EARLY = "early"
    LATE = "late"
    NIGHT = "night"
    DAY = "day"
    REST_DAY = "rest_day"
    ON_CALL = "on_call"
    TRAINING = "training"
    OTHER = "other"

    @property
    def label(self) -> str:
        return SHIFT_LABELS[self]


SHIFT_LABELS: Final = MappingProxyType(
    {
        ShiftType.EARLY: "Early",
        ShiftType.LATE: "Late",
        ShiftType.NIGHT: "Night",
        ShiftType.DAY: "Day",
        ShiftType.REST_DAY: "Rest day",
        ShiftType.ON_CALL: "On call",
        ShiftType.TRAINING: "Training",
        ShiftType.OTHER: "Other",
    }
)
WORKING_SHIFTS: Final = frozenset(ShiftType) - {ShiftType.REST_DAY}
"""Every shift type that is a shift worked: all but the rest day."""

# Potentially distressing incidents. Call handlers, digital and CCTV
# investigators hear and see these too, hence "call or footage".
EXPOSURES: Final = MappingProxyType(
    {
        "sudden_death": "Sudden death",
        "fatal_or_serious_rtc": "Fatal or serious road collision",
        "suicide_or_attempt": "Suicide or attempt",
        "child_at_risk_or_harmed": "Child at risk or harmed",
        "mental_health_crisis": "Mental health crisis",
        "domestic_abuse": "Domestic abuse",
        "sexual_offence": "Sexual offence",
        "serious_violence": "Serious violence",
        "assaulted_on_duty": "Assaulted on duty",
        "threat_to_life": "Threat to life",
        "missing_person": "Missing person",
        "firearms_or_weapons": "Firearms or weapons",
        "fire_or_major_incident": "Fire or major incident",
        "long_constant_watch": "Long constant watch",
        "distressing_call_or_footage": "Distressing call or footage",
        "other_distressing": "Something else distressing",
    }
)

# The "true picture": everyday demand that crime figures never show.
ACTIVITIES: Final = MappingProxyType(
    {
        "missing_person_enquiry": "Missing-person enquiry",
        "mental_health_call": "Mental health call",
        "hospital_wait_with_detainee": "Hospital wait with a detained person",
        "prisoner_escort_or_custody": "Prisoner escort or custody",
        "victim_support_or_reassurance": "Victim support or reassurance",
        "crime_prevention_or_school_talk": "Crime prevention or school talk",
        "patrol_and_community": "Patrol and community",
        "welfare_check": "Welfare check",
        "domestic_call": "Domestic call",
        "road_incident": "Road incident",
        "court_or_file_prep": "Court or file preparation",
        "paperwork_backlog": "Paperwork backlog",
        "training": "Training",
        "covering_short_staffing": "Covering short staffing",
        "meal_break_missed": "Meal break missed",
        "rest_day_cancelled": "Rest day cancelled",
    }
)

# Five-step scales, labelled in words, never shown as bare numbers.
SCALE_LABELS: Final = MappingProxyType(
    {
        "mood": ("Very low", "Low", "Okay", "Good", "Very good"),
        "stress": ("Very low", "Low", "Moderate", "High", "Very high"),
        "energy": ("Very low", "Low", "Moderate", "High", "Very high"),
        "sleep_quality": ("Very poor", "Poor", "Fair", "Good", "Very good"),
    }
)


def scale_label(field: str, value: int) -> str:
    """The word for a score, e.g. ``scale_label("mood", 1) == "Very low"``."""
    return SCALE_LABELS[field][value - 1]
