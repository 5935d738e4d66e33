"""Item delegates: a search hit drawn as title, date and a snippet with hits in bold."""

from __future__ import annotations

import html

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from reader.ui.models.search_model import HIT_ROLE

PADDING = 8


class SearchHitDelegate(QStyledItemDelegate):
    """Rich text per hit; ``<mark>`` from the core's escaped snippets becomes bold."""

    def _document(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex, width: float
    ) -> QTextDocument:
        hit = index.data(HIT_ROLE)
        palette = option.palette  # type: ignore[attr-defined]
        selected = bool(option.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
        text = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        muted = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.PlaceholderText
        )
        snippet = " ".join(hit.snippets[:2]) if hit.snippets else ""  # each ends in "…" already
        snippet = snippet.replace("<mark>", "<b>").replace("</mark>", "</b>")
        doc = QTextDocument()
        doc.setDefaultFont(option.font)  # type: ignore[attr-defined]
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
        style = option.widget.style() if option.widget else None  # type: ignore[attr-defined]
        option.text = ""  # type: ignore[attr-defined]
        if style:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)  # type: ignore[attr-defined]
        rect = option.rect  # type: ignore[attr-defined]
        doc = self._document(option, index, rect.width() - 2 * PADDING)
        painter.save()
        painter.translate(rect.left() + PADDING, rect.top() + PADDING)
        painter.setClipRect(QRectF(0, 0, rect.width() - 2 * PADDING, rect.height() - PADDING))
        context = QAbstractTextDocumentLayout.PaintContext()
        doc.documentLayout().draw(painter, context)
        painter.restore()
        painter.setPen(option.palette.color(QPalette.ColorRole.Midlight))  # type: ignore[attr-defined]
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        width = option.rect.width() if option.rect.width() > 50 else 320  # type: ignore[attr-defined]
        doc = self._document(option, index, width - 2 * PADDING)
        return QSize(int(width), int(min(doc.size().height(), 150)) + 2 * PADDING)
