"""The theme manager: counts rolled up like the themes pane, new themes made by the
core's one rule (accents folded in the id, written to themes.yaml), and a field for every
entry of the core's theme property table."""

from __future__ import annotations

from html import unescape

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFormLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
)
from pytestqt.qtbot import QtBot

from reader.core.annotations import highlights as hl
from reader.core.themes import THEME_PROPERTIES, load_taxonomy
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


def test_every_theme_property_is_edited_in_the_manager(window: MainWindow, qtbot: QtBot) -> None:
    """A field per entry of the core's table (the parent: by dragging in the tree), with
    its label; typing in one saves through the core, and Undo puts it back."""
    dialog = _manager(window)
    form = dialog.form.layout()
    assert isinstance(form, QFormLayout)
    for prop in THEME_PROPERTIES:
        if prop.editor == "tree":
            assert dialog.tree.dragDropMode() == QAbstractItemView.DragDropMode.InternalMove
            continue
        field = dialog.fields[prop.key]
        label = form.labelForField(field.widget)
        assert isinstance(label, QLabel) and label.text() == prop.label
    assert set(dialog.fields) | {"parent"} == {p.key for p in THEME_PROPERTIES}

    index = dialog.model.index_of("china")
    dialog.tree.scrollTo(index)
    qtbot.mouseClick(
        dialog.tree.viewport(),
        Qt.MouseButton.LeftButton,
        pos=dialog.tree.visualRect(index).center(),
    )
    keywords = dialog.fields["keywords"].widget
    assert isinstance(keywords, QLineEdit)
    before = keywords.text()
    keywords.setFocus()
    keywords.selectAll()
    qtbot.keyClicks(keywords, "Beijing, PLA")
    qtbot.keyClick(keywords, Qt.Key.Key_Return)
    china = load_taxonomy(window.library.themes_path)[0].get("china")
    assert china is not None and china.keywords == ("Beijing", "PLA")
    undo = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Undo")
    qtbot.mouseClick(undo, Qt.MouseButton.LeftButton)
    china = load_taxonomy(window.library.themes_path)[0].get("china")
    assert china is not None and ", ".join(china.keywords) == before
    assert keywords.text() == before
    dialog.close()


def test_a_digit_another_theme_has_is_refused_in_one_line(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: shown.append(unescape(a[2])))
    dialog = _manager(window)
    holder = window.library.taxonomy.by_key(1)
    assert holder is not None
    china = window.library.taxonomy.get("china")
    assert china is not None and china.key != 1
    index = dialog.model.index_of("china")
    dialog.tree.scrollTo(index)
    qtbot.mouseClick(
        dialog.tree.viewport(),
        Qt.MouseButton.LeftButton,
        pos=dialog.tree.visualRect(index).center(),
    )
    digit = dialog.fields["key"].widget
    assert isinstance(digit, QSpinBox)
    digit.setFocus()
    digit.lineEdit().selectAll()
    qtbot.keyClicks(digit, "1")
    qtbot.keyClick(digit, Qt.Key.Key_Return)
    assert len(shown) == 1 and f"already belongs to '{holder.name}'" in shown[0]
    assert digit.value() == (china.key or 0)  # the field shows the digit kept
    assert window.library.taxonomy.by_key(1) == holder
    dialog.close()
