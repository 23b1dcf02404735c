"""Chart builders: one function per insight, each drawing on an ``Axes`` it is handed.

``build_x(ax, insight, theme)`` draws and returns nothing. Builders use only
the object-oriented matplotlib API (``Figure``/``Axes``), never pyplot, so
they run headless under Agg in tests and inside ``FigureCanvasQTAgg`` in the
app. They set the axes' colours and the figure background from the theme,
but never the figure's size or layout: that belongs to whoever owns the
figure (``Figure(layout="constrained")`` works well).

Kept lean for the 500 ms budget: one ``Line2D`` per series, one mesh for a
grid, no artist per data point. Lines break where a day has no value, so a
gap in check-ins is drawn as a gap. An insight with nothing to show draws a
calm "Not enough data yet" instead of empty axes.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final

import numpy as np
from matplotlib import dates as mdates
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.colors import BoundaryNorm, LinearSegmentedColormap, ListedColormap
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FixedLocator, MaxNLocator

from wellbeing_app.charts.palette import LIGHT, ChartTheme
from wellbeing_app.domain.catalogue import ACTIVITIES, SCALE_LABELS
from wellbeing_app.domain.insights import (
    EXPOSURE_WINDOW_DAYS,
    MIN_PER_SHIFT,
    MIN_PER_SLEEP_GROUP,
    ExposureLoad,
    Insights,
    ScoreTrends,
    ShiftComparison,
    SleepAndMood,
    SleepTrends,
    TruePicture,
    YearInPixels,
)

EMPTY_MESSAGE: Final = "Not enough data yet"

TITLES: Final = {
    "scores": "Mood, stress and energy",
    "sleep": "Sleep",
    "shifts": "Sleep and mood by shift type",
    "sleep_mood": "Sleep and the mood after it",
    "exposure": "Tagged incidents in each 30 days",
    "year": "Year in pixels: mood each day",
    "true_picture": "What your shifts involved, each month",
}

# Up to this many days, daily values get a dot each; beyond it, a faint line only.
DOTS_UP_TO_DAYS: Final = 40
# Cells of the true-picture grid that get their count written in them.
MAX_NUMBERED_CELLS: Final = 100
_NOTE_DAILY: Final = "bold: 7-day average, faint: each day"
_NOTE_AVERAGE: Final = "7-day averages"
# Score axes run a little past 1 and 5 so the lines never touch the frame.
_SCORE_LIMITS: Final = (0.6, 5.4)
_MONTH_ABBREVIATIONS: Final = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)


# ---------------------------------------------------------------------------
# Shared drawing helpers


def _prepare(ax: Axes, theme: ChartTheme, title: str = "", note: str = "") -> None:
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
    _prepare(ax, theme, title)
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


def _values(values: Sequence[float | int | None]) -> np.ndarray:
    """A float array with NaN for a missing value, which matplotlib draws as a gap."""
    return np.array([math.nan if v is None else v for v in values], dtype=float)


def _gappy_line(
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


def _last_point(x: np.ndarray, y: np.ndarray) -> tuple[float, float] | None:
    finite = np.flatnonzero(np.isfinite(y))
    if finite.size == 0:
        return None
    index = int(finite[-1])
    return float(x[index]), float(y[index])


@dataclass(frozen=True, slots=True)
class _EndLabel:
    x: float  # data x of the line's last point (ignored when labels sit outside)
    y: float  # axes fraction (0 bottom, 1 top)
    text: str
    colour: str


def _label_ends(
    ax: Axes,
    labels: list[_EndLabel],
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
    placed: list[_EndLabel] = []
    for label in sorted(labels, key=lambda lab: lab.y):
        y = label.y
        if placed and y - placed[-1].y < gap:
            y = placed[-1].y + gap
        placed.append(_EndLabel(label.x, y, label.text, label.colour))
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


def _fraction(value: float, low: float, high: float) -> float:
    return (value - low) / (high - low)


def _day_numbers(days: Sequence[date]) -> np.ndarray:
    """Dates as matplotlib's day numbers (whatever epoch matplotlib is set to)."""
    return np.asarray(mdates.date2num(list(days)), dtype=float)  # type: ignore[no-untyped-call]


