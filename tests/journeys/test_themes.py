"""Any theme on a highlight or a whole article, in a few keystrokes; new themes land in
themes.yaml; article themes filter the library."""

from __future__ import annotations

from collections.abc import Callable

import yaml
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QInputDialog,
    QMessageBox,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from reader.core.annotations import highlights as hl
from reader.core.themes import load_taxonomy
from reader.core.themes.rows import ThemeRows, snapshot
from reader.ui.models.library_model import ARTICLE_ID_ROLE
from reader.ui.window.main_window import MainWindow
from tests.journeys.driving import (
    Key,
    Mod,
    active_dialog,
    click,
    click_row,
    drag_select,
    right_click,
    type_text,
)


def _quote(window: MainWindow, n: int = 1) -> str:
    article = window.reader.article
    assert article is not None
    return [p for p in article.text.split("\n\n") if len(p) > 120][n][:40].rsplit(" ", 1)[0]


def test_digit_key_highlights_with_its_theme(qtbot: QtBot, window: MainWindow) -> None:
    drag_select(qtbot, window, _quote(window))
    qtbot.keyClick(window.reader, Key.Key_1)
    slot = window.library.taxonomy.by_key(1)
    assert slot is not None
    assert [h.themes for h in window.highlights_pane.model.highlights()] == [(slot.id,)]


def test_theme_without_a_digit_from_the_themes_button(qtbot: QtBot, window: MainWindow) -> None:
    drag_select(qtbot, window, _quote(window))
    qtbot.keyClick(window.reader, Key.Key_H)
    click(qtbot, window.highlights_pane.themes_button)
    picker = active_dialog(qtbot, "themePicker")
    type_text(qtbot, picker.filter, "Russ")
    qtbot.keyClick(picker.filter, Key.Key_Return)
    qtbot.waitUntil(lambda: not picker.isVisible(), timeout=2000)
    article = window.reader.article
    assert article is not None
    assert [h.themes for h in hl.highlights_for(window.library.store, article.id)] == [("russia",)]


def test_t_key_on_a_selection_picks_several_themes(qtbot: QtBot, window: MainWindow) -> None:
    drag_select(qtbot, window, _quote(window))
    qtbot.keyClick(window.reader, Key.Key_T)
    picker = active_dialog(qtbot, "themePicker")
    type_text(qtbot, picker.filter, "china")
    qtbot.keyClick(picker.filter, Key.Key_Down)  # into the tree, on China
    qtbot.keyClick(picker.tree, Key.Key_Space)
    picker.filter.setFocus()
    picker.filter.clear()
    type_text(qtbot, picker.filter, "north")
    qtbot.keyClick(picker.filter, Key.Key_Down)
    qtbot.keyClick(picker.tree, Key.Key_Space)
    qtbot.keyClick(picker.tree, Key.Key_Return)
    qtbot.waitUntil(lambda: not picker.isVisible(), timeout=2000)
    themes = [set(h.themes) for h in window.highlights_pane.model.highlights()]
    assert themes == [{"china", "north-korea"}]


def test_creating_a_theme_in_the_picker_writes_themes_yaml(
    qtbot: QtBot, window: MainWindow
) -> None:
    drag_select(qtbot, window, _quote(window))
    qtbot.keyClick(window.reader, Key.Key_T)
    picker = active_dialog(qtbot, "themePicker")
    type_text(qtbot, picker.filter, "Défense posture")
    assert picker.create_button.isVisible()
    qtbot.keyClick(picker.filter, Key.Key_Return)
    qtbot.waitUntil(lambda: not picker.isVisible(), timeout=2000)
    data = yaml.safe_load(window.library.themes_path.read_text(encoding="utf-8"))
    made = [t for t in data["themes"] if t["id"] == "defense-posture"]
    assert made and made[0]["name"] == "Défense posture"
    assert [h.themes for h in window.highlights_pane.model.highlights()] == [("defense-posture",)]
    # …and it is a real theme: in the tree, with a colour
    assert window.themes.pane.themes.model.index_of("defense-posture").isValid()


