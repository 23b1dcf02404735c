"""Trends: one chart per insight, each with its plain sentence beside it (or under it).

matplotlib is imported the first time this page is shown, never at start-up.
A chart is built and rendered only when it is painted, so opening Trends
draws the charts in view and the rest are drawn as they scroll into view;
``draw_now`` draws them all (for the benchmark and tests). A chart is built
again only when what it shows changes: the check-ins, the range, the theme,
or the width it has (each figure is sized from its widget's real width, and
is as tall as its chart asks for at that width).
"""

from __future__ import annotations

import functools
import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCursor, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QBoxLayout,
    QButtonGroup,
    QFrame,
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
from wellbeing_app.domain.dates import short_date
from wellbeing_app.domain.insights import EXPOSURE_WINDOW_DAYS, Insights, Range
from wellbeing_app.services.session import Session
from wellbeing_app.ui.notice import Notice
from wellbeing_app.ui.prompts import Prompts

if TYPE_CHECKING:
    from wellbeing_app.charts import Chart

CHART_DPI = 96
SIDE_WIDTH = 280  # the sentence and button beside a chart, when there is room for both
CARD_SPACING = 16
NARROWEST_BESIDE = 560  # a chart narrower than this would be hard to read: sentence under it
RESIZE_SETTLE_MS = 150  # charts are rebuilt for a new width once resizing has stopped
RESIZE_STRETCH = 0.15  # a chart stretched or squeezed by more than this is rebuilt at once
QWIDGETSIZE_MAX = 16777215  # Qt's "no maximum"


