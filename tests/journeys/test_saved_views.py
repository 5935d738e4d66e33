"""View ▸ Saved Views: a search and a theme filter kept under a name and brought back."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QMenu
from pytestqt.qtbot import QtBot

from reader.core.views import load_views
from reader.ui.window.main_window import MainWindow
from tests.journeys.driving import Key, Mod, type_text


def _saved_views_menu(window: MainWindow) -> QMenu:
    for top in window.menuBar().actions():
        for action in top.menu().actions() if top.menu() else []:
            if action.menu() is not None and action.text() == "Saved &Views":
                return action.menu()
    raise AssertionError("no Saved Views menu")


def _choose(qtbot: QtBot, window: MainWindow, downs: int) -> None:
    """Open Saved Views and choose its item ``downs`` steps down, with the keyboard."""
    menu = _saved_views_menu(window)
    menu.popup(window.mapToGlobal(QPoint(60, 60)))
    qtbot.waitUntil(menu.isVisible, timeout=2000)
    for _ in range(downs):
        qtbot.keyClick(menu, Key.Key_Down)
    qtbot.keyClick(menu, Key.Key_Return)


def _toggle_theme(qtbot: QtBot, window: MainWindow, theme_id: str) -> None:
    pane = window.themes.pane.themes
    index = pane.model.index_of(theme_id)
    pane.tree.scrollTo(index)
    qtbot.mouseClick(
        pane.tree.viewport(), Qt.MouseButton.LeftButton, pos=pane.tree.visualRect(index).center()
    )
    qtbot.keyClick(pane.tree, Key.Key_Space)


def test_a_saved_view_brings_back_the_search_and_the_theme_filter(
    qtbot: QtBot, window: MainWindow
) -> None:
    type_text(qtbot, window.search_field, "japan")
    _toggle_theme(qtbot, window, "china")
    assert window.themes.pane.themes.model.included == {"china"}

    def name_the_view() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None, "no dialog asks for the name"
        field = dialog.findChild(QLineEdit)
        type_text(qtbot, field, "China in Japan")
        qtbot.keyClick(field, Key.Key_Return)

    QTimer.singleShot(300, name_the_view)
    _choose(qtbot, window, downs=1)  # Save Current View…
    views = load_views(window.library.root)
    assert [(v.name, v.query, v.included) for v in views] == [
        ("China in Japan", "japan", ("china",))
    ]

    qtbot.keyClick(window.search_field, Key.Key_A, Mod.ControlModifier)
    qtbot.keyClick(window.search_field, Key.Key_Delete)
    _toggle_theme(qtbot, window, "china")
    assert (window.search_field.text(), window.themes.pane.themes.model.included) == ("", set())

    _choose(qtbot, window, downs=2)  # past the separator: the view
    qtbot.waitUntil(lambda: window.search_field.text() == "japan", timeout=2000)
    assert window.themes.pane.themes.model.included == {"china"}
