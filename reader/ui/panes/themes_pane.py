"""The themes panel under the library: pick themes to filter by, see live counts.

Check a theme to include it; right-click to exclude it. Any/All says whether an article
needs one or every included theme; a parent theme includes its children (the core does
that). Counts follow the current search. The dates narrow the library further.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDate, QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from reader.ui.look.icons import icon
from reader.ui.look.theme_look import ThemeLook
from reader.ui.models.themes_model import ThemeColumn, ThemeTreeModel

NO_DATE = QDate(1900, 1, 1)


class ThemesPane(QWidget):
    manage_requested = Signal()
    board_requested = Signal()
    changed = Signal()  # the filter (themes, mode or dates) changed
    code_requested = Signal(str)  # highlight the reader's selection with this theme
    tag_requested = Signal(str)  # tag the chosen library rows with this theme

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        look: ThemeLook | None = None,
        text_selected: Callable[[], bool] = lambda: False,
        chosen_articles: Callable[[], int] = lambda: 0,
    ) -> None:
        """``text_selected`` and ``chosen_articles`` answer, when the menu opens, whether
        the reader has text selected and how many library rows are chosen (the menu
        offers to code or tag with a theme only when it can); ``look`` colours the
        tree's swatches."""
        super().__init__(parent)
        self.setObjectName("themesPane")
        self.has_selection, self.chosen_articles = text_selected, chosen_articles
        self.model = ThemeTreeModel(self, checkable=True, look=look)
        self.model.filter_changed.connect(self.changed)
        heading = QLabel(self.tr("THEMES"), self)
        heading.setObjectName("paneHeading")
        self.mode = QComboBox(self)
        self.mode.addItem(self.tr("any of"), "any")
        self.mode.addItem(self.tr("all of"), "all")
        self.mode.setToolTip(self.tr("Show articles with any, or all, of the checked themes"))
        self.mode.currentIndexChanged.connect(self.changed)
        board = QToolButton(self)
        board.setIcon(icon("themes-board"))
        board.setToolTip(self.tr("Theme board: every highlight of the checked themes (Ctrl+3)"))
        board.setAutoRaise(True)
        board.clicked.connect(self.board_requested)
        manage = QToolButton(self)
        manage.setIcon(icon("settings"))
        manage.setToolTip(self.tr("Manage themes…"))
        manage.setAutoRaise(True)
        manage.clicked.connect(self.manage_requested)
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        top.addWidget(self.mode)
        top.addWidget(board)
        top.addWidget(manage)

        self.tree = QTreeView(self)
        self.tree.setObjectName("themesTree")
        self.tree.setModel(self.model)
        self.tree.setHeaderHidden(False)
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._menu)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(ThemeColumn.NAME, QHeaderView.ResizeMode.Stretch)
        for column in (ThemeColumn.HIGHLIGHTS, ThemeColumn.ARTICLES):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

        self.date_from = self._date_edit(self.tr("from: any"))
        self.date_to = self._date_edit(self.tr("to: any"))
        dates = QHBoxLayout()
        dates.addWidget(QLabel(self.tr("Dates"), self))
        dates.addWidget(self.date_from, 1)
        dates.addWidget(self.date_to, 1)
        self.problem = QLabel(self)
        self.problem.setObjectName("problemBanner")
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)  # it quotes themes.yaml
        self.problem.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 0, 4)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.problem)
        layout.addWidget(self.tree, 1)
        layout.addLayout(dates)

    def _date_edit(self, any_text: str) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setMinimumDate(NO_DATE)
        edit.setSpecialValueText(any_text)
        edit.setDate(NO_DATE)
        edit.dateChanged.connect(self.changed)
        return edit

    # -- the filter as values ------------------------------------------------------------

    def any_of(self) -> tuple[str, ...]:
        return tuple(sorted(self.model.included)) if self.mode.currentData() == "any" else ()

    def all_of(self) -> tuple[str, ...]:
        return tuple(sorted(self.model.included)) if self.mode.currentData() == "all" else ()

    def none_of(self) -> tuple[str, ...]:
        return tuple(sorted(self.model.excluded))

    def dates(self) -> tuple[str | None, str | None]:
        def iso(edit: QDateEdit) -> str | None:
            return None if edit.date() == NO_DATE else edit.date().toString("yyyy-MM-dd")

        return iso(self.date_from), iso(self.date_to)

    def active(self) -> bool:
        return bool(self.model.included or self.model.excluded or any(self.dates()))

    def set_filter(
        self,
        included: list[str],
        excluded: list[str],
        mode: str,
        date_from: str | None,
        date_to: str | None,
    ) -> None:
        """Restore a saved view's filter."""
        self.model.included, self.model.excluded = set(included), set(excluded)
        self.mode.setCurrentIndex(max(self.mode.findData(mode), 0))
        for edit, value in ((self.date_from, date_from), (self.date_to, date_to)):
            edit.blockSignals(True)
            edit.setDate(QDate.fromString(value, "yyyy-MM-dd") if value else NO_DATE)
            edit.blockSignals(False)
        self.model.layoutChanged.emit()
        self.changed.emit()

    def clear(self) -> None:
        for edit in (self.date_from, self.date_to):
            edit.blockSignals(True)
            edit.setDate(NO_DATE)
            edit.blockSignals(False)
        self.model.clear_filter()

    def show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def _menu(self, point: QPoint) -> None:
        theme = self.model.theme_at(self.tree.indexAt(point))
        menu = QMenu(self)
        if theme is not None:
            code = menu.addAction(self.tr("Highlight Selection with This Theme"))
            code.setEnabled(self.has_selection())
            code.triggered.connect(lambda: self.code_requested.emit(theme.id))
            rows = self.chosen_articles()
            tag = menu.addAction(
                self.tr("Tag %1 with This Theme").replace(
                    "%1",
                    self.tr("the Chosen Article")
                    if rows == 1
                    else self.tr("%n Chosen Articles").replace("%n", str(rows)),
                )
            )
            tag.setEnabled(rows > 0)
            tag.triggered.connect(lambda: self.tag_requested.emit(theme.id))
            menu.addSeparator()
            excluded = theme.id in self.model.excluded
            menu.addAction(
                self.tr("Include Again") if excluded else self.tr("Exclude")
            ).triggered.connect(lambda: self.model.set_excluded(theme.id, not excluded))
            menu.addAction(self.tr("Only This Theme")).triggered.connect(
                lambda: self._only(theme.id)
            )
            menu.addSeparator()
        menu.addAction(self.tr("Clear Filter")).triggered.connect(self.clear)
        menu.addAction(self.tr("Manage Themes…")).triggered.connect(self.manage_requested)
        menu.exec(self.tree.viewport().mapToGlobal(point))

    def _only(self, theme_id: str) -> None:
        self.model.included, self.model.excluded = {theme_id}, set()
        self.model.layoutChanged.emit()
        self.changed.emit()
