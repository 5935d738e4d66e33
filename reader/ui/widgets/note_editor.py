"""One note editor for highlight notes, the article note and a theme's description.

A note is saved as you type (after a short pause) and on every way out: focus leaving
the box, another highlight or article loaded into it, the window closing. The saving
rule — compare with what was last saved for the same owner — is :class:`Draft`'s.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from reader.ui.widgets.draft import Draft

NOTE_SAVE_MS = 400


class NoteEditor(QPlainTextEdit):
    """Edits the note of one owner at a time (a highlight id, an article id).

    ``committed(owner, old, new)`` is emitted once per pause in typing (``pause_ms``)
    and on leaving; the receiver writes it to the store. ``owner`` is None when nothing
    is loaded.
    """

    committed = Signal(object, str, str)

    def __init__(self, parent: QWidget | None = None, pause_ms: int = NOTE_SAVE_MS) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.draft = Draft(self, self.toPlainText, self.setPlainText, pause_ms)
        self.draft.committed.connect(self.committed)
        self.textChanged.connect(self.draft.typed)

    @property
    def owner(self) -> Any:
        return self.draft.owner

    def is_dirty(self) -> bool:
        return self.draft.is_dirty()

    def load(self, owner: Any, text: str) -> None:
        """Show ``owner``'s note; the note being typed for the previous owner is saved first."""
        self.draft.load(owner, text)

    def flush(self) -> None:
        """Save now if the text differs from what was last saved for this owner."""
        self.draft.flush()

    def stored(self, owner: Any, text: str) -> None:
        """The store holds ``text`` for ``owner`` now (undo, redo, another process).

        Shown unless the user has typed something not yet saved for that owner.
        """
        self.draft.stored(owner, text)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.flush()
