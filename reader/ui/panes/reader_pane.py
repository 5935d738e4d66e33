"""Centre pane: the reader, a bar to step through marks, and find-in-article (Ctrl+F)."""

from __future__ import annotations

from html import escape as _escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.ui.look.icons import icon
from reader.ui.reading.highlight_paint import HighlightPainter
from reader.ui.reading.reader_view import ReaderView


def find_spans(text: str, needle: str) -> list[tuple[int, int]]:
    """Case-insensitive plain-text occurrences of ``needle`` in ``text`` (canonical offsets)."""
    needle = needle.strip()
    if not needle:
        return []
    haystack, target = text.casefold(), needle.casefold()
    if len(haystack) != len(text):  # casefold changed lengths (ß → ss): fall back to lower()
        haystack, target = text.lower(), needle.lower()
    spans, start = [], haystack.find(target)
    while start >= 0 and len(haystack) == len(text):
        spans.append((start, start + len(target)))
        start = haystack.find(target, start + len(target))
    return spans


class MarkBar(QWidget):
    """ "3 of 12" with previous/next; shows what the marks are (search hits or find)."""

    closed = Signal()

    def __init__(self, view: ReaderView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("markBar")
        self.view = view
        self.label = QLabel(self)
        self.find_edit = QLineEdit(self)
        self.find_edit.setPlaceholderText(self.tr("Find in article"))
        self.find_edit.setClearButtonEnabled(True)
        self.find_edit.setMaximumWidth(260)
        self.find_edit.textChanged.connect(self._find)
        self.find_edit.returnPressed.connect(lambda: view.step_mark(1))
        self.counter = QLabel(self)
        self.counter.setObjectName("markCounter")
        self.counter.setMinimumWidth(70)
        self.prev_button = self._button("previous", self.tr("Previous (Shift+F3)"), -1)
        self.next_button = self._button("next", self.tr("Next (F3)"), 1)
        close = QToolButton(self)
        close.setIcon(icon("close"))
        close.setToolTip(self.tr("Close (Esc)"))
        close.setAutoRaise(True)
        close.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 10, 4)
        layout.addWidget(self.label)
        layout.addWidget(self.find_edit)
        layout.addWidget(self.counter)
        layout.addWidget(self.prev_button)
        layout.addWidget(self.next_button)
        layout.addStretch(1)
        layout.addWidget(close)
        view.current_mark_changed.connect(self._update_counter)
        self.hide()

    def _button(self, name: str, tip: str, step: int) -> QToolButton:
        button = QToolButton(self)
        button.setIcon(icon(name))
        button.setToolTip(tip)
        button.setAutoRaise(True)
        button.clicked.connect(lambda: self.view.step_mark(step))
        return button

    def show_search(self, query: str) -> None:
        """Marks come from a search: show the query, hide the find field."""
        self.label.setText(self.tr("Search: <b>%s</b>") % _escape(query))
        self.find_edit.hide()
        self.show()

    def showing_search(self) -> bool:
        """Whether the bar shows marks of a search (not the find field)."""
        return not self.isHidden() and self.find_edit.isHidden()

    def show_find(self) -> None:
        self.label.setText(self.tr("Find:"))
        self.find_edit.show()
        self.show()
        self.find_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.find_edit.selectAll()
        self._find(self.find_edit.text())

    def dismiss(self) -> None:
        self.hide()
        self.view.set_marks([])
        self.closed.emit()

    def _find(self, needle: str) -> None:
        article = self.view.article
        self.view.set_marks(find_spans(article.text, needle) if article else [])

    def _update_counter(self, current: int, count: int) -> None:
        if count == 0:
            has_needle = self.find_edit.isVisible() and bool(self.find_edit.text().strip())
            self.counter.setText(
                self.tr("no matches") if has_needle or not self.find_edit.isVisible() else ""
            )
        else:
            self.counter.setText(
                self.tr("%1 of %2").replace("%1", str(current + 1)).replace("%2", str(count))
            )
        self.prev_button.setEnabled(count > 1)
        self.next_button.setEnabled(count > 1)


class ReaderPane(QWidget):
    def __init__(
        self, parent: QWidget | None = None, *, painter: HighlightPainter | None = None
    ) -> None:
        """``painter`` draws the highlights in the view (none: they are not drawn)."""
        super().__init__(parent)
        self.view = ReaderView(self, painter=painter)
        self.mark_bar = MarkBar(self.view, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.mark_bar)
        layout.addWidget(self.view, 1)
