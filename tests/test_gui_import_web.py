"""File ▸ Import from Web Address… (Ctrl+L), driven with real key events (offscreen)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from reader.ui.dialogs.web_address import WebAddressDialog
from reader.ui.window.main_window import MainWindow
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
