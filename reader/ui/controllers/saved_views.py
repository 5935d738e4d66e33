"""Saved views: a search and a theme filter under a name, in View ▸ Saved Views.

A view is what the search field and the themes pane show together, so this controller
takes both; the views themselves are kept by :mod:`reader.core.views` in the library.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMenu, QMessageBox, QWidget

from reader.core.errors import ReaderError
from reader.core.views import SavedView, load_views, put_view, save_views
from reader.ui.look.plain import plain_html
from reader.ui.panes.themes_pane import ThemesPane
from reader.ui.workspace import Workspace


class SavedViewsController(QObject):
    def __init__(
        self,
        *,
        window: QWidget,
        workspace: Workspace,
        themes_pane: ThemesPane,
        search_field: QLineEdit,
    ) -> None:
        super().__init__(window)
        self.window, self.workspace = window, workspace
        self.themes, self.field = themes_pane, search_field

    def fill_menu(self, menu: QMenu) -> None:
        """Fill View ▸ Saved Views as it opens (views may be edited outside the app)."""
        menu.clear()
        menu.addAction(self.tr("Save Current View…")).triggered.connect(self.save_current_view)
        try:
            views = load_views(self.workspace.library.root)
        except ReaderError as exc:
            menu.addAction(str(exc)).setEnabled(False)
            return
        if views:
            menu.addSeparator()
        for view in views:
            menu.addAction(view.name).triggered.connect(lambda _=False, v=view: self.recall(v))
        if views:
            delete = menu.addMenu(self.tr("Delete View"))
            for view in views:
                delete.addAction(view.name).triggered.connect(
                    lambda _=False, v=view: self._delete_view(v.name)
                )

    def save_current_view(self) -> None:
        name, ok = QInputDialog.getText(
            self.window, self.tr("Save View"), self.tr("Name this search and theme filter:")
        )
        if not ok or not name.strip():
            return
        themes = self.themes
        date_from, date_to = themes.dates()
        view = SavedView(
            name=name.strip(),
            query=self.field.text().strip(),
            included=tuple(sorted(themes.model.included)),
            excluded=tuple(sorted(themes.model.excluded)),
            mode=str(themes.mode.currentData()),
            date_from=date_from,
            date_to=date_to,
        )
        root = self.workspace.library.root
        try:
            save_views(root, put_view(load_views(root), view))
        except (ReaderError, OSError) as exc:
            QMessageBox.warning(self.window, self.tr("Cannot save the view"), plain_html(str(exc)))

    def recall(self, view: SavedView) -> None:
        self.themes.set_filter(
            list(view.included), list(view.excluded), view.mode, view.date_from, view.date_to
        )
        self.field.setText(view.query)

    def _delete_view(self, name: str) -> None:
        root = self.workspace.library.root
        save_views(root, [v for v in load_views(root) if v.name != name])
