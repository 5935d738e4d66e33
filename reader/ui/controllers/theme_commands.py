"""Undoable theme edits: each one core operation, undone by restoring the core's snapshot.

The window composes no theme edit itself: a command runs one function of
:mod:`reader.core.themes.editing` (create, edit a property, re-parent, merge, delete —
the same the command line runs, so both give the same ids, rows and ``themes.yaml``),
after taking :func:`~reader.core.themes.snapshot_themes`; undo is
:func:`~reader.core.themes.restore_themes`, redo runs the operation again.

:func:`run_theme_edit` runs the edit *before* it goes on the undo stack: a refused edit
(an unknown theme, a name in use, a broken ``themes.yaml``) raises its one-line
:class:`ReaderError` and leaves nothing on the stack.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand, QUndoStack

from reader.core.library import Library
from reader.core.themes import (
    ThemeSnapshot,
    create_theme,
    delete_theme,
    edit_theme,
    merge_theme,
    reparent_theme,
    restore_themes,
    snapshot_themes,
)

Edit = Callable[[Library], object]  # a core theme operation
LibraryOf = Callable[[], Library]  # the window's current library
After = Callable[[], None]  # refresh what shows themes


class ThemeEdit(QUndoCommand):
    """One core theme operation ``edit``; ``rows_of``: the themes whose highlight and
    article rows it rewrites (a merge's source and target), kept for undo with the
    taxonomy. ``after`` runs after every redo and undo (refresh what shows themes)."""

    def __init__(
        self,
        text: str,
        library: LibraryOf,
        edit: Edit,
        after: After,
        rows_of: tuple[str, ...] = (),
    ) -> None:
        super().__init__(text)
        self.library, self.edit, self.after, self.rows_of = library, edit, after, rows_of
        self.before: ThemeSnapshot | None = None
        self._ran = False  # run() made the first redo's change already

    def run(self) -> object:
        """Take the snapshot and run the edit (its first time, before the stack has it)."""
        library = self.library()
        before = snapshot_themes(library, *self.rows_of)
        result = self.edit(library)
        self.before, self._ran = before, True
        return result

    def redo(self) -> None:
        if not self._ran:
            self.run()
        self._ran = False
        self.after()

    def undo(self) -> None:
        if self.before is not None:
            restore_themes(self.library(), self.before)
        self.after()


def run_theme_edit(stack: QUndoStack, command: ThemeEdit) -> object:
    """Run ``command``'s edit and put it on ``stack`` for undo; what the edit returned.
    A refused edit raises its :class:`ReaderError` and is not pushed."""
    result = command.run()
    stack.push(command)
    return result


# -- one command per operation (``text`` is the Undo menu's wording) ---------------------


def new_theme_command(
    text: str, library: LibraryOf, after: After, *, name: str, parent: str | None
) -> ThemeEdit:
    return ThemeEdit(text, library, lambda lib: create_theme(lib, name, parent=parent), after)


def edit_command(
    text: str, library: LibraryOf, after: After, *, theme_id: str, key: str, value: str | None
) -> ThemeEdit:
    """Rename, recolour, describe… any entry of the theme property table."""
    return ThemeEdit(text, library, lambda lib: edit_theme(lib, theme_id, {key: value}), after)


def move_command(
    text: str,
    library: LibraryOf,
    after: After,
    *,
    theme_id: str,
    parent: str | None,
    index: int | None,
) -> ThemeEdit:
    return ThemeEdit(text, library, lambda lib: reparent_theme(lib, theme_id, parent, index), after)


def merge_command(
    text: str, library: LibraryOf, after: After, *, source: str, target: str
) -> ThemeEdit:
    edit: Edit = lambda lib: merge_theme(lib, source, target)  # noqa: E731
    return ThemeEdit(text, library, edit, after, (source, target))


def delete_command(
    text: str, library: LibraryOf, after: After, *, theme_id: str, reassign_to: str | None = None
) -> ThemeEdit:
    edit: Edit = lambda lib: delete_theme(lib, theme_id, reassign_to=reassign_to)  # noqa: E731
    return ThemeEdit(
        text, library, edit, after, (theme_id, *([reassign_to] if reassign_to else []))
    )