class _UkDateFormatter(mdates.ConciseDateFormatter):
    """Concise date labels written the UK way: "5", not "05"."""

    def format_ticks(self, values: Sequence[float]) -> list[str]:
        labels: list[str] = super().format_ticks(values)  # type: ignore[no-untyped-call]
        return [lab.lstrip("0") if len(lab) == 2 and lab.isdigit() else lab for lab in labels]


def _date_axis(ax: Axes, x: np.ndarray) -> None:
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


def _score_axis(ax: Axes, words: Sequence[str]) -> None:
    ax.set_ylim(*_SCORE_LIMITS)
    ax.yaxis.set_major_locator(FixedLocator([1, 2, 3, 4, 5]))
    ax.set_yticklabels(list(words))


def _month_label(month: date, previous: date | None, two_lines: bool) -> str:
    name = _MONTH_ABBREVIATIONS[month.month - 1]
    if previous is None or month.year != previous.year:
        return f"{name}\n{month.year}" if two_lines else f"{name} {month.year}"
    return name


def _month_ticks(
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


# ---------------------------------------------------------------------------
# Mood, stress and energy


def build_scores(ax: Axes, trends: ScoreTrends, theme: ChartTheme = LIGHT) -> None:
    """Mood, stress and energy: 7-day averages in bold, labelled at their ends.

    Up to ``DOTS_UP_TO_DAYS`` days, each day's value shows too, as faint
    dots and lines; over longer ranges the daily values would only be noise.
    """
    title = TITLES["scores"]
    if trends.is_empty:
        draw_empty(ax, theme, title)
        return
    x = _day_numbers(trends.mood.dates)
    daily_too = len(x) <= DOTS_UP_TO_DAYS
    _prepare(ax, theme, title, note=_NOTE_DAILY if daily_too else _NOTE_AVERAGE)
    low, high = _SCORE_LIMITS
    labels: list[_EndLabel] = []
    for name, series, colour in (
        ("Mood", trends.mood, theme.mood),
        ("Stress", trends.stress, theme.stress),
        ("Energy", trends.energy, theme.energy),
    ):
        daily = _values(series.values)
        if not np.isfinite(daily).any():
            continue
        rolling = _values(series.rolling)
        if daily_too:
            _gappy_line(ax, x, daily, colour, width=1.0, alpha=0.5, dots=True)
        _gappy_line(ax, x, rolling, colour, width=2.4 if daily_too else 2.0)
        end = _last_point(x, rolling) or _last_point(x, daily)
        if end is not None:
            labels.append(_EndLabel(end[0], _fraction(end[1], low, high), name, colour))
    # Stress and energy share these words, and they read neutrally for mood too.
    _score_axis(ax, SCALE_LABELS["stress"])
    _date_axis(ax, x)
    _label_ends(ax, labels, theme)


# ---------------------------------------------------------------------------
# Sleep


def build_sleep(ax: Axes, trends: SleepTrends, theme: ChartTheme = LIGHT) -> None:
    """Two panels sharing the dates: hours of sleep above, sleep quality (in words) below.

    Hours and quality have different scales, so they get a panel each rather
    than two y axes on one plot.
    """
    title = TITLES["sleep"]
    if trends.is_empty:
        draw_empty(ax, theme, title)
        return
    x = _day_numbers(trends.hours.dates)
    daily_too = len(x) <= DOTS_UP_TO_DAYS
    _prepare(ax, theme, title, note=_NOTE_DAILY if daily_too else _NOTE_AVERAGE)
    ax.set_axis_off()  # the two panels are insets filling this axes
    hours_ax = ax.inset_axes((0.0, 0.36, 1.0, 0.64))
    quality_ax = ax.inset_axes((0.0, 0.0, 1.0, 0.26))
    quality_ax.sharex(hours_ax)
    for panel in (hours_ax, quality_ax):
        _prepare(panel, theme)
    hours_ax.tick_params(axis="x", labelbottom=False)

    hours = _values(trends.hours.values)
    top = max(10.0, math.ceil(float(np.nanmax(hours))) + 1.0) if np.isfinite(hours).any() else 10.0
    hours_ax.set_ylim(0, top)
    hours_ax.yaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
    hours_ax.set_ylabel("Hours", fontsize=theme.font_size)
    if np.isfinite(hours).any():
        rolling = _values(trends.hours.rolling)
        if daily_too:
            _gappy_line(hours_ax, x, hours, theme.sleep, width=1.0, alpha=0.5, dots=True)
        _gappy_line(hours_ax, x, rolling, theme.sleep, width=2.4)
        end = _last_point(x, rolling) or _last_point(x, hours)
        if end is not None:
            label = _EndLabel(end[0], _fraction(end[1], 0, top), f"{end[1]:.1f} h", theme.sleep)
            _label_ends(hours_ax, [label], theme)

    quality = _values(trends.quality.values)
    low, high = _SCORE_LIMITS
    quality_ax.set_ylim(low, high)
    quality_ax.yaxis.set_major_locator(FixedLocator([1, 3, 5]))
    words = SCALE_LABELS["sleep_quality"]
    quality_ax.set_yticklabels([words[0], words[2], words[4]])
    if np.isfinite(quality).any():
        rolling = _values(trends.quality.rolling)
        if daily_too:
            _gappy_line(quality_ax, x, quality, theme.quality, width=1.0, alpha=0.5, dots=True)
        _gappy_line(quality_ax, x, rolling, theme.quality, width=2.4)
        end = _last_point(x, rolling) or _last_point(x, quality)
        if end is not None:
            label = _EndLabel(end[0], _fraction(end[1], low, high), "Quality", theme.quality)
            _label_ends(quality_ax, [label], theme)
    _date_axis(quality_ax, x)


# ---------------------------------------------------------------------------
# By shift type


def build_shifts(ax: Axes, comparison: ShiftComparison, theme: ChartTheme = LIGHT) -> None:
    """Two panels side by side: sleep after each shift type (bars) and mood on it (dots).

    A shift type with fewer than ``MIN_PER_SHIFT`` check-ins is drawn faint
    and its number says how many there are so far.
    """
    title = TITLES["shifts"]
    if comparison.is_empty:
        draw_empty(ax, theme, title)
        return
    _prepare(ax, theme, title)
    ax.set_axis_off()
    groups = comparison.groups
    rows = np.arange(len(groups))[::-1]  # first shift type at the top
    names = [g.shift_type.label for g in groups]

    sleep_ax = ax.inset_axes((0.0, 0.0, 0.47, 1.0))
    mood_ax = ax.inset_axes((0.53, 0.0, 0.47, 1.0))
    for panel in (sleep_ax, mood_ax):
        _prepare(panel, theme, "")
        panel.grid(axis="y", visible=False)
        panel.grid(axis="x", color=theme.grid, linewidth=0.8)
        panel.set_ylim(-0.6, len(groups) - 0.4)
        panel.yaxis.set_major_locator(FixedLocator(list(rows)))
    sleep_ax.set_yticklabels(names)
    mood_ax.set_yticklabels([])
    mood_ax.tick_params(axis="y", length=0)

    sleep_values = [g.sleep_after_mean for g in groups]
    longest = max((v for v in sleep_values if v is not None), default=8.0)
    sleep_ax.set_xlim(0, max(10.0, math.ceil(longest) + 3.0))
    sleep_ax.set_xlabel("Sleep after it (hours)", fontsize=theme.font_size)
    for row, group in zip(rows, groups, strict=True):
        if group.sleep_after_mean is None:
            continue
        settled = group.sleep_after_count >= MIN_PER_SHIFT
        sleep_ax.barh(
            row,
            group.sleep_after_mean,
            height=0.6,
            color=theme.sleep,
            alpha=1.0 if settled else 0.4,
        )
        text = f"{group.sleep_after_mean:.1f} h"
        if not settled:
            text += f", {group.sleep_after_count} so far"
        sleep_ax.annotate(
            text,
            xy=(group.sleep_after_mean, row),
            xytext=(5, 0),
            textcoords="offset points",
            va="center",
            color=theme.text,
            fontsize=theme.font_size,
        )

    low, high = _SCORE_LIMITS
    mood_ax.set_xlim(low, high + 1.2)
    mood_words = SCALE_LABELS["mood"]
    mood_ax.xaxis.set_major_locator(FixedLocator([1, 3, 5]))
    mood_ax.set_xticklabels([mood_words[0], mood_words[2], mood_words[4]])
    mood_ax.set_xlabel("Mood at the end of it", fontsize=theme.font_size)
    mood_ax.hlines(rows, 1, 5, color=theme.grid, linewidth=3, zorder=1)
    for settled in (True, False):
        picked = [
            (row, g.mood_mean)
            for row, g in zip(rows, groups, strict=True)
            if g.mood_mean is not None and (g.mood_count >= MIN_PER_SHIFT) is settled
        ]
        if picked:
            mood_ax.plot(
                [m for _, m in picked],
                [r for r, _ in picked],
                linestyle="none",
                marker="o",
                markersize=10,
                markeredgewidth=0,
                color=theme.mood,
                alpha=1.0 if settled else 0.4,
                zorder=2,
            )
    for row, group in zip(rows, groups, strict=True):
        if group.mood_mean is None:
            continue
        text = f"{group.mood_mean:.1f}"
        if group.mood_count < MIN_PER_SHIFT:
            text += f", {group.mood_count} so far"
        mood_ax.annotate(
            text,
            xy=(5, row),
            xytext=(10, 0),
            textcoords="offset points",
            va="center",
            color=theme.text,
            fontsize=theme.font_size,
        )


# ---------------------------------------------------------------------------
# Sleep and the mood after it


def build_sleep_and_mood(ax: Axes, pairs: SleepAndMood, theme: ChartTheme = LIGHT) -> None:
    """Each sleep against the mood after it: one dot per combination, bigger for more check-ins.

    A line joins the average mood at each whole hour of sleep that has at
    least ``MIN_PER_SLEEP_GROUP`` check-ins; a dashed line marks the middle
    value of sleep that the sentence splits at.
    """
    title = TITLES["sleep_mood"]
    if pairs.is_empty:
        draw_empty(ax, theme, title)
        return
    _prepare(ax, theme, title, note="bigger dot: more check-ins")
    ax.grid(axis="x", color=theme.grid, linewidth=0.8)
    counts = Counter(pairs.pairs)
    xs = np.array([s for s, _ in counts], dtype=float)
    ys = np.array([m for _, m in counts], dtype=float)
    sizes = np.minimum(22.0 + 10.0 * np.array(list(counts.values()), dtype=float), 420.0)
    ax.scatter(xs, ys, s=sizes, color=theme.mood, alpha=0.55, linewidths=0, zorder=2)

    low_x = math.floor(float(xs.min())) - 0.5
    high_x = math.ceil(float(xs.max())) + 0.5
    by_hour: dict[int, list[int]] = {}
    for sleep, mood in pairs.pairs:
        by_hour.setdefault(math.floor(sleep + 0.5), []).append(mood)
    steady = sorted(h for h, moods in by_hour.items() if len(moods) >= MIN_PER_SLEEP_GROUP)
    labels: list[_EndLabel] = []
    if len(steady) >= 2:
        means = [sum(by_hour[h]) / len(by_hour[h]) for h in steady]
        ax.plot(steady, means, color=theme.text, linewidth=1.8, zorder=3)
        labels.append(
            _EndLabel(steady[-1], _fraction(means[-1], *_SCORE_LIMITS), "Average", theme.text)
        )
    if pairs.median_sleep is not None:
        ax.axvline(pairs.median_sleep, color=theme.muted, linewidth=1.2, linestyle=(0, (4, 3)))
        ax.annotate(
            f"middle value {pairs.median_sleep:.1f} h",
            xy=(pairs.median_sleep, 1.0),
            xycoords=ax.get_xaxis_transform(),
            xytext=(4, -2),
            textcoords="offset points",
            va="top",
            ha="left",
            color=theme.muted,
            fontsize=theme.font_size - 0.5,
        )
    _score_axis(ax, SCALE_LABELS["mood"])
    ax.set_xlim(low_x, high_x + max(1.2, (high_x - low_x) * 0.14))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=8))
    ax.set_xlabel("Hours of sleep before the shift", fontsize=theme.font_size)
    _label_ends(ax, labels, theme, outside=False)


