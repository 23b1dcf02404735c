"""Trends: ranges and sentences, charts drawn as they come into view and sized to the window,
lazy matplotlib, saving charts; and the demo."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.support import FAST_KDF, REPO_ROOT
from tests.ui.conftest import ScriptedPrompts
from tests.unit.charts.chart_support import CHART_WIDTHS, text_problems
from wellbeing_app import paths
from wellbeing_app.domain.insights import Range
from wellbeing_app.ui.app import open_demo
from wellbeing_app.ui.main_window import MainWindow

WINDOW_SIZES = ((800, 600), (1000, 760), (1280, 800))


def _demo(qtbot: QtBot, qapp, tmp_path: Path, prompts: ScriptedPrompts) -> MainWindow:  # type: ignore[no-untyped-def]
    window = open_demo(qapp, tmp_path / "demo", kdf=FAST_KDF, prompts=prompts)  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_switching_ranges_updates_the_sentences(
    qtbot: QtBot, qapp, tmp_path: Path, prompts: ScriptedPrompts
) -> None:
    window = _demo(qtbot, qapp, tmp_path, prompts)
    window.show_page("Trends")
    page = window.trends_page
    assert page is not None and page.current_range() is Range.THREE_MONTHS
    sentences = [view.sentence.text() for view in page.shown_views()]
    assert all(sentences) and "last 3 months" in sentences[0]
    with qtbot.waitSignal(page.redrawn):
        qtbot.mouseClick(page.range_buttons[Range.FOUR_WEEKS], Qt.MouseButton.LeftButton)
    four_weeks = [view.sentence.text() for view in page.shown_views()]
    assert "last 4 weeks" in four_weeks[0] and four_weeks != sentences
    # Each chart's sentence is also its accessible description.
    for view in page.shown_views():
        assert view.canvas.accessibleDescription() == view.sentence.text()
    window.close()


def test_charts_redraw_only_when_their_data_changes(
    qtbot: QtBot, qapp, tmp_path: Path, prompts: ScriptedPrompts
) -> None:
    window = _demo(qtbot, qapp, tmp_path, prompts)
    window.show_page("Trends")
    page = window.trends_page
    assert page is not None
    page.draw_now()  # charts out of view are otherwise built when scrolled to
    builds = [view.builds for view in page.shown_views()]
    window.show_page("Journal")
    window.show_page("Trends")  # nothing changed: the same drawings stay
    page.draw_now()
    assert [view.builds for view in page.shown_views()] == builds
    form = window.checkin_page
    assert form is not None
    window.show_page("Check in")
    form.scales["mood"].setValue(1)
    assert form.save() is not None
    window.show_page("Trends")  # a new check-in: drawn again, once each
    page.draw_now()
    assert [view.builds for view in page.shown_views()] == [count + 1 for count in builds]
    window.close()


def _painted(page) -> bool:  # type: ignore[no-untyped-def]
    return all(page.is_current(view) for view in page.charts_in_view())


def test_trends_draws_the_charts_in_view_and_the_rest_as_they_scroll_into_view(
    qtbot: QtBot, qapp, tmp_path: Path, prompts: ScriptedPrompts
) -> None:
    window = _demo(qtbot, qapp, tmp_path, prompts)
    window.resize(1000, 760)
    window.show_page("Trends")
    page = window.trends_page
    assert page is not None
    qtbot.waitUntil(lambda: _painted(page))
    in_view = page.charts_in_view()
    assert in_view and len(in_view) < len(page.shown_views())
    assert [view.builds for view in page.shown_views()] == [
        1 if view in in_view else 0 for view in page.shown_views()
    ]
    last = page.shown_views()[-1]
    assert last not in in_view and not page.is_current(last)
    bar = page.scroller.verticalScrollBar()
    bar.setValue(bar.maximum())  # down to "What your shifts involved"
    qtbot.waitUntil(lambda: page.is_current(last))
    assert last in page.charts_in_view() and last.builds == 1
    with qtbot.waitSignal(page.redrawn):
        qtbot.mouseClick(page.range_buttons[Range.TWELVE_MONTHS], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _painted(page))
    assert last.builds == 2  # in view now, so drawn for the new range at once
    page.draw_now()  # the benchmark's and saving's way: everything, now
    assert all(page.is_current(view) for view in page.shown_views())
    window.close()


def test_charts_take_the_width_the_window_gives_them_and_their_text_reads_well(
    qtbot: QtBot, qapp, tmp_path: Path, prompts: ScriptedPrompts
) -> None:
    window = _demo(qtbot, qapp, tmp_path, prompts)
    window.show_page("Trends")
    page = window.trends_page
    assert page is not None
    page.set_range(Range.TWELVE_MONTHS)
    for (width, height), dark in itertools.product(WINDOW_SIZES, (False, True)):
        window.resize(width, height)
        page.set_dark(dark)
        qtbot.waitUntil(lambda w=width: page.chart_width() == CHART_WIDTHS[w])
        qtbot.waitUntil(lambda: _painted(page))
        page.draw_now()
        for view in page.shown_views():
            assert view.canvas.width() == CHART_WIDTHS[width]
            figure = view.canvas.figure
            assert round(figure.bbox.width) == view.canvas.width() * view.canvas.devicePixelRatio()
            assert (
                round(figure.bbox.height) == view.canvas.height() * view.canvas.devicePixelRatio()
            )
            assert text_problems(figure) == [], (width, dark, view.chart.key)
        # There is room for the sentences beside the charts only in the widest window.
        sentence = page.shown_views()[0].sentence
        beside = sentence.mapTo(page.body, sentence.rect().topLeft()).x() > CHART_WIDTHS[width]
        assert beside is (width == 1280)
    window.close()


def test_save_as_png_and_hover_values(
    qtbot: QtBot, qapp, tmp_path: Path, prompts: ScriptedPrompts
) -> None:
    from matplotlib import dates as mdates

    window = _demo(qtbot, qapp, tmp_path, prompts)
    window.show_page("Trends")
    page = window.trends_page
    assert page is not None
    prompts.save_answer = tmp_path / "mood.png"
    saved = page.save_png(page.shown_views()[0])
    assert saved == prompts.save_answer and saved.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert saved.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")) == []
    # A folder where the picture should go: a calm message, nothing left behind.
    prompts.save_answer = tmp_path / "taken.png"
    prompts.save_answer.mkdir()
    assert page.save_png(page.shown_views()[0]) is None
    assert "could not be saved" in page.notice.text()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")) == []
    insights = page.insights()
    assert insights is not None
    day = insights.scores.mood.dates[-1]
    text = page.tooltip_for("scores", mdates.date2num(day))
    assert text.startswith(day.strftime("%a %-d %b")) and "mood" in text
    assert page.tooltip_for("scores", None) == ""
    window.close()


def test_the_demo_is_labelled_and_never_touches_the_real_data_folder(
    qtbot: QtBot, qapp, tmp_path: Path, prompts: ScriptedPrompts
) -> None:
    real = paths.resolve_data_dir()
    window = _demo(qtbot, qapp, tmp_path, prompts)
    assert "DEMO" in window.windowTitle()
    assert window.demo_badge.isVisible() and "not your data" in window.demo_badge.text()
    assert window.is_unlocked
    window.lock()
    assert window.demo_badge.isVisible()  # on the lock screen too
    assert "demo" in window.unlock_screen.prompt.text().lower()
    window.close()
    assert not real.exists()


def test_matplotlib_loads_only_when_trends_opens(tmp_path: Path) -> None:
    probe = f"""
import sys, time
from pathlib import Path
from wellbeing_app.ui.app import make_application, open_demo
from wellbeing_app.kdf import KdfParams
app = make_application()
window = open_demo(app, Path({str(tmp_path / "demo")!r}),
                   kdf=KdfParams(time_cost=1, memory_kib=8192, parallelism=1))
window.show(); app.processEvents()
before = "matplotlib" in sys.modules
window.show_page("Journal"); app.processEvents()
still = "matplotlib" in sys.modules
window.show_page("Trends"); app.processEvents()
print(before, still, "matplotlib" in sys.modules, "matplotlib.pyplot" in sys.modules)
"""
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "False", "True", "False"]


def test_demo_flag_refuses_a_command(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "wellbeing_app", "--demo", "check"],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        timeout=60,
    )
    assert done.returncode == 2 and "--demo" in done.stderr
