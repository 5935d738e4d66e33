"""File ▸ Import from Web Address… (Ctrl+L), driven with real key events (offscreen)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from reader.ui.dialogs.web_address import WebAddressDialog
from reader.ui.models.highlights_model import PAGE_ROLE
from reader.ui.window.main_window import MainWindow
from tests.pdf_fixtures import make_report
from tests.test_gui_highlighting import select_text
from tests.test_import_web import PARAGRAPHS, page
from tests.web_server import Route, WebServer


def _dialog(window: MainWindow) -> WebAddressDialog:
    found = window.findChild(WebAddressDialog, "web_address_dialog")
    assert found is not None
    return found


def test_ctrl_l_imports_a_web_address_in_the_background(
    window: MainWindow, qtbot: QtBot, web: WebServer
) -> None:
    web.routes["/story"] = Route(body=page())
    QApplication.clipboard().clear()
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.findChild(WebAddressDialog) is not None, timeout=2000)
    dialog = _dialog(window)
    field = dialog.findChild(QLineEdit)
    assert field is not None
    qtbot.keyClicks(field, "not an address")
    assert not dialog.buttons.buttons()[0].isEnabled()
    field.clear()
    qtbot.keyClicks(field, web.url("/story"))
    with qtbot.waitSignal(window.imports.finished, timeout=20000) as blocker:
        qtbot.keyClick(field, Qt.Key.Key_Return)
    report = blocker.args[0]
    assert report.imported == 1, report.outcomes
    assert window.library_model.rowCount() == 6
    article = window.library.store.article(report.outcomes[0].article_id)
    assert article.url == web.url("/story") and article.text.split("\n\n") == PARAGRAPHS


def test_highlights_of_a_pdf_show_their_page(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "report.pdf"
    truth = make_report(path, pages=3)
    with qtbot.waitSignal(window.imports.finished, timeout=20000) as blocker:
        window.imports.start([path])
    window.open_article(blocker.args[0].outcomes[0].article_id)
    assert window.article is not None
    # a passage that starts on the last page, unique in the text
    quote = next(b[:60] for b in reversed(truth.blocks) if window.article.text.count(b[:60]) == 1)
    page = truth.page_of_block[
        truth.blocks.index(next(b for b in truth.blocks if b.startswith(quote)))
    ]
    select_text(window, quote)
    qtbot.keyClick(window.reader, Qt.Key.Key_H)
    pane = window.highlights_pane
    qtbot.waitUntil(lambda: pane.model.rowCount() == 1, timeout=3000)
    assert pane.model.index(0, 0).data(PAGE_ROLE) == page


def test_feeds_dialog_adds_a_feed_and_updates_it_in_the_background(
    window: MainWindow, qtbot: QtBot, web: WebServer
) -> None:
    from reader.ui.dialogs.feeds_dialog import FeedsDialog
    from tests.test_feeds import STAMP1, rss

    web.routes["/story"] = Route(body=page())
    web.routes["/feed.xml"] = Route(
        body=rss(web, [("/story", "g1", STAMP1)]), content_type="application/rss+xml"
    )
    qtbot.keyClick(
        window,
        Qt.Key.Key_U,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: window.findChild(FeedsDialog) is not None, timeout=2000)
    dialog = window.findChild(FeedsDialog)
    assert dialog is not None and not dialog.update_button.isEnabled()
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.findChild(WebAddressDialog) is not None, timeout=2000)
    ask = dialog.findChild(WebAddressDialog)
    qtbot.keyClicks(ask.field, web.url("/feed.xml"))
    qtbot.keyClick(ask.field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=10000)
    assert dialog.model.index(0, 0).data() == "Alliance Wire"
    with qtbot.waitSignal(window.imports.finished, timeout=20000) as blocker:
        qtbot.mouseClick(dialog.update_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0].imported == 1
    assert window.library_model.rowCount() == 6
    qtbot.waitUntil(lambda: dialog.model.index(0, 1).data() == "1", timeout=2000)
