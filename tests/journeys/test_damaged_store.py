"""A damaged store, as a person meets it in the window: told at once, plainly, with what
to do; every edit they try is refused with the reason and the store stays as it was."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from reader.core import store_health
from reader.core.backup import make_backup
from reader.core.errors import LibraryError
from reader.core.library import Library, LibraryLocation
from reader.core.store import Store
from reader.ui.app import route_errors_to, run
from tests.fault_helpers import corrupt_page
from tests.gui_helpers import isolate_settings, open_main_window
from tests.journeys.driving import Key, Mod, active_dialog, drag_select, quote_in, type_text


def _page_of(store_file: Path, table: str) -> int:
    """The 0-based page of a table the window does not read when it opens (feeds), so
    the damage is there to find but the window still shows the library."""
    db = sqlite3.connect(store_file)
    try:
        row = db.execute("SELECT pageno FROM dbstat WHERE name = ?", (table,)).fetchone()
    except sqlite3.OperationalError:
        pytest.skip("this SQLite has no dbstat table to find a page by")
    finally:
        db.close()
    return int(row[0]) - 1


def _damaged_library(root: Path, *, backed_up: bool, marked: bool) -> Path:
    """The sample library with one page of its store overwritten. ``backed_up``: a
    backup made before the damage (so restore has one to go to, and the daily backup
    does not run when the window opens); ``marked``: an earlier run found the damage."""
    with Library.open(LibraryLocation(root, explicit=False)) as library:
        if backed_up:
            make_backup(library.store, root, kind="auto")
    store_file = root / "library.sqlite3"
    corrupt_page(store_file, _page_of(store_file, "feeds"))
    if marked:
        with Store(store_file) as store:
            assert store.check(full=False) is not None
    return store_file


def _digest(store_file: Path) -> str:
    """The store as a crash right now would leave it: the file and its journal (an
    empty journal is no content: SQLite removes it when the last connection closes)."""
    parts = [store_file, store_file.with_name(store_file.name + "-wal")]
    return "".join(
        hashlib.sha256(p.read_bytes()).hexdigest() for p in parts if p.exists() and p.stat().st_size
    )


def test_damaged_library_is_told_at_once_and_edits_are_refused(
    qtbot: QtBot, tmp_path: Path
) -> None:
    isolate_settings(tmp_path / "config")
    store_file = _damaged_library(tmp_path / "library", backed_up=True, marked=True)
    window = open_main_window(qtbot, tmp_path / "library", seeded=False)

    banner = window.store_banner
    assert banner.isVisible() and banner.is_damage()
    said = banner.text()
    assert "damaged" in said and str(store_file) in said
    assert "changes are not saved" in said and "Traceback" not in said
    assert f"research-reader restore --library {tmp_path / 'library'}" in said
    assert "damaged" in window.windowTitle()
    assert not banner.dismiss.isVisible()  # it lasts as long as the damage
    before = _digest(store_file)

    drag_select(qtbot, window, quote_in(window))
    qtbot.keyClick(window.reader, Key.Key_1)  # highlight with the theme on key 1
    qtbot.wait(300)
    assert window.highlights_pane.model.highlights() == []
    assert window.reader.selected_span() is not None  # the selection is not lost
    status = window.statusBar().currentMessage()
    assert status.startswith("Not saved:") and "damaged" in status

    window.side.setCurrentWidget(window.details)
    qtbot.mouseClick(window.details.note.viewport(), Qt.MouseButton.LeftButton)
    type_text(qtbot, window.details.note, "A thought")
    window.statusBar().clearMessage()
    qtbot.wait(1200)  # a person pauses; the note would be saved now
    assert "damaged" in window.statusBar().currentMessage()

    author = window.details.fields["author"]  # a detail of the article: refused too
    qtbot.mouseClick(author, Qt.MouseButton.LeftButton)
    type_text(qtbot, author, "Jane Doe")
    qtbot.keyClick(author, Key.Key_Return)
    qtbot.wait(50)
    said = window.details.errors["author"].text()
    assert said.startswith("Not saved") and "damaged" in said
    assert author.text() == ""  # the stored value is back

    assert _digest(store_file) == before
    assert banner.isVisible()
    window.close()
    assert _digest(store_file) == before  # closing saves notes: refused as well


def test_damage_found_by_the_first_edit_is_told_then(qtbot: QtBot, tmp_path: Path) -> None:
    """No earlier run noticed: the check before the first write finds it, the edit is
    refused, and from then on the window says what is wrong."""
    isolate_settings(tmp_path / "config")
    store_file = _damaged_library(tmp_path / "library", backed_up=True, marked=False)
    window = open_main_window(qtbot, tmp_path / "library", seeded=False)
    assert not window.store_banner.isVisible()
    before = _digest(store_file)

    drag_select(qtbot, window, quote_in(window))
    qtbot.keyClick(window.reader, Key.Key_H)
    qtbot.waitUntil(window.store_banner.isVisible, timeout=2000)
    assert window.store_banner.is_damage() and "damaged" in window.store_banner.text()
    assert "Not saved:" in window.statusBar().currentMessage()
    assert window.highlights_pane.model.highlights() == []
    assert store_health.marker_path(store_file).exists()
    assert not window.annotations.stack.canUndo()  # nothing to undo: nothing was done
    window.close()
    assert _digest(store_file) == before


def test_read_only_library_is_told_in_a_box_not_only_on_a_terminal(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Started from a desktop menu there is no terminal to read: the window says why."""
    isolate_settings(tmp_path / "config")
    root = tmp_path / "library"
    Library.open(LibraryLocation(root, explicit=False)).close()
    before = _digest(root / "library.sqlite3")
    real = os.access
    monkeypatch.setattr(  # as `chmod a-w` would, also for a test run as root
        store_health.os,
        "access",
        lambda p, mode: False if Path(p) == root and mode == os.W_OK else real(p, mode),
    )
    seen: list[str] = []

    def read_and_close() -> None:
        box = active_dialog(qtbot, "cannotOpenLibrary")
        assert isinstance(box, QMessageBox)
        seen.append(f"{box.text()}\n{box.informativeText()}")
        qtbot.keyClick(box, Key.Key_Escape)

    QTimer.singleShot(200, read_and_close)
    with pytest.raises(LibraryError, match="read-only"):
        run(LibraryLocation(root, explicit=True))
    assert len(seen) == 1
    assert str(root) in seen[0] and "read-only" in seen[0] and "chmod" in seen[0]
    assert "damaged" not in seen[0] and "Nothing was changed" in seen[0]
    assert _digest(root / "library.sqlite3") == before


