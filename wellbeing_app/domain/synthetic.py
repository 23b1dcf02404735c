"""Realistic synthetic check-ins, for the demo vault, the tests and the benchmark.

A four-on four-off style rota (earlies, lates, nights, rest days), shorter and
poorer sleep after nights, occasional exposure tags, everyday demand, and short
reflections with no operational detail. Deterministic for a given seed.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from typing import Final

from wellbeing_app.domain.catalogue import ACTIVITIES, EXPOSURES, ShiftType
from wellbeing_app.domain.checkin import CheckIn

# Two earlies, two lates, two nights, four rest days: a common ten-day rota.
ROTA: Final = (
    ShiftType.EARLY,
    ShiftType.EARLY,
    ShiftType.LATE,
    ShiftType.LATE,
    ShiftType.NIGHT,
    ShiftType.NIGHT,
    ShiftType.REST_DAY,
    ShiftType.REST_DAY,
    ShiftType.REST_DAY,
    ShiftType.REST_DAY,
)

_SHIFT_HOURS: Final = {
    ShiftType.EARLY: 8.0,
    ShiftType.LATE: 9.0,
    ShiftType.NIGHT: 10.0,
    ShiftType.REST_DAY: 0.0,
}
_MEAN_SLEEP: Final = {
    ShiftType.EARLY: 6.4,
    ShiftType.LATE: 7.2,
    ShiftType.NIGHT: 5.2,
    ShiftType.REST_DAY: 7.8,
}

_TOOK_HOME: Final = (
    "Long one today. Kept thinking about the family at the second call on the drive home.",
    "Quiet start, then nonstop from lunch. Did not get a proper break.",
    "Spent most of the shift at A&E waiting with a detained person. Tired and a bit flat.",
    "Good team today. We looked after each other and it showed.",
    "Hard call about a young person. I did what I could and handed over well.",
    "Paperwork mountain. Frustrating, but it is done now.",
    "Felt on edge after the earlier incident, better after talking it through with my sergeant.",
    "Rest day, walked the dog and slept properly for once.",
    "Short staffed again, covered two areas. Proud of how we managed.",
    "A missing-person enquiry that ended well. Relief all round.",
    "Could not switch off after nights. Body clock all over the place.",
    "Court prep most of the day. Nervous about giving evidence next week.",
)
_GOOD_THING: Final = (
    "A thank-you from a member of the public.",
    "Tea and a laugh with the team at the end.",
    "Got home in time to read the kids a story.",
    "Made it to the gym before the shift.",
    "A colleague checked in on me.",
    "Sunrise on the way home was beautiful.",
    "Helped someone get home safe.",
)
_CUSTOM_TAGS: Final = ("court", "overtime", "training day", "new partner", "tutoring")
_FILLER: Final = (
    "I noticed I was more tired than usual and tried to drink more water. "
    "The drive home helped me switch off a little. "
    "Tomorrow I want to get outside before work and eat properly. "
    "It helps to write this down rather than carry it round all evening. "
)


def synthetic_checkins(
    days: int,
    *,
    end: date | None = None,
    seed: int = 7,
    text_chars: int | None = None,
    exposure_rate: float = 0.12,
) -> list[CheckIn]:
    """``days`` daily check-ins ending on ``end`` (default today), oldest first.

    ``text_chars`` pads each "what I took home" to about that many characters
    (the benchmark uses about 1 KB); by default reflections stay short.
    """
    return list(
        iter_synthetic_checkins(
            days, end=end, seed=seed, text_chars=text_chars, exposure_rate=exposure_rate
        )
    )


def iter_synthetic_checkins(
    days: int,
    *,
    end: date | None = None,
    seed: int = 7,
    text_chars: int | None = None,
    exposure_rate: float = 0.12,
) -> Iterator[CheckIn]:
    rng = random.Random(seed)
    last_day = end if end is not None else date.today()
    first_day = last_day - timedelta(days=days - 1)
    exposure_codes = sorted(EXPOSURES)
    activity_codes = sorted(ACTIVITIES)
    previous = ShiftType.REST_DAY
    for offset in range(days):
        day = first_day + timedelta(days=offset)
        shift = ROTA[(day.toordinal()) % len(ROTA)]
        working = shift is not ShiftType.REST_DAY
        # Sleep reflects the shift before this check-in: nights cost the most.
        sleep = max(2.5, min(11.0, rng.gauss(_MEAN_SLEEP[previous], 0.8)))
        sleep = round(sleep * 2) / 2
        sleep_quality = _clamp(round(1 + (sleep - 3.5) * 0.8 + rng.gauss(0, 0.6)))
        exposures: tuple[str, ...] = ()
        if working and rng.random() < exposure_rate:
            exposures = tuple(rng.sample(exposure_codes, k=1 if rng.random() < 0.8 else 2))
        mood_base = 3.4 + (sleep - 6.5) * 0.35 - 0.9 * len(exposures)
        mood = _clamp(round(mood_base + rng.gauss(0, 0.7)))
        stress = _clamp(
            round(2.6 + 0.8 * len(exposures) + (0.6 if working else -0.8) + rng.gauss(0, 0.7))
        )
        energy = _clamp(round(1 + (sleep - 4) * 0.7 + rng.gauss(0, 0.6)))
        activities = (
            tuple(sorted(rng.sample(activity_codes, k=rng.randint(1, 3)))) if working else ()
        )
        took_home = rng.choice(_TOOK_HOME) if rng.random() < 0.6 or text_chars else None
        if took_home is not None and text_chars:
            while len(took_home) < text_chars:
                took_home += " " + _FILLER
            took_home = took_home[:text_chars].rstrip()
        stamp = datetime.combine(
            day, time(hour=rng.randint(15, 23), minute=rng.randint(0, 59)), tzinfo=UTC
        )
        yield CheckIn(
            id=_uuid(rng),
            date=day,
            shift_type=shift,
            hours_worked=_SHIFT_HOURS[shift] if working else None,
            overtime_hours=(rng.choice((0.0, 0.0, 0.5, 1.0, 2.0)) if working else None),
            took_break=(rng.random() > 0.3) if working else None,
            mood=mood,
            stress=stress,
            energy=energy,
            sleep_hours=sleep,
            sleep_quality=sleep_quality,
            exposures=exposures,
            activities=activities,
            tags=(rng.choice(_CUSTOM_TAGS),) if rng.random() < 0.08 else (),
            took_home=took_home,
            good_thing=rng.choice(_GOOD_THING) if rng.random() < 0.5 else None,
            talked_to_someone=(rng.random() < 0.5) if exposures else None,
            created_at=stamp,
            updated_at=stamp,
        )
        previous = shift


def _clamp(value: int, low: int = 1, high: int = 5) -> int:
    return max(low, min(high, value))


def _uuid(rng: random.Random) -> str:
    raw = bytearray(rng.getrandbits(8) for _ in range(16))
    raw[6] = (raw[6] & 0x0F) | 0x40
    raw[8] = (raw[8] & 0x3F) | 0x80
    h = raw.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"
