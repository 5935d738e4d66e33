"""SQL for themes on highlights and articles: bulk snapshots for undo, usage, and the
dismissed theme suggestions.

The rules live in :mod:`reader.core.themes`; this module only says how they map onto
the ``highlight_themes``, ``article_themes`` and ``suggestion_dismissals`` tables.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from reader.core.store import Store, utc_now, where_among


def highlight_theme_rows(store: Store, theme_ids: Sequence[str]) -> list[tuple[int, str, int]]:
    """``(highlight id, theme id, position)`` carrying any of ``theme_ids``."""
    marks = ",".join("?" * len(theme_ids))
    return [
        (int(r[0]), str(r[1]), int(r[2]))
        for r in store.query(
            "SELECT highlight_id, theme_id, position FROM highlight_themes"
            f" WHERE theme_id IN ({marks})"
            " ORDER BY highlight_id, position",
            theme_ids,
        )
    ]


def article_theme_rows(store: Store, theme_ids: Sequence[str]) -> list[tuple[int, str]]:
    """``(article id, theme id)`` of whole articles carrying any of ``theme_ids``."""
    marks = ",".join("?" * len(theme_ids))
    return [
        (int(r[0]), str(r[1]))
        for r in store.query(
            f"SELECT article_id, theme_id FROM article_themes WHERE theme_id IN ({marks})"
            " ORDER BY article_id",
            theme_ids,
        )
    ]


def dismissal_rows(store: Store, theme_ids: Sequence[str]) -> list[tuple[int, str, str, str]]:
    """``(article id, theme id, quote, dismissed at)`` of dismissed suggestions of any of
    ``theme_ids``."""
    marks = ",".join("?" * len(theme_ids))
    return [
        (int(r[0]), str(r[1]), str(r[2]), str(r[3]))
        for r in store.query(
            "SELECT article_id, theme_id, quote, dismissed_at FROM suggestion_dismissals"
            f" WHERE theme_id IN ({marks}) ORDER BY article_id",
            theme_ids,
        )
    ]


def replace_theme_rows(
    store: Store,
    theme_ids: Sequence[str],
    highlight_rows: Sequence[tuple[int, str, int]],
    article_rows: Sequence[tuple[int, str]],
    dismissals: Sequence[tuple[int, str, str, str]] = (),
) -> None:
    """In one transaction, make the rows of ``theme_ids`` exactly the given ones (the
    dismissed suggestions too); rows of highlights or articles deleted since are skipped."""
    marks = ",".join("?" * len(theme_ids))
    with store.transaction() as db:
        db.execute(f"DELETE FROM highlight_themes WHERE theme_id IN ({marks})", theme_ids)
        db.execute(f"DELETE FROM article_themes WHERE theme_id IN ({marks})", theme_ids)
        db.execute(f"DELETE FROM suggestion_dismissals WHERE theme_id IN ({marks})", theme_ids)
        db.executemany(
            "INSERT OR IGNORE INTO suggestion_dismissals"
            " (article_id, theme_id, quote, dismissed_at)"
            " SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM articles WHERE id = ?)",
            [(a, t, q, when, a) for a, t, q, when in dismissals],
        )
        db.executemany(
            "INSERT OR IGNORE INTO highlight_themes (highlight_id, theme_id, position)"
            " SELECT ?, ?, ? WHERE EXISTS (SELECT 1 FROM highlights WHERE id = ?)",
            [(h, t, p, h) for h, t, p in highlight_rows],
        )
        db.executemany(
            "INSERT OR IGNORE INTO article_themes (article_id, theme_id)"
            " SELECT ?, ? WHERE EXISTS (SELECT 1 FROM articles WHERE id = ?)",
            [(a, t, a) for a, t in article_rows],
        )


def used_theme_ids(store: Store) -> set[str]:
    """Theme ids carried by some highlight or whole article."""
    return {
        str(r[0])
        for r in store.query(
            "SELECT theme_id FROM highlight_themes UNION SELECT theme_id FROM article_themes"
        )
    }


def theme_row_count(store: Store, theme_id: str) -> int:
    """How many highlights and whole articles carry ``theme_id``, together."""
    row = store.query(
        "SELECT (SELECT count(*) FROM highlight_themes WHERE theme_id = ?)"
        " + (SELECT count(*) FROM article_themes WHERE theme_id = ?)",
        (theme_id, theme_id),
    )
    return int(row[0][0])


# -- dismissed suggestions ------------------------------------------------------------------


def add_dismissal(store: Store, article_id: int, theme_id: str, quote: str) -> None:
    with store.transaction() as db:
        db.execute(
            "INSERT OR IGNORE INTO suggestion_dismissals"
            " (article_id, theme_id, quote, dismissed_at) VALUES (?, ?, ?, ?)",
            (article_id, theme_id, quote, utc_now()),
        )


def remove_dismissal(store: Store, article_id: int, theme_id: str, quote: str) -> None:
    with store.transaction() as db:
        db.execute(
            "DELETE FROM suggestion_dismissals WHERE article_id = ? AND theme_id = ? AND quote = ?",
            (article_id, theme_id, quote),
        )


def dismissals(store: Store, article_id: int) -> set[tuple[str, str]]:
    """``(theme_id, quote)`` of the article's dismissed suggestions."""
    return {
        (str(r[0]), str(r[1]))
        for r in store.query(
            "SELECT theme_id, quote FROM suggestion_dismissals WHERE article_id = ?", (article_id,)
        )
    }


