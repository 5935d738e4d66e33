"""The theme board: every highlight of the chosen themes across the library, and every
article tagged with one of them as a whole (one row, "Whole article")."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from reader.core.themes import BoardItem
from reader.core.themes.ops import BoardArticle
from reader.ui.look.plain import plain_html
from reader.ui.look.theme_look import ThemeLook

BOARD_ITEM_ROLE = Qt.ItemDataRole.UserRole + 40

Index = QModelIndex | QPersistentModelIndex


class BoardColumn(IntEnum):
    DATE = 0
    ARTICLE = 1
    QUOTE = 2
    NOTE = 3
    THEMES = 4


class BoardModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None, *, look: ThemeLook | None = None) -> None:
        """``look``: where a theme's name comes from (the window's one
        :class:`ThemeLook`); the Themes column follows it when it changes."""
        super().__init__(parent)
        self._items: list[BoardItem | BoardArticle] = []
        self._label_of: Callable[[str], str] = look.label_of if look is not None else str
        if look is not None:
            look.changed.connect(self._look_changed)

    def _look_changed(self) -> None:
        if self._items:
            self.dataChanged.emit(
                self.index(0, BoardColumn.THEMES),
                self.index(len(self._items) - 1, BoardColumn.THEMES),
            )

    def set_items(self, items: Sequence[BoardItem | BoardArticle]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorted in Python by typed keys (dates, then article and reading order)."""
        if not 0 <= column < len(BoardColumn):
            return
        self.layoutAboutToBeChanged.emit()
        self._items.sort(
            key=lambda item: self._key(item, BoardColumn(column)),
            reverse=order == Qt.SortOrder.DescendingOrder,
        )
        self.layoutChanged.emit()

    @staticmethod
    def _key(item: BoardItem | BoardArticle, column: BoardColumn) -> Any:
        if isinstance(item, BoardArticle):  # before its highlights in reading order
            return {
                BoardColumn.DATE: (item.article_date or "0000", item.article_title, -1),
                BoardColumn.ARTICLE: (item.article_title.casefold(), -1),
                BoardColumn.QUOTE: "",
                BoardColumn.NOTE: "",
                BoardColumn.THEMES: ",".join(item.themes),
            }[column]
        h = item.highlight
        return {
            BoardColumn.DATE: (item.article_date or "0000", item.article_title, h.start or 0),
            BoardColumn.ARTICLE: (item.article_title.casefold(), h.start or 0),
            BoardColumn.QUOTE: h.quote.casefold(),
            BoardColumn.NOTE: h.note.casefold(),
            BoardColumn.THEMES: ",".join(h.themes),
        }[column]

    def item(self, row: int) -> BoardItem | BoardArticle:
        return self._items[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(BoardColumn)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (
                self.tr("Date"),
                self.tr("Article"),
                self.tr("Quote"),
                self.tr("Note"),
                self.tr("Themes"),
            )[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        column = BoardColumn(index.column())
        if role == BOARD_ITEM_ROLE:
            return item
        if isinstance(item, BoardArticle):
            return self._article_data(item, column, role)
        if role == Qt.ItemDataRole.DisplayRole and column == BoardColumn.QUOTE:
            quote = " ".join(item.highlight.quote.split())
            quote = quote if len(quote) <= 220 else quote[:219] + "…"  # rows stay ≤ ~4 lines
            return ("[orphan] " if item.highlight.orphan else "") + f"“{quote}”"
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = {
                BoardColumn.DATE: item.article_date or "—",
                BoardColumn.ARTICLE: item.article_title,
                BoardColumn.QUOTE: ("[orphan] " if item.highlight.orphan else "")
                + (
                    f"“{item.highlight.quote}”"
                    if role == Qt.ItemDataRole.ToolTipRole
                    else f"“{' '.join(item.highlight.quote.split())}”"
                ),
                BoardColumn.NOTE: item.highlight.note,
                BoardColumn.THEMES: ", ".join(self._label_of(t) for t in item.highlight.themes),
            }[column]
            return plain_html(value) if role == Qt.ItemDataRole.ToolTipRole else value
        return None

    def _article_data(self, item: BoardArticle, column: BoardColumn, role: int) -> Any:
        if role == Qt.ItemDataRole.FontRole and column == BoardColumn.QUOTE:
            font = QFont()
            font.setItalic(True)
            return font
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        value = {
            BoardColumn.DATE: item.article_date or "—",
            BoardColumn.ARTICLE: item.article_title,
            BoardColumn.QUOTE: self.tr("Whole article"),
            BoardColumn.NOTE: "",
            BoardColumn.THEMES: ", ".join(self._label_of(t) for t in item.themes),
        }[column]
        return plain_html(value) if role == Qt.ItemDataRole.ToolTipRole else value
