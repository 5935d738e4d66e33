"""Highlighting in the window: keys and menus, the reader, the highlights pane, undo.

Keys act on the reader's selection: H highlights, N highlights and opens the note,
1–9 highlight with the theme in that slot, Del deletes the chosen highlight. Two
keystrokes at most after selecting. All writes go through :class:`AnnotationController`.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from PySide6.QtCore import QObject, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QTabWidget, QWidget

from reader.core.annotations import highlights as core
from reader.core.models import Article, Highlight
from reader.core.pages import page_starts
from reader.core.themes import Taxonomy
from reader.ui.controllers.annotations import AnnotationController
from reader.ui.look.icons import icon
from reader.ui.look.theme_look import ThemeLook
from reader.ui.panes.details_pane import DetailsPane
from reader.ui.panes.highlights_pane import HighlightsPane
from reader.ui.panes.themes_pane import ThemesPane
from reader.ui.reading.reader_view import ReaderView
from reader.ui.widgets.theme_picker import ThemePicker
from reader.ui.workspace import Workspace


class HighlightingController(QObject):
    """``article_edited(article_id)`` after a highlight or note of that article was
    written (its library row may show new counts or themes)."""

    article_edited = Signal(int)

    def __init__(
        self,
        *,
        window: QMainWindow,
        workspace: Workspace,
        reader: ReaderView,
        side: QTabWidget,
        pane: HighlightsPane,
        details: DetailsPane,
        themes_pane: ThemesPane,
        annotations: AnnotationController,
        look: ThemeLook,
        open_article: Callable[[int], None],
    ) -> None:
        super().__init__(window)
        self.window, self.workspace, self.reader = window, workspace, reader
        self.side, self.pane, self.details = side, pane, details
        self.annotations, self.look, self.open_article = annotations, look, open_article
        self._theme_slots: dict[int, str] = {}  # digit -> theme id (from the taxonomy)
        self.actions = self._create_actions()
        reader.highlight_clicked.connect(self._clicked_in_reader)
        reader.context_menu_prepared.connect(self._add_menu_actions)
        pane.selected.connect(reader.reveal)
        pane.note_edited.connect(annotations.set_note)
        pane.delete_requested.connect(annotations.delete)
        pane.themes_requested.connect(self._themes_menu)
        details.note_edited.connect(annotations.set_article_note)
        themes_pane.code_requested.connect(lambda t: self.highlight(themes=(t,)))
        annotations.changed.connect(self._store_changed)
        annotations.bulk_changed.connect(self.reload)
        annotations.article_note_changed.connect(details.set_note)
        look.changed.connect(self.reload)

    # -- actions -------------------------------------------------------------------------

    @property
    def theme_slots(self) -> dict[int, str]:
        return self._theme_slots

    @theme_slots.setter
    def theme_slots(self, slots: dict[int, str]) -> None:
        """Digit keys follow the taxonomy; each action says which theme its key applies."""
        self._theme_slots = dict(slots)
        for digit in range(1, 10):
            action = self.actions[f"highlight_theme_{digit}"]
            theme_id = self._theme_slots.get(digit)
            action.setText(
                self.tr("Highlight as “%1”").replace("%1", self.look.label_of(theme_id))
                if theme_id
                else self.tr("Highlight with Theme %1 (no theme has this key)").replace(
                    "%1", str(digit)
                )
            )

    def follow_taxonomy(self, taxonomy: Taxonomy) -> None:
        """Another taxonomy is on screen: the digit keys take its themes' keys."""
        self.theme_slots = {t.key: t.id for t in taxonomy.themes if t.key}

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
                "pick_themes",
                self.tr("&Themes…"),
                "T",
                "theme",
                self.pick_themes,
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
        actions["pick_themes"].setToolTip(
            self.tr(
                "Highlight the selection with any themes, or change the themes of the "
                "chosen highlight (T)"
            )
        )
        for key, slot in (("Del", self.delete_current), ("T", self.pick_themes)):
            on_list = QAction(self.pane.list)
            on_list.setShortcut(QKeySequence(key))
            on_list.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            on_list.triggered.connect(slot)
            self.pane.list.addAction(on_list)
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
        undo.setObjectName("undo")
        undo.setShortcuts([QKeySequence("Ctrl+Z")])
        undo.setIcon(icon("undo"))
        redo = self.annotations.stack.createRedoAction(self.window, self.tr("&Redo"))
        redo.setObjectName("redo")
        # Each key once: the platform's Redo binding is Ctrl+Shift+Z already, and listing a
        # key twice on one action makes Qt call the shortcut ambiguous and drop it.
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        redo.setIcon(icon("redo"))
        for action in (undo, redo):
            self.window.addAction(action)
        actions["undo"], actions["redo"] = undo, redo
        return actions

    # -- what the user does --------------------------------------------------------------

    def highlight(
        self,
        note: bool = False,
        slot: int | None = None,
        themes: tuple[str, ...] | None = None,
        span: tuple[int, int] | None = None,
    ) -> Highlight | None:
        article, span = self.reader.article, span or self.reader.selected_span()
        if article is None or span is None:
            self.window.statusBar().showMessage(
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

    def pick_themes(self) -> None:
        """T: with text selected, highlight it with themes chosen in the picker; else
        change the themes of the chosen highlight."""
        span = self.reader.selected_span()
        if span is not None and self.reader.article is not None:
            article_id = self.reader.article.id

            def apply(added: list[str], _removed: list[str]) -> None:
                if self.reader.article is not None and self.reader.article.id == article_id:
                    self.highlight(themes=tuple(added), span=span)

            self.open_picker((), apply, self.tr("Highlight with Themes"))
            return
        current = self.pane.current()
        if current is not None:
            self.pick_for(current)
        else:
            self.window.statusBar().showMessage(
                self.tr("Select some text or a highlight first"), 3000
            )

    def pick_for(self, highlight: Highlight) -> None:
        """Open the picker on one highlight's themes."""

        def apply(added: list[str], removed: list[str]) -> None:
            fresh = core.highlight(self.workspace.store(), highlight.id)
            kept = [t for t in fresh.themes if t not in removed]
            self.annotations.set_themes(fresh, [*kept, *(t for t in added if t not in kept)])

        self.open_picker(highlight.themes, apply, self.tr("Themes of the Highlight"))

    def open_picker(
        self,
        checked: Collection[str],
        apply: Callable[[list[str], list[str]], None],
        title: str,
        partial: Collection[str] = (),
    ) -> ThemePicker:
        picker = ThemePicker(
            self.window,
            self.workspace.taxonomy,
            self.look.colour_of,
            checked,
            self.workspace.create_theme,
            title,
            partial,
        )
        picker.picked.connect(apply)
        picker.finished.connect(picker.deleteLater)
        picker.open()
        return picker

    def _add_menu_actions(self, menu: QMenu, point: QPoint) -> None:
        """The reader's context menu at ``point``: highlight the selection (H, N, with
        themes) and act on the highlight under the pointer, above copy/select all."""
        first = menu.actions()[0] if menu.actions() else None
        ids = self.reader.highlight_ids_at(point)
        ours: list[QAction] = []
        if self.reader.selected_span() is not None:
            ours += [self.actions["highlight"], self.actions["highlight_note"]]
            pick = QAction(icon("theme"), self.tr("Highlight with Themes…"), menu)
            pick.setShortcut(QKeySequence("T"))
            pick.triggered.connect(self.pick_themes)
            ours.append(pick)
            with_theme = QMenu(self.tr("Highlight with Theme"), menu)
            for theme, depth in self.workspace.taxonomy.ordered():
                action = with_theme.addAction("    " * depth + theme.name)
                action.triggered.connect(lambda _=False, t=theme.id: self.highlight(themes=(t,)))
            if with_theme.actions():
                ours.append(with_theme.menuAction())
        if ids:
            self.pane.select(ids[0])
            self.side.setCurrentWidget(self.pane)
            chosen = self.pane.current()
            themes = QAction(icon("theme"), self.tr("Themes…"), menu)
            themes.setShortcut(QKeySequence("T"))
            if chosen is not None:
                themes.triggered.connect(lambda _=False, h=chosen: self.pick_for(h))
            note = QAction(icon("note"), self.tr("Edit Note"), menu)
            note.triggered.connect(self.pane.edit_note)
            ours += [themes, note, self.actions["delete_highlight"]]
        for action in ours:
            if first is None:
                menu.addAction(action)
            else:
                menu.insertAction(first, action)
        if ours and first is not None:
            menu.insertSeparator(first)

    def _themes_menu(self, highlight: Highlight, anchor: QWidget) -> None:
        self.pick_for(highlight)

    # -- keeping views in step -----------------------------------------------------------

    def show_article(self, article: Article | None) -> None:
        """The window opened another article: show its highlights."""
        items = core.highlights_for(self.workspace.store(), article.id) if article else []
        self.reader.set_highlights(items)
        self.pane.show_highlights(
            items, pages=page_starts(self.workspace.store(), article.id) if article else ()
        )

    def reload(self) -> None:
        self.show_article(self.reader.article)

    def _store_changed(self, article_id: int, start: int, end: int, reveal: bool) -> None:
        article = self.reader.article
        if article is None or article.id != article_id:
            if not reveal:  # e.g. a note saved on the way out of that article
                self.article_edited.emit(article_id)
                return
            self.open_article(article_id)  # undo/redo after switching: show where it acted
            article = self.reader.article
            if article is None or article.id != article_id:
                return
        items = core.highlights_for(self.workspace.store(), article_id)
        span = (start, end) if start >= 0 else None
        self.reader.set_highlights(items, span)
        self.pane.show_highlights(items, pages=page_starts(self.workspace.store(), article_id))
        self.article_edited.emit(article_id)
