"""Theme suggestions for the open article: listed in their tab and marked faintly in the
text; accepting one makes a highlight with that theme (undoable), dismissing it is
remembered in the store so it does not come back."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QTabWidget

from reader.core.annotations import highlights as core
from reader.core.errors import ReaderError
from reader.core.themes.suggestions import Suggestion, dismiss_suggestion, dismissed_for, suggest
from reader.ui.controllers.annotations import AnnotationController
from reader.ui.controllers.themes import ThemesController
from reader.ui.look.theme_look import ThemeLook
from reader.ui.panes.suggestions_pane import SuggestionsPane
from reader.ui.reading.reader_view import ReaderView
from reader.ui.workspace import Workspace


class SuggestionsController(QObject):
    def __init__(
        self,
        *,
        workspace: Workspace,
        pane: SuggestionsPane,
        side: QTabWidget,
        reader: ReaderView,
        annotations: AnnotationController,
        themes: ThemesController,
        look: ThemeLook,
    ) -> None:
        """``pane`` is one tab of ``side``: suggestions are worked out when it is shown."""
        super().__init__(pane)
        self.workspace, self.pane, self.reader, self.annotations = (
            workspace,
            pane,
            reader,
            annotations,
        )
        self.themes, self.look = themes, look
        side.currentChanged.connect(lambda _: self.pane_shown())
        pane.accepted.connect(self.accept)
        pane.dismissed.connect(self.dismiss)
        pane.selected.connect(lambda s: reader.scroll_to_offset(s.start, centre=True))
        annotations.changed.connect(lambda *_: self.refresh())
        annotations.bulk_changed.connect(self.refresh)
        look.changed.connect(self.refresh)
        self._stale = True

    def refresh(self) -> None:
        """Recompute, but only while the tab is shown: ~100 ms an article is too much to
        spend on every article switch for a tab nobody is looking at."""
        article = self.reader.article
        items: list[Suggestion] = []
        self._stale = not self.pane.isVisible()
        if self._stale:
            self.pane.show_items([])
            self.reader.set_suggestions([])
            return
        if article is not None:
            store = self.workspace.library.store
            items = suggest(
                article,
                self.themes.taxonomy,
                core.highlights_for(store, article.id),
                dismissed_for(store, article.id),
            )
        self.pane.show_items(items)
        self._mark(items)

    def _mark(self, items: list[Suggestion]) -> None:
        """Faint marks in the text only while the suggestions are being looked at."""
        shown = self.pane.isVisible()
        self.reader.set_suggestions(
            [(s.start, s.end, self.look.colour_of(s.theme_id)) for s in items] if shown else []
        )

    def pane_shown(self) -> None:
        if self.pane.isVisible() and self._stale:
            self.refresh()
        else:
            self._mark(self.pane.model.items())

    def accept(self, item: Suggestion) -> None:
        article = self.reader.article
        if article is not None:
            self.annotations.add(article.id, item.start, item.end, (item.theme_id,))

    def dismiss(self, item: Suggestion) -> None:
        article = self.reader.article
        if article is not None:
            try:
                dismiss_suggestion(
                    self.workspace.library.store, article.id, item.theme_id, item.quote
                )
            except ReaderError as exc:  # a damaged store refuses it: say so, keep it shown
                self.workspace.refused(exc)
                return
            self.refresh()
