"""SQL for the search index's documents: articles with what the researcher added to them.

``search/documents.py`` turns these rows into whoosh documents; this module only says
where they live. Reads are batched by id range so a rebuild of 100k articles makes a
handful of queries, not one per article.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from reader.core.store import Store

_COLUMNS = "id, title, text, date, source, author, note, modified_at"


def articles_after(store: Store, last_id: int, limit: int) -> list[sqlite3.Row]:
    """Up to ``limit`` article rows with ids above ``last_id``, in id order."""
    return store.query(
        f"SELECT {_COLUMNS} FROM articles WHERE id > ? ORDER BY id LIMIT ?", (last_id, limit)
    )


def articles_with_ids(store: Store, ids: Sequence[int]) -> list[sqlite3.Row]:
    """The rows of those of ``ids`` still in the store, in id order."""
    marks = ",".join("?" * len(ids))
    return store.query(
        f"SELECT {_COLUMNS} FROM articles WHERE id IN ({marks}) ORDER BY id", list(ids)
    )


def themes_between(store: Store, lo: int, hi: int) -> dict[int, set[str]]:
    """Per article with an id in ``lo..hi``: the themes on it and on its highlights."""
    themes: dict[int, set[str]] = {}
    for row in store.query(
        "SELECT article_id, theme_id FROM article_themes WHERE article_id BETWEEN ? AND ?"
        " UNION SELECT h.article_id, t.theme_id FROM highlights h"
        " JOIN highlight_themes t ON t.highlight_id = h.id"
        " WHERE h.article_id BETWEEN ? AND ?",
        (lo, hi, lo, hi),
    ):
        themes.setdefault(int(row[0]), set()).add(str(row[1]))
    return themes


def highlight_texts_between(
    store: Store, lo: int, hi: int
) -> tuple[dict[int, list[str]], dict[int, list[str]]]:
    """Per article with an id in ``lo..hi``: its highlights' quotes and their notes
    (the non-empty ones), in the order of the highlights in the text."""
    quotes: dict[int, list[str]] = {}
    notes: dict[int, list[str]] = {}
    for row in store.query(
        "SELECT article_id, quote, note FROM highlights WHERE article_id BETWEEN ? AND ?"
        " ORDER BY article_id, start, id",
        (lo, hi),
    ):
        aid = int(row[0])
        if row[1]:
            quotes.setdefault(aid, []).append(row[1])
        if row[2]:
            notes.setdefault(aid, []).append(row[2])
    return quotes, notes
