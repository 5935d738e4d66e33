"""Notes typed on a highlight survive every way out, driven as a person does."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from reader.core.annotations import highlights as hl
from reader.core.store import Store
from reader.ui.models.library_model import ARTICLE_ID_ROLE
from tests.gui_helpers import isolate_settings, open_main_window
from tests.journeys.driving import Key, click_row, drag_select, type_text


def test_note_typed_then_paused_survives_switching_cards_and_a_restart(
    qtbot: QtBot, tmp_path: Path
) -> None:
    isolate_settings(tmp_path / "config")
    win = open_main_window(qtbot, tmp_path / "library")
    article = win.reader.article
    assert article is not None
    paragraphs = [p for p in article.text.split("\n\n") if len(p) > 120]
    first = paragraphs[1][:50].rsplit(" ", 1)[0]
    second = paragraphs[2][:50].rsplit(" ", 1)[0]

    drag_select(qtbot, win, first)
    qtbot.keyClick(win.reader, Key.Key_H)
    drag_select(qtbot, win, second)
    qtbot.keyClick(win.reader, Key.Key_N)  # highlight and write a note
    qtbot.waitUntil(win.highlights_pane.note.hasFocus, timeout=2000)
    type_text(qtbot, win.highlights_pane.note, "Second thoughts on basing")
    qtbot.wait(1000)  # a person pauses; the save timer fires

    rows = {h.quote: r for r, h in enumerate(win.highlights_pane.model.highlights())}
    click_row(qtbot, win.highlights_pane.list, rows[first])  # another card
    assert win.highlights_pane.note.toPlainText() == ""
    click_row(qtbot, win.highlights_pane.list, rows[second])  # and back
    assert win.highlights_pane.note.toPlainText() == "Second thoughts on basing"
    with Store(win.library.store.path) as other:  # what a crash right now would leave
        notes = {h.quote: h.note for h in hl.highlights_for(other, article.id)}
    assert notes[second] == "Second thoughts on basing"

    win.close()
    again = open_main_window(qtbot, tmp_path / "library", seeded=False)
    saved = {h.quote: h.note for h in again.highlights_pane.model.highlights()}
    assert saved[second] == "Second thoughts on basing"
    again.close()


def test_note_typed_quickly_is_saved_when_another_article_opens(
    qtbot: QtBot, tmp_path: Path
) -> None:
    isolate_settings(tmp_path / "config")
    win = open_main_window(qtbot, tmp_path / "library")
    article = win.reader.article
    assert article is not None
    quote = [p for p in article.text.split("\n\n") if len(p) > 120][1][:40].rsplit(" ", 1)[0]
    drag_select(qtbot, win, quote)
    qtbot.keyClick(win.reader, Key.Key_N)
    qtbot.waitUntil(win.highlights_pane.note.hasFocus, timeout=2000)
    type_text(qtbot, win.highlights_pane.note, "typed fast")
    proxy = win.library_pane.proxy
    other_row = next(
        r for r in range(proxy.rowCount()) if proxy.index(r, 0).data(ARTICLE_ID_ROLE) != article.id
    )
    click_row(qtbot, win.library_pane.table, other_row)  # at once: no pause
    assert win.reader.article is not None and win.reader.article.id != article.id
    notes = [h.note for h in hl.highlights_for(win.library.store, article.id)]
    assert notes == ["typed fast"]
    win.close()


def test_article_note_and_highlight_note_saved_on_quit(qtbot: QtBot, tmp_path: Path) -> None:
    isolate_settings(tmp_path / "config")
    win = open_main_window(qtbot, tmp_path / "library")
    article = win.reader.article
    assert article is not None
    win.side.setCurrentWidget(win.details)
    qtbot.mouseClick(win.details.note.viewport(), Qt.MouseButton.LeftButton)
    type_text(qtbot, win.details.note, "Whole-article thought")
    win.close()  # within the debounce
    with Store(win.library.store.path) as store:
        assert store.article(article.id).note == "Whole-article thought"
