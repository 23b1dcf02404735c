"""PySide6's types are made on the GUI thread while the key is derived, once per process."""

from __future__ import annotations

import enum
import threading

import pytest
from pytestqt.qtbot import QtBot

from wellbeing_app.ui import qt_warm_up


def test_the_warm_up_makes_every_type_on_the_gui_thread_once(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    made_on: list[str] = []
    real = qt_warm_up.make_qt_types

    def spy(name: str) -> None:
        made_on.append(threading.current_thread().name)
        real(name)

    monkeypatch.setattr(qt_warm_up, "make_qt_types", spy)
    monkeypatch.setattr(qt_warm_up, "_queued", set())
    qt_warm_up.start_qt_warm_up()
    qt_warm_up.start_qt_warm_up()  # a second unlock queues nothing more
    qtbot.waitUntil(lambda: len(made_on) == len(qt_warm_up.MODULES))
    qtbot.wait(20)
    assert made_on == [threading.main_thread().name] * len(qt_warm_up.MODULES)

    created: list[str] = []
    create = enum.EnumType._create_

    def counting(cls, class_name, *args, **kwargs):  # type: ignore[no-untyped-def]
        created.append(class_name)
        return create(cls, class_name, *args, **kwargs)

    monkeypatch.setattr(enum.EnumType, "_create_", counting)
    from PySide6 import QtCore

    assert QtCore.QProcess.ProcessState.Running is not None  # made already: no new enum
    assert created == []
