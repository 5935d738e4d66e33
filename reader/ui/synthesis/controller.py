"""Puts the synthesis view in the window's centre and keeps it in step with the window.

Ctrl+B switches the centre between the reader and the synthesis (the view is built the
first time it is shown). The view follows the current search and theme/date filter —
the same articles the library table shows — and refreshes after any edit; a card
dragged to another column is re-tagged by an undoable command on the window's undo
stack, and a clicked card opens its passage in the reader.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QStackedWidget

from reader.core.annotations.highlights import highlight as load_highlight
from reader.core.errors import ReaderError
from reader.core.synthesis import Card, Synthesis, adopt, read_cache, retagged, synthesize
from reader.ui.synthesis.host import SynthesisHost
from reader.ui.tasks import Task, thread_library

if TYPE_CHECKING:
    from reader.ui.synthesis.view import SynthesisView

REFRESH_DELAY_MS = 30
LIBRARY_WIDTH = 400  # the library narrows to this while the synthesis is shown


class SynthesisController(QObject):
    def __init__(self, *, host: SynthesisHost) -> None:
        """``host`` is the window: the protocol names the parts of it this uses."""
        super().__init__(host.splitter)  # lives as long as the window's centre
        self.window = window = host
        self.view: SynthesisView | None = None
        self.last: Synthesis | None = None
        self._side_shown = True
        self._sizes: list[int] = []
        self.stack = QStackedWidget()  # replaceWidget below puts it in the splitter
        self.stack.setObjectName("centreStack")
        splitter = window.splitter
        # The stack takes the reader's place and size (sizes() would be wrong before the
        # window is shown: setting them back would undo the window's default split).
        splitter.replaceWidget(splitter.indexOf(window.reader_pane), self.stack)
        self.stack.addWidget(window.reader_pane)
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(REFRESH_DELAY_MS)
        self._soon.timeout.connect(self.refresh)
        self.action = window.actions_by_name.get("show_synthesis")
        if self.action is not None:
            self.action.triggered.connect(lambda _=False: self.toggle())
        themes = window.library_pane.themes
        themes.changed.connect(self.refresh_soon)
        window.search.results_ready.connect(lambda *_: self.refresh_soon())
        window.annotations.changed.connect(lambda *_: self.refresh_soon())
        window.annotations.bulk_changed.connect(self.refresh_soon)
        window.look.changed.connect(self.refresh_soon)
        window.library_model.modelReset.connect(self.refresh_soon)  # imports, another library
        QTimer.singleShot(0, self.warm)

    def warm(self) -> None:
        """Read what the synthesis groups on the query thread, once the window is up,
        so the first Ctrl+B does not read 50,000 highlights on the GUI thread."""
        root = self.window.workspace.library.root

        def job(_: Task) -> object:
            return read_cache(thread_library(root).store)

        def done(cache: object) -> None:
            if self.window.workspace.library.root == root:
                adopt(self.window.workspace.library.store, cache)  # type: ignore[arg-type]

        self.window.workspace.reads.submit(job, done)

    # -- showing -------------------------------------------------------------------------

    def shown(self) -> bool:
        return self.view is not None and self.stack.currentWidget() is self.view

    def toggle(self) -> None:
        self.show_reader() if self.shown() else self.show_synthesis()

    def show_synthesis(self) -> None:
        if self.view is None:
            from reader.ui.synthesis.view import SynthesisView

            self.view = SynthesisView(self.window.look, self.window.workspace.store)
            self.view.card_clicked.connect(self.open_card)
            self.view.retag_requested.connect(self.retag)
            self.view.themes_clicked.connect(self.filter_by)
            self.view.close_requested.connect(self.show_reader)
            self.stack.addWidget(self.view)
        if not self.shown():  # the columns want the side pane's room; the reader gets it back
            splitter = self.window.splitter
            self._sizes = splitter.sizes()
            self._side_shown = self.window.side.isVisible()
            self.window.side.hide()
            left, centre, right = self._sizes
            narrow = min(left, LIBRARY_WIDTH)
            splitter.setSizes(
                [narrow, centre + left - narrow + (right if self._side_shown else 0), 0]
            )
        self.stack.setCurrentWidget(self.view)
        self._checked(True)
        self.refresh()
        self.view.setFocus()

    def show_reader(self) -> None:
        if self.shown():
            self.window.side.setVisible(self._side_shown)
            self.window.splitter.setSizes(self._sizes)
        self.stack.setCurrentWidget(self.window.reader_pane)
        self._checked(False)
        self.window.reader.setFocus()

    def _checked(self, shown: bool) -> None:
        if self.action is not None:
            self.action.setChecked(shown)

    # -- what it shows -------------------------------------------------------------------

    def scope(self) -> frozenset[int] | None:
        """The articles the library shows: the theme/date filter and the search (None:
        every article)."""
        themes = self.window.themes
        allowed = themes.allowed_ids()
        if self.window.search.query and themes.search_ids is not None:
            allowed = themes.search_ids if allowed is None else allowed & themes.search_ids
        return allowed

    def checked(self) -> set[str]:
        return set(self.window.library_pane.themes.model.included)

    def synthesis(self) -> Synthesis:
        """The synthesis of the current scope (for the view and for exports' figures)."""
        window = self.window
        return synthesize(
            window.workspace.library.store, window.themes.taxonomy, self.scope(), self.checked()
        )

    def figures(self, article_ids: Sequence[int] | None) -> list[tuple[str, bytes]]:
        """Both charts as PNGs for the articles of an export (the export dialog's
        figure source): every theme in scope, whatever the view shows."""
        from reader.ui.synthesis.figures import render_chart_pngs

        window = self.window
        synthesis = synthesize(window.workspace.library.store, window.themes.taxonomy, article_ids)
        return render_chart_pngs(synthesis, window.look)

    def refresh_soon(self) -> None:
        if self.shown():
            self._soon.start()

    def refresh(self) -> None:
        self._soon.stop()
        if self.view is None:
            return
        self.last = self.synthesis()
        self.view.show_synthesis(self.last, self.scope() is not None)

    # -- what the user does --------------------------------------------------------------

    def open_card(self, card: Card) -> None:
        window = self.window
        self.show_reader()
        if card.highlight_id is None:
            window.open_article(card.article_id)
            return
        try:
            found = load_highlight(window.workspace.library.store, card.highlight_id)
        except ReaderError:
            found = None
        window.open_at(card.article_id, found)

    def retag(self, highlight_id: int, source: str | None, target: str | None, keep: bool) -> None:
        window = self.window
        try:
            current = load_highlight(window.workspace.library.store, highlight_id)
        except ReaderError:
            return
        members: set[str] = set()
        if source is not None:
            members = {source}
            if source in self.checked():
                members |= set(window.themes.taxonomy.descendants(source))
        themes = retagged(current.themes, members, target, keep)
        window.annotations.set_themes(current, themes)

    def filter_by(self, themes: tuple[str, ...]) -> None:
        """A chart was clicked: that theme (or both of a pair) becomes the theme filter."""
        pane = self.window.library_pane.themes
        date_from, date_to = pane.dates()
        mode = "any" if len(themes) == 1 else "all"
        pane.set_filter(list(themes), sorted(pane.model.excluded), mode, date_from, date_to)
