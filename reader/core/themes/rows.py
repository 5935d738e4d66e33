"""Snapshots of which highlights and articles carry some themes, to undo theme edits.

A merge or a delete rewrites theme rows in bulk; undo must put back exactly the rows that
were there (positions included, so colours come back too, and the suggestions dismissed
for those themes). Taking a snapshot of the affected themes before the edit and
replacing them on undo does that in one transaction. :mod:`reader.core.themes.undo`
pairs this with the taxonomy for the whole of a theme edit.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from reader.core import store_themes as sql
from reader.core.store import Store


@dataclass(frozen=True, slots=True)
class ThemeRows:
    theme_ids: tuple[str, ...]
    highlight_rows: tuple[tuple[int, str, int], ...]  # (highlight id, theme id, position)
    article_rows: tuple[tuple[int, str], ...]  # (article id, theme id)
    dismissals: tuple[tuple[int, str, str, str], ...] = ()  # (article, theme, quote, when)


def snapshot(store: Store, theme_ids: Collection[str]) -> ThemeRows:
    ids = tuple(sorted(set(theme_ids)))
    if not ids:
        return ThemeRows((), (), ())
    return ThemeRows(
        ids,
        tuple(sql.highlight_theme_rows(store, ids)),
        tuple(sql.article_theme_rows(store, ids)),
        tuple(sql.dismissal_rows(store, ids)),
    )


def restore(store: Store, rows: ThemeRows, also: Collection[str] = ()) -> None:
    """Make the rows of ``rows.theme_ids`` (and ``also``) exactly what the snapshot held.

    Rows of highlights deleted since are skipped (their ids no longer exist)."""
    ids = tuple(sorted({*rows.theme_ids, *also}))
    if ids:
        sql.replace_theme_rows(store, ids, rows.highlight_rows, rows.article_rows, rows.dismissals)
