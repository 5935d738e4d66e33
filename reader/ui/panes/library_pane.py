"""Left pane: the library table, or the current search results, with a quick filter."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.ui.delegates import SearchHitDelegate
from reader.ui.models.library_model import ARTICLE_ID_ROLE, Column, LibraryModel, LibraryProxy
from reader.ui.models.search_model import SearchResultsModel

ALL, RESULTS = 0, 1


class LibraryPane(QWidget):
    """Emits ``article_activated(article_id, from_search)`` when the user opens an article."""

    article_activated = Signal(int, bool)

    def __init__(self, model: LibraryModel, results: SearchResultsModel,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("libraryPane")
        self.model, self.results = model, results
        self.proxy = LibraryProxy(self)
        self.proxy.setSourceModel(model)

        self.all_button = self._mode_button(self.tr("Library"))
        self.results_button = self._mode_button(self.tr("Search results"))
        self.modes = QButtonGroup(self)
        self.modes.addButton(self.all_button, ALL)
        self.modes.addButton(self.results_button, RESULTS)
        self.all_button.setChecked(True)
        self.modes.idClicked.connect(self.set_mode)

        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText(self.tr("Filter by title, source, author…"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.proxy.set_quick_filter)

        self.table = QTableView(self)
        self.table.setObjectName("libraryTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(28)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(Column.TITLE, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        header.setHighlightSections(False)
        header.setMinimumSectionSize(32)
        for column, width in ((Column.DATE, 88), (Column.SOURCE, 96), (Column.HIGHLIGHTS, 36),
                              (Column.THEMES, 72)):
            header.resizeSection(column, width)
        self.table.sortByColumn(Column.DATE, Qt.SortOrder.DescendingOrder)
        self.table.activated.connect(self._open_from_table)
        self.table.clicked.connect(self._open_from_table)

        self.result_list = QListView(self)
        self.result_list.setObjectName("searchResults")
        self.result_list.setModel(results)
        self.result_list.setItemDelegate(SearchHitDelegate(self.result_list))
        self.result_list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.result_list.setWordWrap(True)
        self.result_list.setUniformItemSizes(False)
        self.result_list.activated.connect(self._open_from_results)
        self.result_list.clicked.connect(self._open_from_results)
        self.empty_results = QLabel(self.tr("Type in the search field (Ctrl+K) to search "
                                            "articles, highlights and notes."), self)
        self.empty_results.setWordWrap(True)
        self.empty_results.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_results.setObjectName("placeholder")

        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.result_list)
        self.stack.addWidget(self.empty_results)

        modes = QHBoxLayout()
        modes.setSpacing(0)
        modes.addWidget(self.all_button)
        modes.addWidget(self.results_button)
        modes.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 0, 8)
        layout.setSpacing(6)
        layout.addLayout(modes)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.stack, 1)
        self.update_counts()

    def _mode_button(self, text: str) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setCheckable(True)
        button.setAutoRaise(False)
        button.setObjectName("segment")
        return button

    # -- modes ---------------------------------------------------------------------------

    def set_mode(self, mode: int) -> None:
        button = self.all_button if mode == ALL else self.results_button
        button.setChecked(True)
        self.filter_edit.setVisible(mode == ALL)
        if mode == ALL:
            self.stack.setCurrentWidget(self.table)
        else:
            has_hits = self.results.rowCount() > 0 or bool(self.results.query)
            self.stack.setCurrentWidget(self.result_list if has_hits else self.empty_results)

    def mode(self) -> int:
        return self.modes.checkedId()

    def update_counts(self) -> None:
        self.all_button.setText(self.tr("Library (%1)").replace("%1", f"{self.model.rowCount():,}"))
        if self.results.query:
            self.results_button.setText(self.tr("Results (%1)").replace("%1", f"{self.results.total:,}"))
        else:
            self.results_button.setText(self.tr("Search results"))

    # -- selection -----------------------------------------------------------------------

    def select_article(self, article_id: int) -> bool:
        row = self.model.row_of(article_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)
        return True

    def selected_article_ids(self) -> list[int]:
        rows = self.table.selectionModel().selectedRows()
        return [int(i.data(ARTICLE_ID_ROLE)) for i in rows]

    def _open_from_table(self, index: QModelIndex) -> None:
        if index.isValid():
            self.article_activated.emit(int(index.data(ARTICLE_ID_ROLE)), False)

    def _open_from_results(self, index: QModelIndex) -> None:
        if index.isValid():
            self.article_activated.emit(int(index.data(ARTICLE_ID_ROLE)), True)
