"""The theme manager: counts rolled up like the themes pane, and new themes made by the
core's one rule (accents folded in the id, written to themes.yaml)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QPushButton
from pytestqt.qtbot import QtBot

from reader.core.annotations import highlights as hl
from reader.core.themes import load_taxonomy
from reader.ui.dialogs.theme_manager import ThemeManagerDialog
from reader.ui.window.main_window import MainWindow


def _manager(window: MainWindow) -> ThemeManagerDialog:
    window.manage_themes()
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, ThemeManagerDialog)]
    assert dialogs
    return dialogs[-1]


def test_manager_counts_agree_with_the_themes_pane(window: MainWindow, qtbot: QtBot) -> None:
    store = window.library.store
    article = window.reader.article
    assert article is not None
    hl.add_highlight(store, article.id, 0, 10, ["china"])
    hl.add_highlight(store, article.id, 20, 30, ["russia"])
    window.themes.after_edit()
    dialog = _manager(window)
    pane = window.library_pane.themes.model.counts
    assert dialog.model.counts["regional-reactions"] == pane["regional-reactions"] == (2, 1)
    dialog.close()


def test_new_theme_in_the_manager_uses_the_core_slug(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Défense posture", True))
    dialog = _manager(window)
    button = next(b for b in dialog.findChildren(QPushButton) if b.text() == "New Theme")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    taxonomy, _ = load_taxonomy(window.library.themes_path)
    theme = taxonomy.get("defense-posture")
    assert theme is not None and theme.name == "Défense posture" and theme.color
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # the same name again: no second one
    taxonomy, _ = load_taxonomy(window.library.themes_path)
    assert [t.id for t in taxonomy.themes].count("defense-posture") == 1
    assert taxonomy.get("defense-posture-2") is None
    dialog.close()
