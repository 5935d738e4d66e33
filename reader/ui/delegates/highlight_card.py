"""Draws a highlight in the panel: a colour bar, the quote, theme chips, the note."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from reader.core.models import Highlight
from reader.ui.look.theme_look import ThemeLook
from reader.ui.models.highlights_model import HIGHLIGHT_ROLE, PAGE_ROLE
from reader.ui.reading.highlight_paint import DEFAULT_COLOUR

PAD = 8
BAR = 4
QUOTE_LINES = 4
NOTE_LINES = 2


class HighlightDelegate(QStyledItemDelegate):
    def __init__(self, look: ThemeLook, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.look = look

    def _layout(
        self, option: QStyleOptionViewItem, item: Highlight, page: int | None = None
    ) -> tuple[str, str, int]:
        width = option.rect.width() - 2 * PAD - BAR - 6
        metrics = QFontMetrics(option.font)
        quote = _elide_lines(f"“{item.quote}”", metrics, width, QUOTE_LINES)
        note = _elide_lines(item.note, metrics, width, NOTE_LINES) if item.note else ""
        lines = quote.count("\n") + 1 + (note.count("\n") + 1 if note else 0)
        chips = item.themes or item.orphan or page
        height = PAD * 2 + lines * metrics.lineSpacing() + (22 if chips else 0)
        return quote, note, height

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        item = index.data(HIGHLIGHT_ROLE)
        if option.rect.width() < 50:
            option.rect = QRect(0, 0, 260, 10)
        height = self._layout(option, item, index.data(PAGE_ROLE))[2]
        return QSize(option.rect.width(), height)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        item: Highlight = index.data(HIGHLIGHT_ROLE)
        self.initStyleOption(option, index)
        option.text = ""
        widget = option.widget
        style = widget.style() if widget else None
        if style:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, widget)
        rect: QRect = option.rect
        palette: QPalette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        text = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        muted = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.PlaceholderText
        )
        page = index.data(PAGE_ROLE)
        quote, note, _ = self._layout(option, item, page)
        metrics = QFontMetrics(option.font)
        painter.save()
        colour = self.look.colour_of(item.themes[0]) if item.themes else DEFAULT_COLOUR
        painter.fillRect(
            QRect(rect.left() + PAD // 2, rect.top() + PAD, BAR, rect.height() - 2 * PAD), colour
        )
        x = rect.left() + PAD + BAR + 6
        y = rect.top() + PAD
        width = rect.right() - PAD - x
        painter.setPen(text)
        quote_rect = QRect(x, y, width, metrics.lineSpacing() * (quote.count("\n") + 1))
        painter.drawText(quote_rect, int(Qt.TextFlag.TextWordWrap), quote)
        y = quote_rect.bottom() + 2
        if item.orphan or item.themes or page:
            y = self._chips(painter, item, x, y + 2, width, selected, page)
        if note:
            font = QFont(option.font)
            font.setItalic(True)
            painter.setFont(font)
            painter.setPen(muted)
            painter.drawText(
                QRect(x, y + 2, width, rect.bottom() - y), int(Qt.TextFlag.TextWordWrap), note
            )
        painter.setPen(palette.color(QPalette.ColorRole.Midlight))
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        painter.restore()

    def _chips(
        self,
        painter: QPainter,
        item: Highlight,
        x: int,
        y: int,
        width: int,
        selected: bool,
        page: int | None = None,
    ) -> int:
        font = QFont(painter.font())
        font.setPointSizeF(max(font.pointSizeF() * 0.85, 7))
        painter.setFont(font)
        metrics = QFontMetrics(font)
        labels = [(self.tr("p. %1").replace("%1", str(page)), QColor("#9aa5b1"))] if page else []
        labels += [(self.tr("orphan — text changed"), QColor("#9aa5b1"))] if item.orphan else []
        labels += [(self.look.label_of(t), self.look.colour_of(t)) for t in item.themes]
        left = x
        for label, colour in labels:
            w = metrics.horizontalAdvance(label) + 12
            if left + w > x + width:
                break
            chip = QRectF(left, y, w, metrics.height() + 4)
            painter.setPen(Qt.PenStyle.NoPen)
            fill = QColor(colour)
            fill.setAlpha(60 if not selected else 110)
            painter.setBrush(fill)
            painter.drawRoundedRect(chip, 6, 6)
            painter.setPen(colour.darker(170) if not selected else QColor("white"))
            painter.drawText(chip, int(Qt.AlignmentFlag.AlignCenter), label)
            left += w + 4
        painter.setFont(QFont(font.family()))
        return y + metrics.height() + 6


def _elide_lines(text: str, metrics: QFontMetrics, width: int, lines: int) -> str:
    """Word-wrap ``text`` to at most ``lines`` lines of ``width`` px, eliding the last."""
    words = " ".join(text.split()).split(" ")
    out: list[str] = []
    current = ""
    for word in words:
        trial = f"{current} {word}".strip()
        if metrics.horizontalAdvance(trial) <= width or not current:
            current = trial
            continue
        out.append(current)
        current = word
        if len(out) == lines:
            break
    if len(out) < lines and current:
        out.append(current)
    if len(out) == lines and " ".join(out) != " ".join(words):
        out[-1] = metrics.elidedText(out[-1] + " …", Qt.TextElideMode.ElideRight, width)
    return "\n".join(out)
