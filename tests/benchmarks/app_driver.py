"""Child process for the benchmark: starts the app (or a bare window) and reports timings.

    app_driver.py bare                 a bare PySide6 window, shown
    app_driver.py startup DIR          Took Home's first window (the lock screen), shown
    app_driver.py session DIR          unlock with the passphrase on stdin, then report

Prints one JSON line. Times are wall-clock (time.time()), so the parent can
measure from the moment it started this process.

``session`` shows the lock screen for ``TYPING_S``, as while a passphrase is
typed, then presses Unlock. It reports, among others, ``charts_first_view_ms``: from
``show_page("Trends")`` until the charts in view are built and painted, with
matplotlib loaded and the charts drawn for other data (as after a new
check-in); and ``charts_first_open_ms``, the same for the first time Trends
opens in the process, matplotlib's import (about 0.6 s) included.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


TYPING_S = 1.5  # from the lock screen shown to "Unlock" pressed


def peak_rss_mb() -> float:
    """This process's own peak memory (VmHWM).

    Not ru_maxrss: Linux carries the parent's peak across fork and exec into
    ru_maxrss, so a child started by a big benchmark process would report the
    parent's memory, not its own.
    """
    try:
        for line in open("/proc/self/status", encoding="ascii"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def paint_charts_in_view(app: Any, trends: Any) -> None:
    """Process events until every chart in the Trends page's view is built and painted.

    A chart is built and rendered in its own paint event, so once the charts
    in view are current, the event that made them so has also painted them.
    """
    deadline = time.monotonic() + 30
    app.processEvents()
    while not all(trends.is_current(view) for view in trends.charts_in_view()):
        if time.monotonic() > deadline:
            raise SystemExit("the charts in view were never painted")
        app.processEvents()


def bare() -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    app = QApplication(sys.argv[:1])
    window = QWidget()
    window.resize(1000, 760)
    window.show()

    def shown() -> None:
        print(json.dumps({"shown_at": time.time()}))
        app.quit()

    QTimer.singleShot(0, shown)
    app.exec()


def startup(folder: str) -> None:
    """The real entry point, ``wellbeing-app --data-dir DIR``, up to its first window."""
    from wellbeing_app.cli import main

    def shown(window: object) -> None:
        from PySide6.QtWidgets import QApplication

        print(json.dumps({"shown_at": time.time()}))
        QApplication.quit()

    sys.exit(main(["--data-dir", folder], on_shown=shown))


def session(folder: str) -> None:
    from pathlib import Path

    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from wellbeing_app.ui.app import build_window, make_application

    passphrase = sys.stdin.readline().rstrip("\n")
    app = make_application()
    window = build_window(app, Path(folder))
    window.show()
    app.processEvents()
    screen = window.unlock_screen
    # The passphrase is typed with the lock screen up and the event loop running
    # (the app loads a session's code meanwhile). TYPING_S is quick: a person
    # types this 33-character passphrase in 5 s or more.
    typing = QEventLoop()
    QTimer.singleShot(int(TYPING_S * 1000), typing.quit)
    typing.exec()
    screen.field.setText(passphrase)
    # Wait in an event loop, as the app does in app.exec(): a loop polling the
    # events every millisecond would take CPU from Argon2's two lanes.
    waiting = QEventLoop()
    screen.unlocked.connect(lambda *_: waiting.quit())  # after the window's own slot
    failed: list[str] = []

    def check_failed() -> None:
        if screen.busy_task() is None and not window.is_unlocked:
            failed.append(screen.message.text())
            waiting.quit()

    watch = QTimer()
    watch.timeout.connect(check_failed)
    watch.start(50)
    start = time.perf_counter()
    screen.start_unlock()
    if not window.is_unlocked:
        waiting.exec()
    watch.stop()
    if failed:
        raise SystemExit(f"unlock failed: {failed[0]}")
    app.processEvents()  # the first page is laid out and painted
    unlocked_ms = (time.perf_counter() - start) * 1000
    # Opening the journal: from the click in the navigation to its first screen painted.
    start = time.perf_counter()
    window.show_page("Journal")
    app.processEvents()
    journal = window.journal_page
    assert journal is not None and journal.model.rowCount() > 0
    journal.list.viewport().repaint()
    journal_ms = (time.perf_counter() - start) * 1000

    # Trends, the first time: matplotlib loads, then the charts in view are drawn.
    from wellbeing_app.domain.insights import Range

    start = time.perf_counter()
    window.show_page("Trends")
    trends = window.trends_page
    assert trends is not None
    paint_charts_in_view(app, trends)
    first_open_ms = (time.perf_counter() - start) * 1000
    # Opening Trends again on charts drawn for other data (as after a new check-in, or a
    # new unlock with matplotlib loaded): only the charts in view are built and painted.
    first_views = []
    for _ in range(3):
        window.show_page("Journal")
        app.processEvents()
        trends.forget()
        start = time.perf_counter()
        window.show_page("Trends")
        paint_charts_in_view(app, trends)
        first_views.append((time.perf_counter() - start) * 1000)
    # Every chart for 12 months, then switching range (what is on screen).
    charts, switches = [], []
    for _ in range(3):
        trends.set_range(Range.THREE_MONTHS)
        trends.draw_now()
        start = time.perf_counter()
        trends.set_range(Range.TWELVE_MONTHS)
        trends.draw_now()
        charts.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        trends.set_range(Range.THREE_MONTHS)
        paint_charts_in_view(app, trends)  # the charts in view; the rest when scrolled to
        switches.append((time.perf_counter() - start) * 1000)
    window.lock()
    window.close()
    QApplication.processEvents()
    peak_mb = peak_rss_mb()
    print(
        json.dumps(
            {
                "unlock_to_dashboard_ms": unlocked_ms,
                "journal_open_ms": journal_ms,
                "charts_first_view_ms": sorted(first_views)[1],
                "charts_first_open_ms": first_open_ms,
                "charts_12m_ms": sorted(charts)[1],
                "range_switch_ms": sorted(switches)[1],
                "peak_rss_mb": peak_mb,
            }
        )
    )


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "bare":
        bare()
    elif mode == "startup":
        startup(sys.argv[2])
    else:
        session(sys.argv[2])
