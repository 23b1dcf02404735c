"""By shift type: mood on each kind of shift, the sleep that followed it, and rest days.

Sleep belongs to the shift before it. The form asks for "sleep since your
last shift", so the sleep in check-in *i* is the sleep between the shift of
check-in *i - 1* and the shift of check-in *i*. "Sleep after nights"
therefore pairs each check-in's sleep with the *previous* check-in's shift
type, and only when that previous check-in is from the same day or the day
before (``SLEEP_FOLLOWS_WITHIN_DAYS``): after a gap in check-ins we cannot
tell which shift the sleep followed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import Final

from wellbeing_app.domain.catalogue import WORKING_SHIFTS, ShiftType
from wellbeing_app.domain.checkin import CheckIn
from wellbeing_app.domain.dates import weekday_date
from wellbeing_app.domain.insights.common import Context, Range, context_for, mean
from wellbeing_app.domain.insights.wording import count, hours, score

MIN_PER_SHIFT: Final = 3
"""Check-ins needed for each of two shift types before they are compared."""
SLEEP_FOLLOWS_WITHIN_DAYS: Final = 1
"""Most days between a check-in and the next one for the next one's sleep to follow its shift."""

# "After nights", "on earlies": how each shift type reads in a sentence.
SHIFT_PLURALS: Final = MappingProxyType(
    {
        ShiftType.EARLY: "earlies",
        ShiftType.LATE: "lates",
        ShiftType.NIGHT: "nights",
        ShiftType.DAY: "day shifts",
        ShiftType.REST_DAY: "rest days",
        ShiftType.ON_CALL: "on-call shifts",
        ShiftType.TRAINING: "training days",
        ShiftType.OTHER: "other shifts",
    }
)


@dataclass(frozen=True, slots=True)
class ShiftGroup:
    """Averages for one shift type: mood at the end of it, and the sleep that followed it."""

    shift_type: ShiftType
    mood_mean: float | None
    mood_count: int
    sleep_after_mean: float | None
    sleep_after_count: int


@dataclass(frozen=True, slots=True)
class ShiftComparison:
    """Mood and sleep by shift type, in ``ShiftType`` order, only types with any data."""

    first: date
    last: date
    groups: tuple[ShiftGroup, ...]
    sentence: str
    has_enough_data: bool

    @property
    def is_empty(self) -> bool:
        return not self.groups


@dataclass(frozen=True, slots=True)
class RestDays:
    """The most recent check-in marked as a rest day, up to today, whatever the range."""

    today: date
    last_rest_day: date | None
    days_since: int | None
    shifts_since: int  # days with a working shift since then: two check-ins on a day are one
    sentence: str
    has_enough_data: bool


# ---------------------------------------------------------------------------
# Mood and sleep by shift type


def sleep_after_shifts(ordered: Sequence[CheckIn]) -> list[tuple[ShiftType, CheckIn]]:
    """Each check-in with sleep hours, paired with the shift type that sleep followed.

    ``ordered`` must be oldest first. The sleep in a check-in follows the
    previous check-in's shift, if that check-in has a shift type and is at
    most ``SLEEP_FOLLOWS_WITHIN_DAYS`` days earlier; otherwise the sleep is
    not put down to any shift.
    """
    paired: list[tuple[ShiftType, CheckIn]] = []
    for before, after in zip(ordered, ordered[1:], strict=False):
        if (
            before.shift_type is not None
            and after.sleep_hours is not None
            and (after.date - before.date).days <= SLEEP_FOLLOWS_WITHIN_DAYS
        ):
            paired.append((before.shift_type, after))
    return paired


def shift_comparison(checkins: Sequence[CheckIn], today: date, span: Range) -> ShiftComparison:
    """Mood on each shift type, and sleep after it (see the module notes for sleep).

    The sentence compares nights with earlies when both have at least
    ``MIN_PER_SHIFT`` check-ins; otherwise the shift type followed by the
    least sleep with the one followed by the most.
    """
    return shift_comparison_from(context_for(checkins, today, span))


