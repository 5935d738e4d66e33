"""Item delegates: search hits (title, date, snippet with hits in bold) and theme chips."""

from __future__ import annotations

import html

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from reader.ui.look.theme_look import ThemeLook
from reader.ui.models.library_model import THEMES_ROLE
from reader.ui.models.search_model import HIT_ROLE

PADDING = 8


class SearchHitDelegate(QStyledItemDelegate):
    """Rich text per hit; ``<mark>`` from the core's escaped snippets becomes bold."""

    def _document(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex, width: float
    ) -> QTextDocument:
        hit = index.data(HIT_ROLE)
        palette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        text = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        muted = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.PlaceholderText
        )
        snippet = " ".join(hit.snippets[:2]) if hit.snippets else ""  # each ends in "…" already
        snippet = snippet.replace("<mark>", "<b>").replace("</mark>", "</b>")
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setDocumentMargin(0)
        doc.setHtml(
            f"<div style='color:{text.name()}'><b>{html.escape(hit.title)}</b></div>"
            f"<div style='color:{muted.name()}; font-size:small'>"
            f"{html.escape(hit.date or 'undated')}</div>"
            f"<div style='color:{text.name()}'>{snippet}</div>"
        )
        doc.setTextWidth(width)
        return doc

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else None
        option.text = ""
        if style:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        rect = option.rect
        doc = self._document(option, index, rect.width() - 2 * PADDING)
        painter.save()
        painter.translate(rect.left() + PADDING, rect.top() + PADDING)
        painter.setClipRect(QRectF(0, 0, rect.width() - 2 * PADDING, rect.height() - PADDING))
        context = QAbstractTextDocumentLayout.PaintContext()
        doc.documentLayout().draw(painter, context)
        painter.restore()
        painter.setPen(option.palette.color(QPalette.ColorRole.Midlight))
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        width = option.rect.width() if option.rect.width() > 50 else 320
        doc = self._document(option, index, width - 2 * PADDING)
        return QSize(int(width), int(min(doc.size().height(), 150)) + 2 * PADDING)


class ThemeChipsDelegate(QStyledItemDelegate):
    """The library's Themes column: a coloured dot per theme, then the first name."""

    def __init__(self, look: ThemeLook, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.look = look

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        self.initStyleOption(option, index)
        option.text = ""
        widget = option.widget
        if widget is not None:
            widget.style().drawControl(
                QStyle.ControlElement.CE_ItemViewItem, option, painter, widget
            )
        themes: list[str] = index.data(THEMES_ROLE) or []
        if not themes:
            return
        rect = option.rect
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        x, y = rect.left() + 4, rect.center().y()
        for theme_id in themes[:5]:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self.look.colour_of(theme_id))
            painter.drawEllipse(QRectF(x, y - 4, 8, 8))
            x += 10
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.setPen(option.palette.color(role))
        label = self.look.label_of(themes[0]) + (f" +{len(themes) - 1}" if len(themes) > 1 else "")
        text_rect = rect.adjusted(x - rect.left() + 4, 0, -2, 0)
        metrics = painter.fontMetrics()
        elided = metrics.elidedText(label, Qt.TextElideMode.ElideRight, text_rect.width())
        painter.drawText(text_rect, int(Qt.AlignmentFlag.AlignVCenter), elided)
        painter.restore()
