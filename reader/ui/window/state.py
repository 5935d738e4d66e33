"""What of the window comes back next time: geometry, panes, sort, reading style.

Keys live in :class:`Settings`; this module only says which widget state maps to which.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QSplitter, QTabWidget

from reader.ui.models.library_model import Column
from reader.ui.panes.library_pane import LibraryPane
from reader.ui.reading.article_document import DEFAULT_POINT_SIZE, ReaderStyle
from reader.ui.reading.reader_view import ReaderView
from reader.ui.settings import Settings


class StatefulWindow(Protocol):
    """The parts of the main window whose state is kept (naming the window's class here
    would make the two modules import each other)."""

    @property
    def settings(self) -> Settings: ...
    @property
    def splitter(self) -> QSplitter: ...
    @property
    def side(self) -> QTabWidget: ...
    @property
    def library_pane(self) -> LibraryPane: ...
    @property
    def reader(self) -> ReaderView: ...
    @property
    def actions_by_name(self) -> dict[str, QAction]: ...

    def saveGeometry(self) -> QByteArray: ...
    def restoreGeometry(self, geometry: QByteArray) -> bool: ...
    def saveState(self, version: int = ...) -> QByteArray: ...
    def restoreState(self, state: QByteArray, version: int = ...) -> bool: ...
    def resize(self, w: int, h: int) -> None: ...


def restore_window_state(window: StatefulWindow) -> None:
    s = window.settings
    geometry = s.bytes(Settings.GEOMETRY)
    if geometry is None or not window.restoreGeometry(geometry):
        window.resize(1440, 900)
    if state := s.bytes(Settings.WINDOW_STATE):
        window.restoreState(state)
    if splitter := s.bytes(Settings.SPLITTER):
        window.splitter.restoreState(splitter)
    if library_split := s.bytes(Settings.LIBRARY_SPLIT):
        window.library_pane.split.restoreState(library_split)
    else:
        window.library_pane.split.setSizes([560, 260])
    header = window.library_pane.table.horizontalHeader()
    if header_state := s.bytes(Settings.LIBRARY_HEADER):
        header.restoreState(header_state)
    column = s.get(Settings.SORT_COLUMN, int(Column.DATE))
    order = Qt.SortOrder(s.get(Settings.SORT_ORDER, int(Qt.SortOrder.DescendingOrder.value)))
    window.library_pane.table.sortByColumn(column, order)
    size = float(s.get(Settings.FONT_SIZE, DEFAULT_POINT_SIZE))
    serif = s.get(Settings.SERIF, True)
    window.reader.set_reading_style(ReaderStyle(size, serif))
    window.actions_by_name["serif"].setChecked(serif)
    visible = s.get(Settings.RIGHT_PANEL, True)
    window.actions_by_name["details"].setChecked(visible)
    window.side.setVisible(visible)


def save_window_state(window: StatefulWindow) -> None:
    s = window.settings
    s.set(Settings.GEOMETRY, window.saveGeometry())
    s.set(Settings.WINDOW_STATE, window.saveState())
    s.set(Settings.SPLITTER, window.splitter.saveState())
    s.set(Settings.LIBRARY_SPLIT, window.library_pane.split.saveState())
    header = window.library_pane.table.horizontalHeader()
    s.set(Settings.LIBRARY_HEADER, header.saveState())
    s.set(Settings.SORT_COLUMN, header.sortIndicatorSection())
    s.set(Settings.SORT_ORDER, header.sortIndicatorOrder().value)
    s.set(Settings.RIGHT_PANEL, window.actions_by_name["details"].isChecked())
    s.sync()