def test_tag_two_articles_at_once_then_filter_by_that_theme(
    qtbot: QtBot, window: MainWindow
) -> None:
    table = window.library_pane.table
    click_row(qtbot, table, 0)
    click_row(qtbot, table, 2, Mod.ControlModifier)
    chosen = set(window.library_pane.selected_article_ids())
    assert len(chosen) == 2
    table.setFocus()
    qtbot.keyClick(table, Key.Key_T)
    picker = active_dialog(qtbot, "themePicker")
    type_text(qtbot, picker.filter, "Taiwan")
    qtbot.keyClick(picker.filter, Key.Key_Return)
    qtbot.waitUntil(lambda: not picker.isVisible(), timeout=2000)

    from reader.core.annotations.highlights import article_themes

    for article_id in chosen:
        assert "taiwan" in article_themes(window.library.store, article_id)
    tree = window.themes.pane.themes.tree
    index = window.themes.pane.themes.model.index_of("taiwan")
    tree.scrollTo(index)
    rect = tree.visualRect(index)
    box = QPoint(rect.left() + 8, rect.center().y())  # the check box starts the row
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=box)
    qtbot.waitUntil(
        lambda: window.library_pane.proxy.rowCount() < window.library_model.rowCount(),
        timeout=3000,
    )
    proxy = window.library_pane.proxy
    shown = {proxy.index(r, 0).data(ARTICLE_ID_ROLE) for r in range(proxy.rowCount())}
    assert chosen <= shown
    # the board has an entry for each article tagged as a whole
    qtbot.keyClick(window.library_pane.table, Key.Key_3, Mod.ControlModifier)
    board = window.library_pane.board_model
    qtbot.waitUntil(lambda: board.rowCount() == 2, timeout=3000)
    assert {board.index(r, 2).data() for r in range(2)} == {"Whole article"}
    assert {board.item(r).article_id for r in range(2)} == chosen


def test_right_click_a_theme_in_the_tree_codes_the_selection(
    qtbot: QtBot, window: MainWindow
) -> None:
    """QualCoder's way: select text, right-click a theme, "Highlight Selection with This
    Theme"."""
    drag_select(qtbot, window, _quote(window))
    tree = window.themes.pane.themes.tree
    index = window.themes.pane.themes.model.index_of("north-korea")
    tree.scrollTo(index)
    where = tree.visualRect(index).center()
    chosen: list[str] = []

    def choose_from_menu() -> None:
        menu = QApplication.activePopupWidget()
        assert menu is not None, "no context menu"
        chosen.append(menu.actions()[0].text())
        qtbot.keyClick(menu, Key.Key_Down)
        qtbot.keyClick(menu, Key.Key_Return)

    QTimer.singleShot(300, choose_from_menu)
    right_click(qtbot, tree.viewport(), where)
    qtbot.waitUntil(lambda: bool(window.highlights_pane.model.highlights()), timeout=3000)
    assert chosen == ["Highlight Selection with This Theme"]
    assert [h.themes for h in window.highlights_pane.model.highlights()] == [("north-korea",)]


def test_theme_manager_counts_as_the_themes_pane_does(qtbot: QtBot, window: MainWindow) -> None:
    """A parent counts its sub-themes' highlights and articles in both places."""
    drag_select(qtbot, window, _quote(window, 1))
    qtbot.keyClick(window.reader, Key.Key_T)
    picker = active_dialog(qtbot, "themePicker")
    type_text(qtbot, picker.filter, "China")
    qtbot.keyClick(picker.filter, Key.Key_Return)
    qtbot.waitUntil(lambda: not picker.isVisible(), timeout=2000)
    pane_model = window.themes.pane.themes.model
    qtbot.waitUntil(
        lambda: pane_model.index_of("regional-reactions", 1).data() == "1", timeout=3000
    )
    qtbot.keyClick(window, Key.Key_M, Mod.ControlModifier | Mod.ShiftModifier)
    manager = active_dialog(qtbot, "themeManager")
    for theme_id in ("regional-reactions", "china"):
        for column in (1, 2):
            assert (
                manager.model.index_of(theme_id, column).data()
                == pane_model.index_of(theme_id, column).data()
            )
    manager.close()


