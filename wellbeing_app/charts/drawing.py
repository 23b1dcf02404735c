"""What every chart shares: theme colours on the axes, gappy lines, end labels and axes.

Each chart module draws one insight with these (``build_x(ax, insight,
theme)``). They use only the object-oriented matplotlib API (``Figure``/
``Axes``), never pyplot, so they run headless under Agg in tests and inside
``FigureCanvasQTAgg`` in the app. They set the axes' colours and the figure
background from the theme, but never the figure's size or layout: that
belongs to whoever owns the figure (``Figure(layout="constrained")`` works
well).

Kept lean for the time budget: one ``Line2D`` per series, one mesh for a
grid, no artist per data point. Lines break where a day has no value, so a
gap in check-ins is drawn as a gap. An insight with nothing to show draws a
calm "Not enough data yet" instead of empty axes.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final

import numpy as np
from matplotlib import dates as mdates
from matplotlib.axes import Axes
from matplotlib.ticker import FixedLocator

from wellbeing_app.charts.palette import ChartTheme
from wellbeing_app.domain.checkin import SCORE_RANGE
from wellbeing_app.domain.dates import MONTH_NAMES
from wellbeing_app.domain.insights import ROLLING_DAYS

EMPTY_MESSAGE: Final = "Not enough data yet"

# Up to this many days, daily values get a dot each; beyond it, a faint line only.
DOTS_UP_TO_DAYS: Final = 40
NOTE_DAILY: Final = f"bold: {ROLLING_DAYS}-day average, faint: each day"
NOTE_AVERAGE: Final = f"{ROLLING_DAYS}-day averages"

SCORE_STEPS: Final = tuple(range(SCORE_RANGE.low, SCORE_RANGE.high + 1))
"""Every step of the check-in scale, lowest first."""
SCORE_MARKS: Final = (SCORE_STEPS[0], SCORE_STEPS[len(SCORE_STEPS) // 2], SCORE_STEPS[-1])
"""The lowest, middle and highest steps: the ticks of a score axis with little room."""
# Score axes run a little past the ends of the scale so the lines never touch the frame.
SCORE_LIMITS: Final = (SCORE_RANGE.low - 0.4, SCORE_RANGE.high + 0.4)
_MONTH_ABBREVIATIONS: Final = tuple(name[:3] for name in MONTH_NAMES)  # "Jan" to "Dec"


def prepare(ax: Axes, theme: ChartTheme, title: str = "", note: str = "") -> None:
    """Theme colours, a left-aligned title, a muted note on the right, quiet spines."""
    ax.set_facecolor(theme.background)
    figure = ax.get_figure()
    if figure is not None:
        figure.set_facecolor(theme.background)
    # An explicit y stops matplotlib searching for overlaps on every draw (slow).
    if title:
        ax.set_title(title, loc="left", color=theme.text, fontsize=theme.title_size, pad=10, y=1.0)
    if note:
        ax.set_title(
            note, loc="right", color=theme.muted, fontsize=theme.font_size - 1, pad=10, y=1.0
        )
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color(theme.grid)
    ax.tick_params(colors=theme.grid, labelcolor=theme.text, labelsize=theme.font_size, length=3)
    ax.xaxis.label.set_color(theme.muted)
    ax.yaxis.label.set_color(theme.muted)
    ax.xaxis.get_offset_text().set_color(theme.muted)
    ax.grid(axis="y", color=theme.grid, linewidth=0.8)
    ax.set_axisbelow(True)


def draw_empty(ax: Axes, theme: ChartTheme, title: str = "") -> None:
    """A calm "Not enough data yet" in place of a chart with nothing to show."""
    prepare(ax, theme, title)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.grid(False)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.text(
        0.5,
        0.5,
        EMPTY_MESSAGE,
        transform=ax.transAxes,
        ha="center",
        va="center",
        color=theme.muted,
        fontsize=theme.label_size + 1,
    )


def with_gaps(values: Sequence[float | int | None]) -> np.ndarray:
    """A float array with NaN for a missing value, which matplotlib draws as a gap."""
    return np.array([math.nan if v is None else v for v in values], dtype=float)


def gappy_line(
    ax: Axes,
    x: np.ndarray,
    y: np.ndarray,
    colour: str,
    *,
    width: float,
    alpha: float = 1.0,
    dots: bool = False,
) -> None:
    """One line broken at every gap; a value with gaps on both sides still shows, as a dot."""
    ax.plot(
        x,
        y,
        color=colour,
        linewidth=width,
        alpha=alpha,
        solid_capstyle="round",
        marker="o" if dots else "",
        markersize=width + 4.0 if dots else width + 2.5,
        markeredgewidth=0,
    )
    if dots:
        return
    finite = np.isfinite(y)
    before = np.concatenate(([False], finite[:-1]))
    after = np.concatenate((finite[1:], [False]))
    lonely = finite & ~before & ~after
    if lonely.any():
        ax.plot(
            x[lonely],
            y[lonely],
            linestyle="none",
            marker="o",
            markersize=width + 2.5,
            markeredgewidth=0,
            color=colour,
            alpha=alpha,
        )


def last_point(x: np.ndarray, y: np.ndarray) -> tuple[float, float] | None:
    """The last point of a line that has a value, or ``None`` for a line of gaps only."""
    finite = np.flatnonzero(np.isfinite(y))
    if finite.size == 0:
        return None
    index = int(finite[-1])
    return float(x[index]), float(y[index])


@dataclass(frozen=True, slots=True)
class EndLabel:
    """A line's name (or last value), to be written at its end by ``label_ends``."""

    x: float  # data x of the line's last point (ignored when labels sit outside)
    y: float  # axes fraction (0 bottom, 1 top)
    text: str
    colour: str


