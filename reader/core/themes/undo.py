"""Undo for theme edits: what a theme operation may change, kept before it runs.

A theme edit changes ``themes.yaml`` and, for merge and delete, the theme rows of
highlights, articles and dismissed suggestions. :func:`snapshot_themes` keeps both;
:func:`restore_themes` puts both back in one step, so an undo command in the window is
"snapshot, run the core operation" and "restore": it never composes an edit itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader.core.themes import rows
from reader.core.themes.taxonomy import Taxonomy

if TYPE_CHECKING:
    from reader.core.library import Library


@dataclass(frozen=True, slots=True)
class ThemeSnapshot:
    """The taxonomy and the store rows of some themes, as they were."""

    taxonomy: Taxonomy
    rows: rows.ThemeRows


def snapshot_themes(library: Library, *theme_ids: str) -> ThemeSnapshot:
    """The taxonomy now, and the rows carrying ``theme_ids`` (give the themes a merge
    or delete touches: its source and target; none for an edit of the taxonomy only)."""
    return ThemeSnapshot(library.taxonomy, rows.snapshot(library.store, theme_ids))


def restore_themes(library: Library, snapshot: ThemeSnapshot) -> None:
    """Put the snapshot back: the rows in one transaction that stays open until
    ``themes.yaml`` is written, so a failed write (a broken file is never overwritten)
    leaves both as they were."""
    store = library.store
    with store.transaction():
        rows.restore(store, snapshot.rows)
        if library.taxonomy != snapshot.taxonomy:
            library.save_taxonomy(snapshot.taxonomy)
