"""Every highlight, note and theme edit, as undoable commands over ``reader.core``.

Each command writes through :mod:`reader.core.annotations.highlights` in its own transaction when it
is pushed (``redo``), so the edit is durable at once; undo and redo write again. The
stack is not per article: Ctrl+Z after switching articles undoes the last edit wherever
it was (the window brings that article back into view). After each write the search
index catches up on the writer thread, so quotes and notes are searchable within moments.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from reader.core.annotations import highlights as core
from reader.core.errors import ReaderError, StoreDamagedError
from reader.core.models import Highlight
from reader.core.store import Store
from reader.ui.workspace import Workspace

NOTE_MERGE_ID = 1001
ARTICLE_NOTE_MERGE_ID = 1002
INDEX_DELAY_MS = 250


class AnnotationController(QObject):
    """Owns the undo stack; ``changed(article_id, start, end, reveal)`` after every write
    (start = end = -1 when the whole article should be repainted). ``reveal`` is True
    when the write came from Undo or Redo, which may act on an article not on screen:
    the window then brings it into view. A fresh edit never moves the reader (a note
    saved on the way out of an article must not pull the reader back to it)."""

    changed = Signal(int, int, int, bool)
    article_note_changed = Signal(int, str)
    bulk_changed = Signal()  # theme merges/deletes touched many highlights: repaint all
    index_lagging = Signal(str)  # saved, but the index could not follow (why, one line)

    def __init__(self, *, workspace: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        workspace.index_lagging.connect(self.index_lagging)
        self.stack = QUndoStack(self)
        self._pushing = False
        self._index_timer = QTimer(self)
        self._index_timer.setSingleShot(True)
        self._index_timer.setInterval(INDEX_DELAY_MS)
        self._index_timer.timeout.connect(self._update_index)

    # -- the user's actions --------------------------------------------------------------

    def add(
        self, article_id: int, start: int, end: int, themes: Sequence[str] = (), note: str = ""
    ) -> Highlight | None:
        command = _AddHighlight(self, article_id, start, end, tuple(themes), note)
        self.push(command)
        return command.created

    def delete(self, highlight: Highlight) -> None:
        self.push(_DeleteHighlight(self, highlight))

    def set_note(self, highlight_id: int, old: str, note: str) -> None:
        if note != old:
            highlight = core.highlight(self.store(), highlight_id)
            self.push(_SetNote(self, highlight, old, note))

    def set_themes(self, highlight: Highlight, themes: Sequence[str]) -> None:
        if tuple(themes) != highlight.themes:
            self.push(_SetThemes(self, highlight, tuple(themes)))

    def set_article_note(self, article_id: int, old: str, note: str) -> None:
        if note != old:
            self.push(_ArticleNote(self, article_id, old, note))

    def push(self, command: QUndoCommand) -> None:
        """Run a new edit (its first ``redo``) and put it on the undo stack. A store
        known to refuse changes (damaged) is not asked: the refusal is said at once."""
        refusal = self.workspace.store_refusal()
        if refusal:
            self.workspace.refused(StoreDamagedError(refusal))
            return
        self._pushing = True
        try:
            self.stack.push(command)
        finally:
            self._pushing = False

    # -- for the commands ----------------------------------------------------------------

    def written(self, article_id: int, span: tuple[int | None, int | None] | None) -> None:
        start, end = span if span and span[0] is not None and span[1] is not None else (-1, -1)
        self.changed.emit(article_id, start, end, not self._pushing)
        self._index_timer.start()

    def schedule_index(self) -> None:
        """Bring the index up to date shortly (one update for a burst of edits)."""
        self._index_timer.start()

    def written_widely(self) -> None:
        """Many articles changed at once (a theme merged or deleted)."""
        self.bulk_changed.emit()
        self._index_timer.start()

    def store(self) -> Store:
        return self.workspace.library.store

    def _update_index(self) -> None:
        self.workspace.update_index()

    def flush_index(self) -> None:
        """Queue the pending index update now (before quitting or in tests)."""
        if self._index_timer.isActive():
            self._index_timer.stop()
            self._update_index()


class GuardedCommand(QUndoCommand):
    """An undoable edit whose write may be refused — a damaged store, a full disk, a
    highlight removed meanwhile by another program. Then nothing was written: the
    command leaves the stack (Qt drops an obsolete command) and the workspace says why,
    instead of a traceback. Subclasses write in :meth:`perform` and :meth:`revert`."""

    #: The write and its inverse; every subclass defines both as methods.
    perform: Callable[[], None]
    revert: Callable[[], None]

    def __init__(self, workspace: Workspace, text: str) -> None:
        super().__init__(text)
        self.workspace = workspace

    def redo(self) -> None:
        self._guarded(self.perform)

    def undo(self) -> None:
        self._guarded(self.revert)

    def _guarded(self, write: Callable[[], None]) -> None:
        try:
            write()
        except ReaderError as exc:
            self.setObsolete(True)
            self.workspace.refused(exc)


class _AddHighlight(GuardedCommand):
    def __init__(
        self,
        ctl: AnnotationController,
        article_id: int,
        start: int,
        end: int,
        themes: tuple[str, ...],
        note: str,
    ) -> None:
        super().__init__(ctl.workspace, ctl.tr("Highlight"))
        self.ctl, self.article_id = ctl, article_id
        self.args = (start, end, themes, note)
        self.created: Highlight | None = None

    def perform(self) -> None:
        store = self.ctl.store()
        if self.created is None:
            self.created = core.add_highlight(store, self.article_id, *self.args)
        else:
            core.restore(store, self.created)
        self.ctl.written(self.article_id, (self.created.start, self.created.end))

    def revert(self) -> None:
        if self.created is not None:
            core.delete_highlight(self.ctl.store(), self.created.id)
            self.ctl.written(self.article_id, (self.created.start, self.created.end))


class _DeleteHighlight(GuardedCommand):
    def __init__(self, ctl: AnnotationController, highlight: Highlight) -> None:
        super().__init__(ctl.workspace, ctl.tr("Delete Highlight"))
        self.ctl, self.old = ctl, highlight

    def perform(self) -> None:
        self.old = core.delete_highlight(self.ctl.store(), self.old.id)
        self.ctl.written(self.old.article_id, (self.old.start, self.old.end))

    def revert(self) -> None:
        core.restore(self.ctl.store(), self.old)
        self.ctl.written(self.old.article_id, (self.old.start, self.old.end))


class _SetNote(GuardedCommand):
    """Typing in a note saves as you go; consecutive saves merge into one undo step."""

    def __init__(
        self, ctl: AnnotationController, highlight: Highlight, old: str, note: str
    ) -> None:
        super().__init__(ctl.workspace, ctl.tr("Edit Note"))
        self.ctl, self.highlight, self.old, self.new = ctl, highlight, old, note

    def id(self) -> int:
        return NOTE_MERGE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if (
            isinstance(other, _SetNote)
            and other.highlight.id == self.highlight.id
            and not other.isObsolete()  # a refused save: nothing of it was written
        ):
            self.new = other.new
            return True
        return False

    def _apply(self, note: str) -> None:
        core.set_note(self.ctl.store(), self.highlight.id, note)
        self.ctl.written(self.highlight.article_id, (self.highlight.start, self.highlight.end))

    def perform(self) -> None:
        self._apply(self.new)

    def revert(self) -> None:
        self._apply(self.old)


class _SetThemes(GuardedCommand):
    def __init__(
        self, ctl: AnnotationController, highlight: Highlight, themes: tuple[str, ...]
    ) -> None:
        super().__init__(ctl.workspace, ctl.tr("Change Themes"))
        self.ctl, self.highlight, self.old, self.new = ctl, highlight, highlight.themes, themes

    def _apply(self, themes: tuple[str, ...]) -> None:
        core.set_themes(self.ctl.store(), self.highlight.id, themes)
        self.ctl.written(self.highlight.article_id, (self.highlight.start, self.highlight.end))

    def perform(self) -> None:
        self._apply(self.new)

    def revert(self) -> None:
        self._apply(self.old)


class _ArticleNote(GuardedCommand):
    def __init__(self, ctl: AnnotationController, article_id: int, old: str, new: str) -> None:
        super().__init__(ctl.workspace, ctl.tr("Edit Article Note"))
        self.ctl, self.article_id, self.old, self.new = ctl, article_id, old, new

    def id(self) -> int:
        return ARTICLE_NOTE_MERGE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if (
            isinstance(other, _ArticleNote)
            and other.article_id == self.article_id
            and not other.isObsolete()  # a refused save: nothing of it was written
        ):
            self.new = other.new
            return True
        return False

    def _apply(self, note: str) -> None:
        core.set_article_note(self.ctl.store(), self.article_id, note)
        self.ctl.article_note_changed.emit(self.article_id, note)
        self.ctl.written(self.article_id, None)

    def perform(self) -> None:
        self._apply(self.new)

    def revert(self) -> None:
        self._apply(self.old)
