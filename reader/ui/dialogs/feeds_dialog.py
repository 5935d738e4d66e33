"""File ▸ Feeds…: the feeds subscribed to, with Add, Remove and Update All.

Updating runs through the import controller (background, progress and Cancel in the
status bar, the usual summary), and adding a feed checks it on the write runner: the
dialog never waits on the network. The table is a model over ``core.feeds.feeds``.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reader.core.feeds import (
    Feed,
    add_feed,
    as_import_report,
    feeds,
    remove_feed,
    update_library_feeds,
)
from reader.ui.controllers.importing import ImportController
from reader.ui.dialogs.web_address import WebAddressDialog
from reader.ui.tasks import thread_library
from reader.ui.workspace import Workspace

Index = QModelIndex | QPersistentModelIndex


class FeedsModel(QAbstractTableModel):
    HEADERS = ("Feed", "Articles", "Last checked")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items: list[Feed] = []

    def set_feeds(self, items: list[Feed]) -> None:
        self.beginResetModel()
        self.items = list(items)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(self.HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.items):
            return None
        feed = self.items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 0:
                return feed.title or feed.url
            if index.column() == 1:
                return str(feed.articles)
            if feed.last_error:
                return self.tr("failed: %1").replace("%1", feed.last_error)
            return (feed.checked_at or self.tr("never"))[:16].replace("T", " ")
        if role == Qt.ItemDataRole.ToolTipRole:
            themes = ", ".join(feed.themes)
            return feed.url + (f"\n{self.tr('Suggests')}: {themes}" if themes else "")
        return None


class FeedsDialog(QDialog):
    def __init__(self, parent: QWidget, *, workspace: Workspace, imports: ImportController) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Feeds"))
        self.setObjectName("feeds_dialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.workspace, self.imports = workspace, imports
        self.model = FeedsModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.status = QLabel(self)
        self.add_button = QPushButton(self.tr("Add…"), self)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.update_button = QPushButton(self.tr("Update All"), self)
        self.update_button.setDefault(True)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.update_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.resize(620, 320)
        self.add_button.clicked.connect(self.ask_address)
        self.remove_button.clicked.connect(self.remove_selected)
        self.update_button.clicked.connect(self.update_all)
        imports.finished.connect(self.reload)
        self.reload()

    def reload(self, *_: object) -> None:
        self.model.set_feeds(feeds(self.workspace.library.store))
        self.remove_button.setEnabled(bool(self.model.items))
        self.update_button.setEnabled(bool(self.model.items))

    def ask_address(self) -> None:
        WebAddressDialog(
            self,
            self.add,
            self.tr("Add a Feed"),
            self.tr("The address of an RSS or Atom feed. Update All imports its entries."),
        ).open()

    def _added(self, title: str) -> None:
        self.status.setText(self.tr("Added %1").replace("%1", title))
        self.reload()

    def add(self, url: str) -> None:
        root = self.workspace.library.root
        self.status.setText(self.tr("Checking %1…").replace("%1", url))
        self.workspace.writes.submit(
            lambda task: add_feed(thread_library(root).store, url),
            lambda feed: self._added(feed.title or url),
            lambda message: self.status.setText(message),
        )

    def remove_selected(self) -> None:
        rows = {i.row() for i in self.table.selectionModel().selectedRows()}
        chosen = [self.model.items[r] for r in sorted(rows)]
        if not chosen:
            return
        names = ", ".join(f.title or f.url for f in chosen)
        answer = QMessageBox.question(
            self,
            self.tr("Remove feeds"),
            self.tr("Stop following %1? Its articles stay in the library.").replace("%1", names),
        )
        if answer == QMessageBox.StandardButton.Yes:
            for feed in chosen:
                remove_feed(self.workspace.library.store, feed.id)
            self.reload()

    def update_all(self) -> None:
        self.status.setText(self.tr("Updating…"))
        self.imports.run(
            lambda library, task: as_import_report(
                update_library_feeds(library, progress=task.report, cancelled=task.cancel)
            )
        )