def test_damage_found_by_another_program_shows_within_a_second(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """The command line's daily check (or an import) finds the damage while the window
    is open: the window says so without waiting for the person to try an edit."""
    isolate_settings(tmp_path / "config")
    root = tmp_path / "library"
    with Library.open(LibraryLocation(root, explicit=False)) as library:
        make_backup(library.store, root, kind="auto")
    window = open_main_window(qtbot, root, seeded=False)
    assert not window.store_banner.isVisible()
    store_file = root / "library.sqlite3"
    corrupt_page(store_file, _page_of(store_file, "feeds"))
    with Store(store_file) as other:  # another process's check
        assert other.check(full=False) is not None
    qtbot.waitUntil(window.store_banner.isVisible, timeout=3000)
    assert window.store_banner.is_damage() and str(store_file) in window.store_banner.text()
    window.close()


def test_a_read_that_meets_the_damage_is_a_message_not_a_traceback(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The feeds live on the damaged page: opening File ▸ Feeds reads it. The app's
    error route (installed by ``run``) says why in the status bar."""
    isolate_settings(tmp_path / "config")
    _damaged_library(tmp_path / "library", backed_up=True, marked=True)
    window = open_main_window(qtbot, tmp_path / "library", seeded=False)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # put back after the test
    route_errors_to(window)
    qtbot.keyClick(window, Key.Key_U, Mod.ControlModifier | Mod.ShiftModifier)
    qtbot.waitUntil(lambda: "damaged" in window.statusBar().currentMessage(), timeout=2000)
    assert "Traceback" not in window.statusBar().currentMessage()
    window.close()
