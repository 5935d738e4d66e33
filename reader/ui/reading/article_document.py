"""Typeset an article into a ``QTextDocument`` for reading, with its :class:`TextMap`.

Built block by block with ``QTextCursor`` (not HTML) so that every run of canonical text
lands at a known document position: search marks and highlights are placed by offset.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QPalette,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFrameFormat,
    QTextLength,
    QTextListFormat,
    QTextTableFormat,
)

from reader.core.blocks import Block, BlockKind, Span, iter_blocks
from reader.core.models import Article
from reader.ui.look.colours import mix
from reader.ui.reading.textmap import Segment, TextMap

SERIF_FAMILIES = ["Noto Serif", "DejaVu Serif", "Georgia", "Times New Roman", "serif"]
SANS_FAMILIES = ["Noto Sans", "DejaVu Sans", "Segoe UI", "Helvetica Neue", "Arial", "sans-serif"]
DEFAULT_POINT_SIZE = 12.0
LINE_HEIGHT = 155  # percent


@dataclass(frozen=True, slots=True)
class ReaderStyle:
    point_size: float = DEFAULT_POINT_SIZE
    serif: bool = True

    def font(self, scale: float = 1.0, bold: bool = False) -> QFont:
        font = QFont()
        font.setFamilies(SERIF_FAMILIES if self.serif else SANS_FAMILIES)
        font.setPointSizeF(self.point_size * scale)
        font.setBold(bold)
        return font


def build_document(
    article: Article, style: ReaderStyle, palette: QPalette
) -> tuple[QTextDocument, TextMap]:
    """The typeset article and the map from canonical offsets to document positions."""
    doc = QTextDocument()
    doc.setDefaultFont(style.font())
    doc.setDocumentMargin(0)
    text_colour = palette.color(QPalette.ColorRole.Text)
    muted = mix(text_colour, palette.color(QPalette.ColorRole.Base), 0.45)
    cursor = QTextCursor(doc)
    segments: list[Segment] = []

    _header(cursor, article, style, text_colour, muted)
    body = _char(style.font(), text_colour)
    for block in iter_blocks(article.text):
        if block.kind is BlockKind.TABLE:
            _table(cursor, article.text, block, style, body, palette, segments)
        elif block.kind is BlockKind.LIST:
            _list(cursor, article.text, block, style, body, segments)
        else:
            fmt, char = {
                BlockKind.HEADING: (
                    _block_format(style, top=1.1, bottom=0.35),
                    _char(style.font(1.2, bold=True), text_colour),
                ),
                BlockKind.CAPTION: (_block_format(style, bottom=0.3), _caption(style, muted)),
            }.get(block.kind, (_block_format(style), body))
            cursor.insertBlock(fmt, char)
            _insert(cursor, article.text, Span(block.start, block.end), segments)
    return doc, TextMap(article.text, segments)


def _header(
    cursor: QTextCursor, article: Article, style: ReaderStyle, colour: QColor, muted: QColor
) -> None:
    fmt = _block_format(style, bottom=0.4)
    fmt.setLineHeight(120, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
    cursor.setBlockFormat(fmt)
    cursor.setCharFormat(_char(style.font(1.6, bold=True), colour))
    cursor.insertText(article.title)
    details = [d for d in (_pretty_date(article.date), article.source, article.author) if d]
    if details:
        cursor.insertBlock(_block_format(style, bottom=0.2), _char(style.font(0.9), muted))
        cursor.insertText("  ·  ".join(details))
    # Space, not a rule, between the header and the text: the title's weight is enough.
    cursor.insertBlock(_block_format(style, bottom=0.6), _char(style.font(0.5), muted))


def _list(
    cursor: QTextCursor,
    text: str,
    block: Block,
    style: ReaderStyle,
    body: QTextCharFormat,
    segments: list[Segment],
) -> None:
    list_format = QTextListFormat()
    list_format.setStyle(
        QTextListFormat.Style.ListDecimal if block.ordered else QTextListFormat.Style.ListDisc
    )
    list_format.setIndent(1)
    for n, item in enumerate(block.items):
        last = n == len(block.items) - 1
        cursor.insertBlock(_block_format(style, bottom=0.8 if last else 0.3), body)
        if n == 0:
            cursor.createList(list_format)
        else:
            current = cursor.block().previous().textList()
            if current is not None:
                current.add(cursor.block())
        _insert(cursor, text, item, segments)


def _table(
    cursor: QTextCursor,
    text: str,
    block: Block,
    style: ReaderStyle,
    body: QTextCharFormat,
    palette: QPalette,
    segments: list[Segment],
) -> None:
    columns = max(len(r) for r in block.rows)
    cursor.insertBlock(_block_format(style, bottom=0.0), body)
    fmt = QTextTableFormat()
    fmt.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
    fmt.setBorder(0.5)
    fmt.setBorderBrush(QBrush(palette.color(QPalette.ColorRole.Mid)))
    fmt.setCellPadding(6)
    fmt.setCellSpacing(0)
    fmt.setBorderCollapse(True)
    fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
    fmt.setBottomMargin(style.point_size)
    table = cursor.insertTable(len(block.rows), columns, fmt)
    header = QTextCharFormat(body)
    header.setFontWeight(QFont.Weight.Bold)
    for r, row in enumerate(block.rows):
        for c, span in enumerate(row):
            cell = table.cellAt(r, c)
            cell_cursor = cell.firstCursorPosition()
            if r < block.header_rows:
                cell_format = cell.format()
                cell_format.setBackground(palette.color(QPalette.ColorRole.AlternateBase))
                cell.setFormat(cell_format)
            cell_cursor.setCharFormat(header if r < block.header_rows else body)
            _insert(cell_cursor, text, span, segments)
    cursor.movePosition(QTextCursor.MoveOperation.End)


def _insert(cursor: QTextCursor, text: str, span: Span, segments: list[Segment]) -> None:
    segments.append(Segment(span.start, span.end, cursor.position()))
    cursor.insertText(text[span.start : span.end])


def _block_format(style: ReaderStyle, top: float = 0.0, bottom: float = 0.8) -> QTextBlockFormat:
    fmt = QTextBlockFormat()
    fmt.setLineHeight(LINE_HEIGHT, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
    fmt.setTopMargin(style.point_size * top * 1.33)
    fmt.setBottomMargin(style.point_size * bottom * 1.33)
    fmt.setAlignment(Qt.AlignmentFlag.AlignLeft)
    return fmt


def _char(font: QFont, colour: QColor) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setFont(font, QTextCharFormat.FontPropertiesInheritanceBehavior.FontPropertiesAll)
    fmt.setForeground(colour)
    return fmt


def _caption(style: ReaderStyle, muted: QColor) -> QTextCharFormat:
    fmt = _char(style.font(0.85), muted)
    fmt.setFontItalic(True)
    return fmt


def _pretty_date(iso: str | None) -> str | None:
    if not iso:
        return None
    year, month, day = iso.split("-")
    return f"{int(day)} {calendar.month_name[int(month)]} {year}"
