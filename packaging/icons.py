"""The application icon in the sizes Linux menus and Windows want, from resources/icons/app.svg.

PNGs for the hicolor theme (16–256 px) and one .ico for the Windows executables and the
installer (PNG-compressed entries, read by Windows Vista and later). Rendered with Qt's SVG
renderer, offscreen.
"""

from __future__ import annotations

import os
import struct
from pathlib import Path

from common import ROOT

SVG = ROOT / "resources" / "icons" / "app.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICO_SIZES = (16, 24, 32, 48, 64, 256)


def render(target: Path) -> dict[int, Path]:
    """PNG files ``<size>.png`` in *target*, one per size."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise ValueError(f"{SVG} is not a valid SVG")
    target.mkdir(parents=True, exist_ok=True)
    files: dict[int, Path] = {}
    for size in PNG_SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        path = target / f"{size}.png"
        if not image.save(str(path), "PNG"):
            raise OSError(f"cannot write {path}")
        files[size] = path
    return files


def write_ico(pngs: dict[int, Path], target: Path) -> Path:
    """An .ico holding the PNG images of ``ICO_SIZES`` (256 is stored as 0 in the header)."""
    images = [(size, pngs[size].read_bytes()) for size in ICO_SIZES]
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    entries, blobs = b"", b""
    for size, data in images:
        side = 0 if size >= 256 else size
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
        blobs += data
    target.write_bytes(header + entries + blobs)
    return target
