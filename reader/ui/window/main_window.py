"""The main window: library (left), reader (centre), details (right), search on top.

It builds the panes and hands each controller the workspace (library, runners, open
article, signals) and the panes it works on, by keyword; the panes know nothing of each
other, and no SQL or rule lives here (reads go through ``reader.core``).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from reader import __version__
from reader.core.annotations.highlights import article_themes
from reader.core.errors import ReaderError
from reader.core.library import Library, LibraryLocation
from reader.core.models import Article, Highlight, ImportReport
from reader.ui.controllers.annotations import AnnotationController
from reader.ui.controllers.articles import ArticlesController
from reader.ui.controllers.highlighting import HighlightingController
from reader.ui.controllers.importing import ImportController, ProgressWidget
from reader.ui.controllers.saved_views import SavedViewsController
from reader.ui.controllers.search import SearchController
from reader.ui.controllers.search_box import SearchBoxController
from reader.ui.controllers.store_changes import StoreChangesController
from reader.ui.controllers.store_trouble import StoreTroubleController
from reader.ui.controllers.suggestions import SuggestionsController
from reader.ui.controllers.themes import ThemesController
from reader.ui.delegates.theme_chips import ThemeChipsDelegate
from reader.ui.dialogs.feeds_dialog import FeedsDialog
from reader.ui.dialogs.help import show_search_help, show_shortcuts
from reader.ui.dialogs.web_address import WebAddressDialog
from reader.ui.look.colours import palette_is_dark
from reader.ui.look.icons import app_icon
from reader.ui.look.plain import plain_html
from reader.ui.look.theme_look import ThemeLook
from reader.ui.models.library_model import ARTICLE_ID_ROLE, Column, LibraryModel
from reader.ui.models.search_model import SearchResultsModel
from reader.ui.panes.details_pane import DetailsPane
from reader.ui.panes.highlights_pane import HighlightsPane
from reader.ui.panes.library_pane import ALL, RESULTS, LibraryPane
from reader.ui.panes.reader_pane import ReaderPane
from reader.ui.panes.suggestions_pane import SuggestionsPane
from reader.ui.reading.article_document import ReaderStyle
from reader.ui.reading.highlight_paint import HighlightPainter
from reader.ui.settings import Settings
from reader.ui.synthesis.controller import SynthesisController
from reader.ui.widgets.store_banner import StoreBanner
from reader.ui.window.actions import create_actions
from reader.ui.window.chrome import build_menus, build_toolbar
from reader.ui.window.state import restore_window_state, save_window_state
from reader.ui.workspace import Workspace


class MainWindow(QMainWindow):
    recent_menu: QMenu  # made by chrome.build_menus, filled by _fill_recent_menu

    def __init__(self, library: Library, settings: Settings | None = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        self.settings = settings or Settings()
        self.workspace = Workspace(library, self)
        self.reads, self.writes = self.workspace.reads, self.workspace.writes

        self.library_model = LibraryModel(self)
        self.results_model = SearchResultsModel(self)
        self.look = ThemeLook(self)  # the one source of theme colours and names
        self.reader_pane = ReaderPane(
            self,
            painter=HighlightPainter(
                self.look.colour_of, self.look.label_of, palette_is_dark(self.palette())
            ),
        )
        self.reader = self.reader_pane.view
        self.library_pane = LibraryPane(
            self.library_model,
            self.results_model,
            self,
            look=self.look,
            text_selected=lambda: self.reader.selected_span() is not None,
        )
        table = self.library_pane.table
        table.setItemDelegateForColumn(Column.THEMES, ThemeChipsDelegate(self.look, table))
        self.look.changed.connect(table.viewport().update)
        self.highlights_pane = HighlightsPane(self.look, self)
        self.details = DetailsPane(self, self.look.label_of, self.look.colour_of)
        self.side = QTabWidget(self)
        self.side.setObjectName("sidePane")
        self.side.setDocumentMode(True)
        self.side.addTab(self.highlights_pane, self.tr("Highlights"))
        self.side.addTab(self.details, self.tr("Article"))
        self.suggestions_pane = SuggestionsPane(self.look, self)
        self.side.addTab(self.suggestions_pane, self.tr("Suggestions"))
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        for pane in (self.library_pane, self.reader_pane, self.side):
            self.splitter.addWidget(pane)
        for index, stretch in enumerate((0, 1, 0)):
            self.splitter.setStretchFactor(index, stretch)
        self.splitter.setSizes([520, 620, 300])
        self.splitter.setChildrenCollapsible(False)
        self.store_banner = StoreBanner(self)
        central = QWidget(self)
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.store_banner)
        column.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self.actions_by_name = create_actions(self)
        self.progress = ProgressWidget(self)
        self.count_label = self.library_pane.count_label
        self.statusBar().addWidget(self.count_label)
        self.statusBar().addPermanentWidget(self.progress)
        self._build_controllers()
        build_toolbar(
            self,
            actions=self.actions_by_name,
            highlighting=self.highlighting.actions,
            search=(self.search_field, self.search_message),
        )
        self.recent_menu = build_menus(
            self,
            actions=self.actions_by_name,
            highlighting=self.highlighting.actions,
            fill_views=self.views.fill_menu,
        )
        self.synthesis = SynthesisController(host=self)
        self._connect()
        restore_window_state(self)
        self.set_library(library)

    @property
    def library(self) -> Library:
        """The open library: the workspace holds it, the window only reads it."""
        return self.workspace.library

    # -- construction --------------------------------------------------------------------

    def _build_controllers(self) -> None:
        """Each controller takes the workspace and the panes it works on, by keyword."""
        ws = self.workspace
        self.annotations = AnnotationController(workspace=ws, parent=self)
        self.annotations.index_lagging.connect(
            lambda why: self.statusBar().showMessage(
                self.tr("Saved; the search index will catch up (%s)") % why, 10000
            )
        )
        self.store_trouble = StoreTroubleController(
            window=self, workspace=ws, banner=self.store_banner
        )
        self.highlighting = HighlightingController(
            window=self,
            workspace=ws,
            reader=self.reader,
            side=self.side,
            pane=self.highlights_pane,
            details=self.details,
            themes_pane=self.library_pane.themes,
            annotations=self.annotations,
            look=self.look,
            open_article=self.open_article,
        )
        self.imports = ImportController(window=self, workspace=ws, progress=self.progress)
        self.imports.finished.connect(self._import_finished)
        self.themes = ThemesController(
            window=self,
            workspace=ws,
            library_pane=self.library_pane,
            look=self.look,
            annotations=self.annotations,
            open_at=self.open_at,
        )
        self.themes.taxonomy_loaded.connect(self.highlighting.follow_taxonomy)
        self.annotations.bulk_changed.connect(self.refresh_library)
        self.search = SearchController(workspace=ws, themes=self.themes, parent=self)
        self.suggesting = SuggestionsController(
            workspace=ws,
            pane=self.suggestions_pane,
            side=self.side,
            reader=self.reader,
            annotations=self.annotations,
            themes=self.themes,
            look=self.look,
        )
        self.articles = ArticlesController(
            window=self,
            workspace=ws,
            annotations=self.annotations,
            highlighting=self.highlighting,
            details=self.details,
            library_pane=self.library_pane,
        )
        self.search_box = SearchBoxController(
            window=self,
            workspace=ws,
            search=self.search,
            results=self.results_model,
            themes=self.themes,
            library_pane=self.library_pane,
            reader_pane=self.reader_pane,
        )
        self.search_field, self.search_message = self.search_box.field, self.search_box.message
        self.views = SavedViewsController(
            window=self,
            workspace=ws,
            themes_pane=self.library_pane.themes,
            search_field=self.search_field,
        )
        self.store_changes = StoreChangesController(
            workspace=ws,
            library_model=self.library_model,
            library_pane=self.library_pane,
            reader=self.reader,
            details=self.details,
            highlighting=self.highlighting,
            themes=self.themes,
            open_article=self.open_article,
        )

    def _connect(self) -> None:
        a = self.actions_by_name
        a["new_library"].triggered.connect(self.new_library)
        a["open_library"].triggered.connect(self.open_library)
        a["import_files"].triggered.connect(self.imports.ask_files)
        a["import_folder"].triggered.connect(self.imports.ask_folder)
        a["feeds"].triggered.connect(
            lambda: FeedsDialog(self, workspace=self.workspace, imports=self.imports).open()
        )
        a["import_web"].triggered.connect(
            lambda: WebAddressDialog(self, lambda url: self.imports.start([url])).open()
        )
        a["quit"].triggered.connect(self.close)
        a["copy"].triggered.connect(self.reader.copy)
        a["find"].triggered.connect(self.reader_pane.mark_bar.show_find)
        a["search"].triggered.connect(self.search_box.focus)
        a["next_mark"].triggered.connect(lambda: self.reader.step_mark(1))
        a["previous_mark"].triggered.connect(lambda: self.reader.step_mark(-1))
        a["show_library"].triggered.connect(lambda: self.library_pane.set_mode(ALL))
        a["show_results"].triggered.connect(lambda: self.library_pane.set_mode(RESULTS))
        a["show_board"].triggered.connect(self.library_pane.themes.board_requested)
        a["manage_themes"].triggered.connect(self.manage_themes)
        a["export"].triggered.connect(self.export_notes)
        self.library_pane.themes.manage_requested.connect(self.manage_themes)
        a["zoom_in"].triggered.connect(lambda: self.reader.zoom(1))
        a["zoom_out"].triggered.connect(lambda: self.reader.zoom(-1))
        a["zoom_reset"].triggered.connect(lambda: self.reader.zoom(0))
        a["serif"].toggled.connect(self._set_serif)
        a["details"].toggled.connect(self.side.setVisible)
        a["focus_library"].triggered.connect(lambda: self.library_pane.table.setFocus())
        a["focus_reader"].triggered.connect(lambda: self.reader.setFocus())
        a["shortcuts"].triggered.connect(lambda: show_shortcuts(self, self.all_actions()))
        a["search_help"].triggered.connect(lambda: show_search_help(self))
        a["about"].triggered.connect(self._about)
        self.library_pane.article_activated.connect(self.open_article)
        self.reader.style_changed.connect(self._save_reading_style)
        self.reader_pane.mark_bar.closed.connect(self.reader.setFocus)
        escape = QAction(self)
        escape.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        escape.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.triggered.connect(self.reader_pane.mark_bar.dismiss)
        self.reader_pane.addAction(escape)

    def all_actions(self) -> list[QAction]:
        """Every action with a shortcut, for Help ▸ Keyboard Shortcuts."""
        return [*self.actions_by_name.values(), *self.highlighting.actions.values()]

    # -- library -------------------------------------------------------------------------

    def save_notes(self) -> None:
        """Save any note being typed (before the article, the library or the app goes)."""
        self.highlights_pane.save_note()
        self.details.save_note()

    def set_library(self, library: Library) -> None:
        self.save_notes()
        if library is not self.library:
            self.reads.wait()
            self.writes.wait()
            self.library.close()
            self.workspace.set_library(library)
        self.settings.set(Settings.LAST_LIBRARY, str(library.root))
        self._fill_recent(self.settings.add_recent_library(str(library.root)))
        self.setWindowTitle(f"{library.root.name} — Research Reader")
        self.store_trouble.show(self.workspace.store_refusal())
        self.search_box.clear()
        self.refresh_library()
        self.themes.watch()
        self.open_article(None)
        self.workspace.update_index()

    def refresh_library(self) -> None:
        self.store_changes.refresh_library()

    def say_problem(self, message: str) -> None:
        """A one-line problem the person must read (an error that escaped a view)."""
        self.statusBar().showMessage(message, 15000)

    @property
    def article(self) -> Article | None:
        """The open article: the workspace holds it, the window only reads it."""
        return self.workspace.article

    def new_library(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Choose an empty folder for the new library")
        )
        if folder:
            self._switch_library(Path(folder))

    def open_library(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Open a library folder"))
        if folder:
            self._switch_library(Path(folder))

    def _switch_library(self, path: Path) -> None:
        self._save_place()
        try:
            library = Library.open(LibraryLocation(path, explicit=True))
        except ReaderError as exc:
            QMessageBox.warning(self, self.tr("Cannot open library"), plain_html(str(exc)))
            return
        self.set_library(library)
        self._restore_article()

    def _fill_recent(self, paths: list[str]) -> None:
        self.recent_menu.clear()
        for path in paths:
            action = self.recent_menu.addAction(path)
            action.triggered.connect(lambda _=False, p=path: self._switch_library(Path(p)))
        self.recent_menu.setEnabled(bool(paths))

    # -- articles ------------------------------------------------------------------------

    def open_article(
        self, article_id: int | None, from_search: bool = False, *, reopen: bool = False
    ) -> None:
        """Open an article (None: none). The open one is left alone unless ``reopen``:
        its text changed under it (re-imported), so it is typeset and anchored anew, or
        it was removed and ``article_id`` is the one that took its row."""
        current = self.article
        if not reopen and current is not None and article_id == current.id:
            if from_search:
                self.search.request_spans(current.id, current.text)
            return
        self.save_notes()  # while the old article is still the one on screen
        if not reopen:  # a removed or re-typeset article has no place worth keeping
            self._save_place()
        try:
            article = self.library.store.article(article_id) if article_id is not None else None
        except ReaderError:
            article = None
        self.workspace.set_article(article)
        self.reader.show_article(article)
        themes = article_themes(self.library.store, article.id) if article else ()
        self.details.show_article(article, themes)
        self.highlighting.show_article(article)
        self.suggesting.refresh()
        self.reader_pane.mark_bar.hide()
        if article is None:
            return
        if not from_search:
            self.library_pane.select_article(article.id)
        self.settings.set(
            self.settings.per_library(Settings.LAST_ARTICLE, str(self.library.root)), article.id
        )
        if self.search.query and from_search:
            self.search.request_spans(article.id, article.text)

    def open_at(self, article_id: int, highlight: Highlight | None = None) -> None:
        """Open an article and, if given, go to one of its highlights (board, undo)."""
        self.open_article(article_id)
        if highlight is not None:
            self.highlights_pane.select(highlight.id)
            self.side.setCurrentWidget(self.highlights_pane)
            self.reader.reveal(highlight)

    def export_notes(self) -> None:
        from reader.ui.dialogs.export_dialog import ExportDialog

        pane = self.library_pane
        filtered = None
        if self.search.query and self.themes.search_ids is not None:
            filtered = sorted(self.themes.search_ids)  # every match, not the first page
        elif pane.themes.active():
            filtered = [
                int(pane.proxy.index(r, 0).data(ARTICLE_ID_ROLE))
                for r in range(pane.proxy.rowCount())
            ]
        dialog = ExportDialog(
            self,
            self.library,
            self.writes,
            pane.selected_article_ids(),
            filtered,
            self.synthesis.figures,
        )
        dialog.open()

    def manage_themes(self) -> None:
        from reader.ui.dialogs.theme_manager import ThemeManagerDialog

        dialog = ThemeManagerDialog(self, self.themes, self.annotations, self.workspace.store)
        dialog.open()

    # -- import --------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.imports.start(paths)

    def _import_finished(self, report: ImportReport) -> None:
        current = self.article.id if self.article else None
        self.refresh_library()
        if current is not None:
            self.library_pane.select_article(current)
        changed = [o.article_id for o in report.outcomes if o.status == "updated"]
        if current in changed:
            self.open_article(current, reopen=True)  # its text changed: typeset it anew
        if self.search.query:
            self.search.run_now()

    # -- reading style and state ---------------------------------------------------------

    def _set_serif(self, serif: bool) -> None:
        self.reader.set_reading_style(ReaderStyle(self.reader.reading_style.point_size, serif))

    def _save_reading_style(self) -> None:
        self.settings.set(Settings.FONT_SIZE, self.reader.reading_style.point_size)
        self.settings.set(Settings.SERIF, self.reader.reading_style.serif)

    def _restore_article(self) -> None:
        """Reopen the last article of this library at the last place (after layout)."""
        key = self.settings.per_library(Settings.LAST_ARTICLE, str(self.library.root))
        article_id = self.settings.get(key, 0)
        position = self.settings.get(
            self.settings.per_library(Settings.LAST_POSITION, str(self.library.root)), 0
        )
        if not article_id or self.library_model.row_of(article_id) is None:
            first = self.library_pane.proxy.index(0, 0)
            article_id = int(first.data(Qt.ItemDataRole.UserRole + 1)) if first.isValid() else 0
            position = 0
        if article_id:
            self.open_article(article_id)
            QTimer.singleShot(0, lambda: self.reader.scroll_to_offset(position))

    def _save_place(self) -> None:
        if self.article is not None:
            key = self.settings.per_library(Settings.LAST_POSITION, str(self.library.root))
            self.settings.set(key, self.reader.top_offset())

    def save_state(self) -> None:
        self._save_place()
        save_window_state(self)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_notes()  # a note typed a moment ago is saved, not lost
        self.workspace.stop()
        self.annotations.flush_index()
        self.save_state()
        self.imports.cancel()
        self.reads.shutdown()
        self.writes.shutdown()
        self.library.close()
        event.accept()

    def _about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About Research Reader"),
            self.tr(
                "<h3>Research Reader %s</h3><p>Read, highlight and theme a corpus "
                "of articles; search it; export annotated notes.</p>"
                "<p>Library: %s</p>"
            )
            % (__version__, self.library.root),
        )
