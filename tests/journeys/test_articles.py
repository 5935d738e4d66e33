"""Correct, tag and remove whole articles from the window; changes made on the command
line show in an open window."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton
from pytestqt.qtbot import QtBot

from reader.core.annotations.highlights import article_themes
from reader.ui.controllers.search import Answer
from reader.ui.models.library_model import ARTICLE_ID_ROLE, Column
from reader.ui.window.main_window import MainWindow
from tests.journeys.driving import Key, Mod, active_dialog, click, click_row, type_text

ROOT = Path(__file__).resolve().parents[2]


def _edit_field(qtbot: QtBot, window: MainWindow, field: str, text: str) -> None:
    window.side.setCurrentWidget(window.details)
    edit = window.details.fields[field]
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton)
    qtbot.keyClick(edit, Key.Key_A, Mod.ControlModifier)
    type_text(qtbot, edit, text)
    qtbot.keyClick(edit, Key.Key_Return)
    qtbot.wait(50)


def test_edit_a_title_and_find_it_by_search(qtbot: QtBot, window: MainWindow) -> None:
    article = window.reader.article
    assert article is not None
    _edit_field(qtbot, window, "title", "Zanzibar accord on command")
    assert window.library.store.article(article.id).title == "Zanzibar accord on command"
    row = window.library_model.row_of(article.id)
    assert window.library_model.index(row, Column.TITLE).data() == "Zanzibar accord on command"

    # The index catches up on its writer moments after the edit; a search typed before
    # that finds nothing, and runs again once the writer is done.
    def found_it(query: str, answer: Answer | None) -> bool:
        return answer is not None and bool(answer.result.hits)

    with qtbot.waitSignal(
        window.search.results_ready, timeout=10000, check_params_cb=found_it
    ) as found:
        click(qtbot, window.search_field)
        type_text(qtbot, window.search_field, "zanzibar")
    assert [h.id for h in found.args[1].result.hits] == [article.id]

    qtbot.keyClick(window.reader, Key.Key_Z, Mod.ControlModifier)  # undo the edit
    assert window.library.store.article(article.id).title == article.title


def test_a_date_that_is_not_a_date_is_refused_with_a_reason(
    qtbot: QtBot, window: MainWindow
) -> None:
    article = window.reader.article
    assert article is not None
    _edit_field(qtbot, window, "date", "2025-13-45")
    assert window.library.store.article(article.id).date == article.date
    error = window.details.errors["date"]
    assert not error.isHidden() and "date" in error.text().lower()
    assert window.details.fields["date"].text() == (article.date or "")


def test_remove_an_article_with_del_then_undo(qtbot: QtBot, window: MainWindow) -> None:
    table = window.library_pane.table
    total = window.library_model.rowCount()
    click_row(qtbot, table, 1)
    gone = window.library_pane.selected_article_ids()
    assert len(gone) == 1
    table.setFocus()
    qtbot.keyClick(table, Key.Key_Delete)
    qtbot.waitUntil(lambda: window.library_model.rowCount() == total - 1, timeout=3000)
    assert gone[0] not in window.library.store.article_ids()
    next_one = window.library_pane.article_at(1)
    assert window.reader.article is not None and window.reader.article.id == next_one
    assert window.count_label.text().startswith(f"{total - 1} ")

    qtbot.keyClick(table, Key.Key_Z, Mod.ControlModifier)
    qtbot.waitUntil(lambda: window.library_model.rowCount() == total, timeout=3000)
    assert gone[0] in window.library.store.article_ids()


def test_article_themes_from_the_article_tab(qtbot: QtBot, window: MainWindow) -> None:
    article = window.reader.article
    assert article is not None
    window.side.setCurrentWidget(window.details)
    click(qtbot, window.details.themes_button)
    picker = active_dialog(qtbot, "themePicker")
    type_text(qtbot, picker.filter, "Local")
    qtbot.keyClick(picker.filter, Key.Key_Return)
    qtbot.waitUntil(lambda: not picker.isVisible(), timeout=2000)
    assert article_themes(window.library.store, article.id) == ("local-concerns",)
    chips = [
        c for c in window.details.findChildren(QToolButton) if c.objectName() == "articleThemeChip"
    ]
    assert [c.text() for c in chips] == ["Local concerns  ×"]
    row = window.library_model.row_of(article.id)
    assert row is not None and window.library_model.article(row).themes == ("local-concerns",)

    click(qtbot, chips[0])  # × takes it off again
    assert article_themes(window.library.store, article.id) == ()


def test_a_change_made_on_the_command_line_shows_in_the_open_window(
    qtbot: QtBot, window: MainWindow
) -> None:
    article = window.reader.article
    assert article is not None
    quote = [p for p in article.text.split("\n\n") if len(p) > 120][1][:40].rsplit(" ", 1)[0]
    subprocess.run(
        [
            sys.executable,
            "-m",
            "reader",
            "--library",
            str(window.library.root),
            "highlight",
            str(article.id),
            "--quote",
            quote,
            "--note",
            "from the terminal",
        ],
        check=True,
        cwd=ROOT,
        capture_output=True,
    )
    qtbot.waitUntil(
        lambda: (
            [h.note for h in window.highlights_pane.model.highlights()] == ["from the terminal"]
        ),
        timeout=3000,
    )
    other = next(i for i in window.library.store.article_ids() if i != article.id)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "reader",
            "--library",
            str(window.library.root),
            "edit",
            str(other),
            "--title",
            "Retitled from a terminal",
        ],
        check=True,
        cwd=ROOT,
        capture_output=True,
    )
    row = window.library_model.row_of(other)
    qtbot.waitUntil(
        lambda: window.library_model.index(row, Column.TITLE).data() == "Retitled from a terminal",
        timeout=3000,
    )
    assert window.reader.article is not None and window.reader.article.id == article.id
    proxy = window.library_pane.proxy
    assert any(proxy.index(r, 0).data(ARTICLE_ID_ROLE) == other for r in range(proxy.rowCount()))
