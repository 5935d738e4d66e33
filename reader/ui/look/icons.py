"""Icons from the SVG set in ``resources/icons``, recoloured to follow the palette.

The SVGs draw in ``#1f2933``; on a dark palette that colour is replaced by the palette's
text colour, so one file serves light and dark themes.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QSize
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QImage, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

from reader.core.assets import resources_dir
from reader.ui.look.colours import is_dark

INK = "#1f2933"
SIZES = (16, 20, 24, 32, 48)


def app_icon() -> QIcon:
    return QIcon(str(resources_dir() / "icons" / "research-reader.svg"))


def icon(name: str) -> QIcon:
    """The named icon, drawn in the current palette's text colour (empty if missing)."""
    colour = QGuiApplication.palette().color(QPalette.ColorRole.WindowText).name()
    return _icon(name, colour)


@cache
def _icon(name: str, colour: str) -> QIcon:
    path = resources_dir() / "icons" / f"{name}.svg"
    if not path.is_file():
        return QIcon()
    svg = path.read_text(encoding="utf-8")
    if not is_dark(QColor(colour)):  # light text: a dark palette
        svg = svg.replace(INK, colour)
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    result = QIcon()
    for size in SIZES:
        for scale in (1, 2):
            image = QImage(size * scale, size * scale, QImage.Format.Format_ARGB32_Premultiplied)
            image.fill(0)
            painter = QPainter(image)
            renderer.render(painter)
            painter.end()
            pixmap = QPixmap.fromImage(image)
            pixmap.setDevicePixelRatio(scale)
            result.addPixmap(pixmap)
    return result


def icon_size() -> QSize:
    return QSize(20, 20)