# ---------------------------------------------------------------------------
# Exposure load


def build_exposure(ax: Axes, load: ExposureLoad, theme: ChartTheme = LIGHT) -> None:
    """Tagged incidents in the 30 days ending on each day, with a tick under each tagged day."""
    title = TITLES["exposure"]
    if load.is_empty:
        draw_empty(ax, theme, title)
        return
    _prepare(ax, theme, title, note="| marks a day with a tagged incident")
    x = _day_numbers(load.dates)
    counts = _values(load.counts)
    finite = np.isfinite(counts)
    ax.fill_between(
        x,
        0,
        np.where(finite, counts, 0),
        where=finite,
        color=theme.exposure,
        alpha=0.22,
        linewidth=0,
    )
    _gappy_line(ax, x, counts, theme.exposure, width=2.2)
    if load.tagged_days:
        ax.plot(
            _day_numbers(load.tagged_days),
            np.zeros(len(load.tagged_days)),
            linestyle="none",
            marker="|",
            markersize=9,
            markeredgewidth=1.6,
            color=theme.exposure,
            clip_on=False,
            zorder=3,
        )
    highest = float(np.nanmax(counts)) if finite.any() else 0.0
    top = max(4.0, highest * 1.2)
    ax.set_ylim(0, top)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True, nbins=5))
    ax.set_ylabel(f"Tagged in {EXPOSURE_WINDOW_DAYS} days", fontsize=theme.font_size)
    _date_axis(ax, x)
    end = _last_point(x, counts)
    if end is not None:
        label = _EndLabel(end[0], _fraction(end[1], 0, top), f"{end[1]:.0f}", theme.exposure)
        _label_ends(ax, [label], theme)


