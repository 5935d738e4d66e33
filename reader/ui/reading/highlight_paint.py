"""Paint highlights into the reader's document as character formats.

``mergeCharFormat`` on the document (measured: 8–13 ms for 1,000 highlights in 200 KB)
beats extra selections (~50 ms, and every paint slows as they grow) and rebuilding HTML
(125 ms). Overlaps are split into elementary intervals so each piece gets one colour:
the innermost highlight's, darkened where two or more overlap, so both stay readable.
Each piece carries the ids of the highlights under it for hit-testing and a tooltip.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QTextCharFormat, QTextCursor, QTextDocument, QTextFormat

from reader.core.models import Highlight
from reader.ui.look.colours import mix
from reader.ui.reading.textmap import TextMap

HIGHLIGHT_IDS = QTextFormat.Property.UserProperty + 1
DEFAULT_COLOUR = QColor("#f7d774")

ColourOf = Callable[[str], QColor]
LabelOf = Callable[[str], str]


@dataclass(frozen=True, slots=True)
class Piece:
    start: int
    end: int
    ids: tuple[int, ...]  # innermost (shortest) first


def pieces(highlights: Sequence[Highlight]) -> list[Piece]:
    """Split anchored highlights into non-overlapping pieces (canonical offsets).

    A sweep over the start/end points keeps the set of open highlights, so the cost is
    O(n log n) plus the overlap depth, not intervals × highlights.
    """
    events: list[tuple[int, int, Highlight]] = []  # (offset, 0 end / 1 start, highlight)
    for h in highlights:
        if h.start is not None and h.end is not None and h.end > h.start:
            events.append((h.start, 1, h))
            events.append((h.end, 0, h))
    events.sort(key=lambda e: (e[0], e[1]))
    result: list[Piece] = []
    open_now: dict[int, Highlight] = {}
    previous = None
    for offset, kind, h in events:
        if previous is not None and offset > previous and open_now:
            stack = sorted(open_now.values(), key=lambda x: ((x.end or 0) - (x.start or 0), x.id))
            result.append(Piece(previous, offset, tuple(x.id for x in stack)))
        if kind == 1:
            open_now[h.id] = h
        else:
            open_now.pop(h.id, None)
        previous = offset
    return result


class HighlightPainter:
    """Applies and clears highlight formats on one document through its TextMap.

    The text colour is never changed, so clearing a highlight only removes what it added;
    instead the background is a pastel of the theme colour on a light palette and a
    translucent tint on a dark one, so the palette's text stays readable on both.
    """

    def __init__(self, colour_of: ColourOf, label_of: LabelOf, dark: bool = False) -> None:
        self.colour_of = colour_of
        self.label_of = label_of
        self.dark = dark

    def background(self, colour: QColor) -> QColor:
        if self.dark:
            tint = QColor(colour)
            tint.setAlpha(120)
            return tint
        return mix(colour, QColor("#ffffff"), 0.45)

    def paint(
        self,
        doc: QTextDocument,
        text_map: TextMap,
        highlights: Sequence[Highlight],
        span: tuple[int, int] | None = None,
    ) -> None:
        """Paint ``highlights``; with ``span``, clear and repaint only that range."""
        by_id = {h.id: h for h in highlights}
        if span is not None:
            self._clear(doc, text_map, *span)
        cursor = QTextCursor(doc)
        cursor.beginEditBlock()  # one relayout at the end, not one per merge (388 → ~100 ms)
        for piece in pieces(highlights):
            if span is not None and (piece.end <= span[0] or piece.start >= span[1]):
                continue
            fmt = self._format([by_id[i] for i in piece.ids])
            for lo, hi in text_map.doc_ranges(piece.start, piece.end):
                cursor.setPosition(lo)
                cursor.setPosition(hi, QTextCursor.MoveMode.KeepAnchor)
                cursor.mergeCharFormat(fmt)
        cursor.endEditBlock()

    def _format(self, stack: list[Highlight]) -> QTextCharFormat:
        top = stack[0]
        colour = self.colour_of(top.themes[0]) if top.themes else DEFAULT_COLOUR
        colour = self.background(colour)
        if len(stack) > 1:
            colour = colour.darker(100 + 15 * min(len(stack) - 1, 3))
        fmt = QTextCharFormat()
        fmt.setBackground(colour)
        if len(top.themes) > 1:  # "there is more": underlined in the second theme's colour
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
            fmt.setUnderlineColor(self.colour_of(top.themes[1]).darker(140))
        else:
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.NoUnderline)
        fmt.setProperty(HIGHLIGHT_IDS, ",".join(str(h.id) for h in stack))
        fmt.setToolTip(self._tooltip(stack))
        return fmt

    def _tooltip(self, stack: list[Highlight]) -> str:
        parts = []
        for h in stack:
            themes = ", ".join(self.label_of(t) for t in h.themes)
            note = escape(h.note).replace("\n", "<br>") if h.note else "<i>No note</i>"
            parts.append((f"<b>{escape(themes)}</b><br>" if themes else "") + note)
        return "<p>" + "<hr>".join(parts) + "</p>"  # always rich: every part is escaped

    @staticmethod
    def _clear(doc: QTextDocument, text_map: TextMap, start: int, end: int) -> None:
        blank = QTextCharFormat()
        blank.setBackground(QBrush(Qt.BrushStyle.NoBrush))
        blank.setUnderlineStyle(QTextCharFormat.UnderlineStyle.NoUnderline)
        blank.setProperty(HIGHLIGHT_IDS, "")
        blank.setToolTip("")
        cursor = QTextCursor(doc)
        cursor.beginEditBlock()
        for lo, hi in text_map.doc_ranges(start, end):
            cursor.setPosition(lo)
            cursor.setPosition(hi, QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(blank)
        cursor.endEditBlock()


def ids_at(fmt: QTextCharFormat) -> list[int]:
    """The highlight ids painted at a character (innermost first)."""
    value = fmt.property(HIGHLIGHT_IDS)
    return [int(v) for v in str(value).split(",") if v.isdigit()] if value else []
