"""The library table: one row per article, sortable and filterable through a proxy."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from reader.core.models import ArticleSummary
from reader.ui.look.plain import plain_html

ARTICLE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
THEMES_ROLE = Qt.ItemDataRole.UserRole + 3

Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    TITLE = 0
    DATE = 1
    SOURCE = 2
    HIGHLIGHTS = 3
    THEMES = 4


HEADERS = {
    Column.TITLE: "Title",
    Column.DATE: "Date",
    Column.SOURCE: "Source",
    Column.HIGHLIGHTS: "Highlights",
    Column.THEMES: "Themes",
}


class LibraryModel(QAbstractTableModel):
    """Articles as rows. Holds summaries only (no texts): 10,000 rows stay cheap."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ArticleSummary] = []
        self._row_of: dict[int, int] = {}
        self._sort: tuple[int, Qt.SortOrder] = (int(Column.DATE), Qt.SortOrder.DescendingOrder)

    def set_articles(self, rows: list[ArticleSummary]) -> None:
        self.beginResetModel()
        self._rows = self._sorted(list(rows), *self._sort)
        self._index_rows()
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by precomputed keys in Python: ~100x faster than the proxy comparing
        through ``data()`` (measured 1 s for 10,000 rows), and stable across refreshes."""
        if not 0 <= column < len(Column):
            return
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        old_ids = [r.id for r in self._rows]
        self._rows = self._sorted(self._rows, column, order)
        self._index_rows()
        persistent = self.persistentIndexList()
        moved = [self.index(self._row_of[old_ids[p.row()]], p.column()) for p in persistent]
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    @staticmethod
    def _sorted(
        rows: list[ArticleSummary], column: int, order: Qt.SortOrder
    ) -> list[ArticleSummary]:
        key = Column(column)
        ordered = sorted(rows, key=lambda r: (_sort_key(r, key), r.id))
        return ordered[::-1] if order == Qt.SortOrder.DescendingOrder else ordered

    def _index_rows(self) -> None:
        self._row_of = {r.id: i for i, r in enumerate(self._rows)}

    def update_article(self, summary: ArticleSummary) -> None:
        """Replace one row in place (after an edit changed its counts or themes)."""
        row = self._row_of.get(summary.id)
        if row is None:
            return
        self._rows[row] = summary
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))

    def article(self, row: int) -> ArticleSummary:
        return self._rows[row]

    def row_of(self, article_id: int) -> int | None:
        return self._row_of.get(article_id)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        column = Column(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return "" if column == Column.HIGHLIGHTS else self.tr(HEADERS[column])
        if role == Qt.ItemDataRole.DecorationRole and column == Column.HIGHLIGHTS:
            from reader.ui.look.icons import icon

            return icon("highlight")
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr(HEADERS[column])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(row, column)
        if role == SORT_ROLE:
            return _sort_key(row, column)
        if role == ARTICLE_ID_ROLE:
            return row.id
        if role == THEMES_ROLE:
            return list(row.themes)
        if role == Qt.ItemDataRole.ToolTipRole and column == Column.THEMES and row.themes:
            return plain_html(", ".join(row.themes))
        if role == Qt.ItemDataRole.ToolTipRole and column == Column.TITLE:
            details = [row.title, row.date or "", row.source or "", row.author or ""]
            return plain_html("\n".join(d for d in details if d))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == Column.HIGHLIGHTS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def _display(row: ArticleSummary, column: Column) -> str | None:
    if column == Column.TITLE:
        return row.title
    if column == Column.DATE:
        return row.date or "—"
    if column == Column.SOURCE:
        return row.source or ""
    if column == Column.HIGHLIGHTS:
        return str(row.highlights) if row.highlights else ""
    return plain_html(", ".join(row.themes))


def _sort_key(row: ArticleSummary, column: Column) -> Any:
    if column == Column.TITLE:
        return row.title.casefold()
    if column == Column.DATE:
        return row.date or "0000"  # undated articles sort as oldest
    if column == Column.SOURCE:
        return (row.source or "\uffff").casefold()
    if column == Column.HIGHLIGHTS:
        return row.highlights
    return len(row.themes)


class LibraryProxy(QSortFilterProxyModel):
    """A quick filter over title/source/author and an id restriction. Sorting is passed
    to the source model (see :meth:`LibraryModel.sort`); the proxy keeps source order."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._needle = ""
        self._allowed: frozenset[int] | None = None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        model = self.sourceModel()
        if isinstance(model, LibraryModel):
            model.sort(column, order)

    def set_quick_filter(self, text: str) -> None:
        self.beginFilterChange()
        self._needle = text.strip().casefold()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_allowed_ids(self, ids: frozenset[int] | None) -> None:
        """Show only these articles (None: all). Theme filters will use this too."""
        self.beginFilterChange()
        self._allowed = ids
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, LibraryModel)
        row = model.article(source_row)
        if self._allowed is not None and row.id not in self._allowed:
            return False
        if not self._needle:
            return True
        haystack = " ".join((row.title, row.source or "", row.author or "", row.date or ""))
        return self._needle in haystack.casefold()
