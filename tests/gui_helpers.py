"""Shared helpers for GUI tests: a main window on a fresh library with fresh settings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from reader.core.library import Library, LibraryLocation
from reader.ui.app import create_application
from reader.ui.settings import Settings
from reader.ui.window.main_window import MainWindow


def isolate_settings(folder: Path) -> None:
    """QSettings caches its paths process-wide: point them at this test's folder."""
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))


def open_main_window(qtbot: QtBot, root: Path, seeded: bool = True) -> MainWindow:
    create_application()
    window = MainWindow(Library.open(LibraryLocation(root, explicit=not seeded)), Settings())
    window.imports.quiet = True
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()  # shortcuts reach only the active window
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    window._restore_article()
    window.writes.wait()
    return window


def close_window(window: MainWindow) -> None:
    window.close()
