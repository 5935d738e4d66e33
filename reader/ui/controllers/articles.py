"""Whole-article edits from the window: correct details, tag with themes, remove.

Each is a thin undoable command over :mod:`reader.core.articles`, on the window's one
undo stack. The first write happens before the command is pushed, so a value the core
refuses (a date that is not a date) never reaches the stack; the command's first
``redo`` then has nothing left to do. After every write the workspace looks at the
store's change sequence, and every view refreshes from that one signal.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from reader.core.annotations.highlights import article_themes
from reader.core.articles import (
    ArticleEditError,
    RemovedArticle,
    edit_article,
    remove_articles,
    restore_articles,
    tag_articles,
)
from reader.core.errors import LibraryError, ReaderError, StoreDamagedError
from reader.ui.controllers.annotations import AnnotationController, GuardedCommand
from reader.ui.controllers.highlighting import HighlightingController
from reader.ui.look.icons import icon
from reader.ui.look.wording import plural
from reader.ui.panes.details_pane import DetailsPane
from reader.ui.panes.library_pane import LibraryPane
from reader.ui.widgets.store_banner import damaged_in_short
from reader.ui.workspace import Workspace


class ArticlesController(QObject):
    def __init__(
        self,
        *,
        window: QMainWindow,
        workspace: Workspace,
        annotations: AnnotationController,
        highlighting: HighlightingController,
        details: DetailsPane,
        library_pane: LibraryPane,
    ) -> None:
        super().__init__(window)
        self.window, self.workspace, self.annotations = window, workspace, annotations
        self.highlighting, self.details, self.library_pane = highlighting, details, library_pane
        details.field_edited.connect(self.edit_field)
        details.themes_requested.connect(lambda aid: self.pick_themes([aid]))
        details.theme_removed.connect(lambda aid, t: self.tag([aid], [], [t]))
        table = library_pane.table
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self._table_menu)
        self.remove_action = QAction(icon("delete"), self.tr("&Remove from Library"), table)
        self.remove_action.setObjectName("remove_articles")
        self.remove_action.setShortcuts([QKeySequence("Del")])
        self.remove_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.remove_action.triggered.connect(self.remove_selected)
        self.tag_action = QAction(icon("theme"), self.tr("&Tag with Themes…"), table)
        self.tag_action.setObjectName("tag_articles")
        self.tag_action.setShortcuts([QKeySequence("T")])
        self.tag_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.tag_action.triggered.connect(
            lambda: self.pick_themes(self.library_pane.selected_article_ids())
        )
        table.addAction(self.remove_action)
        table.addAction(self.tag_action)
        library_pane.themes.tag_requested.connect(
            lambda theme_id: self.tag(library_pane.selected_article_ids(), [theme_id], [])
        )

    # -- what the user does --------------------------------------------------------------

    def edit_field(self, article_id: int, field: str, value: str) -> None:
        store = self.workspace.library.store
        try:
            before, after = edit_article(store, article_id, **{field: value})
        except ReaderError as exc:
            stored = getattr(store.article(article_id), field) or ""
            damaged = isinstance(exc, StoreDamagedError)  # the banner says the rest
            why = (
                self.tr("Not saved: %1").replace("%1", damaged_in_short()) if damaged else str(exc)
            )
            self.details.show_error(field, why, str(stored))
            if isinstance(exc, LibraryError):  # the store refused, not the value
                self.workspace.refused(exc)
            return
        old = {field: getattr(before, field) or ""}
        new = {field: getattr(after, field) or ""}
        self.annotations.push(_edit_command(self, article_id, old, new))

    def tag(self, article_ids: Sequence[int], added: Sequence[str], removed: Sequence[str]) -> None:
        store = self.workspace.library.store
        before = {aid: article_themes(store, aid) for aid in article_ids}
        try:
            self._apply_tags(article_ids, added, removed)
        except ReaderError as exc:
            self.workspace.refused(exc)
            return
        after = {aid: article_themes(store, aid) for aid in article_ids}
        if after != before:
            self.annotations.push(_tag_command(self, before, after))

    def pick_themes(self, article_ids: Sequence[int]) -> None:
        """The theme picker over one or many articles (themes some share: partly checked)."""
        ids = list(article_ids)
        if not ids:
            self._say(self.tr("Select one or more articles first"))
            return
        store = self.workspace.library.store
        sets = [set(article_themes(store, aid)) for aid in ids]
        common = set.intersection(*sets)
        partial = set.union(*sets) - common
        title = (
            self.tr("Themes of the Article")
            if len(ids) == 1
            else self.tr("Tag %1 Articles").replace("%1", str(len(ids)))
        )
        self.highlighting.open_picker(
            sorted(common), lambda add, rem: self.tag(ids, add, rem), title, sorted(partial)
        )

    def remove_selected(self) -> None:
        self.remove(self.library_pane.selected_article_ids())

    def remove(self, article_ids: Sequence[int]) -> None:
        if not article_ids:
            return
        self.details.save_note()
        try:
            removed = remove_articles(self.workspace.library.store, article_ids)
        except ReaderError as exc:
            self.workspace.refused(exc)
            return
        self.annotations.push(_remove_command(self, removed))
        self._say(
            self.tr("Removed %1 — Ctrl+Z brings it back").replace(
                "%1", plural(len(removed), self.tr("article"))
            )
        )

    # -- for the commands ----------------------------------------------------------------

    def _apply_tags(
        self, article_ids: Sequence[int], added: Sequence[str], removed: Sequence[str]
    ) -> None:
        library = self.workspace.library
        if added:
            tag_articles(library, article_ids, added)
        if removed:
            tag_articles(library, article_ids, removed, remove=True)

    def written(self) -> None:
        """Something was written: every view refreshes; the index catches up."""
        self.workspace.check_store()
        self.annotations.schedule_index()

    def _say(self, message: str) -> None:
        self.window.statusBar().showMessage(message, 5000)

    def _table_menu(self, point: QPoint) -> None:
        ids = self.library_pane.selected_article_ids()
        if not ids:
            return
        menu = QMenu(self.library_pane.table)
        self.tag_action.setText(
            self.tr("&Tag with Themes…")
            if len(ids) == 1
            else self.tr("&Tag %1 Articles with Themes…").replace("%1", str(len(ids)))
        )
        self.remove_action.setText(
            self.tr("&Remove from Library")
            if len(ids) == 1
            else self.tr("&Remove %1 Articles from Library").replace("%1", str(len(ids)))
        )
        menu.addAction(self.tag_action)
        menu.addSeparator()
        menu.addAction(self.remove_action)
        menu.exec(self.library_pane.table.viewport().mapToGlobal(point))


class _Once(GuardedCommand):
    """An undoable article edit whose first ``redo`` is the write already made before
    the push; ``write`` and ``unwrite`` redo and undo it."""

    def __init__(
        self,
        ctl: ArticlesController,
        text: str,
        write: Callable[[], object],
        unwrite: Callable[[], object],
    ) -> None:
        super().__init__(ctl.workspace, text)
        self.ctl, self.write, self.unwrite = ctl, write, unwrite
        self._first = True

    def perform(self) -> None:
        if self._first:
            self._first = False
        else:
            self.write()
        self.ctl.written()

    def revert(self) -> None:
        self.unwrite()
        self.ctl.written()


def _edit_command(
    ctl: ArticlesController, article_id: int, old: dict[str, str], new: dict[str, str]
) -> _Once:
    store = ctl.workspace.library.store
    return _Once(
        ctl,
        ctl.tr("Edit Article Details"),
        lambda: edit_article(store, article_id, **new),
        lambda: edit_article(store, article_id, **old),
    )


def _tag_command(
    ctl: ArticlesController,
    before: dict[int, tuple[str, ...]],
    after: dict[int, tuple[str, ...]],
) -> _Once:
    def put(themes: dict[int, tuple[str, ...]]) -> None:
        store = ctl.workspace.library.store
        for article_id, ids in themes.items():
            store.set_article_themes(article_id, ids)

    return _Once(ctl, ctl.tr("Tag Articles"), lambda: put(after), lambda: put(before))


def _remove_command(ctl: ArticlesController, removed: list[RemovedArticle]) -> _Once:
    ids = [r.article.id for r in removed]
    taken = {"what": removed}  # the latest removal, for the next undo

    def remove() -> None:
        taken["what"] = remove_articles(ctl.workspace.library.store, ids)

    return _Once(
        ctl,
        ctl.tr("Remove Articles"),
        remove,
        lambda: restore_articles(ctl.workspace.library.store, taken["what"]),
    )


__all__ = ["ArticleEditError", "ArticlesController"]