# ---------------------------------------------------------------------------
# Year in pixels


def build_year_in_pixels(ax: Axes, year: YearInPixels, theme: ChartTheme = LIGHT) -> None:
    """One square per day, coloured by mood; a small dot marks a day without a check-in.

    Several check-ins on a day are averaged and the average rounded to the
    nearest step. Days outside the range, or not in the calendar, are blank.
    """
    title = TITLES["year"]
    if year.is_empty:
        draw_empty(ax, theme, title)
        return
    _prepare(ax, theme, title)
    rows = len(year.months)
    codes = np.zeros((rows, 31))
    missing_rows: list[int] = []
    missing_days: list[int] = []
    for r, (values, shown) in enumerate(zip(year.values, year.in_range, strict=True)):
        for c in range(31):
            value = values[c]
            if not shown[c]:
                continue  # 0: blank
            if value is None:
                missing_rows.append(r)
                missing_days.append(c + 1)
            else:
                codes[r, c] = math.floor(value + 0.5)  # 1 to 5
    cmap = ListedColormap([theme.background, *theme.mood_scale])
    norm = BoundaryNorm(np.arange(-0.5, 6.5, 1.0), cmap.N)
    ax.pcolormesh(
        np.arange(0.5, 32.5),
        np.arange(-0.5, rows + 0.5),
        codes,
        cmap=cmap,
        norm=norm,
        edgecolors=theme.background if rows <= 24 else "none",
        linewidth=1.0,
    )
    dot_size = 3.0 if rows <= 24 else 1.5
    if missing_days:
        ax.plot(
            missing_days,
            missing_rows,
            linestyle="none",
            marker="o",
            markersize=dot_size,
            markeredgewidth=0,
            color=theme.muted,
        )
    ax.set_ylim(rows - 0.5, -0.5)
    ax.set_xlim(0.5, 31.5)
    if rows <= 24:
        ax.set_aspect("equal", adjustable="box")  # square days; a decade would be a sliver
        ax.set_anchor("N")  # a short range sits under the title, not adrift mid-figure
    ax.grid(False)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.tick_params(length=0)
    ax.xaxis.set_major_locator(FixedLocator([1, 5, 10, 15, 20, 25, 31]))
    ax.set_xlabel("Day of the month", fontsize=theme.font_size)
    positions, labels = _month_ticks(year.months, limit=24)
    ax.yaxis.set_major_locator(FixedLocator(positions))
    ax.set_yticklabels(labels)
    handles: list[Artist] = [
        Patch(facecolor=colour, label=word)
        for colour, word in zip(theme.mood_scale, SCALE_LABELS["mood"], strict=True)
    ]
    handles.append(
        Line2D(
            [],
            [],
            linestyle="none",
            marker="o",
            markersize=4,
            markeredgewidth=0,
            color=theme.muted,
            label="No check-in",
        )
    )
    ax.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, 0.0),
        borderaxespad=3.0,  # in font sizes: clears the day numbers and their label
        ncol=len(handles),
        frameon=False,
        fontsize=theme.font_size,
        labelcolor=theme.text,
        handlelength=1.1,
        handleheight=1.1,
        columnspacing=1.2,
        handletextpad=0.5,
    )


