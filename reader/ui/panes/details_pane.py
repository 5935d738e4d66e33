"""Right pane, Article tab: the whole article — its themes, its note, its details.

Title, date, author, source and web address are edited in place: each field is
committed when the user leaves it or presses Enter (an undoable edit, searchable at
once); a value the core refuses (a date that is not a date) is shown in red with the
reason, and the stored value comes back. Every string from the article is shown as
plain text, and only an http(s) address is ever a clickable link.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.core.models import Article
from reader.ui.look.colours import readable_text_on
from reader.ui.look.icons import icon
from reader.ui.look.plain import is_safe_link, open_safe_link, plain_html
from reader.ui.widgets.note_editor import NoteEditor

#: The fields a person may correct: (article attribute, label, placeholder).
EDITABLE = (
    ("title", "Title", "The article's title"),
    ("date", "Date", "YYYY-MM-DD"),
    ("author", "Author", "Who wrote it"),
    ("source", "Source", "Where it was published"),
    ("url", "Web address", "https://…"),
)
#: Shown, not edited.
READ_ONLY = (
    ("Categories", "categories"),
    ("File", "path"),
    ("Imported", "imported_at"),
    ("Changed", "modified_at"),
)


class DetailsPane(QScrollArea):
    """``field_edited(article_id, field, value)`` when a field is left changed;
    ``themes_requested(article_id)`` from the Themes… button; ``theme_removed`` from a
    chip's ×; ``note_edited(article_id, old, new)`` from the note."""

    note_edited = Signal(object, str, str)
    field_edited = Signal(int, str, str)
    themes_requested = Signal(int)
    theme_removed = Signal(int, str)

    def __init__(
        self,
        parent: QWidget | None = None,
        label_of: Callable[[str], str] = str,
        colour_of: Callable[[str], QColor] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("detailsPane")
        self.setWidgetResizable(True)
        self.article: Article | None = None
        self.label_of, self.colour_of = label_of, colour_of
        body = QWidget(self)
        self.heading = QLabel(self.tr("Article"), body)
        self.heading.setObjectName("paneHeading")
        self.title = QLabel(body)  # the heading shows the title too, as plain text
        self.title.setObjectName("detailsTitle")
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        themes_label = QLabel(self.tr("Themes"), body)
        themes_label.setObjectName("fieldLabel")
        self.chips = QHBoxLayout()
        self.chips.setSpacing(4)
        self.chips.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        self.themes_button = QPushButton(icon("theme"), self.tr("Themes…"), body)
        self.themes_button.setObjectName("articleThemesButton")
        self.themes_button.setToolTip(self.tr("Tag the whole article with themes"))
        self.themes_button.clicked.connect(
            lambda: self.article and self.themes_requested.emit(self.article.id)
        )
        chip_row = QVBoxLayout()
        chip_row.addLayout(self.chips)
        chip_row.addWidget(self.themes_button, 0, Qt.AlignmentFlag.AlignLeft)

        note_label = QLabel(self.tr("Article note"), body)
        note_label.setObjectName("fieldLabel")
        self.note = NoteEditor(body)
        self.note.setObjectName("articleNote")
        self.note.setPlaceholderText(self.tr("Notes on the whole article…"))
        self.note.setMaximumHeight(140)
        self.note.committed.connect(self.note_edited)

        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        self.fields: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        for attr, label, placeholder in EDITABLE:
            edit = QLineEdit(body)
            edit.setObjectName(f"articleField_{attr}")
            edit.setPlaceholderText(self.tr(placeholder))
            edit.editingFinished.connect(lambda a=attr: self._field_left(a))
            edit.installEventFilter(self)
            error = QLabel(body)
            error.setObjectName("fieldError")
            error.setTextFormat(Qt.TextFormat.PlainText)
            error.setWordWrap(True)
            error.setStyleSheet("color: #c0392b")
            error.hide()
            caption = QLabel(self.tr(label), body)
            caption.setObjectName("fieldLabel")
            column = QVBoxLayout()
            column.setSpacing(2)
            column.addWidget(edit)
            column.addWidget(error)
            self.form.addRow(caption, column)
            self.fields[attr], self.errors[attr] = edit, error
        self.open_link = QToolButton(body)
        self.open_link.setObjectName("openLink")
        self.open_link.setText(self.tr("Open in browser"))
        self.open_link.setAutoRaise(True)
        self.open_link.clicked.connect(self._open_link)
        self.form.addRow("", self.open_link)
        self.values: dict[str, QLabel] = {}
        for label, attr in READ_ONLY:
            value = QLabel(body)
            value.setWordWrap(True)
            value.setTextFormat(Qt.TextFormat.PlainText)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            caption = QLabel(self.tr(label), body)
            caption.setObjectName("fieldLabel")
            self.form.addRow(caption, value)
            self.values[attr] = value
        self.counts = QLabel(body)
        self.counts.setObjectName("fieldLabel")
        self.counts.setWordWrap(True)

        layout = QVBoxLayout(body)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(self.heading)
        layout.addWidget(self.title)
        layout.addWidget(themes_label)
        layout.addLayout(chip_row)
        layout.addWidget(note_label)
        layout.addWidget(self.note)
        layout.addLayout(self.form)
        layout.addWidget(self.counts)
        layout.addStretch(1)
        self.setWidget(body)
        self._themes: tuple[str, ...] = ()
        self.show_article(None)

    # -- notes ---------------------------------------------------------------------------

    def save_note(self) -> None:
        self.note.flush()

    def set_note(self, article_id: int, note: str) -> None:
        """The note changed in the store (undo/redo): show it unless it is being typed."""
        self.note.stored(article_id, note)

    # -- showing -------------------------------------------------------------------------

    def show_article(self, article: Article | None, themes: Sequence[str] = ()) -> None:
        """Show ``article`` (None: nothing open). Fields being edited keep their text."""
        same = article is not None and self.article is not None and article.id == self.article.id
        self.article = article
        if not same:
            self.note.load(article.id if article else None, article.note if article else "")
        else:
            self.note.stored(article.id, article.note)  # type: ignore[union-attr]
        self.note.setEnabled(article is not None)
        self.themes_button.setEnabled(article is not None)
        self.title.setText(article.title if article else self.tr("No article open"))
        for attr, edit in self.fields.items():
            edit.setEnabled(article is not None)
            if not (same and edit.hasFocus()):
                edit.setText(str(getattr(article, attr, "") or "") if article else "")
                edit.setCursorPosition(0)  # a long title shows its beginning
                edit.setProperty("stored", edit.text())
                self.errors[attr].hide()
        link = article.url if article and article.url and is_safe_link(article.url) else None
        self.open_link.setVisible(link is not None)
        self.open_link.setToolTip(plain_html(link))
        for attr, label in self.values.items():
            value = getattr(article, attr, None) if article else None
            if isinstance(value, tuple):
                value = ", ".join(value)
            elif attr == "path" and value:
                label.setToolTip(plain_html(str(value)))
                value = str(value).rsplit("/", 1)[-1]
            elif attr.endswith("_at") and value:
                value = str(value).replace("T", " ").replace("Z", " UTC")
            label.setText(str(value or ""))
            self.form.setRowVisible(label, bool(value))
        if article:
            words = len(article.text.split())
            self.counts.setText(
                self.tr("%1 words · about %2 min read")
                .replace("%1", f"{words:,}")
                .replace("%2", str(max(1, round(words / 230))))
            )
        else:
            self.counts.setText("")
        self.show_themes(themes if article else ())

    def _remove_theme(self, theme_id: str) -> None:
        if self.article is not None:
            self.theme_removed.emit(self.article.id, theme_id)

    def show_themes(self, themes: Sequence[str]) -> None:
        """The article's own themes as chips, each with × to take it off."""
        self._themes = tuple(themes)
        while self.chips.count():
            item = self.chips.takeAt(0)
            if item is not None and (old := item.widget()) is not None:
                old.deleteLater()
        for theme_id in self._themes:
            chip = QToolButton(self.widget())
            chip.setObjectName("articleThemeChip")
            chip.setText(f"{self.label_of(theme_id)}  ×")
            chip.setToolTip(self.tr("Remove this theme from the article"))  # our own text
            chip.setProperty("theme_id", theme_id)
            if self.colour_of is not None:
                colour = self.colour_of(theme_id)
                chip.setStyleSheet(
                    f"QToolButton {{ background: {colour.name()}; color: "
                    f"{readable_text_on(colour).name()}; border-radius: 8px; padding: 1px 8px; }}"
                )
            chip.clicked.connect(lambda _=False, t=theme_id: self._remove_theme(t))
            self.chips.addWidget(chip)
        if not self._themes:
            none = QLabel(self.tr("None yet"), self.widget())
            none.setObjectName("placeholder")
            self.chips.addWidget(none)
        self.chips.addStretch(1)

    def show_error(self, field: str, message: str, stored: str) -> None:
        """The core refused a value: say why under the field and show the stored one."""
        edit = self.fields[field]
        self.errors[field].setText(message)
        self.errors[field].show()
        edit.setText(stored)
        edit.setProperty("stored", stored)

    # -- editing -------------------------------------------------------------------------

    def _field_left(self, attr: str) -> None:
        edit = self.fields[attr]
        if self.article is None:
            return
        value = edit.text().strip()
        if value == str(edit.property("stored") or ""):
            return
        self.errors[attr].hide()
        edit.setProperty("stored", value)
        self.field_edited.emit(self.article.id, attr, value)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Escape in a field puts the stored value back."""
        if (
            isinstance(watched, QLineEdit)
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Escape
        ):
            watched.setText(str(watched.property("stored") or ""))
            return True
        return super().eventFilter(watched, event)

    def _open_link(self) -> None:
        if self.article is not None and self.article.url:
            open_safe_link(self.article.url)
