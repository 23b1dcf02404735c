"""Exposure load: tagged incidents in a rolling window of days, and which tags they were."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final

from wellbeing_app.domain.catalogue import EXPOSURES
from wellbeing_app.domain.checkin import CheckIn
from wellbeing_app.domain.insights.common import Context, Range, catalogue_index, context_for
from wellbeing_app.domain.insights.wording import count

EXPOSURE_WINDOW_DAYS: Final = 30
"""Days in the rolling window for exposure load."""


@dataclass(frozen=True, slots=True)
class ExposureLoad:
    """Tagged incidents in the ``EXPOSURE_WINDOW_DAYS`` days ending on each day.

    Each exposure tag on a check-in counts as one tagged incident. A day's
    count is ``None`` when its window holds no check-in at all (nothing was
    recorded, which is not the same as nothing happening). ``tagged_days``
    are the days in the range with at least one tag; ``by_tag`` counts each
    tag in the range, most frequent first.
    """

    first: date
    last: date
    dates: tuple[date, ...]
    counts: tuple[int | None, ...]
    tagged_days: tuple[date, ...]
    by_tag: tuple[tuple[str, int], ...]
    total: int
    sentence: str
    has_enough_data: bool

    @property
    def is_empty(self) -> bool:
        return all(c is None for c in self.counts)


def exposure_load(checkins: Sequence[CheckIn], today: date, span: Range) -> ExposureLoad:
    """Tagged incidents in each rolling ``EXPOSURE_WINDOW_DAYS`` days across ``span``."""
    return exposure_load_from(context_for(checkins, today, span))


def exposure_load_from(context: Context) -> ExposureLoad:
    """``exposure_load`` for check-ins already sorted and grouped."""
    first = context.first.toordinal()
    last = context.last.toordinal()
    window = EXPOSURE_WINDOW_DAYS
    start = first - (window - 1)
    tags = [0] * (last - start + 1)
    present = [0] * (last - start + 1)
    for day, found in context.by_day.items():
        if start <= day <= last:
            tags[day - start] = sum(len(c.exposures) for c in found)
            present[day - start] = len(found)

    counts: list[int | None] = []
    tag_sum = sum(tags[: window - 1])
    seen = sum(present[: window - 1])
    for index in range(window - 1, len(tags)):
        tag_sum += tags[index]
        seen += present[index]
        counts.append(tag_sum if seen else None)
        tag_sum -= tags[index - window + 1]
        seen -= present[index - window + 1]

    inside = context.in_range()
    by_tag = Counter(code for c in inside for code in c.exposures)
    order = list(EXPOSURES)
    ranked = tuple(
        sorted(by_tag.items(), key=lambda item: (-item[1], catalogue_index(order, item[0])))
    )
    total = sum(by_tag.values())
    tagged_days = tuple(sorted({c.date for c in inside if c.exposures}))
    dates = tuple(date.fromordinal(day) for day in range(first, last + 1))

    enough = bool(inside)
    latest = counts[-1] if counts else None
    phrase = context.phrase
    if not enough:
        sentence = "No check-ins in this range yet, so there are no tagged incidents to count."
    elif latest is None:
        tagged = f"you tagged {count(total, 'incident')}" if total else "no incidents were tagged"
        sentence = f"No check-ins in the last {window} days; {tagged} in all ({phrase})."
    elif total == 0:
        sentence = f"You tagged no incidents ({phrase})."
    else:
        recent = "no incidents" if latest == 0 else count(latest, "incident")
        sentence = (
            f"You tagged {recent} in the last {window} days, and "
            f"{count(total, 'incident')} in all ({phrase})."
        )
    return ExposureLoad(
        context.first,
        context.last,
        dates,
        tuple(counts),
        tagged_days,
        ranked,
        total,
        sentence,
        enough,
    )
