"""The synthesis view through the window: Ctrl+B, a real drag to another theme, undo,
a click that opens the passage, and the charts' clicks that filter."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QListView
from pytestqt.qtbot import QtBot

from reader.core.annotations import highlights as hl
from reader.ui.window.main_window import MainWindow


def _highlights(window: MainWindow) -> tuple[hl.Highlight, hl.Highlight, hl.Highlight]:
    """Three highlights in two articles: Command structure, China, and none."""
    store = window.library.store
    first, second = store.article_ids()[:2]
    text = store.article(first).text
    command = hl.add_highlight(store, first, 0, 30, ["command-structure"], "who commands")
    china = hl.add_highlight(store, second, 0, 25, ["china"])
    plain = hl.add_highlight(store, first, 40, 70)
    assert text[0:30] == command.quote
    return command, china, plain


def _centre(view: QListView, row: int) -> QPoint:
    return view.visualRect(view.model().index(row, 0)).center()


def _drag(source: QListView, row: int, target: QListView, copy: bool = False) -> None:
    """Press on a card and move past the drag distance, which starts the view's QDrag.

    On a real display (test_the_journey_with_a_real_drag_on_an_x_display) the drag's own
    event loop carries the pointer to the target and releases it there. The offscreen
    platform the tests run on has no drag loop (QDrag.exec returns at once), so there
    the data the view's drag carries (its model's mimeData) is delivered to the target
    as the enter/move/drop events a real drop sends, through the target's own handlers."""
    start = _centre(source, row)
    drop = target.viewport().rect().center()
    real = QGuiApplication.platformName() != "offscreen"

    def finish() -> None:
        QTest.mouseMove(target.viewport(), drop)
        QTest.mouseRelease(target.viewport(), Qt.MouseButton.LeftButton, pos=drop)

    QTest.mousePress(source.viewport(), Qt.MouseButton.LeftButton, pos=start)
    if real:
        QTimer.singleShot(50, finish)
    QTest.mouseMove(source.viewport(), start + QPoint(QApplication.startDragDistance() * 4, 5))
    if real:
        return
    data = source.model().mimeData([source.model().index(row, 0)])
    actions = Qt.DropAction.MoveAction | Qt.DropAction.CopyAction
    buttons = Qt.MouseButton.LeftButton
    keys = Qt.KeyboardModifier.ControlModifier if copy else Qt.KeyboardModifier.NoModifier
    for event in (
        QDragEnterEvent(drop, actions, data, buttons, keys),
        QDragMoveEvent(drop, actions, data, buttons, keys),
        QDropEvent(QPointF(drop), actions, data, buttons, keys),
    ):
        # what the platform's drag would pick: a copy with Ctrl held, else a move
        event.setDropAction(Qt.DropAction.CopyAction if copy else Qt.DropAction.MoveAction)
        QApplication.sendEvent(target.viewport(), event)
        assert event.isAccepted(), event.type()
    QTest.mouseRelease(target.viewport(), Qt.MouseButton.LeftButton, pos=drop)


