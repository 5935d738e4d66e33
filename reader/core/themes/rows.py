"""Snapshots of which highlights and articles carry some themes, to undo theme edits.

A merge or a delete rewrites theme rows in bulk; undo must put back exactly the rows that
were there (positions included, so colours come back too). Taking a snapshot of the
affected themes before the edit and replacing them on undo does that in one transaction.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from reader.core.store import Store


@dataclass(frozen=True, slots=True)
class ThemeRows:
    theme_ids: tuple[str, ...]
    highlight_rows: tuple[tuple[int, str, int], ...]  # (highlight id, theme id, position)
    article_rows: tuple[tuple[int, str], ...]  # (article id, theme id)


def snapshot(store: Store, theme_ids: Collection[str]) -> ThemeRows:
    ids = tuple(sorted(set(theme_ids)))
    marks = ",".join("?" * len(ids))
    if not ids:
        return ThemeRows((), (), ())
    highlight_rows = tuple(
        (int(r[0]), str(r[1]), int(r[2]))
        for r in store.query(
            "SELECT highlight_id, theme_id, position FROM highlight_themes"
            f" WHERE theme_id IN ({marks})"
            " ORDER BY highlight_id, position",
            ids,
        )
    )
    article_rows = tuple(
        (int(r[0]), str(r[1]))
        for r in store.query(
            f"SELECT article_id, theme_id FROM article_themes WHERE theme_id IN ({marks})"
            " ORDER BY article_id",
            ids,
        )
    )
    return ThemeRows(ids, highlight_rows, article_rows)


def restore(store: Store, rows: ThemeRows, also: Collection[str] = ()) -> None:
    """Make the rows of ``rows.theme_ids`` (and ``also``) exactly what the snapshot held.

    Rows of highlights deleted since are skipped (their ids no longer exist)."""
    ids = tuple(sorted({*rows.theme_ids, *also}))
    if not ids:
        return
    marks = ",".join("?" * len(ids))
    with store.transaction() as db:
        db.execute(f"DELETE FROM highlight_themes WHERE theme_id IN ({marks})", ids)
        db.execute(f"DELETE FROM article_themes WHERE theme_id IN ({marks})", ids)
        db.executemany(
            "INSERT OR IGNORE INTO highlight_themes (highlight_id, theme_id, position)"
            " SELECT ?, ?, ? WHERE EXISTS (SELECT 1 FROM highlights WHERE id = ?)",
            [(h, t, p, h) for h, t, p in rows.highlight_rows],
        )
        db.executemany(
            "INSERT OR IGNORE INTO article_themes (article_id, theme_id)"
            " SELECT ?, ? WHERE EXISTS (SELECT 1 FROM articles WHERE id = ?)",
            [(a, t, a) for a, t in rows.article_rows],
        )