def label_ends(
    ax: Axes,
    labels: list[EndLabel],
    theme: ChartTheme,
    *,
    outside: bool = True,
    gap: float = 0.1,
) -> None:
    """Name each line at its end, nudging labels apart so none overlaps another.

    ``outside`` puts the labels just right of the plot, level with each
    line's last value (for dates, where padding the axis would add a tick
    for a day that has not come yet); otherwise each sits by its last point.
    """
    placed: list[EndLabel] = []
    for label in sorted(labels, key=lambda lab: lab.y):
        y = label.y
        if placed and y - placed[-1].y < gap:
            y = placed[-1].y + gap
        placed.append(EndLabel(label.x, y, label.text, label.colour))
    overflow = max(0.0, placed[-1].y - 1.0) if placed else 0.0
    for label in placed:
        y = label.y - overflow
        ax.annotate(
            label.text,
            xy=(1.0, y) if outside else (label.x, y),
            xycoords=ax.transAxes if outside else ax.get_xaxis_transform(),
            xytext=(6, 0),
            textcoords="offset points",
            va="center",
            ha="left",
            color=label.colour,
            fontsize=theme.label_size,
            fontweight="bold",
            annotation_clip=False,
        )


def fraction(value: float, low: float, high: float) -> float:
    """Where ``value`` sits between ``low`` (0) and ``high`` (1)."""
    return (value - low) / (high - low)


def day_numbers(days: Sequence[date]) -> np.ndarray:
    """Dates as matplotlib's day numbers (whatever epoch matplotlib is set to)."""
    return np.asarray(mdates.date2num(list(days)), dtype=float)  # type: ignore[no-untyped-call]


class _UkDateFormatter(mdates.ConciseDateFormatter):
    """Concise date labels written the UK way: "5", not "05"."""

    def format_ticks(self, values: Sequence[float]) -> list[str]:
        labels: list[str] = super().format_ticks(values)  # type: ignore[no-untyped-call]
        return [lab.lstrip("0") if len(lab) == 2 and lab.isdigit() else lab for lab in labels]


def date_axis(ax: Axes, x: np.ndarray) -> None:
    """Concise UK-style date ticks over exactly the days shown."""
    locator = mdates.AutoDateLocator(minticks=3, maxticks=8)  # type: ignore[no-untyped-call]
    formatter = _UkDateFormatter(  # type: ignore[no-untyped-call]
        locator,
        formats=["%Y", "%b", "%d", "%H:%M", "%H:%M", "%S"],
        zero_formats=["", "%Y", "%b", "%d %b", "%H:%M", "%H:%M"],
        offset_formats=["", "%Y", "%b %Y", "%d %b %Y", "%d %b %Y", "%d %b %Y"],
    )
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(formatter)
    ax.set_xlim(float(x[0]) - 0.5, float(x[-1]) + 0.5)


def score_axis(ax: Axes, words: Sequence[str]) -> None:
    """A y axis for scores: every step of the scale, labelled in ``words``."""
    ax.set_ylim(*SCORE_LIMITS)
    ax.yaxis.set_major_locator(FixedLocator(list(SCORE_STEPS)))
    ax.set_yticklabels(list(words))


def _month_label(month: date, previous: date | None, two_lines: bool) -> str:
    name = _MONTH_ABBREVIATIONS[month.month - 1]
    if previous is None or month.year != previous.year:
        return f"{name}\n{month.year}" if two_lines else f"{name} {month.year}"
    return name


def month_ticks(
    months: Sequence[date], limit: int, *, two_lines: bool = False
) -> tuple[list[int], list[str]]:
    """Positions and labels for months; with many months, only Januaries (and the first)."""
    positions: list[int] = []
    labels: list[str] = []
    for index, month in enumerate(months):
        if len(months) <= limit or index == 0 or month.month == 1:
            previous = months[positions[-1]] if positions else None
            positions.append(index)
            labels.append(_month_label(month, previous, two_lines))
    if len(months) > limit and len(positions) > 1 and positions[1] - positions[0] < 4:
        del positions[0], labels[0]  # the first month would crowd the first January
    return positions, labels


def words_at(words: Sequence[str], steps: Sequence[int]) -> list[str]:
    """The scale's words (lowest step first) for ``steps``: ``words_at(words, SCORE_MARKS)``."""
    return [words[step - SCORE_RANGE.low] for step in steps]
