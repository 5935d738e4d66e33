"""File ▸ Export…: the dialog exports in the background and never overwrites silently."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QPoint, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from pytestqt.qtbot import QtBot

from reader.core.annotations import highlights as hl
from reader.ui.dialogs.export_dialog import ExportDialog
from reader.ui.window.main_window import MainWindow


def test_export_dialog_writes_markdown_in_the_background(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    store = window.library.store
    aid = store.resolve_article("U.S. Forces Partner")
    text = store.article(aid).text
    hl.add_highlight(
        store,
        aid,
        *hl.find_quote(text, "game-changer"),
        ["command-structure"],
        'A note with <script>alert(1)</script> and "quotes", commas',
    )
    dialog = ExportDialog(window, window.library, window.writes, [aid], None)
    qtbot.addWidget(dialog)
    assert "game-changer" in dialog.preview.toPlainText()
    target = tmp_path / "notes.md"
    dialog.destination.setText(str(target))
    with qtbot.waitSignal(dialog.exported, timeout=20000):
        dialog.start()
    written = target.read_text(encoding="utf-8")
    assert "game-changer" in written and "alert(1)" in written


def _tell(window: MainWindow) -> int:
    """One highlight in one article of the sample library (five articles)."""
    store = window.library.store
    aid = store.resolve_article("U.S. Forces Partner")
    hl.add_highlight(store, aid, *hl.find_quote(store.article(aid).text, "game-changer"))
    return aid


def test_preview_tells_the_truth_for_the_scope_chosen(window: MainWindow, qtbot: QtBot) -> None:
    aid = _tell(window)
    other = next(i for i in window.library.store.article_ids() if i != aid)
    dialog = ExportDialog(window, window.library, window.writes, [other], None)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    assert dialog.scope.checkedId() == 1  # the selection, when nothing is remembered
    assert "selected articles: 1 article (0 with highlights), 0 highlights" in (
        dialog.summary.text()
    )
    _choose_scope(qtbot, dialog, 0)
    assert "all articles: 5 articles (1 with highlights), 1 highlight" in dialog.summary.text()
    preview = dialog.preview.toPlainText()
    assert "preview of all articles: its first 1" in preview and "game-changer" in preview
    assert "selected articles" not in preview


def test_remembers_format_scope_and_grouping_and_says_where_it_wrote(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    aid = _tell(window)
    dialog = ExportDialog(window, window.library, window.writes, [aid], None)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    _choose_scope(qtbot, dialog, 0)
    dialog.format.setCurrentIndex(dialog.format.findData("csv"))
    dialog.group.setCurrentIndex(dialog.group.findData("theme"))
    target = tmp_path / "notes.csv"
    dialog.destination.setText(str(target))
    with qtbot.waitSignal(dialog.exported, timeout=20000):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert target.exists() and str(target) in dialog.status.text()
    assert dialog.isVisible() and dialog.open_button.isVisible()
    opened: list[QUrl] = []
    catcher = _UrlCatcher(opened)
    QDesktopServices.setUrlHandler("file", catcher, "open")
    try:
        qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.folder_button, Qt.MouseButton.LeftButton)
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert [u.toLocalFile() for u in opened] == [str(target), str(tmp_path)]
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)  # now "Close"
    assert not dialog.isVisible()

    again = ExportDialog(window, window.library, window.writes, [aid], None)
    qtbot.addWidget(again)
    assert (again.fmt(), again.group.currentData(), again.scope.checkedId()) == (
        "csv",
        "theme",
        0,
    )


def _choose_scope(qtbot: QtBot, dialog: ExportDialog, key: int) -> None:
    button = dialog.scope.button(key)  # a radio button reacts on its indicator and text
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))
    assert dialog.scope.checkedId() == key


class _UrlCatcher(QObject):
    def __init__(self, seen: list[QUrl]) -> None:
        super().__init__()
        self.seen = seen

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.seen.append(url)


def test_unannotated_articles_and_apa_citations_on_request(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    """By default only annotated articles are written; ticking the box adds the rest, and
    the citation style follows the choice (and both are remembered)."""
    _tell(window)
    dialog = ExportDialog(window, window.library, window.writes, [], None)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    _choose_scope(qtbot, dialog, 0)
    dialog.format.setCurrentIndex(dialog.format.findData("md"))
    target = tmp_path / "plain.md"
    dialog.destination.setText(str(target))
    with qtbot.waitSignal(dialog.exported, timeout=20000):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    only_annotated = target.read_text(encoding="utf-8")
    dialog.close()

    again = ExportDialog(window, window.library, window.writes, [], None)
    qtbot.addWidget(again)
    again.open()
    qtbot.waitExposed(again)
    qtbot.mouseClick(again.unannotated, Qt.MouseButton.LeftButton, pos=QPoint(6, 6))
    assert again.unannotated.isChecked()
    again.format.setCurrentIndex(again.format.findData("md"))
    again.citation_style.setCurrentIndex(again.citation_style.findData("apa"))
    everything = tmp_path / "all.md"
    again.destination.setText(str(everything))
    with qtbot.waitSignal(again.exported, timeout=20000):
        qtbot.mouseClick(again.export_button, Qt.MouseButton.LeftButton)
    written = everything.read_text(encoding="utf-8")
    titles = [a.title for a in window.library.store.summaries()]
    assert sum(t[:40] in written for t in titles) == len(titles)
    assert sum(t[:40] in only_annotated for t in titles) == 1
    assert written != only_annotated
    again.close()
    third = ExportDialog(window, window.library, window.writes, [], None)
    qtbot.addWidget(third)
    assert third.unannotated.isChecked() and third.citation_style.currentData() == "apa"
