"""Draws a synthesis card: a colour bar, the quote, the labelled note, and where from.

Every card has the same height (three lines of quote, one of note, one of source), so
the list can lay out tens of thousands of them without reading each (uniform sizes);
the full text is in the tooltip and one click away in the reader.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from reader.core.synthesis import Card
from reader.ui.delegates.highlight_card import _elide_lines
from reader.ui.look.theme_look import ThemeLook
from reader.ui.reading.highlight_paint import DEFAULT_COLOUR
from reader.ui.synthesis.cards_model import CARD_ROLE

PAD = 8
BAR = 4
QUOTE_LINES = 3
GAP = 4


class CardDelegate(QStyledItemDelegate):
    def __init__(self, look: ThemeLook, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.look = look

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        line = QFontMetrics(option.font).lineSpacing()
        return QSize(260, 2 * PAD + (QUOTE_LINES + 2) * line + 2 * GAP + 6)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        card: Card | None = index.data(CARD_ROLE)
        if card is None:
            return
        rect: QRect = option.rect.adjusted(2, 3, -2, -3)
        palette: QPalette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        hovered = bool(option.state & QStyle.StateFlag.State_MouseOver)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        back = palette.color(QPalette.ColorRole.Base)
        border = palette.color(QPalette.ColorRole.Highlight if selected else QPalette.ColorRole.Mid)
        if hovered and not selected:
            border = palette.color(QPalette.ColorRole.Dark)
        painter.setPen(border)
        painter.setBrush(back)
        painter.drawRoundedRect(QRectF(rect), 6, 6)
        column = getattr(index.model(), "theme_id", None)  # the column's own theme first
        others = tuple(t for t in card.themes if t != column)
        if column is not None and column in card.themes:
            colour = self.look.colour_of(column)
        else:
            colour = self.look.colour_of(card.themes[0]) if card.themes else DEFAULT_COLOUR
            others = card.themes[1:]
        painter.fillRect(
            QRect(rect.left() + PAD // 2, rect.top() + PAD, BAR, rect.height() - 2 * PAD), colour
        )
        font = QFont(option.font)
        metrics = QFontMetrics(font)
        line = metrics.lineSpacing()
        x = rect.left() + PAD + BAR + 6
        width = rect.right() - PAD - x
        y = rect.top() + PAD
        text = palette.color(QPalette.ColorRole.Text)
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        painter.setPen(text)
        if card.highlight_id is None:
            bold = QFont(font)
            bold.setBold(True)
            painter.setFont(bold)
            title = _elide_lines(card.title, QFontMetrics(bold), width, 2)
            painter.drawText(QRect(x, y, width, 2 * line), 0, title)
            painter.setFont(font)
            painter.setPen(muted)
            painter.drawText(
                QRect(x, y + 2 * line + GAP, width, line), 0, self.tr("The whole article")
            )
        else:
            quote = _elide_lines(f"“{card.quote}”", metrics, width, QUOTE_LINES)
            painter.drawText(QRect(x, y, width, QUOTE_LINES * line), 0, quote)
        y += QUOTE_LINES * line + GAP
        if card.note:
            italic = QFont(font)
            italic.setItalic(True)
            painter.setFont(italic)
            painter.setPen(text)
            note = " ".join(card.note.split())
            label = self.tr("Note: ")
            painter.drawText(
                QRect(x, y, width, line),
                0,
                QFontMetrics(italic).elidedText(label + note, Qt.TextElideMode.ElideRight, width),
            )
        y += line + GAP
        small = QFont(font)
        small.setPointSizeF(max(font.pointSizeF() * 0.9, 7))
        painter.setFont(small)
        painter.setPen(muted)
        # Date and source first: the title is the longest and the first to be cut short.
        where = " · ".join(x for x in (card.date, card.source, card.title) if x)
        if card.highlight_id is None:
            where = " · ".join(x for x in (card.date, card.source) if x)
        painter.drawText(
            QRect(x, y, width, line),
            0,
            QFontMetrics(small).elidedText(where, Qt.TextElideMode.ElideRight, width),
        )
        if others:
            self._dots(
                painter, others, QRect(rect.right() - PAD - 40, rect.bottom() - PAD - 8, 40, 8)
            )
        painter.restore()

    def _dots(self, painter: QPainter, themes: tuple[str, ...], box: QRect) -> None:
        """A dot per further theme, bottom right: this card is in other columns too."""
        right = box.right()
        painter.setPen(Qt.PenStyle.NoPen)
        for theme in reversed(themes[:4]):
            painter.setBrush(QColor(self.look.colour_of(theme)))
            painter.drawEllipse(QRectF(right - 8, box.top(), 7, 7))
            right -= 10
