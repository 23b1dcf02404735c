"""Running slow work (Argon2id) off the UI thread, with the result delivered back on it."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal


class BackgroundTask(QObject):
    """Run ``work`` on a Python thread; ``succeeded`` or ``failed`` fire on the UI thread.

    Argon2 (through cffi) releases the GIL, so the window keeps painting and
    the busy indicator keeps moving while the key is derived.
    """

    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, work: Callable[[], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._work = work
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="took-home-worker", daemon=True)
        self._thread.start()

    def wait(self, timeout: float | None = None) -> None:
        if self._thread is not None:
            self._thread.join(timeout)

    def _run(self) -> None:
        try:
            result = self._work()
        except BaseException as error:  # noqa: BLE001 - handed to the UI thread as a value
            self.failed.emit(error)
        else:
            self.succeeded.emit(result)
