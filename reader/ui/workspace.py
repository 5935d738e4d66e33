"""The workspace: what the window is working on, in one place, with signals.

Anki's collection + operations, in our terms: the current library, the current
article, the taxonomy, and the facts controllers react to. Controllers take the
workspace instead of a handful of ``lambda: window.library…`` closures, and learn of
changes from its signals rather than from each other.

It also notices changes written by another process (the command line) to the same
library: the store's change sequence is polled about once a second — one indexed
``max()`` query — and the articles changed since the last look are announced with
``articles_changed``, so every view refreshes without losing the reader's place.
"""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import QObject, QTimer, Signal

from reader.core.errors import ReaderError
from reader.core.library import Library
from reader.core.models import Article
from reader.core.themes import Taxonomy, Theme

POLL_MS = 1000


class Workspace(QObject):
    library_changed = Signal()
    article_opened = Signal(object)  # Article | None
    taxonomy_changed = Signal()
    articles_changed = Signal(list)  # article ids whose row, highlights or themes changed

    def __init__(self, library: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self.article: Article | None = None
        self._seq = library.store.change_seq()
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self.check_store)
        self._poll.start()

    @property
    def library(self) -> Library:
        return self._library

    @property
    def taxonomy(self) -> Taxonomy:
        return self._library.taxonomy

    def set_library(self, library: Library) -> None:
        self._library = library
        self._seq = library.store.change_seq()
        self.article = None
        self.library_changed.emit()

    def set_article(self, article: Article | None) -> None:
        self.article = article
        self.article_opened.emit(article)

    def create_theme(self, name: str, parent: str | None = None) -> Theme:
        """Create a theme through the core's one rule (slug, themes.yaml) and announce it."""
        from reader.core.themes.editing import create_theme

        theme = create_theme(self._library, name, parent=parent)
        self.taxonomy_changed.emit()
        return theme

    def check_store(self) -> list[int]:
        """Announce the articles changed since the last look (by anyone); return them."""
        try:
            store = self._library.store
            seq = store.change_seq()
            if seq == self._seq:
                return []
            ids = sorted({aid for aid, _ in store.changes_since(self._seq)})
        except (sqlite3.Error, ReaderError):  # closing, or switched under us: next time
            return []
        self._seq = seq
        if ids:
            self.articles_changed.emit(ids)
        return ids

    def stop(self) -> None:
        self._poll.stop()
