"""What every chart shares: its frame, its axes drawn on again, panels, lines, score axes.

Each chart module draws one insight with these (``build_x(ax, insight,
theme)``), with ``labels`` for its text and ``date_ticks`` for dates. They
use only the object-oriented matplotlib API (``Figure``/``Axes``), never
pyplot, so they run headless under Agg in tests and inside
``FigureCanvasQTAgg`` in the app. They set the axes' colours and the figure
background from the theme, but never the figure's size or layout: that
belongs to whoever owns the figure, which sizes it from the widget's real
width (a chart's ``height_for`` says how tall) and lays it out with
``Figure(layout="constrained")``. Builders read that size to decide how
much fits: how many date labels, whether a name wraps, how many legend
columns.

Kept lean for the time budget (the page may draw all seven charts at once):
one ``Line2D`` per series, one mesh for a grid, no artist per data point, and
a figure's axes emptied and drawn on again rather than made anew
(``fresh_axes``). Lines break where a day has no value, so a gap in
check-ins is drawn as a gap. An insight with nothing to show draws a calm
"Not enough data yet" instead of empty axes.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import NullLocator

from wellbeing_app.charts.labels import (
    figure_of,
    figure_px,
    fit_text,
    place_text,
    points_px,
    widest_px,
    y_labels,
)
from wellbeing_app.charts.palette import ChartTheme
from wellbeing_app.domain.checkin import SCORE_RANGE
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

CHART_HEIGHT_INCHES: Final = 3.0
"""The height of a chart that does not say otherwise (288 px on a 96 dpi screen)."""
NOTE_GAP_POINTS: Final = 5.0
"""Between the top of the plot and the note above it, in points."""


# -- the frame of every chart ---------------------------------------------------------------


def prepare(ax: Axes, theme: ChartTheme, title: str = "", note: str = "") -> None:
    """Theme colours, the chart's title at the figure's top left, a muted note, quiet spines.

    The title belongs to the figure (so it never depends on how wide the tick
    labels are); the note sits on its own line just above the plot, so the
    two can never overlap.
    """
    ax.set_facecolor(theme.background)
    figure = figure_of(ax)
    figure.set_facecolor(theme.background)
    width_px, _height = figure_px(ax)
    if title:
        margin = points_px(ax, 4)
        figure.suptitle(
            fit_text(ax, title, theme.title_size, width_px - 2 * margin),
            x=margin / width_px,
            ha="left",
            color=theme.text,
            fontsize=theme.title_size,
        )
    if note:
        place_text(
            ax,
            fit_text(ax, note, theme.font_size - 1, width_px * 0.7, lines=1),
            0.0,
            1.0,
            coords=ax.transAxes,
            dy=NOTE_GAP_POINTS,
            ha="left",
            va="bottom",
            color=theme.muted,
            fontsize=theme.font_size - 1,
        )
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    bottom = ax.spines["bottom"]
    bottom.set_color(theme.grid)
    bottom.set_in_layout(False)  # inside the axes' own box: nothing for the layout to do
    # Tick labels are texts placed by ``x_labels`` and ``y_labels``: matplotlib's ticks cost
    # more to make and lay out than the rest of a chart.
    for axis in (ax.xaxis, ax.yaxis):
        axis.set_major_locator(NullLocator())
        axis.label.set_color(theme.muted)
        axis.set_visible(False)  # until ``axis_label`` gives it a name to show


def fresh_axes(figure: Figure) -> Axes:
    """An empty axes filling ``figure``, for its next chart: the one already there, emptied.

    Emptying an axes costs a fraction of making one (matplotlib's ``clear``
    and a new axes both build their ticks afresh), and the Trends page builds
    its charts often. Panels an earlier chart split off (``split_axes``) are
    emptied and hidden, for the next split to take up again.
    """
    if not figure.axes:
        return figure.add_subplot()
    ax, *spares = figure.axes
    whole = figure.add_gridspec(1, 1)[0]
    for panel in (ax, *spares):
        _empty(panel)
        panel.set_subplotspec(whole)
    for panel in spares:
        panel.set_visible(False)
        panel.set_in_layout(False)
    return ax


def _empty(ax: Axes) -> None:
    """Take every artist off ``ax`` and set back what the charts change on an axes."""
    for group in (ax.lines, ax.collections, ax.patches, ax.texts, ax.images, ax.artists):
        for artist in list(group):
            artist.remove()
    legend = ax.get_legend()
    if legend is not None:
        legend.remove()
    ax.set_axis_on()
    ax.set_aspect("auto")
    ax.set_anchor("C")
    ax.set_xlabel("")
    ax.set_ylabel("")
    ax.xaxis.set_visible(True)
    ax.yaxis.set_visible(True)
    ax.xaxis.labelpad = ax.yaxis.labelpad = 4.0
    for spine in ax.spines.values():
        spine.set_visible(True)
        spine.set_in_layout(True)
    ax.relim()
    ax.set_xlim(0.0, 1.0)
    ax.set_ylim(0.0, 1.0)
    ax.set_autoscale_on(True)


def split_axes(
    ax: Axes,
    *,
    rows: int = 1,
    columns: int = 1,
    ratios: Sequence[float] | None = None,
    space: float = 0.1,
) -> list[Axes]:
    """``ax`` and new panels beside or below it, sharing the space ``ax`` had: ``[ax, ...]``.

    The panels are subplots of ``ax``'s own cell of the figure's grid, so the
    layout engine makes room for every panel's labels (an inset axes placed
    outside its parent would not be laid out). ``ratios`` are the panels'
    heights (for rows) or widths (for columns); ``space`` the gap between
    panels, as a fraction of a panel. Panels hidden by ``fresh_axes`` are used
    again before new ones are made.
    """
    spec = ax.get_subplotspec()
    assert spec is not None, "chart axes are subplots"
    if rows > 1:
        grid = spec.subgridspec(rows, 1, height_ratios=ratios, hspace=space)
    else:
        grid = spec.subgridspec(1, columns, width_ratios=ratios, wspace=space)
    ax.set_subplotspec(grid[0])
    figure = figure_of(ax)
    spares = [panel for panel in figure.axes if panel is not ax and not panel.get_visible()]
    panels = [ax]
    for index in range(1, max(rows, columns)):
        if spares:
            panel = spares.pop(0)
            panel.set_subplotspec(grid[index])
            panel.set_visible(True)
            panel.set_in_layout(True)
        else:
            panel = figure.add_subplot(grid[index])
        panels.append(panel)
    return panels


def hide_frame(ax: Axes) -> None:
    """No spines, no ticks, no grid: for grids of cells that carry their own labels."""
    ax.set_axis_off()


def draw_empty(ax: Axes, theme: ChartTheme, title: str = "") -> None:
    """A calm "Not enough data yet" in place of a chart with nothing to show."""
    prepare(ax, theme, title)
    ax.spines["bottom"].set_visible(False)
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


# -- lines ----------------------------------------------------------------------------------


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


def end_labels_px(ax: Axes, texts: Sequence[str], theme: ChartTheme) -> float:
    """How much room labels written outside the plot's right edge take, in pixels."""
    if not texts:
        return 0.0
    return widest_px(ax, texts, theme.label_size, bold=True) + points_px(ax, 6)


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
    Labels stay within the plot's height, clear of the date labels below it.
    """
    placed: list[EndLabel] = []
    for label in sorted(labels, key=lambda lab: lab.y):
        y = max(label.y, gap / 2)
        if placed and y - placed[-1].y < gap:
            y = placed[-1].y + gap
        placed.append(EndLabel(label.x, y, label.text, label.colour))
    overflow = max(0.0, placed[-1].y - 1.0) if placed else 0.0
    coords = ax.transAxes if outside else ax.get_xaxis_transform()
    for label in placed:
        place_text(
            ax,
            label.text,
            1.0 if outside else label.x,
            label.y - overflow,
            coords=coords,
            dx=6,
            va="center",
            ha="left",
            color=label.colour,
            fontsize=theme.label_size,
            fontweight="bold",
        )


def fraction(value: float, low: float, high: float) -> float:
    """Where ``value`` sits between ``low`` (0) and ``high`` (1)."""
    return (value - low) / (high - low)


# -- axes -----------------------------------------------------------------------------------


def score_axis(ax: Axes, words: Sequence[str], theme: ChartTheme) -> None:
    """A y axis for scores: every step of the scale, labelled in ``words``."""
    ax.set_ylim(*SCORE_LIMITS)
    y_labels(ax, list(SCORE_STEPS), list(words), theme)


def integer_ticks(low: float, high: float, most: int) -> list[int]:
    """Whole-number ticks from ``low`` to ``high`` in steps of 1, 2, 5, 10 and so on, with at
    most ``most`` steps between the first and the last."""
    span = max(high - low, 1.0)
    step = 1
    for candidate in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000):
        step = candidate
        if span / candidate <= most:
            break
    start = math.ceil(low / step) * step
    return list(range(int(start), int(math.floor(high)) + 1, step))


def words_at(words: Sequence[str], steps: Sequence[int]) -> list[str]:
    """The scale's words (lowest step first) for ``steps``: ``words_at(words, SCORE_MARKS)``."""
    return [words[step - SCORE_RANGE.low] for step in steps]
