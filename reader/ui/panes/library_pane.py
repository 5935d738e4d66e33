"""Left pane: the library table, or the current search results, with a quick filter."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QSplitter,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.ui.delegates.theme_chips import SearchHitDelegate
from reader.ui.look.theme_look import ThemeLook
from reader.ui.look.wording import plural
from reader.ui.models.board_model import BoardColumn, BoardModel
from reader.ui.models.library_model import ARTICLE_ID_ROLE, Column, LibraryModel, LibraryProxy
from reader.ui.models.search_model import SearchResultsModel
from reader.ui.panes.themes_pane import ThemesPane

ALL, RESULTS, BOARD = 0, 1, 2


class LibraryPane(QWidget):
    """Emits ``article_activated(article_id, from_search)`` when the user opens an article."""

    article_activated = Signal(int, bool)
    board_item_activated = Signal(object)  # BoardItem
    chip_removed = Signal(str, str)  # kind ("include" | "exclude" | "dates"), theme id

    def __init__(
        self,
        model: LibraryModel,
        results: SearchResultsModel,
        parent: QWidget | None = None,
        *,
        look: ThemeLook | None = None,
        text_selected: Callable[[], bool] = lambda: False,
    ) -> None:
        """``text_selected``: whether the reader has text selected (the themes pane's
        menu offers to highlight it with a theme). ``look``: the window's one source of
        theme colours and names, for the themes tree and the board."""
        super().__init__(parent)
        self.setObjectName("libraryPane")
        self.model, self.results = model, results
        self.proxy = LibraryProxy(self)
        self.proxy.setSourceModel(model)

        self.all_button = self._mode_button(self.tr("Library"))
        self.results_button = self._mode_button(self.tr("Search results"))
        self.board_button = self._mode_button(self.tr("Board"))
        self.board_button.setToolTip(
            self.tr("Every highlight of the checked themes, across the library")
        )
        self.modes = QButtonGroup(self)
        self.modes.addButton(self.all_button, ALL)
        self.modes.addButton(self.results_button, RESULTS)
        self.modes.addButton(self.board_button, BOARD)
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
        for column, width in (
            (Column.DATE, 88),
            (Column.SOURCE, 96),
            (Column.HIGHLIGHTS, 36),
            (Column.THEMES, 72),
        ):
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
        self.empty_results = QLabel(
            self.tr("Type in the search field (Ctrl+K) to search articles, highlights and notes."),
            self,
        )
        self.empty_results.setWordWrap(True)
        self.empty_results.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_results.setObjectName("placeholder")

        self.board_model = BoardModel(self, look=look)
        self.board = QTableView(self)
        self.board.setObjectName("themeBoard")
        self.board.setModel(self.board_model)
        self.board.setSortingEnabled(True)
        self.board.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.board.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.board.setAlternatingRowColors(True)
        self.board.setShowGrid(False)
        self.board.setWordWrap(False)  # one line a highlight; the tooltip has it all
        self.board.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.board.verticalHeader().hide()
        self.board.verticalHeader().setDefaultSectionSize(28)
        board_header = self.board.horizontalHeader()
        board_header.setSectionResizeMode(BoardColumn.QUOTE, QHeaderView.ResizeMode.Stretch)
        for board_column, width in (
            (BoardColumn.DATE, 82),
            (BoardColumn.ARTICLE, 120),
            (BoardColumn.NOTE, 120),
            (BoardColumn.THEMES, 90),
        ):
            board_header.resizeSection(board_column, width)
        self.board.setColumnHidden(BoardColumn.THEMES, True)  # the checked themes say it
        self.board.sortByColumn(BoardColumn.DATE, Qt.SortOrder.DescendingOrder)
        self.board.activated.connect(self._open_from_board)
        self.board.clicked.connect(self._open_from_board)
        self.empty_board = QLabel(
            self.tr(
                "Check one or more themes below to see all their highlights across the library."
            ),
            self,
        )
        self.empty_board.setWordWrap(True)
        self.empty_board.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_board.setObjectName("placeholder")

        self.stack = QStackedWidget(self)
        for widget in (
            self.table,
            self.result_list,
            self.empty_results,
            self.board,
            self.empty_board,
        ):
            self.stack.addWidget(widget)

        self.chips = QWidget(self)
        self.chips_layout = QHBoxLayout(self.chips)
        self.chips_layout.setContentsMargins(0, 0, 0, 0)
        self.chips_layout.setSpacing(4)
        self.chips.hide()

        self.themes = ThemesPane(
            self,
            look=look,
            text_selected=text_selected,
            chosen_articles=lambda: len(self.selected_article_ids()),
        )
        top = QWidget(self)
        modes = QHBoxLayout()
        modes.setSpacing(0)
        modes.addWidget(self.all_button)
        modes.addWidget(self.results_button)
        modes.addWidget(self.board_button)
        modes.addStretch(1)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.setSpacing(6)
        top_layout.addLayout(modes)
        top_layout.addWidget(self.filter_edit)
        top_layout.addWidget(self.chips)
        top_layout.addWidget(self.stack, 1)
        self.split = QSplitter(Qt.Orientation.Vertical, self)
        self.split.setObjectName("librarySplit")
        self.split.addWidget(top)
        self.split.addWidget(self.themes)
        self.split.setStretchFactor(0, 3)
        self.split.setStretchFactor(1, 1)
        self.split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 0, 8)
        layout.addWidget(self.split)
        self.count_label = QLabel(self)  # the window puts it in the status bar
        self.count_label.setObjectName("articleCount")
        proxy = self.proxy
        for signal in (
            proxy.modelReset,
            proxy.rowsInserted,
            proxy.rowsRemoved,
            proxy.layoutChanged,
        ):
            signal.connect(self.update_counts)
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
        button = self.modes.button(mode)
        if button is not None:
            button.setChecked(True)
        self.filter_edit.setVisible(mode == ALL)
        if mode == ALL:
            self.stack.setCurrentWidget(self.table)
        elif mode == BOARD:
            has_items = self.board_model.rowCount() > 0
            self.stack.setCurrentWidget(self.board if has_items else self.empty_board)
        else:
            has_hits = self.results.rowCount() > 0 or bool(self.results.query)
            self.stack.setCurrentWidget(self.result_list if has_hits else self.empty_results)

    def mode(self) -> int:
        return self.modes.checkedId()

    def update_counts(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        count = f"{shown:,} of {total:,}" if shown != total else f"{total:,}"
        self.all_button.setText(self.tr("Library (%1)").replace("%1", count))
        articles = plural(total, self.tr("article"))  # the status bar says the same
        self.count_label.setText(articles if shown == total else f"{shown:,} of {articles}")
        board = self.board_model.rowCount()
        self.board_button.setText(
            self.tr("Board (%1)").replace("%1", f"{board:,}") if board else self.tr("Board")
        )
        if self.results.query:
            self.results_button.setText(
                self.tr("Results (%1)").replace("%1", f"{self.results.total:,}")
            )
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
        if self.table.selectionModel().isRowSelected(index.row(), QModelIndex()):
            return True  # already among the chosen rows: keep a multiple selection
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        return True

    def row_of(self, article_id: int) -> int | None:
        """The row the library table shows ``article_id`` in (None: not shown)."""
        row = self.model.row_of(article_id)
        if row is None:
            return None
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        return index.row() if index.isValid() else None

    def article_at(self, row: int) -> int | None:
        """The article in table row ``row`` (the last one if past the end)."""
        count = self.proxy.rowCount()
        if count == 0:
            return None
        return int(self.proxy.index(min(row, count - 1), 0).data(ARTICLE_ID_ROLE))

    def selected_article_ids(self) -> list[int]:
        rows = self.table.selectionModel().selectedRows()
        return [int(i.data(ARTICLE_ID_ROLE)) for i in rows]

    def _open_from_table(self, index: QModelIndex) -> None:
        """Open the clicked article — unless Ctrl or Shift is held: that picks several
        rows (to tag or remove them together) and must not reset the selection."""
        held = QApplication.keyboardModifiers() & (
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        )
        if index.isValid() and not held:
            self.article_activated.emit(int(index.data(ARTICLE_ID_ROLE)), False)

    def set_chips(self, chips: list[tuple[str, str, str]]) -> None:
        """Show the active filters as removable chips: (kind, theme id, label)."""
        while self.chips_layout.count():
            item = self.chips_layout.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()  # type: ignore[union-attr]
        for kind, theme_id, label in chips:
            chip = QToolButton(self.chips)
            chip.setObjectName("chip" if kind != "exclude" else "chipExcluded")
            chip.setText(label + "  ×")
            chip.setToolTip(self.tr("Remove this filter"))
            chip.clicked.connect(lambda _=False, k=kind, t=theme_id: self.chip_removed.emit(k, t))
            self.chips_layout.addWidget(chip)
        self.chips_layout.addStretch(1)
        self.chips.setVisible(bool(chips))

    def _open_from_board(self, index: QModelIndex) -> None:
        if index.isValid():
            self.board_item_activated.emit(self.board_model.item(index.row()))

    def _open_from_results(self, index: QModelIndex) -> None:
        if index.isValid():
            self.article_activated.emit(int(index.data(ARTICLE_ID_ROLE)), True)
