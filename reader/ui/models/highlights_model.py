"""The open article's highlights, in reading order (orphans last)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from reader.core.models import Highlight
from reader.core.pages import page_at
from reader.ui.look.plain import plain_html

HIGHLIGHT_ROLE = Qt.ItemDataRole.UserRole + 20
HIGHLIGHT_ID_ROLE = Qt.ItemDataRole.UserRole + 21
PAGE_ROLE = Qt.ItemDataRole.UserRole + 22  # the page a highlight starts on (PDF), or None

Index = QModelIndex | QPersistentModelIndex


class HighlightsModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: list[Highlight] = []
        self._pages: tuple[int, ...] = ()

    def set_highlights(self, items: list[Highlight], pages: tuple[int, ...] = ()) -> None:
        """``pages``: where each page starts in the article's text (paged sources only)."""
        self.beginResetModel()
        self._items = list(items)
        self._pages = pages
        self.endResetModel()

    def highlights(self) -> list[Highlight]:
        return list(self._items)

    def row_of(self, highlight_id: int) -> int | None:
        return next((n for n, h in enumerate(self._items) if h.id == highlight_id), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return item.quote
        if role == HIGHLIGHT_ROLE:
            return item
        if role == HIGHLIGHT_ID_ROLE:
            return item.id
        if role == PAGE_ROLE:
            return page_at(self._pages, item.start) if item.start is not None else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_html(item.note) or None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"Highlight: {item.quote}" + (f". Note: {item.note}" if item.note else "")
        return None