# ---------------------------------------------------------------------------
# The true picture


def build_true_picture(ax: Axes, picture: TruePicture, theme: ChartTheme = LIGHT) -> None:
    """A grid of what shifts involved (rows) by month (columns), with totals on the right.

    Stronger cells mean more check-ins listed that activity that month; cells
    carry their number while the grid is small enough to read them.
    """
    title = TITLES["true_picture"]
    if picture.is_empty:
        draw_empty(ax, theme, title)
        return
    # No note on the right: beside the wide activity names it would collide with
    # the title. The sentence beside the chart says what the colours mean.
    _prepare(ax, theme, title)
    data = np.array(picture.counts, dtype=float)
    rows, columns = data.shape
    highest = max(1.0, float(data.max()))
    cmap = LinearSegmentedColormap.from_list("activity", [theme.empty_cell, theme.activity])
    ax.pcolormesh(
        np.arange(-0.5, columns + 0.5),
        np.arange(-0.5, rows + 0.5),
        data,
        cmap=cmap,
        vmin=0,
        vmax=highest,
        edgecolors=theme.background,
        linewidth=1.0 if columns <= 24 else 0.25,
    )
    total_x = columns - 0.5 + max(0.6, columns * 0.05)
    ax.set_ylim(rows - 0.5, -0.5)
    ax.set_xlim(-0.5, total_x + max(0.6, columns * 0.05))
    ax.grid(False)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.tick_params(length=0)
    ax.yaxis.set_major_locator(FixedLocator(list(range(rows))))
    ax.set_yticklabels([ACTIVITIES.get(code, code) for code in picture.codes])
    positions, labels = _month_ticks(picture.months, limit=6, two_lines=True)
    ax.xaxis.set_major_locator(FixedLocator([*positions, total_x]))
    ax.set_xticklabels([*labels, "Total"])

    for row, total in enumerate(picture.totals):
        ax.text(
            total_x,
            row,
            str(total),
            va="center",
            ha="center",
            color=theme.text,
            fontsize=theme.font_size,
            fontweight="bold",
        )
    if rows * columns <= MAX_NUMBERED_CELLS:
        for row, column in zip(*np.nonzero(data), strict=True):
            value = data[row, column]
            ax.text(
                column,
                row,
                f"{value:.0f}",
                va="center",
                ha="center",
                color=theme.background if value / highest > 0.55 else theme.text,
                fontsize=theme.font_size - 1,
            )


