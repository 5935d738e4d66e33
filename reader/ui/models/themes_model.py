"""The theme taxonomy as a tree: name with its colour, highlight and article counts.

Used by the filter panel (checkable: include; a separate exclude set) and by the theme
manager (drag a theme onto another to re-parent it; the move itself is a command the
controller runs, so it is undoable and saved to themes.yaml).
"""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

from reader.core.themes import Taxonomy, Theme
from reader.ui.look.plain import plain_html
from reader.ui.look.theme_look import ThemeLook

THEME_ID_ROLE = Qt.ItemDataRole.UserRole + 30
MIME = "application/x-research-reader-theme"

Index = QModelIndex | QPersistentModelIndex


class ThemeColumn(IntEnum):
    NAME = 0
    HIGHLIGHTS = 1
    ARTICLES = 2


class ThemeTreeModel(QAbstractItemModel):
    """Read-only view of a Taxonomy; changes arrive as a whole new taxonomy."""

    move_requested = Signal(str, object, int)  # theme id, new parent id or None, row
    filter_changed = Signal()

    def __init__(
        self,
        parent: QObject | None = None,
        checkable: bool = False,
        draggable: bool = False,
        *,
        look: ThemeLook | None = None,
    ) -> None:
        """``look``: where a theme's colour comes from (the window's one
        :class:`ThemeLook`); the swatches are redrawn whenever it changes."""
        super().__init__(parent)
        self.taxonomy = Taxonomy()
        self.counts: dict[str, tuple[int, int]] = {}
        self.colour_of: Callable[[str], QColor] = (
            look.colour_of if look is not None else lambda theme_id: QColor("#999999")
        )
        if look is not None:
            look.changed.connect(self._look_changed)
        self.checkable, self.draggable = checkable, draggable
        self.included: set[str] = set()
        self.excluded: set[str] = set()
        self._ids: list[str] = []  # internal pointers index into this list
        self._children: dict[str | None, list[str]] = {}
        self._parent: dict[str, str | None] = {}
        self._pointer: dict[str, int] = {}  # id → its place in _ids (list.index was O(n))
        self._row: dict[str, int] = {}  # id → its row among its siblings

    # -- content -------------------------------------------------------------------------

    def set_taxonomy(self, taxonomy: Taxonomy) -> None:
        self.beginResetModel()
        self.taxonomy = taxonomy
        self._ids = [t.id for t in taxonomy.themes]
        self._children = {None: [t.id for t in taxonomy.children(None)]}
        self._parent = {}
        for theme in taxonomy.themes:
            self._children[theme.id] = [c.id for c in taxonomy.children(theme.id)]
            self._parent[theme.id] = theme.parent if taxonomy.get(theme.parent or "") else None
        self._pointer = {}
        for i, theme_id in enumerate(self._ids):
            self._pointer.setdefault(theme_id, i)
        self._row = {c: row for kids in self._children.values() for row, c in enumerate(kids)}
        known = set(self._ids)
        self.included &= known
        self.excluded &= known
        self.endResetModel()

    def _look_changed(self) -> None:
        """Colours changed: repaint the swatches (the tree's shape is the taxonomy's)."""
        for theme_id in self._ids:
            index = self.index_of(theme_id)
            if index.isValid():
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])

    def set_counts(self, counts: dict[str, tuple[int, int]]) -> None:
        self.counts = counts
        for theme_id in self._ids:
            index = self.index_of(theme_id, ThemeColumn.HIGHLIGHTS)
            self.dataChanged.emit(index, index.siblingAtColumn(ThemeColumn.ARTICLES))

    def theme_at(self, index: Index) -> Theme | None:
        if not index.isValid():
            return None
        return self.taxonomy.get(self._ids[index.internalId()])

    def index_of(self, theme_id: str, column: int = 0) -> QModelIndex:
        parent = self._parent.get(theme_id)
        row = self._row.get(theme_id)
        siblings = self._children.get(parent, [])
        if row is None or row >= len(siblings) or siblings[row] != theme_id:
            return QModelIndex()
        return self.createIndex(row, column, self._pointer[theme_id])

    def set_excluded(self, theme_id: str, excluded: bool) -> None:
        (self.excluded.add if excluded else self.excluded.discard)(theme_id)
        if excluded:
            self.included.discard(theme_id)
        index = self.index_of(theme_id)
        self.dataChanged.emit(index, index)
        self.filter_changed.emit()

    def clear_filter(self) -> None:
        self.included.clear()
        self.excluded.clear()
        self.beginResetModel()
        self.endResetModel()
        self.filter_changed.emit()

    # -- QAbstractItemModel --------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        parent_id = self._ids[parent.internalId()] if parent.isValid() else None
        siblings = self._children.get(parent_id, [])
        if not 0 <= row < len(siblings) or not 0 <= column < len(ThemeColumn):
            return QModelIndex()
        return self.createIndex(row, column, self._pointer[siblings[row]])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        parent_id = self._parent.get(self._ids[index.internalId()])
        return self.index_of(parent_id) if parent_id else QModelIndex()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        parent_id = self._ids[parent.internalId()] if parent.isValid() else None
        return len(self._children.get(parent_id, []))

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(ThemeColumn)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Theme"), self.tr("Highlights"), self.tr("Articles"))[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        theme = self.theme_at(index)
        if theme is None:
            return None
        column = ThemeColumn(index.column())
        if role == THEME_ID_ROLE:
            return theme.id
        if column == ThemeColumn.NAME:
            return self._name_data(theme, role)
        if role == Qt.ItemDataRole.DisplayRole:
            counts = self.counts.get(theme.id, (0, 0))
            value = counts[0] if column == ThemeColumn.HIGHLIGHTS else counts[1]
            return str(value) if value else ""
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _name_data(self, theme: Theme, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return theme.name + (f"  [{theme.key}]" if theme.key else "")
        if role == Qt.ItemDataRole.DecorationRole:
            return swatch(self.colour_of(theme.id))
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_html(theme.description or theme.name)
        if role == Qt.ItemDataRole.CheckStateRole and self.checkable:
            return Qt.CheckState.Checked if theme.id in self.included else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.FontRole and theme.id in self.excluded:
            font = QFont()
            font.setStrikeOut(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and theme.id in self.excluded:
            return QColor("#c0392b")
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        theme = self.theme_at(index)
        if theme is None or role != Qt.ItemDataRole.CheckStateRole or not self.checkable:
            return False
        checked = Qt.CheckState(value) == Qt.CheckState.Checked
        (self.included.add if checked else self.included.discard)(theme.id)
        if checked:
            self.excluded.discard(theme.id)
        self.dataChanged.emit(index, index)
        self.filter_changed.emit()
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if not index.isValid():
            return base | (
                Qt.ItemFlag.ItemIsDropEnabled if self.draggable else Qt.ItemFlag.NoItemFlags
            )
        if index.column() == ThemeColumn.NAME:
            if self.checkable:
                base |= Qt.ItemFlag.ItemIsUserCheckable
            if self.draggable:
                base |= Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled
        return base

    # -- drag and drop (re-parent) -------------------------------------------------------

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # type: ignore[override]
        data = QMimeData()
        theme = self.theme_at(indexes[0]) if indexes else None
        data.setData(MIME, (theme.id if theme else "").encode())
        return data

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        theme_id = bytes(data.data(MIME).data()).decode()
        if not theme_id:
            return False
        target = self.theme_at(parent)
        self.move_requested.emit(theme_id, target.id if target else None, row)
        return False  # the controller rebuilds the model from the saved taxonomy


def swatch(colour: QColor, size: int = 12) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(0, 0, 0, 0))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(colour)
    painter.setPen(colour.darker(130))
    painter.drawRoundedRect(1, 1, size - 2, size - 2, 3, 3)
    painter.end()
    return QIcon(pixmap)
