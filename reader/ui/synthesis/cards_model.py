"""One synthesis column's cards as a list model: highlights, then article entries.

Cards are read lazily, in batches, as the view asks for them (a column can hold tens of
thousands of highlights; only those on screen are read). Dragging a highlight card out
carries its id and the column it left; dropping it on another column emits
``retag_requested`` and leaves the actual change to an undoable command.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from reader.core.store import Store
from reader.core.synthesis import Card, article_card, highlight_cards

CARD_ROLE = Qt.ItemDataRole.UserRole + 1
MIME = "application/x-research-reader-synthesis-card"
BATCH = 64  # cards read from the store at a time
ROWS = 200  # rows shown at first and added per scroll to the end (canFetchMore)

Index = QModelIndex | QPersistentModelIndex


class CardsModel(QAbstractListModel):
    """``retag_requested(highlight_id, from_theme, to_theme, keep)``: a card was dropped
    here (``keep`` when copied with Ctrl: the old theme stays). Themes are ids; None is
    the unthemed group."""

    retag_requested = Signal(int, object, object, bool)

    def __init__(
        self, theme_id: str | None, store: Callable[[], Store], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.theme_id = theme_id
        self.store = store
        self.highlight_ids: Sequence[int] = ()
        self.article_ids: Sequence[int] = ()  # listed after: articles carrying the theme
        self.shown = 0  # rows the view knows of; more as it scrolls (fetchMore)
        self._cards: dict[tuple[int, int], Card] = {}

    def set_entries(self, article_ids: Sequence[int], highlight_ids: Sequence[int]) -> None:
        self.beginResetModel()
        self.article_ids, self.highlight_ids = article_ids, highlight_ids
        self.shown = min(self.total(), ROWS)
        self._cards.clear()
        self.endResetModel()

    def total(self) -> int:
        return len(self.article_ids) + len(self.highlight_ids)

    def entry(self, row: int) -> tuple[int, int]:
        """(0, highlight id) for a highlight, (article id, 0) for an article entry."""
        highlights = len(self.highlight_ids)
        if row < highlights:
            return (0, self.highlight_ids[row])
        return (self.article_ids[row - highlights], 0)

    @property
    def entries(self) -> list[tuple[int, int]]:
        return [self.entry(row) for row in range(self.total())]

    def card(self, row: int) -> Card | None:
        if not 0 <= row < self.shown:
            return None
        key = self.entry(row)
        card = self._cards.get(key)
        if card is None:
            self._fetch(row)
            card = self._cards.get(key)
        return card

    def _fetch(self, row: int) -> None:
        store = self.store()
        batch = [self.entry(r) for r in range(row, min(row + BATCH, self.shown))]
        wanted = [h for a, h in batch if h and (a, h) not in self._cards]
        for hid, card in highlight_cards(store, wanted).items():
            self._cards[(0, hid)] = card
        for a, h in batch:
            if a and (a, h) not in self._cards and (found := article_card(store, a)):
                self._cards[(a, h)] = found

    # -- QAbstractListModel ------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.shown

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and self.shown < self.total()

    def fetchMore(self, parent: Index) -> None:
        """A view of 50,000 rows lays out each row; it is given them as it scrolls."""
        if parent.isValid():
            return
        more = min(self.total(), self.shown + ROWS)
        if more > self.shown:
            self.beginInsertRows(QModelIndex(), self.shown, more - 1)
            self.shown = more
            self.endInsertRows()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.model() is not self:
            return None
        card = self.card(index.row())
        if card is None:
            return None
        if role == CARD_ROLE:
            return card
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return card.quote or card.title
        if role == Qt.ItemDataRole.ToolTipRole:
            where = " · ".join(x for x in (card.title, card.date, card.source) if x)
            return f"{card.quote}\n\n{where}" if card.quote else where
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.entry(index.row())[1]:
            flags |= Qt.ItemFlag.ItemIsDragEnabled
        return flags

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def mimeTypes(self) -> list[str]:
        return [MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        ids = [self.entry(i.row())[1] for i in indexes if i.isValid()]
        mime = QMimeData()
        payload = {"highlights": [h for h in ids if h], "from": self.theme_id}
        mime.setData(MIME, json.dumps(payload).encode())
        return mime

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        payload = _payload(data)
        return payload is not None and payload["from"] != self.theme_id

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        payload = _payload(data)
        if payload is None or payload["from"] == self.theme_id:
            return False
        keep = action == Qt.DropAction.CopyAction
        for hid in payload["highlights"]:
            self.retag_requested.emit(int(hid), payload["from"], self.theme_id, keep)
        return True  # the source's removeRows is a no-op: the refresh moves the card


def _payload(data: QMimeData) -> dict[str, Any] | None:
    if not data.hasFormat(MIME):
        return None
    try:
        payload = json.loads(bytes(data.data(MIME).data()).decode())
    except (ValueError, UnicodeDecodeError):
        return None
    return payload if isinstance(payload, dict) and "highlights" in payload else None
