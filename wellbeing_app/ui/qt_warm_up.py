"""Make PySide6's Python types for Qt's classes while the key is being derived.

PySide6 makes the Python side of a Qt class (the class and its enums) the
first time it is needed, and when it meets an object of a class it has not
made yet, it makes every class of that Qt module at once. After an unlock,
the first page and the session guard meet such objects, and making the
types of QtCore, QtGui and QtWidgets cost that first page 40 to 100 ms on a
two-core machine. Argon2 takes about half a second after "Unlock", on a
worker thread, with the GUI thread idle: the types are made then, on the GUI
thread (never on another thread: PySide's types belong to the thread that
runs Qt), one module per turn of the event loop, once per process.
"""

from __future__ import annotations

import importlib

from PySide6.QtCore import QTimer

MODULES = ("PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets")
_queued: set[str] = set()


def make_qt_types(name: str) -> None:
    """Every class of one PySide6 module, made now (already made ones cost nothing)."""
    module = importlib.import_module(name)
    for attribute in dir(module):
        getattr(module, attribute)


def start_qt_warm_up() -> None:
    """Queue ``make_qt_types`` for each module, one per turn of the event loop, once."""
    for index, name in enumerate(MODULES):
        if name not in _queued:
            _queued.add(name)
            QTimer.singleShot(index, lambda n=name: make_qt_types(n))