def test_drag_a_card_to_another_theme_then_undo_then_open(
    window: MainWindow,
    qtbot: QtBot,
    qtmodeltester,  # type: ignore[no-untyped-def]
) -> None:
    command, china, plain = _highlights(window)
    qtbot.keyClick(window, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    synthesis = window.synthesis
    assert synthesis.shown()
    view = synthesis.view
    assert view is not None
    assert set(view.columns) == {"command-structure", "china", None}
    source, target = view.column("command-structure"), view.column("china")
    qtbot.waitExposed(view)
    qtbot.wait(100)  # laid out and painted: the cards are where a person would see them
    assert view.column(None).model.entries == [(0, plain.id)]
    qtmodeltester.check(source.model)

    _drag(source.list, 0, target.list)
    store = window.library.store
    qtbot.waitUntil(lambda: hl.highlight(store, command.id).themes == ("china",), timeout=3000)
    qtbot.waitUntil(lambda: "command-structure" not in view.columns, timeout=2000)
    assert {h for _, h in view.column("china").model.entries} == {china.id, command.id}

    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert hl.highlight(store, command.id).themes == ("command-structure",)
    qtbot.waitUntil(lambda: "command-structure" in view.columns, timeout=2000)

    column = view.column("command-structure").list
    qtbot.mouseClick(column.viewport(), Qt.MouseButton.LeftButton, pos=_centre(column, 0))
    assert not synthesis.shown()
    assert window.reader.article is not None and window.reader.article.id == command.article_id
    assert window.highlights_pane.isVisible()


def test_follows_the_filter_and_charts_filter(window: MainWindow, qtbot: QtBot) -> None:
    _, china, _ = _highlights(window)
    window.actions_by_name["show_synthesis"].trigger()
    view = window.synthesis.view
    assert view is not None
    chart = view.co_occurrence
    qtbot.waitUntil(lambda: bool(chart.hits), timeout=2000)
    cell = next(h for h in chart.hits if h.themes == ("china",))
    qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=cell.rect.center().toPoint())
    themes = window.library_pane.themes
    assert themes.model.included == {"china"}
    qtbot.waitUntil(lambda: set(view.columns) == {"china", None}, timeout=2000)
    assert [h for _, h in view.column("china").model.entries] == [china.id]
    assert "1 article" in view.summary.text()

    qtbot.keyClick(window, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert not window.synthesis.shown()
    assert window.side.isVisible()


def test_follows_the_search_and_columns_collapse(window: MainWindow, qtbot: QtBot) -> None:
    _, china, _ = _highlights(window)
    qtbot.keyClick(window, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    view = window.synthesis.view
    assert view is not None
    assert "5 articles in all" in view.summary.text()
    second = window.library.store.article(china.article_id)
    word = max(second.title.split(), key=len)
    qtbot.keyClicks(window.search_field, word)
    qtbot.keyClick(window.search_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "current search and filter" in view.summary.text(), timeout=5000)
    assert window.synthesis.scope() is not None
    assert china.article_id in window.synthesis.scope()  # type: ignore[operator]

    column = view.column("china")
    qtbot.mouseClick(column.header, Qt.MouseButton.LeftButton)
    assert not column.list.isVisible() and column.width() < 50
    qtbot.mouseClick(column.header, Qt.MouseButton.LeftButton)
    assert column.list.isVisible()


def test_long_columns_grow_as_they_scroll(window: MainWindow, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    from reader.ui.synthesis.cards_model import ROWS, CardsModel

    model = CardsModel("china", lambda: window.library.store)
    model.set_entries((1, 2), tuple(range(1000, 1000 + ROWS + 50)))
    assert model.rowCount() == ROWS and model.canFetchMore(model.index(-1, 0))
    qtmodeltester.check(model)
    model.fetchMore(model.index(-1, 0))
    assert model.rowCount() == ROWS + 52
    assert model.entry(ROWS + 50) == (1, 0)  # article entries come after the highlights


def test_a_drop_with_ctrl_adds_the_theme_and_keeps_the_old(
    window: MainWindow, qtbot: QtBot
) -> None:
    command, _, plain = _highlights(window)
    window.actions_by_name["show_synthesis"].trigger()
    view = window.synthesis.view
    assert view is not None
    _drag(view.column("command-structure").list, 0, view.column("china").list, copy=True)
    store = window.library.store
    qtbot.waitUntil(
        lambda: hl.highlight(store, command.id).themes == ("command-structure", "china"),
        timeout=3000,
    )
    _drag(view.column(None).list, 0, view.column("china").list)  # the unthemed one
    qtbot.waitUntil(lambda: hl.highlight(store, plain.id).themes == ("china",), timeout=3000)
    qtbot.waitUntil(lambda: view.column(None).model.total() == 0, timeout=3000)


@pytest.mark.slow
@pytest.mark.skipif(
    shutil.which("xvfb-run") is None or "READER_TEST_QPA" in os.environ,
    reason="needs xvfb-run: a real X display, where QDrag runs its own event loop",
)
def test_the_journey_with_a_real_drag_on_an_x_display() -> None:
    """The drag journey again on Xvfb (xcb), where the view's QDrag really runs."""
    name = f"{__file__}::test_drag_a_card_to_another_theme_then_undo_then_open"
    done = subprocess.run(
        ["xvfb-run", "-a", sys.executable, "-m", "pytest", name, "-q", "-p", "no:cacheprovider"],
        env={**os.environ, "READER_TEST_QPA": "xcb"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "1 passed" in done.stdout
