"""The chart widgets above the synthesis columns: hover for numbers, click to filter."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Signal
from PySide6.QtGui import QHelpEvent, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from reader.core.synthesis import CoOccurrence, TimeSeries
from reader.ui.look.theme_look import ThemeLook
from reader.ui.synthesis.painting import Hit, paint_co_occurrence, paint_over_time

MARGIN = 6


class _ChartWidget(QWidget):
    """Shared by both charts: keeps the hit boxes of the last paint for the mouse."""

    themes_clicked = Signal(tuple)  # (theme,) or (theme, other)

    def __init__(self, look: ThemeLook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.look = look
        self.hits: list[Hit] = []
        self.hovered: tuple[str, ...] = ()
        self.setMouseTracking(True)
        self.setMinimumHeight(150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        look.changed.connect(self.update)

    def sizeHint(self) -> QSize:
        return QSize(420, 190)

    def hit_at(self, point: QPointF) -> Hit | None:
        return next((h for h in self.hits if h.rect.contains(point)), None)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        area = QRectF(self.rect()).adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN)
        self.hits = self.paint_chart(painter, area)
        painter.end()

    def paint_chart(self, painter: QPainter, area: QRectF) -> list[Hit]:
        """Draw the chart in ``area``; return where each bar or cell is (for hovering and
        clicking). Each chart overrides this; the base draws nothing."""
        return []

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        hit = self.hit_at(event.position())
        hovered = hit.themes if hit else ()
        if hovered != self.hovered:
            self.hovered = hovered
            self.update()

    def leaveEvent(self, event: QEvent) -> None:
        self.hovered = ()
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        hit = self.hit_at(event.position())
        if hit is not None:
            self.themes_clicked.emit(hit.themes)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            hit = self.hit_at(QPointF(event.pos()))
            if hit is not None:
                QToolTip.showText(event.globalPos(), hit.tip + "\nClick to filter by it", self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)


class OverTimeChart(_ChartWidget):
    def __init__(self, look: ThemeLook, parent: QWidget | None = None) -> None:
        super().__init__(look, parent)
        self.setObjectName("synthesisOverTime")
        self.series = TimeSeries("month", (), {})

    def set_series(self, series: TimeSeries) -> None:
        self.series = series
        self.update()

    def paint_chart(self, painter: QPainter, area: QRectF) -> list[Hit]:
        return paint_over_time(
            painter,
            area,
            self.series,
            self.look.colour_of,
            self.look.label_of,
            self.palette(),
            self.hovered,
        )


class CoOccurrenceChart(_ChartWidget):
    def __init__(self, look: ThemeLook, parent: QWidget | None = None) -> None:
        super().__init__(look, parent)
        self.setObjectName("synthesisCoOccurrence")
        self.matrix = CoOccurrence((), (), ())
        self.count_articles = True

    def set_matrix(self, matrix: CoOccurrence) -> None:
        self.matrix = matrix
        self.update()

    def set_count_articles(self, articles: bool) -> None:
        self.count_articles = articles
        self.update()

    def paint_chart(self, painter: QPainter, area: QRectF) -> list[Hit]:
        return paint_co_occurrence(
            painter,
            area,
            self.matrix,
            self.count_articles,
            self.look.colour_of,
            self.look.label_of,
            self.palette(),
            self.hovered,
        )
