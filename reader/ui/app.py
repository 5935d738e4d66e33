"""Start the GUI: the application object, its style, the main window, ``--screenshot``."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from reader import __version__
from reader.core.assets import resources_dir
from reader.core.errors import ReaderError
from reader.core.library import Library, LibraryLocation
from reader.ui.look.icons import app_icon
from reader.ui.settings import APPLICATION, ORGANIZATION, Settings
from reader.ui.window.main_window import MainWindow

SCREENSHOT_SIZE = (1440, 900)
log = logging.getLogger(__name__)


def create_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    QCoreApplication.setApplicationVersion(__version__)
    QApplication.setDesktopFileName("io.github.research_reader.ResearchReader")
    app = QApplication(argv or [sys.argv[0]])
    app.setApplicationDisplayName("Research Reader")
    app.setStyle("Fusion")
    app.setWindowIcon(app_icon())
    app.setStyleSheet((resources_dir() / "style.qss").read_text(encoding="utf-8"))
    return app


def open_window(location: LibraryLocation) -> MainWindow:
    """The main window on ``location``, with the last (or first) article reopened."""
    window = MainWindow(Library.open(location), Settings())
    window._restore_article()
    return window


def run(location: LibraryLocation, screenshot: Path | None = None, query: str | None = None) -> int:
    """Run the app until its window closes; with ``screenshot`` render one PNG and exit.

    A library that cannot be opened (a read-only folder, an empty or foreign store) is
    told in a message box as well as on stderr: started from a desktop menu, a person
    sees no terminal. The error then goes on to the command line's one-line report."""
    app = create_application()
    try:
        window = open_window(location)
    except ReaderError as exc:
        if screenshot is None:
            tell_cannot_open(str(exc))
        raise
    route_errors_to(window)
    if screenshot is not None:
        return take_screenshot(app, window, screenshot, query)
    window.show()
    if query:
        window.search_field.setText(query)
    return app.exec()


def route_errors_to(window: MainWindow) -> None:
    """A :class:`ReaderError` that escapes a slot — a read that meets a damaged page of
    the store, a file gone meanwhile — is a one-line message for the person: the
    window's status bar says it, instead of a traceback on a terminal nobody reads.
    Anything else goes on to the hook before (a bug must still be seen)."""
    previous = sys.excepthook

    def hook(kind: type[BaseException], value: BaseException, trace: TracebackType | None) -> None:
        if isinstance(value, ReaderError):
            log.warning("%s", value)
            window.say_problem(str(value))
        else:
            previous(kind, value, trace)

    sys.excepthook = hook


def tell_cannot_open(message: str) -> None:
    """A modal box saying why the library cannot be opened (plain text: it names files)."""
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        QCoreApplication.translate("app", "Cannot open the library"),
        message,
        QMessageBox.StandardButton.Close,
    )
    box.setObjectName("cannotOpenLibrary")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setInformativeText(
        QCoreApplication.translate(
            "app", "Nothing was changed. Start Research Reader again once it is fixed."
        )
    )
    box.exec()


def take_screenshot(app: QApplication, window: MainWindow, path: Path, query: str | None) -> int:
    """Lay the window out at a fixed size, optionally run a search, and save it as PNG."""
    window.imports.quiet = True
    window.resize(*SCREENSHOT_SIZE)
    window.show()
    app.processEvents()
    if query:
        window.search_field.setText(query)
        window.search.run_now()
        window.reads.wait()
        app.processEvents()
        first = window.results_model.index(0, 0)
        if first.isValid():
            window.open_article(int(first.data(Qt.ItemDataRole.UserRole + 1)), from_search=True)
            window.reads.wait()
            app.processEvents()
    done: list[bool] = []
    QTimer.singleShot(150, lambda: done.append(window.grab().save(str(path), "PNG")))
    while not done:
        app.processEvents()
    window.close()
    if not done[0]:
        print(f"research-reader: error: cannot write the screenshot to {path}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(run(LibraryLocation(Path(sys.argv[1]), True)))
