"""With 260 matching articles the window's total, its list, the theme counts and the
export scope agree (issue 12: the search used to stop at 200 and the counts with it)."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from reader.core.articles import tag_articles
from reader.core.library import Library, LibraryLocation
from reader.ui.app import create_application
from reader.ui.dialogs.export_dialog import ExportDialog
from reader.ui.settings import Settings
from reader.ui.window.main_window import MainWindow
from tests.gui_helpers import isolate_settings
from tests.journeys.driving import Key, Mod, active_dialog, click, type_text
from tests.test_filtering import _library


def test_260_matches_in_the_window(qtbot: QtBot, tmp_path: Path) -> None:
    isolate_settings(tmp_path / "config")
    built = _library(tmp_path)
    matching = [a.id for a in built.store.summaries() if "zephyrine" in a.title]
    tag_articles(built, matching[::2], ["china"])
    built.close()
    create_application()
    window = MainWindow(Library.open(LibraryLocation(tmp_path / "lib", explicit=True)), Settings())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.writes.wait()

    with qtbot.waitSignal(window.search.results_ready, timeout=20000):
        click(qtbot, window.search_field)
        type_text(qtbot, window.search_field, "zephyrine")
    assert window.search_message.text() == "260 matches"
    assert window.results_model.total == 260
    assert window.results_model.rowCount() == 200  # the list shows the first 200
    china = window.themes.pane.themes.model.index_of("china", 2)
    assert china.data() == "130"  # over all 260 matches
    window.activateWindow()
    qtbot.keyClick(window.search_field, Key.Key_E, Mod.ControlModifier)  # File ▸ Export…
    dialog = active_dialog(qtbot, "exportDialog")
    assert isinstance(dialog, ExportDialog)
    assert dialog.scope.button(2).text().endswith("(260)")
    assert "260 articles" in dialog.summary.text() or dialog.scope.checkedId() != 2
    dialog.close()
    window.close()
