"""The true picture: what shifts involved, as how many check-ins listed each activity, per month."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final

from wellbeing_app.domain.catalogue import ACTIVITIES
from wellbeing_app.domain.checkin import CheckIn
from wellbeing_app.domain.insights.common import (
    Context,
    Range,
    catalogue_index,
    context_for,
    months_between,
)
from wellbeing_app.domain.insights.wording import count, join, lower_first

TRUE_PICTURE_TOP: Final = 3
"""How many activities the true-picture sentence names."""


@dataclass(frozen=True, slots=True)
class TruePicture:
    """What shifts involved, per month: how many check-ins listed each activity.

    ``codes`` are the activity codes that occur, most frequent first (ties in
    catalogue order); ``counts[i][j]`` is the count for ``codes[i]`` in
    ``months[j]``, only days inside the range counted; ``totals[i]`` sums a row.
    """

    first: date
    last: date
    months: tuple[date, ...]
    codes: tuple[str, ...]
    counts: tuple[tuple[int, ...], ...]
    totals: tuple[int, ...]
    checkins_with_activities: int
    sentence: str
    has_enough_data: bool

    @property
    def is_empty(self) -> bool:
        return not self.codes


def true_picture(checkins: Sequence[CheckIn], today: date, span: Range) -> TruePicture:
    """How many check-ins listed each activity (what the shift involved), per month."""
    return true_picture_from(context_for(checkins, today, span))


def true_picture_from(context: Context) -> TruePicture:
    """``true_picture`` for check-ins already sorted and grouped."""
    months = months_between(context.first, context.last)
    column = {(m.year, m.month): index for index, m in enumerate(months)}
    per_code: dict[str, list[int]] = {}
    with_activities = 0
    for checkin in context.in_range():
        if not checkin.activities:
            continue
        with_activities += 1
        index = column[(checkin.date.year, checkin.date.month)]
        for code in checkin.activities:
            per_code.setdefault(code, [0] * len(months))[index] += 1
    order = list(ACTIVITIES)
    codes = tuple(
        sorted(per_code, key=lambda code: (-sum(per_code[code]), catalogue_index(order, code)))
    )
    counts = tuple(tuple(per_code[code]) for code in codes)
    totals = tuple(sum(row) for row in counts)

    enough = with_activities > 0
    if enough:
        named = [
            f"{lower_first(ACTIVITIES.get(code, code))} ({count(total, 'shift')})"
            for code, total in zip(codes[:TRUE_PICTURE_TOP], totals, strict=False)
        ]
        if context.since is not None:
            sentence = f"From {context.phrase}, your shifts most often involved {join(named)}."
        elif context.span is not Range.ALL:
            sentence = f"Over the {context.phrase}, your shifts most often involved {join(named)}."
        else:
            sentence = f"Across all check-ins, your shifts most often involved {join(named)}."
    else:
        sentence = "None of the check-ins in this range record what the shift involved yet."
    return TruePicture(
        context.first,
        context.last,
        months,
        codes,
        counts,
        totals,
        with_activities,
        sentence,
        enough,
    )
