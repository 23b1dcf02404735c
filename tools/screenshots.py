"""Make the README screenshots from the real app, offscreen, so they stay current.

    python tools/screenshots.py [--out docs/screenshots]

Each screen is shot in light and dark: first run, the check-in (part filled
in with made-up answers), the lock screen and "Get help now", then every
page on the demo's made-up check-ins. Every screen is shot at the default
window size (NAME-THEME.png), which the README shows, and at 800x600 and
1280x800 (NAME-THEME-800x600.png …), the sizes the layout tests check.
Everything runs in throw-away folders; no real vault is touched.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from wellbeing_app.domain.catalogue import ShiftType  # noqa: E402
from wellbeing_app.kdf import KdfParams  # noqa: E402
from wellbeing_app.services.preferences import Preferences, Theme, save_preferences  # noqa: E402
from wellbeing_app.ui.app import build_window, make_application, open_demo  # noqa: E402
from wellbeing_app.ui.main_window import MainWindow  # noqa: E402

SIZE = (1000, 760)
OTHER_SIZES = ((800, 600), (1280, 800))
DEMO_PAGES = (
    "Today",
    "Check in",
    "Journal",
    "Trends",
    "Self-checks",
    "Wind down",
    "Support",
    "Settings",
)
# Screenshots only: a cheap KDF so the script runs in seconds.
QUICK_KDF = KdfParams(time_cost=1, memory_kib=8 * 1024, parallelism=1)
PASSPHRASE = "screenshot lantern harbour"


def settle(app: QApplication, until: Callable[[], bool] | None = None) -> None:
    """Let Qt catch up, and wait (up to 20 s) for ``until`` if given."""
    deadline = time.monotonic() + 20
    app.processEvents()
    while until is not None and not until() and time.monotonic() < deadline:
        time.sleep(0.01)
        app.processEvents()
    app.processEvents()


def shoot(widget: QWidget, path: Path) -> None:
    widget.grab().save(str(path))
    print(f"wrote {path.relative_to(REPO_ROOT) if path.is_relative_to(REPO_ROOT) else path}")


def named(path: Path, size: tuple[int, int]) -> Path:
    """NAME-THEME.png at the default size, NAME-THEME-800x600.png at the others."""
    return path if size == SIZE else path.with_name(f"{path.stem}-{size[0]}x{size[1]}.png")


def at_every_size(app: QApplication, window: QWidget, path: Path) -> None:
    """The window as it is now, at each size the layout tests check; back to the default."""
    for size in (*OTHER_SIZES, SIZE):
        window.resize(*size)
        settle(app)
        shoot(window, named(path, size))


def fill_example(window: MainWindow) -> None:
    page = window.checkin_page
    assert page is not None
    page.shift_type.setCurrentIndex(page.shift_type.findData(ShiftType.NIGHT.value))
    page.hours_worked.setHours(10)
    page.overtime.setHours(1.5)
    page.took_break.setValue(False)
    page.scales["mood"].setValue(2)
    page.scales["stress"].setValue(4)
    page.scales["energy"].setValue(2)
    page.sleep_hours.setHours(5.5)
    page.scales["sleep_quality"].setValue(2)
    page.exposures.setSelected(("sudden_death",))


def run(out: Path) -> None:
    app = make_application()
    out.mkdir(parents=True, exist_ok=True)
    for theme in (Theme.LIGHT, Theme.DARK):
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "vault"
            save_preferences(folder, Preferences(theme=theme))
            window = build_window(app, folder, kdf=QUICK_KDF)
            window.resize(*SIZE)
            window.show()
            settle(app)
            first_run = window.first_run
            assert first_run is not None
            at_every_size(app, window, out / f"first-run-{theme.value}.png")
            first_run.start_button.click()
            first_run.passphrase.setText(PASSPHRASE)
            first_run.confirm.setText(PASSPHRASE)
            first_run.create_button.click()
            settle(app, lambda fr=first_run: fr.steps.currentIndex() == 2)
            first_run.written_down.setChecked(True)
            first_run.continue_button.click()
            settle(app)
            window.show_page("Check in")
            fill_example(window)
            settle(app)
            at_every_size(app, window, out / f"check-in-{theme.value}.png")
            window.lock()
            settle(app)
            at_every_size(app, window, out / f"lock-{theme.value}.png")
            for size in (SIZE, *OTHER_SIZES):
                window.resize(*size)
                dialog = window.show_urgent_help()
                settle(app)
                shoot(dialog, named(out / f"get-help-now-{theme.value}.png", size))
                dialog.close()
                settle(app)
            window.close()
            settle(app)
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "demo"
            save_preferences(folder, Preferences(theme=theme))
            window = open_demo(app, folder, kdf=QUICK_KDF)
            window.resize(*SIZE)
            window.show()
            settle(app)
            journal = window.journal_page
            assert journal is not None
            journal.search.setText("team")
            journal.apply_filters()
            for size in (SIZE, *OTHER_SIZES):
                window.resize(*size)
                for title in DEMO_PAGES:
                    if title == "Check in":
                        continue  # the check-in, part filled in, is shot above
                    window.show_page(title)
                    settle(app)
                    if title == "Trends":
                        assert window.trends_page is not None
                        window.trends_page.draw_now()
                        settle(app)
                    name = title.lower().replace(" ", "-")
                    shoot(window, named(out / f"{name}-{theme.value}.png", size))
                extra_screens(app, window, out, theme.value, size)
                wind_down_screens(app, window, out, theme.value, size)
            window.close()
            settle(app)


def extra_screens(
    app: QApplication, window: MainWindow, out: Path, theme: str, size: tuple[int, int]
) -> None:
    """A self-check's first question and its result, and Settings at Your rota with the
    pattern editor and its four-week preview."""
    from datetime import date

    from PySide6.QtWidgets import QScrollArea

    from wellbeing_app.ui.rota_dialogs import PatternDialog

    window.show_page("Self-checks")
    page = window.selfchecks_page
    assert page is not None and window.session is not None
    page.start_buttons["gad7"].click()
    settle(app)
    shoot(window, named(out / f"selfcheck-question-{theme}.png", size))
    for value in (1, 0, 2, 1, 0, 1, 0):
        assert page._current_answers is not None
        page._current_answers.buttons[value].click()
    settle(app)
    shoot(window, named(out / f"selfcheck-result-{theme}.png", size))
    page.show_choices()
    window.show_page("Settings")
    settings = window.settings_page
    assert settings is not None
    scroll = settings.findChild(QScrollArea)
    assert scroll is not None
    settle(app)
    scroll.ensureWidgetVisible(settings.rota, 0, 0)
    scroll.verticalScrollBar().setValue(settings.rota.y())
    settle(app)
    shoot(window, named(out / f"settings-rota-{theme}.png", size))
    rota = window.session.rota()
    dialog = PatternDialog(rota.pattern if rota is not None else None, date.today(), window)
    dialog.resize(min(size[0] - 40, 640), size[1] - 40)
    dialog.show()
    settle(app)
    shoot(dialog, named(out / f"rota-pattern-{theme}.png", size))
    dialog.close()


def wind_down_screens(
    app: QApplication, window: MainWindow, out: Path, theme: str, size: tuple[int, int]
) -> None:
    """Each after-shift tool: breathing (its choices, the circle part-way through a breath,
    and the countdown), grounding, the routine, the sleep plan, and the rating after with
    the talk card; then Trends at "What helps you"."""
    from wellbeing_app.ui.wind_down_page import WindDownPage

    clock = [0.0]
    window.show_page("Wind down")
    page = window.wind_down_page
    assert isinstance(page, WindDownPage)
    page.breathing._clock = lambda: clock[0]  # a still frame: 2.5 s into breathing in
    page.open_tool("paced_breathing", pattern="slow", minutes=2)
    settle(app)
    shoot(window, named(out / f"wind-down-before-{theme}.png", size))
    for motion, name in ((False, "breathing"), (True, "breathing-countdown")):
        page.reduce_motion.setChecked(motion)
        clock[0] = 0.0
        page.before.go.emit()
        clock[0] = 2.5
        page.breathing.tick()
        page.breathing.timer.stop()
        settle(app)
        shoot(window, named(out / f"wind-down-{name}-{theme}.png", size))
        page.show_menu()
        page.open_tool("paced_breathing")
    page.reduce_motion.setChecked(False)
    page.open_tool("grounding")
    page.before.go.emit()
    page.grounding.line.setText("the kettle, a blue mug, the back door")
    settle(app)
    shoot(window, named(out / f"wind-down-grounding-{theme}.png", size))
    page.stop()
    page.after.scale.setValue(8)
    settle(app)
    shoot(window, named(out / f"wind-down-after-{theme}.png", size))
    page.after.back.emit()
    for tool, name in (("switch_off", "routine"), ("sleep_plan", "sleep-plan")):
        page.open_tool(tool)
        page.before.go.emit()
        if tool == "switch_off":
            page.routine.boxes[0].setChecked(True)
        settle(app)
        shoot(window, named(out / f"wind-down-{name}-{theme}.png", size))
        page.stop()
        page.after.back.emit()
    window.show_page("Trends")
    trends = window.trends_page
    assert trends is not None
    trends.draw_now()
    settle(app)
    trends.scroller.ensureWidgetVisible(trends.what_helps, 0, 0)
    settle(app)
    shoot(window, named(out / f"trends-what-helps-{theme}.png", size))
    trends.scroller.verticalScrollBar().setValue(0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "docs" / "screenshots")
    run(parser.parse_args().out.absolute())
    return 0


if __name__ == "__main__":
    sys.exit(main())
