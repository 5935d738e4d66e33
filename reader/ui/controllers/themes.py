"""Themes in the window: the taxonomy's look, filtering, counts, the board.

The taxonomy is read through the library (which keeps the last good one when the file
is broken); a file watcher picks up edits made outside the app. Filtering is done by the
core on the GUI thread (≤ 50 ms for 10,000 articles, benchmarked) and applied to the
library table, the search results and the board together.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from reader.core.filtering import LibraryFilter
from reader.core.models import Highlight
from reader.core.themes import BoardItem, Taxonomy, board_highlights, filter_articles, theme_counts
from reader.core.themes.ops import BoardArticle, board_articles
from reader.ui.controllers.annotations import AnnotationController
from reader.ui.look.theme_look import ThemeLook
from reader.ui.panes.library_pane import BOARD, LibraryPane
from reader.ui.workspace import Workspace


class ThemesController(QObject):
    """``filter_changed`` when the themes pane's filter changed (themes, mode, dates);
    ``taxonomy_loaded(taxonomy)`` when another taxonomy is on screen (keys, colours)."""

    filter_changed = Signal()
    taxonomy_loaded = Signal(object)  # Taxonomy

    def __init__(
        self,
        *,
        window: QWidget,
        workspace: Workspace,
        library_pane: LibraryPane,
        look: ThemeLook,
        annotations: AnnotationController,
        open_at: Callable[[int, Highlight | None], None],
    ) -> None:
        super().__init__(window)
        self.window, self.workspace, self.pane, self.look = window, workspace, library_pane, look
        self.open_at = open_at
        self.taxonomy = Taxonomy()
        self.search_ids: frozenset[int] | None = None
        self._reload_soon = QTimer(self)
        self._reload_soon.setSingleShot(True)
        self._reload_soon.setInterval(200)
        self._reload_soon.timeout.connect(self.reload_taxonomy)
        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(lambda _: self._reload_soon.start())
        self.watcher.fileChanged.connect(lambda _: self._reload_soon.start())
        themes = library_pane.themes
        themes.changed.connect(self.apply_filter)
        themes.board_requested.connect(self._show_board)
        library_pane.chip_removed.connect(self._remove_chip)
        library_pane.board_item_activated.connect(self._open_board_item)
        library_pane.modes.idClicked.connect(self._mode_clicked)
        workspace.taxonomy_changed.connect(self.reload_taxonomy)
        annotations.changed.connect(lambda *_: self.after_edit())
        annotations.bulk_changed.connect(self.after_edit)

    def _show_board(self) -> None:
        self.pane.set_mode(BOARD)
        self.apply_filter()

    def _mode_clicked(self, mode: int) -> None:
        if mode == BOARD:
            self.refresh_board()

    # -- taxonomy ------------------------------------------------------------------------

    def watch(self) -> None:
        """Watch the library's themes.yaml (and its folder: saves replace the file)."""
        for paths in (self.watcher.files(), self.watcher.directories()):
            if paths:
                self.watcher.removePaths(paths)
        library = self.workspace.library
        self.watcher.addPath(str(library.root))
        if library.themes_path.exists():
            self.watcher.addPath(str(library.themes_path))
        self.reload_taxonomy()

    def reload_taxonomy(self) -> None:
        library = self.workspace.library
        taxonomy = library.taxonomy
        problems = library.taxonomy_problems
        self.pane.themes.show_problem(
            self.tr("themes.yaml has a problem; using the last good themes.\n%1").replace(
                "%1", str(problems[0])
            )
            if problems
            else ""
        )
        if library.themes_path.exists() and str(library.themes_path) not in self.watcher.files():
            self.watcher.addPath(str(library.themes_path))
        if taxonomy == self.taxonomy:
            return
        self.taxonomy = taxonomy
        self.look.set_themes({t.id: (t.name, t.color) for t in taxonomy.themes})
        self.pane.themes.model.set_taxonomy(taxonomy)
        self.pane.themes.tree.expandAll()
        self.refresh_counts()
        self.apply_filter()
        self.taxonomy_loaded.emit(taxonomy)

    # -- filtering -----------------------------------------------------------------------

    def allowed_ids(self) -> frozenset[int] | None:
        themes = self.pane.themes
        if not themes.active():
            return None
        date_from, date_to = themes.dates()
        return frozenset(
            filter_articles(
                self.workspace.library.store,
                self.taxonomy,
                any_of=themes.any_of(),
                all_of=themes.all_of(),
                none_of=themes.none_of(),
                date_from=date_from,
                date_to=date_to,
            )
        )

    def current_filter(self, query: str = "") -> LibraryFilter:
        """The one filter value: ``query`` plus what the themes pane has chosen."""
        themes = self.pane.themes
        date_from, date_to = themes.dates() if themes.active() else (None, None)
        return LibraryFilter(
            query=query,
            any_of=tuple(themes.any_of()),
            all_of=tuple(themes.all_of()),
            none_of=tuple(themes.none_of()),
            date_from=date_from,
            date_to=date_to,
        )

    def apply_filter(self) -> None:
        allowed = self.allowed_ids()
        self.pane.proxy.set_allowed_ids(allowed)
        self.filter_changed.emit()  # an open search answers the new filter
        self.refresh_board(allowed)
        self._show_chips()
        self.pane.update_counts()

    def set_search(
        self, ids: frozenset[int] | None, counts: dict[str, tuple[int, int]] | None = None
    ) -> None:
        """A new answer of the one filter (None ids: no search). ``ids`` is every match
        within the theme filter; ``counts``, over all of them, come with the answer
        (computed on the query thread), so they are not computed again here."""
        self.search_ids = ids
        if ids is not None and counts is not None:
            self.pane.themes.model.set_counts(counts)
        else:
            self.refresh_counts()

    def refresh_counts(self) -> None:
        counts = theme_counts(
            self.workspace.library.store,
            self.taxonomy,
            set(self.search_ids) if self.search_ids is not None else None,
        )
        self.pane.themes.model.set_counts(counts)

    def refresh_board(self, allowed: frozenset[int] | None = None) -> None:
        included = self.pane.themes.model.included
        items: list[BoardItem | BoardArticle] = []
        if included:
            allowed = allowed if allowed is not None else self.allowed_ids()
            within = set(allowed) if allowed is not None else None
            store, chosen = self.workspace.library.store, sorted(included)
            items = [
                *board_articles(store, self.taxonomy, chosen, within),
                *board_highlights(store, self.taxonomy, chosen, within),
            ]
        self.pane.board_model.set_items(items)
        header = self.pane.board.horizontalHeader()
        self.pane.board_model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        if self.pane.mode() == BOARD:
            self.pane.set_mode(BOARD)
        self.pane.update_counts()

    def after_edit(self) -> None:
        """Highlights or themes changed: counts, filter and board follow."""
        self.refresh_counts()
        if self.pane.themes.active():
            self.apply_filter()

    def _show_chips(self) -> None:
        themes = self.pane.themes
        label = self.look.label_of
        chips = [("include", t, label(t)) for t in sorted(themes.model.included, key=label)]
        chips += [
            ("exclude", t, "not " + label(t)) for t in sorted(themes.model.excluded, key=label)
        ]
        date_from, date_to = themes.dates()
        if date_from or date_to:
            chips.append(("dates", "", f"{date_from or '…'} – {date_to or '…'}"))
        self.pane.set_chips(chips)

    def _remove_chip(self, kind: str, theme_id: str) -> None:
        themes = self.pane.themes
        if kind == "dates":
            themes.date_from.setDate(themes.date_from.minimumDate())
            themes.date_to.setDate(themes.date_to.minimumDate())
            return
        (themes.model.included if kind == "include" else themes.model.excluded).discard(theme_id)
        themes.model.layoutChanged.emit()
        self.apply_filter()

    def _open_board_item(self, item: BoardItem | BoardArticle) -> None:
        self.open_at(item.article_id, item.highlight if isinstance(item, BoardItem) else None)
