"""What the synthesis view needs of the window, as a protocol.

The controller is built by the window; naming the window's class here would make the
two modules import each other. The protocol lists exactly the parts it uses.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QSplitter, QTabWidget

from reader.core.models import Highlight
from reader.ui.controllers.annotations import AnnotationController
from reader.ui.controllers.search import SearchController
from reader.ui.controllers.themes import ThemesController
from reader.ui.look.theme_look import ThemeLook
from reader.ui.models.library_model import LibraryModel
from reader.ui.panes.library_pane import LibraryPane
from reader.ui.panes.reader_pane import ReaderPane
from reader.ui.reading.reader_view import ReaderView
from reader.ui.workspace import Workspace


class SynthesisHost(Protocol):
    workspace: Workspace
    splitter: QSplitter
    side: QTabWidget
    reader: ReaderView
    reader_pane: ReaderPane
    library_pane: LibraryPane
    library_model: LibraryModel
    actions_by_name: dict[str, QAction]
    search: SearchController
    annotations: AnnotationController
    themes: ThemesController
    look: ThemeLook

    def open_article(self, article_id: int | None, from_search: bool = False) -> None: ...

    def open_at(self, article_id: int, highlight: Highlight | None = None) -> None: ...
