"""Text in the charts: how big it is drawn, wrapped and shortened to fit, and put in place.

Every label that may be too long for its space goes through ``fit_text``, the
one place that wraps and shortens; builders measure with ``text_px`` (the
renderer's own measure) to decide how many labels fit side by side.

Axis labels are plain texts (``x_labels``, ``y_labels``) rather than
matplotlib's ticks: a tick is several artists and costs more to make, lay out
and draw than the rest of a chart. A label is placed by a transform with its
offset in points (``place_text``), not as an annotation, which works its place
out again on every call; and only the outermost labels of a row are measured
by the layout engine (``layout_only_extremes``), as they reach as far as all.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

import matplotlib
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.markers import TICKDOWN
from matplotlib.text import Text
from matplotlib.transforms import ScaledTranslation, Transform

from wellbeing_app.charts.palette import ChartTheme

# matplotlib 3.11 renders text a glyph at a time, and unhinted glyphs render a third faster;
# on screen and in a saved picture they read the same. The charts are the app's only plots.
matplotlib.rcParams["text.hinting"] = "no_hinting"

ELLIPSIS: Final = "\u2026"
LABEL_GAP_PX: Final = 10.0  # the least space between two tick labels side by side, in pixels
LABEL_PAD_POINTS: Final = 5.0  # between the plot and its axis labels
_POINTS_PER_INCH: Final = 72.0


def figure_of(ax: Axes) -> Figure:
    """The figure ``ax`` is drawn on (builders only ever get an axes; one chart a figure)."""
    figure = ax.get_figure()
    assert isinstance(figure, Figure), "a chart's axes belong to a figure of its own"
    return figure


def figure_px(ax: Axes) -> tuple[float, float]:
    """The width and height in pixels (at the figure's own dpi) of the space ``ax``'s chart
    is laid out in: the whole figure, or the part of it its layout engine was given (a
    report page lays a chart out in a band across the top)."""
    figure = figure_of(ax)
    width, height = figure.get_size_inches()
    engine = figure.get_layout_engine()
    rect = engine.get().get("rect") if engine is not None else None
    share_x, share_y = (float(rect[2]), float(rect[3])) if rect is not None else (1.0, 1.0)
    return float(width) * figure.dpi * share_x, float(height) * figure.dpi * share_y


def points_px(ax: Axes, points: float) -> float:
    """``points`` (of type or padding) in pixels of ``ax``'s figure."""
    return points * float(figure_of(ax).dpi) / _POINTS_PER_INCH


_measured: dict[tuple[str, float, bool, float], tuple[float, float]] = {}


def text_px(ax: Axes, text: str, size: float, *, bold: bool = False) -> tuple[float, float]:
    """How wide and tall ``text`` is drawn in ``ax``'s figure, in pixels.

    Measured with the figure's own renderer (the measurement matplotlib uses
    when it draws), and remembered: the fonts never change while the app runs.
    """
    dpi = float(figure_of(ax).dpi)
    key = (text, size, bold, dpi)
    found = _measured.get(key)
    if found is not None:
        return found
    lines = text.split("\n")
    renderer_of = getattr(figure_of(ax).canvas, "get_renderer", None)
    if renderer_of is None:  # no Agg canvas: a generous estimate of DejaVu Sans
        em = size * dpi / _POINTS_PER_INCH
        found = (max(len(line) for line in lines) * em * 0.62, len(lines) * em * 1.2)
        return found
    renderer = renderer_of()
    font = FontProperties(size=size, weight="bold" if bold else "normal")
    width = height = 0.0
    for line in lines:
        w, h, _descent = renderer.get_text_width_height_descent(line or " ", font, ismath=False)
        width = max(width, float(w))
        height += float(h)
    found = (width, height)
    _measured[key] = found
    return found


def fit_text(
    ax: Axes, text: str, size: float, max_px: float, *, lines: int = 2, bold: bool = False
) -> str:
    """``text`` wrapped at spaces into at most ``lines`` lines of at most ``max_px`` each.

    What still does not fit is shortened with an ellipsis. Every label that may
    be too long for the space it has (titles, notes, row names) comes through here.
    """
    if text_px(ax, text, size, bold=bold)[0] <= max_px:
        return text
    wrapped: list[str] = []
    for word in text.split():
        if wrapped and text_px(ax, f"{wrapped[-1]} {word}", size, bold=bold)[0] <= max_px:
            wrapped[-1] = f"{wrapped[-1]} {word}"
        else:
            wrapped.append(word)
    if len(wrapped) > lines:
        wrapped = [*wrapped[: lines - 1], " ".join(wrapped[lines - 1 :])]
    last = wrapped[-1]
    if text_px(ax, last, size, bold=bold)[0] > max_px:
        while len(last) > 1 and text_px(ax, last + ELLIPSIS, size, bold=bold)[0] > max_px:
            last = last[:-1].rstrip()
        wrapped[-1] = last + ELLIPSIS
    return "\n".join(wrapped)


def widest_px(ax: Axes, texts: Sequence[str], size: float, *, bold: bool = False) -> float:
    """The width of the widest of ``texts``, in pixels (0 for none)."""
    return max((text_px(ax, t, size, bold=bold)[0] for t in texts), default=0.0)


def widest_points(ax: Axes, texts: Sequence[str], size: float) -> float:
    """The width of the widest of ``texts``, in points (for offsets and padding)."""
    return widest_px(ax, texts, size) * _POINTS_PER_INCH / float(figure_of(ax).dpi)


def plot_width_px(ax: Axes, left_px: float, right_px: float) -> float:
    """About how wide the plot itself will be once the layout has made room for the labels
    beside it (``left_px`` and ``right_px``), in pixels."""
    width, _height = figure_px(ax)
    # The layout's padding round the axes, and the gap between tick labels and the axis.
    return max(width - left_px - right_px - points_px(ax, 3) * 2 - points_px(ax, 7), 40.0)


def fits_side_by_side(
    ax: Axes, centres_px: Sequence[float], labels: Sequence[str], size: float
) -> bool:
    """Whether labels centred at ``centres_px`` (left to right) leave a gap between neighbours."""
    widths = [text_px(ax, label, size)[0] for label in labels]
    return all(
        right - left >= (widths[i] + widths[i + 1]) / 2 + LABEL_GAP_PX
        for i, (left, right) in enumerate(zip(centres_px, centres_px[1:], strict=False))
    )


def offset(ax: Axes, transform: Transform, dx: float, dy: float) -> Transform:
    """``transform`` moved by ``dx`` and ``dy`` points (the same on screen and in a picture)."""
    shift = ScaledTranslation(
        dx / _POINTS_PER_INCH, dy / _POINTS_PER_INCH, figure_of(ax).dpi_scale_trans
    )
    return transform + shift


def place_text(
    ax: Axes,
    text: str,
    x: float,
    y: float,
    *,
    coords: Transform | None = None,
    dx: float = 0.0,
    dy: float = 0.0,
    **style: Any,
) -> Text:
    """``text`` at ``x, y`` in ``coords`` (the data's, unless given), moved by ``dx, dy`` points.

    A plain ``Text`` with its offset in the transform: a third cheaper to lay
    out and draw than an annotation, which works out its place on every call.
    """
    base = ax.transData if coords is None else coords
    transform = offset(ax, base, dx, dy) if dx or dy else base
    return ax.text(x, y, text, transform=transform, clip_on=False, **style)


def axis_label(ax: Axes, which: str, text: str, theme: ChartTheme) -> None:
    """Name the ``"x"`` or ``"y"`` axis of ``ax``, beyond its labels, in muted type."""
    axis = ax.xaxis if which == "x" else ax.yaxis
    axis.set_label_text(text, fontsize=theme.font_size, color=theme.muted)
    axis.set_visible(True)


def layout_only_extremes(
    texts: Sequence[Text], positions: Sequence[float], sizes: Sequence[float]
) -> None:
    """Leave only the labels at the two ends of a row (or column) of labels, and the biggest,
    for the layout engine to measure: together they reach as far as all of them do.

    The labels of one axis share their alignment, so the first and last reach
    furthest along it and the biggest furthest away from it; measuring the rest
    is most of what the layout would cost.
    """
    if len(texts) <= 3:
        return
    keep = {
        min(range(len(texts)), key=lambda i: positions[i]),
        max(range(len(texts)), key=lambda i: positions[i]),
        max(range(len(texts)), key=lambda i: sizes[i]),
    }
    for index, text in enumerate(texts):
        if index not in keep:
            text.set_in_layout(False)


def y_labels(
    ax: Axes,
    positions: Sequence[float],
    labels: Sequence[str],
    theme: ChartTheme,
    *,
    grid: bool = True,
) -> None:
    """Labels left of the plot at data heights ``positions``, each with a faint grid line."""
    transform = ax.get_yaxis_transform()  # x in axes fractions, y in data
    shifted = offset(ax, transform, -LABEL_PAD_POINTS, 0.0)
    texts = [
        ax.text(
            0.0,
            y,
            label,
            transform=shifted,
            ha="right",
            va="center",
            color=theme.text,
            fontsize=theme.font_size,
            clip_on=False,
        )
        for y, label in zip(positions, labels, strict=True)
    ]
    widths = [text_px(ax, label, theme.font_size)[0] for label in labels]
    layout_only_extremes(texts, positions, widths)
    if grid and positions:
        ax.hlines(
            list(positions),
            0.0,
            1.0,
            transform=transform,
            colors=theme.grid,
            linewidth=0.8,
            zorder=0.5,
        )
    ax.yaxis.labelpad = widest_points(ax, labels, theme.font_size) + LABEL_PAD_POINTS + 2


def x_labels(
    ax: Axes,
    positions: Sequence[float],
    labels: Sequence[str],
    theme: ChartTheme,
    *,
    grid: bool = False,
    marks: bool = True,
) -> None:
    """Labels under the plot at data places ``positions``, each with a small tick mark."""
    transform = ax.get_xaxis_transform()  # x in data, y in axes fractions
    shifted = offset(ax, transform, 0.0, -LABEL_PAD_POINTS)
    texts = [
        ax.text(
            x,
            0.0,
            label,
            transform=shifted,
            ha="center",
            va="top",
            color=theme.text,
            fontsize=theme.font_size,
            clip_on=False,
        )
        for x, label in zip(positions, labels, strict=True)
    ]
    layout_only_extremes(texts, positions, [label.count("\n") for label in labels])
    if marks and positions:
        ax.plot(
            list(positions),
            [0.0] * len(positions),
            transform=transform,
            linestyle="none",
            marker=TICKDOWN,
            markersize=4,
            markeredgewidth=0.8,
            color=theme.grid,
            clip_on=False,
        )
    if grid and positions:
        ax.vlines(
            list(positions),
            0.0,
            1.0,
            transform=transform,
            colors=theme.grid,
            linewidth=0.8,
            zorder=0.5,
        )
    lines = max((label.count("\n") + 1 for label in labels), default=1)
    ax.xaxis.labelpad = lines * theme.font_size * 1.25 + LABEL_PAD_POINTS
