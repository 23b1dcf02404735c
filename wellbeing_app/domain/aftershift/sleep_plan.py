"""A plan for sleeping in the day after nights: a few plain tips, each with its source.

The tips are in our own words. Each says only what its source says; the
source is named (and its address given, to type into a browser: the app
opens no links and has no network code).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True, slots=True)
class Source:
    name: str
    address: str


@dataclass(frozen=True, slots=True)
class SleepTip:
    heading: str
    text: str
    source: Source


NHS_PEOPLE_NIGHTS: Final = Source(
    "NHS England, Our NHS People: Managing your sleep when you're on a night or late shift",
    "people.nhs.uk/guides/a-guide-to-good-sleep-for-clinicians-and-healthcare-professionals",
)
HSE_SHIFTWORK: Final = Source(
    "Health and Safety Executive, Managing shiftwork (HSG256): advice for shiftworkers",
    "hse.gov.uk/pubns/books/hsg256.htm",
)
NHS_SLEEP: Final = Source(
    "NHS Every Mind Matters: How to fall asleep faster and sleep better",
    "nhs.uk/every-mind-matters/mental-wellbeing-tips/how-to-fall-asleep-faster-and-sleep-better",
)
NHS_INSOMNIA: Final = Source("NHS: Insomnia", "nhs.uk/conditions/insomnia")
HIGHWAY_CODE: Final = Source(
    "The Highway Code, rule 91 (driving when tired)", "gov.uk/guidance/the-highway-code"
)
OSCAR_KILO_FATIGUE: Final = Source(
    "Oscar Kilo: Fatigue risk management guidance for policing",
    "oscarkilo.org.uk/fatigue-risk-management-guidance-policing",
)

TIPS: Final = (
    SleepTip(
        "On the way home",
        "Daylight tells your body it is time to be awake. Dark glasses on the way home "
        "after a night shift can help your body get ready to sleep.",
        NHS_PEOPLE_NIGHTS,
    ),
    SleepTip(
        "If you drive",
        "Driving when you are tired makes a crash more likely. If you feel sleepy on the "
        "way home, stop somewhere safe and rest.",
        HIGHWAY_CODE,
    ),
    SleepTip(
        "A dark, quiet room",
        "Sleep in the day is lighter and more easily broken. Heavy curtains, blackout "
        "blinds or an eye mask keep the room dark; earplugs help with daytime noise.",
        HSE_SHIFTWORK,
    ),
    SleepTip(
        "Tell the people at home",
        "Let the people you live with know when you will be sleeping, so they can keep "
        "disturbance down.",
        HSE_SHIFTWORK,
    ),
    SleepTip(
        "Before you sleep",
        "Avoid a heavy meal, alcohol and caffeine in the hours before you go to sleep.",
        HSE_SHIFTWORK,
    ),
    SleepTip(
        "Wind down",
        "Give yourself time to wind down first, with something relaxing, and put screens "
        "away for a while before you try to sleep.",
        NHS_SLEEP,
    ),
    SleepTip(
        "Before the next night",
        "A nap before a night shift can help you stay alert. A nap of more than 30 to 40 "
        "minutes takes you into deep sleep, which can be harder to wake from.",
        NHS_PEOPLE_NIGHTS,
    ),
    SleepTip(
        "If it keeps going on",
        "If changing your sleep habits has not helped, or you have had trouble sleeping "
        "for months, the NHS suggests seeing a GP. Your force's occupational health can "
        "help with shifts too.",
        NHS_INSOMNIA,
    ),
)

INTRODUCTION: Final = (
    "Oscar Kilo's fatigue guidance for policing treats tiredness after shifts as a real "
    "risk, for officers and staff alike, and something to plan for rather than put up with."
)
INTRODUCTION_SOURCE: Final = OSCAR_KILO_FATIGUE


def sources() -> list[Source]:
    """Every source named, once each, in the order first used."""
    found: list[Source] = [INTRODUCTION_SOURCE]
    for tip in TIPS:
        if tip.source not in found:
            found.append(tip.source)
    return found
