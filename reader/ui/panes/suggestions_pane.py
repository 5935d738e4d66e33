"""Right pane, third tab: passages of the open article that match a theme's keywords or
query, offered to accept as a highlight with that theme, or to dismiss (remembered)."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListView, QPushButton, QVBoxLayout, QWidget

from reader.core.themes.suggestions import Suggestion
from reader.ui.look.theme_look import ThemeLook
from reader.ui.look.wording import plural

SUGGESTION_ROLE = Qt.ItemDataRole.UserRole + 50
Index = QModelIndex | QPersistentModelIndex


class SuggestionsModel(QAbstractListModel):
    def __init__(self, look: ThemeLook, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.look = look
        self._items: list[Suggestion] = []

    def set_items(self, items: list[Suggestion]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def items(self) -> list[Suggestion]:
        return list(self._items)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            quote = " ".join(item.quote.split())
            clipped = quote if len(quote) <= 140 else quote[:140] + "…"
            return f"{self.look.label_of(item.theme_id)}: “{clipped}”"
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"<b>{escape(self.look.label_of(item.theme_id))}</b> — {escape(item.reason)}"
        if role == Qt.ItemDataRole.DecorationRole:
            from reader.ui.models.themes_model import swatch

            return swatch(self.look.colour_of(item.theme_id))
        if role == SUGGESTION_ROLE:
            return item
        return None


class SuggestionsPane(QWidget):
    accepted = Signal(object)  # Suggestion
    dismissed = Signal(object)  # Suggestion
    selected = Signal(object)  # Suggestion (to scroll the reader to it)

    def __init__(self, look: ThemeLook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("suggestionsPane")
        self.model = SuggestionsModel(look, self)
        self.heading = QLabel(self)
        self.heading.setObjectName("paneHeading")
        self.list = QListView(self)
        self.list.setObjectName("suggestionsList")
        self.list.setModel(self.model)
        self.list.setWordWrap(True)
        self.list.setSpacing(3)
        self.list.clicked.connect(lambda i: self.selected.emit(i.data(SUGGESTION_ROLE)))
        self.empty = QLabel(
            self.tr(
                "No suggestions for this article. Suggestions come from "
                "the keywords and queries of your themes (Manage Themes)."
            ),
            self,
        )
        self.empty.setObjectName("placeholder")
        self.empty.setWordWrap(True)
        self.accept_button = QPushButton(self.tr("Accept as Highlight"), self)
        self.dismiss_button = QPushButton(self.tr("Dismiss"), self)
        self.accept_button.clicked.connect(lambda: self._act(self.accepted))
        self.dismiss_button.clicked.connect(lambda: self._act(self.dismissed))
        buttons = QHBoxLayout()
        buttons.addWidget(self.accept_button)
        buttons.addWidget(self.dismiss_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addWidget(self.heading)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty, 1)
        layout.addLayout(buttons)
        self.show_items([])

    def show_items(self, items: list[Suggestion]) -> None:
        row = self.list.currentIndex().row()
        self.model.set_items(items)
        self.heading.setText(
            plural(len(items), self.tr("suggestion")).upper() if items else self.tr("SUGGESTIONS")
        )
        self.list.setVisible(bool(items))
        self.empty.setVisible(not items)
        for button in (self.accept_button, self.dismiss_button):
            button.setEnabled(bool(items))
        if items:
            self.list.setCurrentIndex(self.model.index(min(max(row, 0), len(items) - 1), 0))

    def current(self) -> Suggestion | None:
        index = self.list.currentIndex()
        return index.data(SUGGESTION_ROLE) if index.isValid() else None

    def _act(self, signal: Any) -> None:
        item = self.current()
        if item is not None:
            signal.emit(item)
