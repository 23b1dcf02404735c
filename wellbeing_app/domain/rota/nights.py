"""Runs of nights, and mood and sleep by position in the cycle.

A **run** is one or more night shifts on consecutive dates (a night
belongs to the date it starts). Two nights with a day between them are two
runs. Check-ins are matched by date: a check-in for a night is dated the
day the night began, as the form fills it in. Its sleep is the sleep
*before* that shift (the form asks for sleep since the last shift), so
sleep "on" a rest day after nights is the sleep that followed them.

Scores are averaged per day first (two check-ins on one day count once),
then across days, as the Trends page does. A group needs check-ins on at
least ``MIN_DAYS_TO_COMPARE`` days before a sentence gives its average.

**Positions.** Each date takes the type of its earliest worked shift, or
``rest_day`` when it has only a rest-day entry. A block is a stretch of
consecutive dates of one type. A *first night* opens a block of two or
more nights and a *last night* closes one; a single night is neither. A
*first rest day* opens any block of rest days and a *last rest day* closes
a block of two or more. Blocks that touch either end of the shifts given
are left out of the positions, because they may continue beyond them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from wellbeing_app.domain.catalogue import ShiftType
from wellbeing_app.domain.checkin import CheckIn
from wellbeing_app.domain.rota import wording
from wellbeing_app.domain.rota.model import Shift

AFTER_RUN_DAYS: Final = 2
"""Days after the last night of a run that count as "after nights"."""
MIN_DAYS_TO_COMPARE: Final = 3
_ONE_DAY: Final = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class ScoreMeans:
    """Mean mood (1-5) and sleep hours over some days, and how many days had each."""

    mood: float | None
    mood_days: int
    sleep: float | None
    sleep_days: int

    @property
    def has_mood(self) -> bool:
        return self.mood is not None and self.mood_days >= MIN_DAYS_TO_COMPARE

    @property
    def has_sleep(self) -> bool:
        return self.sleep is not None and self.sleep_days >= MIN_DAYS_TO_COMPARE


def _day_scores(checkins: Iterable[CheckIn]) -> dict[date, tuple[float, float | None]]:
    grouped: dict[date, list[CheckIn]] = {}
    for checkin in checkins:
        grouped.setdefault(checkin.date, []).append(checkin)
    scores: dict[date, tuple[float, float | None]] = {}
    for day, items in grouped.items():
        mood = sum(c.mood for c in items) / len(items)
        sleeps = [c.sleep_hours for c in items if c.sleep_hours is not None]
        scores[day] = (mood, sum(sleeps) / len(sleeps) if sleeps else None)
    return scores


def _means(days: Iterable[date], scores: dict[date, tuple[float, float | None]]) -> ScoreMeans:
    moods: list[float] = []
    sleeps: list[float] = []
    for day in sorted(set(days)):
        found = scores.get(day)
        if found is None:
            continue
        moods.append(found[0])
        if found[1] is not None:
            sleeps.append(found[1])
    return ScoreMeans(
        sum(moods) / len(moods) if moods else None,
        len(moods),
        sum(sleeps) / len(sleeps) if sleeps else None,
        len(sleeps),
    )


def _blocks(days: Sequence[date]) -> list[tuple[date, date]]:
    """Consecutive runs in sorted, distinct ``days``, as (first, last) pairs."""
    blocks: list[tuple[date, date]] = []
    for day in days:
        if blocks and day == blocks[-1][1] + _ONE_DAY:
            blocks[-1] = (blocks[-1][0], day)
        else:
            blocks.append((day, day))
    return blocks


# ---------------------------------------------------------------------------
# Runs of nights


@dataclass(frozen=True, slots=True)
class NightRun:
    first: date
    last: date

    @property
    def nights(self) -> int:
        return (self.last - self.first).days + 1


@dataclass(frozen=True, slots=True)
class NightRuns:
    """Runs of consecutive nights, with mood and sleep on them and in the days after."""

    runs: tuple[NightRun, ...]
    on_nights: ScoreMeans
    after_nights: ScoreMeans
    sentence: str

    @property
    def count(self) -> int:
        return len(self.runs)

    @property
    def longest(self) -> int:
        return max((r.nights for r in self.runs), default=0)

    @property
    def total_nights(self) -> int:
        return sum(r.nights for r in self.runs)


def night_runs(shifts: Sequence[Shift], checkins: Sequence[CheckIn] = ()) -> NightRuns:
    """Runs of consecutive nights and, from ``checkins``, mood and sleep on and after them."""
    night_days = sorted({s.date for s in shifts if s.shift_type is ShiftType.NIGHT})
    runs = tuple(NightRun(first, last) for first, last in _blocks(night_days))
    scores = _day_scores(checkins)
    nights = set(night_days)
    after = {
        run.last + _ONE_DAY * step
        for run in runs
        for step in range(1, AFTER_RUN_DAYS + 1)
        if run.last + _ONE_DAY * step not in nights
    }
    on_means = _means(nights, scores)
    after_means = _means(after, scores)
    sentence = _runs_sentence(shifts, runs, on_means, after_means, bool(checkins))
    return NightRuns(runs, on_means, after_means, sentence)


def _runs_phrase(runs: tuple[NightRun, ...]) -> str:
    total = sum(r.nights for r in runs)
    longest = max(r.nights for r in runs)
    if total == 1:
        return "1 night shift"
    if longest == 1:
        return f"{total} night shifts, none of them in a row"
    if len(runs) == 1:
        return f"1 run of {longest} nights in a row"
    return f"{len(runs)} runs of nights, the longest {longest} in a row"


def _runs_sentence(
    shifts: Sequence[Shift],
    runs: tuple[NightRun, ...],
    on: ScoreMeans,
    after: ScoreMeans,
    any_checkins: bool,
) -> str:
    if not shifts:
        return wording.NO_SHIFTS
    if not runs:
        return "No night shifts in this range."
    clauses: list[str] = []
    later = f"in the {AFTER_RUN_DAYS} days after"
    if on.has_mood and on.mood is not None:
        text = f"your mood averaged {wording.score(on.mood)} on nights"
        if after.has_mood and after.mood is not None:
            text += f" and {after.mood:.1f} {later}"
        clauses.append(text)
    if on.has_sleep and on.sleep is not None:
        text = f"your sleep {wording.hours(on.sleep)} on nights"
        if after.has_sleep and after.sleep is not None:
            text += f" and {wording.hours(after.sleep)} after"
        clauses.append(text)
    if clauses:
        return f"{_runs_phrase(runs)}; {', and '.join(clauses)}."
    if any_checkins:
        return (
            f"{_runs_phrase(runs)}; check-ins on at least {MIN_DAYS_TO_COMPARE} nights "
            "would show your mood and sleep on them."
        )
    return f"{_runs_phrase(runs)}."


# ---------------------------------------------------------------------------
# Position in the cycle


@dataclass(frozen=True, slots=True)
class PositionGroup:
    """The days at one position in the cycle (say, first nights) and the scores on them."""

    name: str
    label: str
    days: tuple[date, ...]
    means: ScoreMeans


@dataclass(frozen=True, slots=True)
class CyclePositions:
    """Mood and sleep on first and last nights and on first and last rest days."""

    first_night: PositionGroup
    last_night: PositionGroup
    first_rest_day: PositionGroup
    last_rest_day: PositionGroup
    sentence: str

    @property
    def groups(self) -> tuple[PositionGroup, ...]:
        return (self.first_night, self.last_night, self.first_rest_day, self.last_rest_day)


def _day_types(shifts: Sequence[Shift]) -> dict[date, ShiftType]:
    types: dict[date, ShiftType] = {}
    for shift in sorted(shifts, key=lambda s: s.sort_key):
        current = types.get(shift.date)
        if shift.is_worked and (current is None or current is ShiftType.REST_DAY):
            types[shift.date] = shift.shift_type
        elif current is None:
            types[shift.date] = ShiftType.REST_DAY
    return types


def cycle_positions(shifts: Sequence[Shift], checkins: Sequence[CheckIn] = ()) -> CyclePositions:
    """Mood and sleep by position in the cycle (see the module docstring for the positions)."""
    types = _day_types(shifts)
    earliest = min(types, default=None)
    latest = max(types, default=None)

    def inner_blocks(kind: ShiftType) -> list[tuple[date, date]]:
        days = sorted(d for d, t in types.items() if t is kind)
        return [(a, b) for a, b in _blocks(days) if a != earliest and b != latest]

    night_blocks = [(a, b) for a, b in inner_blocks(ShiftType.NIGHT) if a != b]
    rest_blocks = inner_blocks(ShiftType.REST_DAY)
    scores = _day_scores(checkins)

    def group(name: str, label: str, days: list[date]) -> PositionGroup:
        return PositionGroup(name, label, tuple(days), _means(days, scores))

    first_night = group("first_night", "first nights", [a for a, _ in night_blocks])
    last_night = group("last_night", "last nights", [b for _, b in night_blocks])
    first_rest = group("first_rest_day", "first rest days", [a for a, _ in rest_blocks])
    last_rest = group("last_rest_day", "last rest days", [b for a, b in rest_blocks if a != b])
    sentence = _positions_sentence(shifts, first_night, last_night, first_rest)
    return CyclePositions(first_night, last_night, first_rest, last_rest, sentence)


def _positions_sentence(
    shifts: Sequence[Shift],
    first_night: PositionGroup,
    last_night: PositionGroup,
    first_rest: PositionGroup,
) -> str:
    if not shifts:
        return wording.NO_SHIFTS
    if not first_night.days:
        return (
            "No runs of two or more nights in this range, "
            "so there are no first and last nights to compare."
        )
    first, last = first_night.means, last_night.means
    if not (first.has_mood and last.has_mood) or first.mood is None or last.mood is None:
        return (
            "Not enough check-ins yet to compare first and last nights: "
            f"this needs check-ins on at least {MIN_DAYS_TO_COMPARE} of each."
        )
    text = (
        f"Your mood averaged {wording.score(first.mood)} on first nights "
        f"and {last.mood:.1f} on last nights"
    )
    rest = first_rest.means
    if rest.has_mood and rest.mood is not None:
        text += f", and {rest.mood:.1f} on first rest days"
    if first.has_sleep and last.has_sleep and first.sleep is not None and last.sleep is not None:
        text += (
            f"; your sleep averaged {wording.hours(first.sleep)} before first nights "
            f"and {wording.hours(last.sleep)} before last nights"
        )
    return text + "."
