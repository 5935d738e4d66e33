"""File ▸ Export…: the dialog exports in the background and never overwrites silently."""

from __future__ import annotations

from pathlib import Path

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
    dialog.quiet = True  # type: ignore[attr-defined]
    qtbot.addWidget(dialog)
    assert "game-changer" in dialog.preview.toPlainText()
    target = tmp_path / "notes.md"
    dialog.destination.setText(str(target))
    with qtbot.waitSignal(dialog.finished, timeout=20000):
        dialog.start()
    written = target.read_text(encoding="utf-8")
    assert "game-changer" in written and "alert(1)" in written
