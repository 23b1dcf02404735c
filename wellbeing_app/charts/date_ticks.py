"""Dates along an axis: matplotlib's day numbers, and ticks that never crowd each other.

The ticks are worked out once, here, from the first and last day shown and the
room there is: weeks for a short range, then the 1st and 15th, months and
years. matplotlib's automatic date locator and formatter would do it again on
every draw, and cost more than the rest of the chart.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Final

import numpy as np
from matplotlib import dates as mdates
from matplotlib.axes import Axes

from wellbeing_app.charts.labels import fits_side_by_side, x_labels
from wellbeing_app.charts.palette import ChartTheme
from wellbeing_app.domain.dates import MONTH_NAMES

MONTH_ABBREVIATIONS: Final = tuple(name[:3] for name in MONTH_NAMES)
""""Jan" to "Dec"."""


def day_numbers(days: Sequence[date]) -> np.ndarray:
    """Dates as matplotlib's day numbers (whatever epoch matplotlib is set to)."""
    if not days:
        return np.zeros(0)
    start = float(mdates.date2num(days[0]))  # type: ignore[no-untyped-call]
    first = days[0].toordinal()
    return np.array([start + (d.toordinal() - first) for d in days], dtype=float)


def _month_starts(first: date, last: date, every: int) -> list[date]:
    """The first days of months inside ``first``..``last`` whose number is a multiple of ``every``
    (counting January as 0), so two-monthly ticks fall on Jan, Mar, May and so on."""
    found: list[date] = []
    index = first.year * 12 + first.month - 1
    if first.day != 1:
        index += 1
    while True:
        year, month = divmod(index, 12)
        day = date(year, month + 1, 1)
        if day > last:
            return found
        if month % every == 0:
            found.append(day)
        index += 1


def _date_ticks(first: date, last: date) -> list[tuple[list[date], list[str]]]:
    """Candidate date ticks, finest first, each with its labels (UK style: "5 Oct")."""
    candidates: list[tuple[list[date], list[str]]] = []
    span = (last - first).days
    if span <= 62:
        for step in (7, 14):
            monday = first + timedelta(days=(7 - first.weekday()) % 7)
            days = [monday + timedelta(days=n) for n in range(0, span + 1, step)]
            days = [d for d in days if d <= last]
            labels = [f"{d.day} {MONTH_ABBREVIATIONS[d.month - 1]}" for d in days]
            candidates.append((days, labels))
    if span <= 124:  # the 1st and the 15th of each month
        days = [
            d.replace(day=day)
            for d in _month_starts(first.replace(day=1), last, 1)
            for day in (1, 15)
            if first <= d.replace(day=day) <= last
        ]
        candidates.append((days, [f"{d.day} {MONTH_ABBREVIATIONS[d.month - 1]}" for d in days]))
    for every in (1, 2, 3, 6):
        days = _month_starts(first, last, every)
        labels = []
        for index, d in enumerate(days):
            name = MONTH_ABBREVIATIONS[d.month - 1]
            new_year = index == 0 or d.year != days[index - 1].year
            labels.append(f"{name} {d.year}" if new_year else name)
        candidates.append((days, labels))
    for every in (1, 2, 5, 10):
        days = [d for d in _month_starts(first, last, 12) if d.year % every == 0]
        candidates.append((days, [str(d.year) for d in days]))
    return candidates


def date_axis(
    ax: Axes, days: Sequence[date], x: np.ndarray, plot_px: float, theme: ChartTheme
) -> None:
    """Date ticks over exactly the days shown: as many as fit in ``plot_px`` without touching.

    Weeks ("5 Oct") for short ranges, then months ("Oct", with the year at the
    first and at each January), then years. Worked out once here, instead of
    by matplotlib's automatic date locator on every draw.
    """
    low, high = float(x[0]) - 0.5, float(x[-1]) + 0.5
    ax.set_xlim(low, high)
    first, last = days[0], days[-1]
    size = theme.font_size
    per_day = plot_px / max(high - low, 1.0)
    chosen: tuple[list[date], list[str]] = ([], [])
    for ticks, labels in _date_ticks(first, last):
        if not ticks:
            continue
        centres = [(float(x[0]) + (d - first).days - low) * per_day for d in ticks]
        if fits_side_by_side(ax, centres, labels, size):
            chosen = (ticks, labels)
            if len(ticks) >= 2:
                break
    ticks, labels = chosen
    if not ticks:  # too short for any tick rule: name the last day
        ticks, labels = [last], [f"{last.day} {MONTH_ABBREVIATIONS[last.month - 1]}"]
    positions = [float(x[0]) + (d - first).days for d in ticks]
    x_labels(ax, positions, labels, theme)


def month_label(month: date, previous: date | None) -> str:
    """ "Oct", or "Oct\\n2026" for the first month shown and each January."""
    name = MONTH_ABBREVIATIONS[month.month - 1]
    if previous is None or month.year != previous.year:
        return f"{name}\n{month.year}"
    return name
