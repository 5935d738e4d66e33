"""Search as a person meets it: a misspelling still finds things, the in-article bar
never shows an old query's count, and every count on screen agrees."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextDocument
from pytestqt.qtbot import QtBot

from reader.core.articles import tag_articles
from reader.ui.window.main_window import MainWindow
from tests.journeys.driving import click, click_row, type_text


def _search(qtbot: QtBot, window: MainWindow, text: str) -> object:
    with qtbot.waitSignal(window.search.results_ready, timeout=10000) as found:
        click(qtbot, window.search_field)
        window.search_field.selectAll()
        type_text(qtbot, window.search_field, text)
    return found.args[1]


def test_a_misspelling_shows_the_corrected_results_and_a_link(
    qtbot: QtBot, window: MainWindow
) -> None:
    answer = _search(qtbot, window, "misile")
    assert answer.corrected == "missile"  # type: ignore[attr-defined]
    assert window.results_model.rowCount() > 0
    message = window.search_message.text()
    assert "misile" in message and "missile" in message and "<a " in message
    # the link runs the corrected search
    label = window.search_message
    metrics = label.fontMetrics()
    plain = QTextDocument()
    plain.setHtml(message)
    text = plain.toPlainText()
    x = metrics.horizontalAdvance(text) - metrics.horizontalAdvance("missile") // 2
    with qtbot.waitSignal(window.search.results_ready, timeout=10000):
        qtbot.mouseClick(
            label,
            Qt.MouseButton.LeftButton,
            pos=QPoint(label.contentsRect().left() + x, label.height() // 2),
        )
    assert window.search_field.text() == "missile"


def test_the_in_article_bar_drops_the_old_query_while_typing(
    qtbot: QtBot, window: MainWindow
) -> None:
    _search(qtbot, window, "missile")
    click_row(qtbot, window.library_pane.result_list, 0)
    qtbot.waitUntil(lambda: window.reader_pane.mark_bar.showing_search(), timeout=5000)
    assert "missile" in window.reader_pane.mark_bar.label.text()
    type_text(qtbot, window.search_field, "s")  # the query changes: "missiles"…
    assert not window.reader_pane.mark_bar.showing_search()


def test_status_bar_and_library_tab_agree_under_a_filter(qtbot: QtBot, window: MainWindow) -> None:
    total = window.library_model.rowCount()
    assert window.count_label.text() == f"{total} articles"
    first, second = window.library.store.article_ids()[:2]
    tag_articles(window.library, [first, second], ["taiwan"])  # setup, as the CLI would
    qtbot.wait(1500)  # the window notices the change
    tree = window.themes.pane.themes.tree
    index = window.themes.pane.themes.model.index_of("taiwan")
    tree.scrollTo(index)
    rect = tree.visualRect(index)
    qtbot.mouseClick(
        tree.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(rect.left() + 8, rect.center().y())
    )
    qtbot.waitUntil(lambda: window.library_pane.proxy.rowCount() < total, timeout=3000)
    shown = window.library_pane.proxy.rowCount()
    assert window.count_label.text() == f"{shown} of {total} articles"
    assert shown == 2
    assert f"{shown} of {total}" in window.library_pane.all_button.text()
    articles_column = window.themes.pane.themes.model.index_of("taiwan", 2)
    assert articles_column.data() == "2"  # the themes pane counts the same articles
