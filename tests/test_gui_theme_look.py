"""The tree and the board take a theme's colour and name from the window's one
ThemeLook, given at construction, and follow it when it changes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from reader.core.models import Highlight
from reader.core.themes import BoardItem, Taxonomy, Theme
from reader.ui.look.theme_look import ThemeLook
from reader.ui.models.board_model import BoardColumn, BoardModel
from reader.ui.models.themes_model import ThemeTreeModel


def _centre_colour(icon: object) -> QColor:
    from PySide6.QtGui import QIcon

    assert isinstance(icon, QIcon)
    return icon.pixmap(12, 12).toImage().pixelColor(6, 6)


def test_models_follow_the_one_look(qtbot: QtBot, qtmodeltester: ModelTester) -> None:
    look = ThemeLook()
    taxonomy = Taxonomy((Theme("usfj", "USFJ", "#ff0000"),))
    look.set_themes({"usfj": ("USFJ", "#ff0000")})
    tree = ThemeTreeModel(look=look)
    tree.set_taxonomy(taxonomy)
    board = BoardModel(look=look)
    highlight = Highlight(1, "u1", 7, 0, 5, "Quote", themes=("usfj",))
    board.set_items([BoardItem(highlight, 7, "Article", None)])
    qtmodeltester.check(tree)
    qtmodeltester.check(board)
    name = tree.index_of("usfj")
    assert _centre_colour(name.data(Qt.ItemDataRole.DecorationRole)) == QColor("#ff0000")
    assert board.index(0, BoardColumn.THEMES).data() == "USFJ"

    with (
        qtbot.waitSignal(tree.dataChanged, timeout=1000),
        qtbot.waitSignal(board.dataChanged, timeout=1000),
    ):
        look.set_themes({"usfj": ("U.S. Forces Japan", "#0000ff")})  # renamed, recoloured
    assert _centre_colour(name.data(Qt.ItemDataRole.DecorationRole)) == QColor("#0000ff")
    assert board.index(0, BoardColumn.THEMES).data() == "U.S. Forces Japan"
