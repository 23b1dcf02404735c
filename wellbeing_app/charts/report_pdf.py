"""The PDF report for a GP or occupational health: A4 pages drawn with matplotlib's PDF backend.

Pages, in order: a cover (whose report, the range, what it is and is not,
the date made), a page of plain numbers (``domain.report``), then each
Trends chart on a page of its own with its one-sentence summary, drawn by
the same builders as the Trends page, as vector graphics. The reflections
follow only when the person ticks them in, listed by date.

The whole file is made in memory and written once, atomically and private
to the user (0600), where they chose: there is no temporary file of the
report anywhere. It is an export: it is not encrypted, and every place that
makes one says so.
"""

from __future__ import annotations

import dataclasses
import io
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Final

from wellbeing_app import APP_NAME, paths
from wellbeing_app.domain.catalogue import EXPOSURES, SHIFT_LABELS
from wellbeing_app.domain.checkin import CheckIn, oldest_first
from wellbeing_app.domain.dates import day_month_year, short_date
from wellbeing_app.domain.insights import Insights, Range, insights_for
from wellbeing_app.domain.report import NOT_A_CLINICAL_RECORD, ReportNumbers, report_numbers
from wellbeing_app.domain.rota import Rota
from wellbeing_app.domain.selfchecks import SelfCheck

if TYPE_CHECKING:
    from matplotlib.backends.backend_pdf import PdfPages
    from matplotlib.figure import Figure
    from matplotlib.layout_engine import LayoutEngine

    from wellbeing_app.charts.registry import Chart

A4_INCHES: Final = (8.27, 11.69)
MARGIN_INCHES: Final = 0.8
_CHAR_WIDTH_EM: Final = 0.56  # DejaVu Sans, a little over its average, so lines never run over
_LINE_SPACING: Final = 1.35
_TITLE_ROOM_INCHES: Final = 0.45  # between the top margin and a chart, for its title
INK: Final = "#1c2a30"
MUTED: Final = "#52636b"
NOT_ENCRYPTED: Final = (
    "This file is not encrypted: anyone who can open it can read it. Keep it somewhere safe, "
    "and delete it when it is no longer needed."
)


@dataclass(frozen=True, slots=True)
class ReportRequest:
    """What goes in a report: the days it covers, whose it is, and whether the words go in."""

    first: date
    last: date
    include_text: bool = False
    name: str = ""


@dataclass(frozen=True, slots=True)
class ReportMade:
    """A report written: how many check-ins it covers and how many pages it has."""

    checkins: int
    pages: int