def _when_modal(qtbot: QtBot, kind: type[QWidget], act: Callable[[QWidget], None]) -> None:
    """Once a modal dialog of ``kind`` is up (it runs its own event loop), do ``act`` in it."""

    def poll() -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, kind) and modal.isVisible():
            try:
                act(modal)
            except BaseException:
                modal.close()  # a failed step must not leave the test waiting on a dialog
                raise
        else:
            QTimer.singleShot(50, poll)

    QTimer.singleShot(50, poll)


def _theme_rows(window: MainWindow, *theme_ids: str) -> ThemeRows:
    return snapshot(window.library.store, theme_ids)


def test_merge_two_themes_in_the_manager_then_undo(qtbot: QtBot, window: MainWindow) -> None:
    """Merge with clicks and keys, as the command line's ``themes merge`` would; Ctrl+Z in
    the window puts the highlights, the article tags and themes.yaml back."""
    taxonomy = window.library.taxonomy
    source, target = taxonomy.by_key(1), taxonomy.get("china")
    assert source is not None and target is not None and source != target
    drag_select(qtbot, window, _quote(window))
    qtbot.keyClick(window.reader, Key.Key_1)  # a highlight with the source theme
    table = window.library_pane.table
    click_row(qtbot, table, 1)
    table.setFocus()
    qtbot.keyClick(table, Key.Key_T)
    picker = active_dialog(qtbot, "themePicker")
    type_text(qtbot, picker.filter, source.name)
    qtbot.keyClick(picker.filter, Key.Key_Return)
    qtbot.waitUntil(lambda: not picker.isVisible(), timeout=2000)
    before_rows = _theme_rows(window, source.id, target.id)
    before_yaml = load_taxonomy(window.library.themes_path)[0]
    assert len(before_rows.highlight_rows) == len(before_rows.article_rows) == 1

    qtbot.keyClick(window, Key.Key_M, Mod.ControlModifier | Mod.ShiftModifier)
    manager = active_dialog(qtbot, "themeManager")
    tree = manager.tree  # type: ignore[attr-defined]
    index = manager.model.index_of(source.id)  # type: ignore[attr-defined]
    tree.scrollTo(index)
    qtbot.mouseClick(
        tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualRect(index).center()
    )

    def pick_target(dialog: QWidget) -> None:
        combo = dialog.findChild(QComboBox)
        assert combo is not None
        combo.setFocus()
        type_text(qtbot, combo, target.name)  # keyboard search in the list of themes
        assert combo.currentText() == target.name
        _when_modal(qtbot, QMessageBox, confirm)
        qtbot.keyClick(combo, Key.Key_Return)

    def confirm(box: QWidget) -> None:
        assert isinstance(box, QMessageBox) and source.name in box.text()
        yes = box.button(QMessageBox.StandardButton.Yes)
        qtbot.mouseClick(yes, Qt.MouseButton.LeftButton)

    _when_modal(qtbot, QInputDialog, pick_target)
    merge = next(b for b in manager.findChildren(QPushButton) if b.text() == "Merge Into…")
    click(qtbot, merge)
    qtbot.waitUntil(lambda: window.library.taxonomy.get(source.id) is None, timeout=3000)
    merged = _theme_rows(window, source.id, target.id)
    assert [h[1] for h in merged.highlight_rows] == [target.id]  # the same rows, on the target
    assert [a[1] for a in merged.article_rows] == [target.id]
    on_disk = yaml.safe_load(window.library.themes_path.read_text("utf-8"))["themes"]
    assert source.id not in {t["id"] for t in on_disk}

    qtbot.keyClick(manager, Key.Key_Escape)
    qtbot.waitUntil(lambda: not manager.isVisible(), timeout=2000)
    window.activateWindow()  # back in the window (offscreen Qt does not do it on close)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    qtbot.keyClick(window.reader, Key.Key_Z, Mod.ControlModifier)
    qtbot.waitUntil(lambda: window.library.taxonomy.get(source.id) is not None, timeout=3000)
    assert _theme_rows(window, source.id, target.id) == before_rows
    assert load_taxonomy(window.library.themes_path)[0] == before_yaml  # comments aside
    assert window.themes.pane.themes.model.index_of(source.id).isValid()
