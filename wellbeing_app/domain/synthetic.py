"""Realistic synthetic check-ins, for the demo vault, the tests and the benchmark.

A four-on four-off style rota (earlies, lates, nights, rest days), shorter and
poorer sleep after nights, occasional exposure tags, everyday demand, and short
reflections with no operational detail. What each check-in says fits its own
shift type: rest days talk about rest, and "Rest day cancelled" appears only
on a rest day the officer was called in for (logged as a Day shift).
Deterministic for a given seed.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Final

from wellbeing_app.domain.catalogue import ACTIVITIES, EXPOSURES, ShiftType
from wellbeing_app.domain.checkin import CheckIn
from wellbeing_app.domain.rota.model import PatternDay, Rota, RotaPattern

if TYPE_CHECKING:
    from wellbeing_app.domain.aftershift import Moment
    from wellbeing_app.domain.selfchecks import SelfCheck

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
    ShiftType.DAY: 8.0,
}
# When the check-in is written (UTC hour, and a day later for a night shift): soon
# after the shift ends, so the times read true in the journal and on Today.
_WRITTEN_AT: Final = {
    ShiftType.EARLY: (15, 0),
    ShiftType.LATE: (23, 0),
    ShiftType.NIGHT: (7, 1),
    ShiftType.DAY: (17, 0),
    ShiftType.REST_DAY: (19, 0),
}
_MEAN_SLEEP: Final = {  # sleep after each shift type
    ShiftType.EARLY: 6.4,
    ShiftType.LATE: 7.2,
    ShiftType.NIGHT: 5.2,
    ShiftType.DAY: 6.8,
    ShiftType.REST_DAY: 7.8,
}
# Now and then a rest day is cancelled: the officer is called in for a day
# shift, and only then does the check-in list "Rest day cancelled".
REST_DAY_CANCELLED_RATE: Final = 0.05
_CALLED_IN: Final = "rest_day_cancelled"

_EARLY, _LATE, _NIGHT, _DAY, _REST = (
    ShiftType.EARLY,
    ShiftType.LATE,
    ShiftType.NIGHT,
    ShiftType.DAY,
    ShiftType.REST_DAY,
)
_WORKING: Final = frozenset({_EARLY, _LATE, _NIGHT, _DAY})
_DAYTIME: Final = frozenset({_EARLY, _LATE, _DAY})


@dataclass(frozen=True)
class _Line:
    """A reflection or good thing, the shift types it fits, and what it implies."""

    text: str
    shifts: frozenset[ShiftType]
    activity: str | None = None  # an activity the words describe, added to the check-in
    after_exposure: bool = False  # only on a day with an exposure tag
    missed_break: bool = False  # only when no break was taken
    after_nights: bool = False  # only straight after a night shift


_TOOK_HOME: Final = (
    _Line(
        "Long one today. Kept thinking about the family at the second call on the drive home.",
        _DAYTIME,
    ),
    _Line(
        "Quiet start, then nonstop from lunch. Did not get a proper break.",
        frozenset({_EARLY, _DAY}),
        activity="meal_break_missed",
        missed_break=True,
    ),
    _Line(
        "Quiet start, then nonstop from teatime. Did not get a proper break.",
        frozenset({_LATE}),
        activity="meal_break_missed",
        missed_break=True,
    ),
    _Line(
        "Spent most of the shift at A&E waiting with a detained person. Tired and a bit flat.",
        _WORKING,
        activity="hospital_wait_with_detainee",
    ),
    _Line("Good team on shift. We looked after each other and it showed.", _WORKING),
    _Line("Hard call about a young person. I did what I could and handed over well.", _WORKING),
    _Line(
        "Paperwork mountain. Frustrating, but it is done now.",
        _DAYTIME,
        activity="paperwork_backlog",
    ),
    _Line(
        "Felt on edge after the earlier incident, better after talking it through with my "
        "sergeant.",
        _WORKING,
        after_exposure=True,
    ),
    _Line(
        "Short staffed again, covered two areas. Proud of how we managed.",
        _WORKING,
        activity="covering_short_staffing",
    ),
    _Line(
        "A missing-person enquiry that ended well. Relief all round.",
        _WORKING,
        activity="missing_person_enquiry",
    ),
    _Line(
        "Court prep most of the day. Nervous about giving evidence next week.",
        frozenset({_EARLY, _DAY}),
        activity="court_or_file_prep",
    ),
    _Line("Quiet until the small hours, then everything at once.", frozenset({_NIGHT})),
    _Line(
        "Last night of the set. Looking forward to proper sleep.",
        frozenset({_NIGHT}),
        after_nights=True,
    ),
    _Line("Rest day, walked the dog and slept properly for once.", frozenset({_REST})),
    _Line("Saw friends and hardly thought about work.", frozenset({_REST})),
    _Line("Caught up on chores and sleep. Feeling more like myself.", frozenset({_REST})),
    _Line(
        "Could not switch off after nights. Body clock all over the place.",
        frozenset({_REST}),
        after_nights=True,
    ),
)
# The reflection for a rest day the officer was called in for.
_CALLED_IN_LINE: Final = _Line(
    "Called in on my rest day. Not ideal, but the team needed the cover.",
    frozenset({_DAY}),
    activity=_CALLED_IN,
)
_GOOD_THING: Final = (
    _Line("A thank-you from a member of the public.", _WORKING),
    _Line("Tea and a laugh with the team at the end.", _WORKING),
    _Line("Got home in time to read the kids a story.", frozenset({_EARLY, _DAY})),
    _Line("Made it to the gym before the shift.", frozenset({_LATE, _NIGHT})),
    _Line("A colleague checked in on me.", _WORKING),
    _Line("Sunrise on the way home was beautiful.", frozenset({_NIGHT})),
    _Line("Helped someone get home safe.", _WORKING),
    _Line("A long walk and a proper meal.", frozenset({_REST})),
    _Line("Lunch out with the family.", frozenset({_REST})),
    _Line("Slept without an alarm.", frozenset({_REST})),
)
_WORK_TAGS: Final = ("court", "training day", "new partner", "tutoring")
_REST_TAGS: Final = ("family", "gym", "day out")
# Everyday demand a shift can involve; "rest day cancelled" is only ever added
# on a called-in rest day, and "meal break missed" only when no break was taken.
_ACTIVITY_CODES: Final = tuple(sorted(set(ACTIVITIES) - {_CALLED_IN, "meal_break_missed"}))
_FILLER: Final = (
    "I noticed I was more tired than usual and tried to drink more water. "
    "The drive home helped me switch off a little. "
    "Tomorrow I want to get outside before work and eat properly. "
    "It helps to write this down rather than carry it round all evening. "
)


# When each kind of shift on ``ROTA`` starts, and how long it is, for ``synthetic_rota``.
_ROTA_TIMES: Final = {
    ShiftType.EARLY: (time(7, 0), 8.0),
    ShiftType.LATE: (time(14, 0), 9.0),
    ShiftType.NIGHT: (time(22, 0), 10.0),
}


def synthetic_rota() -> Rota:
    """The repeating pattern the synthetic check-ins follow (``ROTA``, day 0 on a day whose
    ordinal is a multiple of ten), with start times and lengths fitting their hours."""
    days = tuple(
        PatternDay.working(kind, *_ROTA_TIMES[kind])
        if kind in _ROTA_TIMES
        else PatternDay.rest_day()
        for kind in ROTA
    )
    start = date(2020, 1, 1).toordinal() // len(ROTA) * len(ROTA)
    return Rota(pattern=RotaPattern(days, starts_on=date.fromordinal(start)))


def synthetic_selfchecks(end: date, *, seed: int = 5) -> list[SelfCheck]:
    """A PHQ-9 and a GAD-7 about every month for a year, two PCL-5s and a ProQOL 5, oldest first.

    Made-up answers (never a non-zero PHQ-9 question 9), for the demo and the tests.
    """
    from wellbeing_app.domain.selfchecks import SelfCheck

    rng = random.Random(seed)
    found: list[SelfCheck] = []
    for month in range(12, 0, -1):
        day = end - timedelta(days=30 * month - 3)
        phq = [rng.choice((0, 0, 1, 1, 2)) for _ in range(8)] + [0]
        found.append(SelfCheck(day, "phq9", tuple(phq), difficulty=rng.choice((0, 1))))
        found.append(SelfCheck(day, "gad7", tuple(rng.choice((0, 1, 1, 2)) for _ in range(7))))
    for days_ago, level in ((150, (1, 2, 2, 3)), (20, (0, 1, 1, 2))):
        answers = tuple(rng.choice(level) for _ in range(20))
        found.append(SelfCheck(end - timedelta(days=days_ago), "pcl5", answers))
    proqol = tuple(rng.choice((2, 3, 3, 4)) for _ in range(30))
    found.append(SelfCheck(end - timedelta(days=60), "proqol5", proqol))
    return sorted(found, key=lambda c: c.date)


def synthetic_moments(end: date, *, seed: int = 11) -> list[Moment]:
    """About twenty uses of the after-shift tools over the last ten weeks, oldest first,
    most rated before and after. Made-up numbers, for the demo and the tests."""
    from datetime import UTC, datetime, time

    from wellbeing_app.domain.aftershift import Moment

    rng = random.Random(seed)
    tools = ("paced_breathing",) * 5 + ("grounding",) * 3 + ("switch_off",) * 2 + ("sleep_plan",)
    found: list[Moment] = []
    for days_ago in sorted(rng.sample(range(1, 70), 20), reverse=True):
        tool = rng.choice(tools)
        at = datetime.combine(end - timedelta(days=days_ago), time(7, 15), tzinfo=UTC)
        before = rng.choice((4, 5, 6, 6, 7, 8)) if rng.random() < 0.85 else None
        after = None
        if before is not None and rng.random() < 0.9:
            after = max(0, before - rng.choice((0, 1, 1, 2, 2, 3)))
        found.append(Moment(at + timedelta(minutes=rng.randrange(0, 600)), tool, before, after))
    return found


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
    """The check-ins of :func:`synthetic_checkins`, one at a time.

    Everything a check-in says fits its shift type: a rest day has no hours,
    activities, exposures or work reflections; a reflection or tag that
    describes an activity brings that activity with it.
    """
    rng = random.Random(seed)
    last_day = end if end is not None else date.today()
    first_day = last_day - timedelta(days=days - 1)
    exposure_codes = sorted(EXPOSURES)
    previous = ShiftType.REST_DAY
    for offset in range(days):
        day = first_day + timedelta(days=offset)
        shift = ROTA[(day.toordinal()) % len(ROTA)]
        called_in = shift is _REST and rng.random() < REST_DAY_CANCELLED_RATE
        if called_in:
            shift = _DAY
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
        took_break = (rng.random() > 0.3) if working else None
        overtime = rng.choice((0.0, 0.0, 0.5, 1.0, 2.0)) if working else None
        activities: set[str] = set()
        if working:
            activities.update(rng.sample(_ACTIVITY_CODES, k=rng.randint(1, 3)))
            if called_in:
                activities.add(_CALLED_IN)
            if took_break is False and rng.random() < 0.5:
                activities.add("meal_break_missed")
        took_home: str | None = None
        if rng.random() < 0.6 or text_chars:
            line = (
                _CALLED_IN_LINE
                if called_in
                else rng.choice(_fitting(_TOOK_HOME, shift, previous, exposures, took_break))
            )
            took_home = line.text
            if line.activity is not None:
                activities.add(line.activity)
        if took_home is not None and text_chars:
            while len(took_home) < text_chars:
                took_home += " " + _FILLER
            took_home = took_home[:text_chars].rstrip()
        good_thing: str | None = None
        if rng.random() < 0.5:
            good_thing = rng.choice(_fitting(_GOOD_THING, shift, previous, exposures, None)).text
        tags: tuple[str, ...] = ()
        if rng.random() < 0.08:
            choices = _WORK_TAGS + (("overtime",) if overtime else ()) if working else _REST_TAGS
            tags = (rng.choice(choices),)
        hour, days_later = _WRITTEN_AT[shift]
        spread = rng.randint(15, 23) % 2  # the same draws as before, so the rest is unchanged
        stamp = datetime.combine(
            day + timedelta(days=days_later),
            time(hour=min(23, hour + spread), minute=rng.randint(0, 59)),
            tzinfo=UTC,
        )
        yield CheckIn(
            id=_uuid(rng),
            date=day,
            shift_type=shift,
            hours_worked=_SHIFT_HOURS[shift] if working else None,
            overtime_hours=overtime,
            took_break=took_break,
            mood=mood,
            stress=stress,
            energy=energy,
            sleep_hours=sleep,
            sleep_quality=sleep_quality,
            exposures=exposures,
            activities=tuple(sorted(activities)),
            tags=tags,
            took_home=took_home,
            good_thing=good_thing,
            talked_to_someone=(rng.random() < 0.5) if exposures else None,
            created_at=stamp,
            updated_at=stamp,
        )
        previous = shift


def _fitting(
    lines: tuple[_Line, ...],
    shift: ShiftType,
    previous: ShiftType,
    exposures: tuple[str, ...],
    took_break: bool | None,
) -> tuple[_Line, ...]:
    """The lines that are true of this day."""
    return tuple(
        line
        for line in lines
        if shift in line.shifts
        and (exposures or not line.after_exposure)
        and (took_break is False or not line.missed_break)
        and (previous is _NIGHT or not line.after_nights)
    )


def _clamp(value: int, low: int = 1, high: int = 5) -> int:
    return max(low, min(high, value))


def _uuid(rng: random.Random) -> str:
    raw = bytearray(rng.getrandbits(8) for _ in range(16))
    raw[6] = (raw[6] & 0x0F) | 0x40
    raw[8] = (raw[8] & 0x3F) | 0x80
    h = raw.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"
