"""The window's three panes stay in their places: library, reader (or synthesis), side."""

from __future__ import annotations

from reader.ui.window.main_window import MainWindow


def test_the_centre_is_the_reader_between_library_and_side_pane(window: MainWindow) -> None:
    splitter = window.splitter
    assert splitter.count() == 3
    assert splitter.widget(0) is window.library_pane
    assert splitter.widget(2) is window.side
    centre = splitter.widget(1)
    assert centre.isAncestorOf(window.reader_pane)
    assert splitter.indexOf(window.side) == 2
