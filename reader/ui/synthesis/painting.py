"""The two synthesis charts as painting code: on screen and into PNGs for exports.

Hand-painted with QPainter rather than a charting library, by measurement (issue 14,
benchmarks/synthesis_bench.py prints the drawing times): QtCharts needs PySide6-Addons (+417 MB
installed, pinned to our PySide6 version), pyqtgraph needs numpy (+83 MB) and adds
~215 ms to start-up; these two small charts cost neither, draw in a few ms at 24
themes × 132 months, and the same code paints the exports' figures.

Each painter lays out its chart in a rectangle and returns hit boxes (rectangle → what
a click there means) so the widgets can turn clicks and hovers into filters and tips.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPalette

from reader.core.synthesis import CoOccurrence, TimeSeries

MAX_CELL = 30.0  # px: a matrix of two themes stays a small picture
ColourOf = Callable[[str], QColor]
LabelOf = Callable[[str], str]


@dataclass(frozen=True, slots=True)
class Hit:
    rect: QRectF
    themes: tuple[str, ...]  # one theme (a series, the diagonal) or a pair (a cell)
    tip: str


def _titled(
    painter: QPainter, area: QRectF, palette: QPalette, title: str
) -> tuple[QColor, QColor, QFontMetricsF]:
    """Set a chart's small font and draw its title; (text, muted) colours and metrics."""
    text = palette.color(QPalette.ColorRole.Text)
    font = QFont(painter.font())
    font.setPointSizeF(max(font.pointSizeF() * 0.85, 7))
    painter.setFont(font)
    metrics = QFontMetricsF(font)
    painter.setPen(text)
    painter.drawText(QRectF(area.left(), area.top(), area.width(), metrics.height()), title)
    return text, palette.color(QPalette.ColorRole.PlaceholderText), metrics


def paint_over_time(
    painter: QPainter,
    area: QRectF,
    series: TimeSeries,
    colour_of: ColourOf,
    label_of: LabelOf,
    palette: QPalette,
    hovered: tuple[str, ...] = (),
) -> list[Hit]:
    """Stacked bars: one bar per week or month, one segment per theme."""
    _, muted, metrics = _titled(painter, area, palette, "Highlights per theme per " + series.period)
    plot = area.adjusted(34, metrics.height() + 6, -6, -metrics.height() - 4)
    if not series.periods or plot.width() < 10 or plot.height() < 10:
        painter.setPen(muted)
        painter.drawText(plot, int(Qt.AlignmentFlag.AlignCenter), "No dated highlights")
        return []
    totals = [sum(c[i] for c in series.counts.values()) for i in range(len(series.periods))]
    peak = max(max(totals), 1)
    n = len(series.periods)
    step = plot.width() / n
    bar = max(step * 0.8, 1.0)
    painter.setPen(muted)
    for value in (0, peak):
        y = plot.bottom() - plot.height() * value / peak
        painter.drawText(
            QRectF(area.left(), y - metrics.height() / 2, 30, metrics.height()),
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
            str(value),
        )
    painter.drawLine(QPointF(plot.left(), plot.bottom()), QPointF(plot.right(), plot.bottom()))
    hits: list[Hit] = []
    tops = [plot.bottom()] * n
    painter.setPen(Qt.PenStyle.NoPen)
    for theme, counts in series.counts.items():
        rects: list[QRectF] = []
        label = label_of(theme)
        for i, count in enumerate(counts):
            if not count:
                continue
            height = plot.height() * count / peak
            tops[i] -= height
            rect = QRectF(plot.left() + i * step + (step - bar) / 2, tops[i], bar, height)
            rects.append(rect)
            hits.append(Hit(rect, (theme,), f"{label} · {series.periods[i]}: {count}"))
        if rects:
            colour = QColor(colour_of(theme))
            if hovered and theme not in hovered:
                colour.setAlpha(70)
            painter.setBrush(colour)
            painter.drawRects(rects)
    _period_labels(painter, plot, series.periods, step, metrics, muted)
    return hits


