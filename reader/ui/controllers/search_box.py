"""The search field and what it shows: results, "N matches", the corrected spelling.

Typing runs the live search (:class:`SearchController`); this controller puts the answer
on screen: the results list, theme counts under the search, the message beside the
field (a corrected spelling is a link that makes it the query), and marks in the open
article when it is among the hits. The in-article bar never keeps an old query's
"3 of 11" while a new one is typed.
"""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QSizePolicy, QWidget

from reader.ui.controllers.search import Answer, SearchController
from reader.ui.controllers.themes import ThemesController
from reader.ui.look.icons import icon
from reader.ui.look.wording import plural
from reader.ui.models.search_model import SearchResultsModel
from reader.ui.panes.library_pane import ALL, RESULTS, LibraryPane
from reader.ui.panes.reader_pane import ReaderPane
from reader.ui.workspace import Workspace


class SearchBoxController(QObject):
    def __init__(
        self,
        *,
        window: QWidget,
        workspace: Workspace,
        search: SearchController,
        results: SearchResultsModel,
        themes: ThemesController,
        library_pane: LibraryPane,
        reader_pane: ReaderPane,
    ) -> None:
        super().__init__(window)
        self.workspace, self.search, self.results, self.themes = workspace, search, results, themes
        self.library_pane, self.reader_pane = library_pane, reader_pane
        self.field = QLineEdit(window)
        self.field.setObjectName("searchField")
        self.field.setPlaceholderText(self.tr("Search articles, highlights and notes  (Ctrl+K)"))
        self.field.setClearButtonEnabled(True)
        self.field.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.field.setMinimumWidth(320)
        self.field.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.message = QLabel(window)
        self.message.setObjectName("searchMessage")
        self.message.setTextFormat(Qt.TextFormat.RichText)  # only our own escaped text
        self.message.linkActivated.connect(self._run_corrected)
        self.field.textChanged.connect(self._edited)
        self.field.returnPressed.connect(search.run_now)
        search.results_ready.connect(self._show)
        search.failed.connect(self._show_error)
        search.spans_ready.connect(self._show_spans)

    def focus(self) -> None:
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def clear(self) -> None:
        self.field.clear()
        self.results.clear()

    def _edited(self, text: str) -> None:
        self.message.clear()
        self._set_error(False)
        if self.reader_pane.mark_bar.showing_search():
            self.reader_pane.mark_bar.dismiss()  # its "3 of 11" was for the old query
        self.search.set_query(text)

    def _show(self, query: str, answer: Answer | None) -> None:
        if answer is None:
            self.themes.set_search(None)
            self.results.clear()
            self.library_pane.update_counts()
            self.library_pane.set_mode(ALL)
            return
        result = answer.result
        self.results.set_hits(answer.corrected or query, list(result.hits), result.total)
        self.themes.set_search(result.article_ids, result.theme_counts)
        self.library_pane.update_counts()
        self.library_pane.set_mode(RESULTS)
        matches = plural(result.total, self.tr("match"), self.tr("matches"))
        if answer.corrected:
            self.message.setText(
                self.tr("No matches for “%1” — showing %2 for %3")
                .replace("%1", escape(query))
                .replace("%2", matches)
                .replace("%3", f"<a href='query:'>{escape(answer.corrected)}</a>")
            )
            self.message.setProperty("corrected", answer.corrected)
        else:
            self.message.setText(matches if result.total else self.tr("No matches"))
        if result.estimated:
            self.message.setText(self.tr("about %1").replace("%1", self.message.text()))
        article = self.workspace.article
        if article is not None and article.id in self.results.article_ids():
            self.search.request_spans(article.id, article.text)

    def _run_corrected(self, _link: str) -> None:
        corrected = self.message.property("corrected")
        if corrected:
            self.field.setText(str(corrected))
            self.search.run_now()

    def _show_error(self, query: str, message: str) -> None:
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setText(message)
        self.message.setTextFormat(Qt.TextFormat.RichText)
        self._set_error(True)

    def _show_spans(self, article_id: int, query: str, spans: Any) -> None:
        article = self.workspace.article
        shown = self.search.shown_query or self.search.query
        if article is None or article.id != article_id or query != shown:
            return
        self.reader_pane.view.set_marks(spans)
        self.reader_pane.mark_bar.show_search(query)

    def _set_error(self, on: bool) -> None:
        self.field.setProperty("error", on)
        self.field.style().unpolish(self.field)
        self.field.style().polish(self.field)
