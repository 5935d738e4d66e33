"""How a person drives the window in journey tests: real mouse drags and clicks, real
keys, and the event loop running between steps so timers fire.

Nothing here calls a controller or a private slot to do the user's step: positions are
computed from what is on screen (the reader's cursor rectangles, the list's item
rectangles), then mouse and key events are sent to the widgets.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget
from pytestqt.qtbot import QtBot

from reader.ui.window.main_window import MainWindow

Key = Qt.Key
Mod = Qt.KeyboardModifier


def point_of(window: MainWindow, offset: int) -> QPoint:
    """The viewport point of a character offset of the open article, as drawn now."""
    reader = window.reader
    cursor = QTextCursor(reader.document())
    cursor.setPosition(reader.text_map.to_doc(offset))
    rect = reader.cursorRect(cursor)
    return QPoint(rect.left() + 1, rect.center().y())


def quote_in(window: MainWindow, n: int = 1) -> str:
    """A few words from the start of the open article's ``n``-th long paragraph: a
    passage a person would select."""
    article = window.reader.article
    assert article is not None, "no article open"
    return [p for p in article.text.split("\n\n") if len(p) > 120][n][:40].rsplit(" ", 1)[0]


def scroll_to(window: MainWindow, offset: int) -> None:
    """Scroll the reader so the character at ``offset`` is on screen (as a person would)."""
    reader = window.reader
    cursor = QTextCursor(reader.document())
    cursor.setPosition(reader.text_map.to_doc(offset))
    reader.setTextCursor(cursor)
    reader.ensureCursorVisible()


def drag_select(qtbot: QtBot, window: MainWindow, quote: str) -> tuple[int, int]:
    """Select ``quote`` in the reader with a mouse drag from its first to its last letter."""
    article = window.reader.article
    assert article is not None, "no article open"
    start = article.text.index(quote)
    end = start + len(quote)
    scroll_to(window, start)
    begin = point_of(window, start)
    finish = point_of(window, end)
    viewport = window.reader.viewport()
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Mod.NoModifier, begin)
    for step in range(1, 6):
        between = begin + (finish - begin) * step / 5
        QTest.mouseMove(viewport, QPoint(int(between.x()), int(between.y())))
        qtbot.wait(10)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Mod.NoModifier, finish)
    qtbot.wait(20)
    span = window.reader.selected_span()
    assert span == (start, end), f"the drag selected {span}, not {(start, end)}"
    return start, end


def click_row(
    qtbot: QtBot, view: QAbstractItemView, row: int, modifier: Mod = Mod.NoModifier
) -> None:
    """Click the item in ``row`` of a list or table where it is drawn."""
    index = view.model().index(row, 0)
    view.scrollTo(index)
    rect = view.visualRect(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())
    qtbot.wait(20)


def click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
    qtbot.wait(20)


def type_text(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Type ``text`` key by key (accented letters as a keyboard layout sends them)."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
        else:
            key = Qt.Key(ord(char.upper())) if ord(char.upper()) < 0x100 else Qt.Key.Key_unknown
            QTest.sendKeyEvent(QTest.KeyAction.Click, widget, key, char, Mod.NoModifier)


def active_dialog(qtbot: QtBot, name: str) -> QWidget:
    """Wait for a dialog with this object name to be open, and return it."""
    found: list[QWidget] = []

    def is_open() -> bool:
        found[:] = [
            w for w in QApplication.topLevelWidgets() if w.objectName() == name and w.isVisible()
        ]
        return bool(found)

    qtbot.waitUntil(is_open, timeout=3000)
    return found[-1]


def right_click(qtbot: QtBot, widget: QWidget, pos: QPoint) -> None:
    """A right click: the mouse press and release, then the context-menu event the
    platform sends with it (offscreen Qt does not make one from test mouse events)."""
    qtbot.mousePress(widget, Qt.MouseButton.RightButton, pos=pos)
    qtbot.mouseRelease(widget, Qt.MouseButton.RightButton, pos=pos)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, widget.mapToGlobal(pos))
    QApplication.sendEvent(widget, event)
