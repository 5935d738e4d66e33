"""The reader: an article typeset for reading, with marked hits to step through.

Positions cross the Qt boundary here only: callers speak canonical offsets (code points
of the article's plain text), the view converts through its :class:`TextMap`.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QKeyEvent,
    QMouseEvent,
    QResizeEvent,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QMenu, QTextBrowser, QTextEdit, QWidget

from reader.core.models import Article, Highlight
from reader.ui.look.colours import palette_is_dark
from reader.ui.reading.article_document import DEFAULT_POINT_SIZE, ReaderStyle, build_document
from reader.ui.reading.highlight_paint import HighlightPainter, ids_at
from reader.ui.reading.textmap import TextMap

MEASURE_EM = 36  # a readable line: about 70 characters of body text
MIN_POINT, MAX_POINT = 8.0, 32.0
MARK = QColor("#ffe08a")
MARK_CURRENT = QColor("#ff9f43")
FLASH = QColor("#8ecbff")
COMMAND_KEYS = frozenset(
    {
        Qt.Key.Key_H,
        Qt.Key.Key_N,
        Qt.Key.Key_Delete,
        Qt.Key.Key_Backspace,
        *(Qt.Key(Qt.Key.Key_1.value + n) for n in range(9)),
    }
)
FLASH_MS = 700


class ReaderView(QTextBrowser):
    """Read-only, selectable article view. Emits ``current_mark_changed(index, count)``.

    ``context_menu_prepared(menu, point)``: the standard context menu (copy, select
    all) is built for a viewport point and about to be shown; slots connected to it add
    their own actions to ``menu`` (the connection must be direct: the menu runs right
    after the signal returns). The view knows nothing of highlights' commands."""

    current_mark_changed = Signal(int, int)
    style_changed = Signal()
    highlight_clicked = Signal(int)  # a click on highlighted text: its (innermost) id
    context_menu_prepared = Signal(QMenu, QPoint)

    def __init__(
        self, parent: QWidget | None = None, *, painter: HighlightPainter | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("readerView")
        self.setOpenExternalLinks(True)
        self.setUndoRedoEnabled(False)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextBrowserInteraction
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.article: Article | None = None
        self.text_map = TextMap("", [])
        self.reading_style = ReaderStyle()
        self._marks: list[tuple[int, int]] = []
        self._current = -1
        self.highlights: list[Highlight] = []
        self.painter = painter
        self._flash: tuple[int, int] | None = None
        self._suggested: list[tuple[int, int, QColor]] = []
        self._placeholder()

    # -- content -----------------------------------------------------------------------

    def show_article(self, article: Article | None) -> None:
        self.article = article
        self._marks, self._current = [], -1
        if article is None:
            self._placeholder()
            return
        doc, self.text_map = build_document(article, self.reading_style, self.palette())
        doc.setParent(self)
        self.setDocument(doc)
        self._apply_measure()
        self.highlights = []
        self._suggested = []
        self._paint_marks()
        self.current_mark_changed.emit(-1, 0)

    def refresh_article(self, article: Article) -> None:
        """The open article's fields changed, not its text: hold the fresh copy without
        typesetting it again (a changed heading needs :meth:`show_article`)."""
        if self.article is not None and self.article.id == article.id:
            self.article = article

    # -- highlights ----------------------------------------------------------------------

    def set_highlights(
        self, highlights: list[Highlight], span: tuple[int, int] | None = None
    ) -> None:
        """Show ``highlights`` (the open article's); with ``span``, repaint only there."""
        self.highlights = list(highlights)
        if self.article is not None and self.painter is not None:
            self.painter.paint(self.document(), self.text_map, self.highlights, span)

    def highlight_ids_at(self, point: QPoint) -> list[int]:
        """Ids of the highlights under a viewport point, innermost first."""
        cursor = self.cursorForPosition(point)
        if not cursor.atBlockEnd():
            cursor.movePosition(
                QTextCursor.MoveOperation.NextCharacter, QTextCursor.MoveMode.KeepAnchor
            )
        return ids_at(cursor.charFormat())

    def reveal(self, highlight: Highlight) -> None:
        """Scroll to a highlight and flash it briefly, so the eye finds it."""
        if highlight.orphan or highlight.start is None or highlight.end is None:
            return
        self.scroll_to_offset(highlight.start, centre=True)
        self._flash = (highlight.start, highlight.end)
        self._paint_marks()
        QTimer.singleShot(FLASH_MS, self._end_flash)

    def _end_flash(self) -> None:
        self._flash = None
        self._paint_marks()

    def event(self, event: QEvent) -> bool:
        """Let single-key commands (H, N, 1–9, Del) reach their actions: a text edit
        claims every printable key through ShortcutOverride, even when read-only."""
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() in COMMAND_KEYS
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            event.ignore()
            return False
        return super().event(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.createStandardContextMenu(event.pos())
        self.context_menu_prepared.emit(menu, event.pos())
        menu.exec(event.globalPos())
        menu.deleteLater()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            ids = self.highlight_ids_at(event.position().toPoint())
            if ids:
                self.highlight_clicked.emit(ids[0])

    def _placeholder(self) -> None:
        self.text_map = TextMap("", [])
        self.setHtml(
            "<div style='margin-top:80px; text-align:center; color:palette(mid)'>"
            "<p style='font-size:15pt'>No article open</p>"
            "<p>Choose an article in the library, or import some with File ▸ Import.</p>"
            "</div>"
        )

    # -- typography ----------------------------------------------------------------------

    def set_reading_style(self, style: ReaderStyle) -> None:
        size = min(max(style.point_size, MIN_POINT), MAX_POINT)
        style = ReaderStyle(size, style.serif)
        if style == self.reading_style:
            return
        top = self.top_offset()
        self.reading_style = style
        self._retypeset()
        self.scroll_to_offset(top)
        self.style_changed.emit()

    def zoom(self, steps: int) -> None:
        size = DEFAULT_POINT_SIZE if steps == 0 else self.reading_style.point_size + steps
        self.set_reading_style(ReaderStyle(size, self.reading_style.serif))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._apply_measure()

    def _apply_measure(self) -> None:
        if self.article is None:
            return
        em = (
            self.fontMetrics().averageCharWidth()
            * self.reading_style.point_size
            / max(self.font().pointSizeF(), 1.0)
        )
        measure = MEASURE_EM * em * 2
        side = max(24.0, (self.viewport().width() - measure) / 2)
        root = self.document().rootFrame()
        fmt = root.frameFormat()
        if abs(fmt.leftMargin() - side) < 1:
            return
        fmt.setLeftMargin(side)
        fmt.setRightMargin(side)
        fmt.setTopMargin(36)
        fmt.setBottomMargin(48)
        root.setFrameFormat(fmt)

    # -- positions -----------------------------------------------------------------------

    def top_offset(self) -> int:
        """Canonical offset of the text at the top of the view (to restore the place)."""
        if self.article is None:
            return 0
        position = self.cursorForPosition(QPoint(self.viewport().width() // 2, 4)).position()
        return self.text_map.to_canon(position)

    def scroll_to_offset(self, offset: int, centre: bool = False) -> None:
        if self.article is None:
            return
        bar = self.verticalScrollBar()
        segments = self.text_map.segments
        if not segments or offset <= segments[0].canon_start:
            bar.setValue(0)  # the top of the article shows its header too
            return
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.text_map.to_doc(offset))
        rect = self.cursorRect(cursor)
        in_document = bar.value() + rect.top()  # the offset's height from the top
        if centre and in_document < self.viewport().height() * 2 // 3:
            bar.setValue(0)  # already on the first screen: keep the header in view
            return
        bar.setValue(max(0, in_document - (self.viewport().height() // 3 if centre else 0)))

    def selected_span(self) -> tuple[int, int] | None:
        """Canonical ``[start, end)`` of the selection, or None when nothing is selected."""
        cursor = self.textCursor()
        if not cursor.hasSelection() or self.article is None:
            return None
        start = self.text_map.to_canon(cursor.selectionStart())
        end = self.text_map.to_canon(cursor.selectionEnd())
        return (start, end) if end > start else None

    # -- marks (search hits, find-in-article) --------------------------------------------

    def set_marks(self, spans: list[tuple[int, int]], go_to_first: bool = True) -> None:
        self._marks = sorted(spans)
        self._current = 0 if (self._marks and go_to_first) else -1
        self._paint_marks()
        if self._current >= 0:
            self._reveal_current()
        self.current_mark_changed.emit(self._current, len(self._marks))

    def mark_count(self) -> int:
        return len(self._marks)

    def step_mark(self, delta: int) -> None:
        if not self._marks:
            return
        self._current = (self._current + delta) % len(self._marks)
        self._paint_marks()
        self._reveal_current()
        self.current_mark_changed.emit(self._current, len(self._marks))

    def _reveal_current(self) -> None:
        start, _ = self._marks[self._current]
        self.scroll_to_offset(start, centre=True)

    def set_suggestions(self, spans: list[tuple[int, int, QColor]]) -> None:
        """Faint dotted underlines under suggested passages (below search marks)."""
        self._suggested = list(spans)
        self._paint_marks()

    def _paint_marks(self) -> None:
        selections = []
        for start, end, colour in self._suggested:
            fmt = QTextCharFormat()
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
            fmt.setUnderlineColor(colour)
            for lo, hi in self.text_map.doc_ranges(start, end):
                selections.append(self._selection(lo, hi, fmt))
        if self._flash is not None:
            fmt = QTextCharFormat()
            fmt.setBackground(FLASH)
            for lo, hi in self.text_map.doc_ranges(*self._flash):
                selections.append(self._selection(lo, hi, fmt))
        for n, (start, end) in enumerate(self._marks):
            fmt = QTextCharFormat()
            fmt.setBackground(MARK_CURRENT if n == self._current else MARK)
            fmt.setForeground(QColor("#1f2933"))
            for lo, hi in self.text_map.doc_ranges(start, end):
                selections.append(self._selection(lo, hi, fmt))
        self.setExtraSelections(selections)

    def _selection(self, lo: int, hi: int, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.document())
        cursor.setPosition(lo)
        cursor.setPosition(hi, QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        selection.format = fmt
        return selection

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.article is not None:
            if self.painter is not None:
                self.painter.dark = palette_is_dark(self.palette())
            self._retypeset()

    def _retypeset(self) -> None:
        """Typeset the open article again (new style or palette), keeping marks and
        highlights."""
        marks, current, highlights = self._marks, self._current, self.highlights
        self.show_article(self.article)
        self._marks, self._current = marks, current
        self.set_highlights(highlights)
        self._paint_marks()
