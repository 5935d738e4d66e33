"""File ▸ Export…: scope, grouping, format and destination, with a preview.

A line above the preview states what the whole export holds for the chosen scope
(counted in the store); the preview renders its first few annotated articles on the GUI
thread (small and fast). The export itself runs on the writer thread with progress and
Cancel; when it is written the dialog says where, with Open and Show in Folder. Format,
scope and grouping are remembered. Nothing is overwritten without asking.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
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
from reader.core.export import FORMATS, REGISTRY, ExportResult, render_bytes, select
from reader.core.export.formats import BY_KEY
from reader.core.export.options import ExportOptions
from reader.core.export.summary import ScopeSummary, scope_summary
from reader.core.library import Library
from reader.ui.look.plain import plain_html
from reader.ui.look.wording import plural
from reader.ui.settings import Settings
from reader.ui.tasks import Task, TaskRunner, thread_library

FORMAT_NAMES = {f.key: f.label for f in REGISTRY}
PREVIEW_ARTICLES = 3
# (caption, PNG) figures for the articles of a scope (None: all): the synthesis charts.
FigureSource = Callable[[Sequence[int] | None], list[tuple[str, bytes]]]


class ExportDialog(QDialog):
    """``exported(paths)`` once the files are written (the dialog then stays open to
    offer Open / Show in Folder)."""

    exported = Signal(list)

    def __init__(
        self,
        parent: QWidget,
        library: Library,
        runner: TaskRunner,
        selected: Sequence[int],
        filtered: Sequence[int] | None,
        figures: FigureSource | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle(self.tr("Export Highlights and Notes"))
        self.resize(860, 620)
        self.library, self.runner, self.figures = library, runner, figures
        self.settings = Settings()
        self.written: list[Path] = []
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
        remembered = self.settings.get(Settings.EXPORT_SCOPE, -1)
        chosen = self.scope.button(remembered)
        if chosen is None or not chosen.isEnabled():
            chosen = self.scope.button(2 if filtered else (1 if selected else 0))
        chosen.setChecked(True)
        self.group = QComboBox(self)
        self.group.addItem(self.tr("By article (citation, article note, highlights)"), "article")
        self.group.addItem(self.tr("By theme (a synthesis across articles)"), "theme")
        self.format = QComboBox(self)
        for format_key in FORMATS:
            self.format.addItem(self.tr(FORMAT_NAMES[format_key]), format_key)
        _choose(self.group, self.settings.get(Settings.EXPORT_GROUPING, ""))
        _choose(self.format, self.settings.get(Settings.EXPORT_FORMAT, ""))
        self.per_article = QCheckBox(
            self.tr("One file per article, into a folder (Obsidian)"), self
        )
        self.unannotated = QCheckBox(self.tr("Also articles without highlights or notes"), self)
        self.unannotated.setObjectName("exportUnannotated")
        self.unannotated.setChecked(bool(self.settings.get(Settings.EXPORT_UNANNOTATED, False)))
        self.citation_style = QComboBox(self)
        self.citation_style.setObjectName("exportStyle")
        for style, label in (("chicago-author-date", "Chicago (author-date)"), ("apa", "APA")):
            self.citation_style.addItem(self.tr(label), style)
        _choose(self.citation_style, self.settings.get(Settings.EXPORT_STYLE, ""))
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
        form.addRow("", self.unannotated)
        form.addRow(self.tr("Citations"), self.citation_style)
        form.addRow(self.tr("Save to"), where)
        self.preview = QTextBrowser(self)
        self.preview.setObjectName("exportPreview")
        self.summary = QLabel(self)
        self.summary.setObjectName("exportSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.progress = QProgressBar(self)
        self.progress.hide()
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # it names paths
        self.buttons = QDialogButtonBox(self)
        self.export_button = self.buttons.addButton(
            self.tr("Export"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.open_button = self.buttons.addButton(
            self.tr("Open"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.folder_button = self.buttons.addButton(
            self.tr("Show in Folder"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.open_button.clicked.connect(self._open_file)
        self.folder_button.clicked.connect(self._open_folder)
        for extra in (self.open_button, self.folder_button):
            extra.hide()
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.cancel)
        left = QVBoxLayout()
        left.addLayout(form)
        left.addStretch(1)
        body = QHBoxLayout()
        body.addLayout(left, 2)
        preview_box = QVBoxLayout()
        preview_box.addWidget(self.summary)
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
            self.unannotated.toggled,
            self.citation_style.currentIndexChanged,
        ):
            signal.connect(self._changed)
        self._changed()

    # -- choices -------------------------------------------------------------------------

    def fmt(self) -> str:
        return str(self.format.currentData())

    def article_ids(self) -> list[int] | None:
        return self.scopes.get(self.scope.checkedId())

    def _changed(self) -> None:
        self.per_article.setEnabled(
            BY_KEY[self.fmt()].per_article and self.group.currentData() == "article"
        )
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
        sample_ids = self._summarise()
        spec = BY_KEY[self.fmt()]
        if spec.preview == "none":
            self.preview.setPlainText(spec.description)
            return
        try:
            sample = select(
                self.library,
                sample_ids,
                include_unannotated=spec.kind != "notes" or self.unannotated.isChecked(),
            )
            shown = "html" if spec.preview == "html" else spec.key
            label = self.tr("preview of %1: its first %2").replace("%1", self._scope_name())
            sample = dataclasses.replace(sample, scope=label.replace("%2", str(len(sample_ids))))
            options = ExportOptions(
                self.group.currentData(), str(self.citation_style.currentData())
            )
            text = render_bytes(sample, shown, options=options).decode("utf-8")
        except ReaderError as exc:
            self.preview.setPlainText(str(exc))
            return
        if shown == "html":
            self.preview.setHtml(text)
        else:
            self.preview.setPlainText(text[:6000])

    def _summarise(self) -> list[int]:
        """State what the export will hold; the articles to preview: the scope's first
        annotated ones (the first few of "All articles" are often unannotated)."""
        ids = self.article_ids()
        summary = scope_summary(self.library.store, ids)
        self.summary.setText(self._describe(summary))
        sample_ids = list(summary.annotated[:PREVIEW_ARTICLES])
        if not sample_ids:  # nothing annotated: show the articles themselves
            sample_ids = list((ids or self.library.store.article_ids())[:PREVIEW_ARTICLES])
        return sample_ids

    def _scope_name(self) -> str:
        button = self.scope.checkedButton()
        return button.text().split(" (")[0].lower() if button else ""

    def _describe(self, summary: ScopeSummary) -> str:
        """What the written file will hold (the preview shows only its start)."""
        return (
            self.tr("Exports %1: %2 (%3 with highlights), %4. Preview:")
            .replace("%1", self._scope_name())
            .replace("%2", plural(summary.articles, self.tr("article")))
            .replace("%3", f"{len(summary.annotated):,}")
            .replace("%4", plural(summary.highlights, self.tr("highlight")))
        )

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
        self.settings.set(Settings.EXPORT_FORMAT, fmt)
        self.settings.set(Settings.EXPORT_GROUPING, group)
        self.settings.set(Settings.EXPORT_SCOPE, self.scope.checkedId())
        unannotated, style = self.unannotated.isChecked(), str(self.citation_style.currentData())
        self.settings.set(Settings.EXPORT_UNANNOTATED, unannotated)
        self.settings.set(Settings.EXPORT_STYLE, style)
        figures = self._figures(fmt, group, ids)

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
                obsidian=per_article,  # the folder export is the Obsidian vault one
                include_unannotated=unannotated,
                style=style,
                force=force,
                progress=task.report,
                cancelled=task.cancel,
                pdf_renderer=render_pdf,
                figures=figures,
            )

        self.export_button.setEnabled(False)
        self.progress.show()
        self.progress.setRange(0, 0)
        self.task = self.runner.submit(job, self._done, self._failed, self._progress)

    def _progress(self, done: int, total: int, what: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.status.setText(what)

    def _figures(self, fmt: str, group: str, ids: list[int] | None) -> list[tuple[str, bytes]]:
        """The synthesis charts for an export grouped by theme, in the formats that hold
        pictures; drawn here, on the GUI thread, as painting needs the app's fonts."""
        if self.figures is None or group != "theme" or fmt not in ("html", "pdf", "docx"):
            return []
        return list(self.figures(ids))

    def _done(self, result: ExportResult) -> None:
        self.task = None
        self.progress.hide()
        if not result.paths:
            self.export_button.setEnabled(True)
            return
        self.written = list(result.paths)
        self.status.setText(
            self.tr("Exported %1 highlight(s) from %2 article(s) to %3")
            .replace("%1", str(result.highlights))
            .replace("%2", str(result.articles))
            .replace("%3", str(result.paths[0]))
        )
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_button.setVisible(not result.paths[0].is_dir())
        self.folder_button.show()
        self.export_button.setEnabled(True)
        self.export_button.setText(self.tr("Export Again"))
        self.cancel_button.setText(self.tr("Close"))
        self.exported.emit(self.written)

    def _open_file(self) -> None:
        if self.written:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.written[0])))

    def _open_folder(self) -> None:
        if self.written:
            first = self.written[0]
            folder = first if first.is_dir() else first.parent
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

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


def _choose(combo: QComboBox, data: str) -> None:
    """Select the item holding ``data`` (a remembered choice), if it is still offered."""
    found = combo.findData(data)
    if found >= 0:
        combo.setCurrentIndex(found)
