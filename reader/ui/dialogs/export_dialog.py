"""File ▸ Export…: scope, grouping, format and destination, with a preview.

The preview renders the first few articles of the scope on the GUI thread (small and
fast); the export itself runs on the writer thread with progress and Cancel, and the
result's folder opens when it is done. Nothing is overwritten without asking.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from reader.core.errors import ReaderError
from reader.core.export import FORMATS, ExportResult, render_bytes, select
from reader.core.library import Library
from reader.ui.look.plain import plain_html
from reader.ui.tasks import Task, TaskRunner, thread_library

FORMAT_NAMES = {
    "md": "Markdown (.md)",
    "html": "HTML, one self-contained file (.html)",
    "pdf": "PDF (.pdf)",
    "docx": "Word document (.docx)",
    "csv": "CSV, one row per highlight (.csv)",
    "json": "W3C Web Annotations (.json)",
}
PREVIEW_ARTICLES = 3


class ExportDialog(QDialog):
    def __init__(
        self,
        parent: QWidget,
        library: Library,
        runner: TaskRunner,
        selected: Sequence[int],
        filtered: Sequence[int] | None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle(self.tr("Export Highlights and Notes"))
        self.resize(860, 620)
        self.library, self.runner = library, runner
        self.scopes: dict[int, list[int] | None] = {0: None, 1: list(selected)}
        self.scope = QButtonGroup(self)
        scope_box = QVBoxLayout()
        options = [
            (0, self.tr("All articles")),
            (1, self.tr("Selected articles (%1)").replace("%1", str(len(selected)))),
        ]
        if filtered is not None:
            self.scopes[2] = list(filtered)
            options.append(
                (
                    2,
                    self.tr("What the current search and theme filter show (%1)").replace(
                        "%1", str(len(filtered))
                    ),
                )
            )
        for key, text in options:
            button = QRadioButton(text, self)
            button.setEnabled(key == 0 or bool(self.scopes[key]))
            self.scope.addButton(button, key)
            scope_box.addWidget(button)
        self.scope.button(2 if filtered else (1 if selected else 0)).setChecked(True)
        self.group = QComboBox(self)
        self.group.addItem(self.tr("By article (citation, article note, highlights)"), "article")
        self.group.addItem(self.tr("By theme (a synthesis across articles)"), "theme")
        self.format = QComboBox(self)
        for format_key in FORMATS:
            self.format.addItem(self.tr(FORMAT_NAMES[format_key]), format_key)
        self.per_article = QCheckBox(
            self.tr("One file per article, into a folder (Obsidian)"), self
        )
        self.destination = QLineEdit(self)
        browse = QPushButton(self.tr("Choose…"), self)
        browse.clicked.connect(self._browse)
        where = QHBoxLayout()
        where.addWidget(self.destination, 1)
        where.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.tr("Export"), scope_box)
        form.addRow(self.tr("Grouped"), self.group)
        form.addRow(self.tr("Format"), self.format)
        form.addRow("", self.per_article)
        form.addRow(self.tr("Save to"), where)
        self.preview = QTextBrowser(self)
        self.preview.setObjectName("exportPreview")
        self.progress = QProgressBar(self)
        self.progress.hide()
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # it names paths
        self.buttons = QDialogButtonBox(self)
        self.export_button = self.buttons.addButton(
            self.tr("Export"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.cancel)
        left = QVBoxLayout()
        left.addLayout(form)
        left.addStretch(1)
        body = QHBoxLayout()
        body.addLayout(left, 2)
        preview_box = QVBoxLayout()
        preview_box.addWidget(QLabel(self.tr("Preview (first articles)"), self))
        preview_box.addWidget(self.preview, 1)
        body.addLayout(preview_box, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.task: Task | None = None
        for signal in (
            self.scope.idClicked,
            self.group.currentIndexChanged,
            self.format.currentIndexChanged,
            self.per_article.toggled,
        ):
            signal.connect(self._changed)
        self._changed()

    # -- choices -------------------------------------------------------------------------

    def fmt(self) -> str:
        return str(self.format.currentData())

    def article_ids(self) -> list[int] | None:
        return self.scopes.get(self.scope.checkedId())

    def _changed(self) -> None:
        self.per_article.setEnabled(self.fmt() == "md" and self.group.currentData() == "article")
        if not self.per_article.isEnabled():
            self.per_article.setChecked(False)
        current = Path(self.destination.text()) if self.destination.text() else None
        base = current.parent if current and not self.per_article.isChecked() else Path.home()
        name = "research-reader-export" + (
            "" if self.per_article.isChecked() else FORMATS[self.fmt()]
        )
        self.destination.setText(str(base / name))
        self._preview()

    def _browse(self) -> None:
        if self.per_article.isChecked():
            folder = QFileDialog.getExistingDirectory(self, self.tr("Export into folder"))
            if folder:
                self.destination.setText(folder)
            return
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export to"), self.destination.text(), f"*{FORMATS[self.fmt()]}"
        )
        if path:
            self.destination.setText(path)

    def _preview(self) -> None:
        ids = self.article_ids()
        try:
            sample = select(
                self.library, (ids or self.library.store.article_ids())[:PREVIEW_ARTICLES]
            )
            shown = "html" if self.fmt() in ("html", "pdf", "docx") else self.fmt()
            text = render_bytes(sample, shown, self.group.currentData()).decode("utf-8")
        except ReaderError as exc:
            self.preview.setPlainText(str(exc))
            return
        if shown == "html":
            self.preview.setHtml(text)
        else:
            self.preview.setPlainText(text[:6000])

    # -- running -------------------------------------------------------------------------

    def start(self) -> None:
        dest = Path(self.destination.text()).expanduser()
        force = False
        if dest.exists() and not self.per_article.isChecked():
            answer = QMessageBox.question(
                self,
                self.tr("Replace?"),
                self.tr("%1 exists. Replace it?").replace("%1", str(dest)),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
            force = True
        root, fmt, ids = self.library.root, self.fmt(), self.article_ids()
        group, per_article = str(self.group.currentData()), self.per_article.isChecked()

        def job(task: Task) -> ExportResult:
            from reader.core.export import export
            from reader.ui.export_pdf import render_pdf

            return export(
                thread_library(root),
                fmt,
                dest,
                article_ids=ids,
                group_by=group,  # type: ignore[arg-type]
                per_article=per_article,
                force=force,
                progress=task.report,
                cancelled=task.cancel,
                pdf_renderer=render_pdf,
            )

        self.export_button.setEnabled(False)
        self.progress.show()
        self.progress.setRange(0, 0)
        self.task = self.runner.submit(job, self._done, self._failed, self._progress)

    def _progress(self, done: int, total: int, what: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.status.setText(what)

    def _done(self, result: ExportResult) -> None:
        self.task = None
        self.progress.hide()
        if not result.paths:
            return
        folder = result.paths[0] if result.paths[0].is_dir() else result.paths[0].parent
        self.status.setText(
            self.tr("Exported %1 highlight(s) from %2 article(s) to %3")
            .replace("%1", str(result.highlights))
            .replace("%2", str(result.articles))
            .replace("%3", str(result.paths[0]))
        )
        if not getattr(self, "quiet", False):
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
        self.accept()

    def _failed(self, message: str) -> None:
        self.task = None
        self.progress.hide()
        self.export_button.setEnabled(True)
        self.status.setText(message)
        if "cancel" not in message.lower():
            QMessageBox.warning(self, self.tr("Export failed"), plain_html(message))

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel.cancel()
            self.status.setText(self.tr("Cancelling…"))
            return
        self.reject()
