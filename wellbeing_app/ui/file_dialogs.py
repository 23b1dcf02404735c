"""File dialogs that leave no trail: no recent files, no remembered folders.

Qt's own file dialog saves its history and last folder to ``QtProject.conf``
when it closes, and a native dialog can add the file to the desktop's
recent-files list. We use Qt's widget dialog, delete it as soon as it has
answered, and then remove what it wrote to ``QtProject.conf``.
"""

from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QWidget

_QT_GROUP = "FileDialog"


def _scrub_qt_history(existed_before: bool) -> None:
    settings = QSettings(QSettings.Scope.UserScope, "QtProject")
    settings.remove(_QT_GROUP)
    settings.sync()
    path = Path(settings.fileName())
    if not existed_before and path.exists() and not settings.allKeys():
        path.unlink(missing_ok=True)


def ask_save_path(
    parent: QWidget | None, title: str, suggested: Path, name_filter: str
) -> Path | None:
    """Ask where to save a file; None if the user cancels."""
    return _ask(parent, title, suggested, name_filter, QFileDialog.AcceptMode.AcceptSave)


def ask_open_path(
    parent: QWidget | None, title: str, folder: Path, name_filter: str
) -> Path | None:
    """Ask which file to open; None if the user cancels."""
    return _ask(parent, title, folder, name_filter, QFileDialog.AcceptMode.AcceptOpen)


def ask_folder(parent: QWidget | None, title: str, start: Path) -> Path | None:
    """Ask for an existing folder; None if the user cancels."""
    return _ask(parent, title, start, "", QFileDialog.AcceptMode.AcceptOpen, folder=True)


def _ask(
    parent: QWidget | None,
    title: str,
    start: Path,
    name_filter: str,
    mode: QFileDialog.AcceptMode,
    *,
    folder: bool = False,
) -> Path | None:
    existed = Path(QSettings(QSettings.Scope.UserScope, "QtProject").fileName()).exists()
    dialog = QFileDialog(parent, title, str(start), name_filter)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setAcceptMode(mode)
    if folder:
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    elif mode is QFileDialog.AcceptMode.AcceptOpen:
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    else:
        dialog.selectFile(start.name)
    dialog.setHistory([])
    chosen: Path | None = None
    if dialog.exec() == QFileDialog.DialogCode.Accepted and dialog.selectedFiles():
        chosen = Path(dialog.selectedFiles()[0])
    shiboken6.delete(dialog)  # its destructor writes the history: let it, then scrub it
    _scrub_qt_history(existed)
    return chosen
