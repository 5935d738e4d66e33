"""A synthesis column: a header (colour, theme name, count, collapse) over its cards."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.core.store import Store
from reader.core.synthesis import Card
from reader.ui.look.theme_look import ThemeLook
from reader.ui.look.wording import plural
from reader.ui.synthesis.card_delegate import CardDelegate
from reader.ui.synthesis.cards_model import CARD_ROLE, CardsModel

WIDTH = 300
COLLAPSED = 34


class _Header(QToolButton):
    """The column's title; when collapsed the column is a narrow strip read sideways."""

    def __init__(self, colour: QColor, parent: QWidget) -> None:
        super().__init__(parent)
        self.colour = colour
        self.collapsed = False
        self.setCheckable(True)
        self.setAutoRaise(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)

    def sizeHint(self) -> QSize:
        return QSize(COLLAPSED, self.fontMetrics().height() + 14)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = self.rect()
        painter.fillRect(rect.adjusted(0, rect.height() - 3, 0, 0), self.colour)
        painter.setPen(self.palette().color(self.foregroundRole()))
        arrow = "▸" if self.collapsed else "▾"
        painter.drawText(
            rect.adjusted(6, 0, -4, -3),
            int(Qt.AlignmentFlag.AlignVCenter),
            self.fontMetrics().elidedText(
                f"{arrow} {self.text()}", Qt.TextElideMode.ElideRight, rect.width() - 10
            )
            if not self.collapsed
            else arrow,
        )
        painter.end()


class _VerticalLabel(QWidget):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.text = ""
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self.setFixedWidth(COLLAPSED)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.translate(self.width() / 2 + self.fontMetrics().ascent() / 2 - 2, 8)
        painter.rotate(90)
        painter.drawText(0, 0, self.text)
        painter.end()


class ThemeColumn(QWidget):
    """``card_clicked(card)``; ``collapsed_changed(theme_id, collapsed)``."""

    card_clicked = Signal(object)
    collapsed_changed = Signal(object, bool)

    def __init__(
        self,
        theme_id: str | None,
        look: ThemeLook,
        store: Callable[[], Store],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.theme_id = theme_id
        self.look = look
        self.setObjectName(f"synthesisColumn:{theme_id or ''}")
        colour = look.colour_of(theme_id) if theme_id else QColor("#9aa5b1")
        self.header = _Header(colour, self)
        self.header.toggled.connect(self.set_collapsed)
        self.model = CardsModel(theme_id, store, self)
        self.list = QListView(self)
        self.list.setObjectName("synthesisCards")
        self.list.setModel(self.model)
        self.list.setItemDelegate(CardDelegate(look, self.list))
        self.list.setUniformItemSizes(True)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setDragEnabled(True)
        self.list.setAcceptDrops(True)
        self.list.setDropIndicatorShown(False)
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.setMouseTracking(True)
        self.list.setFrameShape(QListView.Shape.NoFrame)
        self.list.clicked.connect(self._clicked)
        self.list.activated.connect(self._clicked)
        self.side = _VerticalLabel(self)
        self.side.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.header)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.side, 1)
        self.setFixedWidth(WIDTH)

    def set_cards(self, article_ids: tuple[int, ...], highlight_ids: tuple[int, ...]) -> None:
        self.model.set_entries(article_ids, highlight_ids)
        name = self.look.label_of(self.theme_id) if self.theme_id else self.tr("Unthemed")
        count, articles = len(highlight_ids), len(article_ids)
        if articles and not count:
            text = f"{name}  (" + plural(articles, self.tr("article")) + ")"
        elif articles:
            text = f"{name}  ({count:,} + " + plural(articles, self.tr("article")) + ")"
        else:
            text = f"{name}  ({count:,})"
        self.header.setText(text)
        self.header.setToolTip(text + "\n" + self.tr("Click to collapse or expand"))
        self.side.text = text
        self.side.update()

    def set_collapsed(self, collapsed: bool) -> None:
        self.header.collapsed = collapsed
        self.header.blockSignals(True)
        self.header.setChecked(collapsed)
        self.header.blockSignals(False)
        self.list.setVisible(not collapsed)
        self.side.setVisible(collapsed)
        self.setFixedWidth(COLLAPSED if collapsed else WIDTH)
        self.collapsed_changed.emit(self.theme_id, collapsed)

    def _clicked(self, index: QModelIndex) -> None:
        card: Card | None = index.data(CARD_ROLE)
        if card is not None:
            self.card_clicked.emit(card)
