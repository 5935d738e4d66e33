"""The workspace: what the window is working on, in one place, with signals.

Anki's collection + operations, in our terms: the current library, the current
article, the taxonomy, the two background runners, and the facts controllers react to.
Controllers take the workspace instead of a handful of ``lambda: window.library…``
closures, and learn of changes from its signals rather than from each other.

One index writer: :meth:`update_index` is the only way the window brings the search
index up to date, always on the ``writes`` runner; searches run on ``reads`` and never
write (``Library.search(sync=False)``). When the writer has applied changes it says so
with ``index_updated``, and an open search runs again.

It also notices changes written by another process (the command line) to the same
library: the store's change sequence is polled about once a second — one indexed
``max()`` query — and the articles changed since the last look are announced with
``articles_changed``, so every view refreshes without losing the reader's place.

A store found damaged refuses every change (``reader.core.store_health``): the
workspace tells the window at once (``store_trouble``), and every refused edit says why
(``change_refused``) instead of failing with a traceback.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from reader.core.errors import LibraryError, ReaderError
from reader.core.library import Library
from reader.core.models import Article
from reader.core.store import Store
from reader.core.themes import Taxonomy, Theme
from reader.ui.tasks import Task, TaskRunner, thread_library

POLL_MS = 1000


class Workspace(QObject):
    library_changed = Signal()
    article_opened = Signal(object)  # Article | None
    taxonomy_changed = Signal()
    articles_changed = Signal(list)  # article ids whose row, highlights or themes changed
    index_updated = Signal()  # the writer brought the index in step with the store
    index_lagging = Signal(str)  # saved, but the index could not follow (why, one line)
    change_refused = Signal(str)  # an edit was not saved (why and what to do, one line)
    store_trouble = Signal(str)  # the store refuses changes: found damaged, or refused one

    def __init__(self, library: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self.reads = TaskRunner("queries", self)
        self.writes = TaskRunner("index-writes", self)
        self._closed = False
        self._article: Article | None = None
        self._seq = library.store.change_seq()
        self._refusal = library.store.refusal()  # the window asks for it when it opens
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._poll_store)
        self._poll.start()

    @property
    def library(self) -> Library:
        return self._library

    def store(self) -> Store:
        """The open library's store, asked afresh: for whoever outlives a library switch
        (a dialog left open) and must not keep the old one."""
        return self._library.store

    @property
    def taxonomy(self) -> Taxonomy:
        return self._library.taxonomy

    @property
    def article(self) -> Article | None:
        """The open article (None: none). Read-only: the workspace is its one holder;
        :meth:`set_article` opens another, :meth:`refresh_article` takes a fresh copy."""
        return self._article

    def set_library(self, library: Library) -> None:
        self._library = library
        self._seq = library.store.change_seq()
        self._refusal = library.store.refusal()
        self._article = None
        self.library_changed.emit()

    def store_refusal(self) -> str:
        """Why the open library's store refuses changes ('' when it takes them): it was
        found damaged (now, or by an earlier process), so the window says so at once."""
        return self._library.store.refusal()

    def refused(self, exc: ReaderError) -> None:
        """An edit was refused (a damaged store, a full disk, an article gone meanwhile):
        ``change_refused`` with the reason; when the store itself is the cause (damage
        found only now by the check before the first write), ``store_trouble`` too."""
        if isinstance(exc, LibraryError):  # first, so the refusal can point to it
            self.store_trouble.emit(self.store_refusal() or str(exc))
        self.change_refused.emit(str(exc))

    def set_article(self, article: Article | None) -> None:
        """``article`` is now the open one (also when it is the same article opened
        anew, its text re-imported): ``article_opened``."""
        self._article = article
        self.article_opened.emit(article)

    def refresh_article(self, article: Article) -> None:
        """The open article's fields changed (a title, a date), not its text: hold the
        fresh copy. Nothing reopens, so no ``article_opened``; another article is
        ignored (the open one changed meanwhile)."""
        if self._article is not None and self._article.id == article.id:
            self._article = article

    def update_index(self, progress: Callable[[int, int, str], None] | None = None) -> Task:
        """Queue an index update on the writer; ``index_updated`` when it is done."""
        root = self._library.root

        def job(task: Task) -> None:
            thread_library(root).update_index(progress=task.report)

        return self.writes.submit(job, self._index_done, self.index_lagging.emit, progress)

    def _index_done(self, _report: object) -> None:
        if not self._closed:  # nothing is left to refresh once the window is closing
            self.index_updated.emit()

    def create_theme(self, name: str, parent: str | None = None) -> Theme:
        """Create a theme through the core's one rule (slug, themes.yaml) and announce it."""
        from reader.core.themes.editing import create_theme

        theme = create_theme(self._library, name, parent=parent)
        self.taxonomy_changed.emit()
        return theme

    def check_store(self) -> list[int]:
        """Announce the articles changed since the last look (by anyone); return them.
        Damage found meanwhile by anyone (the command line, an import, the daily check)
        is announced too, once: ``store_trouble``."""
        try:
            store = self._library.store
            self._check_refusal(store)
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

    def _poll_store(self) -> None:
        """The timer's look at the store. While this window's own writer works it only
        looks for damage: an import of thousands of files changes the store all the
        time, and reloading the library table each second on the GUI thread, against
        the import for Python's lock, froze the window for seconds (gui_bench: 2.4 s).
        The writer's own finish refreshes what it changed; the next look catches up."""
        if not self.writes.busy():
            self.check_store()
            return
        with contextlib.suppress(sqlite3.Error, ReaderError):
            self._check_refusal(self._library.store)

    def _check_refusal(self, store: Store) -> None:
        refusal = store.refusal()  # a marker file's stat: cheap enough each second
        if refusal != self._refusal:
            self._refusal = refusal
            if refusal:
                self.store_trouble.emit(refusal)

    def stop(self) -> None:
        """The window is closing: no more polling, no more announcements."""
        self._closed = True
        self._poll.stop()
