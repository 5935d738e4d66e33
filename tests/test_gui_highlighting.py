"""Highlighting journeys through the real widgets, and durability under SIGKILL."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from reader.core.annotations import highlights as hl
from reader.core.library import Library
from reader.ui.window.main_window import MainWindow
from tests.gui_helpers import isolate_settings, open_main_window

ROOT = Path(__file__).resolve().parents[1]


def select_text(window: MainWindow, quote: str) -> tuple[int, int]:
    """Select ``quote`` in the reader the way a mouse drag would (document positions)."""
    article = window.reader.article
    assert article is not None
    start = article.text.index(quote)
    tmap = window.reader.text_map
    cursor = QTextCursor(window.reader.document())
    cursor.setPosition(tmap.to_doc(start))
    cursor.setPosition(tmap.to_doc(start + len(quote)), QTextCursor.MoveMode.KeepAnchor)
    window.reader.setTextCursor(cursor)
    window.reader.setFocus()
    return start, start + len(quote)


def test_select_highlight_note_theme_undo_redo_restart(qtbot: QtBot, tmp_path: Path) -> None:
    isolate_settings(tmp_path / "config")
    win = open_main_window(qtbot, tmp_path / "library")
    article = win.reader.article
    assert article is not None
    quote = article.text.split("\n\n")[2][:60].rsplit(" ", 1)[0]
    start, end = select_text(win, quote)

    qtbot.keyClick(win.reader, Qt.Key.Key_H)  # one keystroke after selecting
    items = win.highlights_pane.model.highlights()
    assert [(h.start, h.end, h.quote) for h in items] == [(start, end, quote)]
    fmt = QTextCursor(win.reader.document())
    fmt.setPosition(win.reader.text_map.to_doc(start) + 1)
    assert fmt.charFormat().background().color().alpha() > 0  # painted
    assert "1" in win.library_model.index(win.library_model.row_of(article.id) or 0, 3).data()

    win.highlights_pane.edit_note()
    qtbot.keyClicks(win.highlights_pane.note, "Why this matters")
    win.highlights_pane.save_note()
    assert hl.highlights_for(win.library.store, article.id)[0].note == "Why this matters"

    win.annotations.set_themes(win.highlights_pane.current(), ["command-structure"])
    assert hl.highlights_for(win.library.store, article.id)[0].themes == ("command-structure",)

    stack = win.annotations.stack
    stack.undo()  # themes
    assert hl.highlights_for(win.library.store, article.id)[0].themes == ()
    stack.undo()  # note
    assert hl.highlights_for(win.library.store, article.id)[0].note == ""
    stack.undo()  # the highlight itself
    assert hl.highlights_for(win.library.store, article.id) == []
    assert win.highlights_pane.model.rowCount() == 0
    for _ in range(3):
        stack.redo()
    restored = hl.highlights_for(win.library.store, article.id)
    assert [(h.quote, h.note, h.themes) for h in restored] == [
        (quote, "Why this matters", ("command-structure",))
    ]
    win.close()

    again = open_main_window(qtbot, tmp_path / "library", seeded=False)
    assert again.reader.article is not None and again.reader.article.id == article.id
    assert [(h.quote, h.note) for h in again.highlights_pane.model.highlights()] == [
        (quote, "Why this matters")
    ]
    again.close()


def test_undo_after_switching_articles_brings_the_article_back(
    window: MainWindow, qtbot: QtBot
) -> None:
    first = window.reader.article
    assert first is not None
    select_text(window, first.text.split("\n\n")[1][:30])
    qtbot.keyClick(window.reader, Qt.Key.Key_H)
    other = next(
        window.library_model.article(r).id
        for r in range(5)
        if window.library_model.article(r).id != first.id
    )
    window.open_article(other)
    window.annotations.stack.undo()
    assert window.reader.article is not None and window.reader.article.id == first.id
    assert window.highlights_pane.model.rowCount() == 0


def test_clicking_a_highlight_selects_it_and_the_panel_reveals_it(
    window: MainWindow, qtbot: QtBot
) -> None:
    article = window.reader.article
    assert article is not None
    paragraphs = article.text.split("\n\n")
    select_text(window, paragraphs[1][:25])
    qtbot.keyClick(window.reader, Qt.Key.Key_H)
    select_text(window, paragraphs[-1][:25])
    qtbot.keyClick(window.reader, Qt.Key.Key_N)
    assert window.highlights_pane.note.hasFocus()  # N opens the note editor at once
    first = window.highlights_pane.model.highlights()[0]
    window.highlights_pane.select(first.id)
    window.highlighting.pane.selected.emit(first)
    assert window.reader._flash == (first.start, first.end)
    point = window.reader.cursorRect(_cursor_at(window, (first.start or 0) + 2)).center()
    assert window.reader.highlight_ids_at(point) == [first.id]


def _cursor_at(window: MainWindow, offset: int) -> QTextCursor:
    cursor = QTextCursor(window.reader.document())
    cursor.setPosition(window.reader.text_map.to_doc(offset))
    return cursor


def test_overlapping_highlights_both_stay_listed(window: MainWindow, qtbot: QtBot) -> None:
    article = window.reader.article
    assert article is not None
    para = article.text.split("\n\n")[1]
    select_text(window, para[:60])
    qtbot.keyClick(window.reader, Qt.Key.Key_H)
    select_text(window, para[20:40])
    qtbot.keyClick(window.reader, Qt.Key.Key_H)
    assert window.highlights_pane.model.rowCount() == 2
    inner = window.reader.highlight_ids_at(
        window.reader.cursorRect(_cursor_at(window, article.text.index(para) + 30)).center()
    )
    assert len(inner) == 2  # both ids under the overlap, innermost first


SCRIPT = textwrap.dedent("""
    import os, sys, time
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    sys.path.insert(0, {root!r})
    from PySide6.QtCore import QSettings
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, {config!r})
    from PySide6.QtGui import QTextCursor
    from reader.core.library import Library, LibraryLocation
    from reader.ui.app import create_application
    from reader.ui.window.main_window import MainWindow
    from reader.ui.settings import Settings
    app = create_application()
    from pathlib import Path
    w = MainWindow(Library.open(LibraryLocation(Path({lib!r}), explicit=False)), Settings())
    w.show(); w._restore_article(); app.processEvents()
    text = w.reader.article.text
    start = text.index("show of force")
    c = QTextCursor(w.reader.document())
    c.setPosition(w.reader.text_map.to_doc(start))
    c.setPosition(w.reader.text_map.to_doc(start + 13), QTextCursor.MoveMode.KeepAnchor)
    w.reader.setTextCursor(c)
    w.highlighting.highlight()
    print("highlighted", flush=True)
    time.sleep(60)
""")


def test_sigkill_right_after_a_highlight_loses_nothing(tmp_path: Path) -> None:
    lib = tmp_path / "library"
    script = SCRIPT.format(root=str(ROOT), config=str(tmp_path / "config"), lib=str(lib))
    proc = subprocess.Popen(
        [sys.executable, "-c", script],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ),
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.strip() == "highlighted", proc.stderr.read() if proc.stderr else ""
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    with Library.open(lib) as library:
        found = hl.all_highlights(library.store)
    assert [h.quote for h in found] == ["show of force"]
