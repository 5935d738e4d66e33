"""The reading journeys, driven through real widgets with qtbot (offscreen)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from pytestqt.qtbot import QtBot

from reader.ui.dialogs.help import shortcuts_html
from reader.ui.panes.library_pane import ALL, RESULTS
from reader.ui.reading.article_document import DEFAULT_POINT_SIZE
from reader.ui.window.main_window import MainWindow
from tests.gui_helpers import isolate_settings, open_main_window


def test_opens_on_the_sample_library_with_an_article(window: MainWindow, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    assert window.library_model.rowCount() == 5
    assert window.article is not None
    assert window.reader.toPlainText().startswith(window.article.title)
    for paragraph in window.article.text.split("\n\n")[:3]:
        assert paragraph in window.reader.toPlainText()
    assert window.details.title.text() == window.article.title
    qtmodeltester.check(window.library_model)
    qtmodeltester.check(window.library_pane.proxy)


def test_library_sorts_and_quick_filters(window: MainWindow, qtbot: QtBot) -> None:
    pane = window.library_pane
    pane.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert pane.proxy.index(0, 1).data() == "2025-12-10"
    qtbot.keyClicks(pane.filter_edit, "Forces Partner")
    assert pane.proxy.rowCount() == 1
    assert pane.proxy.index(0, 0).data().startswith("U.S. Forces Partner")
    pane.filter_edit.clear()
    assert pane.proxy.rowCount() == 5


def test_search_open_result_and_step_through_hits(
    window: MainWindow, qtbot: QtBot, qtmodeltester
) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert window.search_field.hasFocus()
    with qtbot.waitSignal(window.search.results_ready, timeout=10000):
        qtbot.keyClicks(window.search_field, "missile")
    assert window.library_pane.mode() == RESULTS
    assert window.results_model.rowCount() >= 2
    qtmodeltester.check(window.results_model)
    first = window.results_model.index(0, 0)
    assert "<mark>" in " ".join(first.data(Qt.ItemDataRole.UserRole + 10).snippets).lower()
    with qtbot.waitSignal(window.search.spans_ready, timeout=10000):
        window.library_pane.result_list.clicked.emit(first)
    count = window.reader.mark_count()
    assert count >= 2
    bar = window.reader_pane.mark_bar
    assert bar.isVisible() and bar.counter.text() == f"1 of {count}"
    start, end = window.reader._marks[0]
    assert window.article is not None
    assert window.article.text[start:end].lower().startswith("missile")
    qtbot.keyClick(window.reader, Qt.Key.Key_F3)
    assert bar.counter.text() == f"2 of {count}"
    qtbot.keyClick(window.reader, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert bar.counter.text() == f"1 of {count}"
    window.actions_by_name["show_library"].trigger()
    assert window.library_pane.mode() == ALL


def test_misspelt_query_shows_suggestion_inline(window: MainWindow, qtbot: QtBot) -> None:
    with qtbot.waitSignal(window.search.results_ready, timeout=10000):
        window.search_field.setText("deterrance")
    message = window.search_message.text()
    assert "did you mean" in message.lower() or "match" in message.lower()


def test_font_size_and_typeface(window: MainWindow, qtbot: QtBot) -> None:
    reader = window.reader
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert reader.reading_style.point_size == DEFAULT_POINT_SIZE + 1
    window.actions_by_name["zoom_out"].trigger()
    window.actions_by_name["zoom_out"].trigger()
    assert reader.reading_style.point_size == DEFAULT_POINT_SIZE - 1
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert reader.reading_style.point_size == DEFAULT_POINT_SIZE
    window.actions_by_name["serif"].setChecked(False)
    assert reader.reading_style.serif is False
    assert "Serif" not in reader.document().defaultFont().family()


def test_find_in_article(window: MainWindow, qtbot: QtBot) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = window.reader_pane.mark_bar
    assert bar.isVisible() and bar.find_edit.hasFocus()
    qtbot.keyClicks(bar.find_edit, "japan")
    assert window.article is not None
    expected = window.article.text.lower().count("japan")
    assert window.reader.mark_count() == expected > 0
    qtbot.keyClick(bar.find_edit, Qt.Key.Key_Escape)
    assert window.reader.mark_count() == 0


def test_import_folder_in_background(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / "incoming"
    folder.mkdir()
    for i in range(30):
        (folder / f"{i:02}.txt").write_text(
            f"Imported Headline Number {i}\n\nBody {i} about Okinawa."
        )
    (folder / "empty.txt").write_bytes(b"")
    with qtbot.waitSignal(window.imports.finished, timeout=30000) as blocker:
        window.imports.start([folder])
        assert window.progress.isVisible()
    report = blocker.args[0]
    assert (report.imported, report.failed) == (30, 1)
    assert window.library_model.rowCount() == 35
    assert not window.progress.isVisible()
    with qtbot.waitSignal(window.search.results_ready, timeout=10000) as found:
        window.search_field.setText('"Headline Number 17"')
    assert found.args[1].result.total == 1


def test_restart_restores_article_and_place(qtbot: QtBot, tmp_path: Path) -> None:
    isolate_settings(tmp_path / "config")
    first = open_main_window(qtbot, tmp_path / "library")
    target = next(
        first.library_model.article(r)
        for r in range(5)
        if first.library_model.article(r).title.startswith("The United States")
    )
    first.open_article(target.id)
    first.reader.zoom(3)
    qtbot.wait(50)
    first.reader.scroll_to_offset(2500)
    qtbot.wait(50)
    place = first.reader.top_offset()
    assert place > 1000
    first.close()

    second = open_main_window(qtbot, tmp_path / "library", seeded=False)
    qtbot.wait(100)
    assert second.article is not None and second.article.id == target.id
    assert second.reader.reading_style.point_size == DEFAULT_POINT_SIZE + 3
    assert abs(second.reader.top_offset() - place) < 200
    second.close()


def test_shortcuts_are_listed_from_the_actions(window: MainWindow) -> None:
    html = shortcuts_html(list(window.actions_by_name.values()))
    for name in ("search", "find", "zoom_in", "import_files", "next_mark"):
        keys = window.actions_by_name[name].shortcuts()
        assert keys and keys[0].toString(QKeySequence.SequenceFormat.NativeText) in html
