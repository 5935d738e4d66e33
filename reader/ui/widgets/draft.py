"""What an editor holds for one owner, saved by comparing, never by a timer's say-so.

A note, a theme's description or name: the person types, and the text is saved after a
short pause and on every way out (focus leaving, another owner loaded, the dialog or the
window closing). Each save compares the text with what was last saved *for the same
owner*, so nothing depends on a timer still running when the way out happens — that
check lost typed notes once, and typed theme descriptions after it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal


class Draft(QObject):
    """The text one editor shows for one owner at a time (a highlight id, a theme id).

    ``read``/``write`` get and set the editor's text; the editor calls :meth:`typed` on
    every change it did not make itself and :meth:`flush` on every way out.
    ``committed(owner, old, new)`` is emitted once per pause in typing (``pause_ms``;
    0: no pause save) and on leaving, with the text last saved and the text now; the
    receiver saves it. ``owner`` is None while nothing is loaded, and None is never saved.
    """

    committed = Signal(object, str, str)

    def __init__(
        self,
        parent: QObject,
        read: Callable[[], str],
        write: Callable[[str], None],
        pause_ms: int = 0,
    ) -> None:
        super().__init__(parent)
        self._read, self._write = read, write
        self._owner: Any = None
        self._saved = ""
        self._loading = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(pause_ms)
        self._pauses = pause_ms > 0
        self._timer.timeout.connect(self.flush)

    @property
    def owner(self) -> Any:
        return self._owner

    def is_dirty(self) -> bool:
        return self._owner is not None and self._read() != self._saved

    def load(self, owner: Any, text: str) -> None:
        """Show ``owner``'s text; what was typed for the previous owner is saved first."""
        self.flush()
        self._owner = owner
        self._show(text)

    def flush(self) -> None:
        """Save now if the text differs from what was last saved for this owner."""
        self._timer.stop()
        if self.is_dirty():
            old, self._saved = self._saved, self._read()
            self.committed.emit(self._owner, old, self._saved)

    def stored(self, owner: Any, text: str) -> None:
        """The store holds ``text`` for ``owner`` now (undo, redo, a refused edit…).

        Shown unless the person has typed something not yet saved for that owner.
        """
        if owner != self._owner or self.is_dirty():
            return
        if text != self._read():
            self._show(text)
        self._saved = self._read()

    def typed(self) -> None:
        """The editor's text changed: a save follows the pause (not for loading)."""
        if self._pauses and not self._loading and self._owner is not None:
            self._timer.start()

    def _show(self, text: str) -> None:
        """Put ``text`` in the editor; what it then reads is what counts as saved (a
        digit box shows "" as 0: that is no edit)."""
        self._timer.stop()
        self._loading = True
        try:
            self._write(text)
        finally:
            self._loading = False
        self._saved = self._read()