@functools.cache
def _canvas_class() -> type:
    """The chart canvas class (made on first use: it needs matplotlib's Qt backend)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

    class ChartCanvas(FigureCanvasQTAgg):
        """A canvas that renders its figure only when painted: out of view, it costs nothing.

        matplotlib's own canvas renders on the next turn of the event loop whether
        it is on screen or not. ``before_paint`` runs first in every paint, so the
        page can build the chart just before it shows.
        """

        def __init__(self, figure: Any, before_paint: Callable[[], None]) -> None:
            super().__init__(figure)  # type: ignore[no-untyped-call]
            self._before_paint = before_paint
            self._render_wanted = True

        def mark_stale(self) -> None:
            """Render at the next paint (the figure has changed)."""
            self._render_wanted = True

        def draw_idle(self) -> None:
            self._render_wanted = True
            self.update()  # Qt paints only a canvas that is on screen

        def draw(self) -> None:
            self._render_wanted = False
            super().draw()  # type: ignore[no-untyped-call]

        def paintEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
            self._before_paint()
            if self._render_wanted:
                self._render_wanted = False
                # Render into the buffer that this paint shows, without asking for another.
                FigureCanvasAgg.draw(self)  # type: ignore[no-untyped-call]
            super().paintEvent(event)  # type: ignore[no-untyped-call]

    return ChartCanvas


@dataclass
class _ChartView:
    chart: Chart
    canvas: Any  # ChartCanvas, made lazily
    sentence: QLabel
    card: QBoxLayout
    side: QWidget
    height: int = 1  # the canvas's height for the current width, in pixels
    drawn_for: tuple[object, ...] | None = None
    builds: int = 0  # how many times the chart was built (tests read it)


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
        self._data_key: tuple[object, ...] | None = None
        self._width: int | None = None  # the chart width the figures are built for
        self._beside = True  # sentences beside the charts (else under them)
        self._settle_timer = QTimer(self)
        self._settle_timer.setSingleShot(True)
        self._settle_timer.setInterval(RESIZE_SETTLE_MS)
        self._settle_timer.timeout.connect(self._settle)

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
        # With a rota: quick changeovers and rest days lost, as counts in plain words.
        self.rota_sentence = QLabel("")
        self.rota_sentence.setWordWrap(True)
        self.rota_sentence.hide()
        column.addWidget(self.rota_sentence)

        self.scroller = QScrollArea()
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # not a Tab stop of its own
        # Always there: a scroll bar that came and went would change every chart's width.
        self.scroller.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.body = QWidget()
        self.cards = QVBoxLayout(self.body)
        self.cards.setSpacing(18)
        self.scroller.setWidget(self.body)
        self.scroller.viewport().installEventFilter(self)
        column.addWidget(self.scroller, 1)
        self.notice = Notice("calm")
        column.addWidget(self.notice)
        # "What helps you": the Wind down tools, from the user's own ratings.
        self.what_helps = QFrame()
        self.what_helps.setObjectName("card")
        helps = QVBoxLayout(self.what_helps)
        helps.setContentsMargins(12, 10, 12, 10)
        helps_heading = QLabel("What helps you")
        helps_heading.setObjectName("heading")
        helps.addWidget(helps_heading)
        self.what_helps_text = QLabel("")
        self.what_helps_text.setWordWrap(True)
        self.what_helps_text.setTextFormat(Qt.TextFormat.RichText)
        self.what_helps_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        helps.addWidget(self.what_helps_text)
        helps_note = QLabel(
            "From your own ratings on Wind down, 0 to 10, before and after each tool. What "
            "helps can change from one day to the next."
        )
        helps_note.setObjectName("muted")
        helps_note.setWordWrap(True)
        helps.addWidget(helps_note)
        self.what_helps.hide()

    # -- building (the first time the page is shown) --------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.scroller.viewport() and event.type() == QEvent.Type.Resize:
            beside, width = self._layout()
            if (
                self._width is None
                or beside != self._beside
                or abs(width - self._width) > RESIZE_STRETCH * self._width
            ):
                self._settle()  # a new layout, or a window made much smaller or bigger: now
            else:
                self._settle_timer.start()  # while a window is dragged bigger, charts stretch
        return super().eventFilter(watched, event)

    def _build(self) -> None:
        from matplotlib.figure import Figure

        from wellbeing_app.charts import CHARTS

        canvas_class = _canvas_class()
        for chart in CHARTS:
            figure = Figure(dpi=CHART_DPI, layout="constrained")
            sentence = QLabel("")
            sentence.setWordWrap(True)
            sentence.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            save = QPushButton("Save as PNG…")
            save.setAccessibleName(f"Save the chart \u201c{chart.title}\u201d as a picture")
            side = QWidget()
            side_column = QVBoxLayout(side)
            side_column.setContentsMargins(0, 0, 0, 0)
            side_column.addWidget(sentence)
            side_column.addWidget(save, 0, Qt.AlignmentFlag.AlignLeft)
            side_column.addStretch(1)
            card = QBoxLayout(QBoxLayout.Direction.LeftToRight)
            card.setSpacing(CARD_SPACING)
            view = _ChartView(chart, None, sentence, card, side)
            canvas = canvas_class(figure, lambda v=view: self._build_if_stale(v))
            view.canvas = canvas
            # A fixed height, worked out from the width: a new sentence beside a chart
            # must not resize (and so redraw) every chart on the page.
            canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            canvas.setAccessibleName(chart.title)
            canvas.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            save.clicked.connect(lambda _c=False, v=view: self.save_png(v))
            card.addWidget(canvas, 1)
            card.addWidget(side, 0)
            self.cards.addLayout(card)
            canvas.mpl_connect("motion_notify_event", self._hover_handler(view))
            self._views.append(view)
        self.cards.addWidget(self.what_helps)
        self.cards.addStretch(1)
        for view in self._views:  # now, not at the next turn of the event loop (Qt's way)
            view.canvas.show()
            view.side.show()
        self._settle()

    # -- sizes --------------------------------------------------------------------------

    def _layout(self) -> tuple[bool, int]:
        """Whether sentences fit beside the charts, and the width each chart gets, in pixels."""
        margins = self.cards.contentsMargins()
        inner = self.scroller.viewport().width() - margins.left() - margins.right()
        beside = inner - SIDE_WIDTH - CARD_SPACING
        return (True, beside) if beside >= NARROWEST_BESIDE else (False, inner)

    def chart_width(self) -> int:
        """The width each chart gets at the scroll area's present width, in pixels."""
        return self._layout()[1]

    def _settle(self) -> None:
        """Lay the cards out for the scroll area's width and size every chart for it."""
        if not self._views:
            return
        beside, width = self._layout()
        if beside != self._beside:
            self._beside = beside
            for view in self._views:
                if beside:
                    view.card.setDirection(QBoxLayout.Direction.LeftToRight)
                    view.side.setFixedWidth(SIDE_WIDTH)
                else:
                    view.card.setDirection(QBoxLayout.Direction.TopToBottom)
                    view.side.setMinimumWidth(0)
                    view.side.setMaximumWidth(QWIDGETSIZE_MAX)
        self._width = width
        self._size_charts()

    def _size_charts(self) -> None:
        """Each canvas as tall as its chart asks for at the current width; those that now
        show something else are painted (and so built) again when on screen."""
        if self._insights is None or self._width is None:
            return
        for view in self._views:
            height = view.chart.height_for(self._insights, self._width / CHART_DPI)
            view.height = max(1, round(height * CHART_DPI))
            view.canvas.setFixedHeight(view.height)
            if not self.is_current(view):
                view.canvas.update()
        # Lay the cards out now, so that the next paint finds each chart where it will be
        # (a paint before the layout would build every chart, all of them seeming in view).
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)

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
        """Recompute what changed; charts in view are drawn when painted, the rest when
        they come into view. Unchanged charts are left alone."""
        if not self._session.is_open:
            return
        if not self._views:
            self._build()
        from wellbeing_app.charts import sentence_for

        today = date.today()
        # A draft's autosave does not count: only a change to the check-ins.
        key = (self._span, today, self._session.checkin_revision)
        if key != self._insights_key:
            self._insights = self._session.insights(self._span, today)
            self._insights_key = key
        insights = self._insights
        assert insights is not None
        self.rest_sentence.setText(insights.rest.sentence)
        pattern = insights.pattern
        if pattern is not None:
            changeovers = pattern.changeovers
            self.rota_sentence.setText(
                f"{changeovers.sentence} {pattern.rest_days.sentence} ({changeovers.context})"
            )
        self.rota_sentence.setVisible(pattern is not None)
        for view in self._views:
            shown = view.chart.shows(insights)
            view.canvas.setVisible(shown)
            view.side.setVisible(shown)
            if not shown:
                continue
            sentence = sentence_for(view.chart, insights)
            view.sentence.setText(sentence)
            view.canvas.setAccessibleDescription(sentence)
        self._show_what_helps(today)
        self._data_key = (*key, self._dark)
        self._settle()  # heights follow the data too (a longer range, more squares)
        self.redrawn.emit()

    def _show_what_helps(self, today: date) -> None:
        """Per tool used in the range: how often, and the average change in distress."""
        from html import escape

        from wellbeing_app.domain.aftershift import summary_words, what_helps
        from wellbeing_app.domain.insights import range_bounds

        moments = self._session.moments()
        if self._span is not Range.ALL:
            first = range_bounds(self._span, today)[0]
            moments = [m for m in moments if m.at.astimezone().date() >= first]
        summaries = what_helps(moments)
        self.what_helps_text.setText(
            "<br>".join(f"<b>{escape(s.name)}</b>: {escape(summary_words(s))}" for s in summaries)
        )
        self.what_helps.setAccessibleName(
            "What helps you. " + " ".join(f"{s.name}: {summary_words(s)}" for s in summaries)
        )
        self.what_helps.setVisible(bool(summaries))

    def _wanted(self, view: _ChartView) -> tuple[object, ...]:
        return (self._data_key, self._width, view.height)

    def _build_if_stale(self, view: _ChartView) -> None:
        if self._insights is not None and not self.is_current(view):
            self._build_chart(view)

    def _build_chart(self, view: _ChartView) -> None:
        """Build ``view``'s chart for the current data, theme and size (rendered when painted)."""
        from wellbeing_app.charts import DARK, LIGHT, fresh_axes

        assert self._insights is not None and self._width is not None
        theme = DARK if self._dark else LIGHT
        canvas = view.canvas
        figure = canvas.figure
        figure.set_size_inches(self._width / CHART_DPI, view.height / CHART_DPI, forward=False)
        view.chart.draw(fresh_axes(figure), self._insights, theme)
        canvas.mark_stale()
        view.drawn_for = self._wanted(view)
        view.builds += 1

    def charts_in_view(self) -> list[_ChartView]:
        """The charts whose canvas shows at least partly in the scroll area."""
        viewport = self.scroller.viewport()
        shown = viewport.rect()
        found = []
        for view in self._views:
            canvas = view.canvas
            if canvas.isHidden():
                continue  # a chart this vault has nothing for (the rota's, without a rota)
            top_left = canvas.mapTo(viewport, canvas.rect().topLeft())
            if shown.intersects(canvas.rect().translated(top_left)):
                found.append(view)
        return found

    def shown_views(self) -> list[_ChartView]:
        """The charts this vault's data has a place for (the rota's only with a rota)."""
        return [view for view in self._views if not view.canvas.isHidden()]

    def is_current(self, view: _ChartView) -> bool:
        """Whether ``view``'s chart is built for what the page shows now, at its size."""
        return self._data_key is not None and view.drawn_for == self._wanted(view)

    def draw_now(self) -> None:
        """Build and render every chart at once (for saving and for the benchmark)."""
        if self._insights is None:
            return
        self._settle_timer.stop()
        self._settle()
        for view in self._views:
            if view.canvas.isHidden():
                continue
            if not self.is_current(view):
                self._build_chart(view)
            view.canvas.draw()

    # -- hover and saving ---------------------------------------------------------------

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
            return f"{short_date(day, year=False)}: " + ", ".join(parts) if parts else ""
        if chart_key == "sleep":
            hours = _value_on(insights.sleep.hours.dates, insights.sleep.hours.values, day)
            if hours is None:
                return ""
            return f"{short_date(day, year=False)}: {hours:g} h of sleep"
        if chart_key == "exposure":
            load = insights.exposure
            count = _value_on(load.dates, load.counts, day)
            if count is None:
                return ""
            return (
                f"{short_date(day, year=False)}: {int(count)} tagged "
                f"in the {EXPOSURE_WINDOW_DAYS} days to here"
            )
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
        self._settle_timer.stop()
        self._insights = None
        self._insights_key = None
        self._data_key = None
        for view in self._views:
            view.canvas.figure.clear()
            view.canvas.draw_idle()
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
