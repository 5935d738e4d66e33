"""The synthesis charts as PNG figures, for the HTML, PDF and DOCX exports.

Painted by the same code as the view's charts (:mod:`reader.ui.synthesis.painting`) on a
white page with dark text whatever the desktop's theme, at print resolution. Needs a
QGuiApplication (fonts); call it on the GUI thread before handing the bytes to the
export job, which runs on the writer thread.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF
from PySide6.QtGui import QColor, QImage, QPainter, QPalette

from reader.core.synthesis import Synthesis
from reader.ui.look.theme_look import ThemeLook
from reader.ui.synthesis.painting import paint_co_occurrence, paint_over_time

WIDTH, HEIGHT = 900, 360  # logical pixels: a page-wide figure
SCALE = 2  # device pixels per logical pixel (sharp in print)


def render_chart_pngs(
    synthesis: Synthesis, look: ThemeLook, count_articles: bool = True
) -> list[tuple[str, bytes]]:
    """``[(caption, PNG bytes)]``: themes over time, then theme co-occurrence. Charts
    with nothing to show (no dated highlights, no themes) are left out."""
    figures: list[tuple[str, bytes]] = []
    series = synthesis.over_time
    if series.periods:
        caption = (
            f"Highlights per theme per {series.period}, by article date "
            f"({series.periods[0]} to {series.periods[-1]})."
        )
        figures.append(
            (
                caption,
                _png(
                    lambda p, area, palette: paint_over_time(
                        p, area, series, look.colour_of, look.label_of, palette
                    )
                ),
            )
        )
    matrix = synthesis.co_occurrence
    if matrix.themes:
        what = "articles" if count_articles else "highlights"
        n = len(matrix.themes)
        height = min(max(HEIGHT, 40 + 22 * n), 900)
        figures.append(
            (
                f"Themes together: how many {what} carry both themes of a row and a column "
                "(the diagonal: each theme's own count).",
                _png(
                    lambda p, area, palette: paint_co_occurrence(
                        p, area, matrix, count_articles, look.colour_of, look.label_of, palette
                    ),
                    height,
                ),
            )
        )
    return figures


def _png(paint: Callable[[QPainter, QRectF, QPalette], object], height: int = HEIGHT) -> bytes:
    image = QImage(WIDTH * SCALE, height * SCALE, QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(SCALE)
    image.fill(QColor("white"))
    palette = _print_palette()
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    paint(painter, QRectF(8, 8, WIDTH - 16, height - 16), palette)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # stubs say bytes; Qt takes str
    buffer.close()
    return bytes(data.data())


def _print_palette() -> QPalette:
    """Dark text on white, whatever the desktop theme (a document is read on paper)."""
    palette = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Text, "#1f2328"),
        (QPalette.ColorRole.PlaceholderText, "#57606a"),
        (QPalette.ColorRole.Highlight, "#0b5cad"),
        (QPalette.ColorRole.HighlightedText, "#ffffff"),
        (QPalette.ColorRole.AlternateBase, "#f2f4f7"),
        (QPalette.ColorRole.Base, "#ffffff"),
    ):
        palette.setColor(role, QColor(colour))
    return palette
