"""Render resources/icons/erroranalysis.svg to the executable icons (.ico, .icns, .png).

The SVG is the source; Windows and macOS executables need raster icons, which
PyInstaller picks up from resources/icons (see packaging/erroranalysis.spec).
Run: ``QT_QPA_PLATFORM=offscreen python scripts/make_icons.py``.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"


def render(svg: Path, size: int) -> Image.Image:
    renderer = QSvgRenderer(str(svg))
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return Image.open(io.BytesIO(bytes(data))).convert("RGBA")


def main() -> int:
    QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    svg = ICONS / "erroranalysis.svg"
    big = render(svg, 1024)
    big.resize((256, 256), Image.Resampling.LANCZOS).save(ICONS / "erroranalysis.png")
    big.save(ICONS / "erroranalysis.ico", sizes=[(s, s) for s in (16, 24, 32, 48, 64, 128, 256)])
    big.save(ICONS / "erroranalysis.icns")
    for name in ("erroranalysis.png", "erroranalysis.ico", "erroranalysis.icns"):
        print(ICONS / name, (ICONS / name).stat().st_size, "bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
