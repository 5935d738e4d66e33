"""Undoable theme-taxonomy edits: change a theme, re-parent, merge, delete.

Each command saves themes.yaml (atomically, through the library) and, for merge and
delete, rewrites the theme rows of highlights and articles; a snapshot of those rows
taken first lets undo put back exactly what was there.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from reader.core.store import Store
from reader.core.themes import Taxonomy, merge_themes, remove_theme_from_highlights
from reader.core.themes import rows as theme_rows
from reader.core.themes.editing import merged_taxonomy

SaveTaxonomy = Callable[[Taxonomy], None]


class TaxonomyEdit(QUndoCommand):
    """Any change that touches only themes.yaml (new, rename, recolour, describe, move)."""

    def __init__(
        self, text: str, save: SaveTaxonomy, old: Taxonomy, new: Taxonomy, after: Callable[[], None]
    ) -> None:
        super().__init__(text)
        self.save, self.old, self.new, self.after = save, old, new, after

    def redo(self) -> None:
        self.save(self.new)
        self.after()

    def undo(self) -> None:
        self.save(self.old)
        self.after()


class RowsAndTaxonomyEdit(QUndoCommand):
    """Merge (``target`` given) or delete (``target`` None) a theme, with its rows."""

    def __init__(
        self,
        text: str,
        save: SaveTaxonomy,
        store: Callable[[], Store],
        old: Taxonomy,
        source: str,
        target: str | None,
        after: Callable[[], None],
    ) -> None:
        super().__init__(text)
        self.save, self.store, self.old, self.after = save, store, old, after
        self.source, self.target = source, target
        self.rows: theme_rows.ThemeRows | None = None
        self.moved = 0

    def redo(self) -> None:
        store = self.store()
        self.rows = theme_rows.snapshot(store, [t for t in (self.source, self.target) if t])
        if self.target is not None:
            self.moved = merge_themes(store, self.source, self.target)
        else:
            self.moved = remove_theme_from_highlights(store, self.source)
        # The taxonomy after as the core's merge/delete leave it (a merge puts the
        # source's sub-themes under the target; a delete moves them up a level).
        if self.target is not None:
            self.save(merged_taxonomy(self.old, self.source, self.target))
        else:
            self.save(self.old.without(self.source))
        self.after()

    def undo(self) -> None:
        if self.rows is not None:
            theme_rows.restore(self.store(), self.rows)
        self.save(self.old)
        self.after()