# ---------------------------------------------------------------------------
# All charts, for the Trends page, save-as-PNG, the PDF report and the benchmark


@dataclass(frozen=True, slots=True)
class Chart:
    """One chart of the Trends page: a stable key, its title, and how to draw it from insights."""

    key: str
    title: str
    draw: Callable[[Axes, Insights, ChartTheme], None]


CHARTS: Final = (
    Chart("scores", TITLES["scores"], lambda ax, i, t: build_scores(ax, i.scores, t)),
    Chart("sleep", TITLES["sleep"], lambda ax, i, t: build_sleep(ax, i.sleep, t)),
    Chart("shifts", TITLES["shifts"], lambda ax, i, t: build_shifts(ax, i.shifts, t)),
    Chart(
        "sleep_mood",
        TITLES["sleep_mood"],
        lambda ax, i, t: build_sleep_and_mood(ax, i.sleep_mood, t),
    ),
    Chart("exposure", TITLES["exposure"], lambda ax, i, t: build_exposure(ax, i.exposure, t)),
    Chart("year", TITLES["year"], lambda ax, i, t: build_year_in_pixels(ax, i.year, t)),
    Chart(
        "true_picture",
        TITLES["true_picture"],
        lambda ax, i, t: build_true_picture(ax, i.true_picture, t),
    ),
)


_SENTENCES: Final[dict[str, Callable[[Insights], str]]] = {
    "scores": lambda i: i.scores.sentence,
    "sleep": lambda i: i.sleep.sentence,
    "shifts": lambda i: i.shifts.sentence,
    "sleep_mood": lambda i: i.sleep_mood.sentence,
    "exposure": lambda i: i.exposure.sentence,
    "year": lambda i: i.year.sentence,
    "true_picture": lambda i: i.true_picture.sentence,
}


def sentence_for(chart: Chart, insights: Insights) -> str:
    """The plain sentence shown beside ``chart`` (and read out as its text alternative)."""
    return _SENTENCES[chart.key](insights)
