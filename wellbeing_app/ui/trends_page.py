"""Trends: one chart per insight, each with its plain sentence beside it.

matplotlib is imported the first time this page is shown, never at start-up.
Charts are redrawn only when what they show changes (the check-ins, the
range or the theme), and a chart is painted when it scrolls into view.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCursor, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from wellbeing_app import paths
from wellbeing_app.domain.catalogue import scale_label
from wellbeing_app.domain.insights import Insights, Range
from wellbeing_app.services.session import Session
from wellbeing_app.ui.notice import Notice
from wellbeing_app.ui.prompts import Prompts

if TYPE_CHECKING:
    from wellbeing_app.charts import Chart

CHART_SIZE_INCHES = (6.4, 3.0)
CHART_DPI = 96


@dataclass
class _ChartView:
    chart: Chart
    canvas: Any  # FigureCanvasQTAgg, imported lazily
    sentence: QLabel
    drawn_for: tuple[object, ...] | None = None


class TrendsPage(QWidget):
    """Range buttons, then each chart with its sentence and a Save as PNG button."""

    title = "Trends"
    redrawn = Signal()

    def __init__(
        self,
        session: Session,
        prompts: Prompts,
        *,
        dark: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._prompts = prompts
        self._dark = dark
        self._span = Range.THREE_MONTHS
        self._views: list[_ChartView] = []
        self._insights: Insights | None = None
        self._insights_key: tuple[object, ...] | None = None
        # Charts out of view are built one per tick after a switch, not all at once.
        self._pending: list[tuple[_ChartView, tuple[object, ...]]] = []
        self._margins: dict[str, tuple[float, float, float, float]] = {}
        self._pending_timer = QTimer(self)
        self._pending_timer.setSingleShot(True)
        self._pending_timer.setInterval(100)
        self._pending_timer.timeout.connect(self._draw_pending)

        column = QVBoxLayout(self)
        column.setContentsMargins(24, 16, 24, 16)
        column.setSpacing(10)
        heading = QLabel("Trends")
        heading.setObjectName("title")
        column.addWidget(heading)
        intro = QLabel(
            "Your own patterns over time, from your check-ins. Each chart has a sentence "
            "saying what it shows."
        )
        intro.setObjectName("muted")
        intro.setWordWrap(True)
        column.addWidget(intro)

        ranges = QHBoxLayout()
        self.range_buttons: dict[Range, QPushButton] = {}
        self._range_group = QButtonGroup(self)
        self._range_group.setExclusive(True)
        for span in Range:
            button = QPushButton(span.label)
            button.setCheckable(True)
            button.setObjectName("chip")
            button.setAccessibleName(f"Show the {span.phrase}")
            button.clicked.connect(lambda _c=False, s=span: self.set_range(s))
            self._range_group.addButton(button)
            self.range_buttons[span] = button
            ranges.addWidget(button)
        ranges.addStretch(1)
        self.range_buttons[self._span].setChecked(True)
        column.addLayout(ranges)
        self.rest_sentence = QLabel("")
        self.rest_sentence.setWordWrap(True)
        column.addWidget(self.rest_sentence)

        self.scroller = QScrollArea()
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.body = QWidget()
        self.grid = QGridLayout(self.body)
        self.grid.setHorizontalSpacing(16)
        self.grid.setVerticalSpacing(18)
        self.scroller.setWidget(self.body)
        column.addWidget(self.scroller, 1)
        self.notice = Notice("calm")
        column.addWidget(self.notice)

    # -- building (the first time the page is shown) --------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.refresh()

    def _build(self) -> None:
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
        from matplotlib.figure import Figure

        from wellbeing_app.charts import CHARTS

        for row, chart in enumerate(CHARTS):
            figure = Figure(figsize=CHART_SIZE_INCHES, dpi=CHART_DPI)
            canvas = FigureCanvasQTAgg(figure)  # type: ignore[no-untyped-call]
            # Fixed sizes: a new sentence beside a chart must not resize (and so
            # redraw) every chart on the page.
            canvas.setFixedHeight(int(CHART_SIZE_INCHES[1] * CHART_DPI))
            canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            canvas.setAccessibleName(chart.title)
            canvas.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            sentence = QLabel("")
            sentence.setWordWrap(True)
            sentence.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            save = QPushButton("Save as PNG…")
            save.setAccessibleName(f"Save the chart \u201c{chart.title}\u201d as a picture")
            view = _ChartView(chart, canvas, sentence)
            save.clicked.connect(lambda _c=False, v=view: self.save_png(v))
            side = QWidget()
            side_column = QVBoxLayout(side)
            side_column.setContentsMargins(0, 0, 0, 0)
            title = QLabel(chart.title)
            title.setObjectName("heading")
            title.setWordWrap(True)
            side_column.addWidget(title)
            side_column.addWidget(sentence)
            side_column.addWidget(save, 0, Qt.AlignmentFlag.AlignLeft)
            side_column.addStretch(1)
            side.setFixedWidth(280)
            self.grid.addWidget(canvas, row, 0)
            self.grid.addWidget(side, row, 1)
            canvas.mpl_connect("motion_notify_event", self._hover_handler(view))
            canvas.mpl_connect("draw_event", self._margins_handler(view))
            self._views.append(view)
        self.grid.setColumnStretch(0, 1)

    # -- data and drawing -----------------------------------------------------------

    def set_range(self, span: Range) -> None:
        self._span = span
        self.range_buttons[span].setChecked(True)
        self.refresh()

    def current_range(self) -> Range:
        return self._span

    def set_dark(self, dark: bool) -> None:
        if dark != self._dark:
            self._dark = dark
            if self.isVisible():
                self.refresh()

    def insights(self) -> Insights | None:
        return self._insights

    def refresh(self) -> None:
        """Recompute and redraw what changed; unchanged charts are left alone."""
        if not self._session.is_open:
            return
        if not self._views:
            self._build()
        today = date.today()
        # A draft's autosave does not count: only a change to the check-ins.
        key = (self._span, today, self._session.checkin_revision)
        if key != self._insights_key:
            self._insights = self._session.insights(self._span, today)
            self._insights_key = key
        assert self._insights is not None
        self.rest_sentence.setText(self._insights.rest.sentence)
        self._draw_all((*key, self._dark))
        self.redrawn.emit()

    def _draw_all(self, drawn_for: tuple[object, ...]) -> None:
        """Sentences at once; charts in view now, the others one at a time just after."""
        from wellbeing_app.charts import sentence_for

        assert self._insights is not None
        self._pending = []
        for view in self._views:
            sentence = sentence_for(view.chart, self._insights)
            view.sentence.setText(sentence)
            view.canvas.setAccessibleDescription(sentence)
            if view.drawn_for == drawn_for:
                continue  # nothing it shows has changed
            if view.canvas.visibleRegion().isEmpty() and self.isVisible():
                self._pending.append((view, drawn_for))
            else:
                self._draw_one(view, drawn_for)
        if self._pending:
            self._pending_timer.start()

    def _draw_one(self, view: _ChartView, drawn_for: tuple[object, ...]) -> None:
        from wellbeing_app.charts import DARK, LIGHT

        assert self._insights is not None
        theme = DARK if self._dark else LIGHT
        figure = view.canvas.figure
        figure.clear()
        margins = self._margins.get(view.chart.key)
        if margins is None:
            figure.set_layout_engine("constrained")  # the first time: work the margins out
            axes = figure.add_subplot()
        else:
            # Then keep them: the layout engine costs more than the drawing itself.
            figure.set_layout_engine("none")
            left, bottom, right, top = margins
            axes = figure.add_axes((left, bottom, right - left, top - bottom))
        figure.set_facecolor(theme.background)
        view.chart.draw(axes, self._insights, theme)
        view.canvas.draw_idle()  # painted when it is (or comes) into view
        view.drawn_for = drawn_for

    def _remember_margins(self, view: _ChartView) -> None:
        figure = view.canvas.figure
        if view.chart.key in self._margins or not figure.axes:
            return
        from matplotlib.layout_engine import ConstrainedLayoutEngine

        if not isinstance(figure.get_layout_engine(), ConstrainedLayoutEngine):
            return  # only margins worked out by the constrained layout are kept
        box = figure.axes[0].get_position()
        self._margins[view.chart.key] = (box.x0, box.y0, box.x1, box.y1)

    def _draw_pending(self) -> None:
        """Build the next chart that is out of view, keeping the window responsive."""
        if self._pending and self._insights is not None:
            view, drawn_for = self._pending.pop(0)
            self._draw_one(view, drawn_for)
        if self._pending:
            self._pending_timer.start()

    def draw_now(self) -> None:
        """Build and render every chart at once (for saving and for the benchmark)."""
        self._pending_timer.stop()
        while self._pending:
            view, drawn_for = self._pending.pop(0)
            self._draw_one(view, drawn_for)
        for view in self._views:
            canvas = view.canvas
            if getattr(canvas, "_draw_pending", False):
                # Render through the queued path, so the queued request is used
                # up here rather than rendering the chart a second time later.
                canvas._draw_idle()
            else:
                canvas.draw()

    # -- hover and saving ---------------------------------------------------------------

    def _margins_handler(self, view: _ChartView) -> Callable[[Any], None]:
        return lambda _event: self._remember_margins(view)

    def _hover_handler(self, view: _ChartView) -> Callable[[Any], None]:
        return lambda event: self._hover(view, event)

    def _hover(self, view: _ChartView, event: Any) -> None:
        text = self.tooltip_for(view.chart.key, event.xdata) if event.inaxes else ""
        if text:
            QToolTip.showText(QCursor.pos(), text, view.canvas)
        else:
            QToolTip.hideText()

    def tooltip_for(self, chart_key: str, xdata: float | None) -> str:
        """The day's values under the pointer, for the charts drawn along dates."""
        if self._insights is None or xdata is None:
            return ""
        from matplotlib import dates as mdates

        try:
            day = mdates.num2date(xdata).date()  # type: ignore[no-untyped-call]
        except (ValueError, OverflowError):
            return ""
        insights = self._insights
        if chart_key == "scores":
            series = {
                "mood": insights.scores.mood,
                "stress": insights.scores.stress,
                "energy": insights.scores.energy,
            }
            parts = []
            for name, daily in series.items():
                value = _value_on(daily.dates, daily.values, day)
                if value is not None:
                    parts.append(f"{name} {scale_label(name, round(value)).lower()}")
            return f"{day:%a %-d %b}: " + ", ".join(parts) if parts else ""
        if chart_key == "sleep":
            hours = _value_on(insights.sleep.hours.dates, insights.sleep.hours.values, day)
            return f"{day:%a %-d %b}: {hours:g} h of sleep" if hours is not None else ""
        if chart_key == "exposure":
            load = insights.exposure
            count = _value_on(load.dates, load.counts, day)
            if count is None:
                return ""
            return f"{day:%a %-d %b}: {int(count)} tagged in the 30 days to here"
        return ""

    def save_png(self, view: _ChartView) -> Path | None:
        name = f"took-home-{view.chart.key.replace('_', '-')}-{date.today():%Y-%m-%d}.png"
        target = self._prompts.save_path(
            self, "Save chart as a picture", Path.home() / name, "PNG pictures (*.png)"
        )
        if target is None:
            return None
        if target.suffix.lower() != ".png":
            target = target.with_suffix(".png")
        picture = io.BytesIO()
        figure = view.canvas.figure
        figure.savefig(picture, format="png", dpi=150, facecolor=figure.get_facecolor())
        try:
            # Private to the user (0600), through a temp file of an unguessable name.
            paths.write_atomically(target, picture.getvalue())
        except OSError as error:
            self.notice.show_notice(
                f"The picture could not be saved to {target} ({error.strerror or error}).",
                seconds=10,
            )
            return None
        self.notice.show_notice(f"Saved the chart to {target}.", seconds=8)
        return target

    def forget(self) -> None:
        """Drop the computed data (used when locking)."""
        self._pending_timer.stop()
        self._pending = []
        self._insights = None
        self._insights_key = None
        for view in self._views:
            view.canvas.figure.clear()
            view.drawn_for = None


def _value_on(
    days: tuple[date, ...], values: tuple[float | None, ...] | tuple[int | None, ...], day: date
) -> float | None:
    if not days or day < days[0] or day > days[-1]:
        return None
    index = (day - days[0]).days
    if index >= len(values):
        return None
    value = values[index]
    return None if value is None else float(value)
