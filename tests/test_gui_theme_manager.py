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


def test_typing_is_saved_for_its_theme_when_another_is_shown_without_leaving_the_field(
    window: MainWindow, qtbot: QtBot
) -> None:
    """The current theme can change while the focus stays in a field (the window not
    active, an undo): what was typed is saved for the theme it was typed for, as one
    undo step, and the theme now current stays selected and shown."""
    stack = window.annotations.stack
    before = stack.count()
    original = window.library.taxonomy.get("china")
    dialog = _manager(window)
    dialog.tree.setCurrentIndex(dialog.model.index_of("china"))
    description = dialog.fields["description"].widget
    name = dialog.fields["name"].widget
    assert isinstance(name, QLineEdit)
    qtbot.keyClick(description, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(description, " More.")
    qtbot.keyClick(name, Qt.Key.Key_End)
    qtbot.keyClicks(name, " (PRC)")
    dialog.tree.setCurrentIndex(dialog.model.index_of("russia"))
    china = load_taxonomy(window.library.themes_path)[0].get("china")
    assert china is not None
    assert china.description.endswith(" More.") and china.name == "China (PRC)"
    assert stack.count() == before + 2  # one core edit per field
    current = dialog.model.theme_at(dialog.tree.currentIndex())
    assert current is not None and current.id == "russia"
    assert name.text() == "Russia"
    russia = load_taxonomy(window.library.themes_path)[0].get("russia")
    assert russia is not None and not russia.description.endswith(" More.")
    stack.undo()
    stack.undo()
    assert load_taxonomy(window.library.themes_path)[0].get("china") == original
    dialog.close()


def _click_theme(qtbot: QtBot, dialog: ThemeManagerDialog, theme_id: str) -> None:
    index = dialog.model.index_of(theme_id)
    dialog.tree.scrollTo(index)
    qtbot.mouseClick(
        dialog.tree.viewport(),
        Qt.MouseButton.LeftButton,
        pos=dialog.tree.visualRect(index).center(),
    )


def test_a_refused_name_typed_then_another_theme_clicked(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One line says why; the theme keeps its name; the clicked theme is shown."""
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: shown.append(unescape(a[2])))
    before = load_taxonomy(window.library.themes_path)[0]
    dialog = _manager(window)
    _click_theme(qtbot, dialog, "china")
    name = dialog.fields["name"].widget
    assert isinstance(name, QLineEdit)
    qtbot.mouseClick(name, Qt.MouseButton.LeftButton)
    name.selectAll()
    qtbot.keyClicks(name, "Russia")
    _click_theme(qtbot, dialog, "north-korea")
    assert len(shown) == 1 and "Russia" in shown[0]
    assert load_taxonomy(window.library.themes_path)[0] == before
    current = dialog.model.theme_at(dialog.tree.currentIndex())
    assert current is not None and current.id == "north-korea"
    assert name.text() == "North Korea"
    dialog.close()


def test_typing_then_undo_or_a_new_theme_keeps_the_undo_stack_in_order(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Typing not yet saved is its own step before any other: Undo undoes it; a new
    theme comes after it, and undoing both, in turn, gives back the file as it was."""
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Korean peninsula", True))
    stack = window.annotations.stack
    original = load_taxonomy(window.library.themes_path)[0]
    dialog = _manager(window)
    _click_theme(qtbot, dialog, "china")
    description = dialog.fields["description"].widget
    buttons = {b.text(): b for b in dialog.findChildren(QPushButton)}
    qtbot.keyClicks(description, "Typed. ")
    qtbot.mouseClick(buttons["Undo"], Qt.MouseButton.LeftButton)
    assert load_taxonomy(window.library.themes_path)[0] == original
    assert description.toPlainText() == original.get("china").description  # type: ignore[union-attr]

    count = stack.index()
    qtbot.keyClicks(description, "Typed again. ")
    qtbot.mouseClick(buttons["New Theme"], Qt.MouseButton.LeftButton)
    taxonomy = load_taxonomy(window.library.themes_path)[0]
    china = taxonomy.get("china")
    assert china is not None and china.description.startswith("Typed again. ")
    assert taxonomy.get("korean-peninsula") is not None
    assert stack.index() == count + 2
    stack.undo()  # the new theme
    taxonomy = load_taxonomy(window.library.themes_path)[0]
    assert taxonomy.get("korean-peninsula") is None
    assert taxonomy.get("china").description.startswith("Typed again. ")  # type: ignore[union-attr]
    stack.undo()  # the description
    assert load_taxonomy(window.library.themes_path)[0] == original
    dialog.close()
