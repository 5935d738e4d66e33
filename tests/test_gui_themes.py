"""Themes through the window: create → highlight → filter → board → merge → undo, and a
broken themes.yaml that the app reports but never overwrites."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor, QUndoStack
from pytestqt.qtbot import QtBot

from reader.core.annotations import highlights as hl
from reader.core.library import Library
from reader.core.themes import count_usage, parse_taxonomy
from reader.ui.controllers import theme_commands as commands
from reader.ui.panes.library_pane import BOARD
from reader.ui.window.main_window import MainWindow
from tests.gui_helpers import isolate_settings, open_main_window


def _select(window: MainWindow, quote: str) -> None:
    article = window.reader.article
    assert article is not None
    start = article.text.index(quote)
    cursor = QTextCursor(window.reader.document())
    cursor.setPosition(window.reader.text_map.to_doc(start))
    cursor.setPosition(
        window.reader.text_map.to_doc(start + len(quote)), QTextCursor.MoveMode.KeepAnchor
    )
    window.reader.setTextCursor(cursor)
    window.reader.setFocus()


def test_create_highlight_filter_board_merge_undo(window: MainWindow, qtbot: QtBot) -> None:
    themes = window.themes
    old = themes.taxonomy
    assert old.get("command-structure") is not None  # the sample library's default taxonomy
    stack = window.annotations.stack

    def library() -> Library:
        return window.library

    commands.run_theme_edit(
        stack,
        commands.new_theme_command(
            "New Theme", library, themes.reload_taxonomy, name="Alliance politics", parent=None
        ),
    )
    for theme_id, digit in (("taiwan", ""), ("alliance-politics", "9")):  # 9 was Taiwan's
        commands.run_theme_edit(
            stack,
            commands.edit_command(
                "Digit", library, themes.reload_taxonomy, theme_id=theme_id, key="key", value=digit
            ),
        )
    assert themes.taxonomy.get("alliance-politics") is not None
    assert window.highlighting.theme_slots[9] == "alliance-politics"

    article = window.reader.article
    assert article is not None
    quote = article.text.split("\n\n")[2][:40].rsplit(" ", 1)[0]
    _select(window, quote)
    qtbot.keyClick(window.reader, Qt.Key.Key_9)  # digit slot 9 = the new theme
    (made,) = hl.highlights_for(window.library.store, article.id)
    assert made.themes == ("alliance-politics",)

    tree = window.library_pane.themes.model
    index = tree.index_of("alliance-politics")
    assert tree.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert window.library_pane.proxy.rowCount() == 1  # the library shows only that article
    assert window.library_pane.chips.isVisible()
    window.actions_by_name["show_board"].trigger()
    assert window.library_pane.mode() == BOARD
    board = window.library_pane.board_model
    assert board.rowCount() == 1 and board.item(0).highlight.quote == quote
    window.library_pane.board_item_activated.emit(board.item(0))
    assert window.highlights_pane.current() is not None

    def after() -> None:
        themes.reload_taxonomy()
        window.annotations.written_widely()

    commands.run_theme_edit(
        stack,
        commands.merge_command(
            "Merge", library, after, source="alliance-politics", target="command-structure"
        ),
    )
    assert themes.taxonomy.get("alliance-politics") is None
    assert hl.highlight(window.library.store, made.id).themes == ("command-structure",)
    assert window.library_pane.proxy.rowCount() == 5  # the filter's theme is gone

    window.annotations.stack.undo()
    assert themes.taxonomy.get("alliance-politics") is not None
    assert hl.highlight(window.library.store, made.id).themes == ("alliance-politics",)
    assert count_usage(window.library.store, "alliance-politics")[0] == 1


def test_broken_taxonomy_is_reported_and_left_untouched(qtbot: QtBot, tmp_path: Path) -> None:
    isolate_settings(tmp_path / "config")
    first = open_main_window(qtbot, tmp_path / "library")
    good = first.themes.taxonomy.themes
    first.close()
    themes_file = tmp_path / "library" / "themes.yaml"
    broken = themes_file.read_text(encoding="utf-8").replace("themes:", "themes: [", 1)
    themes_file.write_text(broken, encoding="utf-8")
    window = open_main_window(qtbot, tmp_path / "library", seeded=False)
    banner = window.library_pane.themes.problem
    assert banner.isVisible() and "themes.yaml" in banner.text() and ":" in banner.text()
    assert good and window.themes.taxonomy.themes == good  # the last good one, kept on disk
    assert window.library_model.rowCount() == 5  # the app still works
    window.close()
    assert themes_file.read_text(encoding="utf-8") == broken


def _tagged_library(path: Path) -> Library:
    """A library with themes Base, Other (with a child) on highlights, an article and a
    dismissed suggestion: the same in every copy."""
    from reader.core.articles import tag_articles
    from reader.core.library import LibraryLocation
    from reader.core.models import ArticleDraft
    from reader.core.store_themes import add_dismissal
    from reader.core.themes import create_theme

    library = Library.open(LibraryLocation(path, explicit=True))
    for name, parent in (("Base", None), ("Other", None), ("Child", "Other")):
        create_theme(library, name, parent=parent)
    aid = library.store.add_article(ArticleDraft(title="One", text="Alpha beta gamma."), "h1")
    hl.add_highlight(library.store, aid, 0, 5, ["other", "base"])
    hl.add_highlight(library.store, aid, 6, 10, ["other"])
    tag_articles(library, [aid], ["other"])
    add_dismissal(library.store, aid, "other", "gamma")
    return library


def _outcome(library: Library) -> tuple[str, object]:
    from reader.core.themes.rows import snapshot

    rows = snapshot(library.store, ["base", "other", "child"])
    when_left_out = tuple(d[:3] for d in rows.dismissals)  # the copies were made a second apart
    return library.themes_path.read_text("utf-8"), replace(rows, dismissals=when_left_out)


@pytest.mark.parametrize(
    "cli_args",
    [["merge", "other", "base"], ["delete", "other"], ["delete", "other", "--reassign", "base"]],
    ids=["merge", "delete", "delete-reassign"],
)
def test_the_window_and_the_command_line_merge_and_delete_alike(
    qtbot: QtBot, tmp_path: Path, cli_args: list[str]
) -> None:
    from reader.cli import main

    by_cli, in_window = _tagged_library(tmp_path / "cli"), _tagged_library(tmp_path / "ui")
    before = _outcome(in_window)
    assert _outcome(by_cli) == before
    by_cli.close()
    assert main(["--library", str(tmp_path / "cli"), "themes", *cli_args]) == 0
    by_cli = Library.open(tmp_path / "cli")

    stack = QUndoStack()
    if cli_args[0] == "merge":
        command = commands.merge_command(
            "Merge", lambda: in_window, lambda: None, source="other", target="base"
        )
    else:
        reassign = cli_args[3] if len(cli_args) > 2 else None
        command = commands.delete_command(
            "Delete", lambda: in_window, lambda: None, theme_id="other", reassign_to=reassign
        )
    commands.run_theme_edit(stack, command)
    assert _outcome(in_window) == _outcome(by_cli) != before
    stack.undo()
    assert _outcome(in_window)[1] == before[1]
    assert in_window.taxonomy == parse_taxonomy(before[0])[0]
    stack.redo()
    assert _outcome(in_window) == _outcome(by_cli)
    by_cli.close()
    in_window.close()
