"""Nothing typed in the theme manager is lost: a description (saved on a pause in typing)
and the one-line fields are in themes.yaml however the person leaves them at once —
clicking another theme, Esc, Close, the dialog's window close, the main window closing.

Each step is a real key or mouse event; no step waits for the save timer, as a quick
person would not."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from reader.ui.dialogs.theme_fields import TEXT_PAUSE_MS
from reader.ui.dialogs.theme_manager import ThemeManagerDialog
from reader.ui.window.main_window import MainWindow
from tests.gui_helpers import isolate_settings, open_main_window
from tests.journeys.driving import Key, Mod, active_dialog, click

FIRST, SECOND = "china", "russia"


def _open_manager(qtbot: QtBot, window: MainWindow) -> ThemeManagerDialog:
    qtbot.keyClick(window, Key.Key_M, Mod.ControlModifier | Mod.ShiftModifier)
    manager = active_dialog(qtbot, "themeManager")
    assert isinstance(manager, ThemeManagerDialog)
    qtbot.waitUntil(manager.isActiveWindow, timeout=2000)
    return manager


def _click_theme(qtbot: QtBot, manager: ThemeManagerDialog, theme_id: str) -> None:
    """A mouse click on the theme's row in the manager's tree (no wait after it)."""
    tree = manager.tree
    index = manager.model.index_of(theme_id)
    tree.scrollTo(index)
    qtbot.mouseClick(
        tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualRect(index).center()
    )


def _current(manager: ThemeManagerDialog) -> str | None:
    theme = manager.model.theme_at(manager.tree.currentIndex())
    return theme.id if theme else None


def _on_disk(window: MainWindow) -> dict[str, dict[str, Any]]:
    data = yaml.safe_load(window.library.themes_path.read_text(encoding="utf-8"))
    return {t["id"]: t for t in data["themes"]}


def _type_into(qtbot: QtBot, manager: ThemeManagerDialog, key: str, text: str) -> QWidget:
    """Click into a field (all its text selected for a one-line field) and type ``text``."""
    widget = manager.fields[key].widget
    click(qtbot, widget)
    if isinstance(widget, QPlainTextEdit):
        qtbot.keyClick(widget, Key.Key_End, Mod.ControlModifier)
    else:
        qtbot.keyClick(widget, Key.Key_A, Mod.ControlModifier)
    qtbot.keyClicks(widget, text)
    return widget


def _close_button(manager: ThemeManagerDialog) -> QWidget:
    box = manager.findChild(QDialogButtonBox)
    assert box is not None
    button = box.button(QDialogButtonBox.StandardButton.Close)
    assert button is not None
    return button


def test_description_typed_then_another_theme_clicked_at_once(
    qtbot: QtBot, window: MainWindow
) -> None:
    stack = window.annotations.stack
    before = stack.count()
    second_before = _on_disk(window)[SECOND].get("description", "")
    manager = _open_manager(qtbot, window)
    _click_theme(qtbot, manager, FIRST)
    _type_into(qtbot, manager, "description", "Beijing's view")
    _click_theme(qtbot, manager, SECOND)  # at once: well inside the pause
    assert _on_disk(window)[FIRST]["description"].endswith("Beijing's view")
    assert _on_disk(window)[SECOND].get("description", "") == second_before
    assert _current(manager) == SECOND
    description = manager.fields["description"].widget
    assert isinstance(description, QPlainTextEdit)
    assert description.toPlainText() == second_before  # the clicked theme is shown
    assert stack.count() == before + 1  # one undo step, one core edit
    qtbot.wait(TEXT_PAUSE_MS + 200)  # no second save when the pause would have ended
    assert stack.count() == before + 1
    assert _on_disk(window)[SECOND].get("description", "") == second_before
    manager.close()


def test_one_undo_step_per_pause_in_typing(qtbot: QtBot, window: MainWindow) -> None:
    stack = window.annotations.stack
    before = stack.count()
    manager = _open_manager(qtbot, window)
    _click_theme(qtbot, manager, FIRST)
    _type_into(qtbot, manager, "description", " one")
    qtbot.waitUntil(lambda: stack.count() == before + 1, timeout=TEXT_PAUSE_MS + 2000)
    assert _on_disk(window)[FIRST]["description"].endswith(" one")
    qtbot.keyClicks(manager.fields["description"].widget, " two")
    qtbot.waitUntil(lambda: stack.count() == before + 2, timeout=TEXT_PAUSE_MS + 2000)
    assert _on_disk(window)[FIRST]["description"].endswith(" one two")
    stack.undo()
    assert _on_disk(window)[FIRST]["description"].endswith(" one")
    manager.close()


@pytest.mark.parametrize(
    "leave",
    [
        pytest.param(lambda qtbot, m: qtbot.keyClick(m.focusWidget(), Key.Key_Escape), id="esc"),
        pytest.param(
            lambda qtbot, m: qtbot.mouseClick(_close_button(m), Qt.MouseButton.LeftButton),
            id="close-button",
        ),
        pytest.param(lambda qtbot, m: m.close(), id="window-close"),
    ],
)
@pytest.mark.parametrize("key", ["description", "name", "keywords", "query"])
def test_text_typed_then_the_manager_closed_at_once(
    qtbot: QtBot,
    window: MainWindow,
    key: str,
    leave: Callable[[QtBot, ThemeManagerDialog], None],
) -> None:
    manager = _open_manager(qtbot, window)
    _click_theme(qtbot, manager, FIRST)
    _type_into(qtbot, manager, key, "Quick Words")
    leave(qtbot, manager)
    assert not manager.isVisible()
    saved = _on_disk(window)[FIRST][key]
    assert (saved if isinstance(saved, str) else ", ".join(saved)).endswith("Quick Words")


@pytest.mark.parametrize(
    ("key", "theme_id", "text", "expected"),
    [
        ("name", FIRST, "Quick Words", "Quick Words"),
        ("keywords", FIRST, "Quick, Words", ["Quick", "Words"]),
        ("query", FIRST, "quick AND words", "quick AND words"),
        ("key", "taiwan", "0", None),  # the digit box: 9 typed over with 0, "none"
    ],
)
def test_line_typed_then_another_theme_clicked_at_once(
    qtbot: QtBot, window: MainWindow, key: str, theme_id: str, text: str, expected: object
) -> None:
    manager = _open_manager(qtbot, window)
    _click_theme(qtbot, manager, theme_id)
    _type_into(qtbot, manager, key, text)
    _click_theme(qtbot, manager, SECOND)
    assert _on_disk(window)[theme_id].get(key) == expected
    assert _current(manager) == SECOND
    manager.close()


@pytest.mark.parametrize("key", ["description", "name"])
def test_text_typed_then_the_main_window_closed(qtbot: QtBot, tmp_path: Path, key: str) -> None:
    isolate_settings(tmp_path / "config")
    window = open_main_window(qtbot, tmp_path / "library")
    manager = _open_manager(qtbot, window)
    _click_theme(qtbot, manager, FIRST)
    _type_into(qtbot, manager, key, "Last Words")
    window.close()  # the app quits (a window manager's close, or the session ending)
    themes_path = window.library.themes_path
    data = yaml.safe_load(themes_path.read_text(encoding="utf-8"))
    saved = {t["id"]: t for t in data["themes"]}[FIRST][key]
    assert saved.endswith("Last Words")
