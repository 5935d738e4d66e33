"""Search results as a list model: title, date and snippets of each hit."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from reader.ui.models.library_model import ARTICLE_ID_ROLE

HIT_ROLE = Qt.ItemDataRole.UserRole + 10

Index = QModelIndex | QPersistentModelIndex


class SearchResultsModel(QAbstractListModel):
    """Rows are search hits (``reader.core.search`` hit objects), best first."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._hits: list[Any] = []
        self.query = ""
        self.total = 0

    def set_hits(self, query: str, hits: list[Any], total: int) -> None:
        self.beginResetModel()
        self.query, self._hits, self.total = query, list(hits), total
        self.endResetModel()

    def clear(self) -> None:
        self.set_hits("", [], 0)

    def hit(self, row: int) -> Any:
        return self._hits[row]

    def article_ids(self) -> frozenset[int]:
        return frozenset(h.id for h in self._hits)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return hit.title
        if role == HIT_ROLE:
            return hit
        if role == ARTICLE_ID_ROLE:
            return hit.id
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{hit.title}, {hit.date or 'undated'}"
        return None