def shift_comparison_from(context: Context) -> ShiftComparison:
    """``shift_comparison`` for check-ins already sorted and grouped."""
    first = context.first
    moods: dict[ShiftType, list[float]] = {}
    for checkin in context.in_range():
        if checkin.shift_type is not None:
            moods.setdefault(checkin.shift_type, []).append(checkin.mood)
    sleeps: dict[ShiftType, list[float]] = {}
    for shift, after in sleep_after_shifts(context.ordered):
        if after.date >= first and after.sleep_hours is not None:
            sleeps.setdefault(shift, []).append(after.sleep_hours)

    groups = tuple(
        ShiftGroup(
            shift,
            mean(moods[shift]) if shift in moods else None,
            len(moods.get(shift, ())),
            mean(sleeps[shift]) if shift in sleeps else None,
            len(sleeps.get(shift, ())),
        )
        for shift in ShiftType
        if shift in moods or shift in sleeps
    )
    sleep_means = {
        g.shift_type: round(g.sleep_after_mean, 1)
        for g in groups
        if g.sleep_after_mean is not None and g.sleep_after_count >= MIN_PER_SHIFT
    }
    mood_means = {
        g.shift_type: round(g.mood_mean, 1)
        for g in groups
        if g.mood_mean is not None and g.mood_count >= MIN_PER_SHIFT
    }
    clauses: list[str] = []
    sleep_pair = _pick_pair(sleep_means)
    if sleep_pair is not None:
        low, high = sleep_pair
        clauses.append(
            f"After {SHIFT_PLURALS[low]} you slept {hours(sleep_means[low])} on average, "
            + _difference(sleep_means[low], sleep_means[high], "h", f"after {SHIFT_PLURALS[high]}")
        )
    mood_pair = _pick_pair(mood_means)
    if mood_pair is not None:
        low, high = mood_pair
        opening = "your" if clauses else "Your"
        clauses.append(
            f"{opening} mood on {SHIFT_PLURALS[low]} averaged {score(mood_means[low])}, "
            f"against {mood_means[high]:.1f} on {SHIFT_PLURALS[high]}"
        )
    enough = bool(clauses)
    if enough:
        sentence = "; ".join(clauses) + f" ({context.phrase})."
    else:
        sentence = (
            "Not enough check-ins yet to compare shifts: "
            f"this needs at least {MIN_PER_SHIFT} after each of two kinds of shift."
        )
    return ShiftComparison(context.first, context.last, groups, sentence, enough)


def _pick_pair(means: dict[ShiftType, float]) -> tuple[ShiftType, ShiftType] | None:
    """Nights against earlies when both are there, else the lowest against the highest."""
    if len(means) < 2:
        return None
    if ShiftType.NIGHT in means and ShiftType.EARLY in means:
        return ShiftType.NIGHT, ShiftType.EARLY
    order = list(ShiftType)
    ranked = sorted(means, key=lambda s: (means[s], order.index(s)))
    return ranked[0], ranked[-1]


def _difference(value: float, other: float, unit: str, what: str) -> str:
    gap = round(abs(value - other), 1)
    if gap == 0:
        return f"the same as {what}"
    direction = "less" if value < other else "more"
    return f"{gap:.1f} {unit} {direction} than {what}"


# ---------------------------------------------------------------------------
# Rest days


def rest_days(checkins: Sequence[CheckIn], today: date, span: Range = Range.ALL) -> RestDays:
    """Days since the most recent check-in marked as a rest day, up to ``today``.

    This looks at every check-in up to today, not only the range: "days
    since" is about now. Only what was recorded counts, so the sentence says
    "recorded rest day".
    """
    return rest_days_from(context_for(checkins, today, span))


def rest_days_from(context: Context) -> RestDays:
    """``rest_days`` for check-ins already sorted and grouped."""
    today = context.today
    last_rest: date | None = None
    worked: set[date] = set()  # shifts are counted as days worked, not check-ins
    for checkin in reversed(context.ordered):
        if checkin.shift_type is ShiftType.REST_DAY:
            last_rest = checkin.date
            break
        if checkin.shift_type in WORKING_SHIFTS:
            worked.add(checkin.date)
    shifts_since = len(worked)
    if last_rest is None:
        return RestDays(
            today, None, None, 0, "No rest day is recorded in your check-ins yet.", False
        )
    days = (today - last_rest).days
    if days == 0:
        sentence = "Today is a recorded rest day."
    else:
        when = "yesterday" if days == 1 else f"{days} days ago, on {weekday_date(last_rest)}"
        sentence = f"Your last recorded rest day was {when}"
        if shifts_since:
            sentence += f", and you have recorded {count(shifts_since, 'shift')} since"
        sentence += "."
    return RestDays(today, last_rest, days, shifts_since, sentence, True)
