"""Every Qt model in the window passes pytest-qt's model tester (Qt's own
QAbstractItemModelTester): consistent indexes, parents, row counts and signals, with
real data from the sample library, and again after the data changes under it."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QStandardItemModel
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from reader.core.annotations.highlights import add_highlight, all_highlights
from reader.core.themes import Theme
from reader.core.themes.suggestions import suggestions_for
from reader.ui.models.highlights_model import HighlightsModel
from reader.ui.models.themes_model import MIME, ThemeColumn, ThemeTreeModel
from reader.ui.panes.suggestions_pane import SuggestionsModel
from reader.ui.widgets.theme_picker import ThemePicker
from reader.ui.window.main_window import MainWindow


def _highlight_everywhere(window: MainWindow) -> None:
    """Two highlights on each article, each on a theme, so every view has rows."""
    store = window.library.store
    theme_ids = [t.id for t in window.library.taxonomy.themes]
    for n, row in enumerate(store.summaries()):
        themes = [theme_ids[n % len(theme_ids)]]
        add_highlight(store, row.id, 0, 20, themes)
        add_highlight(store, row.id, 40, 80, themes, note="why it matters")


def test_library_model_and_proxy(qtmodeltester: ModelTester, window: MainWindow) -> None:
    assert window.library_model.rowCount() > 0
    qtmodeltester.check(window.library_model)
    proxy = window.library_pane.proxy
    qtmodeltester.check(proxy)
    proxy.set_quick_filter("missile")
    proxy.sort(1, Qt.SortOrder.AscendingOrder)
    proxy.set_allowed_ids(frozenset({window.library_model.article(0).id}))
    proxy.set_allowed_ids(None)


def test_search_results_model(qtmodeltester: ModelTester, window: MainWindow) -> None:
    result = window.library.search("missile")
    window.results_model.set_hits("missile", list(result.hits), result.total)
    assert window.results_model.rowCount() > 0
    qtmodeltester.check(window.results_model)
    window.results_model.clear()


def test_board_model(qtmodeltester: ModelTester, window: MainWindow) -> None:
    _highlight_everywhere(window)
    themes = window.library_pane.themes.model
    themes.setData(themes.index(0, 0), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    window.themes.refresh_board()
    board = window.library_pane.board_model
    assert board.rowCount() > 0
    qtmodeltester.check(board)
    board.sort(0, Qt.SortOrder.DescendingOrder)


def test_highlights_and_suggestions_models(qtmodeltester: ModelTester, window: MainWindow) -> None:
    _highlight_everywhere(window)
    highlights = HighlightsModel()
    highlights.set_highlights(all_highlights(window.library.store))
    assert highlights.rowCount() > 0
    qtmodeltester.check(highlights)
    highlights.set_highlights([])

    store, taxonomy = window.library.store, window.library.taxonomy
    found = [s for a in store.summaries() for s in suggestions_for(store, taxonomy, a.id)]
    suggestions = SuggestionsModel(window.look)
    suggestions.set_items(found)
    qtmodeltester.check(suggestions)
    checked = window.suggestions_pane.model
    qtmodeltester.check(checked)


def test_theme_filter_tree(qtmodeltester: ModelTester, window: MainWindow) -> None:
    model = window.library_pane.themes.model
    assert model.rowCount() > 0
    qtmodeltester.check(model)
    first = model.index(0, ThemeColumn.NAME)
    model.setData(first, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    model.set_excluded(model.theme_at(first).id, True)  # type: ignore[union-attr]
    model.set_counts({t.id: (1, 1) for t in window.library.taxonomy.themes})
    model.clear_filter()


def test_theme_tree_with_drag_and_drop(qtmodeltester: ModelTester, window: MainWindow) -> None:
    """The theme manager's tree: drag a theme onto another to re-parent it, or onto
    the empty space to make it top level; the model asks, the controller moves."""
    taxonomy = window.library.taxonomy
    model = ThemeTreeModel(draggable=True)
    model.set_taxonomy(taxonomy)
    qtmodeltester.check(model)

    dragged = model.index(0, ThemeColumn.NAME)
    target = model.index(1, ThemeColumn.NAME)
    assert model.flags(dragged) & Qt.ItemFlag.ItemIsDragEnabled
    assert model.flags(target) & Qt.ItemFlag.ItemIsDropEnabled
    assert model.flags(QModelIndex()) & Qt.ItemFlag.ItemIsDropEnabled
    assert model.supportedDropActions() == Qt.DropAction.MoveAction
    data = model.mimeData([dragged])
    assert data.hasFormat(MIME)
    assert model.canDropMimeData(data, Qt.DropAction.MoveAction, -1, -1, target)

    moves: list[tuple[str, object, int]] = []
    model.move_requested.connect(lambda *args: moves.append(args))
    model.dropMimeData(data, Qt.DropAction.MoveAction, -1, -1, target)
    model.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    dragged_id = model.theme_at(dragged).id  # type: ignore[union-attr]
    assert moves == [
        (dragged_id, model.theme_at(target).id, -1),  # type: ignore[union-attr]
        (dragged_id, None, 0),
    ]
    # the controller answers a move with a new taxonomy: the tester watches that reset
    moved = taxonomy.moved(dragged_id, model.theme_at(target).id)  # type: ignore[union-attr]
    model.set_taxonomy(moved)
    assert model.rowCount() == len(taxonomy.children(None)) - 1


def test_theme_picker_models(qtmodeltester: ModelTester, qtbot: QtBot, window: MainWindow) -> None:
    taxonomy = window.library.taxonomy
    first = taxonomy.themes[0].id

    def create(name: str) -> Theme:
        raise AssertionError(name)

    picker = ThemePicker(
        window, taxonomy, window.look.colour_of, [first], create, "Themes", partial=()
    )
    qtbot.addWidget(picker)
    assert isinstance(picker.model, QStandardItemModel)
    assert isinstance(picker.proxy, QSortFilterProxyModel)
    assert picker.model.rowCount() > 0
    qtmodeltester.check(picker.model)
    qtmodeltester.check(picker.proxy)
    qtbot.keyClicks(picker.filter, taxonomy.themes[-1].name[:3])
    qtbot.keyClicks(picker.filter, "zzz")
    picker.filter.clear()
    picker.reject()


def test_feeds_model(qtmodeltester: ModelTester, qtbot: QtBot) -> None:
    from reader.core.feeds import Feed
    from reader.ui.dialogs.feeds_dialog import FeedsModel

    model = FeedsModel()
    feeds = [
        Feed(1, "http://127.0.0.1/a.xml", "A", (), None, None, "2026-01-01T00:00:00Z", None, None),
        Feed(
            2, "http://127.0.0.1/b.xml", "", ("china",), None, None, "", "2026-01-02", "timed out"
        ),
    ]
    model.set_feeds(feeds)
    qtmodeltester.check(model)
    model.set_feeds(feeds[:1])
    model.set_feeds([])


def test_synthesis_cards_with_drag_and_drop(qtmodeltester: ModelTester, window: MainWindow) -> None:
    """A synthesis column's cards (the journey drags them for real): the model tester,
    then the drop a card makes on another column."""
    from reader.ui.synthesis.cards_model import CardsModel

    _highlight_everywhere(window)
    highlights = all_highlights(window.library.store)
    source = CardsModel("a", lambda: window.library.store)
    source.set_entries((highlights[0].article_id,), tuple(h.id for h in highlights[:5]))
    qtmodeltester.check(source)
    target = CardsModel("b", lambda: window.library.store)
    data = source.mimeData([source.index(0, 0)])
    assert target.canDropMimeData(data, Qt.DropAction.MoveAction, -1, -1, QModelIndex())
    assert not source.canDropMimeData(data, Qt.DropAction.MoveAction, -1, -1, QModelIndex())
    retags: list[tuple[int, object, object, bool]] = []
    target.retag_requested.connect(lambda *args: retags.append(args))
    assert target.dropMimeData(data, Qt.DropAction.CopyAction, -1, -1, QModelIndex())
    assert retags == [(highlights[0].id, "a", "b", True)]
