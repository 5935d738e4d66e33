"""Every view follows the store: changes made here or by another process (the CLI).

The workspace announces the articles whose rows, highlights or themes changed (it polls
the store's change sequence); this controller brings the library table, the open
article (reader heading, Article tab, highlights) and the theme counts up to date —
without moving the reader: an article removed under it gives way to the one that took
its row, a re-imported one reopens, a retitled one is typeset again at the same place.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QObject, QTimer

from reader.core.annotations.highlights import article_themes
from reader.core.models import Article
from reader.ui.controllers.highlighting import HighlightingController
from reader.ui.controllers.themes import ThemesController
from reader.ui.models.library_model import LibraryModel
from reader.ui.panes.details_pane import DetailsPane
from reader.ui.panes.library_pane import LibraryPane
from reader.ui.reading.reader_view import ReaderView
from reader.ui.workspace import Workspace

#: More changed articles than this: reload the whole table rather than row by row.
ROW_BY_ROW = 50
#: What the reader typesets above the text: a change re-typesets it.
HEADING = ("title", "date", "author", "source")


class OpenArticle(Protocol):
    """The window's ``open_article``: ``reopen`` opens the open article anew."""

    def __call__(
        self, article_id: int | None, from_search: bool = False, *, reopen: bool = False
    ) -> None: ...


class StoreChangesController(QObject):
    def __init__(
        self,
        *,
        workspace: Workspace,
        library_model: LibraryModel,
        library_pane: LibraryPane,
        reader: ReaderView,
        details: DetailsPane,
        highlighting: HighlightingController,
        themes: ThemesController,
        open_article: OpenArticle,
    ) -> None:
        super().__init__(workspace)
        self.workspace, self.model, self.pane = workspace, library_model, library_pane
        self.reader, self.details, self.highlighting = reader, details, highlighting
        self.themes, self.open_article = themes, open_article
        workspace.articles_changed.connect(self.changed)
        highlighting.article_edited.connect(self.update_row)

    def refresh_library(self) -> None:
        self.model.set_articles(self.workspace.library.store.summaries())
        self.pane.update_counts()

    def update_row(self, article_id: int) -> None:
        """One article's highlights or notes changed here: its row shows them at once."""
        for summary in self.workspace.library.store.summaries(article_id):
            self.model.update_article(summary)

    def changed(self, ids: list[int]) -> None:
        store = self.workspace.library.store
        existing = set(store.article_ids())
        gone = [i for i in ids if i not in existing]
        current = self.workspace.article
        place = self.pane.row_of(current.id) if current is not None else None
        if gone or len(ids) > ROW_BY_ROW or any(self.model.row_of(i) is None for i in ids):
            selected = [i for i in self.pane.selected_article_ids() if i not in gone]
            self.refresh_library()
            for article_id in selected[:1]:
                self.pane.select_article(article_id)
        else:
            for article_id in ids:
                for summary in store.summaries(article_id):
                    self.model.update_article(summary)
            self.pane.update_counts()
        if current is not None and current.id in gone:  # read on with the next row
            self.open_article(self.pane.article_at(place or 0), reopen=True)
        elif current is not None and current.id in ids:
            self._refresh_open(current, store.article(current.id))
        self.themes.after_edit()

    def _refresh_open(self, before: Article, article: Article) -> None:
        if article.text != before.text:  # re-imported: typeset and anchor anew
            self.open_article(article.id, reopen=True)
            return
        self.workspace.refresh_article(article)
        if any(getattr(article, f) != getattr(before, f) for f in HEADING):
            top = self.reader.top_offset()
            self.reader.show_article(article)
            QTimer.singleShot(0, lambda: self.reader.scroll_to_offset(top))
        else:
            self.reader.refresh_article(article)
        self.details.show_article(article, article_themes(self.workspace.library.store, article.id))
        self.highlighting.reload()
