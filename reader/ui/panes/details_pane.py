"""Right pane: the open article's metadata (highlights and themes join it later)."""

from __future__ import annotations

from html import escape as _escape

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from reader.core.models import Article
from reader.ui.look.plain import link_html, open_safe_link, plain_html
from reader.ui.panes.highlights_pane import NOTE_SAVE_MS, NoteEdit

FIELDS = (
    ("Date", "date"),
    ("Source", "source"),
    ("Author", "author"),
    ("Categories", "categories"),
    ("Link", "url"),
    ("File", "path"),
    ("Imported", "imported_at"),
    ("Changed", "modified_at"),
)


class DetailsPane(QScrollArea):
    """The article as a whole: its note (saved as you type) and its metadata."""

    note_edited = Signal(int, str, str)  # article id, old note, new note

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailsPane")
        self.setWidgetResizable(True)
        self.article: Article | None = None
        self._saved_note = ""
        body = QWidget(self)
        self.heading = QLabel(self.tr("Article"), body)
        self.heading.setObjectName("paneHeading")
        self.title = QLabel(body)
        self.title.setObjectName("detailsTitle")
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)  # a title is never markup
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        self.values: dict[str, QLabel] = {}
        for label, attr in FIELDS:
            value = QLabel(body)
            value.setWordWrap(True)
            value.setTextFormat(Qt.TextFormat.RichText)  # every value escaped below
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
            value.linkActivated.connect(open_safe_link)  # http(s)/mailto only, checked again
            caption = QLabel(self.tr(label), body)
            caption.setObjectName("fieldLabel")
            self.form.addRow(caption, value)
            self.values[attr] = value
        self.counts = QLabel(body)
        self.counts.setObjectName("fieldLabel")
        self.counts.setWordWrap(True)
        note_label = QLabel(self.tr("Article note"), body)
        note_label.setObjectName("fieldLabel")
        self.note = NoteEdit(body)
        self.note.setObjectName("articleNote")
        self.note.setPlaceholderText(self.tr("Notes on the whole article…"))
        self.note.setMaximumHeight(140)
        self.note.setTabChangesFocus(True)
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(NOTE_SAVE_MS)
        self._save_timer.timeout.connect(self.save_note)
        self.note.textChanged.connect(self._save_timer.start)
        self.note.left.connect(self.save_note)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(self.heading)
        layout.addWidget(self.title)
        layout.addWidget(note_label)
        layout.addWidget(self.note)
        layout.addLayout(self.form)
        layout.addWidget(self.counts)
        layout.addStretch(1)
        self.setWidget(body)
        self.show_article(None)

    def save_note(self) -> None:
        self._save_timer.stop()
        text = self.note.toPlainText()
        if self.article is not None and text != self._saved_note:
            self.note_edited.emit(self.article.id, self._saved_note, text)
            self._saved_note = text

    def set_note(self, article_id: int, note: str) -> None:
        """The note changed in the store (undo/redo): show it unless it is being typed."""
        if self.article is None or self.article.id != article_id or note == self.note.toPlainText():
            return
        self._saved_note = note
        self.note.blockSignals(True)
        self.note.setPlainText(note)
        self.note.blockSignals(False)

    def show_article(self, article: Article | None) -> None:
        self.save_note()
        self.article = article
        self._saved_note = article.note if article else ""
        self.note.blockSignals(True)
        self.note.setPlainText(self._saved_note)
        self.note.blockSignals(False)
        self.note.setEnabled(article is not None)
        self.title.setText(article.title if article else self.tr("No article open"))
        for attr, label in self.values.items():
            value = getattr(article, attr, None) if article else None
            if isinstance(value, tuple):
                value = ", ".join(value)
            if attr == "url" and value:
                value = link_html(value)
            elif attr == "path" and value:  # shown, never opened: only web links open
                value = _escape(value.rsplit("/", 1)[-1])
            elif value:
                value = _escape(
                    str(value).replace("T", " ").replace("Z", " UTC")
                    if attr.endswith("_at")
                    else str(value)
                )
            label.setText(value or "")
            self.form.setRowVisible(label, bool(value))
            label.setToolTip(plain_html(article.path) if article and attr == "path" else "")
        if article:
            words = len(article.text.split())
            self.counts.setText(
                self.tr("%1 words · about %2 min read")
                .replace("%1", f"{words:,}")
                .replace("%2", str(max(1, round(words / 230))))
            )
        else:
            self.counts.setText("")
