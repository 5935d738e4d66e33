"""The window side of item 2: a highlight saved while the index cannot follow is a
status-bar message, never a failure."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from reader.core.annotations import highlights as hl
from reader.core.search.index import SearchIndex
from tests.gui_helpers import close_window, isolate_settings, open_main_window
from tests.test_gui_highlighting import select_text


def test_saved_highlight_with_an_unwritable_index(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    isolate_settings(tmp_path / "config")
    win = open_main_window(qtbot, tmp_path / "library")
    try:
        win.writes.wait()

        def read_only(*_: object, **__: object) -> None:
            raise OSError(errno.EROFS, "Read-only file system")

        monkeypatch.setattr(SearchIndex, "_writer", read_only)
        article = win.reader.article
        assert article is not None
        quote = article.text.split("\n\n")[2][:40].rsplit(" ", 1)[0]
        select_text(win, quote)
        qtbot.keyClick(win.reader, Qt.Key.Key_H)
        assert [h.quote for h in hl.highlights_for(win.library.store, article.id)] == [quote]
        win.annotations.flush_index()
        qtbot.waitUntil(lambda: "will catch up" in win.statusBar().currentMessage(), timeout=10000)
        assert "Read-only" in win.statusBar().currentMessage()
    finally:
        close_window(win)
