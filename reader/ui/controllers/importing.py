"""Import in the background: progress and Cancel in the status bar, a summary at the end."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QToolButton,
    QWidget,
)

from reader.core.importing.registry import dialog_filter
from reader.core.library import Library
from reader.core.models import ImportReport
from reader.ui.look.icons import icon
from reader.ui.look.plain import plain_html
from reader.ui.tasks import Task, thread_library
from reader.ui.workspace import Workspace


class ProgressWidget(QWidget):
    """A label, a bar and a Cancel button for the status bar; hidden when idle."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # file names are not markup
        self.bar = QProgressBar(self)
        self.bar.setMaximumWidth(220)
        self.bar.setTextVisible(False)
        self.cancel_button = QToolButton(self)
        self.cancel_button.setIcon(icon("cancel"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Cancel (files already imported stay)"))
        self.cancel_button.setAutoRaise(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        self.hide()

    def start(self, text: str) -> None:
        self.label.setText(text)
        self.bar.setRange(0, 0)
        self.cancel_button.setEnabled(True)
        self.show()

    def update(self, done: int, total: int, label: str) -> None:  # type: ignore[override]
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)
        name = Path(label).name if label else ""
        self.label.setText(
            self.tr("Importing %1 of %2 %3")
            .replace("%1", str(min(done + 1, total)))
            .replace("%2", str(total))
            .replace("%3", name)[:80]
        )


class ImportController(QObject):
    """Runs imports on the write runner; ``finished(report)`` after the library changed."""

    finished = Signal(object)

    def __init__(self, *, window: QWidget, workspace: Workspace, progress: ProgressWidget) -> None:
        super().__init__(window)
        self.workspace, self.progress, self.parent_widget = workspace, progress, window
        self.task: Task | None = None
        self.quiet = False  # tests and --screenshot: no summary dialog
        progress.cancel_button.clicked.connect(self.cancel)

    def ask_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self.parent_widget, self.tr("Import articles"), "", dialog_filter()
        )
        self.start([Path(f) for f in files])

    def ask_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self.parent_widget, self.tr("Import every article in a folder")
        )
        if folder:
            self.start([Path(folder)])

    def start(self, paths: Sequence[Path | str]) -> Task | None:
        """Import files, folders or web addresses (strings) in the background."""
        if not paths:
            return None
        return self.run(
            lambda library, task: library.import_paths(
                paths, progress=task.report, cancelled=task.cancel
            )
        )

    def run(self, work: Callable[[Library, Task], ImportReport]) -> Task | None:
        """Run an import-like job (files, feed updates) on this thread's library, with the
        same progress, Cancel and summary; ``work`` must not touch widgets."""
        if self.task is not None:
            QMessageBox.information(
                self.parent_widget,
                self.tr("Import"),
                self.tr("An import is already running; wait for it or cancel it."),
            )
            return None
        root = self.workspace.library.root
        self.progress.start(self.tr("Preparing import…"))

        self.task = self.workspace.writes.submit(
            lambda task: work(thread_library(root), task),
            self._done,
            self._failed,
            self.progress.update,
        )
        return self.task

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel.cancel()
            self.progress.cancel_button.setEnabled(False)
            self.progress.label.setText(self.tr("Cancelling…"))

    def _failed(self, message: str) -> None:
        self.task = None
        self.progress.hide()
        QMessageBox.warning(self.parent_widget, self.tr("Import failed"), plain_html(message))

    def _done(self, report: ImportReport) -> None:
        self.task = None
        self.progress.hide()
        self.finished.emit(report)
        if not self.quiet:
            self.show_summary(report)

    def show_summary(self, report: ImportReport) -> None:
        headline = (
            self.tr("%1 imported, %2 updated, %3 skipped")
            .replace("%1", str(report.imported))
            .replace("%2", str(report.updated))
            .replace("%3", str(report.skipped))
        )
        if report.cancelled:
            headline += self.tr(" (cancelled)")
        box = QMessageBox(self.parent_widget)
        box.setWindowTitle(self.tr("Import finished"))
        box.setIcon(QMessageBox.Icon.Warning if report.failed else QMessageBox.Icon.Information)
        box.setText(f"<b>{escape(headline)}</b>")
        skipped = [o for o in report.outcomes if o.status not in ("imported", "updated")]
        if skipped:
            box.setInformativeText(self.tr("Skipped files and why are listed under Details."))
            box.setDetailedText("\n".join(f"{Path(o.path).name}: {o.reason}" for o in skipped))
        box.open()
