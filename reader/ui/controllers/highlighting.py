"""Highlighting in the window: keys and menus, the reader, the highlights pane, undo.

Keys act on the reader's selection: H highlights, N highlights and opens the note,
1–9 highlight with the theme in that slot, Del deletes the chosen highlight. Two
keystrokes at most after selecting. All writes go through :class:`AnnotationController`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QAction, QContextMenuEvent, QKeySequence
from PySide6.QtWidgets import QInputDialog, QMenu, QTabWidget, QWidget

from reader.core.annotations import highlights as core
from reader.core.models import Article, Highlight
from reader.core.pages import page_starts
from reader.core.store import Store
from reader.ui.controllers.annotations import AnnotationController
from reader.ui.look.icons import icon
from reader.ui.look.theme_look import ThemeLook
from reader.ui.panes.details_pane import DetailsPane
from reader.ui.panes.highlights_pane import HighlightsPane
from reader.ui.reading.reader_view import ReaderView


class HighlightingController(QObject):
    def __init__(
        self,
        window: QWidget,
        reader: ReaderView,
        side: QTabWidget,
        pane: HighlightsPane,
        details: DetailsPane,
        annotations: AnnotationController,
        look: ThemeLook,
        store: Callable[[], Store],
        open_article: Callable[[int], None],
        article_changed: Callable[[int], None],
    ) -> None:
        super().__init__(window)
        self.window, self.reader, self.side, self.pane, self.details = (
            window,
            reader,
            side,
            pane,
            details,
        )
        self.annotations, self.look, self.store = annotations, look, store
        self.open_article, self.article_changed = open_article, article_changed
        self.theme_slots: dict[int, str] = {}  # digit -> theme id (from the taxonomy)
        self.actions = self._create_actions()
        reader.highlight_clicked.connect(self._clicked_in_reader)
        reader.contextMenuEvent = self._context_menu  # type: ignore[method-assign]
        pane.selected.connect(reader.reveal)
        pane.note_edited.connect(annotations.set_note)
        pane.delete_requested.connect(annotations.delete)
        pane.themes_requested.connect(self._themes_menu)
        details.note_edited.connect(annotations.set_article_note)
        annotations.changed.connect(self._store_changed)
        annotations.bulk_changed.connect(self.reload)
        annotations.article_note_changed.connect(details.set_note)
        look.changed.connect(self.reload)

    # -- actions -------------------------------------------------------------------------

    def _create_actions(self) -> dict[str, QAction]:
        specs = [
            (
                "highlight",
                self.tr("&Highlight Selection"),
                "H",
                "highlight",
                lambda: self.highlight(),
            ),
            (
                "highlight_note",
                self.tr("Highlight and Add &Note"),
                "N",
                "note",
                lambda: self.highlight(note=True),
            ),
            (
                "delete_highlight",
                self.tr("&Delete Highlight"),
                "Del",
                "delete",
                self.delete_current,
            ),
        ]
        actions: dict[str, QAction] = {}
        for name, text, key, icon_name, slot in specs:
            action = QAction(icon(icon_name), text, self.window)
            action.setObjectName(name)
            action.setShortcut(QKeySequence(key))
            # Single keys must not fire while typing in a text field: reader only.
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(slot)
            self.reader.addAction(action)
            actions[name] = action
        actions["delete_highlight"].setShortcuts([QKeySequence("Del"), QKeySequence("Backspace")])
        list_delete = QAction(self.pane.list)
        list_delete.setShortcut(QKeySequence("Del"))
        list_delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        list_delete.triggered.connect(self.delete_current)
        self.pane.list.addAction(list_delete)
        for digit in range(1, 10):
            action = QAction(
                self.tr("Highlight with Theme %1").replace("%1", str(digit)), self.window
            )
            action.setObjectName(f"highlight_theme_{digit}")
            action.setShortcut(QKeySequence(str(digit)))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(lambda _=False, d=digit: self.highlight(slot=d))
            self.reader.addAction(action)
            actions[f"highlight_theme_{digit}"] = action
        undo = self.annotations.stack.createUndoAction(self.window, self.tr("&Undo"))
        undo.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Undo))
        undo.setIcon(icon("undo"))
        redo = self.annotations.stack.createRedoAction(self.window, self.tr("&Redo"))
        redo.setShortcuts(
            [*QKeySequence.keyBindings(QKeySequence.StandardKey.Redo), QKeySequence("Ctrl+Shift+Z")]
        )
        redo.setIcon(icon("redo"))
        for action in (undo, redo):
            self.window.addAction(action)
        actions["undo"], actions["redo"] = undo, redo
        return actions

    # -- what the user does --------------------------------------------------------------

    def highlight(
        self, note: bool = False, slot: int | None = None, themes: tuple[str, ...] | None = None
    ) -> Highlight | None:
        article, span = self.reader.article, self.reader.selected_span()
        if article is None or span is None:
            self.window.statusBar().showMessage(  # type: ignore[attr-defined]
                self.tr("Select some text in the article first"), 3000
            )
            return None
        if themes is None:
            themes = (self.theme_slots[slot],) if slot in self.theme_slots else ()
        created = self.annotations.add(article.id, span[0], span[1], themes)
        if created is None:
            return None
        cursor = self.reader.textCursor()
        cursor.clearSelection()
        self.reader.setTextCursor(cursor)
        self.side.setCurrentWidget(self.pane)
        self.pane.select(created.id)
        if note:
            self.pane.edit_note()
        return created

    def delete_current(self) -> None:
        current = self.pane.current()
        if current is not None:
            self.annotations.delete(current)

    def _clicked_in_reader(self, highlight_id: int) -> None:
        self.side.setCurrentWidget(self.pane)
        self.pane.select(highlight_id)

    def _context_menu(self, event: QContextMenuEvent) -> None:
        menu = self.reader.createStandardContextMenu(event.pos())
        first = menu.actions()[0] if menu.actions() else None
        ids = self.reader.highlight_ids_at(event.pos())
        ours: list[QAction] = []
        if self.reader.selected_span() is not None:
            ours += [self.actions["highlight"], self.actions["highlight_note"]]
            with_theme = QMenu(self.tr("Highlight with Theme"), menu)
            for theme_id in self.known_themes():
                action = with_theme.addAction(self.look.label_of(theme_id))
                action.triggered.connect(lambda _=False, t=theme_id: self.highlight(themes=(t,)))
            if with_theme.actions():
                ours.append(with_theme.menuAction())
        if ids:
            self.pane.select(ids[0])
            self.side.setCurrentWidget(self.pane)
            ours += [self.actions["delete_highlight"]]
        for action in ours:
            menu.insertAction(first, action)
        if ours and first is not None:
            menu.insertSeparator(first)
        menu.exec(event.globalPos())

    def _themes_menu(self, highlight: Highlight, anchor: QWidget) -> None:
        menu = QMenu(anchor)
        for theme_id in dict.fromkeys([*highlight.themes, *self.known_themes()]):
            action = menu.addAction(self.look.label_of(theme_id))
            action.setCheckable(True)
            action.setChecked(theme_id in highlight.themes)
            action.toggled.connect(lambda on, t=theme_id: self._toggle_theme(highlight, t, on))
        menu.addSeparator()
        menu.addAction(self.tr("New Theme…")).triggered.connect(lambda: self._new_theme(highlight))
        menu.exec(anchor.mapToGlobal(QPoint(0, anchor.height())))

    def _toggle_theme(self, highlight: Highlight, theme_id: str, on: bool) -> None:
        themes = [t for t in highlight.themes if t != theme_id] + ([theme_id] if on else [])
        self.annotations.set_themes(highlight, themes)

    def _new_theme(self, highlight: Highlight) -> None:
        name, ok = QInputDialog.getText(self.window, self.tr("New Theme"), self.tr("Theme name:"))
        slug = re.sub(r"[^a-z0-9]+", "-", name.strip().lower()).strip("-")
        if ok and slug:
            self.annotations.set_themes(highlight, [*highlight.themes, slug])

    def known_themes(self) -> list[str]:
        """Themes to offer: those in the taxonomy, then any already used in the library."""
        used = [
            r[0]
            for r in self.store().query(
                "SELECT theme_id FROM highlight_themes UNION SELECT theme_id FROM article_themes"
            )
        ]
        return list(dict.fromkeys([*self.theme_slots.values(), *sorted(used)]))

    # -- keeping views in step -----------------------------------------------------------

    def show_article(self, article: Article | None) -> None:
        """The window opened another article: show its highlights."""
        items = core.highlights_for(self.store(), article.id) if article else []
        self.reader.set_highlights(items)
        self.pane.show_highlights(
            items, pages=page_starts(self.store(), article.id) if article else ()
        )

    def reload(self) -> None:
        self.show_article(self.reader.article)

    def _store_changed(self, article_id: int, start: int, end: int) -> None:
        article = self.reader.article
        if article is None or article.id != article_id:
            self.open_article(article_id)  # undo/redo after switching: show where it acted
            article = self.reader.article
            if article is None or article.id != article_id:
                return
        items = core.highlights_for(self.store(), article_id)
        span = (start, end) if start >= 0 else None
        self.reader.set_highlights(items, span)
        self.pane.show_highlights(items, pages=page_starts(self.store(), article_id))
        self.article_changed(article_id)
