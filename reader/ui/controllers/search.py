"""Live search: debounced, run on the query thread, stale answers dropped.

Only the latest query's answer is shown: each request carries a sequence number and an
answer for an older number is ignored, so fast typing never shows results out of order.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from reader.core.filtering import FilterAnswer, answer
from reader.ui.controllers.themes import ThemesController
from reader.ui.tasks import Task, thread_library
from reader.ui.workspace import Workspace

SNIPPET_ROWS = 20  # about a screenful of results
DEBOUNCE_MS = 220


@dataclass(frozen=True)
class Answer:
    """What one search found. When nothing matched but a near spelling would, the
    search is run again with it at once (``corrected``) and its results are shown."""

    result: FilterAnswer  # total, hits, ids and theme counts of query + theme filter
    corrected: str | None = None


class SearchController(QObject):
    """``results_ready(query, answer)`` (None: the query is empty); ``failed(query,
    message)`` for bad queries."""

    results_ready = Signal(str, object)
    failed = Signal(str, str)
    spans_ready = Signal(int, str, object)  # article id, query, [(start, end)]

    def __init__(
        self,
        *,
        workspace: Workspace,
        themes: ThemesController,
        parent: QObject | None = None,
    ) -> None:
        """A query is searched within the themes pane's filter (``themes.current_filter``);
        when that filter changes, or the index writer has caught up, an open search runs
        again."""
        super().__init__(parent)
        self.workspace, self.runner, self.themes = workspace, workspace.reads, themes
        #: The query whose results are on screen (the corrected one, if it was corrected).
        self.shown_query = ""
        self.query = ""
        self._seq = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.run_now)
        workspace.index_updated.connect(self.refresh)
        themes.filter_changed.connect(self.refresh)

    def set_query(self, text: str) -> None:
        """Called on every keystroke; the search runs once typing pauses."""
        self.query = text.strip()
        self._timer.start()

    def run_now(self) -> None:
        self._timer.stop()
        self._seq += 1
        seq, query, root = self._seq, self.query, self.workspace.library.root
        if not query:
            self.results_ready.emit("", None)
            return

        flt = self.themes.current_filter(query)

        def job(_: Task) -> Any:
            library = thread_library(root)
            got = answer(library, flt, limit=200, snippets=SNIPPET_ROWS, sync=False)
            if got.total == 0 and got.suggestion:
                fixed = replace(flt, query=got.suggestion)
                return Answer(
                    answer(library, fixed, limit=200, snippets=SNIPPET_ROWS, sync=False),
                    got.suggestion,
                )
            return Answer(got)

        self.runner.submit(
            job,
            lambda result: self._deliver(seq, query, result),
            lambda message: self._fail(seq, query, message),
        )

    def refresh(self) -> None:
        """The index changed (its one writer finished): run the open search again."""
        if self.query and not self._timer.isActive():
            self.run_now()

    def request_spans(self, article_id: int, text: str) -> None:
        """Where the query shown matches inside one article's text (for marks): the
        corrected spelling when the results shown are the corrected query's."""
        query, root = self.shown_query or self.query, self.workspace.library.root
        if not query:
            self.spans_ready.emit(article_id, "", [])
            return

        def job(_: Task) -> Any:
            return thread_library(root).match_spans(query, text)

        self.runner.submit(job, lambda spans: self.spans_ready.emit(article_id, query, spans))

    def _deliver(self, seq: int, query: str, result: object) -> None:
        if seq == self._seq:
            corrected = getattr(result, "corrected", None)
            self.shown_query = corrected or query
            self.results_ready.emit(query, result)

    def _fail(self, seq: int, query: str, message: str) -> None:
        if seq == self._seq:
            self.failed.emit(query, message)
