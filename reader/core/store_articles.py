"""SQL for articles: metadata edits, whole-article themes, removal and exact restore,
page maps, and the counts an export scope states.

The rules live in :mod:`reader.core.articles`, :mod:`reader.core.pages` and
:mod:`reader.core.export.summary`; this module only says how they map onto tables.
Writers take the connection of a transaction the caller holds (so one edit is one
transaction); readers take the :class:`Store`.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence

from reader.core.models import Article
from reader.core.store import Store, where_among

#: Columns :func:`update_article_fields` may set (the metadata a user edits).
EDITABLE = frozenset({"title", "date", "author", "source", "url"})


def article_exists(store: Store, article_id: int) -> bool:
    return bool(store.query("SELECT 1 FROM articles WHERE id = ?", (article_id,)))


def update_article_fields(
    db: sqlite3.Connection, article_id: int, fields: Mapping[str, str | None], modified_at: str
) -> None:
    """Set some of :data:`EDITABLE` (and ``modified_at``) on one article."""
    unknown = set(fields) - EDITABLE
    if unknown:
        raise ValueError(f"not editable article fields: {sorted(unknown)}")
    columns = ", ".join(f"{k} = ?" for k in fields)
    db.execute(
        f"UPDATE articles SET {columns}, modified_at = ? WHERE id = ?",
        (*fields.values(), modified_at, article_id),
    )


def add_article_theme(db: sqlite3.Connection, article_id: int, theme_id: str) -> int:
    """Put a theme on a whole article; 1 if it was added, 0 if it was there already."""
    cur = db.execute(
        "INSERT INTO article_themes (article_id, theme_id) SELECT ?, ?"
        " WHERE NOT EXISTS (SELECT 1 FROM article_themes"
        " WHERE article_id = ? AND theme_id = ?)",
        (article_id, theme_id, article_id, theme_id),
    )
    return max(cur.rowcount, 0)


def remove_article_theme(db: sqlite3.Connection, article_id: int, theme_id: str) -> int:
    """Take a theme off a whole article; 1 if it was there, else 0."""
    cur = db.execute(
        "DELETE FROM article_themes WHERE article_id = ? AND theme_id = ?",
        (article_id, theme_id),
    )
    return max(cur.rowcount, 0)


def themes_of_articles(store: Store, article_ids: Iterable[int]) -> list[tuple[int, str]]:
    """``(article id, theme id)`` of the given articles' own themes, in tagging order."""
    return [
        (int(aid), str(theme))
        for aid, theme in store.query(
            "SELECT article_id, theme_id FROM article_themes"
            " WHERE article_id IN (SELECT value FROM json_each(?)) ORDER BY rowid",
            (json.dumps(list(article_ids)),),
        )
    ]


def replace_article_themes(
    db: sqlite3.Connection, article_id: int, theme_ids: Sequence[str]
) -> None:
    """Make an article's own themes exactly ``theme_ids`` (nothing if it was removed)."""
    db.execute("DELETE FROM article_themes WHERE article_id = ?", (article_id,))
    db.executemany(
        "INSERT INTO article_themes (article_id, theme_id)"
        " SELECT ?, ? WHERE EXISTS (SELECT 1 FROM articles WHERE id = ?)",
        [(article_id, t, article_id) for t in theme_ids],
    )


def own_theme_ids(db: sqlite3.Connection, article_id: int) -> tuple[str, ...]:
    return tuple(
        str(r[0])
        for r in db.execute(
            "SELECT theme_id FROM article_themes WHERE article_id = ? ORDER BY rowid",
            (article_id,),
        )
    )


def dismissals_of(db: sqlite3.Connection, article_id: int) -> tuple[tuple[str, str, str], ...]:
    """``(theme id, quote, dismissed at)`` of the suggestions dismissed on an article."""
    return tuple(
        (str(r[0]), str(r[1]), str(r[2]))
        for r in db.execute(
            "SELECT theme_id, quote, dismissed_at FROM suggestion_dismissals"
            " WHERE article_id = ? ORDER BY rowid",
            (article_id,),
        )
    )


def delete_article_row(db: sqlite3.Connection, article_id: int) -> None:
    """Delete an article; its highlights, themes and dismissals go with it (cascade)."""
    db.execute("DELETE FROM articles WHERE id = ?", (article_id,))