# -- theme rows in bulk, for the in-memory theme sets of reader.core.themes.ops ------------


def article_dates_titles(store: Store, ids: Sequence[int] | None) -> list[sqlite3.Row]:
    """``(article id, date, title)`` rows of ``ids`` (None: every article). Rows, not
    tuples: the cold read of a large library goes through here once per row."""
    where, params = where_among(ids, "id")
    return store.query(f"SELECT id, date, title FROM articles{where}", params)


def article_theme_pairs(store: Store, ids: Sequence[int] | None) -> list[sqlite3.Row]:
    """``(article id, theme id)`` rows of the themes on whole articles of ``ids``."""
    where, params = where_among(ids, "article_id")
    return store.query(f"SELECT article_id, theme_id FROM article_themes{where}", params)


def highlight_theme_triples(store: Store, ids: Sequence[int] | None) -> list[sqlite3.Row]:
    """``(highlight id, article id, theme id)`` rows on the highlights of the articles
    ``ids``, by highlight and then theme position (the first theme gives the colour)."""
    where, params = where_among(ids, "h.article_id")
    return store.query(
        "SELECT t.highlight_id, h.article_id, t.theme_id FROM highlight_themes t"
        f" JOIN highlights h ON h.id = t.highlight_id{where}"
        " ORDER BY t.highlight_id, t.position",
        params,
    )


def merge_theme_rows(store: Store, source_id: str, target_id: str) -> int:
    """In one transaction, put ``target_id`` wherever ``source_id`` is on highlights,
    articles and dismissals (a row carrying both keeps one) and drop ``source_id``.
    Returns how many highlights carried the source."""
    with store.transaction() as db:
        moved = int(
            db.execute(
                "SELECT count(*) FROM highlight_themes WHERE theme_id = ?", (source_id,)
            ).fetchone()[0]
        )
        for table, owner in (
            ("highlight_themes", "highlight_id"),
            ("article_themes", "article_id"),
            ("suggestion_dismissals", "article_id"),
        ):
            extra = " AND quote = d.quote" if table == "suggestion_dismissals" else ""
            db.execute(
                f"DELETE FROM {table} AS d WHERE theme_id = ? AND EXISTS (SELECT 1 FROM {table}"
                f" AS o WHERE o.{owner} = d.{owner} AND o.theme_id = ?{extra})",
                (source_id, target_id),
            )
            db.execute(
                f"UPDATE {table} SET theme_id = ? WHERE theme_id = ?", (target_id, source_id)
            )
    return moved


def delete_theme_rows(store: Store, theme_id: str) -> int:
    """In one transaction, take ``theme_id`` off every highlight, article and dismissal;
    returns how many highlights carried it."""
    with store.transaction() as db:
        removed = db.execute(
            "DELETE FROM highlight_themes WHERE theme_id = ?", (theme_id,)
        ).rowcount
        db.execute("DELETE FROM article_themes WHERE theme_id = ?", (theme_id,))
        db.execute("DELETE FROM suggestion_dismissals WHERE theme_id = ?", (theme_id,))
    return int(removed)
