"""The app's icon as PNGs at the sizes a desktop asks for, drawn from its SVG with Qt."""

from __future__ import annotations

import os
from typing import Final

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QImageWriter, QPainter
from PySide6.QtSvg import QSvgRenderer

ICON_SIZES: Final = (48, 64, 128, 256, 512)


def render_pngs(svg: bytes, sizes: tuple[int, ...] = ICON_SIZES) -> dict[int, bytes]:
    """``{size: PNG bytes}``, each a square of ``size`` pixels with a clear background.

    Run from the command line, with no window: Qt gets an offscreen
    application of its own if none exists yet.
    """
    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _keep.append(QGuiApplication([]))
    renderer = QSvgRenderer(QByteArray(svg))
    if not renderer.isValid():
        raise ValueError("the icon's SVG could not be read")
    pngs = {}
    for size in sizes:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        QImageWriter(buffer, QByteArray(b"PNG")).write(image)
        buffer.close()
        pngs[size] = bytes(data.data())
    return pngs


_keep: list[QGuiApplication] = []  # the offscreen application lives as long as the process
