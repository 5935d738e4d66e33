"""Every shortcut fires from the real window, and no two share a key where both apply."""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from reader.core.annotations import highlights as hl
from reader.ui.dialogs.help import shortcuts_html
from reader.ui.window.main_window import MainWindow
from tests.journeys.driving import Key, Mod, drag_select

Ctx = Qt.ShortcutContext


def _scopes(action: QAction) -> list[tuple[str, int]]:
    """Where the action's keys apply: the whole window, or one widget (by identity)."""
    if action.shortcutContext() in (Ctx.WindowShortcut, Ctx.ApplicationShortcut):
        return [("window", 0)]
    return [("widget", id(w)) for w in action.associatedObjects() if isinstance(w, QWidget)]


def test_no_two_actions_share_a_key_in_the_same_context(window: MainWindow) -> None:
    owners: dict[str, list[tuple[QAction, tuple[str, int]]]] = defaultdict(list)
    for action in window.findChildren(QAction):
        keys = [k.toString() for k in action.shortcuts() if not k.isEmpty()]
        assert len(keys) == len(set(keys)), f"{action.text()!r} lists a key twice: {keys}"
        for key in keys:
            for scope in _scopes(action):
                owners[key].append((action, scope))
    clashes = []
    for key, users in owners.items():
        for i, (a, scope_a) in enumerate(users):
            for b, scope_b in users[i + 1 :]:
                if a is b:
                    continue
                if scope_a[0] == "window" or scope_b[0] == "window" or scope_a == scope_b:
                    clashes.append((key, a.text(), b.text()))
    assert clashes == []


def test_undo_then_redo_by_both_keys(qtbot: QtBot, window: MainWindow) -> None:
    article = window.reader.article
    assert article is not None
    quote = [p for p in article.text.split("\n\n") if len(p) > 120][1][:40].rsplit(" ", 1)[0]
    drag_select(qtbot, window, quote)
    qtbot.keyClick(window.reader, Key.Key_H)
    store = window.library.store
    assert [h.quote for h in hl.highlights_for(store, article.id)] == [quote]

    qtbot.keyClick(window.reader, Key.Key_Z, Mod.ControlModifier)
    assert hl.highlights_for(store, article.id) == []
    qtbot.keyClick(window.reader, Key.Key_Z, Mod.ControlModifier | Mod.ShiftModifier)
    assert [h.quote for h in hl.highlights_for(store, article.id)] == [quote]
    qtbot.keyClick(window.reader, Key.Key_Z, Mod.ControlModifier)
    assert hl.highlights_for(store, article.id) == []
    qtbot.keyClick(window.reader, Key.Key_Y, Mod.ControlModifier)
    assert [h.quote for h in hl.highlights_for(store, article.id)] == [quote]


def test_shortcut_sheet_reads_like_a_menu(window: MainWindow) -> None:
    sheet = shortcuts_html(window.all_actions())
    assert "F16" not in sheet and "Ins" not in sheet
    assert sheet.count(">Redo<") == 1
    assert "Ctrl+Shift+Z, Ctrl+Y" in sheet
    slot_one = window.library.taxonomy.by_key(1)
    assert slot_one is not None
    assert f"Highlight as “{slot_one.name}”" in sheet
    assert QKeySequence("T").toString() in sheet
