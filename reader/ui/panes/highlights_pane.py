"""Right pane, first tab: the open article's highlights and an editor for the selected one.

The list and the reader stay in step both ways: choosing a highlight here scrolls the
reader to it and flashes it; clicking highlighted text in the reader selects it here.
Notes save as you type (after a short pause) and on every way out, through the one
:class:`NoteEditor` that the article note uses too; each pause is one merged undo step.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.core.models import Highlight
from reader.ui.delegates.highlight_card import HighlightDelegate
from reader.ui.look.icons import icon
from reader.ui.look.theme_look import ThemeLook
from reader.ui.look.wording import plural
from reader.ui.models.highlights_model import HIGHLIGHT_ROLE, HighlightsModel
from reader.ui.widgets.note_editor import NoteEditor


class HighlightsPane(QWidget):
    selected = Signal(object)  # Highlight
    note_edited = Signal(object, str, str)  # highlight id, old note, new note
    themes_requested = Signal(object, object)  # Highlight, the button to anchor a menu
    delete_requested = Signal(object)  # Highlight

    def __init__(self, look: ThemeLook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("highlightsPane")
        self.model = HighlightsModel(self)
        self.heading = QLabel(self.tr("Highlights"), self)
        self.heading.setObjectName("paneHeading")
        self.list = QListView(self)
        self.list.setObjectName("highlightsList")
        self.list.setModel(self.model)
        self.list.setItemDelegate(HighlightDelegate(look, self.list))
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setUniformItemSizes(False)
        self.list.setWordWrap(True)
        self.list.selectionModel().currentChanged.connect(self._current_changed)
        self.list.clicked.connect(lambda index: self.selected.emit(index.data(HIGHLIGHT_ROLE)))
        look.changed.connect(self.list.viewport().update)
        self.empty = QLabel(
            self.tr(
                "No highlights yet.\n\nSelect text in the article and press "
                "H to highlight it, N to highlight and write a note, or "
                "1–9 for a theme."
            ),
            self,
        )
        self.empty.setObjectName("placeholder")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

        self.note = NoteEditor(self)
        self.note.setObjectName("noteEdit")
        self.note.setPlaceholderText(self.tr("Write a note… (plain text or Markdown)"))
        self.note.setMaximumHeight(130)
        self.note.committed.connect(self.note_edited)
        self.themes_button = QPushButton(icon("theme"), self.tr("Themes…"), self)
        self.delete_button = QToolButton(self)
        self.delete_button.setIcon(icon("delete"))
        self.delete_button.setToolTip(self.tr("Delete the highlight (Del); Ctrl+Z brings it back"))
        self.delete_button.setAutoRaise(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.themes_button)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
        self.editor = QWidget(self)
        editor_layout = QVBoxLayout(self.editor)
        editor_layout.setContentsMargins(0, 6, 0, 0)
        note_label = QLabel(self.tr("Note"), self.editor)
        note_label.setObjectName("fieldLabel")
        editor_layout.addWidget(note_label)
        editor_layout.addWidget(self.note)
        editor_layout.addLayout(buttons)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addWidget(self.heading)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.editor)

        self.themes_button.clicked.connect(self._request_themes)
        self.delete_button.clicked.connect(self._request_delete)
        self.show_highlights([])

    # -- content -------------------------------------------------------------------------

    def show_highlights(
        self, items: list[Highlight], keep: int | None = None, pages: tuple[int, ...] = ()
    ) -> None:
        """Show the article's highlights ("p. 12" on each when ``pages`` maps a PDF's
        pages); reselect ``keep`` (an id) when it is still there."""
        self.note.flush()
        current = self.current()
        keep = keep if keep is not None else (current.id if current else None)
        self.model.set_highlights(items, pages)
        self.heading.setText(
            plural(len(items), self.tr("highlight")).upper() if items else self.tr("HIGHLIGHTS")
        )
        self.list.setVisible(bool(items))
        self.empty.setVisible(not items)
        row = self.model.row_of(keep) if keep is not None else None
        if row is not None:
            self.select(items[row].id)
        else:
            self._show_editor(None)

    def select(self, highlight_id: int) -> None:
        row = self.model.row_of(highlight_id)
        if row is None:
            return
        index = self.model.index(row, 0)
        self.list.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.list.scrollTo(index)

    def _request_themes(self) -> None:
        if (highlight := self.current()) is not None:
            self.themes_requested.emit(highlight, self.themes_button)

    def _request_delete(self) -> None:
        if (highlight := self.current()) is not None:
            self.delete_requested.emit(highlight)

    def current(self) -> Highlight | None:
        index = self.list.currentIndex()
        return index.data(HIGHLIGHT_ROLE) if index.isValid() else None

    def edit_note(self) -> None:
        """Put the cursor in the note of the selected highlight."""
        self.note.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.note.moveCursor(self.note.textCursor().MoveOperation.End)

    # -- editing -------------------------------------------------------------------------

    def _current_changed(self) -> None:
        self._show_editor(self.current())

    def _show_editor(self, item: Highlight | None) -> None:
        self.editor.setVisible(item is not None)
        if item is None:
            self.note.load(None, "")
            return
        if self.note.owner == item.id and (self.note.hasFocus() or self.note.is_dirty()):
            return  # the user is typing in this note: do not reset their cursor
        self.note.load(item.id, item.note)

    def save_note(self) -> None:
        """Save the note being typed now (before quitting, switching library…)."""
        self.note.flush()