class _Pages:
    """A4 pages written one after another, with a cursor for flowing text down a page."""

    def __init__(self, pdf: PdfPages, footer: str) -> None:
        self._pdf = pdf
        self._footer = footer
        self._page: Figure | None = None
        self._top = 0.0  # inches down from the top edge where the next line goes
        self.count = 0

    @property
    def width(self) -> float:
        return A4_INCHES[0] - 2 * MARGIN_INCHES

    def _figure(self, layout: LayoutEngine | None = None) -> Figure:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        figure = Figure(figsize=A4_INCHES, layout=layout)
        FigureCanvasAgg(figure)  # real text sizes while charts lay themselves out
        figure.set_facecolor("#ffffff")
        return figure

    def new_page(self) -> None:
        self.finish_page()
        self._page = self._figure()
        self._top = MARGIN_INCHES

    def finish_page(self) -> None:
        if self._page is None:
            return
        self.count += 1
        self._page.text(
            0.5,
            MARGIN_INCHES / 2 / A4_INCHES[1],
            f"{self._footer} · page {self.count}",
            ha="center",
            va="center",
            fontsize=8,
            color=MUTED,
        )
        self._pdf.savefig(self._page)  # type: ignore[no-untyped-call]
        self._page = None

    def text(
        self,
        text: str,
        *,
        size: float = 10.5,
        bold: bool = False,
        colour: str = INK,
        after: float = 0.08,
        keep_with: float = 0.0,
    ) -> None:
        """Flow ``text`` down the page, wrapped to the margins, onto a new page if need be.

        ``keep_with`` is how much room (inches) must follow the first line, so a
        heading never ends a page on its own.
        """
        per_line = max(20, int(self.width * 72 / (size * _CHAR_WIDTH_EM)))
        lines: list[str] = []
        for paragraph in text.splitlines() or [""]:
            lines += textwrap.wrap(paragraph, per_line, break_long_words=True) or [""]
        step = size * _LINE_SPACING / 72
        if self._page is None or self._top + step + keep_with > A4_INCHES[1] - MARGIN_INCHES:
            self.new_page()
        for line in lines:
            if self._top + step > A4_INCHES[1] - MARGIN_INCHES:
                self.new_page()
            assert self._page is not None
            self._top += step
            self._page.text(
                MARGIN_INCHES / A4_INCHES[0],
                1 - self._top / A4_INCHES[1],
                line,
                fontsize=size,
                fontweight="bold" if bold else "normal",
                color=colour,
                va="baseline",
            )
        self._top += after

    def gap(self, inches: float) -> None:
        self._top += inches

    def chart(self, chart: Chart, insights: Insights, sentence: str) -> None:
        """One chart on a page of its own, at the size Trends would give it, and its sentence."""
        from matplotlib.layout_engine import ConstrainedLayoutEngine

        from wellbeing_app.charts.palette import LIGHT

        self.finish_page()
        width, height = A4_INCHES
        chart_height = min(chart.height_for(insights, self.width), height * 0.6)
        chart_top = MARGIN_INCHES + _TITLE_ROOM_INCHES
        # The chart is laid out in a band across the top of the page, under its title.
        band = (
            MARGIN_INCHES / width,
            1 - (chart_top + chart_height) / height,
            self.width / width,
            chart_height / height,
        )
        page = self._figure(ConstrainedLayoutEngine(rect=band))
        chart.draw(page.add_subplot(), insights, LIGHT)
        # The builder puts the title at the figure's top: bring it inside the margins.
        page.suptitle(
            page.get_suptitle(),
            x=MARGIN_INCHES / width,
            y=1 - MARGIN_INCHES / height,
            ha="left",
            va="top",
            color=INK,
            fontsize=LIGHT.title_size + 1,
        )
        per_line = max(20, int(self.width * 72 / (11 * _CHAR_WIDTH_EM)))
        page.text(
            MARGIN_INCHES / width,
            1 - (chart_top + chart_height + 0.35) / height,
            textwrap.fill(sentence, per_line),
            va="top",
            fontsize=11,
            color=INK,
            linespacing=_LINE_SPACING,
        )
        self._page = page
        self.finish_page()


def _cover(pages: _Pages, request: ReportRequest, numbers: ReportNumbers, made_on: date) -> None:
    pages.new_page()
    pages.gap(1.6)
    pages.text(f"{APP_NAME}: a summary of my check-ins", size=20, bold=True, after=0.25)
    pages.text(
        f"Name: {request.name.strip()}" if request.name.strip() else "Name: " + "_" * 36,
        size=12,
        after=0.2,
    )
    pages.text(f"From {numbers.range_words}", size=12, after=0.2)
    pages.text(f"Made on {day_month_year(made_on)}", size=12, after=0.45)
    pages.text(NOT_A_CLINICAL_RECORD, size=11, after=0.2)
    pages.text(
        "Each check-in was written by me at the end of a shift or a rest day: a mood, and "
        "where I chose to, stress, energy, sleep, the shift and anything distressing. "
        "Scores are on a scale of 1 (very low) to 5 (very high). The charts and their "
        "sentences are the ones the app shows me.",
        size=11,
        colour=MUTED,
        after=0.2,
    )
    pages.text(
        "What I wrote in my own words is included."
        if request.include_text
        else "What I wrote in my own words is not included.",
        size=11,
        colour=MUTED,
    )


