"""One note editor for highlight notes and the article note.

A note is saved as you type (after a short pause) and on every way out: focus leaving
the box, another highlight or article loaded into it, the window closing. Saving
compares the text with what was last saved for the same owner, so nothing depends on
a timer still running when the way out happens (that check lost typed notes before).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QPlainTextEdit, QWidget

NOTE_SAVE_MS = 400


class NoteEditor(QPlainTextEdit):
    """Edits the note of one owner at a time (a highlight id, an article id).

    ``committed(owner, old, new)`` is emitted once per pause in typing and on leaving;
    the receiver writes it to the store. ``owner`` is None when nothing is loaded.
    """

    committed = Signal(object, str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self._owner: Any = None
        self._saved = ""
        self._loading = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(NOTE_SAVE_MS)
        self._timer.timeout.connect(self.flush)
        self.textChanged.connect(self._typed)

    @property
    def owner(self) -> Any:
        return self._owner

    def is_dirty(self) -> bool:
        return self._owner is not None and self.toPlainText() != self._saved

    def load(self, owner: Any, text: str) -> None:
        """Show ``owner``'s note; the note being typed for the previous owner is saved first."""
        self.flush()
        self._owner, self._saved = owner, text
        self._set_text(text)

    def flush(self) -> None:
        """Save now if the text differs from what was last saved for this owner."""
        self._timer.stop()
        if self.is_dirty():
            old, self._saved = self._saved, self.toPlainText()
            self.committed.emit(self._owner, old, self._saved)

    def stored(self, owner: Any, text: str) -> None:
        """The store holds ``text`` for ``owner`` now (undo, redo, another process).

        Shown unless the user has typed something not yet saved for that owner.
        """
        if owner != self._owner or self.is_dirty():
            return
        self._saved = text
        if text != self.toPlainText():
            self._set_text(text)

    def _set_text(self, text: str) -> None:
        self._loading = True
        self.setPlainText(text)
        self._loading = False

    def _typed(self) -> None:
        if not self._loading and self._owner is not None:
            self._timer.start()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.flush()
