"""The window's toolbar and menus: which actions go where, in what order.

Kept apart from :mod:`reader.ui.window.main_window` (behaviour) so the layout of the chrome reads
in one place. Actions themselves are defined in :mod:`reader.ui.window.actions`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar, QWidget

from reader.ui.look.icons import icon

Actions = Mapping[str, QAction]


def build_toolbar(
    window: QMainWindow, *, actions: Actions, highlighting: Actions, search: Sequence[QWidget]
) -> None:
    """The toolbar: import, the search field (and its message), highlight, view."""
    bar = QToolBar(window.tr("Main toolbar"), window)
    bar.setObjectName("mainToolbar")
    bar.setMovable(False)
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
    a = actions
    bar.addAction(a["import_files"])
    bar.addAction(a["import_folder"])
    bar.addSeparator()
    for widget in search:
        bar.addWidget(widget)
    bar.addSeparator()
    bar.addAction(highlighting["highlight"])
    bar.addAction(highlighting["highlight_note"])
    bar.addSeparator()
    for name in ("zoom_out", "zoom_in", "serif", "details"):
        bar.addAction(a[name])
    window.addToolBar(bar)


def build_menus(
    window: QMainWindow,
    *,
    actions: Actions,
    highlighting: Actions,
    fill_views: Callable[[QMenu], None],
) -> QMenu:
    """The menu bar; returns File ▸ Recent Libraries for the window to fill. The Saved
    Views menu is filled by ``fill_views`` each time it opens."""
    a = actions
    menu = window.menuBar().addMenu(window.tr("&File"))
    menu.addActions([a["new_library"], a["open_library"]])
    recent = menu.addMenu(icon("recent"), window.tr("&Recent Libraries"))
    menu.addSeparator()
    menu.addActions([a["import_files"], a["import_folder"], a["import_web"], a["feeds"]])
    menu.addSeparator()
    menu.addAction(a["export"])
    menu.addSeparator()
    menu.addAction(a["quit"])
    h = highlighting
    menu = window.menuBar().addMenu(window.tr("&Edit"))
    menu.addActions([h["undo"], h["redo"]])
    menu.addSeparator()
    menu.addActions([a["copy"], a["find"], a["search"]])
    menu = window.menuBar().addMenu(window.tr("&Highlight"))
    menu.addActions([h["highlight"], h["highlight_note"], h["delete_highlight"]])
    menu = window.menuBar().addMenu(window.tr("&View"))
    menu.addActions([a["show_library"], a["show_results"], a["show_board"], a["show_synthesis"]])
    views = menu.addMenu(icon("filter"), window.tr("Saved &Views"))
    views.aboutToShow.connect(lambda: fill_views(views))
    menu.addAction(a["manage_themes"])
    menu.addSeparator()
    menu.addActions([a["zoom_in"], a["zoom_out"], a["zoom_reset"], a["serif"]])
    menu.addSeparator()
    menu.addActions([a["details"], a["focus_library"], a["focus_reader"]])
    menu = window.menuBar().addMenu(window.tr("&Go"))
    menu.addActions([a["next_mark"], a["previous_mark"]])
    menu = window.menuBar().addMenu(window.tr("&Help"))
    menu.addActions([a["search_help"], a["shortcuts"]])
    menu.addSeparator()
    menu.addAction(a["about"])
    return recent
