"""Starting the desktop app. Nothing heavy is imported on the way to the first window."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from wellbeing_app import APP_NAME
from wellbeing_app.services.preferences import load_preferences
from wellbeing_app.ui.keyboard import ButtonsTakeEnter
from wellbeing_app.ui.main_window import MainWindow

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon

    from wellbeing_app.kdf import KdfParams
    from wellbeing_app.ui.prompts import Prompts
    from wellbeing_app.ui.tray import Tray
from wellbeing_app.ui.single_instance import SingleInstance
from wellbeing_app.ui.theme import (
    DARK,
    FUSION,
    Colours,
    apply_theme,
    confirm_scheme,
    style_is_set,
)

DESKTOP_ID = "io.github.took_home.TookHome"
# This long after the first window is made (it is on screen by then), its colours
# are checked against the desktop's reported colour scheme: see ``theme.confirm_scheme``.
SCHEME_CHECK_MS: Final = 300


def app_icon() -> QIcon:
    from PySide6.QtGui import QIcon, QPixmap

    from wellbeing_app.resource_files import read_resource_bytes

    pixmap = QPixmap()
    pixmap.loadFromData(read_resource_bytes("icons", "took-home.svg"), "SVG")
    return QIcon(pixmap)


def make_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    # Fusion from the command line: Qt makes the style in C++, so Python never
    # wraps a QStyle (and builds its hundreds of enum members) before the first window.
    app = QApplication([*(argv if argv is not None else sys.argv[:1]), "-style", FUSION])
    style_is_set(app)
    app.setApplicationName("wellbeing-app")
    app.setOrganizationName("took-home")
    app.setDesktopFileName(DESKTOP_ID)
    return app


def build_window(
    app: QApplication,
    folder: Path,
    *,
    kdf: KdfParams | None = None,
    demo: bool = False,
    prompts: Prompts | None = None,
) -> MainWindow:
    """The themed main window for ``folder``, following the OS theme if asked to."""
    prefs = load_preferences(folder)
    apply_theme(app, prefs.theme, first_window=True)
    window = MainWindow(folder, prefs, kdf=kdf, demo=demo, prompts=prompts)
    ButtonsTakeEnter(window)  # Enter presses the focused button outside dialogs too

    def follow(colours: Colours | None) -> None:
        trends_page = window.page_if_made("Trends")  # a page not made yet starts right
        if colours is not None and trends_page is not None:
            trends_page.set_dark(colours is DARK)  # type: ignore[attr-defined]

    def os_theme_changed() -> None:
        # The same check for the first window's palette-chosen colours and for a
        # change of scheme later: the colours change only if they must.
        follow(confirm_scheme(app, window.prefs.theme))

    app.styleHints().colorSchemeChanged.connect(os_theme_changed)
    check = QTimer(window)
    check.setSingleShot(True)
    check.timeout.connect(os_theme_changed)
    check.start(SCHEME_CHECK_MS)
    return window


def run_app(
    folder: Path,
    *,
    on_shown: Callable[[MainWindow], None] | None = None,
    in_tray: bool = False,
) -> int:
    """Open the desktop app on ``folder`` and run until it closes; returns the exit code.

    With ``in_tray`` (as when started at login) it starts locked in the tray
    without a window, where the desktop has a tray; elsewhere the window shows.
    """
    app = make_application()
    instance = SingleInstance(folder)
    if instance.may_be_running() and instance.notify_running():
        return 0
    window = build_window(app, folder)
    if in_tray:
        from wellbeing_app.ui.tray import tray_available  # the tray follows at once anyway

        in_tray = tray_available()
    if not in_tray:
        window.show()
    refused: list[str] = []

    def after_shown() -> None:
        # The window is on screen now (the benchmark's "shown" moment). Then,
        # still before anything can touch the vault (an unlock needs a click):
        if on_shown is not None:
            on_shown(window)
        problem = sqlcipher_problem()
        if problem is not None:
            from PySide6.QtWidgets import QMessageBox

            refused.append(problem)
            window.hide()
            QMessageBox.critical(None, APP_NAME, f"{APP_NAME} cannot start safely: {problem}.")
            app.quit()
            return
        if not instance.listen():
            # Another launch won the race to the same folder: it comes forward instead.
            window.hide()
            app.quit()
            return
        instance.activated.connect(window.bring_forward)
        app.setWindowIcon(app_icon())
        add_tray(window)  # made after the window is up: the reminder code loads then

    QTimer.singleShot(0, after_shown)
    try:
        code = app.exec()
    finally:
        instance.close()
    return 1 if refused else code


def add_tray(window: MainWindow) -> Tray | None:
    """The tray icon and the reminder check, where the desktop has a tray; else None."""
    from wellbeing_app.ui.tray import Tray, tray_available

    return Tray(window) if tray_available() else None


def open_demo(
    app: QApplication, folder: Path, *, kdf: KdfParams | None = None, prompts: Prompts | None = None
) -> MainWindow:
    """A window on a new demo vault in ``folder`` (a throw-away folder), already unlocked."""
    from wellbeing_app.kdf import DEFAULT_KDF
    from wellbeing_app.services.demo import create_demo_session

    session = create_demo_session(folder, kdf=kdf or DEFAULT_KDF)
    window = build_window(app, folder, kdf=kdf, demo=True, prompts=prompts)
    window.open_unlocked(session)
    return window


SIGNAL_POLL_MS = 200


@contextmanager
def quit_on_stop_signals(app: QApplication) -> Iterator[list[int]]:
    """While inside, SIGTERM and SIGINT close the windows and end ``app.exec()``.

    Yields the list of signals received, so the caller can skip the event loop
    when one came before it started. Cleanup after ``exec()`` then runs as it
    does when the window is closed. Python runs a signal handler only when the
    interpreter has control, and Qt's event loop is C++: a timer hands control
    back a few times a second.
    """
    import signal

    received: list[int] = []

    def stop() -> None:
        app.closeAllWindows()  # each window locks its vault, as on a normal close
        app.quit()

    def handle(signum: int, _frame: object) -> None:
        received.append(signum)
        # Posted, not called: it also ends an event loop that has not started yet.
        QTimer.singleShot(0, stop)

    stop_signals = (signal.SIGTERM, signal.SIGINT)
    previous = {number: signal.signal(number, handle) for number in stop_signals}
    ticker = QTimer()
    ticker.setInterval(SIGNAL_POLL_MS)
    ticker.timeout.connect(lambda: None)
    ticker.start()
    try:
        yield received
    finally:
        ticker.stop()
        for number, handler in previous.items():
            signal.signal(number, handler)


def run_demo() -> int:
    """``wellbeing-app --demo``: the app on made-up data in a temporary folder, deleted after.

    The folder goes when the window closes and on SIGTERM or SIGINT (then the
    exit code is 128 + the signal's number, as a shell reports it); one left by
    a demo killed outright is swept at the next demo's start.
    """
    import shutil

    from wellbeing_app.services.demo import make_demo_folder, sweep_stale_demo_folders

    app = make_application()
    problem = sqlcipher_problem()
    if problem is not None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(None, APP_NAME, f"{APP_NAME} cannot start safely: {problem}.")
        return 1
    sweep_stale_demo_folders()
    with quit_on_stop_signals(app) as received:
        root = make_demo_folder()
        try:
            window = open_demo(app, root / "vault")
            code = 0
            if not received:
                window.show()
                app.setWindowIcon(app_icon())
                code = app.exec()
            else:
                window.close()
        finally:
            shutil.rmtree(root, ignore_errors=True)
    return 128 + received[0] if received else code


def sqlcipher_problem() -> str | None:
    """Why the SQLCipher build cannot be trusted, or None (checked once per process)."""
    from wellbeing_app.services.errors import storage_build_problem

    return storage_build_problem()