def article_taking_place_of(db: sqlite3.Connection, article: Article) -> int | None:
    """The id of a stored article holding ``article``'s id or file, if any."""
    row = db.execute(
        "SELECT id FROM articles WHERE id = ? OR (path IS NOT NULL AND path = ?)",
        (article.id, article.path),
    ).fetchone()
    return None if row is None else int(row[0])


def insert_article_row(db: sqlite3.Connection, a: Article) -> None:
    """Insert ``a`` exactly as it was stored (same id, times and note)."""
    db.execute(
        "INSERT INTO articles (id, title, text, content_hash, imported_at, modified_at,"
        " date, source, author, url, categories, path, note)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            a.id,
            a.title,
            a.text,
            a.content_hash,
            a.imported_at,
            a.modified_at,
            a.date,
            a.source,
            a.author,
            a.url,
            json.dumps(list(a.categories)),
            a.path,
            a.note,
        ),
    )


def insert_article_extras(
    db: sqlite3.Connection,
    article_id: int,
    themes: Sequence[str],
    dismissals: Sequence[tuple[str, str, str]],
) -> None:
    """Put back an article's own themes and dismissed suggestions as they were."""
    db.executemany(
        "INSERT INTO article_themes (article_id, theme_id) VALUES (?, ?)",
        [(article_id, t) for t in themes],
    )
    db.executemany(
        "INSERT INTO suggestion_dismissals (article_id, theme_id, quote, dismissed_at)"
        " VALUES (?, ?, ?, ?)",
        [(article_id, *d) for d in dismissals],
    )


def restore_article_metadata(db: sqlite3.Connection, before: Article) -> None:
    """Put back the editable metadata and ``modified_at`` exactly as ``before`` held."""
    db.execute(
        "UPDATE articles SET title = ?, date = ?, author = ?, source = ?, url = ?,"
        " modified_at = ? WHERE id = ?",
        (
            before.title,
            before.date,
            before.author,
            before.source,
            before.url,
            before.modified_at,
            before.id,
        ),
    )


def article_addresses(store: Store) -> list[tuple[int, str | None, str | None, str]]:
    """``(id, url, path, content hash)`` of every article: what an annotation's target
    may name it by."""
    return [
        (int(r[0]), r[1], r[2], str(r[3]))
        for r in store.query("SELECT id, url, path, content_hash FROM articles")
    ]


def article_texts(store: Store) -> dict[int, str]:
    """Every article's plain text by id (all of them in memory: for a one-off match)."""
    return {int(r[0]): str(r[1]) for r in store.query("SELECT id, text FROM articles")}


# -- page maps (PDF articles) ----------------------------------------------------------------


def replace_page_starts(db: sqlite3.Connection, article_id: int, starts: Sequence[int]) -> None:
    """Make the article's page map exactly ``starts`` (page ``i + 1`` begins at
    ``starts[i]``); an empty sequence leaves it unpaged."""
    db.execute("DELETE FROM article_pages WHERE article_id = ?", (article_id,))
    db.executemany(
        "INSERT INTO article_pages (article_id, page, start) VALUES (?, ?, ?)",
        [(article_id, page, start) for page, start in enumerate(starts, 1)],
    )


def page_starts(store: Store, article_id: int) -> tuple[int, ...]:
    """Where each of the article's pages begins, in page order; empty when unpaged."""
    rows = store.query(
        "SELECT start FROM article_pages WHERE article_id = ? ORDER BY page", (article_id,)
    )
    return tuple(int(r[0]) for r in rows)


# -- counts of an export scope --------------------------------------------------------------


def count_articles_among(store: Store, article_ids: Sequence[int]) -> int:
    """How many of ``article_ids`` (without repeats) are stored articles."""
    where, params = where_among(article_ids, "a.id")
    return int(store.query("SELECT count(*) FROM articles a" + where, params)[0][0])


def highlight_counts(store: Store, article_ids: Sequence[int] | None) -> list[tuple[int, int]]:
    """``(article id, highlights)`` of the articles with highlights among ``article_ids``
    (None: all), in export order: by date, undated last, then id. One query."""
    where, params = where_among(article_ids, "a.id")
    return [
        (int(r[0]), int(r[1]))
        for r in store.query(
            "SELECT a.id, count(h.id) FROM articles a JOIN highlights h ON h.article_id = a.id"
            f"{where} GROUP BY a.id ORDER BY a.date IS NULL, a.date, a.id",
            params,
        )
    ]