def _numbers_page(pages: _Pages, numbers: ReportNumbers) -> None:
    pages.new_page()
    pages.text("In numbers", size=16, bold=True, after=0.2)
    pages.text(f"From {numbers.range_words}.", size=10.5, colour=MUTED, after=0.2)
    for fact in numbers.facts():
        pages.text(f"{fact.label}: {fact.value}", size=11, after=0.04)
    if numbers.incidents:
        pages.gap(0.2)
        pages.text("Distressing incidents tagged, by kind", size=13, bold=True, keep_with=0.4)
        for code, times in numbers.incidents.items():
            pages.text(f"{EXPOSURES.get(code, code)}: {times}", size=11, after=0.04)


def _entries(pages: _Pages, checkins: Sequence[CheckIn]) -> None:
    written = [c for c in checkins if c.took_home or c.good_thing]
    pages.new_page()
    pages.text("In my own words", size=16, bold=True, after=0.2)
    if not written:
        pages.text("No reflections were written in this range.", size=11)
        return
    for checkin in written:
        heading = short_date(checkin.date)
        if checkin.shift_type is not None:
            heading += f" · {SHIFT_LABELS[checkin.shift_type]}"
        pages.text(heading, size=11, bold=True, after=0.03, keep_with=0.3)
        if checkin.took_home:
            pages.text(f"What I took home: {checkin.took_home}", size=10.5, after=0.03)
        if checkin.good_thing:
            pages.text(f"One good thing: {checkin.good_thing}", size=10.5, after=0.03)
        pages.gap(0.1)


def report_pdf(
    checkins: Sequence[CheckIn],
    request: ReportRequest,
    *,
    made_on: date,
    rota: Rota | None = None,
    selfchecks: Sequence[SelfCheck] = (),
) -> tuple[bytes, ReportMade]:
    """The report as PDF bytes (made in memory only), and what it holds."""
    from matplotlib import rc_context
    from matplotlib.backends.backend_pdf import PdfPages

    from wellbeing_app.charts.registry import CHARTS, sentence_for

    chosen = sorted(
        (c for c in checkins if request.first <= c.date <= request.last), key=oldest_first
    )
    numbers = report_numbers(chosen, request.first, request.last)
    insights = insights_for(
        chosen, request.last, Range.ALL, since=request.first, rota=rota, selfchecks=selfchecks
    )
    if insights.pattern is not None:
        changeovers = insights.pattern.changeovers
        numbers = dataclasses.replace(
            numbers, quick_changeovers=(len(changeovers.quick), changeovers.changeovers)
        )
    buffer = io.BytesIO()
    title = f"{APP_NAME} report, {numbers.range_words}"
    # Fonts as TrueType, not Type 3: the text can be searched, copied and read aloud.
    with (
        rc_context({"pdf.fonttype": 42}),
        PdfPages(
            buffer, metadata={"Title": title, "Creator": APP_NAME, "Subject": NOT_A_CLINICAL_RECORD}
        ) as pdf,
    ):
        pages = _Pages(pdf, f"{APP_NAME} · {numbers.range_words} · not a clinical record")
        _cover(pages, request, numbers, made_on)
        _numbers_page(pages, numbers)
        for chart in CHARTS:
            if chart.shows(insights):
                sentence = sentence_for(chart, insights)
                if chart.key == "selfchecks" and insights.selfchecks is not None:
                    sentence += " " + " ".join(insights.selfchecks.credits)
                pages.chart(chart, insights, sentence)
        if request.include_text:
            _entries(pages, chosen)
        pages.finish_page()
    return buffer.getvalue(), ReportMade(numbers.checkins, pages.count)


def write_report(
    checkins: Sequence[CheckIn],
    request: ReportRequest,
    target: Path,
    *,
    made_on: date,
    rota: Rota | None = None,
    selfchecks: Sequence[SelfCheck] = (),
) -> ReportMade:
    """Make the report and write it to ``target`` in one atomic, private (0600) write."""
    data, made = report_pdf(checkins, request, made_on=made_on, rota=rota, selfchecks=selfchecks)
    paths.write_atomically(target, data)
    return made