def _period_labels(
    painter: QPainter,
    plot: QRectF,
    periods: tuple[str, ...],
    step: float,
    metrics: QFontMetricsF,
    colour: QColor,
) -> None:
    """Label the first period and each new year (or every k-th when they would crowd)."""
    painter.setPen(colour)
    every = max(1, int(metrics.horizontalAdvance("2025-W52 ") / step) + 1)
    last_right = -1e9
    for i, period in enumerate(periods):
        new_year = i == 0 or period[:4] != periods[i - 1][:4]
        label = period[:4] if new_year and i else period
        if not (new_year or i % every == 0):
            continue
        width = metrics.horizontalAdvance(label) + 4
        x = min(plot.left() + i * step, plot.right() - width)
        if x < last_right:
            continue
        painter.drawText(QRectF(x, plot.bottom() + 2, width, metrics.height()), label)
        last_right = x + width + 6


def paint_co_occurrence(
    painter: QPainter,
    area: QRectF,
    matrix: CoOccurrence,
    count_articles: bool,
    colour_of: ColourOf,
    label_of: LabelOf,
    palette: QPalette,
    hovered: tuple[str, ...] = (),
) -> list[Hit]:
    """A heat-map matrix: theme names on the left, swatches along the top."""
    what = "articles" if count_articles else "highlights"
    text, muted, metrics = _titled(painter, area, palette, f"Themes together: {what} sharing both")
    n = len(matrix.themes)
    top = area.top() + metrics.height() + 6
    if n == 0:
        painter.setPen(muted)
        painter.drawText(
            area.adjusted(0, top - area.top(), 0, 0),
            int(Qt.AlignmentFlag.AlignCenter),
            "No themes in scope",
        )
        return []
    values = matrix.articles if count_articles else matrix.highlights
    label_width = min(
        max(metrics.horizontalAdvance(label_of(t)) for t in matrix.themes) + 8, area.width() * 0.4
    )
    swatch = 6.0
    cell = min((area.width() - label_width) / n, (area.bottom() - top - swatch - 2) / n)
    cell = min(max(cell, 2.0), MAX_CELL)
    left = area.left() + label_width
    grid_top = top + swatch + 2
    off_diagonal = [values[i][j] for i in range(n) for j in range(n) if i != j]
    peak = max([*off_diagonal, 1])
    base = palette.color(QPalette.ColorRole.Highlight)
    empty = palette.color(QPalette.ColorRole.AlternateBase)
    hits: list[Hit] = []
    for i, theme in enumerate(matrix.themes):
        y = grid_top + i * cell
        painter.setPen(text if not hovered or theme in hovered else muted)
        label = metrics.elidedText(label_of(theme), Qt.TextElideMode.ElideRight, label_width - 6)
        painter.drawText(
            QRectF(area.left(), y, label_width - 6, cell),
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
            label,
        )
        painter.fillRect(QRectF(left + i * cell + 1, top, cell - 2, swatch), colour_of(theme))
        for j, other in enumerate(matrix.themes):
            value = values[i][j]
            rect = QRectF(left + j * cell, y, cell, cell).adjusted(0.5, 0.5, -0.5, -0.5)
            if i == j:
                fill = QColor(colour_of(theme))
                fill.setAlpha(90 if value else 25)
            elif value:
                fill = QColor(base)
                fill.setAlphaF(0.15 + 0.85 * value / peak)
            else:
                fill = empty
            painter.fillRect(rect, fill)
            if value and cell >= metrics.horizontalAdvance(str(value)) + 4:
                strong = i != j and value / peak > 0.55
                painter.setPen(
                    palette.color(QPalette.ColorRole.HighlightedText) if strong else text
                )
                painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), str(value))
            pair = (theme,) if i == j else (theme, other)
            names = " + ".join(label_of(t) for t in pair)
            hits.append(Hit(rect, pair, f"{names}: {value} {what}"))
    return hits
