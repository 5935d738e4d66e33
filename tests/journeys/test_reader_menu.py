"""The reader's context menu: the view builds it, the highlighting adds its commands."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from reader.ui.window.main_window import MainWindow
from tests.journeys.driving import Key, drag_select, point_of, quote_in, right_click


def _menu_texts(menu: QMenu) -> list[str]:
    return [a.text() for a in menu.actions() if not a.isSeparator()]


def test_right_click_on_a_selection_offers_to_highlight_it(
    qtbot: QtBot, window: MainWindow
) -> None:
    quote = quote_in(window)
    start, _ = drag_select(qtbot, window, quote)
    seen: list[list[str]] = []

    def choose_first() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu), "no context menu"
        seen.append(_menu_texts(menu))
        qtbot.keyClick(menu, Key.Key_Down)
        qtbot.keyClick(menu, Key.Key_Return)

    QTimer.singleShot(300, choose_first)
    right_click(qtbot, window.reader.viewport(), point_of(window, start + 3))
    qtbot.waitUntil(lambda: bool(window.highlights_pane.model.highlights()), timeout=3000)
    texts = seen[0]
    assert texts[0] == "&Highlight Selection"
    assert "Highlight with Theme" in texts and any("Copy" in t for t in texts)
    assert [h.quote for h in window.highlights_pane.model.highlights()] == [quote]

    def read_and_close() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu), "no context menu"
        seen.append(_menu_texts(menu))
        menu.close()

    QTimer.singleShot(300, read_and_close)
    right_click(qtbot, window.reader.viewport(), point_of(window, start + 3))
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=3000)
    assert seen[1][:3] == ["Themes…", "Edit Note", "&Delete Highlight"]  # on a highlight
